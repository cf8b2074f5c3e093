//! Finds paragraphs that repeat an earlier one: exact repeats after normalisation (case,
//! punctuation, markup) and near-exact ones (a long paragraph with the same opening and
//! ending). Linear time: hashing, no pairwise comparison.

use std::collections::HashMap;

use crate::text::lowercase_words;

/// Fewest words a paragraph needs before a repeat of it counts: shorter lines ("Reply",
/// "Share") are left to the other rules, which give a more useful reason.
const MIN_WORDS: usize = 3;

/// Words needed before the opening-and-ending key is used for near-exact repeats.
const MIN_WORDS_FOR_EDGE_KEY: usize = 15;

/// For each text, the index of the first earlier text it repeats, if any.
pub fn earlier_repeats<S: AsRef<str>>(texts: &[S]) -> Vec<Option<usize>> {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut repeats = Vec::with_capacity(texts.len());
    for (index, text) in texts.iter().enumerate() {
        let words = lowercase_words(text.as_ref());
        if words.len() < MIN_WORDS {
            repeats.push(None);
            continue;
        }
        let full_key = words.join(" ");
        let edge_key = (words.len() >= MIN_WORDS_FOR_EDGE_KEY).then(|| {
            format!("{} … {}", words[..10].join(" "), words[words.len() - 5..].join(" "))
        });
        let earlier = first_seen
            .get(&full_key)
            .or_else(|| edge_key.as_ref().and_then(|key| first_seen.get(key)))
            .copied();
        repeats.push(earlier);
        first_seen.entry(full_key).or_insert(index);
        if let Some(key) = edge_key {
            first_seen.entry(key).or_insert(index);
        }
    }
    repeats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exact_and_near_exact_repeats() {
        let long = "The council approved the budget on Tuesday after a long debate that ran late into the night, officials said.";
        let edited = "The council approved the budget on Tuesday after a long and heated debate that ran late into the night, officials said.";
        let texts = ["Big News Today", "Short", long, "**Big news today**", edited, "Short"];
        assert_eq!(earlier_repeats(&texts), [None, None, None, Some(0), Some(2), None]);
    }
}
