//! The distinct words of one article, each entered once by its case-blind key
//! ([`casing_key`](super::word_key::casing_key)) with what the word lists say of it and what
//! the article's casing says of it: the tokeniser gives every word token the index of its
//! entry, so that the speaker table, the name runs, the cues and the pronouns read per word
//! what they used to derive per token (a key, a lookup in the lexicon) again and again.

use super::lexicon::NameWordLists;
use crate::text::{DenseIds, Keyed};

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

impl Keyed for Word {
    /// The word's case-blind key.
    #[inline(always)]
    fn key(&self) -> u64 {
        self.key
    }
}

/// The distinct words of an article, by their case-blind key, in a [`DenseIds`] table (the
/// keys are already mixed: their low bits depend on every byte of the word), each word's
/// entry holding its key and what is known of it.
#[derive(Debug)]
pub struct WordTable {
    /// The words, by their index (the order they were first met).
    words: DenseIds<Word>,
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
    pub fn with_room_for_in(tokens: usize, spare: Vec<Word>) -> Self {
        WordTable {
            words: DenseIds::with_room_for_in(tokens / TOKENS_PER_DISTINCT_WORD, spare),
        }
    }

    /// The table's list of words, for the next article's table to fill.
    pub fn into_spare(self) -> Vec<Word> {
        self.words.into_spare()
    }

    /// The index of the word whose key is `key`, entered with the lists `lists` gives when
    /// it is new, and its lists.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn enter(
        &mut self,
        key: u64,
        lists: impl FnOnce() -> NameWordLists,
    ) -> (u32, NameWordLists) {
        let (index, _, word) = self.words.entry_or_enter(key, || Word {
            key,
            lists: lists(),
            casing: 0,
        });
        (index, word.lists)
    }

    /// The index of the word whose key is `key`, if the article writes it.
    pub fn find(&self, key: u64) -> Option<u32> {
        self.words.find(key)
    }

    /// What the word lists say of word `index` (nothing for an index the table does not
    /// hold).
    pub fn lists(&self, index: u32) -> NameWordLists {
        self.words
            .entries()
            .get(index as usize)
            .map_or_else(NameWordLists::default, |word| word.lists)
    }

    /// The casing bits of word `index` (none for an index the table does not hold).
    pub fn casing(&self, index: u32) -> u8 {
        self.words
            .entries()
            .get(index as usize)
            .map_or(0, |word| word.casing)
    }

    /// Adds the casing bits `bits` to word `index`.
    pub fn add_casing(&mut self, index: u32, bits: u8) {
        if let Some(word) = self.words.entry_mut(index) {
            word.casing |= bits;
        }
    }

    /// How many distinct words the table holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.words.entries().len()
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
