//! Sets of word hashes for the lookups made for nearly every word: a bit filter that rules
//! most absent words out with one test, and a set probed in place.

/// A bit set over word hashes (a one-hash Bloom filter): a clear bit proves the word is not
/// in the set, a set bit means it may be.
#[derive(Debug, Default)]
pub struct FirstWordFilter([u64; 16]);

impl FirstWordFilter {
    /// The word and bit for `hash`. Uses the hash's top bits: hash tables use the bottom ones.
    fn slot(hash: u64) -> (usize, u64) {
        let bit = (hash >> 54) as usize; // 0..1024, one of the 16 * 64 bits
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

/// A set of word hashes, as a table probed in place (open addressing, linear probing) and
/// kept at most a quarter full, so that a lookup reads one slot, rarely two: the stopwords
/// are looked up for nearly every word of every article, where a general hash map spends
/// several times more on its probing.
#[derive(Debug)]
pub struct WordSet {
    /// The hashes in their slots; 0 marks an empty slot. A power of two long, with at
    /// least three empty slots per hash, so every probe meets an empty slot and stops.
    slots: Box<[u64]>,
    /// Whether the set holds the hash 0, which an empty slot stands for.
    holds_zero: bool,
}

impl Default for WordSet {
    fn default() -> Self {
        WordSet {
            slots: vec![0; 1].into_boxed_slice(),
            holds_zero: false,
        }
    }
}

impl WordSet {
    /// Whether the set holds the word with this [`word_hash`](super::words::word_hash).
    pub fn contains(&self, hash: &u64) -> bool {
        let hash = *hash;
        if hash == 0 {
            return self.holds_zero;
        }
        let mask = self.slots.len() - 1;
        let mut index = hash as usize & mask;
        loop {
            let slot = self.slots[index];
            if slot == hash {
                return true;
            }
            if slot == 0 {
                return false;
            }
            index = (index + 1) & mask;
        }
    }
}

impl FromIterator<u64> for WordSet {
    fn from_iter<I: IntoIterator<Item = u64>>(hashes: I) -> Self {
        let hashes: Vec<u64> = hashes.into_iter().collect();
        let length = (hashes.len() * 4).next_power_of_two().max(8);
        let mut slots = vec![0u64; length];
        let mask = length - 1;
        let mut holds_zero = false;
        for &hash in &hashes {
            if hash == 0 {
                holds_zero = true;
                continue;
            }
            // Probe to the hash (given twice) or to the first empty slot.
            let mut index = hash as usize & mask;
            while slots[index] != 0 && slots[index] != hash {
                index = (index + 1) & mask;
            }
            slots[index] = hash;
        }
        WordSet {
            slots: slots.into_boxed_slice(),
            holds_zero,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_numbers::TestNumbers;

    #[test]
    fn the_set_holds_what_it_was_given_and_nothing_else() {
        let mut numbers = TestNumbers::new(14);
        for size in [0, 1, 2, 7, 157, 1000] {
            // Hashes that share their low bits too, so that probes run on.
            let given: Vec<u64> = (0..size)
                .map(|i| {
                    if i % 3 == 0 {
                        numbers.any() << 12
                    } else {
                        numbers.any()
                    }
                })
                .chain((size > 0).then_some(0))
                .collect();
            let set: WordSet = given.iter().copied().collect();
            let standard: std::collections::HashSet<u64> = given.iter().copied().collect();
            for &hash in &given {
                assert!(set.contains(&hash), "{hash}");
            }
            for _ in 0..5000 {
                let hash = numbers.any() << numbers.below(16);
                assert_eq!(set.contains(&hash), standard.contains(&hash), "{hash}");
            }
        }
        assert!(!WordSet::default().contains(&0));
        assert!(!WordSet::default().contains(&7));
    }
}
