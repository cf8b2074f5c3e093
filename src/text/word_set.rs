//! Sets of word hashes that rule most absent words out with one bit test: the form every
//! word list of the engine takes once loaded.

use super::words::HashSetOfWords;

/// A bit set of `WORDS` x 64 bits over word hashes (a one-hash Bloom filter): a clear bit
/// proves the word is not in the set, a set bit means it may be. `WORDS` is a power of two;
/// the size is the set's: about one bit in twenty set keeps most absent words out.
#[derive(Debug)]
pub struct HashFilter<const WORDS: usize>([u64; WORDS]);

/// The filter of the engine's word lists (1,024 bits), in front of each [`WordSet`] and the
/// phrase sets' first words.
pub type FirstWordFilter = HashFilter<16>;

impl<const WORDS: usize> Default for HashFilter<WORDS> {
    fn default() -> Self {
        HashFilter([0; WORDS])
    }
}

impl<const WORDS: usize> HashFilter<WORDS> {
    /// How far a hash is shifted for its bit: its top bits pick one of the `WORDS * 64`.
    const SHIFT: u32 = {
        assert!(WORDS.is_power_of_two());
        64 - (WORDS * 64).trailing_zeros()
    };

    /// The word and bit for `hash`. Uses the hash's top bits: hash tables use the bottom ones.
    fn slot(hash: u64) -> (usize, u64) {
        let bit = (hash >> Self::SHIFT) as usize;
        (bit / 64, 1 << (bit % 64))
    }

    /// Marks the word with this hash as present.
    pub fn insert(&mut self, hash: u64) {
        let (word, bit) = Self::slot(hash);
        self.0[word] |= bit;
    }

    /// Whether the word with this hash may be present (false: it is surely absent).
    pub fn may_contain(&self, hash: u64) -> bool {
        let (word, bit) = Self::slot(hash);
        self.0[word] & bit != 0
    }
}

/// A set of word hashes with a [`FirstWordFilter`] in front: a word not in the set is
/// usually ruled out by one bit test, without a hash-table lookup.
#[derive(Debug, Default)]
pub struct WordSet {
    words: HashSetOfWords,
    filter: FirstWordFilter,
}

impl WordSet {
    /// Whether the set holds the word with this [`word_hash`](super::words::word_hash).
    pub fn contains(&self, hash: &u64) -> bool {
        self.filter.may_contain(*hash) && self.words.contains(hash)
    }
}

impl From<HashSetOfWords> for WordSet {
    /// The set of `words` with its filter: for a word list built as a hash set, without a
    /// second copy of the building code in the page.
    fn from(words: HashSetOfWords) -> Self {
        let mut filter = FirstWordFilter::default();
        for &hash in &words {
            filter.insert(hash);
        }
        WordSet { words, filter }
    }
}

impl FromIterator<u64> for WordSet {
    fn from_iter<I: IntoIterator<Item = u64>>(hashes: I) -> Self {
        WordSet::from(hashes.into_iter().collect::<HashSetOfWords>())
    }
}
