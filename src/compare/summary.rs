//! Step 1 of every cross-article result, one article at a time: what the cross-article work
//! keeps of an analysed article. Computed from the article alone, so it can run wherever the
//! article is analysed; small and bounded (about 1.1 KB plus some 350 bytes a quote), so a
//! batch keeps only these and a distributed run shuffles only these.

use super::duplicates::{self, Fingerprint};
use super::quote_groups::{self, QuoteSummary};
use super::story_summary::{self, StorySummary};
use crate::report::Article;

/// What the cross-article analysis keeps of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSummary {
    /// Near- and exact-duplicate fingerprint of the cleaned text.
    pub fingerprint: Fingerprint,
    /// Terms, dates and figures that tell this article's event from others.
    pub story: StorySummary,
    /// The article's attributed quotes, in quote order.
    pub quotes: Vec<QuoteSummary>,
}

impl ArticleSummary {
    /// The summary of an analysed article.
    pub fn of(article: &Article) -> ArticleSummary {
        ArticleSummary {
            fingerprint: duplicates::fingerprint(&article.text),
            story: story_summary::summarise(article),
            quotes: quote_groups::summarise(&article.quotes),
        }
    }
}
