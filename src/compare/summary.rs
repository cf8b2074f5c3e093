//! Step 1 of every cross-article result, one article at a time: what the cross-article work
//! keeps of an analysed article. Computed from the article alone, so it can run wherever the
//! article is analysed; small and bounded (about 1.1 KB plus some 350 bytes a quote), so a
//! batch keeps only these and a distributed run shuffles only these.

use super::duplicates::{self, Fingerprint};
use super::quote_groups::{self, QuoteSummary};
use super::story_summary::{self, StorySummary};
use crate::report::Article;
use crate::text::ArticleWords;

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
        ArticleSummary::of_words(article, None)
    }

    /// The summary of an analysed article whose words the cleaner has found (`words`, from
    /// [`crate::article::analyze_one_with_words`]): the same summary as [`ArticleSummary::of`],
    /// without scanning the cleaned text again.
    pub fn of_words(article: &Article, words: Option<&ArticleWords>) -> ArticleSummary {
        // One pass over the text's words serves the story terms and the fingerprint.
        let mut text_words = Vec::new();
        let story = story_summary::summarise_and_hash_words(article, words, &mut text_words);
        ArticleSummary {
            fingerprint: duplicates::fingerprint_of_words(
                &text_words,
                &duplicates::Settings::DEFAULT,
            ),
            story,
            quotes: quote_groups::summarise(&article.quotes),
        }
    }

    /// Bytes the summary holds, in itself and on the heap.
    pub(crate) fn size_in_bytes(&self) -> usize {
        std::mem::size_of::<ArticleSummary>() - std::mem::size_of::<StorySummary>()
            + self.fingerprint.heap_bytes()
            + self.story.size_in_bytes()
            + self.quotes.capacity() * std::mem::size_of::<QuoteSummary>()
            + self
                .quotes
                .iter()
                .map(QuoteSummary::heap_bytes)
                .sum::<usize>()
    }
}
