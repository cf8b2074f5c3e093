#!/usr/bin/env python3
"""Speed of the Python package against the CLI on the same corpus, and of two threads.

    .venv/bin/pip install ./python                   # the package, built from this source
    .venv/bin/python scripts/bench_python.py [--corpus FILE] [--iterations N]

Measures, on a JSONL corpus of {"id", "text"} lines (by default target/bench/corpus.jsonl,
generated when missing with `cargo run --release --example generate_corpus -- --out
target/bench/corpus.jsonl --bytes 10M --seed 1`):

1. the release CLI, `article-analyzer analyze --jsonl CORPUS` (built with `cargo build
   --release` when missing), output to a pipe that is read and thrown away;
2. `article_analyzer.analyze(docs)` on the same documents, already read into Python (the
   report is checked to equal the CLI's first);
3. a `Batch` fed one document at a time, then `cross_article()`;
4. `json.loads` of the CLI's JSON report: what the serde_json + json.loads route would cost
   in Python, against the pythonize conversion `analyze` does;
5. the corpus in two halves analysed one after the other, then by two threads at once:
   the engine releases the GIL, so on two idle cores the threads take about half the time.

For each: wall-clock time and CPU time (user + system, of the process or of the CLI child),
median of the iterations, and throughput in MB/s of input. CPU time is the steadier figure
on a shared machine; the load average is printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPOSITORY / "target" / "bench" / "corpus.jsonl"
CLI = REPOSITORY / "target" / "release" / "article-analyzer"

try:
    import article_analyzer as aa
except ImportError:
    sys.exit(
        "bench_python.py: the article_analyzer package is not installed in this Python; "
        "run it with .venv/bin/python after .venv/bin/pip install ./python"
    )


def log(message: str) -> None:
    print(f"[bench_python] {message}", file=sys.stderr, flush=True)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(work, iterations: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `work()` over the iterations, and its last result.
    `work` returns (result, cpu seconds it used)."""
    walls, cpus, result = [], [], None
    for _ in range(iterations):
        started = time.perf_counter()
        result, cpu = work()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus), result


def in_process(function):
    """`function` as a `measure` work item that counts this process's CPU time (all threads)."""

    def work():
        before = time.process_time()
        result = function()
        return result, time.process_time() - before

    return work


def run_cli(corpus: Path):
    before = children_cpu()
    finished = subprocess.run(
        [str(CLI), "analyze", "--jsonl", str(corpus)], capture_output=True, check=True
    )
    return finished.stdout, children_cpu() - before


def stream_through_batch(docs):
    batch = aa.Batch()
    for doc in docs:
        batch.add(doc)
    return batch.cross_article()


def two_threads(halves):
    reports = [None, None]

    def analyze_half(index):
        reports[index] = aa.analyze(halves[index])

    threads = [threading.Thread(target=analyze_half, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--iterations", type=int, default=3)
    parser.add_argument(
        "--threads-only", action="store_true",
        help="only the two halves on one thread and on two (a short run, for a quiet moment)",
    )
    arguments = parser.parse_args()

    if not arguments.corpus.exists():
        if arguments.corpus != DEFAULT_CORPUS:
            sys.exit(f"bench_python.py: no corpus at {arguments.corpus}")
        log("generating the 10 MB corpus (generate_corpus --bytes 10M --seed 1)")
        arguments.corpus.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["cargo", "run", "--release", "--quiet", "--example", "generate_corpus", "--",
             "--out", str(arguments.corpus), "--bytes", "10M", "--seed", "1"],
            cwd=REPOSITORY, check=True,
        )
    log("building the release CLI (cargo build --release --bin article-analyzer)")
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "article-analyzer"],
        cwd=REPOSITORY, check=True,
    )

    lines = arguments.corpus.read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    megabytes = sum(len(doc["text"].encode("utf-8")) for doc in docs) / 1e6
    halves = (docs[: len(docs) // 2], docs[len(docs) // 2 :])
    iterations = arguments.iterations

    log(f"{len(docs)} articles, {megabytes:.1f} MB of text; {iterations} iterations each")
    rows = []
    if not arguments.threads_only:
        rows += compare_with_the_cli(arguments.corpus, docs, iterations)

    # One thread and two threads take turns, so a change in the machine's load between
    # runs falls on both alike.
    one_walls, one_cpus, two_walls, two_cpus = [], [], [], []
    for _ in range(iterations):
        wall, cpu, _ = measure(in_process(lambda: [aa.analyze(half) for half in halves]), 1)
        one_walls.append(wall)
        one_cpus.append(cpu)
        wall, cpu, _ = measure(in_process(lambda: two_threads(halves)), 1)
        two_walls.append(wall)
        two_cpus.append(cpu)
    one_wall, two_wall = statistics.median(one_walls), statistics.median(two_walls)
    rows.append(("Python: two halves, one thread", one_wall, statistics.median(one_cpus)))
    rows.append(("Python: two halves, two threads", two_wall, statistics.median(two_cpus)))

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"corpus {arguments.corpus} ({len(docs)} articles, {megabytes:.1f} MB), "
          f"{os.cpu_count()} CPUs, load average {load}; medians of {iterations} runs")
    print(f"{'':42} {'wall s':>8} {'CPU s':>8} {'MB/s (CPU)':>11}")
    for label, wall, cpu in rows:
        print(f"{label:42} {wall:8.2f} {cpu:8.2f} {megabytes / cpu:11.1f}")
    print(f"two threads against one: {one_wall / two_wall:.2f} times as fast (wall clock)")


def compare_with_the_cli(corpus: Path, docs: list, iterations: int) -> list:
    """The CLI, analyze(), a Batch and json.loads on the whole corpus: rows of the table."""
    rows = []
    wall, cpu, cli_output = measure(lambda: run_cli(corpus), iterations)
    rows.append(("CLI: analyze --jsonl", wall, cpu))

    wall, cpu, report = measure(in_process(lambda: aa.analyze(docs)), iterations)
    if report != json.loads(cli_output):
        sys.exit("bench_python.py: analyze() and the CLI gave different reports")
    rows.append(("Python: analyze(docs)", wall, cpu))
    del report

    # The other way to hand the report to Python: serde_json text, then json.loads. Its
    # Python half alone, on the CLI's own output (the same JSON), for comparison with the
    # pythonize conversion that analyze() uses.
    wall, cpu, _ = measure(in_process(lambda: json.loads(cli_output)), iterations)
    rows.append((f"json.loads of the report ({len(cli_output) / 1e6:.0f} MB of JSON)", wall, cpu))

    wall, cpu, _ = measure(in_process(lambda: stream_through_batch(docs)), iterations)
    rows.append(("Python: Batch.add each, cross_article", wall, cpu))
    return rows


if __name__ == "__main__":
    main()
