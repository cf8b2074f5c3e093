//! The engine's distributed steps (`article_analyzer::distributed`) for Python, as the Spark
//! job (`article_analyzer.spark`) calls them: summaries go in and out as bytes, keys and
//! positions as ints, and every call runs with the GIL released. Nothing is decided here;
//! each function is one engine step, so a job built on them gives what `analyze` gives.
//!
//! Keys that are 64-bit hashes (band keys, exact keys, quote filing keys, quote stems) are
//! handed out as signed 64-bit ints, the same bits: Spark's LongType is signed, and a key is
//! only ever compared for equality or given back.

use std::sync::{Mutex, PoisonError};

use article_analyzer::distributed::{
    self as steps, CommonStems, DocumentFrequencies, DuplicateSettings, Edge, Fingerprint,
    IndexPair, OwnDates, QuoteId, QuoteSummary, RankedQuote, StorySummary, StoryVector,
    SummaryBytesError,
};
use article_analyzer::{analyze_one, Document, DuplicateKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::arguments::read_options;
use crate::boundary::{run_engine, to_python, InternalError};

/// Bytes that are not the summary they were given as: a `ValueError` with the engine's
/// reason (bytes from another version of the package, or cut short on the way).
fn bytes_error(error: SummaryBytesError) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// A u64 hash as the signed int of the same bits (see the module's header).
fn signed(key: u64) -> i64 {
    key as i64
}

/// An engine step that reads summaries from bytes, run with the GIL released.
fn run_reading<T: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> Result<T, SummaryBytesError> + Send,
) -> PyResult<T> {
    run_engine(py, work)?.map_err(bytes_error)
}

/// ``(article_json, fingerprint, story, quotes)``: what [`summarise`] gives.
type SummaryTuple = (String, Py<PyBytes>, Py<PyBytes>, Vec<Py<PyBytes>>);

