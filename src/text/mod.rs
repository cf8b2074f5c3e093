//! Text utilities: word tokens and their hashes (with the table of an article's words that
//! the cleaner fills once for the rooms above, `word_table`; and the inner loop of a MinHash
//! signature over them, `min_hash`), the normalisation of kept text, paragraph segmentation of
//! pasted text, calendar dates (and the dates an article speaks of, resolved against its own
//! date), the figures a text states, UTF-16 offsets, English stopwords, how the pattern rules
//! of every room are built (`patterns`: rules from lexicon files, the word line they match),
//! the one compact sort every room uses (`sorting`), and the one table that numbers word
//! hashes in the order they are first met (`DenseIds`: the cleaner's cohesion, the quote
//! finder's word table, the story summary's terms). Its own word lists (stopwords, month
//! names) are in `src/text/lexicon/`.
//!
//! The lowest room: it may use nothing else of the crate. Every other room builds on it.

pub mod bytes;
pub mod dates;
mod dense_ids;
pub mod figures;
pub mod min_hash;
mod normalize;
pub mod offsets;
pub mod patterns;
pub mod relative_dates;
pub mod segment;
pub mod sorting;
mod stopwords;
#[cfg(test)]
pub(crate) mod test_numbers;
#[cfg(test)]
pub(crate) mod test_texts;
mod word_set;
mod word_table;
mod words;

pub use bytes::{
    alphanumeric_len_of_chunk, alphanumeric_prefix_len, ascii_prefix_len, count_bytes, count_words,
    find_any_of_three, find_byte, is_ascii_white_space, is_utf8_continuation,
};
/// For the wasm build's eight-byte counts in `clean::features`.
pub use bytes::{bytes_in_range, load_eight, EACH, HIGH_BITS};
pub use dense_ids::{DenseIds, Keyed};
pub use normalize::push_normalized;
pub use stopwords::{is_content_word, stopwords};
pub use word_set::{FirstWordFilter, HashFilter, WordSet};
/// The type of a [`TableWord`]'s traits, named outside this room only by tests (the engine's
/// readers take the traits from the table's words).
#[cfg(test)]
pub use word_table::WordTraits;
pub use word_table::{ArticleWords, TableWord};
pub use words::{
    ends_sentence, hashed_words, is_blank_char, is_capitalized, is_letter, is_unspaced_script,
    is_word_char, lowercase_into, lowercase_words, word_hash, word_hashes, words, HashMapOfText,
    HashMapOfWords, HashSetOfText, HashSetOfWords, HashedWord, Lowercase, Prehashed,
};
