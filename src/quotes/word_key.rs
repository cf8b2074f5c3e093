//! Case-blind keys for words: a number per word, equal for two words that are the same
//! in lowercase (with curly apostrophes made straight), cheap to compute (a word of eight bytes or fewer, most words, is its own
//! key). The article's table of distinct words and the word lists of names are looked up by them,
//! without a lowercase copy of the word.

use std::ops::Range;

use crate::text::bytes::{ascii_lowercase_bytes, load_up_to_eight, EACH, HIGH_BITS};

/// A key for `word` in any case: two words have one key when they are the same in
/// lowercase with curly apostrophes made straight, as they have one [`crate::text::word_hash`]; but
/// cheaper (the word table takes every word of the article, and compares keys only with
/// each other). A word of eight bytes at most, most words, is its own key, its bytes
/// spread over the number's bits; a longer one is hashed eight bytes at a time.
///
/// Inlined where it is called (every word of the article goes through it, and the short
/// ASCII path is a few operations, fewer than a call); kept a call in the page's wasm,
/// where size counts more.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn casing_key(word: &str) -> u64 {
    ascii_bytes_key(word.as_bytes()).unwrap_or_else(|| key_outside_ascii(word))
}

/// The [`ascii_key`] of the word `input[span]` (a token's span: character boundaries),
/// read from the bytes of `input`: an ASCII word, nearly every one, is keyed without the
/// character-boundary checks of slicing the text, which cost more than the key itself on
/// the tokeniser's path (every word of the article). `None` outside ASCII.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn ascii_key_of(input: &str, span: Range<usize>) -> Option<u64> {
    input.as_bytes().get(span).and_then(ascii_bytes_key)
}

/// The key of `bytes` when they are ASCII (then the [`casing_key`] of the word they
/// spell), else `None`.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn ascii_bytes_key(bytes: &[u8]) -> Option<u64> {
    if bytes.len() <= 8 {
        let chunk = load_up_to_eight(bytes);
        (chunk & HIGH_BITS == 0).then(|| spread(ascii_lowercase_bytes(chunk)))
    } else {
        bytes.is_ascii().then(|| long_key(bytes))
    }
}

/// The key of the ASCII word whose bytes, fewer than nine, are the low bytes of `chunk`,
/// the others zero: the [`casing_key`] of the word, for a tokeniser that has the word's
/// bytes in a register already and need not read them again. Each byte must be a letter
/// or below 0x40 (a digit, a full stop, an apostrophe: what the tokeniser's fast path
/// reads), which lets [`lowercase_letters_and_low_bytes`] lowercase them.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn short_ascii_key(chunk: u64) -> u64 {
    spread(lowercase_letters_and_low_bytes(chunk))
}

/// The bytes of `chunk`, each an ASCII letter or below 0x40 (digits, full stops, zero
/// padding), with the capitals made lowercase: what [`ascii_lowercase_bytes`] gives for
/// such bytes, in three operations instead of a range test. A letter has its 0x40 bit set,
/// and that bit moved to 0x20 makes it lowercase; no byte below 0x40 has it.
#[inline(always)]
fn lowercase_letters_and_low_bytes(chunk: u64) -> u64 {
    debug_assert!(
        only_letters_and_low_bytes(chunk),
        "a byte of {chunk:#018x} is neither an ASCII letter nor below 0x40"
    );
    chunk | ((chunk & (0x40 * EACH)) >> 1)
}

/// Whether every byte of `chunk` is an ASCII letter or below 0x40: the precondition of
/// [`lowercase_letters_and_low_bytes`], checked in debug builds.
fn only_letters_and_low_bytes(chunk: u64) -> bool {
    chunk
        .to_le_bytes()
        .iter()
        .all(|&byte| byte < 0x40 || byte.is_ascii_alphabetic())
}

