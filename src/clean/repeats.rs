//! Finds paragraphs that repeat an earlier one: exact repeats after normalisation (case,
//! punctuation, markup) and near-exact ones (a long paragraph with the same opening and
//! ending). Linear time: one hash per paragraph, no pairwise comparison.

use crate::text::HashMapOfWords;

/// Fewest words a paragraph needs before a repeat of it counts: shorter lines ("Reply",
/// "Share") are left to the other rules, which give a more useful reason.
const MIN_WORDS: usize = 3;

/// Words needed before the opening-and-ending key is used for near-exact repeats.
const MIN_WORDS_FOR_EDGE_KEY: usize = 15;

/// One hash for a sequence of word hashes: equal for paragraphs with the same words in the
/// same order, whatever their case, punctuation or markup.
pub fn sequence_key(words: &[u64]) -> u64 {
    words.iter().fold(
        0x9E37_79B9_7F4A_7C15_u64 ^ words.len() as u64,
        |key, &word| (key.rotate_left(23) ^ word).wrapping_mul(0xff51_afd7_ed55_8ccd),
    )
}

/// For each paragraph (given as its word hashes and their [`sequence_key`]), the index of
/// the first earlier paragraph it repeats, if any.
pub fn earlier_repeats(paragraphs: &[(&[u64], u64)]) -> Vec<Option<usize>> {
    // Up to two keys per paragraph; sized once so the table is never rehashed.
    let mut first_seen: HashMapOfWords<usize> =
        HashMapOfWords::with_capacity_and_hasher(paragraphs.len() * 2, Default::default());
    let mut repeats = Vec::with_capacity(paragraphs.len());
    for (index, &(words, full_key)) in paragraphs.iter().enumerate() {
        if words.len() < MIN_WORDS {
            repeats.push(None);
            continue;
        }
        // The edge key differs from every full key: it mixes in a marker first.
        let edge_key = (words.len() >= MIN_WORDS_FOR_EDGE_KEY).then(|| {
            // The first ten words and the last five, in an array: no allocation per paragraph.
            let mut edges = [0u64; 15];
            edges[..10].copy_from_slice(&words[..10]);
            edges[10..].copy_from_slice(&words[words.len() - 5..]);
            sequence_key(&edges) ^ 0x5555_5555_5555_5555
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
    use crate::text::word_hashes;

    #[test]
    fn finds_exact_and_near_exact_repeats() {
        let long = "The council approved the budget on Tuesday after a long debate that ran late into the night, officials said.";
        let edited = "The council approved the budget on Tuesday after a long and heated debate that ran late into the night, officials said.";
        let texts = [
            "Big News Today",
            "Short",
            long,
            "**Big news today**",
            edited,
            "Short",
        ];
        let hashes: Vec<Vec<u64>> = texts.iter().map(|text| word_hashes(text)).collect();
        let slices: Vec<(&[u64], u64)> = hashes
            .iter()
            .map(|words| (words.as_slice(), sequence_key(words)))
            .collect();
        assert_eq!(
            earlier_repeats(&slices),
            [None, None, None, Some(0), Some(2), None]
        );
    }
}
