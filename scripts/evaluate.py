#!/usr/bin/env python3
"""Scores article-analyzer on the local evaluation data (Python 3.11, standard library only;
the story baseline runs in its own virtual environment with scikit-learn).

Usage:
    python3 scripts/evaluate.py --data /work/shared/data [--cli PATH] [--set NAME]
                                [--verbose] [--json] [--no-build] [--no-baseline]

The data directory holds one folder per set, `<group>/<set>/texts/*.txt` with
`<group>/<set>/gold.json` beside it. A gold.json holds either `docs` (gold per document:
the cleaning and quote sets) or `groups` (the story sets: lists of file names, one list per
news event). The data README defines the normalisation and the scoring rules implemented
here:

- cleaning (`keep` / `drop` snippets): keep_recall, drop_rate and clean_f1, micro-averaged
  over all snippets of the set;
- article body (`body`, zyte): 4-word shingle precision and recall per document as in the
  Zyte article-extraction-benchmark; reported both the Zyte way (F1 of the averaged
  precision and recall) and as the mean of per-document F1;
- metadata (`title`, `author`, `date`): accuracy per field and overall (share of all gold
  metadata fields predicted right), equality after normalisation, case-insensitive;
- quotes (`quotes`): greedy one-to-one matching on token sets, quote precision / recall / F1
  (micro) and speaker accuracy on matched quotes whose gold speaker is not null; besides, the
  attributed speakers (all predicted quotes with a speaker, matched or not) that are not names
  by the rules at the top of the script (a clause opener, a number, a dateline);
- story groups (`groups`): B-cubed precision / recall / F1 of the report's `storyGroups`
  against the gold groups (every article counts; one missing from every predicted group is a
  group of its own) and the adjusted Rand index; beside them the same figures for a baseline
  computed in the same run: TF-IDF vectors (scikit-learn TfidfVectorizer, English stop words,
  sublinear tf) clustered by average-linkage agglomerative clustering on cosine distance, cut
  at 0.8 (the data README gives its B-cubed F1 on the dev sets: 0.864 ecbplus, 0.970 basil).

A cleaning set that also holds its pages as HTML (`<group>/<set>/html/*.html`, the same pages
and gold) is scored a second time from that HTML, as the set `<group>/<set>/html`: each page
goes to the analyzer as `{"id": "x.txt", "text": html, "format": "html"}` (the id renamed so
that the gold applies), and snippets are located in the article's `source` (the page's text).
`--set zyte` selects both rows of a set, `--set zyte/html` the HTML row alone.

Each set's texts go to `article-analyzer analyze --jsonl` on standard input. Without --cli
the script runs `cargo build --release` first (quick when up to date) and uses
target/release/article-analyzer.

scikit-learn is a dev-only dependency of the baseline: the script makes its own virtual
environment, target/eval-venv (`python3 -m venv`, then `pip install scikit-learn` unless it
is importable there already), and runs only the baseline clustering in that interpreter, a
subprocess that reads the texts on standard input and prints the clusters as JSON; the rest
of the script runs on the standard library. When the environment cannot be made (no network)
the baseline is skipped with the reason printed, and everything else goes on; --no-baseline
skips it on purpose.

Everything is printed on standard output; nothing is written to disk but the baseline's
environment (which holds no data), so no data text can end up in the repository. With --json
only the JSON figures go to standard output and the --verbose details go to standard error;
progress of the baseline's set-up always goes to standard error.
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
# Speakers that are not names (quote sets). A quote's `speaker` should be a name ("Angela
# Merkel", "the Chancellery", "Reuters") or null. An attributed speaker is counted as "not a
# name" when its first word (compared lowercase, outer punctuation stripped) shows that the
# analyzer took a clause opener or a dateline for the speaker. The rules, in the order they are
# tried (the first that applies gives the reason shown with --verbose):
#
# - "dateline": the speaker holds an em or en dash; or it is all capitals and followed by a
#   dash (after an optional "(AP)"), either in the speaker itself ("CHICAGO -") or where it
#   opens a line of the article's input ("CHICAGO - Rahm Emanuel ..." gives "CHICAGO");
# - "number": the first word starts with a digit ("75 percent of Republicans"). Spelled-out
#   "one" is not counted: "one Democrat familiar with the talks" is a description, like
#   "a New Hampshire Republican", which the analyzer may give on purpose;
# - "adverb": the first word is in OPENING_ADVERBS, or ends in -ly, has at least
#   LY_ADVERB_MIN_LETTERS letters and is not in LY_WORDS_NOT_ADVERBS ("Recently",
#   "Particularly"; not "Kelly Ayotte", not "Family Research Council");
# - "preposition": the first word is in OPENING_PREPOSITIONS, prepositions and subordinating
#   or coordinating words ("Despite Ted Cruz", "Though Trump", "According", "of West Virginia");
# - "participle": the first word ends in -ing, has at least PARTICIPLE_MIN_LETTERS letters
#   and is not in ING_WORDS_NOT_PARTICIPLES ("Reacting"; not "Sterling Brown", "Boeing"); or
#   it ends in -ed, has at least PARTICIPLE_MIN_LETTERS letters, is not in
#   ED_WORDS_NOT_PARTICIPLES and more words follow ("Endorsed Trump"; not "Ted Cruz",
#   "Jared Kushner", "United Auto Workers"). A hyphenated first word is a compound adjective,
#   not a participle opening a clause ("Texas-based Matt Mackowiak" is not counted).
#
# The lists were drawn from reading the speakers the analyzer gives on the PolNeAR texts; they
# are deliberately short and can grow.

OPENING_ADVERBS = frozenset("""
    even also only just still already again almost later earlier then now here there instead
    however meanwhile too never always perhaps maybe soon thus hence therefore otherwise rather
    quite very indeed nonetheless nevertheless moreover furthermore besides anyway often
    sometimes ever not afterward afterwards elsewhere
    sadly oddly truly newly fully badly aptly wryly
