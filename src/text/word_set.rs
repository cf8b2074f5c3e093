//! Sets of word hashes: a bit filter that rules most absent words out with one bit test
//! (in front of the phrase sets and the quotes lexicon's keys), and [`WordSet`], the form
//! the engine's word lists asked about every word take once loaded.

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

/// A set of word hashes in a two-choice table (cuckoo hashing): each hash stands in one of
/// two slots, one picked by its top bits and one by its bottom bits, so that [`contains`]
/// reads both and compares, with no branch on the answer. The stopwords are asked about
/// every word of every paragraph, and about half of all words are stopwords: a lookup that
/// branched on its answer (a bit filter, then a hash table) mispredicted for many words,
/// each time after waiting for the word's hash to be finished.
///
/// [`contains`]: WordSet::contains
#[derive(Debug)]
pub struct WordSet {
    /// The hashes, each in one of its two slots; 0 marks an empty slot. A power of two
    /// long, at least [`WordSet::MIN_SLOTS`].
    slots: Box<[u64]>,
    /// How far a hash is shifted for its first slot: its top bits pick it.
    shift: u32,
    /// Whether the set holds the hash 0, which would read as an empty slot.
    holds_zero: bool,
}

impl WordSet {
    /// Fewest slots: the shift of the top bits stays below 64.
    const MIN_SLOTS: usize = 16;

    /// Slots per hash held: a quarter full, two-choice placing succeeds at the first
    /// size tried for sets of this kind (at half full it begins to fail), and the
    /// stopwords' table stays 8 KB, within the first-level cache beside the text.
    const SLOTS_PER_WORD: usize = 4;

    /// Most moves to place one hash before the table is rebuilt twice as large.
    const MAX_MOVES: usize = 64;

    /// Whether the set holds the word with this [`word_hash`](super::words::word_hash).
    #[inline]
    pub fn contains(&self, hash: &u64) -> bool {
        let hash = *hash;
        let (first, second) = self.places(hash);
        let found = (self.slots[first] == hash) | (self.slots[second] == hash);
        // `&` and `|` rather than `&&` and `||`: no branch.
        (found & (hash != 0)) | ((hash == 0) & self.holds_zero)
    }

    /// The two slots where `hash` may stand.
    #[inline]
    fn places(&self, hash: u64) -> (usize, usize) {
        let mask = self.slots.len() - 1;
        ((hash >> self.shift) as usize, hash as usize & mask)
    }

    /// The set of `hashes` (distinct): placed at the first size where every hash finds a
    /// slot.
    fn of_distinct(hashes: &[u64]) -> WordSet {
        let mut length = (hashes.len() * Self::SLOTS_PER_WORD)
            .next_power_of_two()
            .max(Self::MIN_SLOTS);
        loop {
            let mut set = WordSet {
                slots: vec![0; length].into_boxed_slice(),
                shift: 64 - length.trailing_zeros(),
                holds_zero: false,
            };
            if hashes.iter().all(|&hash| set.place(hash)) {
                return set;
            }
            // Distinct hashes part at some size: their top and bottom bits differ there.
            length *= 2;
        }
    }

    /// Places `hash`, moving the hashes in its way to their other slots; false when
    /// [`WordSet::MAX_MOVES`] moves leave one without a slot.
    fn place(&mut self, hash: u64) -> bool {
        if hash == 0 {
            self.holds_zero = true;
            return true;
        }
        let mut moving = hash;
        let mut at = self.places(moving).0;
        for _ in 0..Self::MAX_MOVES {
            std::mem::swap(&mut self.slots[at], &mut moving);
            if moving == 0 {
                return true;
            }
            // `moving` was put out of `at`: it goes to its other slot.
            let (first, second) = self.places(moving);
            at = if first == at { second } else { first };
        }
        false
    }
}

impl Default for WordSet {
    fn default() -> Self {
        WordSet::from(HashSetOfWords::default())
    }
}

impl From<HashSetOfWords> for WordSet {
    /// The set of `words`, a word list built as a hash set.
    fn from(words: HashSetOfWords) -> Self {
        // In the set's order: which of its two slots a hash takes depends on the order of
        // placing, what the set holds does not.
        let hashes: Vec<u64> = words.into_iter().collect();
        WordSet::of_distinct(&hashes)
    }
}

impl FromIterator<u64> for WordSet {
    fn from_iter<I: IntoIterator<Item = u64>>(hashes: I) -> Self {
        WordSet::from(hashes.into_iter().collect::<HashSetOfWords>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream of well-mixed 64-bit numbers (SplitMix64), as word hashes are.
    fn mixed(seed: u64) -> impl Iterator<Item = u64> {
        let mut state = seed;
        std::iter::repeat_with(move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
    }

    #[test]
    fn the_table_holds_what_a_hash_set_holds() {
        for (size, seed) in [
            (0, 1),
            (1, 2),
            (3, 3),
            (12, 4),
            (157, 5),
            (1_000, 6),
            (5_000, 7),
        ] {
            let mut hashes: HashSetOfWords = mixed(seed).take(size).collect();
            // Hashes that share their top bits or their bottom bits, and 0.
            if size > 2 {
                hashes.insert(0);
                hashes.insert(u64::MAX);
                hashes.insert(u64::MAX - 1);
                hashes.insert(1 << 63);
                hashes.insert((1 << 63) | 1);
            }
            let set = WordSet::from(hashes.clone());
            for &hash in &hashes {
                assert!(set.contains(&hash), "{hash:#x} of {size}");
            }
            let mut asked = 0;
            for hash in mixed(seed + 100)
                .take(20_000)
                .chain([0, 1, 2, u64::MAX - 2])
            {
                assert_eq!(
                    set.contains(&hash),
                    hashes.contains(&hash),
                    "{hash:#x} of {size}"
                );
                asked += 1;
            }
            assert_eq!(asked, 20_004);
        }
    }

    #[test]
    fn hashes_that_share_both_ends_grow_the_table_until_they_part() {
        // Six hashes with the same top 48 and bottom 8 bits: two slots cannot hold them
        // until the table (2,048 slots) is large enough for bits 8 to 10 to tell them apart.
        let hashes: Vec<u64> = (0..6u64)
            .map(|i| 0xABCD_0000_0000_0034 | (i << 8))
            .collect();
        let set: WordSet = hashes.iter().copied().collect();
        assert!(hashes.iter().all(|hash| set.contains(hash)));
        assert_eq!(set.slots.len(), 2_048);
        assert!(!set.contains(&0xABCD_0000_0000_0634));
        assert!(!set.contains(&0));
        assert!(!WordSet::default().contains(&0));
    }
}