/// The [`casing_key`] of a word outside ASCII (rare in English text), out of line.
#[cold]
fn key_outside_ascii(word: &str) -> u64 {
    // Lowercase first. The lowercase may be ASCII
    // ("\u{212A}ing", with the Kelvin sign, is "king"), and has the key of that word.
    // Most such words are short ("don’t", "Macron’s", "Émile"): lowercased on the stack,
    // and copied to the heap only when longer.
    let mut buffer = [0u8; KEY_BUFFER_BYTES];
    let mut len = 0;
    for c in word.chars() {
        let fits = if c == '’' {
            len < KEY_BUFFER_BYTES && {
                buffer[len] = b'\'';
                len += 1;
                true
            }
        } else {
            c.to_lowercase().all(|lower| {
                let size = lower.len_utf8();
                len + size <= KEY_BUFFER_BYTES && {
                    lower.encode_utf8(&mut buffer[len..len + size]);
                    len += size;
                    true
                }
            })
        };
        if !fits {
            return key_of_lowercase(&key_text(word));
        }
    }
    key_of_lowercase(&buffer[..len])
}

/// Bytes of a lowercase word [`key_outside_ascii`] keeps on the stack: more than nearly
/// every word outside ASCII in news text takes.
const KEY_BUFFER_BYTES: usize = 48;

/// The text two words share when they share a [`casing_key`]: the word in lowercase, with
/// curly apostrophes made straight.
fn key_text(word: &str) -> Vec<u8> {
    let mut lower = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        if c == '’' {
            lower.push('\'');
        } else {
            lower.extend(c.to_lowercase());
        }
    }
    lower.into_bytes()
}

/// The key of a word already in lowercase (its bytes).
fn key_of_lowercase(lower: &[u8]) -> u64 {
    if lower.len() <= 8 {
        spread(load_up_to_eight(lower))
    } else {
        long_key(lower)
    }
}

/// The bits of a word of eight bytes at most, mixed so that the low bits (which the tables
/// index by) depend on every byte. Every step can be undone, so two words never share a
/// key (no word holds a zero byte, so the padding tells lengths apart).
#[inline]
fn spread(chunk: u64) -> u64 {
    let mixed = (chunk ^ (chunk >> 29)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    mixed ^ (mixed >> 32)
}

/// The key of `bytes`, longer than eight, with their ASCII capitals made lowercase (other
/// bytes as they are), eight bytes at a time.
fn long_key(bytes: &[u8]) -> u64 {
    chunked_key::<true>(bytes)
}

/// A key for `text` as written, case and all (a name's, which the speaker table tells apart
/// by case: "Bush" the person, "bush" the plant): its bytes mixed eight at a time as
/// [`long_key`] mixes them, but not lowercased. Read in place, without copying a text's
/// last few bytes to a buffer (the standard hashers' way, a `memcpy` call per text, which
/// cost more than the mixing on the speaker table's names). Two texts of one length never
/// share a key when they have eight bytes or fewer (every step can be undone); others
/// share one by a chance of about one in 2^64.
pub fn exact_key(text: &str) -> u64 {
    chunked_key::<false>(text.as_bytes())
}

/// The bytes mixed eight at a time (the last few zero-padded), each eight with their ASCII
/// capitals made lowercase first when `LOWERCASE`: the one loop of [`long_key`] and
/// [`exact_key`]. Inlined into both, so each keeps a loop of its own with the choice made
/// when the program is built.
#[inline(always)]
fn chunked_key<const LOWERCASE: bool>(bytes: &[u8]) -> u64 {
    let mix = |key: u64, chunk: u64| {
        if LOWERCASE {
            long_key_mix(key, chunk)
        } else {
            key_step(key, chunk)
        }
    };
    let mut key = long_key_start(bytes.len());
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        key = mix(
            key,
            u64::from_le_bytes(chunk.try_into().unwrap_or_default()),
        );
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        key = mix(key, load_up_to_eight(rest));
    }
    spread(key)
}

/// The odd multiplier of [`long_key`]'s steps (the golden ratio's bits).
const LONG_KEY_MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Where [`long_key`] starts for a word of `len` bytes.
#[inline]
fn long_key_start(len: usize) -> u64 {
    (len as u64).wrapping_mul(LONG_KEY_MULTIPLIER)
}

/// One step of [`long_key`]: `key` with the next eight bytes (or the last few, the others
/// zero) mixed in, lowercased.
#[inline]
fn long_key_mix(key: u64, chunk: u64) -> u64 {
    key_step(key, ascii_lowercase_bytes(chunk))
}

