//! Byte scans over the article, eight bytes at a time: the UTF-16 offsets of the kept
//! blocks and the search for quotation marks read every byte of the text, where a byte at
//! a time costs several times more.

/// One in each byte of a number.
const EACH: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of a number.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of `bytes` from `at` as a number, the first in its low byte.
fn eight(bytes: &[u8], at: usize) -> u64 {
    let mut chunk = [0; 8];
    chunk.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(chunk)
}

/// The number of ASCII bytes `bytes` opens with.
pub fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let high = eight(bytes, at) & HIGH_BITS;
        if high != 0 {
            // The lowest high bit belongs to the first byte outside ASCII.
            return at + high.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|byte| !byte.is_ascii())
        .unwrap_or(bytes.len() - at)
}

/// The offset of the first of `bytes` that is one of `wanted` (three bytes).
pub fn find_any_of_three(bytes: &[u8], wanted: [u8; 3]) -> Option<usize> {
    let masks = wanted.map(|byte| u64::from(byte) * EACH);
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let chunk = eight(bytes, at);
        // A zero byte in `chunk ^ mask` is a wanted byte. The test below sets the high bit
        // of every zero byte, and may set it wrongly only in bytes after a zero byte: the
        // lowest bit set is always a true one.
        let zero_bytes = masks
            .iter()
            .map(|mask| {
                let differs = chunk ^ mask;
                differs.wrapping_sub(EACH) & !differs & HIGH_BITS
            })
            .fold(0, |found, zeros| found | zeros);
        if zero_bytes != 0 {
            return Some(at + zero_bytes.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|byte| wanted.contains(byte))
        .map(|offset| at + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_find_what_a_byte_at_a_time_finds() {
        let texts = [
            "",
            "plain ascii text that runs on for a while",
            "Émile",
            "a “quoted” word",
            "it's \"straight\" and 'single'",
            "twelve bytes é then more",
            "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{9}\"",
            "😀😀 “",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for start in 0..=bytes.len() {
                let rest = &bytes[start..];
                assert_eq!(
                    ascii_prefix_len(rest),
                    rest.iter()
                        .position(|byte| !byte.is_ascii())
                        .unwrap_or(rest.len()),
                    "{text:?} from {start}"
                );
                assert_eq!(
                    find_any_of_three(rest, [b'"', b'\'', 0xE2]),
                    rest.iter()
                        .position(|&byte| matches!(byte, b'"' | b'\'' | 0xE2)),
                    "{text:?} from {start}"
                );
            }
        }
    }
}
