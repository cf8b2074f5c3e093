#!/usr/bin/env bash
# Cleaning throughput, native and wasm, plus the size of the page's .wasm.
#
#   scripts/bench.sh [--iterations N] [--bytes SIZE] [--seed S] [--skip-wasm]
#
# 1. builds the examples in release mode;
# 2. generates a synthetic corpus (default ~50 MB, seed 1) into target/bench/ unless one with
#    the same size and seed is there already;
# 3. runs examples/bench_clean.rs (clean() per article and analyze() on the batch, one thread);
# 4. times hostile input (a 50 MB paste, a 1 MB line, binary bytes, unbalanced markup, quote
#    marks, white space) at three sizes each (examples/bench_bad_input.rs);
# 5. builds the nodejs wasm package (python3 scripts/build_wasm.py --target nodejs) and runs
#    scripts/bench_wasm.mjs on the same corpus;
# 6. prints the gzip size of www/pkg/article_analyzer_bg.wasm when the web package is built.
#
# The target the issue sets: >= 50 MB/s native cleaning on one core.
set -euo pipefail
cd "$(dirname "$0")/.."

iterations=5
corpus_bytes=50M
seed=1
skip_wasm=false
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations=$2; shift 2 ;;
    --bytes) corpus_bytes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --skip-wasm) skip_wasm=true; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[bench] %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"
log "building the examples (cargo build --release --examples)"
cargo build --release --quiet --example generate_corpus --example bench_clean --example bench_bad_input

mkdir -p target/bench
corpus="target/bench/corpus-${corpus_bytes}-seed${seed}.jsonl"
if [ ! -s "$corpus" ] || [ ! -s "$corpus.truth.json" ]; then
  log "generating $corpus"
  target/release/examples/generate_corpus --out "$corpus" --bytes "$corpus_bytes" --seed "$seed"
fi

echo "== native ($(rustc --version))"
target/release/examples/bench_clean "$corpus" --iterations "$iterations"

echo "== native, hostile input at three sizes (linear time: MB/s about equal along each case)"
target/release/examples/bench_bad_input

if [ "$skip_wasm" = false ]; then
  log "building the nodejs wasm package (python3 scripts/build_wasm.py --target nodejs)"
  python3 scripts/build_wasm.py --target nodejs >&2
  echo "== wasm in Node"
  node scripts/bench_wasm.mjs "$corpus" --iterations "$iterations"
fi

web_wasm=www/pkg/article_analyzer_bg.wasm
if [ -f "$web_wasm" ]; then
  raw=$(wc -c < "$web_wasm")
  gzipped=$(gzip -9 -c "$web_wasm" | wc -c)
  echo "== page package: $web_wasm $raw bytes, gzip -9 $gzipped bytes"
else
  echo "== page package: $web_wasm absent (build it with python3 scripts/build_wasm.py --target web)"
fi