""".split())  # the last line: -ly adverbs shorter than LY_ADVERB_MIN_LETTERS

LY_ADVERB_MIN_LETTERS = 6
LY_WORDS_NOT_ADVERBS = frozenset("""
    kimberly beverly shelly family weekly monthly quarterly assembly sicily
""".split())  # given names and nouns of six letters or more that end in -ly

OPENING_PREPOSITIONS = frozenset("""
    according about above across after against along amid amidst among although as at
    because before behind below beneath beside between beyond by despite during except for
    from if in inside into like near of off on onto outside over since than though through
    throughout till to toward towards under unless unlike until upon via when whenever where
    whereas whether while with within without
    and but or nor yet so
""".split())  # the last line: coordinating conjunctions ("And Trump")

PARTICIPLE_MIN_LETTERS = 5
ING_WORDS_NOT_PARTICIPLES = frozenset("""
    sterling irving manning fleming harding browning beijing nanjing boeing wyoming ewing
    darling golding spalding redding pershing kipling xiaoping jinping
    something nothing anything everything
""".split())  # names of five letters or more that end in -ing, and pronouns in -thing
ED_WORDS_NOT_PARTICIPLES = frozenset("""
    united jared alfred wilfred manfred mildred winifred siegfried ahmed mohammed muhammed
    mohamed murshed saeed rasheed khaled javed naveed creed freed breed speed wired associated
