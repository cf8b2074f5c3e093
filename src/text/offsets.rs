//! Conversion of byte offsets in a Rust string to UTF-16 code unit offsets, the unit
//! JavaScript's `String.prototype.slice` uses (astral characters such as emoji count two).

use crate::text::{count_bytes, is_utf8_continuation};

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

/// Number of UTF-16 code units of a stretch of valid UTF-8: every byte that is not a
/// continuation byte starts a character (one unit), and every four-byte lead adds a second
/// unit (a surrogate pair).
fn utf16_len_of_utf8(bytes: &[u8]) -> usize {
    count_bytes(bytes, |b| !is_utf8_continuation(b)) + count_bytes(bytes, |b| b >= 0xF0)
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
    fn restarts_when_asked_backwards() {
        let text = "😀😀x";
        let mut cursor = Utf16Cursor::new(text);
        assert_eq!(cursor.to_utf16(8), 4);
        assert_eq!(cursor.to_utf16(4), 2);
    }
}
