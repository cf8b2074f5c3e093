#!/usr/bin/env bash
# The Spark job (python -m article_analyzer.spark, local[2]) next to the CLI on the same
# generated corpus: wall time and peak memory of each, then the two outputs compared
# (every article, story groups, duplicates, quote groups: scripts/compare_spark_output.py).
#
#   scripts/bench_spark.sh [--articles N] [--seed S] [--master URL] [--driver-memory M] [--skip-cli]
#
# The corpus is examples/generate_corpus.rs's (the one scripts/bench_duplicates.sh makes),
# kept in target/bench/. Needs .venv with the package installed (scripts/test_python.sh
# installs it). Memory: the CLI's peak RSS (/usr/bin/time); for the job, the peak RSS of the
# JVM (in local mode the driver and the executors' threads), of the driver's Python, and of
# the whole process tree (with the Python workers), sampled every 0.2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

articles=100000
seed=7
master="local[2]"
# In local mode the driver's JVM also holds the executors' cached summaries and shuffle
# buffers; Spark's default of 1g spills most of them at 100k articles.
driver_memory=3g
skip_cli=false
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --master) master=$2; shift 2 ;;
    --driver-memory) driver_memory=$2; shift 2 ;;
    --skip-cli) skip_cli=true; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ -x .venv/bin/python ] || { echo "bench_spark.sh: no .venv; run ./scripts/setup.sh first" >&2; exit 1; }

cargo build --release --quiet --bin article-analyzer --example generate_corpus
mkdir -p target/bench
corpus="target/bench/dup-${articles}-seed${seed}.jsonl"
if [ ! -s "$corpus" ]; then
  ./target/release/examples/generate_corpus --articles "$articles" --seed "$seed" --out "$corpus"
fi
out="target/bench/spark-${articles}-seed${seed}"
report="$out.cli.json"
echo "corpus $corpus ($(du -h "$corpus" | cut -f1)), load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$skip_cli" = false ] || [ ! -s "$report" ]; then
  /usr/bin/time -v ./target/release/article-analyzer analyze --jsonl "$corpus" \
    > "$report" 2> "$out.cli.time"
  echo "CLI:   $(grep 'Elapsed (wall' "$out.cli.time" | sed 's/.*): //') wall," \
    "$(grep 'User time' "$out.cli.time" | sed 's/.*: //') s user +" \
    "$(grep 'System time' "$out.cli.time" | sed 's/.*: //') s system CPU," \
    "$(grep 'Maximum resident' "$out.cli.time" | sed 's/.*: //') KB peak RSS"
fi

rm -rf "$out"
export PYSPARK_PYTHON="$PWD/.venv/bin/python"
.venv/bin/python - "$master" "$driver_memory" "$corpus" "$out" <<'EOF'
import os, subprocess, sys, time
from pathlib import Path

master, driver_memory, corpus, out = sys.argv[1:]
def rss_kb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
def tree(root):
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found
TICK = os.sysconf("SC_CLK_TCK")
def cpu_seconds(pid):
    """user + system CPU the process has used so far (fields 14 and 15 of /proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return None
def name(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""
started = time.monotonic()
job = subprocess.Popen([sys.executable, "-m", "article_analyzer.spark", "--master", master,
                        "--conf", f"spark.driver.memory={driver_memory}", corpus, out])
peak = {"jvm": 0, "driver python": 0, "all processes": 0}
cpu = {}  # the last CPU seen of every process of the tree, the short-lived ones too
while job.poll() is None:
    pids = tree(job.pid)
    for pid in pids:
        seen = cpu_seconds(pid)
        if seen is not None:
            cpu[pid] = seen
    sizes = {pid: rss_kb(pid) for pid in pids}
    peak["driver python"] = max(peak["driver python"], sizes.get(job.pid, 0))
    peak["jvm"] = max([peak["jvm"]] + [s for p, s in sizes.items() if name(p) == "java"])
    peak["all processes"] = max(peak["all processes"], sum(sizes.values()))
    time.sleep(0.2)
elapsed = time.monotonic() - started
if job.returncode:
    sys.exit(f"the Spark job failed ({job.returncode})")
# On a shared machine the wall time measures the other tenants as much as the job; the CPU
# of every process of the job's tree (sampled, so it misses at most the last 0.2 s of each)
# does not.
print(f"Spark ({master}, driver memory {driver_memory}): {elapsed:.1f} s wall, "
      f"{sum(cpu.values()):.1f} s CPU (user + system, all processes); peak RSS "
      + ", ".join(f"{k} {v // 1024} MB" for k, v in peak.items()))
EOF
.venv/bin/python scripts/compare_spark_output.py "$report" "$out"
