//! A batch of articles analysed one at a time, with the cross-article results (story groups,
//! duplicates, quote groups) computed over whatever the batch holds.
//!
//! Each article is cleaned when it is added and only a compact summary of it is kept (its
//! MinHash signature, its story terms, its quotes' speakers and content words), so a corpus
//! can stream through: the CLI prints each article as soon as it is analysed, and the page's
//! worker reports progress after each one. The summaries are kept in id order, so the
//! results never depend on the order the articles came in.
//!
//! The cross-article results are the steps of `distributed.rs` run on one machine, through
//! the same functions a distributed run calls: summaries, batch statistics, keys, candidate
//! pairs, scores, grouping.

use std::collections::BTreeMap;

use super::duplicates::{self, Fingerprint};
#[cfg(not(target_arch = "wasm32"))]
use super::parallel;
use super::quote_changes;
use super::quote_groups::{self, QuoteSummary};
use super::stories;
use super::story_summary::StorySummary;
use super::summary::ArticleSummary;
use crate::article::analyze_one_with_words;
use crate::error::AnalyzeError;
use crate::report::{Article, CrossArticle, Document, Options, QuoteRef};

/// Largest number of articles in one batch.
pub const MAX_DOCUMENTS: usize = 1_000_000;

/// One article analysed, with what the batch keeps of it: the work of [`Batch::add`] that
/// depends on nothing else in the batch, so that threads can share it.
fn analyze_with_summary(doc: &Document, options: &Options) -> (Article, ArticleSummary) {
    let (article, words) = analyze_one_with_words(doc, options);
    let summary = ArticleSummary::of_words(&article, Some(&words));
    (article, summary)
}

/// Whether `doc` may join a batch holding `summaries` after `pending` more documents
/// (admitted, not yet inserted; `is_pending` tells their ids), or the error [`Batch::add`]
/// gives.
fn admit(
    summaries: &BTreeMap<String, ArticleSummary>,
    doc: &Document,
    pending: usize,
    is_pending: impl Fn(&str) -> bool,
) -> Result<(), AnalyzeError> {
    let held = summaries.len() + pending;
    if doc.id.is_empty() {
        return Err(AnalyzeError::EmptyId { index: held });
    }
    if summaries.contains_key(&doc.id) || is_pending(&doc.id) {
        return Err(AnalyzeError::DuplicateId(doc.id.clone()));
    }
    if held >= MAX_DOCUMENTS {
        return Err(AnalyzeError::TooManyDocuments {
            given: held + 1,
            limit: MAX_DOCUMENTS,
        });
    }
    Ok(())
}

/// Documents [`Batch::add_many`] takes from its slice ahead of the oldest one not yet
/// analysed, per thread: as the command line's reading ahead, enough that a worker always
/// finds the next document while a long one is analysed.
#[cfg(not(target_arch = "wasm32"))]
const ADD_MANY_IN_FLIGHT_PER_THREAD: usize = 16;

/// One item of the input of [`Batch::add_streamed`].
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub enum Streamed<P, R> {
    /// A document to add, with what the caller wants back beside its article.
    Document(Document, P),
    /// Something for the caller's sink in this place of the output, with nothing to analyse
    /// (an input line that holds no document, say).
    Ready(R),
}

/// Articles analysed one by one, and what they have in common.
///
/// ```
/// use article_analyzer::{Batch, Document, Options};
/// let mut batch = Batch::new(Options::default());
/// let article = batch.add(&Document::new("a", "Some text.")).unwrap();
/// assert_eq!(article.id, "a");
/// assert_eq!(batch.cross_article().story_groups, vec![vec!["a".to_string()]]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Batch {
    options: Options,
    summaries: BTreeMap<String, ArticleSummary>,
}

impl Batch {
    /// An empty batch whose articles are analysed with `options`.
    pub fn new(options: Options) -> Batch {
        Batch {
            options,
            summaries: BTreeMap::new(),
        }
    }

