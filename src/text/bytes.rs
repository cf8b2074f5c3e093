//! Counting and searching bytes of UTF-8 text: in branch-free runs the compiler vectorises,
//! or eight bytes at a time, where a byte at a time costs several times more.

/// Longest run of bytes whose count fits the one-byte counters of [`count_bytes`].
const COUNT_RUN: usize = u8::MAX as usize;

/// Number of bytes that satisfy `predicate`. Counted in runs of [`COUNT_RUN`] bytes with a
/// one-byte counter, which lets the compiler test 16 or 32 bytes per instruction.
pub fn count_bytes(bytes: &[u8], predicate: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(COUNT_RUN)
        .map(|run| {
            run.iter()
                .fold(0u8, |count, &b| count + u8::from(predicate(b)))
        })
        .map(usize::from)
        .sum()
}

/// Number of adjacent byte pairs that satisfy `predicate`, counted like [`count_bytes`]: the
/// definition the paragraph features' one-pass count of sentence ends is tested against.
#[cfg(test)]
pub fn count_byte_pairs(bytes: &[u8], predicate: impl Fn(u8, u8) -> bool) -> usize {
    let (Some(firsts), Some(seconds)) =
        (bytes.get(..bytes.len().saturating_sub(1)), bytes.get(1..))
    else {
        return 0;
    };
    firsts
        .chunks(COUNT_RUN)
        .zip(seconds.chunks(COUNT_RUN))
        .map(|(run, next)| {
            run.iter()
                .zip(next)
                .fold(0u8, |count, (&b, &n)| count + u8::from(predicate(b, n)))
        })
        .map(usize::from)
        .sum()
}

/// Whether `byte` continues a multi-byte UTF-8 character (rather than starting one).
pub fn is_utf8_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// One in each byte of a number.
pub const EACH: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of a number.
pub const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `chunk` (eight bytes) that lies in `low..=high`, two ASCII
/// bytes; none for the others, bytes outside ASCII among them. Each byte's low seven bits,
/// plus an offset, carry into no other byte: the sum's high bit says whether the byte is at
/// least `low`, or above `high`.
#[inline]
pub fn bytes_in_range(chunk: u64, low: u8, high: u8) -> u64 {
    let low_seven = chunk & !HIGH_BITS;
    let from_low = low_seven + u64::from(0x80 - low) * EACH;
    let above_high = low_seven + u64::from(0x7F - high) * EACH;
    from_low & !above_high & !chunk & HIGH_BITS
}

/// The first eight bytes of `bytes` (which holds eight or more) as a number, the first in
/// its low byte.
#[inline]
pub fn load_eight(bytes: &[u8]) -> u64 {
    let mut chunk = [0; 8];
    chunk.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(chunk)
}

/// The first eight bytes of `bytes`, or all of them when there are fewer, as a number: the
/// first in its low byte, zeros past the end. Read in two overlapping loads (the bytes they
/// share are the same bytes), without copying the bytes to a buffer first, which for a
/// length known only when the program runs is a `memcpy` call.
#[inline]
pub fn load_up_to_eight(bytes: &[u8]) -> u64 {
    let count = bytes.len().min(8);
    let byte = |index: usize| u64::from(bytes[index]) << (8 * index);
    if count >= 4 {
        let four = |from: usize| {
            u64::from(u32::from_le_bytes(
                bytes[from..from + 4].try_into().unwrap_or_default(),
            ))
        };
        four(0) | four(count - 4) << (8 * (count - 4))
    } else if count > 0 {
        byte(0) | byte(count / 2) | byte(count - 1)
    } else {
        0
    }
}

/// The high bit of each zero byte of `word`, and perhaps of some bytes after a zero byte
/// (the subtraction's borrow): the lowest bit set is always a true one. `word ^ (byte *
/// EACH)` has its zero bytes where `word` holds `byte`.
#[inline]
pub fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(EACH) & !word & HIGH_BITS
}

/// The number of ASCII bytes `bytes` opens with.
pub fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let high = load_eight(&bytes[at..]) & HIGH_BITS;
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

