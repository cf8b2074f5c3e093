"""Type stubs of the native module; import ``article_analyzer`` rather than this module."""

from collections.abc import Iterable, Mapping
from types import ModuleType

from article_analyzer.report import (
    Article,
    ArticleDiff,
    CrossArticle,
    Document,
    Quote,
    Report,
    TextDiff,
)

DocumentLike = Document | tuple[str, str]

MAX_DOCUMENTS: int
"""Largest number of articles in one batch."""

DEFAULT_MAX_ARTICLE_BYTES: int
"""Largest article text analysed by default, in UTF-8 bytes (64 MiB)."""

distributed: ModuleType
"""The engine's distributed steps; use ``article_analyzer.distributed``, which names them."""

class InternalError(RuntimeError):
    """The analyzer failed on its own (a bug, not a problem with the arguments)."""

def clean(text: str) -> Article:
    """Cleans one article: title, author, date, the kept body and every block's verdict,
    with its quotes. The article's ``id`` is empty. Raises ``TypeError`` when ``text`` is
    not a ``str``."""

def clean_html(html: str | bytes) -> Article:
    """Cleans one page given as HTML (a ``str``, or ``bytes`` decoded by their byte order
    mark, UTF-8 or the charset the page declares). The article's ``source`` is the page's
    text that block and quote offsets refer to; its ``id`` is empty. Nothing in the page is
    run or fetched. Raises ``TypeError`` for anything but ``str`` or ``bytes``."""

def extract_quotes(text: str) -> list[Quote]:
    """The quotations of one article with their speakers (``clean(text)["quotes"]``)."""

def analyze(
    docs: Iterable[DocumentLike],
    *,
    max_article_bytes: int | None = None,
    quotes: bool | None = None,
) -> Report:
    """Analyses a batch of articles and returns the report (the CLI's, for the same
    documents). Raises ``TypeError`` for arguments of the wrong shape or an unknown option,
    ``ValueError`` for an empty or repeated id."""

def diff_texts(a: str, b: str) -> TextDiff:
    """What changed from text ``a`` to text ``b`` (paragraphs apart by blank lines): the
    word-level ``ops`` (UTF-16 offsets), each paragraph's fate in ``aParagraphs`` and
    ``bParagraphs``, and a ``summary`` with a sentence. Raises ``TypeError`` when either is
    not a ``str``."""

def diff_articles(
    a: Article | Mapping[str, str | None], b: Article | Mapping[str, str | None]
) -> ArticleDiff:
    """What changed from article ``a`` to article ``b`` (Article dicts; only ``id``,
    ``title`` and ``text`` are read): ``diff_texts`` of their cleaned texts, with their ids,
    the titles' ``titleOps`` and a summary counting the headline; the CLI's
    ``article-analyzer diff --format json``. Raises ``TypeError`` when an argument is not
    such a dict."""

class Batch:
    """A batch analysed one article at a time; the same results as ``analyze``."""

    def __init__(
        self, *, max_article_bytes: int | None = None, quotes: bool | None = None
    ) -> None: ...
    def add(self, doc: DocumentLike) -> Article:
        """Analyses one article, keeps its summary and returns it."""
    def remove(self, id: str) -> bool:
        """Takes the article with this id out of the batch; ``False`` when there was none."""
    def cross_article(self) -> CrossArticle:
        """Story groups, duplicates and quote groups of the articles in the batch."""
    def __len__(self) -> int: ...