    /// Analyses one article, keeps its summary for the cross-article results and returns it.
    ///
    /// Fails when the id is empty or already in the batch, or when the batch is full
    /// ([`MAX_DOCUMENTS`]); problems with the text become warnings on the article.
    pub fn add(&mut self, doc: &Document) -> Result<Article, AnalyzeError> {
        admit(&self.summaries, doc, 0, |_| false)?;
        let (article, summary) = analyze_with_summary(doc, &self.options);
        self.summaries.insert(doc.id.clone(), summary);
        Ok(article)
    }

    /// Analyses many articles on up to `threads` threads (at least one) and keeps their
    /// summaries. The results, in the order of `docs`, and the batch afterwards are exactly
    /// what [`Batch::add`] gives called on each document in turn: the same articles, the
    /// same errors (a repeated id fails its second occurrence, the documents past
    /// [`MAX_DOCUMENTS`] fail), the same cross-article results. [`Batch::add_streamed`]
    /// over the slice (each document copied as a worker takes it), for callers that hold
    /// their documents in memory.
    ///
    /// Native builds only: WebAssembly in the page runs on one thread.
    ///
    /// ```
    /// use article_analyzer::{Batch, Document, Options};
    /// let docs = [Document::new("a", "One text."), Document::new("a", "Again.")];
    /// let results = Batch::new(Options::default()).add_many(&docs, 2);
    /// assert!(results[0].is_ok() && results[1].is_err());
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn add_many(
        &mut self,
        docs: &[Document],
        threads: usize,
    ) -> Vec<Result<Article, AnalyzeError>> {
        // No more threads than documents (a thread with nothing to take only costs a start).
        let threads = threads.clamp(1, docs.len().max(1));
        let mut results = Vec::with_capacity(docs.len());
        let mut docs = docs.iter();
        // The sink never fails: its error type has no value.
        let Ok(()) = self.add_streamed(
            threads,
            ADD_MANY_IN_FLIGHT_PER_THREAD * threads,
            |_held| docs.next().map(|doc| Streamed::Document(doc.clone(), ())),
            |result, ()| result,
            |result| {
                results.push(result);
                Ok::<(), std::convert::Infallible>(())
            },
        );
        results
    }

