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


DiffKind = Literal["equal", "delete", "insert"]
"""What a diff op does: keep a run of words, delete it from ``a`` or insert it into ``b``."""


class DiffOp(TypedDict):
    """One run of a diff, in text order on both sides; offsets in UTF-16 code units. A
    deletion's ``b`` range (an insertion's ``a`` range) is empty, at the place the change
    stands; ``words`` counts its words; ``moved`` marks a whole paragraph deleted at one place
    and inserted word for word at another."""

    kind: DiffKind
    aStart: int
    aEnd: int
    bStart: int
    bEnd: int
    words: int
    moved: bool


ParagraphStatus = Literal["unchanged", "changed", "added", "removed", "moved"]
"""What became of a paragraph from one text to the other."""


class ParagraphChange(TypedDict):
    """One paragraph of one text (UTF-16 offsets) and what became of it; ``other`` indexes
    its counterpart in the other text's paragraphs (``None`` when added or removed)."""

    start: int
    end: int
    status: ParagraphStatus
    other: int | None


Place = Literal["start", "end", "middle", "several"]
"""Where the paragraphs added (or removed) stand in their text."""


class DiffSummary(TypedDict):
    """A diff's counts and a sentence saying them; word counts are inside edited paragraphs
    (whole paragraphs count as paragraphs)."""

    identical: bool
    titleChanged: bool
    paragraphsAdded: int
    paragraphsAddedAt: Place | None
    paragraphsRemoved: int
    paragraphsRemovedAt: Place | None
    paragraphsMoved: int
    paragraphsChanged: int
    paragraphsUnchanged: int
    wordsAdded: int
    wordsRemoved: int
    wordsChanged: int
    sentence: str


class TextDiff(TypedDict):
    """What ``diff_texts`` returns: what changed from text ``a`` to text ``b``."""

    ops: list[DiffOp]
    aParagraphs: list[ParagraphChange]
    bParagraphs: list[ParagraphChange]
    summary: DiffSummary


class ArticleDiff(TextDiff):
    """What ``diff_articles`` returns: the ``TextDiff`` of two articles' cleaned texts, with
    their ids and the word diff of their titles (offsets into each ``title``)."""

    a: str
    b: str
    titleOps: list[DiffOp]
