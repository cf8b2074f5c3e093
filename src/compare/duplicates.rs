//! Exact and near duplicates across articles: MinHash signatures of word shingles of the
//! cleaned text, and locality-sensitive hashing (banding) so that only articles sharing a
//! band are compared. The cost grows with the number of articles (times a logarithm for the
//! sorting), not with its square.
//!
//! The settings ([`Settings::DEFAULT`]) were chosen by measurement on generated corpora with
//! planted copies (`examples/bench_duplicates.rs --sweep`; figures and reasons in
//! `docs/benchmarks.md`).

use crate::report::{DuplicateKind, DuplicatePair};
use crate::text::hashed_words;

/// Most hash functions a signature can have.
pub const MAX_HASHES: usize = 256;

/// How duplicates are searched: shingle size, signature length, banding and threshold.
/// [`Settings::DEFAULT`] is what the analyzer uses; the others exist to measure the choice
/// (`examples/bench_duplicates.rs --sweep`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Words per shingle.
    pub shingle_words: usize,
    /// Number of MinHash functions (the signature's length), at most [`MAX_HASHES`].
    pub hashes: usize,
    /// Number of LSH bands; `hashes / bands` signature entries form one band.
    pub bands: usize,
    /// Smallest estimated Jaccard similarity of two articles' shingle sets that makes them
    /// near duplicates.
    pub threshold: f64,
}

impl Settings {
    /// The analyzer's settings: 5-word shingles, 128 hashes in 32 bands of 4, threshold 0.5.
    pub const DEFAULT: Settings = Settings {
        shingle_words: 5,
        hashes: 128,
        bands: 32,
        threshold: 0.5,
    };

    fn rows(&self) -> usize {
        self.hashes / self.bands
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::DEFAULT
    }
}

/// What duplicate detection keeps of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the text's words in order (case, punctuation and spacing ignored); 0 for a
    /// text without words, which is nobody's duplicate.
    exact: u64,
    /// MinHash signature (one entry per hash function); empty for a text without words.
    signature: Box<[u32]>,
}

impl Fingerprint {
    /// Bytes the fingerprint holds on the heap (its signature).
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.signature)
    }

    /// Whether the text had words at all.
    fn is_empty(&self) -> bool {
        self.signature.is_empty()
    }

    /// Estimated Jaccard similarity of the two shingle sets: the share of equal entries.
    fn similarity(&self, other: &Fingerprint) -> f64 {
        let equal = self
            .signature
            .iter()
            .zip(other.signature.iter())
            .filter(|(a, b)| a == b)
            .count();
        equal as f64 / self.signature.len().max(1) as f64
    }
}

/// Multipliers and offsets of the hash functions `h_i(x) = (A_i * x + B_i) >> 32` over a
/// shingle's 64-bit hash: fixed, so signatures are the same on every run and machine.
const HASH_FUNCTIONS: [(u64, u64); MAX_HASHES] = {
    let mut functions = [(0u64, 0u64); MAX_HASHES];
    let mut state = 0x5EED_F0D5_u64;
    let mut i = 0;
    while i < MAX_HASHES {
        let multiplier = splitmix(&mut state) | 1;
        let offset = splitmix(&mut state);
        functions[i] = (multiplier, offset);
        i += 1;
    }
    functions
};

const fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The fingerprint of a cleaned article text with the analyzer's settings.
pub fn fingerprint(text: &str) -> Fingerprint {
    fingerprint_with(text, &Settings::DEFAULT)
}

/// The fingerprint of a cleaned article text with the given settings.
pub fn fingerprint_with(text: &str, settings: &Settings) -> Fingerprint {
    let words: Vec<u64> = hashed_words(text).map(|word| word.hash).collect();
    fingerprint_of_words(&words, settings)
}

