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
    /// The hashes, each in one of its two slots. A slot no hash took holds one the set
    /// holds (an empty set's slots hold hashes whose places are both another slot: see
    /// [`WordSet::fill_empty_slots`]), so that a hash equal to a slot's is always in the
    /// set, and a lookup needs no test for empty slots. A power of two long, at least
    /// [`WordSet::MIN_SLOTS`].
    slots: Box<[u64]>,
    /// How far a hash is shifted for its first slot: its top bits pick it.
    shift: u32,
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
        // `|` rather than `||`: no branch.
        (self.slots[first] == hash) | (self.slots[second] == hash)
    }

    /// The two slots where `hash` may stand.
    #[inline]
    fn places(&self, hash: u64) -> (usize, usize) {
        Self::places_in(self.slots.len(), self.shift, hash)
    }

    /// The two slots where `hash` may stand in a table of `length` slots (a power of two)
    /// whose first slots are picked by the top bits after a shift by `shift`. The mask on
    /// the first (which the shift alone keeps in the table) tells the compiler so: no bounds
    /// test on either slot.
    #[inline]
    fn places_in(length: usize, shift: u32, hash: u64) -> (usize, usize) {
        let mask = length - 1;
        ((hash >> shift) as usize & mask, hash as usize & mask)
    }

    /// The set of `hashes` (distinct): placed at the first size where every hash finds a
    /// slot.
    fn of_distinct(hashes: &[u64]) -> WordSet {
        let mut length = (hashes.len() * Self::SLOTS_PER_WORD)
            .next_power_of_two()
            .max(Self::MIN_SLOTS);
        loop {
            let shift = 64 - length.trailing_zeros();
            let mut slots = vec![None; length];
            if hashes
                .iter()
                .all(|&hash| Self::place(&mut slots, shift, hash))
            {
                return WordSet {
                    slots: Self::fill_empty_slots(slots, shift, hashes.first().copied()),
                    shift,
                };
            }
            // Distinct hashes part at some size: their top and bottom bits differ there.
            length *= 2;
        }
    }

    /// Places `hash` in `slots` (`None` for an empty one), moving the hashes in its way to
    /// their other slots; false when [`WordSet::MAX_MOVES`] moves leave one without a slot.
    fn place(slots: &mut [Option<u64>], shift: u32, hash: u64) -> bool {
        let mut moving = Some(hash);
        let mut at = Self::places_in(slots.len(), shift, hash).0;
        for _ in 0..Self::MAX_MOVES {
            std::mem::swap(&mut slots[at], &mut moving);
            let Some(moved) = moving else {
                return true;
            };
            // `moved` was put out of `at`: it goes to its other slot.
            let (first, second) = Self::places_in(slots.len(), shift, moved);
            at = if first == at { second } else { first };
        }
        false
    }

    /// The placed slots with every empty one holding `member`, a hash of the set, so that
    /// it matches no hash the set does not hold. Without a member (an empty set), slot `i`
    /// holds the hash whose two places are both slot `i + 1` (around the end), which holds
    /// another: no hash is found.
    fn fill_empty_slots(slots: Vec<Option<u64>>, shift: u32, member: Option<u64>) -> Box<[u64]> {
        let length = slots.len();
        slots
            .into_iter()
            .enumerate()
            .map(|(index, slot)| {
                slot.or(member).unwrap_or_else(|| {
                    let next = ((index + 1) % length) as u64;
                    (next << shift) | next
                })
            })
            .collect()
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

    #[test]
    fn an_empty_set_holds_nothing_not_even_what_its_slots_hold() {
        let set = WordSet::default();
        for &slot in set.slots.iter() {
            assert!(!set.contains(&slot), "{slot:#x}");
        }
        assert!(mixed(9).take(10_000).all(|hash| !set.contains(&hash)));
        // A set of one hash, 0 among them: found, and nothing else.
        for only in [0, 1, u64::MAX] {
            let set: WordSet = [only].into_iter().collect();
            assert!(set.contains(&only));
            assert!(set.slots.iter().all(|&slot| slot == only));
            assert!(mixed(10)
                .take(1_000)
                .all(|hash| set.contains(&hash) == (hash == only)));
        }
    }
}
