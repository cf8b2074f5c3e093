"""Reports as pandas DataFrames: one row per quote, or one row per article.

pandas is imported only when one of these functions is called, so ``import
article_analyzer`` works without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

QUOTE_COLUMNS = ["article", "quote", "speaker", "cue", "text", "kind", "start", "end"]
ARTICLE_COLUMNS = [
    "id",
    "title",
    "author",
    "date",
    "text",
    "quotes",
    "blocks",
    "removed_blocks",
    "warnings",
]


def quotes_frame(report: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> pandas.DataFrame:
    """One row per quote of a report (``analyze``'s result) or of a list of articles (from
    ``clean`` or ``Batch.add``).

    Columns: ``article`` (its id), ``quote`` (the quote's index in that article's
    ``quotes``, as in ``quoteGroups``), ``speaker``, ``cue``, ``text``, ``kind``, ``start``
    and ``end`` (UTF-16 offsets, see ``utf16_slice``); for a report also ``quote_group``,
    the index of the quote's group in ``quoteGroups`` (``<NA>`` when it is in none).
    """
    pandas = _pandas("quotes_frame")
    articles, report_dict = _articles_of(report, "quotes_frame")
    rows = [
        {
            "article": article["id"],
            "quote": index,
            "speaker": quote["speaker"],
            "cue": quote["cue"],
            "text": quote["text"],
            "kind": quote["kind"],
            "start": quote["start"],
            "end": quote["end"],
        }
        for article in articles
        for index, quote in enumerate(article["quotes"])
    ]
    frame = pandas.DataFrame(rows, columns=QUOTE_COLUMNS).astype(
        {"quote": "int64", "start": "int64", "end": "int64"}
    )
    if report_dict is not None:
        group_of = {
            (member["article"], member["quote"]): number
            for number, group in enumerate(report_dict["quoteGroups"])
            for member in group
        }
        groups = [group_of.get(key) for key in zip(frame["article"], frame["quote"])]
        frame["quote_group"] = pandas.array(groups, dtype="Int64")
    return frame


def articles_frame(report: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> pandas.DataFrame:
    """One row per article of a report (``analyze``'s result) or of a list of articles (from
    ``clean`` or ``Batch.add``).

    Columns: ``id``, ``title``, ``author``, ``date`` (``YYYY-MM-DD`` text or ``None``; use
    ``pandas.to_datetime`` for dates), ``text`` (the cleaned body), ``quotes`` (how many),
    ``blocks`` (how many paragraphs the input had), ``removed_blocks`` (how many the cleaner
    set aside) and ``warnings`` (a list of str); for a report also ``story_group``, the index
    of the article's group in ``storyGroups``.
    """
    pandas = _pandas("articles_frame")
    articles, report_dict = _articles_of(report, "articles_frame")
    rows = [
        {
            "id": article["id"],
            "title": article["title"],
            "author": article["author"],
            "date": article["date"],
            "text": article["text"],
            "quotes": len(article["quotes"]),
            "blocks": len(article["blocks"]),
            "removed_blocks": sum(1 for block in article["blocks"] if not block["kept"]),
            "warnings": list(article["warnings"]),
        }
        for article in articles
    ]
    frame = pandas.DataFrame(rows, columns=ARTICLE_COLUMNS).astype(
        {"quotes": "int64", "blocks": "int64", "removed_blocks": "int64"}
    )
    if report_dict is not None:
        group_of = {
            article_id: number
            for number, group in enumerate(report_dict["storyGroups"])
            for article_id in group
        }
        groups = [group_of.get(article_id) for article_id in frame["id"]]
        frame["story_group"] = pandas.array(groups, dtype="Int64")
    return frame


def _pandas(caller: str) -> Any:
    try:
        import pandas
    except ImportError as error:
        raise ImportError(
            f"{caller} needs pandas, which is not installed: pip install pandas"
        ) from error
    return pandas


def _articles_of(
    source: Mapping[str, Any] | Iterable[Mapping[str, Any]], caller: str
) -> tuple[list[Mapping[str, Any]], Mapping[str, Any] | None]:
    """The articles of a report or of an iterable of articles, and the report when it is one."""
    if isinstance(source, Mapping):
        if "articles" not in source:
            raise TypeError(
                f"{caller} expects a report (a dict with \"articles\", as analyze returns) "
                "or a list of articles; for one article from clean(), pass [article]"
            )
        return list(source["articles"]), source
    if isinstance(source, (str, bytes)) or not isinstance(source, Iterable):
        raise TypeError(
            f"{caller} expects a report or a list of articles, not {type(source).__name__}"
        )
    return list(source), None
