//! English function words (`lexicon/stopwords_en.txt`) and the test of a content word that
//! cleaning, story terms and quote words share.

use super::patterns::without_comments;
use std::sync::OnceLock;

use super::word_set::WordSet;
use super::words::{word_hash, HashedWord};

/// English function words, as [`word_hash`]es, parsed once from the embedded list.
pub fn stopwords() -> &'static WordSet {
    static STOPWORDS: OnceLock<WordSet> = OnceLock::new();
    STOPWORDS.get_or_init(|| {
        without_comments!(include_str!("lexicon/stopwords_en.txt"))
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(word_hash)
            .collect()
    })
}

/// Whether a word carries content for comparing texts: not a stopword, and three letters
/// or more unless it holds a digit ("5", "G7"). Story terms and quote words both use it.
pub fn is_content_word(word: &HashedWord) -> bool {
    !stopwords().contains(&word.hash)
        && (word.text.chars().count() >= 3 || word.text.bytes().any(|b| b.is_ascii_digit()))
}