""".split())  # names and nouns of five letters or more that end in -ed

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
# Speakers that are not names (the rules and word lists are at the top of the script).

_EM_EN_DASH = re.compile("[\u2013\u2014]")
# A dash after a dateline: an em or en dash, or one or two hyphens with a space on either side
# (so that "AFL-CIO" and "NBC-TV" are no datelines).
_DATELINE_DASH = r"(?:\s*[\u2013\u2014]|\s+-{1,2}(?=\s|$)|-{1,2}(?=\s))"
_CAPITALS_THEN_DASH = re.compile(
    r"^[A-Z][A-Z.,'\u2019 ]*[A-Z.]\s*(?:\([^)]*\)\s*)?" + _DATELINE_DASH
)
_OUTER_PUNCTUATION = "\"'()[],.;:!?\u2018\u2019\u201c\u201d"


def opens_dateline(speaker: str, text: str) -> bool:
    """An all-capitals speaker that opens a line of the input, followed by a dash."""
    if not any(char.isalpha() for char in speaker) or speaker.upper() != speaker:
        return False
    pattern = (r"(?m)^[ \t]*" + re.escape(speaker)
               + r"\s*(?:\([^)\n]*\)\s*)?" + _DATELINE_DASH)
    return re.search(pattern, text) is not None


def non_name_reason(speaker: str, text: str = "") -> str | None:
    """Why an attributed speaker is not a name ("dateline", "number", "adverb", "preposition",
    "participle"), or None when it may be one. `text` is the article's input, for datelines."""
    speaker = speaker.strip()
    if _EM_EN_DASH.search(speaker) or _CAPITALS_THEN_DASH.match(speaker):
        return "dateline"
    if text and opens_dateline(speaker, text):
        return "dateline"
    words = [word.strip(_OUTER_PUNCTUATION) for word in speaker.split()]
    words = [word for word in words if word]
    if not words:
        return None
    first = words[0].lower()
    more_words = len(words) > 1
    if first[0].isdigit():
        return "number"
    if first in OPENING_ADVERBS or (
        first.endswith("ly") and len(first) >= LY_ADVERB_MIN_LETTERS
        and first not in LY_WORDS_NOT_ADVERBS
    ):
        return "adverb"
    if first in OPENING_PREPOSITIONS:
        return "preposition"
    if len(first) >= PARTICIPLE_MIN_LETTERS and "-" not in first and (
        (first.endswith("ing") and first not in ING_WORDS_NOT_PARTICIPLES)
        or (first.endswith("ed") and more_words and first not in ED_WORDS_NOT_PARTICIPLES)
    ):
        return "participle"
    return None


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
    return articles_by_id(run_analyzer_report(cli, documents), documents)


def run_analyzer_report(cli: Path, documents: list[dict]) -> dict:
    """Runs `cli analyze --jsonl` on the documents; returns the whole report."""
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
    articles_by_id(report, documents)  # every input has its article
    return report


