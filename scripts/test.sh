#!/usr/bin/env bash
# Sets up and runs every test: the one command for CI and before every commit.
#   ./scripts/test.sh
# Steps: tools (scripts/setup.sh), the Rust tests, the Python package (built into .venv and
# tested with pytest), the wasm API tests in Node, the release wasm build (with its Node
# smoke test), the browser test of the page, then formatting and lints (last, so a lint
# never hides a failing test).
# Stops at the first failure and ends with a summary of what passed, failed and did not run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

STEPS=(
  "setup|./scripts/setup.sh"
  "cargo test|cargo test --all-targets --quiet"
  "cargo test --doc|cargo test --doc --quiet"
  "python package (scripts/test_python.sh)|./scripts/test_python.sh"
  "wasm-pack test --node|wasm-pack test --node"
  "build wasm (scripts/build_wasm.py)|python3 scripts/build_wasm.py"
  "browser test (node --test tests/browser/)|node --test tests/browser/"
  "cargo fmt --check|cargo fmt --all -- --check"
  "cargo clippy (native)|cargo clippy --all-targets --quiet -- -D warnings"
  "cargo clippy (wasm32)|cargo clippy --target wasm32-unknown-unknown --lib --tests --quiet -- -D warnings"
  "python crate: cargo fmt --check, clippy|cargo fmt --manifest-path python/Cargo.toml -- --check && cargo clippy --manifest-path python/Cargo.toml --all-targets --quiet -- -D warnings"
)

results=()
current=""
started_at=$SECONDS

summary() {
  local status=$?
  echo
  echo "================ test summary ================"
  for line in "${results[@]}"; do echo "  $line"; done
  local reached=0
  for step in "${STEPS[@]}"; do
    local name="${step%%|*}"
    if [ "$reached" = 1 ]; then echo "  not run  $name"; fi
    if [ "$name" = "$current" ]; then reached=1; fi
  done
  if [ "$status" = 0 ]; then
    echo "ALL PASSED in $((SECONDS - started_at)) s"
  else
    echo "FAILED: $current (exit status $status) after $((SECONDS - started_at)) s"
  fi
}
trap summary EXIT

for step in "${STEPS[@]}"; do
  current="${step%%|*}"
  command="${step#*|}"
  echo
  echo "==> $current: $command"
  step_started=$SECONDS
  if ! bash -c "$command"; then
    results+=("FAILED   $current")
    exit 1
  fi
  results+=("passed   $current ($((SECONDS - step_started)) s)")
done
