"""quotes_frame and articles_frame turn reports into pandas DataFrames; the package imports
without pandas."""

from __future__ import annotations

import subprocess
import sys

import pytest

import article_analyzer as aa


def test_the_package_imports_and_says_what_is_missing_without_pandas():
    # A child interpreter where importing pandas fails, as it does where it is not installed.
    script = (
        "import sys; sys.modules['pandas'] = None\n"
        "import article_analyzer as aa\n"
        "assert aa.clean('Title\\n\\nSome body text here.\\n')['text']\n"
        "try:\n"
        "    aa.quotes_frame({'articles': [], 'quoteGroups': []})\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "quotes_frame needs pandas, which is not installed: pip install pandas" in finished.stdout


def test_quotes_frame_has_a_row_per_quote_with_its_group(batch_docs):
    pandas = pytest.importorskip("pandas")
    report = aa.analyze(batch_docs)
    frame = aa.quotes_frame(report)
    quotes = [
        (article["id"], index, quote)
        for article in report["articles"]
        for index, quote in enumerate(article["quotes"])
    ]
    assert len(frame) == len(quotes) > 0
    assert list(frame.columns) == [
        "article", "quote", "speaker", "cue", "text", "kind", "start", "end", "quote_group",
    ]
    for row, (article_id, index, quote) in zip(frame.itertuples(index=False), quotes):
        assert (row.article, row.quote) == (article_id, index)
        assert (row.speaker, row.cue, row.text, row.kind, row.start, row.end) == (
            quote["speaker"], quote["cue"], quote["text"], quote["kind"], quote["start"], quote["end"],
        )
    grouped = frame.dropna(subset=["quote_group"])
    expected = {
        (member["article"], member["quote"]): number
        for number, group in enumerate(report["quoteGroups"])
        for member in group
    }
    assert len(expected) > 0
    assert {
        (row.article, row.quote): row.quote_group for row in grouped.itertuples(index=False)
    } == expected
    assert frame["start"].dtype == "int64" and frame["quote_group"].dtype == pandas.Int64Dtype()


def test_articles_frame_has_a_row_per_article_with_its_story(batch_docs):
    pytest.importorskip("pandas")
    report = aa.analyze(batch_docs)
    frame = aa.articles_frame(report)
    assert list(frame["id"]) == [doc["id"] for doc in batch_docs]
    assert list(frame.columns) == [
        "id", "title", "author", "date", "text", "quotes", "blocks", "removed_blocks",
        "warnings", "story_group",
    ]
    for row, article in zip(frame.itertuples(index=False), report["articles"]):
        assert (row.title, row.author, row.date, row.text) == (
            article["title"], article["author"], article["date"], article["text"],
        )
        assert row.quotes == len(article["quotes"])
        assert row.removed_blocks == sum(not block["kept"] for block in article["blocks"])
        assert row.removed_blocks > 0
        assert report["storyGroups"][row.story_group].count(row.id) == 1


def test_frames_take_a_list_of_articles_too(batch_docs):
    pytest.importorskip("pandas")
    batch = aa.Batch()
    articles = [batch.add(doc) for doc in batch_docs]
    report = aa.analyze(batch_docs)
    by_report = aa.quotes_frame(report).drop(columns="quote_group")
    assert aa.quotes_frame(articles).equals(by_report)
    assert "story_group" not in aa.articles_frame(articles).columns
    assert aa.articles_frame([aa.clean(batch_docs[0]["text"])])["id"].tolist() == [""]


def test_frames_of_an_empty_report_have_their_columns():
    pytest.importorskip("pandas")
    report = aa.analyze([])
    assert len(aa.quotes_frame(report)) == 0
    assert "quote_group" in aa.quotes_frame(report).columns
    assert list(aa.articles_frame(report).columns)[:2] == ["id", "title"]


@pytest.mark.parametrize("bad", ["text", {"id": "a"}, 3])
def test_frames_say_what_they_take(bad):
    pytest.importorskip("pandas")
    with pytest.raises(TypeError, match="expects a report"):
        aa.quotes_frame(bad)
