"""The Python API returns the CLI's report for the same documents: every field of the
contract, compared as whole dicts (so a key renamed, dropped or converted differently fails)."""

from __future__ import annotations

import article_analyzer as aa


def test_analyze_equals_the_cli_on_the_test_batch(batch_docs, run_cli):
    report = aa.analyze(batch_docs)
    assert report == run_cli(batch_docs)
    # The batch is only a test of the cross-article fields if they are filled.
    assert len(report["storyGroups"]) < len(batch_docs)
    assert report["duplicates"] and report["quoteGroups"]
    assert list(report) == ["articles", "storyGroups", "duplicates", "quoteGroups"]


def test_analyze_equals_the_cli_with_options(batch_docs, run_cli):
    assert aa.analyze(batch_docs, quotes=False) == run_cli(batch_docs, "--no-quotes")
    cut = aa.analyze(batch_docs, max_article_bytes=300)
    assert cut == run_cli(batch_docs, "--max-article-bytes", "300")
    assert all("300 bytes" in article["warnings"][0] for article in cut["articles"])
    assert aa.analyze(batch_docs, quotes=None, max_article_bytes=None) == aa.analyze(batch_docs)


def test_overrides_reach_the_engine_as_from_the_cli(batch_docs, run_cli):
    doc = dict(batch_docs[0])
    blocks = aa.clean(doc["text"])["blocks"]
    removed = next(i for i, block in enumerate(blocks) if not block["kept"])
    kept = next(i for i, block in enumerate(blocks) if block["kept"])
    doc["overrides"] = [{"block": removed, "kept": True}, {"block": kept, "kept": False}]
    report = aa.analyze([doc])
    assert report == run_cli([doc])
    corrected = report["articles"][0]["blocks"]
    assert corrected[removed]["kept"] is True and corrected[kept]["kept"] is False


def test_tuples_generators_and_extra_keys_read_as_dicts(batch_docs):
    as_dicts = aa.analyze(batch_docs)
    assert aa.analyze([(doc["id"], doc["text"]) for doc in batch_docs]) == as_dicts
    assert aa.analyze(doc for doc in batch_docs) == as_dicts
    # Rows with more columns than id and text (a URL, a source) are read as the CLI reads
    # JSONL objects with extra keys: the extra keys are ignored.
    assert aa.analyze([{**doc, "url": "https://example.org/"} for doc in batch_docs]) == as_dicts


def test_clean_and_extract_quotes_give_the_article_of_analyze(batch_docs):
    report = aa.analyze(batch_docs)
    for doc, article in zip(batch_docs, report["articles"]):
        cleaned = aa.clean(doc["text"])
        assert cleaned["id"] == ""
        assert {**cleaned, "id": doc["id"]} == article
        assert aa.extract_quotes(doc["text"]) == article["quotes"]


def test_batch_gives_what_analyze_gives_whatever_the_order(batch_docs):
    report = aa.analyze(batch_docs)
    batch = aa.Batch()
    articles = {}
    for doc in reversed(batch_docs):
        articles[doc["id"]] = batch.add(doc)
    assert len(batch) == len(batch_docs)
    assert [articles[doc["id"]] for doc in batch_docs] == report["articles"]
    cross = batch.cross_article()
    assert cross == {key: report[key] for key in ("storyGroups", "duplicates", "quoteGroups")}

    removed = batch_docs[0]["id"]
    assert batch.remove(removed) is True
    assert batch.remove(removed) is False
    assert len(batch) == len(batch_docs) - 1
    rest = aa.analyze(batch_docs[1:])
    assert batch.cross_article() == {
        key: rest[key] for key in ("storyGroups", "duplicates", "quoteGroups")
    }


def test_batch_options_are_those_of_analyze(batch_docs):
    batch = aa.Batch(quotes=False, max_article_bytes=500)
    added = [batch.add((doc["id"], doc["text"])) for doc in batch_docs]
    assert added == aa.analyze(batch_docs, quotes=False, max_article_bytes=500)["articles"]
    assert all(article["quotes"] == [] for article in added)


def test_offsets_are_utf16_and_utf16_slice_applies_them():
    text = (
        "Harbour Festival Opens \U0001f3a1 With Lantern Parade\n\n"
        "The festival opened on Friday with a parade of paper lanterns \U0001f3ee along the "
        "quay, watched by several thousand visitors.\n\n"
        "\"We wanted the whole town on the water's edge tonight,\" said festival director "
        "Mira Holm, who has run the event for six years.\n"
    )
    article = aa.clean(text)
    quote = article["quotes"][0]
    assert quote["speaker"] == "Mira Holm"
    # Two characters outside the Basic Multilingual Plane come before the quote, so its
    # UTF-16 offsets are two past its code point offsets.
    assert text.index("We wanted") == quote["start"] - 2
    assert aa.utf16_slice(text, quote["start"], quote["end"]) == quote["text"]
    for block in article["blocks"]:
        assert aa.utf16_slice(text, block["start"], block["end"]).strip()
