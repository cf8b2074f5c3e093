"""article-analyzer for Python: cleans pasted news articles, extracts quotes with their
speakers, and compares articles (duplicates, story groups, quote groups).

The analysis is the Rust engine's, the same as the command line and the web page give:
every function returns plain dicts and lists in the shape of the analysis contract, with
the same keys as the CLI's JSON report (``storyGroups``, ``quoteGroups``, ...).

    >>> import article_analyzer as aa
    >>> article = aa.clean(text)              # one article: title, author, date, text, blocks, quotes
    >>> report = aa.analyze([("a", text_a), ("b", text_b)])
    >>> batch = aa.Batch(quotes=False)        # streaming: add articles one at a time
    >>> batch.add({"id": "c", "text": text_c})
    >>> batch.cross_article()["duplicates"]
    >>> aa.diff_articles(report["articles"][0], report["articles"][1])["summary"]["sentence"]

Offsets (``start``/``end`` of blocks and quotes) count UTF-16 code units, as in JavaScript;
``utf16_slice(text, start, end)`` cuts the span out of a Python ``str``. The engine runs
with the GIL released, so threads analysing different batches run in parallel.
``quotes_frame`` and ``articles_frame`` turn a report into pandas DataFrames when pandas is
installed.
"""

from article_analyzer._native import (
    DEFAULT_MAX_ARTICLE_BYTES,
    MAX_DOCUMENTS,
    Batch,
    InternalError,
    analyze,
    clean,
    diff_articles,
    diff_texts,
    extract_quotes,
)
from article_analyzer.frames import articles_frame, quotes_frame
from article_analyzer.offsets import utf16_slice
from article_analyzer.report import (
    Article,
    ArticleDiff,
    Block,
    BlockOverride,
    CrossArticle,
    DiffOp,
    DiffSummary,
    Document,
    DuplicatePair,
    ParagraphChange,
    Quote,
    QuoteChange,
    QuoteRef,
    Report,
    TextDiff,
)

__all__ = [
    "DEFAULT_MAX_ARTICLE_BYTES",
    "MAX_DOCUMENTS",
    "Article",
    "ArticleDiff",
    "Batch",
    "Block",
    "BlockOverride",
    "CrossArticle",
    "DiffOp",
    "DiffSummary",
    "Document",
    "DuplicatePair",
    "InternalError",
    "ParagraphChange",
    "Quote",
    "QuoteChange",
    "QuoteRef",
    "Report",
    "TextDiff",
    "analyze",
    "articles_frame",
    "clean",
    "diff_articles",
    "diff_texts",
    "extract_quotes",
    "quotes_frame",
    "utf16_slice",
]