def articles_by_id(report: dict, documents: list[dict]) -> dict[str, dict]:
    """The report's articles by id; an error when an input has none."""
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
    speakers_attributed: int = 0
    non_name_speakers: Counter = field(default_factory=Counter)  # (reason, speaker) -> count
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
            by_reason: Counter = Counter()
            for (reason, _), count in self.non_name_speakers.items():
                by_reason[reason] += count
            figures["non_name_speakers"] = {
                "count": sum(self.non_name_speakers.values()),
                "attributed": self.speakers_attributed,
                "share": ratio(sum(self.non_name_speakers.values()), self.speakers_attributed),
                "by_reason": dict(sorted(by_reason.items())),
                "speakers": [
                    {"speaker": speaker, "reason": reason, "count": count}
                    for (reason, speaker), count in sorted(
                        self.non_name_speakers.items(), key=lambda item: (-item[1], item[0]))
                ],
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
            # For HTML input the blocks' offsets refer to the page's text, the article's source.
            locator = InputLocator(article.get("source") or text, article.get("blocks") or [])
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


def is_html_set(set_dir: Path) -> bool:
    """An HTML set is the html/ folder of a cleaning set; its gold is the set's."""
    return (set_dir.name == "html" and set_dir.is_dir()
            and (set_dir.parent / "gold.json").is_file())


def read_gold(set_dir: Path) -> dict:
    if is_html_set(set_dir):
        set_dir = set_dir.parent
    try:
        return json.loads((set_dir / "gold.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise EvaluationError(f"cannot read {set_dir / 'gold.json'}: {error}") from error


def is_story_set(set_dir: Path) -> bool:
    """A story set's gold.json holds "groups" (file names per event) instead of "docs"."""
    gold = read_gold(set_dir)
    return "groups" in gold and "docs" not in gold


def load_set(name: str, set_dir: Path) -> tuple[list[dict], dict[str, dict]]:
    """A set's documents ({"id": file name, "text"}, in file name order) and gold by id."""
    gold = read_gold(set_dir)
    if "docs" not in gold:
        raise EvaluationError(f"{name}: gold.json has no \"docs\" (a story set?)")
    gold_docs = gold["docs"]
    documents = []
    if is_html_set(set_dir):
        for path in sorted(set_dir.glob("*.html")):
            doc_id = path.stem + ".txt"  # the gold is keyed by the text version's name
            if doc_id in gold_docs:
                documents.append({"id": doc_id, "text": path.read_bytes().decode("utf-8", "replace"),
                                  "format": "html"})
    else:
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
    if any("quotes" in gold_docs[doc["id"]] for doc in documents):
        count_non_name_speakers(scores, documents, articles)
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
    if scores.non_name_speakers:
        log(f"--- {name}: attributed speakers that are not names "
            f"({sum(scores.non_name_speakers.values())} of {scores.speakers_attributed}) ---")
        for (reason, speaker), count in sorted(scores.non_name_speakers.items(),
                                               key=lambda item: (-item[1], item[0])):
            log(f"  {count:4d}  {reason:<11}  {preview(speaker)}")
    log("")
    return scores


def count_non_name_speakers(scores: SetScores, documents: list[dict],
                            articles: dict[str, dict]) -> None:
    """Counts the attributed speakers of all predicted quotes (null speakers aside) and those
    that are not names, by the rules at the top of the script."""
    for doc in documents:
        for quote in articles[doc["id"]].get("quotes") or []:
            speaker = quote.get("speaker")
            if speaker is None:
                continue
            scores.speakers_attributed += 1
            reason = non_name_reason(speaker, doc["text"])
            if reason:
                scores.non_name_speakers[(reason, speaker)] += 1


def evaluate_set(name: str, set_dir: Path, cli: Path, log) -> SetScores:
    documents, gold_docs = load_set(name, set_dir)
    started = time.perf_counter()
    articles = run_analyzer(cli, documents)
    seconds = time.perf_counter() - started
    scores = score_set(name, documents, gold_docs, articles, log)
    scores.seconds = seconds
    return scores


# ---------------------------------------------------------------------------------------------
# Story groups: B-cubed and the adjusted Rand index of a partition against the gold one.


def cluster_labels(groups: list[list[str]], ids: list[str]) -> tuple[list[int], int, int]:
    """One label per id of `ids` (in that order) from a list of groups: an id in no group
    gets a label of its own, an id in several groups stays in the first; ids outside `ids`
    are ignored. Returns the labels, the number of ids in no group and of ids repeated."""
    label_of: dict[str, int] = {}
    repeated = 0
    for label, group in enumerate(groups):
        for member in group:
            if member in label_of:
                repeated += 1
            else:
                label_of[member] = label
    next_label = len(groups)
    labels = []
    missing = 0
    for member in ids:
        if member not in label_of:
            label_of[member] = next_label
            next_label += 1
            missing += 1
        labels.append(label_of[member])
    return labels, missing, repeated


def bcubed(gold: list[int], predicted: list[int]) -> tuple[float, float, float]:
    """B-cubed precision and recall (per item: the share of its predicted cluster in its gold
    cluster, and of its gold cluster in its predicted cluster; averaged over all items) and
    their harmonic mean. `gold` and `predicted` are labels of the same items."""
    if not gold:
        return 0.0, 0.0, 0.0
    both = Counter(zip(gold, predicted))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(both[(g, p)] / predicted_sizes[p] for g, p in zip(gold, predicted)) / len(gold)
    recall = sum(both[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted)) / len(gold)
    return precision, recall, harmonic_mean(precision, recall)


def adjusted_rand_index(gold: list[int], predicted: list[int]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items: 1.0 for
    the same partition, about 0.0 for a chance one (1.0 too when both are trivial, as in
    scikit-learn)."""
    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    index = sum(pairs(n) for n in Counter(zip(gold, predicted)).values())
    gold_pairs = sum(pairs(n) for n in Counter(gold).values())
    predicted_pairs = sum(pairs(n) for n in Counter(predicted).values())
    total_pairs = pairs(len(gold))
    if total_pairs == 0:
        return 1.0
    expected = gold_pairs * predicted_pairs / total_pairs
    maximum = (gold_pairs + predicted_pairs) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def score_story_groups(ids: list[str], gold_groups: list[list[str]],
                       predicted_groups: list[list[str]]) -> dict:
    """B-cubed and ARI of predicted groups (a partition of `ids`, ideally) against the gold."""
    gold, _, _ = cluster_labels(gold_groups, ids)
    predicted, missing, repeated = cluster_labels(predicted_groups, ids)
    precision, recall, f1 = bcubed(gold, predicted)
    return {
        "groups": len(set(predicted)),
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "ari": adjusted_rand_index(gold, predicted),
        "ids_in_no_group": missing,
        "ids_repeated": repeated,
    }


def log_story_errors(name: str, ids: list[str], gold_groups: list[list[str]],
                     predicted_groups: list[list[str]], titles: dict[str, str | None],
                     log) -> None:
    """--verbose: the gold groups that the prediction splits and the predicted groups that
    join articles of several gold groups, part by part: file names and the title of the
    part's first article."""
    gold, _, _ = cluster_labels(gold_groups, ids)
    predicted, _, _ = cluster_labels(predicted_groups, ids)

    def parts(members: list[str], labels: dict[str, int]) -> list[list[str]]:
        by_label: dict[int, list[str]] = {}
        for member in members:
            by_label.setdefault(labels[member], []).append(member)
        return sorted(by_label.values(), key=lambda part: (-len(part), part))

    gold_of = dict(zip(ids, gold))
    predicted_of = dict(zip(ids, predicted))
    for title, labels, other in (("gold groups split by the analyzer", gold_of, predicted_of),
                                 ("analyzer groups joining gold groups", predicted_of, gold_of)):
        members_by_label: dict[int, list[str]] = {}
        for member in ids:
            members_by_label.setdefault(labels[member], []).append(member)
        faulty = [parts(members, other) for members in members_by_label.values()]
        faulty = sorted((p for p in faulty if len(p) > 1), key=lambda p: -sum(map(len, p)))
        log(f"--- {name}: {len(faulty)} {title} ---")
        for split in faulty:
            log(f"  {sum(map(len, split))} articles in {len(split)} parts:")
            for part in split:
                log(f"    {' '.join(part)}  {preview(titles.get(part[0]), 60)}")


def load_story_set(name: str, set_dir: Path) -> tuple[list[dict], list[list[str]]]:
    """A story set's documents ({"id": file name, "text"}, in file name order) and gold
    groups; files of texts/ that no gold group names are left out."""
    gold = read_gold(set_dir)
    groups = gold.get("groups")
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        raise EvaluationError(f"{name}: gold.json has no \"groups\" list of lists")
    named = [member for group in groups for member in group]
    if len(set(named)) != len(named):
        repeated = next(member for member, count in Counter(named).items() if count > 1)
        raise EvaluationError(f"{name}: gold.json names {repeated!r} in more than one group")
    wanted = set(named)
    documents = []
    for path in sorted((set_dir / "texts").glob("*.txt")):
        if path.name in wanted:
            documents.append({"id": path.name, "text": path.read_bytes().decode("utf-8", "replace")})
    missing_texts = sorted(wanted - {doc["id"] for doc in documents})
    if missing_texts:
        raise EvaluationError(
            f"{name}: gold.json names {len(missing_texts)} file(s) missing from texts/, "
            f"e.g. {missing_texts[0]!r}"
        )
    return documents, groups


def evaluate_story_set(name: str, set_dir: Path, cli: Path, baseline: "StoryBaseline",
                       log) -> dict:
    """The figures of one story set: the analyzer's storyGroups and the baseline's groups."""
    documents, gold_groups = load_story_set(name, set_dir)
    ids = [doc["id"] for doc in documents]
    started = time.perf_counter()
    report = run_analyzer_report(cli, documents)
    seconds = time.perf_counter() - started
    predicted_groups = report.get("storyGroups")
    if not isinstance(predicted_groups, list) or not all(
        isinstance(group, list) and all(isinstance(member, str) for member in group)
        for group in predicted_groups
    ):
        raise EvaluationError(f"{name}: the report's storyGroups is not a list of lists of ids")
    analyzer = score_story_groups(ids, gold_groups, predicted_groups)
    analyzer["seconds"] = round(seconds, 3)
    log(f"=== {name}: story groups ===")
    if analyzer["ids_in_no_group"] or analyzer["ids_repeated"]:
        log(f"  storyGroups is not a partition: {analyzer['ids_in_no_group']} article(s) in no "
            f"group (each scored as a group of its own), {analyzer['ids_repeated']} repeated")
    titles = {article.get("id"): article.get("title") for article in report.get("articles", [])}
    for doc in documents:  # no title found: the input's first line, for telling stories apart
        if not titles.get(doc["id"]):
            first_line = next((line for line in doc["text"].splitlines() if line.strip()), "")
            titles[doc["id"]] = f"(first line) {first_line.strip()}"
    log_story_errors(name, ids, gold_groups, predicted_groups, titles, log)
    log("")
    stories: dict = {"gold_groups": len(gold_groups), "analyzer": analyzer}
    try:
        baseline_groups, baseline_seconds = baseline.cluster(documents)
    except BaselineSkipped as skipped:
        stories["baseline"] = {"skipped": str(skipped)}
    else:
        figures = score_story_groups(ids, gold_groups, baseline_groups)
        figures["seconds"] = round(baseline_seconds, 3)
        stories["baseline"] = {"system": BASELINE_SYSTEM, "scikit_learn": baseline.version,
                               **figures}
    return {"set": name, "documents": len(documents), "seconds": round(seconds, 3),
            "stories": stories}


# ---------------------------------------------------------------------------------------------
# The story baseline: scikit-learn in its own virtual environment, run as a subprocess.

BASELINE_VENV = REPO_ROOT / "target" / "eval-venv"
BASELINE_PYTHON = BASELINE_VENV / "bin" / "python"
BASELINE_DISTANCE = 0.8
BASELINE_SYSTEM = ("TF-IDF (English stop words, sublinear tf), average-linkage clustering "
                   f"cut at cosine distance {BASELINE_DISTANCE}")

# Runs in the virtual environment: reads {"texts": [...], "distance": d} on standard input and
# prints {"labels": [a cluster number per text], "scikit_learn": version}. Average linkage on
# the precomputed cosine distances is the same clustering as metric="cosine" on dense vectors.
BASELINE_PROGRAM = r"""
import json, sys
import sklearn
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

request = json.load(sys.stdin)
texts = request["texts"]
if len(texts) < 2:
    labels = list(range(len(texts)))
else:
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    clustering = AgglomerativeClustering(n_clusters=None, metric="precomputed",
                                         linkage="average",
                                         distance_threshold=request["distance"])
    labels = clustering.fit_predict(cosine_distances(vectors)).tolist()
json.dump({"labels": labels, "scikit_learn": sklearn.__version__}, sys.stdout)
"""


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


class BaselineSkipped(Exception):
    """The baseline cannot run; the message says why."""


class StoryBaseline:
    """Makes target/eval-venv with scikit-learn on first use and clusters texts there. When
    that fails, `skip_reason` says why and every cluster() raises BaselineSkipped."""

    def __init__(self, enabled: bool = True):
        self.skip_reason: str | None = None if enabled else "--no-baseline was given"
        self.version: str | None = None

    def _sklearn_version(self) -> str | None:
        result = subprocess.run(
            [str(BASELINE_PYTHON), "-c", "import sklearn; print(sklearn.__version__)"],
            capture_output=True, text=True,
        )
        return result.stdout.strip() if result.returncode == 0 else None

    def _prepare(self) -> None:
        """Creates the environment and installs scikit-learn, unless already there."""
        relative = BASELINE_VENV.relative_to(REPO_ROOT)
        if not BASELINE_PYTHON.is_file():
            print(f"baseline: creating {relative} (python3 -m venv)", file=sys.stderr)
            result = subprocess.run([sys.executable, "-m", "venv", str(BASELINE_VENV)],
                                    capture_output=True, text=True)
            if result.returncode != 0 or not BASELINE_PYTHON.is_file():
                raise OSError(f"python3 -m venv {relative} failed: "
                              f"{last_line(result.stderr + result.stdout)}")
        self.version = self._sklearn_version()
        if self.version:
            return
        print(f"baseline: pip install scikit-learn into {relative} (once)", file=sys.stderr)
        result = subprocess.run(
            [str(BASELINE_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--retries", "1", "--timeout", "30", "scikit-learn"],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise OSError(f"pip install scikit-learn into {relative} failed (no network?): "
                          f"{last_line(result.stderr + result.stdout)}")
        self.version = self._sklearn_version()
        if not self.version:
            raise OSError(f"scikit-learn is still not importable in {relative}")

    def cluster(self, documents: list[dict]) -> tuple[list[list[str]], float]:
        """The baseline's groups of the documents' ids and the seconds it took (the
        interpreter's start and imports included); BaselineSkipped when it cannot run."""
        if self.skip_reason:
            raise BaselineSkipped(self.skip_reason)
        if not self.version:
            try:
                self._prepare()
            except OSError as error:
                self.skip_reason = str(error)
                print(f"baseline skipped: {self.skip_reason}", file=sys.stderr)
                raise BaselineSkipped(self.skip_reason) from error
        request = {"texts": [doc["text"] for doc in documents], "distance": BASELINE_DISTANCE}
        started = time.perf_counter()
        try:
            result = subprocess.run([str(BASELINE_PYTHON), "-c", BASELINE_PROGRAM],
                                    input=json.dumps(request).encode("utf-8"), capture_output=True)
            if result.returncode != 0:
                raise ValueError(last_line(result.stderr.decode("utf-8", "replace")))
            labels = json.loads(result.stdout)["labels"]
            if len(labels) != len(documents):
                raise ValueError(f"{len(labels)} labels for {len(documents)} texts")
        except (OSError, ValueError, KeyError, TypeError) as error:
            # Only this set goes without a baseline (say, texts without a single word).
            print(f"baseline failed: {error}", file=sys.stderr)
            raise BaselineSkipped(f"the baseline program failed: {error}") from error
        seconds = time.perf_counter() - started
        groups: dict[int, list[str]] = {}
        for doc, label in zip(documents, labels):
            groups.setdefault(label, []).append(doc["id"])
        return list(groups.values()), seconds


# ---------------------------------------------------------------------------------------------
# Output.


def percent(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def print_summary(all_figures: list[dict]) -> None:
    document_sets = [figures for figures in all_figures if "stories" not in figures]
    if document_sets:
        print_document_summary(document_sets)
    story_sets = [figures for figures in all_figures if "stories" in figures]
    if story_sets:
        print_story_summary(story_sets)


def print_document_summary(all_figures: list[dict]) -> None:
    """The cleaning, body, metadata and quote figures of the sets with per-document gold."""
    print("Cleaning (snippets, micro-averaged over the set)")
    print(f"  {'set':<32}{'docs':>5}  {'keep_recall':>11}  {'drop_rate':>9}  {'clean_f1':>8}  {'time':>7}")
    for figures in all_figures:
        cleaning = figures.get("cleaning")
        if cleaning:
            print(f"  {figures['set']:<32}{figures['documents']:>5}  "
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
        non_names = figures.get("non_name_speakers")
        if non_names:
            reasons = ", ".join(f"{reason} {count}" for reason, count in non_names["by_reason"].items())
            print(f"  speakers that are not names: {non_names['count']} of "
                  f"{non_names['attributed']} attributed speakers ({percent(non_names['share']).strip()})"
                  + (f": {reasons}" if reasons else ""))


def print_story_summary(all_figures: list[dict]) -> None:
    """One table per story set: the analyzer's storyGroups beside the baseline."""
    print("Story groups (B-cubed precision / recall / F1 over all articles; adjusted Rand index)")
    for figures in all_figures:
        stories = figures["stories"]
        print(f"  {figures['set']}: {figures['documents']} articles in {stories['gold_groups']} "
              "gold groups")
        print(f"    {'system':<34}{'groups':>6}  {'B3 P':>6}  {'B3 R':>6}  {'B3 F1':>6}  "
              f"{'ARI':>6}  {'time':>7}")
        rows = [("article-analyzer storyGroups", stories["analyzer"])]
        baseline = stories["baseline"]
        if "skipped" not in baseline:
            rows.append((f"baseline TF-IDF, avg link {BASELINE_DISTANCE}", baseline))
        for system, row in rows:
            print(f"    {system:<34}{row['groups']:>6}  {percent(row['bcubed_precision']):>6}  "
                  f"{percent(row['bcubed_recall']):>6}  {percent(row['bcubed_f1']):>6}  "
                  f"{row['ari']:6.3f}  {row['seconds']:6.2f}s")
        if "skipped" in baseline:
            print(f"    baseline skipped: {baseline['skipped']}")
        analyzer = stories["analyzer"]
        if analyzer["ids_in_no_group"] or analyzer["ids_repeated"]:
            print(f"    (storyGroups is not a partition: {analyzer['ids_in_no_group']} article(s) "
                  f"in no group, {analyzer['ids_repeated']} repeated)")
    scikit_learn = {f["stories"]["baseline"].get("scikit_learn") for f in all_figures} - {None}
    if scikit_learn:
        print(f"  baseline: {BASELINE_SYSTEM}; scikit-learn {', '.join(sorted(scikit_learn))} "
              "in target/eval-venv; its time includes starting Python and importing scikit-learn")


def discover_sets(data_dir: Path) -> dict[str, Path]:
    """Sets by name "group/set", for every folder holding gold.json and texts/."""
    sets = {}
    for gold in sorted(data_dir.glob("*/*/gold.json")):
        if (gold.parent / "texts").is_dir():
            sets[gold.parent.relative_to(data_dir).as_posix()] = gold.parent
            if is_html_set(gold.parent / "html"):
                sets[(gold.parent / "html").relative_to(data_dir).as_posix()] = gold.parent / "html"
    return sets


def select_sets(sets: dict[str, Path], wanted: list[str] | None) -> dict[str, Path]:
    if not wanted:
        return sets
    chosen = {}
    for name in wanted:
        # "zyte" names both rows of clean-dev/zyte (text and html), "zyte/html" the second.
        matches = [key for key in sets
                   if key == name or key.endswith("/" + name) or key.split("/")[1] == name]
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
                             "snippets, metadata predicted vs gold, quote counts), the speakers "
                             "that are not names, and the gold stories split or joined")
    parser.add_argument("--json", action="store_true",
                        help="print the figures as JSON (verbose details then go to stderr)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="do not run the story baseline (scikit-learn in target/eval-venv)")
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
        baseline = StoryBaseline(enabled=not args.no_baseline)
        all_figures = [
            evaluate_story_set(name, path, cli, baseline, log) if is_story_set(path)
            else evaluate_set(name, path, cli, log).figures()
            for name, path in chosen.items()
        ]
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