/// How many ASCII letters and digits the eight bytes `chunk` (read by [`load_eight`], the
/// first in its low byte) open with: 8 when all are.
#[inline(always)]
pub fn alphanumeric_len_of_chunk(chunk: u64) -> usize {
    // 0x20 makes a capital its lowercase letter, and no byte outside 'A'..='Z' a lowercase
    // letter ('@' and '[' become '`' and '{'); it leaves the high bits as they are, so bytes
    // outside ASCII are neither letters nor digits.
    let letters = bytes_in_range(chunk | (0x20 * EACH), b'a', b'z');
    let digits = bytes_in_range(chunk, b'0', b'9');
    let other = !(letters | digits) & HIGH_BITS;
    // No byte other: 64 trailing zeros, eight letters or digits.
    other.trailing_zeros() as usize / 8
}

/// The number of ASCII letters and digits `bytes` opens with: eight bytes at a time (a
/// word is read once in a load or two), the last few one at a time.
pub fn alphanumeric_prefix_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let len = alphanumeric_len_of_chunk(load_eight(chunk));
        if len < 8 {
            return at + len;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .take_while(|byte| byte.is_ascii_alphanumeric())
        .count()
}

/// The eight bytes of `chunk` with each of 'A'..='Z' made lowercase, the others (bytes of
/// longer UTF-8 characters among them) unchanged.
#[inline]
pub fn ascii_lowercase_bytes(chunk: u64) -> u64 {
    // 0x20 is the bit between a capital and its lowercase letter.
    chunk | (bytes_in_range(chunk, b'A', b'Z') >> 2)
}

/// The offset of the first `wanted` byte in `bytes`: eight bytes at a time. For the line
/// splitter, whose lines (some 70 bytes) are too short for the standard search to pay back
/// the set-up and the character comparison it makes around each find.
pub fn find_byte(bytes: &[u8], wanted: u8) -> Option<usize> {
    find_any_of(bytes, [wanted])
}

/// The offset of the first of `bytes` that is one of `wanted` (three bytes).
pub fn find_any_of_three(bytes: &[u8], wanted: [u8; 3]) -> Option<usize> {
    find_any_of(bytes, wanted)
}

/// The offset of the first of `bytes` that is one of `wanted`: eight bytes at a time, the
/// last few one at a time.
#[inline(always)]
fn find_any_of<const N: usize>(bytes: &[u8], wanted: [u8; N]) -> Option<usize> {
    let masks = wanted.map(|byte| u64::from(byte) * EACH);
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let chunk = load_eight(&bytes[at..]);
        // A zero byte in `chunk ^ mask` is a wanted byte; the lowest one marked is a true
        // one (see `zero_bytes`), so the lowest of all the marks is the first wanted byte.
        let found = masks
            .iter()
            .map(|mask| zero_bytes(chunk ^ mask))
            .fold(0, |found, zeros| found | zeros);
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|byte| wanted.contains(byte))
        .map(|offset| at + offset)
}

/// Whether `byte` is white space by [`char::is_whitespace`] (tab, line feed, vertical tab,
/// form feed, carriage return, space), for a byte known or tested to be ASCII. Unlike
/// [`u8::is_ascii_whitespace`], it counts the vertical tab, as `str::trim` and
/// `split_whitespace` do.
#[inline(always)]
pub fn is_ascii_white_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// The high bit of each byte of `chunk` (eight ASCII bytes, read by [`load_eight`]) that
/// is white space by [`is_ascii_white_space`]: the tab to the carriage return, and the space.
#[inline(always)]
pub fn ascii_white_space_bytes(chunk: u64) -> u64 {
    bytes_in_range(chunk, b'\t', b'\r') | bytes_in_range(chunk, b' ', b' ')
}

