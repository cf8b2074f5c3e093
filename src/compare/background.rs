//! How common a word is in English at large: the background that tells a distinctive story
//! term ("earthquake", "Klitschko") from a common one ("people", "government") even in a
//! batch of five articles, where the batch's own counts say little.
//!
//! The frequencies are wordfreq's (`lexicon/background_en.txt`, made by
//! `scripts/make_background_frequencies.py`; CC BY-SA 4.0), as Zipf values: log10 of a word's
//! occurrences per billion words. A word's background document frequency is the chance that
//! an article of [`ARTICLE_WORDS`] words holds it at least once.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::{word_hash, Prehashed};

/// Words in a typical news article's body (a few hundred: the medians of the dev sets' cleaned
/// texts are about 200, 500 and 600 words): the length at which a word's frequency becomes
/// the share of articles that use it.
const ARTICLE_WORDS: f64 = 400.0;

/// Zipf value given to a word the list does not hold: half a unit below its rarest band
/// (4.0), so an unlisted word (a name, a place, a rare term) weighs more than any listed one.
const UNLISTED_ZIPF: f64 = 3.5;

/// The parsed list: word hash → Zipf value.
fn zipf_values() -> &'static HashMap<u64, f32, Prehashed> {
    static VALUES: OnceLock<HashMap<u64, f32, Prehashed>> = OnceLock::new();
    VALUES.get_or_init(|| {
        let mut values = HashMap::default();
        let mut band = UNLISTED_ZIPF as f32;
        for line in include_str!("lexicon/background_en.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(value) = line.strip_prefix("zipf ") {
                // The file is made by a script and checked by a test: a band line that does
                // not parse keeps the previous band rather than failing at run time.
                band = value.trim().parse().unwrap_or(band);
                continue;
            }
            values.insert(word_hash(line), band);
        }
        values
    })
}

/// The share of news articles expected to hold the word with this [`word_hash`] at least
/// once, from its background frequency (0 < share < 1): over half for "people", 0.005 for
/// "earthquake", 0.0013 for an unlisted name. (Stopwords are not listed: they are never
/// story terms.)
pub fn document_share(hash: u64) -> f64 {
    let zipf = zipf_values()
        .get(&hash)
        .map_or(UNLISTED_ZIPF, |&z| f64::from(z));
    let per_word = 10f64.powf(zipf - 9.0);
    // Poisson: the chance of at least one occurrence in ARTICLE_WORDS draws.
    -(-per_word * ARTICLE_WORDS).exp_m1()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_parses_into_bands() {
        let values = zipf_values();
        assert!(values.len() > 7_000, "{} words", values.len());
        let band = |word: &str| values.get(&word_hash(word)).copied();
        assert!(band("government").unwrap() > 5.0);
        assert!(band("earthquake").unwrap() >= 4.0);
        assert_eq!(band("klitschko"), None);
    }

    #[test]
    fn rarer_words_weigh_more() {
        let idf = |word: &str| -document_share(word_hash(word)).ln();
        assert!(idf("people") < idf("earthquake"));
        assert!(idf("earthquake") < idf("halvorsen"));
        assert!(idf("people") > 0.0);
        assert!((0.0..1.0).contains(&document_share(word_hash("people"))));
    }
}
