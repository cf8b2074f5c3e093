#!/usr/bin/env bash
# Batch analysis at 1k, 10k and 100k articles: time, peak memory and duplicate-detection
# quality against planted copies (the cross-article issue's benchmark).
#
#   scripts/bench_duplicates.sh [--sizes "1000 10000 100000"] [--seed S] [--sweep] [--jobs N]
#
# For each size it generates a corpus with examples/generate_corpus.rs into target/bench/
# (unless one with the same size and seed is there) and runs examples/bench_duplicates.rs on
# it in its own process, so each peak-memory figure is that size's alone. One thread.
# --sweep also measures other shingle sizes, signature lengths and bands on the 10k corpus.
# --jobs N analyses N articles at once (default 1). A million articles (about 4 GB of
# corpus): --sizes 1000000.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

sizes="1000 10000 100000"
seed=7
sweep=false
jobs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --sweep) sweep=true; shift ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet --example generate_corpus --example bench_duplicates
mkdir -p target/bench
for size in $sizes; do
  corpus="target/bench/dup-${size}-seed${seed}.jsonl"
  if [ ! -s "$corpus" ] || [ ! -s "$corpus.truth.json" ]; then
    ./target/release/examples/generate_corpus --articles "$size" --seed "$seed" --out "$corpus"
  fi
  echo
  extra=()
  if [ "$sweep" = true ] && [ "$size" = 10000 ]; then extra=(--sweep); fi
  ./target/release/examples/bench_duplicates "$corpus" --jobs "$jobs" "${extra[@]}"
done