    /// Adds the documents `next` hands out, as [`Batch::add`] called on each in turn would,
    /// on up to `threads` threads without waiting between groups of documents: a worker
    /// takes the next document as it finishes one, and `finish` turns each result into the
    /// caller's output on the worker that analysed it (a report's bytes, say), so that the
    /// caller's thread only reads and writes. `sink` gets every output in input order, on
    /// the caller's thread; at most `in_flight` documents are read and not yet given to
    /// `sink`, so a corpus of any size streams through in bounded memory.
    ///
    /// `next` is told how many articles the batch holds with those in flight, and returns
    /// `None` at the end. A refused document (an empty or repeated id, a full batch) reaches
    /// `finish` as the error `add` gives. The first error of `sink` stops the run and is
    /// returned; the batch then holds the documents whose outputs `sink` was given before.
    /// The articles, the errors and the batch afterwards are the same whatever the threads.
    ///
    /// Native builds only: WebAssembly in the page runs on one thread.
    ///
    /// ```
    /// use article_analyzer::{Batch, Document, Options, Streamed};
    /// let mut docs = vec![Document::new("a", "One text."), Document::new("a", "Again.")].into_iter();
    /// let mut batch = Batch::new(Options::default());
    /// let mut outputs = Vec::new();
    /// batch
    ///     .add_streamed(
    ///         2,
    ///         8,
    ///         |_held| docs.next().map(|doc| Streamed::Document(doc, ())),
    ///         |result, ()| result.map(|article| article.id),
    ///         |output| Ok::<(), ()>(outputs.push(output)),
    ///     )
    ///     .unwrap();
    /// assert_eq!(outputs[0], Ok("a".to_string()));
    /// assert!(outputs[1].is_err());
    /// assert_eq!(batch.len(), 1);
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn add_streamed<P, R, E>(
        &mut self,
        threads: usize,
        in_flight: usize,
        mut next: impl FnMut(usize) -> Option<Streamed<P, R>>,
        finish: impl Fn(Result<Article, AnalyzeError>, P) -> R + Sync,
        mut sink: impl FnMut(R) -> Result<(), E>,
    ) -> Result<(), E>
    where
        P: Send,
        R: Send,
    {
        /// What a worker is given.
        enum Work<P, R> {
            Analyse(Document, P),
            Refused(AnalyzeError, P),
            Ready(R),
        }
        /// The documents admitted and not yet in `summaries`, by id: a repeated id is
        /// refused even while its first occurrence is being analysed.
        struct Admissions<'b> {
            summaries: &'b mut BTreeMap<String, ArticleSummary>,
            pending: std::collections::HashSet<String>,
        }
        let Batch { options, summaries } = self;
        let options = &*options;
        let mut admissions = Admissions {
            summaries,
            pending: std::collections::HashSet::new(),
        };
        parallel::stream(
            threads,
            in_flight,
            &mut admissions,
            |admissions| {
                let held = admissions.summaries.len() + admissions.pending.len();
                Some(match next(held)? {
                    Streamed::Ready(output) => Work::Ready(output),
                    Streamed::Document(doc, passed) => {
                        let pending = &admissions.pending;
                        match admit(admissions.summaries, &doc, pending.len(), |id| {
                            pending.contains(id)
                        }) {
                            Ok(()) => {
                                admissions.pending.insert(doc.id.clone());
                                Work::Analyse(doc, passed)
                            }
                            Err(error) => Work::Refused(error, passed),
                        }
                    }
                })
            },
            |work| match work {
                Work::Analyse(doc, passed) => {
                    let (article, summary) = analyze_with_summary(&doc, options);
                    (finish(Ok(article), passed), Some((doc.id, summary)))
                }
                Work::Refused(error, passed) => (finish(Err(error), passed), None),
                Work::Ready(output) => (output, None),
            },
            |admissions, (output, added)| {
                if let Some((id, summary)) = added {
                    admissions.pending.remove(&id);
                    // A copy made here, on the batch's thread, when a worker made it: the
                    // allocator gives each thread its own arena, and summaries left among a
                    // worker's short-lived buffers keep pages of it resident for the whole
                    // run; copied, they sit together and the workers' memory is reused for
                    // the next articles (a few per cent less peak memory at 100,000
                    // articles).
                    let summary = if threads > 1 {
                        summary.clone()
                    } else {
                        summary
                    };
                    admissions.summaries.insert(id, summary);
                }
                sink(output)
            },
        )
    }

    /// Takes the article with this id out of the batch; false when there was none.
    pub fn remove(&mut self, id: &str) -> bool {
        self.summaries.remove(id).is_some()
    }

    /// How many articles the batch holds.
    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    /// Bytes the batch keeps for its articles (ids and summaries: fingerprints, story terms,
    /// dates and figures, quotes' words), without the map's own bookkeeping: what grows with
    /// every article added, whatever the article's length, but for its quotes.
    pub fn state_bytes(&self) -> usize {
        self.summaries
            .iter()
            .map(|(id, summary)| {
                id.capacity() + std::mem::size_of::<String>() + summary.size_in_bytes()
            })
            .sum()
    }

    /// Whether the batch holds no article.
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// Story groups, duplicates and quote groups of the articles in the batch. Groups are
    /// sorted by id and listed by their first id, so the result depends only on the
    /// articles, never on the order they were added in.
    pub fn cross_article(&self) -> CrossArticle {
        self.cross_article_on(1)
    }

    /// [`cross_article`](Self::cross_article) on up to `threads` threads natively: the
    /// search for duplicates runs on a thread of their own while the story pairs, which need
    /// no duplicate, are scored on `threads` threads; that thread then makes the quote groups
    /// while the story pairs are grouped, the one step not split. The result is
    /// the same whatever the threads; the WebAssembly build has one thread and ignores
    /// `threads`.
    pub fn cross_article_on(&self, threads: usize) -> CrossArticle {
        let ids: Vec<&str> = self.summaries.keys().map(String::as_str).collect();
        let summaries: Vec<&ArticleSummary> = self.summaries.values().collect();
        let fingerprints: Vec<&Fingerprint> = summaries.iter().map(|s| &s.fingerprint).collect();
        let story_summaries: Vec<&StorySummary> = summaries.iter().map(|s| &s.story).collect();
        let quote_lists: Vec<&[QuoteSummary]> =
            summaries.iter().map(|s| s.quotes.as_slice()).collect();
        let find_duplicates = || duplicates::find(&fingerprints, &duplicates::Settings::DEFAULT);
        let grouped_quotes =
            || quote_references(&quote_groups::group(&quote_lists), &ids, &summaries);
        let on_one_thread = || {
            let duplicate_pairs = find_duplicates();
            let story_groups = stories::group(&story_summaries, &duplicate_pairs);
            (duplicate_pairs, story_groups, grouped_quotes())
        };
        #[cfg(not(target_arch = "wasm32"))]
        let (duplicate_pairs, story_groups, quote_groups) = if threads > 1 {
            std::thread::scope(|scope| {
                // The duplicates and the quote groups need no story. The duplicates are
                // searched while the story pairs' setup runs and handed over as soon as they
                // are found; the quote groups wait until the story pairs are scored (on
                // every thread), then run beside the story grouping, the one step that is
                // not split, instead of taking a core from the scoring.
                let (duplicates_found, duplicates) = std::sync::mpsc::channel();
                let (stories_scored, scored) = std::sync::mpsc::channel::<()>();
                let grouped_quotes = &grouped_quotes;
                let search = scope.spawn(move || {
                    // The receiver waits below until this is sent or the thread has ended.
                    let _ = duplicates_found.send(find_duplicates());
                    // Ends when the scoring is over, or was abandoned (its sender dropped).
                    let _ = scored.recv();
                    grouped_quotes()
                });
                let story_graph = stories::scored_graph_on(&story_summaries, threads);
                drop(stories_scored);
                let join_search = || {
                    search
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                };
                let Ok(duplicate_pairs) = duplicates.recv() else {
                    // The search ended without its pairs: it panicked, and joining it passes
                    // the panic on.
                    join_search();
                    unreachable!("a search that sent nothing cannot have ended normally");
                };
                let story_groups =
                    stories::group_scored(&story_summaries, story_graph, &duplicate_pairs);
                (duplicate_pairs, story_groups, join_search())
            })
        } else {
            on_one_thread()
        };
        #[cfg(target_arch = "wasm32")]
        let (duplicate_pairs, story_groups, quote_groups) = {
            let _ = threads;
            on_one_thread()
        };
        CrossArticle {
            story_groups: story_groups
                .into_iter()
                .map(|group| group.into_iter().map(|i| ids[i].to_string()).collect())
                .collect(),
            duplicates: duplicate_pairs
                .into_iter()
                .map(|pair| pair.with_ids(&ids))
                .collect(),
            quote_groups,
        }
    }
}

/// The quote groups as the report lists them: each member named by its article's id and
/// quote, with how its quote differs from its group's centre (the centre's own entry says
/// it is the reference). `summaries` are the batch's, in the order `grouping` numbers them.
fn quote_references(
    grouping: &quote_groups::Grouping,
    ids: &[&str],
    summaries: &[&ArticleSummary],
) -> Vec<Vec<QuoteRef>> {
    grouping
        .groups
        .iter()
        .map(|group| {
            let summary = |&(article, quote): &(usize, usize)| {
                let quotes = &summaries[article].quotes;
                // Summaries are in quote order and every member has one.
                let position = quotes.partition_point(|summary| summary.index < quote);
                &quotes[position]
            };
            let centre_at = grouping.centre_of(group);
            let centre = summary(&group[centre_at]);
            group
                .iter()
                .enumerate()
                .map(|(position, member)| QuoteRef {
                    article: ids[member.0].to_string(),
                    quote: member.1,
                    change: Some(if position == centre_at {
                        quote_changes::reference(centre)
                    } else {
                        quote_changes::compare(centre, summary(member))
                    }),
                })
                .collect()
        })
        .collect()
}
