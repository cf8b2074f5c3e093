//! The distinct words of one article, each entered once by its case-blind key
//! ([`casing_key`](super::word_key::casing_key)) with what the word lists say of it and what
//! the article's casing says of it: the tokeniser gives every word token the index of its
//! entry, so that the speaker table, the name runs, the cues and the pronouns read per word
//! what they used to derive per token (a key, a lookup in the lexicon) again and again.

use super::lexicon::NameWordLists;

/// One distinct word of the article.
#[derive(Debug, Clone, Copy, Default)]
pub struct Word {
    /// The word's case-blind key: kept beside what the table says of the word, so that
    /// the probe of a known word (about two tokens in three) reads one entry, where its
    /// key is compared and its lists are, instead of a list of keys and then a list of
    /// words.
    key: u64,
    /// What the word lists say of the word (the same for every way of writing it: the lists
    /// hold lowercase words, and no entry has an apostrophe, the one other thing a key
    /// ignores).
    lists: NameWordLists,
    /// Evidence of the article's casing, bits the casing module defines.
    casing: u8,
}

/// About one token in three is a word the article has not written before (most tokens
/// are words, and function words repeat): the first size of the table, so that it seldom
/// grows while the article is read.
const TOKENS_PER_DISTINCT_WORD: usize = 3;

/// Slots in the smallest table: room for a short article's words without growing.
const MIN_SLOTS: usize = 16;

/// The distinct words of an article, by their case-blind key: an open-addressing table
/// probed linearly from the key's low bits (the keys are already mixed: their low bits
/// depend on every byte of the word), at most half full, a power of two of slots, doubled
/// and filled again when it would be more than half full.
#[derive(Debug)]
pub struct WordTable {
    /// Per slot, the index plus one of the word whose probe ends there; 0 for a free slot.
    slots: Vec<u32>,
    /// The words, by their index (the order they were first met).
    words: Vec<Word>,
}

impl Default for WordTable {
    /// An empty table of the smallest size.
    fn default() -> Self {
        Self::with_room_for_in(0, Vec::new())
    }
}

impl WordTable {
    /// An empty table with room for the words of an article of `tokens` tokens.
    #[cfg(test)]
    pub fn with_room_for(tokens: usize) -> Self {
        Self::with_room_for_in(tokens, Vec::new())
    }

    /// An empty table with room for the words of an article of `tokens` tokens, its words
    /// kept in `spare` (emptied first), the list of an earlier table
    /// ([`into_spare`](Self::into_spare)).
    pub fn with_room_for_in(tokens: usize, mut spare: Vec<Word>) -> Self {
        let words = tokens / TOKENS_PER_DISTINCT_WORD;
        spare.clear();
        spare.reserve(words);
        WordTable {
            slots: vec![0; words.saturating_mul(2).next_power_of_two().max(MIN_SLOTS)],
            words: spare,
        }
    }

    /// The table's list of words, for the next article's table to fill.
    pub fn into_spare(self) -> Vec<Word> {
        self.words
    }

    /// The index of the word whose key is `key`, entered with the lists `lists` gives when
    /// it is new, and its lists.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn enter(
        &mut self,
        key: u64,
        lists: impl FnOnce() -> NameWordLists,
    ) -> (u32, NameWordLists) {
        let slot = match self.probe(key) {
            Ok(index) => {
                // Every index the table gives has its word (pushed below when it was new).
                return (index, self.lists(index));
            }
            Err(free) => free,
        };
        // More words than 32 bits count cannot fit in memory beside their slots: the index
        // saturates rather than wraps.
        let index = u32::try_from(self.words.len()).unwrap_or(u32::MAX - 1);
        let lists = lists();
        self.words.push(Word {
            key,
            lists,
            casing: 0,
        });
        self.slots[slot] = index + 1;
        // At most half full again before the next word comes, so that every probe meets a
        // free slot (and only a new word pays for this test).
        if 2 * self.words.len() > self.slots.len() {
            self.grow();
        }
        (index, lists)
    }

    /// The index of the word whose key is `key` when the table holds it, else the free
    /// slot where its probe ends (at most half the slots are full: the probe always meets
    /// one).
    #[inline(always)]
    fn probe(&self, key: u64) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = key as usize & mask;
        loop {
            let place = self.slots[slot];
            if place == 0 {
                return Err(slot);
            }
            let index = place - 1;
            if self.words[index as usize].key == key {
                return Ok(index);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Twice the slots, every word's index put back in them.
    #[cold]
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        let mask = size - 1;
        for (index, word) in self.words.iter().enumerate() {
            let mut slot = word.key as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            // Indices fit in u32 (see `enter`).
            self.slots[slot] = index as u32 + 1;
        }
    }

    /// The index of the word whose key is `key`, if the article writes it.
    pub fn find(&self, key: u64) -> Option<u32> {
        self.probe(key).ok()
    }

    /// What the word lists say of word `index` (nothing for an index the table does not
    /// hold).
    pub fn lists(&self, index: u32) -> NameWordLists {
        self.words
            .get(index as usize)
            .map_or_else(NameWordLists::default, |word| word.lists)
    }

    /// The casing bits of word `index` (none for an index the table does not hold).
    pub fn casing(&self, index: u32) -> u8 {
        self.words.get(index as usize).map_or(0, |word| word.casing)
    }

    /// Adds the casing bits `bits` to word `index`.
    pub fn add_casing(&mut self, index: u32, bits: u8) {
        if let Some(word) = self.words.get_mut(index as usize) {
            word.casing |= bits;
        }
    }

    /// How many distinct words the table holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.words.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::word_key::casing_key;

    #[test]
    fn each_key_is_entered_once_and_found_again() {
        for room in [0, 3, 300] {
            let mut table = WordTable::with_room_for(room);
            let mut seen = std::collections::HashMap::new();
            // Keys of words, and keys sharing their low bits (the same slot), 0 among them.
            let keys: Vec<u64> = (0..500u64)
                .map(|n| match n % 3 {
                    0 => casing_key(&format!("word{}", n % 97)),
                    1 => (n % 50) << 40,
                    _ => n % 7,
                })
                .collect();
            for &key in &keys {
                let (index, _) = table.enter(key, NameWordLists::default);
                let expected = *seen.entry(key).or_insert(index);
                assert_eq!(index, expected, "{key}");
                assert_eq!(table.find(key), Some(index), "{key}");
            }
            assert_eq!(table.len(), seen.len());
            assert_eq!(table.find(1 << 63), None);
        }
        assert_eq!(WordTable::default().find(5), None);
    }

    #[test]
    fn lists_are_asked_for_a_new_word_only_and_casing_bits_add_up() {
        let mut table = WordTable::default();
        let title = crate::quotes::lexicon::quote_lexicon().name_word_lists("president");
        let (first, lists) = table.enter(casing_key("President"), || title);
        assert_eq!(lists, title);
        let (again, lists) = table.enter(casing_key("president"), || {
            unreachable!("the word is known")
        });
        assert_eq!((again, lists), (first, title));
        table.add_casing(first, 1);
        table.add_casing(first, 4);
        assert_eq!(table.casing(first), 5);
        assert_eq!(table.casing(99), 0);
        assert_eq!(table.lists(99), NameWordLists::default());
        assert_eq!(table.lists(first), title);
    }
}