/// Analyses one article and summarises it for the cross-article steps. Returns
/// ``(article_json, fingerprint, story, quotes)``: the Article object as the CLI writes it
/// (one line of JSON), the duplicate fingerprint and the story summary as bytes, and the
/// summaries of its groupable quotes (a list of bytes, in quote order). Takes the options of
/// ``analyze``. Raises ``ValueError`` for an empty id.
#[pyfunction]
#[pyo3(signature = (id, text, **options))]
fn summarise(
    py: Python<'_>,
    id: String,
    text: String,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<SummaryTuple> {
    let options = read_options("summarise", options)?;
    if id.is_empty() {
        return Err(PyValueError::new_err(
            "summarise(): an article needs a non-empty id (the report names articles by it)",
        ));
    }
    let (json, fingerprint, story, quotes) = run_engine(py, || {
        let article = analyze_one(&Document::new(id, text), &options);
        let summary = steps::ArticleSummary::of(&article);
        let json = serde_json::to_string(&article);
        (
            json,
            summary.fingerprint.to_bytes(),
            summary.story.to_bytes(),
            summary
                .quotes
                .iter()
                .map(QuoteSummary::to_bytes)
                .collect::<Vec<_>>(),
        )
    })?;
    let json = json.map_err(|error| {
        InternalError::new_err(format!("could not write the article as JSON: {error}"))
    })?;
    Ok((
        json,
        PyBytes::new(py, &fingerprint).unbind(),
        PyBytes::new(py, &story).unbind(),
        quotes
            .iter()
            .map(|quote| PyBytes::new(py, quote).unbind())
            .collect(),
    ))
}

/// The exact-copy key of a fingerprint (articles with the same key are exact copies), or
/// ``None`` for a text without words, which is nobody's copy.
#[pyfunction]
fn exact_key(py: Python<'_>, fingerprint: &[u8]) -> PyResult<Option<i64>> {
    run_reading(py, || {
        Ok(Fingerprint::from_bytes(fingerprint)?
            .exact_key()
            .map(signed))
    })
}

/// The LSH band keys of a fingerprint, one per band in band order (the shuffle key is the
/// band's number with its key); empty for a text without words.
#[pyfunction]
fn band_keys(py: Python<'_>, fingerprint: &[u8]) -> PyResult<Vec<i64>> {
    run_reading(py, || {
        Ok(Fingerprint::from_bytes(fingerprint)?
            .band_keys(&DuplicateSettings::DEFAULT)
            .into_iter()
            .map(signed)
            .collect())
    })
}

/// The estimated similarity of two fingerprints when they are near duplicates, else ``None``.
#[pyfunction]
fn near_similarity(py: Python<'_>, a: &[u8], b: &[u8]) -> PyResult<Option<f64>> {
    run_reading(py, || {
        Ok(steps::near_similarity(
            &Fingerprint::from_bytes(a)?,
            &Fingerprint::from_bytes(b)?,
            &DuplicateSettings::DEFAULT,
        ))
    })
}

/// One LSH bucket scored where it lands: ``members`` are the copy sets' representatives
/// ``(position, fingerprint)`` filed under one key of band ``band``; returns the pairs
/// ``(a, b, similarity)`` that are near duplicates, each scored only in the bucket of the
/// first band its two share (so over all buckets, once).
#[pyfunction]
fn bucket_near_pairs(
    py: Python<'_>,
    band: usize,
    members: Vec<(usize, Bound<'_, PyBytes>)>,
) -> PyResult<Vec<(usize, usize, f64)>> {
    let members: Vec<(usize, &[u8])> = members
        .iter()
        .map(|(position, bytes)| (*position, bytes.as_bytes()))
        .collect();
    run_reading(py, || {
        let prints = members
            .iter()
            .map(|(position, bytes)| Ok((*position, Fingerprint::from_bytes(bytes)?)))
            .collect::<Result<Vec<_>, SummaryBytesError>>()?;
        let members: Vec<(usize, &Fingerprint)> = prints
            .iter()
            .map(|(position, print)| (*position, print))
            .collect();
        Ok(steps::bucket_near_pairs(
            band,
            &members,
            &DuplicateSettings::DEFAULT,
        ))
    })
}

/// A duplicate pair as ``(a, b, similarity, kind)``: positions, the smaller first, and
/// ``"exact"`` or ``"near"``.
type PairTuple = (usize, usize, f64, &'static str);

fn pair_tuple(pair: IndexPair) -> PairTuple {
    let kind = match pair.kind {
        DuplicateKind::Exact => "exact",
        DuplicateKind::Near => "near",
    };
    (pair.a, pair.b, pair.similarity, kind)
}

/// The duplicate pairs of one exact-copy set (positions, any order): every two members.
#[pyfunction]
fn exact_pairs(members: Vec<usize>) -> Vec<PairTuple> {
    steps::exact_pairs(&members)
        .into_iter()
        .map(pair_tuple)
        .collect()
}

/// The duplicate pairs between two exact-copy sets whose representatives are near
/// duplicates with ``similarity``: every member of one with every member of the other.
#[pyfunction]
fn near_pairs(first: Vec<usize>, second: Vec<usize>, similarity: f64) -> Vec<PairTuple> {
    steps::near_pairs(&first, &second, similarity)
        .into_iter()
        .map(pair_tuple)
        .collect()
}

/// A duplicate pair in the report's shape (a DuplicatePair dict) from the two ids and the
/// pair's similarity and kind, rounded as the report rounds it.
#[pyfunction]
fn duplicate_pair(
    py: Python<'_>,
    a: String,
    b: String,
    similarity: f64,
    kind: &str,
) -> PyResult<Py<PyAny>> {
    let kind = match kind {
        "exact" => DuplicateKind::Exact,
        "near" => DuplicateKind::Near,
        other => {
            return Err(PyValueError::new_err(format!(
                "duplicate_pair(): kind must be \"exact\" or \"near\", not {other:?}"
            )))
        }
    };
    let pair = IndexPair {
        a: 0,
        b: 1,
        similarity,
        kind,
    };
    to_python(py, &pair.with_ids(&[&a, &b]))
}

/// Every two distinct members of one bucket (the items filed under one shuffle key), the
/// smaller first, sorted; none when the bucket holds more than ``max_posting`` distinct
/// members (``None``: no cap).
#[pyfunction]
#[pyo3(signature = (members, max_posting=None))]
fn bucket_pairs(
    py: Python<'_>,
    members: Vec<usize>,
    max_posting: Option<usize>,
) -> PyResult<Vec<(usize, usize)>> {
    run_engine(py, || {
        steps::bucket_pairs(&members, max_posting.unwrap_or(usize::MAX))
    })
}

/// The term hashes of a story summary, for counting in how many articles each stands.
#[pyfunction]
fn story_terms(py: Python<'_>, story: &[u8]) -> PyResult<Vec<u32>> {
    run_reading(py, || {
        let story = StorySummary::from_bytes(story)?;
        Ok(story.terms.iter().map(|term| term.hash).collect())
    })
}

/// The story statistics every executor reads articles against, as bytes: the batch's
/// number of articles and each term's count of holders (terms held by one article only may
/// be left out, and are).
#[pyfunction]
fn story_frequencies(
    py: Python<'_>,
    documents: usize,
    counts: Vec<(u32, u32)>,
) -> PyResult<Py<PyBytes>> {
    let bytes = run_engine(py, || {
        DocumentFrequencies::from_counts(documents, counts)
            .without_single_holders()
            .to_bytes()
    })?;
    Ok(PyBytes::new(py, &bytes).unbind())
}

/// What an article's own dates say of a scored pair, by name.
fn dates_name(dates: OwnDates) -> &'static str {
    match dates {
        OwnDates::Unknown => "unknown",
        OwnDates::Near => "near",
        OwnDates::Apart => "apart",
    }
}

fn dates_from_name(name: &str) -> PyResult<OwnDates> {
    match name {
        "unknown" => Ok(OwnDates::Unknown),
        "near" => Ok(OwnDates::Near),
        "apart" => Ok(OwnDates::Apart),
        other => Err(PyValueError::new_err(format!(
            "dates must be \"unknown\", \"near\" or \"apart\", not {other:?}"
        ))),
    }
}

/// The batch's story statistics (``StoryStatistics(story_frequencies(...))``), read once per
/// executor: the keys an article is filed under and the score of a candidate pair.
#[pyclass(frozen, module = "article_analyzer.distributed")]
struct StoryStatistics {
    frequencies: DocumentFrequencies,
}

impl StoryStatistics {
    fn weigh(&self, story: &[u8]) -> Result<(StorySummary, StoryVector), SummaryBytesError> {
        let story = StorySummary::from_bytes(story)?;
        let vector = StoryVector::weigh(&story, &self.frequencies);
        Ok((story, vector))
    }
}

#[pymethods]
impl StoryStatistics {
    #[new]
    fn new(py: Python<'_>, frequencies: &[u8]) -> PyResult<Self> {
        let frequencies = run_reading(py, || DocumentFrequencies::from_bytes(frequencies))?;
        Ok(StoryStatistics { frequencies })
    }

    /// The story keys (term hashes) an article's story summary is filed under.
    fn keys(&self, py: Python<'_>, story: &[u8]) -> PyResult<Vec<u32>> {
        run_reading(py, || {
            Ok(steps::story_keys(
                &StorySummary::from_bytes(story)?,
                &self.frequencies,
            ))
        })
    }

    /// The scored edge of a candidate pair (positions and story summaries) as
    /// ``(a, b, similarity, dates)``, or ``None`` when the two have nothing in common.
    fn score(
        &self,
        py: Python<'_>,
        a: usize,
        a_story: &[u8],
        b: usize,
        b_story: &[u8],
    ) -> PyResult<Option<(usize, usize, f64, &'static str)>> {
        run_reading(py, || {
            let (a_story, a_vector) = self.weigh(a_story)?;
            let (b_story, b_vector) = self.weigh(b_story)?;
            Ok(
                steps::story_edge((a, &a_story, &a_vector), (b, &b_story, &b_vector))
                    .map(|edge| (edge.a, edge.b, edge.similarity, dates_name(edge.dates))),
            )
        })
    }
}

/// The story graph the driver groups: scored edges, duplicate pairs and the figures of the
/// articles they touch. ``groups()`` gives the stories of two or more articles.
#[pyclass(frozen, module = "article_analyzer.distributed")]
struct StoryGraph {
    graph: Mutex<steps::StoryGraph>,
}

impl StoryGraph {
    fn with_graph<T: Send>(
        &self,
        py: Python<'_>,
        work: impl FnOnce(&mut steps::StoryGraph) -> T + Send,
    ) -> PyResult<T> {
        run_engine(py, || {
            work(&mut self.graph.lock().unwrap_or_else(PoisonError::into_inner))
        })
    }
}

fn graph_error(error: steps::StoryGraphError) -> PyErr {
    PyValueError::new_err(error.to_string())
}

#[pymethods]
impl StoryGraph {
    #[new]
    fn new() -> Self {
        StoryGraph {
            graph: Mutex::new(steps::StoryGraph::new()),
        }
    }

    /// Adds a scored edge as ``StoryStatistics.score`` gives it.
    fn add_edge(
        &self,
        py: Python<'_>,
        a: usize,
        b: usize,
        similarity: f64,
        dates: &str,
    ) -> PyResult<()> {
        let dates = dates_from_name(dates)?;
        let edge = Edge {
            a,
            b,
            similarity,
            dates,
        };
        self.with_graph(py, |graph| graph.add_edge(edge))?
            .map_err(graph_error)
    }

    /// Adds a duplicate pair: its two articles are one story.
    fn add_copy(&self, py: Python<'_>, a: usize, b: usize) -> PyResult<()> {
        self.with_graph(py, |graph| graph.add_copy(a, b))?
            .map_err(graph_error)
    }

    /// The articles the edges touch, sorted: those whose story summaries ``add_figures``
    /// needs.
    fn items(&self, py: Python<'_>) -> PyResult<Vec<usize>> {
        self.with_graph(py, |graph| graph.items())
    }

    /// Gives the figures of an article from its story summary.
    fn add_figures(&self, py: Python<'_>, item: usize, story: &[u8]) -> PyResult<()> {
        let story = run_reading(py, || StorySummary::from_bytes(story))?;
        self.with_graph(py, |graph| graph.add_figures(item, &story.figures))
    }

    /// The stories of two or more articles (positions, each sorted, listed by their first).
    /// Empties the graph. Raises ``ValueError`` when an article the edges touch has no
    /// figures.
    fn groups(&self, py: Python<'_>) -> PyResult<Vec<Vec<usize>>> {
        self.with_graph(py, |graph| std::mem::take(graph).groups())?
            .map_err(graph_error)
    }
}

/// One quote summary's ``(index, stem_count, groupable)``: its index in the article's
/// quotes, the number of its content stems (its rank among quotes), and whether it may join
/// a quote group at all.
#[pyfunction]
fn quote_info(py: Python<'_>, quote: &[u8]) -> PyResult<(usize, usize, bool)> {
    run_reading(py, || {
        let quote = QuoteSummary::from_bytes(quote)?;
        Ok((quote.index, quote.stem_count(), quote.is_groupable()))
    })
}

/// The content stems of a quote summary, for counting in how many quotes each stands.
#[pyfunction]
fn quote_stems(py: Python<'_>, quote: &[u8]) -> PyResult<Vec<i64>> {
    run_reading(py, || {
        let quote = QuoteSummary::from_bytes(quote)?;
        Ok(quote.stems().iter().map(|&stem| signed(stem)).collect())
    })
}

/// Most quotes a stem may stand in, in a batch of ``groupable_quotes``, and not be common.
#[pyfunction]
fn quote_common_limit(groupable_quotes: usize) -> usize {
    steps::QuoteStatistics::common_limit(groupable_quotes)
}

/// The common stems (those counted in more quotes than ``quote_common_limit`` allows) as
/// the bytes every executor reads quotes against.
#[pyfunction]
fn common_stems(py: Python<'_>, stems: Vec<i64>) -> PyResult<Py<PyBytes>> {
    let bytes = run_engine(py, || {
        CommonStems::new(stems.into_iter().map(|stem| stem as u64)).to_bytes()
    })?;
    Ok(PyBytes::new(py, &bytes).unbind())
}

/// The batch's common stems (``QuoteMatcher(common_stems(...))``), read once per executor:
/// the keys a quote is filed under, and whether two quotes are the same statement.
#[pyclass(frozen, module = "article_analyzer.distributed")]
struct QuoteMatcher {
    common: CommonStems,
}

#[pymethods]
impl QuoteMatcher {
    #[new]
    fn new(py: Python<'_>, common: &[u8]) -> PyResult<Self> {
        let common = run_reading(py, || CommonStems::from_bytes(common))?;
        Ok(QuoteMatcher { common })
    }

    /// The keys a quote summary is filed under (none when it cannot match another).
    fn filing_keys(&self, py: Python<'_>, quote: &[u8]) -> PyResult<Vec<i64>> {
        run_reading(py, || {
            Ok(self
                .common
                .filing_keys(&QuoteSummary::from_bytes(quote)?)
                .into_iter()
                .map(signed)
                .collect())
        })
    }

    /// Whether two quotes (their articles' positions and summaries) are the same statement.
    fn quotes_match(
        &self,
        py: Python<'_>,
        a: usize,
        a_quote: &[u8],
        b: usize,
        b_quote: &[u8],
    ) -> PyResult<bool> {
        run_reading(py, || {
            Ok(self.common.quotes_match(
                (a, &QuoteSummary::from_bytes(a_quote)?),
                (b, &QuoteSummary::from_bytes(b_quote)?),
            ))
        })
    }
}

/// A quote as ``(article, index, stem_count)``: its article's position, its index in the
/// article's quotes, and its rank.
type QuoteTuple = (usize, usize, usize);

fn ranked((article, quote, stems): QuoteTuple) -> RankedQuote {
    RankedQuote {
        id: QuoteId { article, quote },
        stems,
    }
}

/// ``(groups, centres)``: what [`QuoteGraph::stars`] gives.
type Stars = (Vec<Vec<(usize, usize)>>, Vec<usize>);

/// The graph of matching quotes the driver groups into stars around the longest quote.
#[pyclass(frozen, module = "article_analyzer.distributed")]
struct QuoteGraph {
    graph: Mutex<steps::QuoteGraph>,
}

#[pymethods]
impl QuoteGraph {
    #[new]
    fn new() -> Self {
        QuoteGraph {
            graph: Mutex::new(steps::QuoteGraph::new()),
        }
    }

    /// Adds a matching pair of quotes, each ``(article, index, stem_count)``.
    fn add_match(&self, a: QuoteTuple, b: QuoteTuple) {
        self.graph
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .add_match(ranked(a), ranked(b));
    }

    /// The quote groups as ``(groups, centres)``: each group a sorted list of
    /// ``(article, index)``, groups listed by their first member, and for each group the
    /// position of its centre (the quote every other member's change is measured against).
    fn stars(&self, py: Python<'_>) -> PyResult<Stars> {
        run_engine(py, || {
            let grouping = self
                .graph
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .stars();
            let centres = grouping
                .groups
                .iter()
                .map(|group| grouping.centre_of(group))
                .collect();
            (grouping.groups, centres)
        })
    }
}

/// How a quote differs from its group's centre (a QuoteChange dict); the centre itself is
/// given by passing ``None`` as ``member``.
#[pyfunction]
#[pyo3(signature = (centre, member=None))]
fn quote_change(py: Python<'_>, centre: &[u8], member: Option<&[u8]>) -> PyResult<Py<PyAny>> {
    let change = run_reading(py, || {
        let centre = QuoteSummary::from_bytes(centre)?;
        Ok(match member {
            None => steps::quote_reference(&centre),
            Some(member) => steps::quote_change(&centre, &QuoteSummary::from_bytes(member)?),
        })
    })?;
    to_python(py, &change)
}

/// Adds the steps to the native module, as ``article_analyzer._native.distributed``.
pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = parent.py();
    let module = PyModule::new(py, "distributed")?;
    module.add_function(wrap_pyfunction!(summarise, &module)?)?;
    module.add_function(wrap_pyfunction!(exact_key, &module)?)?;
    module.add_function(wrap_pyfunction!(band_keys, &module)?)?;
    module.add_function(wrap_pyfunction!(near_similarity, &module)?)?;
    module.add_function(wrap_pyfunction!(bucket_near_pairs, &module)?)?;
    module.add_function(wrap_pyfunction!(exact_pairs, &module)?)?;
    module.add_function(wrap_pyfunction!(near_pairs, &module)?)?;
    module.add_function(wrap_pyfunction!(duplicate_pair, &module)?)?;
    module.add_function(wrap_pyfunction!(bucket_pairs, &module)?)?;
    module.add_function(wrap_pyfunction!(story_terms, &module)?)?;
    module.add_function(wrap_pyfunction!(story_frequencies, &module)?)?;
    module.add_function(wrap_pyfunction!(quote_info, &module)?)?;
    module.add_function(wrap_pyfunction!(quote_stems, &module)?)?;
    module.add_function(wrap_pyfunction!(quote_common_limit, &module)?)?;
    module.add_function(wrap_pyfunction!(common_stems, &module)?)?;
    module.add_function(wrap_pyfunction!(quote_change, &module)?)?;
    module.add_class::<StoryStatistics>()?;
    module.add_class::<StoryGraph>()?;
    module.add_class::<QuoteMatcher>()?;
    module.add_class::<QuoteGraph>()?;
    module.add("QUOTE_MAX_POSTING", steps::QUOTE_MAX_POSTING)?;
    parent.add_submodule(&module)?;
    Ok(())
}
