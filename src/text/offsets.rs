//! Conversion of byte offsets in a Rust string to UTF-16 code unit offsets, the unit
//! JavaScript's `String.prototype.slice` uses (astral characters such as emoji count two),
//! and back.

#[cfg(any(target_arch = "wasm32", test))]
use crate::text::bytes::HIGH_BITS;
use crate::text::{ascii_prefix_len, count_bytes, is_utf8_continuation};

/// Converts byte offsets of one text to UTF-16 offsets. Queries must come in
/// non-decreasing order, so a whole article is converted in one linear pass.
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    utf16: usize,
}

impl<'a> Utf16Cursor<'a> {
    /// Starts a cursor at the beginning of `text`.
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            utf16: 0,
        }
    }

    /// The UTF-16 offset of byte offset `byte`. If `byte` is before the previous query, the
    /// cursor restarts from the beginning (correct, only slower). `byte` must be a character
    /// boundary; offsets past the end map to the end.
    pub fn to_utf16(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.utf16 = 0;
        }
        let stretch = &self.text.as_bytes()[self.byte..byte];
        self.utf16 += utf16_len_of_utf8(stretch);
        self.byte = byte;
        self.utf16
    }
}

/// Converts UTF-16 offsets of one text to byte offsets, the reverse of [`Utf16Cursor`].
/// Queries must come in non-decreasing order, so a whole article is converted in one
/// linear pass.
pub struct ByteCursor<'a> {
    bytes: &'a [u8],
    byte: usize,
    utf16: usize,
}

impl<'a> ByteCursor<'a> {
    /// Starts a cursor at the beginning of `text`.
    pub fn new(text: &'a str) -> Self {
        ByteCursor {
            bytes: text.as_bytes(),
            byte: 0,
            utf16: 0,
        }
    }

    /// The byte offset of UTF-16 offset `target`: the first character boundary at or past
    /// it (a target inside a surrogate pair gives the end of the pair); offsets past the end
    /// map to the end. A target before the previous query gives the previous answer.
    pub fn byte_at(&mut self, target: usize) -> usize {
        let bytes = self.bytes;
        // Runs of ASCII, most of the text, are one unit a byte; any other character is
        // stepped by its UTF-8 lead byte, without decoding it: four bytes are two UTF-16
        // units, fewer one.
        while self.utf16 < target && self.byte < bytes.len() {
            let wanted = (target - self.utf16).min(bytes.len() - self.byte);
            let ascii = ascii_prefix_len(&bytes[self.byte..self.byte + wanted]);
            self.byte += ascii;
            self.utf16 += ascii;
            if self.utf16 == target || self.byte == bytes.len() {
                break;
            }
            let (length, units) = match bytes[self.byte] {
                0x00..=0x7F => (1, 1),
                0xF0..=0xFF => (4, 2),
                0xE0..=0xEF => (3, 1),
                _ => (2, 1),
            };
            self.byte += length;
            self.utf16 += units;
        }
        self.byte
    }
}

/// Number of UTF-16 code units of a stretch of valid UTF-8: every byte that is not a
/// continuation byte starts a character (one unit), and every four-byte lead adds a second
/// unit (a surrogate pair).
fn utf16_len_of_utf8(bytes: &[u8]) -> usize {
    #[cfg(target_arch = "wasm32")]
    return utf16_len_of_utf8_by_eights(bytes);
    #[cfg(not(target_arch = "wasm32"))]
    utf16_len_of_utf8_by_bytes(bytes)
}

/// [`utf16_len_of_utf8`] a byte at a time, in [`count_bytes`]'s runs, which the native
/// compiler turns into 16- or 32-byte vector compares.
fn utf16_len_of_utf8_by_bytes(bytes: &[u8]) -> usize {
    count_bytes(bytes, |b| !is_utf8_continuation(b)) + count_bytes(bytes, |b| b >= 0xF0)
}

/// [`utf16_len_of_utf8`] eight bytes at a time in a 64-bit number, for the wasm build: it has
/// no vector instructions, so the byte loops of [`utf16_len_of_utf8_by_bytes`] run there a
/// byte at a time (in Node they took 1.6% of the whole analysis, against almost nothing
/// natively). Shifting the number left by `k` brings each byte's bit `7 - k` to its top bit
/// (bits crossing from the byte below land lower), so the top bits alone tell the kinds.
#[cfg(any(target_arch = "wasm32", test))]
fn utf16_len_of_utf8_by_eights(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0;
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        // 10xxxxxx: top bit set, the next one clear.
        let continuations = word & !(word << 1) & HIGH_BITS;
        // 11110xxx (the lead of a four-byte character): the top four bits set.
        let four_byte_leads = word & (word << 1) & (word << 2) & (word << 3) & HIGH_BITS;
        units += 8 - continuations.count_ones() as usize + four_byte_leads.count_ones() as usize;
    }
    units + utf16_len_of_utf8_by_bytes(chunks.remainder())
}

/// UTF-16 length of a string.
pub fn utf16_len(text: &str) -> usize {
    utf16_len_of_utf8(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_astral_characters_twice() {
        let text = "a😀b é";
        let mut cursor = Utf16Cursor::new(text);
        assert_eq!(cursor.to_utf16(1), 1);
        assert_eq!(cursor.to_utf16(5), 3);
        assert_eq!(cursor.to_utf16(text.len()), 6);
        assert_eq!(utf16_len(text), text.encode_utf16().count());
    }

    #[test]
    fn eight_bytes_at_a_time_count_as_one_byte_at_a_time() {
        // Every kind of UTF-8 byte at every position of an eight-byte word, and the rest
        // after the last whole word: one to four bytes a character, at each starting offset.
        let pieces = [
            "a", " ", "é", "ß", "—", "“", "中", "😀", "𝄞", "\u{7f}", "\u{80}",
        ];
        for start in 0..pieces.len() {
            let mut text = String::new();
            for step in 0..40 {
                text.push_str(pieces[(start + step * 7) % pieces.len()]);
                for from in 0..text.len().min(9) {
                    if text.is_char_boundary(from) {
                        let bytes = &text.as_bytes()[from..];
                        assert_eq!(
                            utf16_len_of_utf8_by_eights(bytes),
                            text[from..].encode_utf16().count(),
                            "{:?}",
                            &text[from..]
                        );
                        assert_eq!(
                            utf16_len_of_utf8_by_bytes(bytes),
                            utf16_len_of_utf8_by_eights(bytes)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn byte_cursor_reverses_the_utf16_cursor() {
        let text = "Lede “quoted” 😀 text é, then plain ASCII for more than eight bytes 😀.";
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&byte| text.is_char_boundary(byte))
            .collect();
        let mut utf16 = Utf16Cursor::new(text);
        let mut bytes = ByteCursor::new(text);
        for &byte in &boundaries {
            assert_eq!(bytes.byte_at(utf16.to_utf16(byte)), byte, "byte {byte}");
        }
        // Inside a surrogate pair: the end of the pair; past the end: the end.
        let mut bytes = ByteCursor::new("a😀b");
        assert_eq!(bytes.byte_at(2), 5);
        assert_eq!(bytes.byte_at(99), 6);
    }

    #[test]
    fn restarts_when_asked_backwards() {
        let text = "😀😀x";
        let mut cursor = Utf16Cursor::new(text);
        assert_eq!(cursor.to_utf16(8), 4);
        assert_eq!(cursor.to_utf16(4), 2);
    }
}
