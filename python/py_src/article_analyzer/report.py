"""The shapes of what the analyzer returns, as ``TypedDict``s for type checkers: the
analysis contract's Report, Article, Block, Quote, ..., with the same keys as the JSON
(camelCase where the contract has it). At run time these are plain dicts and lists.
"""

# No `from __future__ import annotations`: Python 3.11's TypedDict cannot see NotRequired in
# string annotations, and would list `source` and `change` among the required keys.
from typing import Literal, NotRequired, TypedDict

BlockKind = Literal[
    "title",
    "byline",
    "date",
    "body",
    "heading",
    "caption",
    "credit",
    "related",
    "boilerplate",
    "duplicate",
]
"""What the cleaner decided a block is (more kinds may be added)."""


class Block(TypedDict):
    """One paragraph of the input with the cleaner's verdict; offsets in UTF-16 code units."""

    start: int
    end: int
    kind: BlockKind
    kept: bool
    reason: str


class Quote(TypedDict):
    """A quotation with its speaker; offsets of the quoted words in UTF-16 code units."""

    text: str
    speaker: str | None
    cue: str | None
    start: int
    end: int
    kind: Literal["direct", "partial", "block"]


class Article(TypedDict):
    """One analysed article. For HTML input, ``source`` is the page's visible text that block
    and quote offsets refer to; text input has none (its offsets refer to the input)."""

    id: str
    title: str | None
    author: str | None
    date: str | None
    text: str
    blocks: list[Block]
    quotes: list[Quote]
    warnings: list[str]
    source: NotRequired[str]


class DuplicatePair(TypedDict):
    """Two articles whose texts are the same (``exact``) or nearly so (``near``); ``a`` is
    the smaller id."""

    a: str
    b: str
    similarity: float
    kind: Literal["exact", "near"]


QuoteChangeLabel = Literal[
    "reference",
    "identical",
    "shortened",
    "extended",
    "reworded",
    "differentTranslation",
]
"""What one outlet did to a statement, against its quote group's reference (longest) quote."""


class QuoteChange(TypedDict):
    """How a quote of a group differs from the group's reference quote (words compared in
    lowercase, without punctuation; see the README's additions to the contract)."""

    label: QuoteChangeLabel
    wordsShared: int
    wordsAdded: int
    wordsDropped: int
    wordsChanged: int
    speakerDiffers: bool
    cueDiffers: bool


class QuoteRef(TypedDict):
    """One quote of one article: ``quote`` indexes that article's ``quotes``; in quote
    groups, ``change`` says how it differs from the group's reference."""

    article: str
    quote: int
    change: NotRequired[QuoteChange]


class CrossArticle(TypedDict):
    """What a batch's articles have in common (``Batch.cross_article``)."""

    storyGroups: list[list[str]]
    duplicates: list[DuplicatePair]
    quoteGroups: list[list[QuoteRef]]


class Report(TypedDict):
    """What ``analyze`` returns: the articles in input order and the cross-article results."""

    articles: list[Article]
    storyGroups: list[list[str]]
    duplicates: list[DuplicatePair]
    quoteGroups: list[list[QuoteRef]]


class BlockOverride(TypedDict):
    """A user's correction of one block: restore a removed block (``kept: True``) or remove
    a kept one; ``block`` indexes the article's ``blocks``."""

    block: int
    kept: bool


class _DocumentFields(TypedDict):
    id: str
    text: str


class Document(_DocumentFields, total=False):
    """One article handed to ``analyze`` or ``Batch.add``; ``format`` (``"text"``, the
    default, or ``"html"``) and ``overrides`` are optional."""

    format: Literal["text", "html"]
    overrides: list[BlockOverride]
