//! Python bindings of article-analyzer (the extension module `article_analyzer._native`).
//!
//! A thin layer, like the wasm bindings (`../src/wasm.rs`) and the CLI: it reads Python
//! arguments into the engine's types ([`arguments`]), calls the engine's own functions with
//! the GIL released and panics caught ([`boundary`]), and turns the engine's serde values into
//! plain Python dicts and lists in the contract's shape (the same keys as the JSON report).
//! No analysis happens here, so Python, the page and the CLI cannot disagree.

mod arguments;
mod boundary;
mod distributed;

use std::sync::{Mutex, MutexGuard, PoisonError};

use pyo3::prelude::*;
use pyo3::types::PyDict;

use arguments::{
    read_article, read_diff_text, read_document, read_documents, read_html, read_id, read_options,
    read_text,
};
use boundary::{engine_error, run_engine, to_python, InternalError};

/// Cleans one article: title, author, date, the kept body and every block's verdict, with
/// its quotes. Returns an Article dict (its ``id`` is empty). Raises ``TypeError`` when
/// ``text`` is not a ``str``.
#[pyfunction]
fn clean(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let text = read_text("clean", text)?;
    let article = run_engine(py, || article_analyzer::clean(&text))?;
    to_python(py, &article)
}

/// Cleans one page given as HTML: the engine reads its visible text and its structure
/// (navigation, sidebars, captions, the article's own element, the metadata in its markup).
/// Returns an Article dict (its ``id`` is empty) whose ``source`` is the page's text that
/// block and quote offsets refer to. ``html`` is a ``str``, or ``bytes`` decoded as a browser
/// would (byte order mark, UTF-8, the charset the page declares; the article is warned when
/// bytes could not be read as meant). Nothing in the page is run or fetched. Raises
/// ``TypeError`` for anything else.
#[pyfunction]
fn clean_html(py: Python<'_>, html: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (html, warning) = read_html("clean_html", html)?;
    let mut article = run_engine(py, || article_analyzer::clean_html(&html))?;
    if let Some(warning) = warning {
        article.warnings.insert(0, warning);
    }
    to_python(py, &article)
}

/// The quotations of one article with their speakers, as a list of Quote dicts (the same
/// quotes as ``clean(text)["quotes"]``). Raises ``TypeError`` when ``text`` is not a ``str``.
#[pyfunction]
fn extract_quotes(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let text = read_text("extract_quotes", text)?;
    let quotes = run_engine(py, || article_analyzer::extract_quotes(&text))?;
    to_python(py, &quotes)
}

/// Analyses a batch of articles and returns the Report dict: ``articles`` in input order,
/// then ``storyGroups``, ``duplicates`` and ``quoteGroups`` (the CLI's report for the same
/// documents).
///
/// ``docs`` is an iterable of ``{"id": str, "text": str}`` dicts (optionally with
/// ``"format": "html"`` for a page's HTML and ``"overrides": [{"block": int, "kept":
/// bool}]``) or of ``(id, text)`` tuples. Options:
/// ``max_article_bytes`` (analyse at most this many UTF-8 bytes of each text; default 64 MiB)
/// and ``quotes`` (``False`` only cleans, faster). Raises ``TypeError`` for arguments of the
/// wrong shape or an unknown option, ``ValueError`` for an empty or repeated id.
#[pyfunction]
#[pyo3(
    signature = (docs, **options),
    text_signature = "(docs, *, max_article_bytes=None, quotes=True)"
)]
fn analyze(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options = read_options("analyze", options)?;
    let docs = read_documents("analyze", docs)?;
    let report =
        run_engine(py, || article_analyzer::analyze(&docs, &options))?.map_err(engine_error)?;
    to_python(py, &report)
}

/// What changed from text ``a`` to text ``b`` (paragraphs apart by blank lines): a dict
/// with ``ops`` (the word-level diff: runs kept, deleted from ``a`` or inserted into ``b``,
/// with UTF-16 offsets into each text), ``aParagraphs`` and ``bParagraphs`` (each paragraph
/// and what became of it: unchanged, changed, added, removed or moved) and ``summary``
/// (counts, and a sentence such as "1 paragraph removed from the end, 2 words changed.").
/// The page's ``diffTexts`` gives the same. Raises ``TypeError`` when either is not a
/// ``str``.
#[pyfunction]
fn diff_texts(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = read_diff_text("diff_texts", "first", a)?;
    let b = read_diff_text("diff_texts", "second", b)?;
    let diff = run_engine(py, || article_analyzer::diff_texts(&a, &b))?;
    to_python(py, &diff)
}

