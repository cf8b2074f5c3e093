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
use super::quote_changes;
use super::quote_groups::{self, QuoteSummary};
use super::stories;
use super::story_summary::StorySummary;
use super::summary::ArticleSummary;
use crate::article::analyze_one;
use crate::error::AnalyzeError;
use crate::report::{Article, CrossArticle, Document, Options, QuoteRef};

/// Largest number of articles in one batch.
pub const MAX_DOCUMENTS: usize = 1_000_000;

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
        if doc.id.is_empty() {
            return Err(AnalyzeError::EmptyId {
                index: self.summaries.len(),
            });
        }
        if self.summaries.contains_key(&doc.id) {
            return Err(AnalyzeError::DuplicateId(doc.id.clone()));
        }
        if self.summaries.len() >= MAX_DOCUMENTS {
            return Err(AnalyzeError::TooManyDocuments {
                given: self.summaries.len() + 1,
                limit: MAX_DOCUMENTS,
            });
        }
        let article = analyze_one(doc, &self.options);
        self.summaries
            .insert(doc.id.clone(), ArticleSummary::of(&article));
        Ok(article)
    }

    /// Takes the article with this id out of the batch; false when there was none.
    pub fn remove(&mut self, id: &str) -> bool {
        self.summaries.remove(id).is_some()
    }

    /// How many articles the batch holds.
    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    /// Whether the batch holds no article.
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// Story groups, duplicates and quote groups of the articles in the batch. Groups are
    /// sorted by id and listed by their first id, so the result depends only on the
    /// articles, never on the order they were added in.
    pub fn cross_article(&self) -> CrossArticle {
        let ids: Vec<&str> = self.summaries.keys().map(String::as_str).collect();
        let summaries: Vec<&ArticleSummary> = self.summaries.values().collect();
        let fingerprints: Vec<&Fingerprint> = summaries.iter().map(|s| &s.fingerprint).collect();
        let duplicate_pairs = duplicates::find(&fingerprints, &duplicates::Settings::DEFAULT);
        let story_summaries: Vec<&StorySummary> = summaries.iter().map(|s| &s.story).collect();
        let story_groups = stories::group(&story_summaries, &duplicate_pairs);
        let quote_lists: Vec<&[QuoteSummary]> =
            summaries.iter().map(|s| s.quotes.as_slice()).collect();
        let quote_groups = quote_groups::group(&quote_lists);
        CrossArticle {
            story_groups: story_groups
                .into_iter()
                .map(|group| group.into_iter().map(|i| ids[i].to_string()).collect())
                .collect(),
            duplicates: duplicate_pairs
                .into_iter()
                .map(|pair| pair.with_ids(&ids))
                .collect(),
            quote_groups: quote_groups
                .groups
                .iter()
                .map(|group| {
                    let summary = |&(article, quote): &(usize, usize)| {
                        let quotes = &summaries[article].quotes;
                        // Summaries are in quote order and every member has one.
                        let position = quotes.partition_point(|summary| summary.index < quote);
                        &quotes[position]
                    };
                    let centre_at = quote_groups.centre_of(group);
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
                .collect(),
        }
    }
}
