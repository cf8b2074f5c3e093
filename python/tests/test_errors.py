"""Bad arguments raise TypeError (wrong type or shape) or ValueError (a value that cannot be
used) with a message saying what was wrong; nothing crashes the interpreter."""

from __future__ import annotations

import pytest

import article_analyzer as aa

TEXT = "Bridge Reopens\n\nThe old bridge reopened on Monday after two years of repairs.\n"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: aa.analyze([("a", TEXT), ("a", TEXT)]), ValueError, 'two articles have the id "a"'),
        (lambda: aa.analyze([("", TEXT)]), ValueError, "article number 1 has an empty id"),
        (lambda: aa.analyze([{"id": "", "text": TEXT}]), ValueError, "empty id"),
        (lambda: aa.analyze([("a", b"bytes")]), TypeError, 'article number 1 "a" has a text of type bytes'),
        (lambda: aa.analyze([("a", b"bytes")]), TypeError, 'data.decode("utf-8", errors="replace")'),
        (lambda: aa.analyze([{"id": "a", "text": None}]), TypeError, "has a text of type NoneType"),
        (lambda: aa.analyze([{"id": 7, "text": TEXT}]), TypeError, "has an id of type int; ids are str"),
        (lambda: aa.analyze([{"text": TEXT}]), TypeError, 'article number 1 has no "id"'),
        (lambda: aa.analyze([("a", TEXT), {"id": "b"}]), TypeError, 'article number 2 "b" has no "text"'),
        (lambda: aa.analyze([("a", TEXT, "x")]), TypeError, "is a tuple of 3 items"),
        (lambda: aa.analyze([["a", TEXT]]), TypeError, "article number 1 is a list; expected a dict"),
        (lambda: aa.analyze(TEXT), TypeError, "not one str; to analyse one text use clean(text)"),
        (lambda: aa.analyze({"id": "a", "text": TEXT}), TypeError, "for one article pass a list: [doc]"),
        (lambda: aa.analyze(42), TypeError, "expects an iterable of articles"),
        (lambda: aa.analyze(range(10**15)), TypeError, "article number 1 is an int"),
        (lambda: aa.analyze([("a", TEXT)], quote=False), TypeError, "unexpected keyword argument 'quote'; the options are max_article_bytes, quotes"),
        (lambda: aa.analyze([], max_article_bytes=-1), ValueError, "max_article_bytes must be 0 or more"),
        (lambda: aa.analyze([], max_article_bytes=2**70), ValueError, "max_article_bytes must be 0 or more and at most"),
        (lambda: aa.analyze([], max_article_bytes=1.5), TypeError, "max_article_bytes must be a whole number of bytes"),
        (lambda: aa.analyze([], max_article_bytes=True), TypeError, "not bool"),
        (lambda: aa.analyze([], quotes=1), TypeError, "quotes must be True or False, not int"),
        (lambda: aa.analyze([], quotes="no"), TypeError, "quotes must be True or False, not str"),
        (
            lambda: aa.analyze([{"id": "a", "text": TEXT, "overrides": [{"block": 0, "keep": True}]}]),
            TypeError,
            "unknown field `keep`",
        ),
        (
            lambda: aa.analyze([{"id": "a", "text": TEXT, "overrides": [{"block": -1, "kept": True}]}]),
            TypeError,
            'article number 1 "a" has overrides that are not a list of',
        ),
        (lambda: aa.clean(None), TypeError, "clean() expects the article text as a str, got NoneType"),
        (lambda: aa.clean(b"bytes"), TypeError, "decode the bytes first"),
        (lambda: aa.extract_quotes(3), TypeError, "extract_quotes() expects the article text as a str, got int"),
        (lambda: aa.clean("caf\udce9"), ValueError, "lone surrogates"),
        (lambda: aa.analyze([("a\udce9", TEXT)]), ValueError, "its id holds lone surrogates"),
        (lambda: aa.Batch(quote=True), TypeError, "Batch() got an unexpected keyword argument 'quote'"),
        (lambda: aa.Batch().add("just text"), TypeError, "Batch.add(): the article is a str; expected a dict"),
        (lambda: aa.Batch().add({"id": "", "text": TEXT}), ValueError, "has an empty id"),
        (lambda: aa.Batch().remove(3), TypeError, "Batch.remove() expects an article id (a str), got int"),
        (lambda: aa.diff_texts(TEXT, None), TypeError, "diff_texts() expects two texts (str); the second is a NoneType"),
        (lambda: aa.diff_texts(b"bytes", TEXT), TypeError, 'the first is a bytes (decode the bytes first'),
        (lambda: aa.diff_texts("caf\udce9", TEXT), ValueError, "the first text holds lone surrogates"),
        (lambda: aa.diff_texts(TEXT), TypeError, "missing 1 required positional argument: 'b'"),
        (lambda: aa.diff_articles(TEXT, TEXT), TypeError, "the first is a str, not an Article dict"),
        (lambda: aa.diff_articles(TEXT, TEXT), TypeError, "to compare two texts use diff_texts(a, b)"),
        (lambda: aa.diff_articles({"text": TEXT}, [TEXT]), TypeError, "the second is a list, not an Article dict"),
        (lambda: aa.diff_articles({"text": TEXT}, {"id": "b"}), TypeError, 'the second article has no "text"'),
        (lambda: aa.diff_articles({"text": 5}, {"text": TEXT}), TypeError, 'the first article\'s "text" is an int; a str was expected'),
        (lambda: aa.diff_articles({"text": TEXT, "title": 1}, {"text": TEXT}), TypeError, 'the first article\'s "title" is an int'),
        (lambda: aa.diff_articles({"text": TEXT, "id": 7}, {"text": TEXT}), TypeError, 'the first article\'s "id" is an int'),
        (lambda: aa.diff_articles({"text": TEXT}, {"text": "caf\udce9"}), ValueError, 'the second article\'s "text" holds lone surrogates'),
    ],
)
def test_bad_arguments_raise_with_a_message_that_says_what_was_wrong(call, error, message):
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)


def test_a_batch_refuses_an_id_it_holds_and_stays_usable():
    batch = aa.Batch()
    first = batch.add(("a", TEXT))
    with pytest.raises(ValueError, match='two articles have the id "a"'):
        batch.add(("a", TEXT + "\nMore text.\n"))
    assert len(batch) == 1
    assert batch.remove("a") and batch.add(("a", TEXT)) == first


def test_a_failed_analyze_reads_every_document_before_any_work():
    """The whole batch is checked first: an error in the last document wastes no analysis
    and leaves no partial result behind."""
    docs = iter([("a", TEXT), ("b", TEXT), ("c", 3)])
    with pytest.raises(TypeError, match="article number 3"):
        aa.analyze(docs)


def test_overrides_out_of_range_are_warnings_not_errors():
    article = aa.analyze([{"id": "a", "text": TEXT, "overrides": [{"block": 99, "kept": True}]}])
    assert any("99" in warning for warning in article["articles"][0]["warnings"])


def test_internal_error_is_a_runtime_error_that_except_exception_catches():
    # A bug in the engine (a Rust panic) raises InternalError instead of aborting or raising
    # pyo3's PanicException, which derives from BaseException and escapes `except Exception`.
    assert issubclass(aa.InternalError, RuntimeError)
    assert "report it" in aa.InternalError.__doc__