/// How many words `text` holds between white space, `text.split_whitespace().count()`,
/// read eight ASCII bytes at a time: asked of every quotation's words, the walk character
/// by character (a decode and two branches per character, the second one on every word's
/// edge) was attribution's hottest loop. Characters outside ASCII, which may be white space
/// (a no-break space), and the last bytes are read one character at a time.
pub fn count_words(text: &str) -> usize {
    // The page's wasm keeps the smaller code: every kilobyte of the page counts.
    if cfg!(target_arch = "wasm32") {
        return text.split_whitespace().count();
    }
    let bytes = text.as_bytes();
    let mut count = 0;
    // The high bit of a byte (0x80) when the character before the next one is white space,
    // as the text's start counts: a character that is not white space after one that is
    // opens a word.
    let mut white_before: u64 = 0x80;
    let mut offset = 0;
    while offset < bytes.len() {
        let ascii_chunk = bytes
            .get(offset..offset + 8)
            .map(load_eight)
            .filter(|chunk| chunk & HIGH_BITS == 0);
        if let Some(chunk) = ascii_chunk {
            // The bytes up to the space (each below 0x80: adding 0x5F sets its high bit
            // from 0x21 on, 0x60 from 0x20 on, and carries into no other byte) are the
            // white space when none is below the space, as in nearly every chunk of prose;
            // else the control bytes are told apart (the tab to the carriage return are
            // white space, the others not).
            let up_to_space = !(chunk + 0x5F * EACH) & HIGH_BITS;
            let below_space = !(chunk + 0x60 * EACH) & HIGH_BITS;
            let white = if below_space == 0 {
                up_to_space
            } else {
                ascii_white_space_bytes(chunk)
            };
            let opens = !white & HIGH_BITS & ((white << 8) | white_before);
            count += opens.count_ones() as usize;
            white_before = (white >> 56) & 0x80;
            offset += 8;
            continue;
        }
        // `offset` stands after whole characters: there is a character at it.
        let Some(c) = text[offset..].chars().next() else {
            break;
        };
        let white = c.is_whitespace();
        if !white && white_before != 0 {
            count += 1;
        }
        white_before = if white { 0x80 } else { 0 };
        offset += c.len_utf8();
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        // Words, ASCII white space (the vertical tab among it), white space outside ASCII
        // (no-break, em and ideographic spaces, the next-line mark), characters that look
        // blank but are none (zero-width space, byte order mark, NUL and other control
        // bytes) and letters outside
        // ASCII, in runs that put each at every offset of an eight-byte load and at every
        // length of the tail.
        let pieces = [
            "a",
            "word",
            "eightchr",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{b}",
            "\u{c}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{85}",
            "\u{1680}",
            "\u{200b}",
            "\u{feff}",
            "\0",
            "é",
            "😀",
            "“quoted,”",
            "x\u{a0}y",
            "-",
            "\u{2028}",
            // The bytes at the edges of the white space: control bytes below the tab,
            // between the carriage return and the space, and the byte after the space.
            "\u{8}",
            "\u{e}",
            "\u{1f}",
            "!",
        ];
        let mut checked = 0;
        for lead in 0..17 {
            for (index, first) in pieces.iter().enumerate() {
                for second in pieces.iter().skip(index % 5).step_by(3) {
                    for pad in [" ", "z", "\u{a0}"] {
                        let mut text = pad.repeat(lead);
                        text.push_str(first);
                        text.push_str(second);
                        text.push_str(first);
                        assert_eq!(
                            count_words(&text),
                            text.split_whitespace().count(),
                            "{text:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 5_000);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("one two  three\tfour\u{a0}five"), 5);
    }

    #[test]
    fn up_to_eight_bytes_load_as_the_bytes_they_are_zero_padded() {
        let bytes = b"abcdefghijkl";
        for count in 0..=bytes.len() {
            let mut padded = [0; 8];
            let loaded = count.min(8);
            padded[..loaded].copy_from_slice(&bytes[..loaded]);
            assert_eq!(
                load_up_to_eight(&bytes[..count]),
                u64::from_le_bytes(padded),
                "{count} bytes"
            );
        }
        // Every byte value at every position of a short run.
        for byte in 0..=255u8 {
            for count in 1..=8 {
                for position in 0..count {
                    let mut run = [0x5a; 8];
                    run[position] = byte;
                    let mut padded = [0; 8];
                    padded[..count].copy_from_slice(&run[..count]);
                    assert_eq!(load_up_to_eight(&run[..count]), u64::from_le_bytes(padded));
                }
            }
        }
    }

    #[test]
    fn white_space_bytes_of_a_chunk_are_the_bytes_that_are_white_space() {
        for byte in 0..=0x7Fu8 {
            for position in 0..8 {
                let mut bytes = *b"ab cd\tef";
                bytes[position] = byte;
                let expected = bytes.iter().enumerate().fold(0, |marks, (at, &b)| {
                    marks | (u64::from(is_ascii_white_space(b)) << (8 * at + 7))
                });
                assert_eq!(
                    ascii_white_space_bytes(u64::from_le_bytes(bytes)),
                    expected,
                    "{byte:#04x} at {position}"
                );
            }
        }
    }

    #[test]
    fn words_of_random_text_are_counted_as_split_whitespace_counts_them() {
        // Every character that is white space, in ASCII and outside it, among letters,
        // marks and look-alikes that are not (zero-width space, byte order mark, NUL); seven
        // characters in ten ASCII, so that runs of eight ASCII bytes, read at once, are
        // common and end at every offset.
        let white: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let ascii_white: Vec<char> = white.iter().copied().filter(char::is_ascii).collect();
        let ascii_other = ['a', 'Z', '7', '.', ',', '\'', '\0'];
        let other = ['“', 'é', 'ß', '東', '😀', '\u{200b}', '\u{feff}'];
        let mut numbers = crate::text::test_numbers::TestNumbers::new(0x2545_F491_4F6C_DD1D);
        let mut next = |bound: usize| numbers.below(bound as u64) as usize;
        for _ in 0..20_000 {
            let length = next(40);
            let text: String = (0..length)
                .map(|_| match next(10) {
                    0..=4 => ascii_other[next(ascii_other.len())],
                    5 | 6 => ascii_white[next(ascii_white.len())],
                    7 | 8 => white[next(white.len())],
                    _ => other[next(other.len())],
                })
                .collect();
            assert_eq!(
                count_words(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn ascii_white_space_is_what_char_is_whitespace_says_of_ascii() {
        for byte in 0..=0x7Fu8 {
            assert_eq!(
                is_ascii_white_space(byte),
                char::from(byte).is_whitespace(),
                "byte {byte:#04x}"
            );
        }
    }

    #[test]
    fn bytes_in_range_marks_each_byte_of_the_range_alone() {
        for (low, high) in [
            (b'A', b'Z'),
            (b'a', b'z'),
            (b'0', b'9'),
            (0, 0x7F),
            (b'x', b'x'),
        ] {
            for byte in 0..=255u8 {
                for position in 0..8 {
                    let mut bytes = *b"Mx9 a_Z~";
                    bytes[position] = byte;
                    let expected = bytes.iter().enumerate().fold(0, |marks, (at, &b)| {
                        marks | (u64::from((low..=high).contains(&b)) << (8 * at + 7))
                    });
                    assert_eq!(
                        bytes_in_range(u64::from_le_bytes(bytes), low, high),
                        expected,
                        "{byte:#x} at {position} in {low}..={high}"
                    );
                }
            }
        }
    }

    #[test]
    fn alphanumeric_prefixes_are_read_as_byte_by_byte() {
        // Every byte at every position of a chunk, with chunks and tails of every length.
        for byte in 0..=255u8 {
            for position in 0..12 {
                let mut bytes = *b"Ab9zZ0aq1Mxy";
                bytes[position] = byte;
                for len in 0..=bytes.len() {
                    let slice = &bytes[..len];
                    let expected = slice
                        .iter()
                        .take_while(|byte| byte.is_ascii_alphanumeric())
                        .count();
                    assert_eq!(
                        alphanumeric_prefix_len(slice),
                        expected,
                        "{byte:#x} at {position} of {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn byte_counts_cross_run_boundaries() {
        // 1,000 bytes: more than three counting runs, with pairs straddling their edges.
        let bytes: Vec<u8> = (0..1000)
            .map(|i| if i % 3 == 0 { b'.' } else { b' ' })
            .collect();
        assert_eq!(count_bytes(&bytes, |b| b == b'.'), 334);
        assert_eq!(count_byte_pairs(&bytes, |a, b| a == b'.' && b == b' '), 333);
        assert_eq!(count_byte_pairs(&bytes, |a, b| a == b' ' && b == b' '), 333);
        assert_eq!(count_byte_pairs(b".", |_, _| true), 0);
        assert_eq!(count_bytes(&[], |_| true), 0);
    }

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
                for wanted in [b'"', b'e', 0x80, 0x98, 0xE2, 0x01, 0x09] {
                    assert_eq!(
                        find_byte(rest, wanted),
                        rest.iter().position(|&byte| byte == wanted),
                        "{wanted:#x} in {text:?} from {start}"
                    );
                }
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
