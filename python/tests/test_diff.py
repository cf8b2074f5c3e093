"""diff_texts and diff_articles: the CLI's ``diff --format json`` for the same files (the
invented copy of tests/batches/copies/: a new headline, a trimmed ending, two words changed),
compared as whole dicts, and the dicts' keys those of the TypedDicts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import article_analyzer as aa
from article_analyzer import report

COPIES = Path(__file__).resolve().parents[2] / "tests" / "batches" / "copies"
ORIGINAL = COPIES / "ferry-original.txt"
COPY = COPIES / "ferry-copy.txt"


@pytest.fixture(scope="module")
def cli_diff(cli: Path):
    """Runs ``article-analyzer diff --format json A B`` and returns its dict."""

    def run(a: Path, b: Path) -> dict:
        finished = subprocess.run(
            [str(cli), "diff", "--format", "json", str(a), str(b)],
            capture_output=True,
            check=False,
        )
        assert finished.returncode == 0, finished.stderr.decode("utf-8", "replace")
        return json.loads(finished.stdout)

    return run


def cleaned(path: Path) -> aa.Article:
    """The file cleaned, with its name as id (as the CLI names it)."""
    return {**aa.clean(path.read_text(encoding="utf-8")), "id": path.name}


def test_diff_articles_equals_the_cli_on_a_copy(cli_diff):
    expected = cli_diff(ORIGINAL, COPY)
    assert aa.diff_articles(cleaned(ORIGINAL), cleaned(COPY)) == expected
    # Articles from analyze() do as well as from clean().
    analysed = aa.analyze([(path.name, path.read_text("utf-8")) for path in (ORIGINAL, COPY)])
    assert aa.diff_articles(*analysed["articles"]) == expected
    # The other way round is another diff, which the CLI gives as well.
    assert aa.diff_articles(cleaned(COPY), cleaned(ORIGINAL)) == cli_diff(COPY, ORIGINAL)


def test_the_copy_gives_exactly_its_edits():
    a, b = cleaned(ORIGINAL), cleaned(COPY)
    diff = aa.diff_articles(a, b)
    summary = diff["summary"]
    assert summary["sentence"] == "Headline changed, 1 paragraph removed from the end, 2 words changed."
    assert summary["titleChanged"] is True
    assert (summary["paragraphsRemoved"], summary["paragraphsRemovedAt"]) == (1, "end")
    assert (summary["wordsChanged"], summary["wordsAdded"], summary["wordsRemoved"]) == (2, 0, 0)
    # The curly apostrophe and the dash before the edits are one UTF-16 unit each: the
    # offsets are UTF-16, as utf16_slice reads them.
    edits = [
        (
            op["kind"],
            aa.utf16_slice(a["text"], op["aStart"], op["aEnd"]),
            aa.utf16_slice(b["text"], op["bStart"], op["bEnd"]),
        )
        for op in diff["ops"]
        if op["kind"] != "equal"
    ]
    assert edits == [
        ("delete", "ten", ""),
        ("insert", "", "eleven"),
        ("delete", "September", ""),
        ("insert", "", "October"),
        (
            "delete",
            "Tickets for the late crossing go on sale next week at the harbour office and online.",
            "",
        ),
    ]
    titles = [
        aa.utf16_slice(b["title"], op["bStart"], op["bEnd"])
        for op in diff["titleOps"]
        if op["kind"] == "insert"
    ]
    assert titles == ["Islanders Get a Later Ferry Home This Summer"]


def test_diff_texts_is_the_body_part_of_diff_articles(cli_diff):
    expected = cli_diff(ORIGINAL, COPY)
    diff = aa.diff_texts(cleaned(ORIGINAL)["text"], cleaned(COPY)["text"])
    assert list(diff) == ["ops", "aParagraphs", "bParagraphs", "summary"]
    for key in ("ops", "aParagraphs", "bParagraphs"):
        assert diff[key] == expected[key]
    # Two plain texts have no headline: the summary says the body's changes only.
    assert diff["summary"] == {
        **expected["summary"],
        "identical": False,
        "titleChanged": False,
        "sentence": "1 paragraph removed from the end, 2 words changed.",
    }


def test_identical_and_empty_texts_say_so():
    text = cleaned(ORIGINAL)["text"]
    same = aa.diff_texts(text, text)
    assert same["summary"]["identical"] is True
    assert same["summary"]["sentence"] == "No difference: the same words in the same order."
    assert aa.diff_texts("", "")["summary"]["sentence"] == "Both texts are empty."
    # Only id, title and text are read; a missing title or id is none.
    article = aa.diff_articles({"text": text}, {"text": text, "title": None})
    assert (article["a"], article["b"], article["summary"]["identical"]) == ("", "", True)


def test_the_typed_dicts_have_the_keys_of_the_diffs():
    diff = aa.diff_articles(cleaned(ORIGINAL), cleaned(COPY))
    assert set(diff) == set(report.ArticleDiff.__annotations__)
    assert set(aa.diff_texts("a", "b")) == set(report.TextDiff.__annotations__)
    assert set(diff["ops"][0]) == set(report.DiffOp.__annotations__)
    assert set(diff["aParagraphs"][0]) == set(report.ParagraphChange.__annotations__)
    assert set(diff["summary"]) == set(report.DiffSummary.__annotations__)


def test_keywords_name_the_two_sides():
    diff = aa.diff_texts(b="The cat sat down.", a="The cat sat.")
    assert diff["summary"]["sentence"] == "1 word added."