/// One step of [`exact_key`]: `key` with the next eight bytes (or the last few, the others
/// zero) mixed in as they are.
#[inline]
fn key_step(key: u64, chunk: u64) -> u64 {
    (key.rotate_left(26) ^ chunk).wrapping_mul(LONG_KEY_MULTIPLIER)
}

/// The key of the ASCII word of `len` bytes, nine to fifteen, whose first eight bytes are
/// `first` and the others the low bytes of `rest` (the rest of `rest` zero): the
/// [`casing_key`] of the word, for a tokeniser that has loaded its bytes already. Each
/// byte must be a letter or below 0x40, as for [`short_ascii_key`].
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn two_chunk_ascii_key(len: usize, first: u64, rest: u64) -> u64 {
    let key = key_step(long_key_start(len), lowercase_letters_and_low_bytes(first));
    spread(key_step(key, lowercase_letters_and_low_bytes(rest)))
}

/// The key of an ASCII word in any case: the [`casing_key`] of the word, the same for
/// every way of writing it in capitals and lowercase. `None` for a word outside ASCII,
/// whose lowercase takes more than changing bytes.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn ascii_key(word: &str) -> Option<u64> {
    ascii_bytes_key(word.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_keys_tell_case_and_length_apart_and_agree_on_equal_texts() {
        let texts = [
            "",
            "a",
            "A",
            "ab",
            "Ab",
            "Bush",
            "bush",
            "Anna Berg",
            "Anna Bergs",
            "Anna  Berg",
            "Émile Zola",
            "émile Zola",
            "Luc Dumas-Olsen",
            "Luc Dumas-Olsem",
            "12345678",
            "123456789",
            "1234567",
            "Mayor Anna Berg of Lyon and Luc Dumas",
            "😀",
        ];
        let mut seen = std::collections::HashMap::new();
        for text in texts {
            let key = exact_key(text);
            // The same text elsewhere in memory.
            let copy: String = text.chars().collect();
            assert_eq!(exact_key(&copy), key, "{text}");
            if let Some(other) = seen.insert(key, text) {
                panic!("{text:?} and {other:?} share a key");
            }
        }
    }

    #[test]
    fn exact_and_long_keys_share_their_loop_and_keep_their_values() {
        // Values the two loops gave when each was written out on its own: the one loop
        // with the mixing step chosen at build time gives the same keys.
        let known = [
            ("", 0x0000_0000_0000_0000, 0x0000_0000_0000_0000),
            ("a", 0x3cc3_f82c_d34f_7302, 0x3cc3_f82c_d34f_7302),
            ("Bush", 0x8f6a_3f37_22a0_b785, 0xbcb5_bc6c_e233_b4b3),
            ("Emmanuel", 0xda19_43a5_7729_b0e5, 0x0b18_a189_6126_8ae4),
            (
                "Emmanuel Macron",
                0xcfa3_2b53_52b6_192e,
                0x5d78_6461_30aa_2dbb,
            ),
            (
                "Yoon Suk Yeol’s office",
                0xe814_3819_9a74_d555,
                0xc1df_e0a1_5d95_04b3,
            ),
            (
                "ÉMILE ZOLA et Straße",
                0xbf80_2d38_33d3_3bff,
                0x05f3_19d3_1652_704b,
            ),
        ];
        for (text, exact, long) in known {
            assert_eq!(exact_key(text), exact, "{text:?}");
            assert_eq!(long_key(text.as_bytes()), long, "{text:?}");
        }
        // Without ASCII capitals, lowercasing changes no byte: both keys are one.
        for text in [
            "",
            "a",
            "bush",
            "emmanuel",
            "emmanuel macron",
            "straße über alles",
        ] {
            assert_eq!(exact_key(text), long_key(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn casing_keys_ignore_case_and_curly_apostrophes_only() {
        for (a, b) in [
            ("Despite", "despite"),
            ("MACRON", "macron"),
            ("O’Brien", "o'brien"),
            ("Émile-Zola", "émile-zola"),
            ("Interoperability-Standards", "interoperability-standards"),
            ("\u{212A}ing", "king"),
            ("ÉLYSÉE", "élysée"),
        ] {
            assert_eq!(casing_key(a), casing_key(b), "{a} {b}");
        }
        for (a, b) in [
            ("despite", "despites"),
            ("ab", "abc"),
            ("Zola", "zolb"),
            ("[at]", "{at}"),
            ("émile", "emile"),
            ("interoperability", "interoperabilitx"),
        ] {
            assert_ne!(casing_key(a), casing_key(b), "{a} {b}");
        }
        // Every byte, in every position of a chunk, as `to_ascii_lowercase` makes it.
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut bytes = [b'q'; 8];
                bytes[position] = byte;
                let mut expected = bytes;
                expected.make_ascii_lowercase();
                assert_eq!(
                    ascii_lowercase_bytes(u64::from_le_bytes(bytes)).to_le_bytes(),
                    expected,
                    "{byte:#x} at {position}"
                );
            }
        }
    }

    #[test]
    fn keys_outside_ascii_lowercase_on_the_stack_as_on_the_heap() {
        for word in [
            "don’t",
            "Macron’s",
            "Émile",
            "ÉLYSÉE",
            "\u{212A}ing",
            "İstanbul",
            "ß",
            "Interopérabilité-Européenne-Des-Systèmes-Énergétiques",
            "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ",
            "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ",
            "İİİİİİİİİİİİİİİİ",
            "’’’’’’’’’’’’’’’’’’’",
        ] {
            assert_eq!(
                key_outside_ascii(word),
                key_of_lowercase(&key_text(word)),
                "{word}"
            );
        }
    }

    #[test]
    fn keys_read_from_a_span_are_the_words_keys() {
        let input = "Émile said: DON’T, interoperability-Standards and AT&T; ok";
        let mut start = 0;
        for word in input.split([' ', ':', ',', ';']) {
            let span = start..start + word.len();
            assert_eq!(ascii_key_of(input, span), ascii_key(word), "{word}");
            start += word.len() + 1;
        }
        assert_eq!(ascii_key_of(input, 0..1000), None);
    }

    #[test]
    fn short_ascii_keys_are_the_keys_of_the_words_they_hold() {
        for word in [
            "", "a", "He", "SAID", "Dumas", "O'Brien", "AT&T2024", "x-ray",
        ] {
            let mut padded = [0; 8];
            padded[..word.len()].copy_from_slice(word.as_bytes());
            assert_eq!(
                short_ascii_key(u64::from_le_bytes(padded)),
                casing_key(word),
                "{word}"
            );
        }
    }

    #[test]
    fn letters_and_low_bytes_lowercase_as_every_ascii_byte_does() {
        let bytes: Vec<u8> = (0..0x40).chain(b'A'..=b'Z').chain(b'a'..=b'z').collect();
        for (index, &byte) in bytes.iter().enumerate() {
            // Each byte at each place of a chunk, beside other such bytes.
            for place in 0..8 {
                let mut chunk = [0u8; 8];
                for (offset, slot) in chunk.iter_mut().enumerate() {
                    *slot = bytes[(index + 7 * offset) % bytes.len()];
                }
                chunk[place] = byte;
                let chunk = u64::from_le_bytes(chunk);
                assert_eq!(
                    lowercase_letters_and_low_bytes(chunk),
                    ascii_lowercase_bytes(chunk),
                    "{byte:#x} at {place}"
                );
            }
        }
    }

    #[test]
    fn two_chunk_keys_are_the_keys_of_the_words_they_hold() {
        let letters = b"InteroperAbility2";
        for len in 9..=15 {
            let word = std::str::from_utf8(&letters[..len]).unwrap_or_default();
            let first = u64::from_le_bytes(letters[..8].try_into().unwrap_or_default());
            let mut rest = [0; 8];
            rest[..len - 8].copy_from_slice(&letters[8..len]);
            assert_eq!(
                two_chunk_ascii_key(len, first, u64::from_le_bytes(rest)),
                casing_key(word),
                "{word}"
            );
        }
    }

    #[test]
    fn ascii_keys_are_casing_keys_of_ascii_words_only() {
        for word in ["Despite", "of", "INTEROPERABILITY", "O'Brien", "a"] {
            assert_eq!(ascii_key(word), Some(casing_key(word)), "{word}");
        }
        assert_eq!(ascii_key("Émile"), None);
        assert_eq!(ascii_key("Interopérabilité"), None);
    }
}
