#!/usr/bin/env bash
# Throughput on real news text: cleaning, quotes and the whole analysis, on one thread and on
# every core, natively and as WebAssembly in Node.
#
#   scripts/bench_real.sh [--data DIR] [--iterations N] [--jobs "1 2"] [--skip-wasm]
#
# 1. builds a JSONL corpus from every `*/*/texts/*.txt` under DIR (default ../shared/data, the
#    evaluation data beside the repository) into target/bench/real-texts.jsonl; the data and
#    the corpus are never committed (target/ is ignored). Without DIR there is nothing to
#    measure and the script says so (scripts/bench.sh measures the generated corpus);
# 2. examples/bench_clean.rs on it: clean() per article (cleaning and quotes), quotes alone,
#    cleaning alone and analyze() of the whole batch, one thread;
# 3. the command line, `article-analyzer analyze --jsonl` with its report written (to
#    /dev/null), once per --jobs value (default: 1 and the number of cores), checking that
#    every run prints the same report;
# 4. unless --skip-wasm: the nodejs wasm package (python3 scripts/build_wasm.py --target
#    nodejs) through scripts/bench_wasm.mjs on the same corpus.
#
# Megabytes are 10^6 bytes of UTF-8 article text (the JSON around it is not counted); each
# figure is the median of --iterations runs (default 5) of wall time. On a shared machine,
# read them beside the load average the script prints.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

data=../shared/data
iterations=5
jobs_list="1 $(nproc)"
skip_wasm=false
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --jobs) jobs_list=$2; shift 2 ;;
    --skip-wasm) skip_wasm=true; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench_real.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[bench_real] %s\n' "$*" >&2; }

if [ ! -d "$data" ]; then
  echo "bench_real.sh: no data folder at $data (give one with --data DIR); nothing to measure" >&2
  exit 1
fi

mkdir -p target/bench
corpus=target/bench/real-texts.jsonl
python3 - "$data" "$corpus" <<'EOF'
import json, pathlib, sys
data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
files = sorted(data.glob('*/*/texts/*.txt'))
if not files:
    sys.exit(f"bench_real.sh: no */*/texts/*.txt under {data}")
text_bytes = 0
with out.open('w', encoding='utf-8') as corpus:
    for path in files:
        text = path.read_text(encoding='utf-8', errors='replace')
        text_bytes += len(text.encode('utf-8'))
        article_id = f"{path.parent.parent.name}/{path.name}"
        corpus.write(json.dumps({'id': article_id, 'text': text}) + '\n')
print(f"== corpus: {out}, {len(files)} articles, {text_bytes / 1e6:.2f} MB of text from {data}")
EOF

log "building the command line and examples/bench_clean (cargo build --release)"
cargo build --release --quiet --bin article-analyzer --example bench_clean

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) ($(rustc --version))"
echo "== native, one thread (examples/bench_clean)"
target/release/examples/bench_clean "$corpus" --iterations "$iterations"

echo "== native command line: article-analyzer analyze --jsonl (whole analysis, report written)"
python3 - "$corpus" "$iterations" $jobs_list <<'EOF'
import hashlib, json, statistics, subprocess, sys, time
corpus, iterations, jobs_list = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
with open(corpus, encoding='utf-8') as lines:
    text_bytes = sum(len(json.loads(line)['text'].encode('utf-8')) for line in lines)
reports = {}
one_thread = None
for jobs in jobs_list:
    seconds = []
    for _ in range(iterations):
        with open(corpus, 'rb') as stdin:
            started = time.perf_counter()
            run = subprocess.run(['target/release/article-analyzer', 'analyze', '--jsonl', '--jobs', jobs],
                                 stdin=stdin, stdout=subprocess.PIPE, check=True)
            seconds.append(time.perf_counter() - started)
        reports[jobs] = hashlib.sha256(run.stdout).hexdigest()
    rates = sorted(text_bytes / 1e6 / s for s in seconds)
    median = statistics.median(rates)
    one_thread = one_thread or median
    print(f"--jobs {jobs:>2}: {median:6.1f} MB/s median (slowest {rates[0]:.1f}, fastest {rates[-1]:.1f}), "
          f"{median / one_thread:.2f}x the first")
same = len(set(reports.values())) == 1
print("reports: " + ("identical for every --jobs" if same else f"DIFFER: {reports}"))
sys.exit(0 if same else 1)
EOF

if [ "$skip_wasm" = false ]; then
  log "building the nodejs wasm package (python3 scripts/build_wasm.py --target nodejs)"
  python3 scripts/build_wasm.py --target nodejs >&2
  echo "== wasm in Node, one thread (scripts/bench_wasm.mjs)"
  node scripts/bench_wasm.mjs "$corpus" --iterations "$iterations"
fi
