#!/usr/bin/env bash
# Throughput of the whole analysis of HTML input, native and wasm, one thread.
#
#   scripts/bench_html.sh [--iterations N] [--bytes SIZE] [--seed S] [--skip-wasm] [PAGES.jsonl...]
#
# 1. builds the examples in release mode;
# 2. generates a text corpus (default ~10 MB, seed 1; examples/generate_corpus.rs) and turns
#    it into pages (examples/bench_html.rs --make-pages: each article framed by a head with
#    meta tags, JSON-LD, a stylesheet and a script, a menu, related links and a footer; about
#    3 bytes of HTML per byte of text) unless they are in target/bench/ already;
# 3. runs examples/bench_html.rs on them and on every PAGES.jsonl given (one
#    {"id", "text"} page per line, e.g. saved pages packed locally): bytes decoded and
#    analysed per page (reading, cleaning, metadata, quotes), analysis without quotes, and
#    analyze() on the batch, in MB of HTML per second;
# 4. builds the nodejs wasm package (python3 scripts/build_wasm.py --target nodejs) and runs
#    scripts/bench_wasm.mjs --html on the same pages (cleanHtml per page; analyze with
#    format "html" and quotes off).
#
# The targets the issue sets: >= 50 MB/s of HTML native on one core, >= 20 MB/s in wasm
# under Node.
set -euo pipefail
cd "$(dirname "$0")/.."

iterations=5
corpus_bytes=10M
seed=1
skip_wasm=false
extra_pages=()
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations=$2; shift 2 ;;
    --bytes) corpus_bytes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --skip-wasm) skip_wasm=true; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench_html.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    *) extra_pages+=("$1"); shift ;;
  esac
done

log() { printf '[bench_html] %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"
log "building the examples (cargo build --release --examples)"
cargo build --release --quiet --example generate_corpus --example bench_html

mkdir -p target/bench
corpus="target/bench/corpus-${corpus_bytes}-seed${seed}.jsonl"
pages="target/bench/pages-${corpus_bytes}-seed${seed}.jsonl"
if [ ! -s "$corpus" ]; then
  log "generating $corpus"
  target/release/examples/generate_corpus --out "$corpus" --bytes "$corpus_bytes" --seed "$seed"
fi
if [ ! -s "$pages" ] || [ "$pages" -ot "$corpus" ]; then
  log "making pages of $corpus"
  target/release/examples/bench_html --make-pages "$corpus" "$pages"
fi

echo "== native ($(rustc --version)), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for file in "$pages" "${extra_pages[@]}"; do
  target/release/examples/bench_html "$file" --iterations "$iterations"
done

if [ "$skip_wasm" = false ]; then
  log "building the nodejs wasm package (python3 scripts/build_wasm.py --target nodejs)"
  python3 scripts/build_wasm.py --target nodejs >&2
  echo "== wasm in Node, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  for file in "$pages" "${extra_pages[@]}"; do
    node scripts/bench_wasm.mjs "$file" --html --iterations "$iterations"
  done
fi