/// The fingerprint of a text given the hashes of its words in order ([`hashed_words`]), for
/// a caller that has scanned the text already.
pub fn fingerprint_of_words(words: &[u64], settings: &Settings) -> Fingerprint {
    if words.is_empty() {
        return Fingerprint {
            exact: 0,
            signature: Box::new([]),
        };
    }
    let exact = words
        .iter()
        .fold(0x243F_6A88_85A3_08D3_u64, |hash, &word| mix(hash, word))
        .max(1);
    let functions = &HASH_FUNCTIONS[..settings.hashes.clamp(1, MAX_HASHES)];
    let mut signature = vec![u32::MAX; functions.len()].into_boxed_slice();
    let width = settings.shingle_words.max(1).min(words.len());
    for shingle in words.windows(width) {
        let x = shingle.iter().fold(0u64, |hash, &word| mix(hash, word));
        for (slot, &(multiplier, offset)) in signature.iter_mut().zip(functions) {
            let value = (multiplier.wrapping_mul(x).wrapping_add(offset) >> 32) as u32;
            *slot = (*slot).min(value);
        }
    }
    Fingerprint { exact, signature }
}

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(29) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A duplicate pair by position in the batch (`a < b`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexPair {
    /// Position of the first article.
    pub a: usize,
    /// Position of the second article.
    pub b: usize,
    /// Estimated Jaccard similarity (1 for exact copies).
    pub similarity: f64,
    /// Exact or near.
    pub kind: DuplicateKind,
}

impl IndexPair {
    /// The pair with the articles' ids in place of their positions.
    pub fn with_ids(&self, ids: &[&str]) -> DuplicatePair {
        DuplicatePair {
            a: ids[self.a].to_string(),
            b: ids[self.b].to_string(),
            similarity: (self.similarity * 1000.0).round() / 1000.0,
            kind: self.kind,
        }
    }
}

/// All exact and near duplicate pairs among `fingerprints` (made with the same `settings`),
/// sorted by position.
pub fn find(fingerprints: &[&Fingerprint], settings: &Settings) -> Vec<IndexPair> {
    // Exact copies first: each set of identical texts is represented by its first member
    // in the near-duplicate search, and its pairs are listed here.
    let mut by_exact: Vec<(u64, u32)> = fingerprints
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.is_empty())
        .map(|(i, f)| (f.exact, i as u32))
        .collect();
    by_exact.sort_unstable();
    let mut pairs = Vec::new();
    let mut copies: Vec<Vec<u32>> = Vec::new();
    let mut representatives: Vec<u32> = Vec::new();
    for run in by_exact.chunk_by(|x, y| x.0 == y.0) {
        let members: Vec<u32> = run.iter().map(|&(_, i)| i).collect();
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                pairs.push(IndexPair {
                    a: a as usize,
                    b: b as usize,
                    similarity: 1.0,
                    kind: DuplicateKind::Exact,
                });
            }
        }
        representatives.push(members[0]);
        copies.push(members);
    }

    // Candidates: representatives that agree on all rows of at least one band.
    let rows = settings.rows().max(1);
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(representatives.len());
    for band in 0..settings.bands {
        keys.clear();
        keys.extend(representatives.iter().enumerate().filter_map(|(r, &i)| {
            let rows = fingerprints[i as usize]
                .signature
                .get(band * rows..(band + 1) * rows)?;
            let key = rows
                .iter()
                .fold(band as u64, |hash, &row| mix(hash, u64::from(row)));
            Some((key, r as u32))
        }));
        keys.sort_unstable();
        for bucket in keys.chunk_by(|x, y| x.0 == y.0) {
            for (k, &(_, a)) in bucket.iter().enumerate() {
                for &(_, b) in &bucket[k + 1..] {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    for (r, s) in candidates {
        let (first, second) = (&copies[r as usize], &copies[s as usize]);
        let similarity =
            fingerprints[first[0] as usize].similarity(fingerprints[second[0] as usize]);
        if similarity < settings.threshold {
            continue;
        }
        for &a in first {
            for &b in second {
                pairs.push(IndexPair {
                    a: a.min(b) as usize,
                    b: a.max(b) as usize,
                    similarity,
                    kind: DuplicateKind::Near,
                });
            }
        }
    }
    pairs.sort_by_key(|pair| (pair.a, pair.b));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(texts: &[&str]) -> Vec<(usize, usize, DuplicateKind)> {
        let fingerprints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
        let refs: Vec<&Fingerprint> = fingerprints.iter().collect();
        find(&refs, &Settings::DEFAULT)
            .into_iter()
            .map(|p| (p.a, p.b, p.kind))
            .collect()
    }

    const STORY: &str = "The harbour council voted on Tuesday to close the old ferry pier \
        after engineers found cracks in three of its pillars. Repairs would cost more than the \
        pier earns in a decade, the council's finance chief told the meeting. Ferry services \
        will move to the north quay from next month, and the pier will be fenced off while the \
        council asks for bids to take it down. Residents who use the morning ferry said the \
        walk to the north quay adds twenty minutes to their journey.";

    #[test]
    fn case_and_punctuation_do_not_hide_an_exact_copy() {
        let shouted = STORY.to_uppercase().replace('.', "!");
        assert_eq!(
            pairs(&[STORY, &shouted]),
            vec![(0, 1, DuplicateKind::Exact)]
        );
    }

    #[test]
    fn an_added_sentence_makes_a_near_copy() {
        let extended = format!("{STORY} The council will meet again in May.");
        assert_eq!(
            pairs(&[STORY, &extended]),
            vec![(0, 1, DuplicateKind::Near)]
        );
    }

    #[test]
    fn unrelated_texts_and_empty_texts_are_not_duplicates() {
        let other = "Scientists counted more owls in the valley this winter than in any \
            year since records began, helped by a mild autumn and plenty of field mice.";
        assert!(pairs(&[STORY, other, "", "  "]).is_empty());
    }

    #[test]
    fn signatures_are_stable_across_runs() {
        assert_eq!(fingerprint(STORY), fingerprint(STORY));
        assert_eq!(fingerprint(STORY).signature.len(), Settings::DEFAULT.hashes);
    }
}
