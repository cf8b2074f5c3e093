#!/usr/bin/env python3
"""Scores article-analyzer on the local evaluation data (Python 3.11, standard library only).

Usage:
    python3 scripts/evaluate.py --data /work/shared/data [--cli PATH] [--set NAME]
                                [--verbose] [--json] [--no-build]

The data directory holds one folder per set, `<group>/<set>/texts/*.txt` with
`<group>/<set>/gold.json` beside it; its README defines the normalisation and the scoring
rules implemented here:

- cleaning (`keep` / `drop` snippets): keep_recall, drop_rate and clean_f1, micro-averaged
  over all snippets of the set;
- article body (`body`, zyte): 4-word shingle precision and recall per document as in the
  Zyte article-extraction-benchmark; reported both the Zyte way (F1 of the averaged
  precision and recall) and as the mean of per-document F1;
- metadata (`title`, `author`, `date`): accuracy per field and overall (share of all gold
  metadata fields predicted right), equality after normalisation, case-insensitive;
- quotes (`quotes`): greedy one-to-one matching on token sets, quote precision / recall / F1
  (micro) and speaker accuracy on matched quotes whose gold speaker is not null.

Each set's texts go to `article-analyzer analyze --jsonl` on standard input. Without --cli
the script runs `cargo build --release` first (quick when up to date) and uses
target/release/article-analyzer.

Everything is printed on standard output; nothing is written to disk, so no data text can end
up in the repository. With --json only the JSON figures go to standard output and the
--verbose details go to standard error.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLI = REPO_ROOT / "target" / "release" / "article-analyzer"
METADATA_FIELDS = ("title", "author", "date")
SNIPPET_PREVIEW_CHARS = 70

# ---------------------------------------------------------------------------------------------
# Normalisation (README: NFC, curly quotes to straight, no-break space to space, en/em dashes
# to "-", whitespace runs to one space).

_CHARACTER_MAP = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',  # double high-reversed-9 quotation mark
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space (a no-break space)
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
    }
)
_WHITESPACE_RUN = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The README's normalisation; leading and trailing whitespace is removed too."""
    text = unicodedata.normalize("NFC", text).translate(_CHARACTER_MAP)
    return _WHITESPACE_RUN.sub(" ", text).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalises `text` (without NFC, which may merge characters) and returns, for every
    character of the result, the index of the input character it came from. Used only to
    find where a snippet sits in the original input for --verbose diagnostics."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(text.translate(_CHARACTER_MAP)):
        if char.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            origin.append(index - 1)
            pending_space = False
        out.append(char)
        origin.append(index)
    return "".join(out), origin


def preview(text: str | None, limit: int = SNIPPET_PREVIEW_CHARS) -> str:
    """A short one-line rendering of a value for diagnostics."""
    if text is None:
        return "null"
    text = normalise(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def harmonic_mean(a: float, b: float) -> float:
    return 0.0 if a + b == 0 else 2 * a * b / (a + b)


def ratio(part: float, whole: float) -> float | None:
    return None if whole == 0 else part / whole


# ---------------------------------------------------------------------------------------------
# Body shingles (Zyte article-extraction-benchmark scoring).

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter:
    """Multiset of `size`-word sequences; a text shorter than `size` words is one shingle."""
    tokens = _WORD.findall(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))


def shingle_precision_recall(gold: str, predicted: str) -> tuple[float | None, float | None]:
    """Per-document precision and recall of predicted shingles against gold ones, with the
    benchmark's conventions (both texts empty: 1.0; undefined values: None, left out of
    averages)."""
    gold_shingles, predicted_shingles = shingles(gold), shingles(predicted)
    true_positive = sum((gold_shingles & predicted_shingles).values())
    false_positive = sum((predicted_shingles - gold_shingles).values())
    false_negative = sum((gold_shingles - predicted_shingles).values())
    if false_positive == false_negative == 0:
        both = 1.0 if true_positive else None
        return both, both
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else None
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else None
    return precision, recall


