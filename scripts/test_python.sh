#!/usr/bin/env bash
# Builds the Python package (python/) from this source, installs it into the project's
# .venv (made by scripts/setup.sh) and runs its tests (python/tests/, pytest), then the
# binding crate's own Rust tests (the panic boundary, which no Python call can reach).
#   ./scripts/test_python.sh [PYTEST ARGUMENTS...]
# The build is pip's, as a user's `pip install ./python`, but without build isolation: the
# pinned maturin of .venv builds it, and nothing is fetched. python/target/ keeps the
# compiled crates, so a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

[ -x .venv/bin/python ] || { echo "test_python.sh: no .venv; run ./scripts/setup.sh first" >&2; exit 1; }
# maturin's build hook runs `maturin` from PATH: the one in .venv.
export PATH="$PWD/.venv/bin:$PATH"

python -m pip install --quiet --disable-pip-version-check --no-build-isolation ./python
cd python
python -m pytest -q "$@"
cargo test --quiet