/// What changed from article ``a`` to article ``b``, two Article dicts as ``clean``,
/// ``analyze`` or ``Batch.add`` return them (only ``id``, ``title`` and ``text`` are read):
/// the dict of ``diff_texts`` for their cleaned texts, with ``a`` and ``b`` (their ids),
/// ``titleOps`` (the headlines' word diff, offsets into each ``title``) and a summary that
/// counts the headline. The same as the page's ``diffArticles`` and the CLI's
/// ``article-analyzer diff --format json A B``. Raises ``TypeError`` when an argument is not
/// such a dict.
#[pyfunction]
fn diff_articles(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let a = read_article("diff_articles", "first", a)?;
    let b = read_article("diff_articles", "second", b)?;
    let diff = run_engine(py, || article_analyzer::diff_articles(&a, &b))?;
    to_python(py, &diff)
}

/// A batch analysed one article at a time, for streaming a corpus or editing a batch:
/// ``add`` analyses an article and returns it, ``remove`` takes one out, ``cross_article``
/// gives the story groups, duplicates and quote groups of what the batch holds. Only a
/// small summary of each article is kept. The same results as ``analyze`` over the same
/// articles, whatever the order they were added in.
///
/// ``Batch(**options)`` takes the options of ``analyze``. A batch may be shared between
/// threads: its calls take turns, each with the GIL released while the engine works.
#[pyclass(frozen, module = "article_analyzer")]
struct Batch {
    /// Locked only while the GIL is released (see [`Batch::with_batch`]): a thread waiting
    /// for the lock while holding the GIL would stop the thread holding the lock from ever
    /// getting the GIL back.
    batch: Mutex<article_analyzer::Batch>,
}

#[pymethods]
impl Batch {
    #[new]
    #[pyo3(
        signature = (**options),
        text_signature = "(*, max_article_bytes=None, quotes=True)"
    )]
    fn new(options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let options = read_options("Batch", options)?;
        Ok(Batch {
            batch: Mutex::new(article_analyzer::Batch::new(options)),
        })
    }

    /// Analyses one article (a ``{"id", "text"[, "format", "overrides"]}`` dict or an ``(id,
    /// text)`` tuple), keeps its summary and returns the Article dict. Raises ``ValueError`` when the
    /// id is empty or already in the batch (remove it first to replace it).
    fn add(&self, py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let doc = read_document("Batch.add", doc, None)?;
        let article = self
            .with_batch(py, |batch| batch.add(&doc))?
            .map_err(engine_error)?;
        to_python(py, &article)
    }

    /// Takes the article with this id out of the batch; ``False`` when there was none.
    fn remove(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<bool> {
        let id = read_id("Batch.remove", id)?;
        self.with_batch(py, |batch| batch.remove(&id))
    }

    /// Story groups, duplicates and quote groups of the articles in the batch: a dict with
    /// the keys ``storyGroups``, ``duplicates`` and ``quoteGroups``.
    fn cross_article(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cross = self.with_batch(py, |batch| batch.cross_article())?;
        to_python(py, &cross)
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        self.with_batch(py, |batch| batch.len())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let articles = self.with_batch(py, |batch| batch.len())?;
        Ok(format!("<article_analyzer.Batch of {articles} article(s)>"))
    }
}

impl Batch {
    /// Runs `work` on the batch with the GIL released and panics caught.
    fn with_batch<T: Send>(
        &self,
        py: Python<'_>,
        work: impl FnOnce(&mut article_analyzer::Batch) -> T + Send,
    ) -> PyResult<T> {
        run_engine(py, || work(&mut self.lock()))
    }

    fn lock(&self) -> MutexGuard<'_, article_analyzer::Batch> {
        // The lock is poisoned only by a panic unwinding through it, and `run_engine` catches
        // panics inside the locked region. Were it poisoned all the same, the batch would
        // still be whole: `Batch::add` changes it only after the analysis that could panic.
        self.batch.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The native half of the `article_analyzer` package; import `article_analyzer` instead.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(clean, module)?)?;
    module.add_function(wrap_pyfunction!(clean_html, module)?)?;
    module.add_function(wrap_pyfunction!(extract_quotes, module)?)?;
    module.add_function(wrap_pyfunction!(analyze, module)?)?;
    module.add_function(wrap_pyfunction!(diff_texts, module)?)?;
    module.add_function(wrap_pyfunction!(diff_articles, module)?)?;
    module.add_class::<Batch>()?;
    module.add("InternalError", module.py().get_type::<InternalError>())?;
    module.add("MAX_DOCUMENTS", article_analyzer::MAX_DOCUMENTS)?;
    module.add(
        "DEFAULT_MAX_ARTICLE_BYTES",
        article_analyzer::DEFAULT_MAX_ARTICLE_BYTES,
    )?;
    distributed::register(module)?;
    Ok(())
}
