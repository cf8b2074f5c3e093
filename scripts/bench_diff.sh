#!/usr/bin/env bash
# Speed of the diff of two 10,000-word texts (examples/bench_diff.rs): a near copy (budget
# 10 ms) and the worst cases (unrelated texts, reordered paragraphs, shuffled words; budget
# 1 s each), natively, one thread. Exits 1 when a budget is missed.
#
#   scripts/bench_diff.sh [--words N] [--runs R] [--seed S]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

case "${1:-}" in
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
cargo build --release --quiet --example bench_diff
./target/release/examples/bench_diff "$@"