# ---------------------------------------------------------------------------------------------
# Quote matching.

_ALNUM_TOKEN = re.compile(r"[^\W_]+")


def quote_tokens(text: str) -> frozenset[str]:
    return frozenset(_ALNUM_TOKEN.findall(normalise(text).lower()))


def quote_match_score(gold: frozenset[str], predicted: frozenset[str]) -> float | None:
    """Dice coefficient of two token sets when they match by the README's rule, else None."""
    if not gold or not predicted:
        return None
    shared = len(gold & predicted)
    dice = 2 * shared / (len(gold) + len(predicted))
    smaller, larger = sorted((len(gold), len(predicted)))
    contained = shared >= 0.8 * smaller and smaller * 2 >= larger
    return dice if dice >= 0.6 or contained else None


def match_quotes(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: the best-scoring (gold, predicted) pair first."""
    gold_sets = [quote_tokens(q.get("text") or "") for q in gold]
    predicted_sets = [quote_tokens(q.get("text") or "") for q in predicted]
    candidates = []
    for gi, gold_set in enumerate(gold_sets):
        for pi, predicted_set in enumerate(predicted_sets):
            score = quote_match_score(gold_set, predicted_set)
            if score is not None:
                candidates.append((-score, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return pairs


def speaker_is_right(aliases: list[str], predicted: str | None) -> bool:
    if not predicted:
        return False
    predicted = normalise(predicted).lower()
    return any(normalise(alias).lower() in predicted for alias in aliases if alias.strip())


# ---------------------------------------------------------------------------------------------
# Locating snippets in the input for diagnostics.


class InputLocator:
    """Finds which block of an article's input holds a snippet (for --verbose)."""

    def __init__(self, text: str, blocks: list[dict]):
        self.normalised, self.origin = normalise_with_map(text)
        # Block offsets are UTF-16 code units: map each character index to its UTF-16 offset.
        self.utf16_at = []
        offset = 0
        for char in text:
            self.utf16_at.append(offset)
            offset += 2 if ord(char) > 0xFFFF else 1
        self.utf16_at.append(offset)
        self.blocks = blocks

    def blocks_at(self, snippet: str, want_kept: bool = False) -> list[dict] | None:
        """Blocks overlapping an occurrence of the snippet in the input: the first occurrence,
        or with `want_kept` the first one that overlaps a kept block. None when absent."""
        needle = normalise(snippet)
        if not needle:
            return None
        position = self.normalised.find(needle)
        if position < 0:
            return None
        first = None
        while position >= 0:
            start = self.utf16_at[self.origin[position]]
            end = self.utf16_at[self.origin[position + len(needle) - 1] + 1]
            found = [b for b in self.blocks if b.get("start", 0) < end and b.get("end", 0) > start]
            if first is None:
                first = found
            if not want_kept or any(b.get("kept") for b in found):
                return found
            position = self.normalised.find(needle, position + 1)
        return first

    @staticmethod
    def label(block: dict) -> str:
        verdict = "kept" if block.get("kept") else "dropped"
        return f"{block.get('kind')}/{verdict}: {block.get('reason') or '-'}"

    def describe(self, snippet: str, want_kept: bool = False) -> str:
        """'kind/verdict: reason' of the block(s) holding the snippet."""
        found = self.blocks_at(snippet, want_kept)
        if found is None:
            return "not found in the input"
        if not found:
            return "in no block"
        more = f" (+{len(found) - 3} blocks)" if len(found) > 3 else ""
        return "; ".join(self.label(block) for block in found[:3]) + more

    def tally_label(self, snippet: str, want_kept: bool = False) -> str:
        """The label of the one block that decided the snippet's fate, for tallies."""
        found = self.blocks_at(snippet, want_kept)
        if not found:
            return "not found in the input" if found is None else "in no block"
        if want_kept:
            found = [b for b in found if b.get("kept")] or found
        else:
            found = [b for b in found if not b.get("kept")] or found
        return self.label(found[0])


# ---------------------------------------------------------------------------------------------
# Running the analyzer.


class EvaluationError(Exception):
    """A failure that stops the evaluation, with a message saying what to do."""


def build_cli() -> Path:
    print("building: cargo build --release --bin article-analyzer", file=sys.stderr)
    result = subprocess.run(
        ["cargo", "build", "--release", "--bin", "article-analyzer"], cwd=REPO_ROOT
    )
    if result.returncode != 0:
        raise EvaluationError(
            "cargo build --release failed (see above); fix the build or pass --cli PATH"
        )
    return DEFAULT_CLI


def run_analyzer(cli: Path, documents: list[dict]) -> dict[str, dict]:
    """Runs `cli analyze --jsonl` on the documents; returns articles by id."""
    payload = "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in documents)
    try:
        result = subprocess.run(
            [str(cli), "analyze", "--jsonl"],
            input=payload.encode("utf-8"),
            capture_output=True,
        )
    except OSError as error:
        raise EvaluationError(f"cannot run {cli}: {error}") from error
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise EvaluationError(f"{cli} exited with status {result.returncode}: {message}")
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise EvaluationError(f"{cli} printed something that is not JSON: {error}") from error
    articles = {article.get("id"): article for article in report.get("articles", [])}
    missing = [doc["id"] for doc in documents if doc["id"] not in articles]
    if missing:
        raise EvaluationError(
            f"the report has no article for {len(missing)} input(s), e.g. {missing[0]!r}"
        )
    return articles


# ---------------------------------------------------------------------------------------------
# Scoring one set.


@dataclass
class SetScores:
    """Counts and per-document values gathered over one set."""

    name: str
    documents: int = 0
    seconds: float = 0.0
    keep_total: int = 0
    keep_found: int = 0
    drop_total: int = 0
    drop_removed: int = 0
    body_precisions: list[float] = field(default_factory=list)
    body_recalls: list[float] = field(default_factory=list)
    body_f1s: list[float] = field(default_factory=list)
    metadata_total: Counter = field(default_factory=Counter)
    metadata_right: Counter = field(default_factory=Counter)
    quote_gold: int = 0
    quote_predicted: int = 0
    quote_matched: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0
    metadata_failures: Counter = field(default_factory=Counter)
    lost_keep_by_block: Counter = field(default_factory=Counter)
    kept_drop_by_block: Counter = field(default_factory=Counter)

    def figures(self) -> dict:
        """The set's figures as a JSON-ready dict (None where the set has no such gold)."""
        figures: dict = {"set": self.name, "documents": self.documents,
                         "seconds": round(self.seconds, 3)}
        if self.keep_total or self.drop_total:
            keep_recall = ratio(self.keep_found, self.keep_total)
            drop_rate = ratio(self.drop_removed, self.drop_total)
            figures["cleaning"] = {
                "keep_recall": keep_recall,
                "drop_rate": drop_rate,
                "clean_f1": harmonic_mean(keep_recall or 0.0, drop_rate or 0.0),
                "keep_snippets": self.keep_total,
                "drop_snippets": self.drop_total,
            }
        if self.body_recalls or self.body_precisions:
            precision = statistics.mean(self.body_precisions) if self.body_precisions else 0.0
            recall = statistics.mean(self.body_recalls) if self.body_recalls else 0.0
            figures["body_shingles"] = {
                "precision": precision,
                "recall": recall,
                "f1_of_means": harmonic_mean(precision, recall),
                "mean_document_f1": statistics.mean(self.body_f1s) if self.body_f1s else 0.0,
            }
        if self.metadata_total:
            per_field = {
                name: ratio(self.metadata_right[name], self.metadata_total[name])
                for name in METADATA_FIELDS
            }
            per_field["overall"] = ratio(
                sum(self.metadata_right.values()), sum(self.metadata_total.values())
            )
            per_field["gold_fields"] = dict(self.metadata_total)
            figures["metadata"] = per_field
        if self.quote_gold:
            precision = ratio(self.quote_matched, self.quote_predicted) or 0.0
            recall = ratio(self.quote_matched, self.quote_gold) or 0.0
            figures["quotes"] = {
                "precision": precision,
                "recall": recall,
                "f1": harmonic_mean(precision, recall),
                "gold": self.quote_gold,
                "predicted": self.quote_predicted,
                "matched": self.quote_matched,
                "speaker_accuracy": ratio(self.speaker_right, self.speaker_scored),
                "speakers_scored": self.speaker_scored,
            }
        return figures


def score_document(scores: SetScores, doc_id: str, text: str, gold: dict, article: dict,
                   log) -> None:
    """Adds one document's counts to `scores`; writes its failures with `log` (or not)."""
    cleaned = normalise(article.get("text") or "")
    locator = None
    problems: list[str] = []

    def locate(snippet: str) -> InputLocator:
        nonlocal locator
        if locator is None:
            locator = InputLocator(text, article.get("blocks") or [])
        return locator

    for snippet in gold.get("keep") or []:
        scores.keep_total += 1
        if normalise(snippet) in cleaned:
            scores.keep_found += 1
        else:
            where = locate(snippet)
            scores.lost_keep_by_block[where.tally_label(snippet)] += 1
            problems.append(f"  lost keep  {preview(snippet)}  [{where.describe(snippet)}]")
    for snippet in gold.get("drop") or []:
        scores.drop_total += 1
        if normalise(snippet) not in cleaned:
            scores.drop_removed += 1
        else:
            where = locate(snippet)
            scores.kept_drop_by_block[where.tally_label(snippet, want_kept=True)] += 1
            problems.append(
                f"  kept drop  {preview(snippet)}  [{where.describe(snippet, want_kept=True)}]"
            )

    if "body" in gold:
        precision, recall = shingle_precision_recall(
            normalise(gold["body"] or ""), cleaned
        )
        if precision is not None:
            scores.body_precisions.append(precision)
        if recall is not None:
            scores.body_recalls.append(recall)
        scores.body_f1s.append(harmonic_mean(precision or 0.0, recall or 0.0))
        if (precision or 0.0) < 0.9 or (recall or 0.0) < 0.9:
            problems.append(
                f"  body shingles precision={precision if precision is None else round(precision, 3)}"
                f" recall={recall if recall is None else round(recall, 3)}"
            )

    for name in METADATA_FIELDS:
        expected = gold.get(name)
        if expected is None:
            continue
        scores.metadata_total[name] += 1
        predicted = article.get(name)
        if predicted is not None and normalise(predicted).casefold() == normalise(expected).casefold():
            scores.metadata_right[name] += 1
        else:
            scores.metadata_failures[f"{name} {'missing' if predicted is None else 'wrong'}"] += 1
            problems.append(f"  {name:<6} predicted {preview(predicted)}  gold {preview(expected)}")

    if "quotes" in gold:
        gold_quotes = gold.get("quotes") or []
        predicted_quotes = article.get("quotes") or []
        pairs = match_quotes(gold_quotes, predicted_quotes)
        scores.quote_gold += len(gold_quotes)
        scores.quote_predicted += len(predicted_quotes)
        scores.quote_matched += len(pairs)
        wrong_speakers = []
        for gi, pi in pairs:
            aliases = gold_quotes[gi].get("speaker")
            if aliases:
                scores.speaker_scored += 1
                predicted_speaker = predicted_quotes[pi].get("speaker")
                if speaker_is_right(aliases, predicted_speaker):
                    scores.speaker_right += 1
                else:
                    wrong_speakers.append(
                        f"    speaker predicted {preview(predicted_speaker, 40)} gold {aliases!r}"
                    )
        missed = len(gold_quotes) - len(pairs)
        spurious = len(predicted_quotes) - len(pairs)
        if missed or spurious or wrong_speakers:
            problems.append(
                f"  quotes gold={len(gold_quotes)} predicted={len(predicted_quotes)}"
                f" matched={len(pairs)} missed={missed} spurious={spurious}"
            )
            problems.extend(wrong_speakers[:5])

    if problems:
        log(f"{doc_id}")
        for line in problems:
            log(line)


def load_set(name: str, set_dir: Path) -> tuple[list[dict], dict[str, dict]]:
    """A set's documents ({"id": file name, "text"}, in file name order) and gold by id."""
    gold_docs = json.loads((set_dir / "gold.json").read_text(encoding="utf-8"))["docs"]
    documents = []
    for path in sorted((set_dir / "texts").glob("*.txt")):
        if path.name in gold_docs:
            documents.append({"id": path.name, "text": path.read_bytes().decode("utf-8", "replace")})
    missing_texts = sorted(set(gold_docs) - {doc["id"] for doc in documents})
    if missing_texts:
        raise EvaluationError(
            f"{name}: gold.json names {len(missing_texts)} file(s) missing from texts/, "
            f"e.g. {missing_texts[0]!r}"
        )
    return documents, gold_docs


def score_set(name: str, documents: list[dict], gold_docs: dict[str, dict],
              articles: dict[str, dict], log) -> SetScores:
    """Scores the articles (by id, in the report's shape; fields a system does not give may
    be missing) of one set against its gold. Also used by scripts/bench_peers.py, so that
    other systems are scored exactly like the analyzer."""
    scores = SetScores(name=name, documents=len(documents))
    log(f"=== {name}: per-document failures ===")
    for doc in documents:
        score_document(scores, doc["id"], doc["text"], gold_docs[doc["id"]], articles[doc["id"]], log)
    if scores.lost_keep_by_block or scores.kept_drop_by_block:
        log(f"--- {name}: where the failures sit (block kind/verdict of the input) ---")
        for label, tally in (("lost keep", scores.lost_keep_by_block),
                             ("kept drop", scores.kept_drop_by_block)):
            for block, count in tally.most_common():
                log(f"  {label:<10} {count:4d}  {block}")
    if scores.metadata_failures:
        log(f"--- {name}: metadata failures (null prediction = missing) ---")
        for kind, count in sorted(scores.metadata_failures.items()):
            log(f"  {kind:<16} {count:4d}")
    log("")
    return scores


def evaluate_set(name: str, set_dir: Path, cli: Path, log) -> SetScores:
    documents, gold_docs = load_set(name, set_dir)
    started = time.perf_counter()
    articles = run_analyzer(cli, documents)
    seconds = time.perf_counter() - started
    scores = score_set(name, documents, gold_docs, articles, log)
    scores.seconds = seconds
    return scores


# ---------------------------------------------------------------------------------------------
# Output.


def percent(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def print_summary(all_figures: list[dict]) -> None:
    print("Cleaning (snippets, micro-averaged over the set)")
    print(f"  {'set':<26}{'docs':>5}  {'keep_recall':>11}  {'drop_rate':>9}  {'clean_f1':>8}  {'time':>7}")
    for figures in all_figures:
        cleaning = figures.get("cleaning")
        if cleaning:
            print(f"  {figures['set']:<26}{figures['documents']:>5}  "
                  f"{percent(cleaning['keep_recall']):>11}  {percent(cleaning['drop_rate']):>9}  "
                  f"{percent(cleaning['clean_f1']):>8}  {figures['seconds']:6.2f}s")
    for figures in all_figures:
        body = figures.get("body_shingles")
        if body:
            print(f"Body, 4-word shingles ({figures['set']}; per-document precision and recall, "
                  "averaged)")
            print(f"  precision {percent(body['precision'])}  recall {percent(body['recall'])}  "
                  f"F1 of the means (Zyte) {percent(body['f1_of_means'])}  "
                  f"mean per-document F1 {percent(body['mean_document_f1'])}")
    for figures in all_figures:
        metadata = figures.get("metadata")
        if metadata:
            counts = metadata["gold_fields"]
            print(f"Metadata accuracy ({figures['set']}; gold fields: "
                  + ", ".join(f"{k} {counts.get(k, 0)}" for k in METADATA_FIELDS) + ")")
            print("  " + "  ".join(f"{k} {percent(metadata[k])}" for k in METADATA_FIELDS)
                  + f"  overall {percent(metadata['overall'])}")
    for figures in all_figures:
        quotes = figures.get("quotes")
        if quotes:
            print(f"Quotes ({figures['set']}; micro over {quotes['gold']} gold, "
                  f"{quotes['predicted']} predicted, {quotes['matched']} matched)")
            print(f"  precision {percent(quotes['precision'])}  recall {percent(quotes['recall'])}  "
                  f"F1 {percent(quotes['f1'])}  speaker accuracy "
                  f"{percent(quotes['speaker_accuracy'])} (of {quotes['speakers_scored']} matched "
                  "quotes with a named gold speaker)")


def discover_sets(data_dir: Path) -> dict[str, Path]:
    """Sets by name "group/set", for every folder holding gold.json and texts/."""
    sets = {}
    for gold in sorted(data_dir.glob("*/*/gold.json")):
        if (gold.parent / "texts").is_dir():
            sets[gold.parent.relative_to(data_dir).as_posix()] = gold.parent
    return sets


def select_sets(sets: dict[str, Path], wanted: list[str] | None) -> dict[str, Path]:
    if not wanted:
        return sets
    chosen = {}
    for name in wanted:
        matches = [key for key in sets if key == name or key.split("/")[-1] == name]
        if not matches:
            raise EvaluationError(f"no set named {name!r}; available: {', '.join(sets)}")
        for key in matches:
            chosen[key] = sets[key]
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="evaluation data directory (e.g. /work/shared/data)")
    parser.add_argument("--cli", type=Path,
                        help="analyzer binary to use (default: build target/release/article-analyzer)")
    parser.add_argument("--no-build", action="store_true",
                        help="use target/release/article-analyzer as it is, without cargo build")
    parser.add_argument("--set", action="append", dest="sets", metavar="NAME",
                        help="evaluate only this set ('zyte' or 'clean-dev/zyte'); repeatable")
    parser.add_argument("--verbose", action="store_true",
                        help="list each document's failures (lost keep snippets, surviving drop "
                             "snippets, metadata predicted vs gold, quote counts)")
    parser.add_argument("--json", action="store_true",
                        help="print the figures as JSON (verbose details then go to stderr)")
    args = parser.parse_args(argv)

    if not args.data.is_dir():
        print(f"evaluation data absent: {args.data} is not a directory; nothing to evaluate")
        return 0
    sets = discover_sets(args.data)
    if not sets:
        print(f"evaluation data absent: no <group>/<set>/gold.json with texts/ under {args.data}")
        return 0

    verbose_stream = sys.stderr if args.json else sys.stdout

    def log(line: str) -> None:
        if args.verbose:
            print(line, file=verbose_stream)

    try:
        chosen = select_sets(sets, args.sets)
        if args.cli:
            cli = args.cli
        elif args.no_build:
            cli = DEFAULT_CLI
        else:
            cli = build_cli()
        if not cli.is_file():
            raise EvaluationError(f"no analyzer binary at {cli}; run cargo build --release")
        all_figures = [evaluate_set(name, path, cli, log).figures() for name, path in chosen.items()]
    except EvaluationError as error:
        print(f"evaluate.py: {error}", file=sys.stderr)
        return 1

    if args.json:
        json.dump({"cli": str(cli), "sets": all_figures}, sys.stdout, indent=2)
        print()
    else:
        print_summary(all_figures)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # Output piped into `head` or similar: stop quietly, like other command-line tools.
        sys.stderr.close()
        sys.exit(0)
