//! An article of the report as JSON, written straight into bytes: exactly what serde_json
//! gives for [`Article`] (the same fields in the same order, the same escapes, `null` for a
//! missing value, `source` only when there is one), without serde's way through one call per
//! field and per string fragment. Writing the articles was about 5% of a run's instructions
//! with serde_json, most of it escaping strings byte by byte; here a string is searched eight
//! bytes at a time (thirty-two on x86-64) for its next escape and copied in runs, and the
//! article's bytes are reserved at once.
//!
//! The report's other parts (the cross-article results, the indented report of `--pretty`)
//! stay serde_json's: they are written once a run. A test compares the bytes with serde_json's
//! for an article that names and fills every field (no `..`), so a field added to [`Article`]
//! stops the test from compiling until it is given there, and then fails it until it is
//! written here too.
//!
//! Reading goes the other way for the usual JSONL line, an object of a string `id` and a
//! string `text` ([`read_id_and_text`]): its strings are found with the same eight-byte
//! search and copied in runs, where serde_json went through its scratch buffer into a new
//! string. Any other line is left to serde_json, so its documents and its messages for a bad
//! line stay serde_json's.
//!
//! The eight-byte loads and byte tests are written here rather than taken from the engine's
//! `text::bytes` (`load_eight`, `zero_bytes`): that module is private to the library, whose
//! public surface is the analysis, and exporting bit tricks from it for this file would make
//! them part of that surface.

use article_analyzer::{Article, Block, Quote};

/// Appends the article as serde_json's compact writer would write it.
pub fn write_article(article: &Article, out: &mut Vec<u8>) {
    out.reserve(estimated_len(article));
    out.extend_from_slice(b"{\"id\":");
    write_str(&article.id, out);
    out.extend_from_slice(b",\"title\":");
    write_optional_str(article.title.as_deref(), out);
    out.extend_from_slice(b",\"author\":");
    write_optional_str(article.author.as_deref(), out);
    out.extend_from_slice(b",\"date\":");
    write_optional_str(article.date.as_deref(), out);
    out.extend_from_slice(b",\"text\":");
    write_str(&article.text, out);
    out.extend_from_slice(b",\"blocks\":");
    write_list(&article.blocks, out, write_block);
    out.extend_from_slice(b",\"quotes\":");
    write_list(&article.quotes, out, write_quote);
    out.extend_from_slice(b",\"warnings\":");
    write_list(&article.warnings, out, |warning, out| {
        write_str(warning, out)
    });
    if let Some(source) = &article.source {
        out.extend_from_slice(b",\"source\":");
        write_str(source, out);
    }
    out.push(b'}');
}

/// About the article's length in JSON, so that its bytes grow once rather than doubling
/// through a dozen copies: its strings, and for each block and quote the length of its field
/// names and numbers (a block's fields with short numbers and a kind take some 60 bytes
/// besides its reason). Escapes may add a little; the vector grows as usual then.
fn estimated_len(article: &Article) -> usize {
    const PER_BLOCK: usize = 64;
    const PER_QUOTE: usize = 80;
    const PER_ARTICLE: usize = 96;
    let strings = article.id.len()
        + article.title.as_ref().map_or(0, String::len)
        + article.author.as_ref().map_or(0, String::len)
        + article.date.as_ref().map_or(0, String::len)
        + article.text.len()
        + article.source.as_ref().map_or(0, String::len);
    let blocks: usize = article
        .blocks
        .iter()
        .map(|block| PER_BLOCK + block.reason.len())
        .sum();
    let quotes: usize = article
        .quotes
        .iter()
        .map(|quote| {
            PER_QUOTE
                + quote.text.len()
                + quote.speaker.as_ref().map_or(0, String::len)
                + quote.cue.as_ref().map_or(0, String::len)
        })
        .sum();
    let warnings: usize = article
        .warnings
        .iter()
        .map(|warning| warning.len() + 3)
        .sum();
    PER_ARTICLE + strings + blocks + quotes + warnings
}

fn write_block(block: &Block, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"start\":");
    write_usize(block.start, out);
    out.extend_from_slice(b",\"end\":");
    write_usize(block.end, out);
    out.extend_from_slice(b",\"kind\":\"");
    // The kinds' names are lowercase letters: nothing to escape.
    out.extend_from_slice(block.kind.as_str().as_bytes());
    out.extend_from_slice(if block.kept {
        b"\",\"kept\":true,\"reason\":"
    } else {
        b"\",\"kept\":false,\"reason\":"
    });
    write_str(&block.reason, out);
    out.push(b'}');
}

fn write_quote(quote: &Quote, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"text\":");
    write_str(&quote.text, out);
    out.extend_from_slice(b",\"speaker\":");
    write_optional_str(quote.speaker.as_deref(), out);
    out.extend_from_slice(b",\"cue\":");
    write_optional_str(quote.cue.as_deref(), out);
    out.extend_from_slice(b",\"start\":");
    write_usize(quote.start, out);
    out.extend_from_slice(b",\"end\":");
    write_usize(quote.end, out);
    out.extend_from_slice(b",\"kind\":\"");
    // As the block kinds: lowercase letters.
    out.extend_from_slice(quote.kind.as_str().as_bytes());
    out.extend_from_slice(b"\"}");
}

fn write_list<T>(items: &[T], out: &mut Vec<u8>, write_item: impl Fn(&T, &mut Vec<u8>)) {
    out.push(b'[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_item(item, out);
    }
    out.push(b']');
}

fn write_optional_str(value: Option<&str>, out: &mut Vec<u8>) {
    match value {
        Some(value) => write_str(value, out),
        None => out.extend_from_slice(b"null"),
    }
}

/// A number in decimal, by the `itoa` crate serde_json itself writes integers with.
fn write_usize(value: usize, out: &mut Vec<u8>) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// A string in quotes with serde_json's escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
/// and `\u00xx` (lowercase hexadecimal) for the other bytes below 0x20; everything else,
/// DEL and non-ASCII included, as it is. The runs between escapes are copied whole, and the
/// next escape is found thirty-two bytes at a time on x86-64, else eight ([`Escapes`]): an
/// article's text escapes little more than its paragraph breaks and quote marks, one byte in
/// about eighty-five once cleaned ([`Escapes`]).
fn write_str(value: &str, out: &mut Vec<u8>) {
    let bytes = value.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // The start of the run not yet copied.
    let mut run_start = 0;
    let mut escapes = Escapes::new(bytes);
    while let Some(at) = escapes.next_from(run_start) {
        out.extend_from_slice(&bytes[run_start..at]);
        // The cursor stops only at a byte with an escape; were it ever to stop at another,
        // the byte is written as it is, never lost.
        match escape_of(bytes[at]) {
            Some(escape) => out.extend_from_slice(escape),
            None => out.push(bytes[at]),
        }
        run_start = at + 1;
    }
    out.extend_from_slice(&bytes[run_start..]);
    out.push(b'"');
}

/// The place of the first byte at or after `from` that JSON escapes.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    next_escape_flagged(bytes, from).map(|found| found.at)
}

/// A byte JSON escapes, found by [`next_escape_flagged`], with what the search learnt of the
/// bytes after it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FlaggedEscape {
    /// The byte's place.
    at: usize,
    /// One bit for each byte from `at` on that JSON escapes (the byte at `at` in the lowest
    /// bit), for the `known` bytes from `at` and no further.
    flags: u32,
    /// How many bytes from `at` (at least the one found, at most thirty-two) `flags` tells
    /// of.
    known: usize,
}

/// A cursor over the bytes JSON escapes in one string, taken in order: it keeps what the
/// last search learnt of the bytes after the escape it found (on x86-64, the rest of the
/// sixteen or thirty-two bytes it tested), so that an escape among them (the second `\n` of
/// a paragraph break, the quote mark after a word) is read from those flags rather than
/// searched for afresh. An article's text escapes about one byte in seventy as read (the
/// real-text corpus), one in eighty-five once cleaned, often two close together.
struct Escapes<'b> {
    bytes: &'b [u8],
    /// The last search's find (its flags, from its place, up to `known` bytes), if any.
    last: Option<FlaggedEscape>,
}

impl<'b> Escapes<'b> {
    /// A cursor over `bytes`, nothing searched yet.
    fn new(bytes: &'b [u8]) -> Self {
        Escapes { bytes, last: None }
    }

    /// The place of the first byte at or after `from` that JSON escapes, as [`next_escape`]
    /// finds it. `from` never goes back: it is past the escape found before.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let mut search_from = from;
        if let Some(last) = self.last {
            if let Some(ahead) = from
                .checked_sub(last.at)
                .filter(|&ahead| ahead < last.known)
            {
                // `ahead` is below thirty-two: the shift keeps the flags of `from` and after.
                let later = last.flags >> ahead;
                if later != 0 {
                    return Some(from + later.trailing_zeros() as usize);
                }
                // No escape in the rest of the known bytes: the search starts after them.
                search_from = last.at + last.known;
            }
        }
        let found = next_escape_flagged(self.bytes, search_from)?;
        self.last = Some(found);
        Some(found.at)
    }
}

/// The first byte at or after `from` that JSON escapes, with the flags of the bytes after it
/// that the search tested: [`next_escape`]'s search.
fn next_escape_flagged(bytes: &[u8], from: usize) -> Option<FlaggedEscape> {
    // A find with nothing known of the bytes after it (the eight-byte test's other flags may
    // be wrong, so they are not kept).
    let alone = |at: usize| FlaggedEscape {
        at,
        flags: 1,
        known: 1,
    };
    let mut at = from;
    // On x86-64, sixteen-byte tests first: SSE2 is in every x86-64 processor, so the test
    // needs no run-time check, and it takes about a quarter of the eight-byte test's
    // instructions per byte (the texts read and written are most of a run's bytes). A
    // string shorter than sixteen bytes goes through the eight-byte test below.
    #[cfg(target_arch = "x86_64")]
    {
        // The find in `width` bytes from `start` whose flags (bit i for byte `start + i`,
        // all exact) are `flags`, not zero.
        let flagged = |start: usize, flags: u32, width: usize| {
            let first = flags.trailing_zeros() as usize;
            FlaggedEscape {
                at: start + first,
                flags: flags >> first,
                known: width - first,
            }
        };
        // Thirty-two bytes a step, two sixteen-byte tests and one branch (the step's cost is
        // mostly the loop's own bookkeeping, halved), then at most one step of sixteen.
        while let Some((low, high)) = bytes
            .get(at..)
            .and_then(<[u8]>::split_first_chunk::<16>)
            .and_then(|(low, rest)| Some((low, rest.first_chunk::<16>()?)))
        {
            let flags = sixteen_escape_flags(low) | sixteen_escape_flags(high) << 16;
            if flags != 0 {
                return Some(flagged(at, flags, 32));
            }
            at += 32;
        }
        if let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<16>) {
            let flags = sixteen_escape_flags(chunk);
            if flags != 0 {
                return Some(flagged(at, flags, 16));
            }
            at += 16;
        }
        // The last one to fifteen bytes, of a string of sixteen or more: its last sixteen
        // bytes, the flags of those before `at` (tested already) shifted out. Every flag of
        // the sixteen-byte test is exact, so none spreads from a byte before `at` (an escape
        // just written) as the eight-byte test's may.
        if let Some(last) = bytes.last_chunk::<16>().filter(|_| at < bytes.len()) {
            let flags = sixteen_escape_flags(last) >> (16 - (bytes.len() - at));
            return (flags != 0).then(|| flagged(at, flags, bytes.len() - at));
        }
    }
    while let Some(word) = bytes.get(at..at + 8) {
        let flags = escape_flags(word_of(word));
        if flags != 0 {
            return Some(alone(at + first_flagged(flags)));
        }
        at += 8;
    }
    let remaining = bytes.len().checked_sub(at).filter(|&left| left > 0)?;
    // The last one to seven bytes in one word, padded with spaces (never escaped), not byte
    // by byte: most block reasons and quotes are a few words long, so their ends count. (The
    // string's own last eight bytes would not do: an escape just written may stand among
    // those before `at`, and its flag spreads to the byte after it.)
    let mut padded = [b' '; 8];
    padded[..remaining].copy_from_slice(&bytes[at..]);
    let flags = escape_flags(u64::from_le_bytes(padded));
    (flags != 0).then(|| alone(at + first_flagged(flags)))
}

/// One bit for each of the sixteen bytes of `chunk` (the first byte's in the lowest bit)
/// that JSON escapes: below 0x20, `"` or `\\`. Unlike [`escape_flags`], every flag is right,
/// the lowest and the others.
#[cfg(target_arch = "x86_64")]
fn sixteen_escape_flags(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86-64 processor (the target's baseline), so each of
    // these instructions runs; the unaligned load reads `chunk`'s sixteen bytes and no more.
    let flags = unsafe {
        let bytes = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        // A byte is below 0x20 when the lesser of it and 0x1f (unsigned) is itself.
        let below_space = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1f)), bytes);
        let quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(below_space, _mm_or_si128(quote, backslash)))
    };
    // One bit per byte, in the low sixteen bits: never negative.
    flags as u32
}

/// Eight bytes as a word, the first in the lowest bits.
fn word_of(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// The place in its word of the byte of the lowest flag of [`escape_flags`].
fn first_flagged(flags: u64) -> usize {
    flags.trailing_zeros() as usize / 8
}

/// Each byte of a word repeated: `ONES * b` has `b` in all eight bytes.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` (eight bytes, the first in the lowest bits) that is
/// below 0x20, `"` or `\\`, and perhaps of some bytes after such a byte; none when no byte
/// is. The lowest flag is always right: a subtraction borrows from the next byte only when
/// the byte below it is under the bound, so a wrong flag comes only above a right one.
fn escape_flags(word: u64) -> u64 {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let is_quote = quote.wrapping_sub(ONES) & !quote;
    let is_backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below_space | is_quote | is_backslash) & HIGH_BITS
}

/// `\u0000` to `\u001f`, serde_json's escapes of the control bytes without a short one.
const UNICODE_ESCAPES: [[u8; 6]; 32] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 6]; 32];
    let mut byte = 0;
    while byte < 32 {
        table[byte] = [b'\\', b'u', b'0', b'0', HEX[byte >> 4], HEX[byte & 0xf]];
        byte += 1;
    }
    table
};

/// The escape that stands for `byte` in a JSON string, or `None` when it stands as it is.
fn escape_of(byte: u8) -> Option<&'static [u8]> {
    Some(match byte {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x0c => b"\\f",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0x00..=0x1f => &UNICODE_ESCAPES[usize::from(byte)],
        _ => return None,
    })
}

/// The id and text of a JSONL line that is an object of exactly the two string fields `id`
/// and `text` (in either order, JSON whitespace anywhere between tokens, their keys written
/// without escapes), decoded as serde_json decodes them; `None` for every other line, which
/// may still be a document (a `format`, `overrides`, a field it ignores, an escaped key)
/// or not (a missing field, a lone surrogate, a control byte in a string, trailing
/// characters): serde_json then reads it, with its own result and messages.
pub fn read_id_and_text(line: &str) -> Option<(String, String)> {
    let mut reader = LineReader { line, at: 0 };
    reader.skip_whitespace();
    reader.expect(b'{')?;
    let (mut id, mut text) = (None, None);
    loop {
        reader.skip_whitespace();
        let key = reader.plain_key()?;
        reader.skip_whitespace();
        reader.expect(b':')?;
        reader.skip_whitespace();
        let slot = match key {
            b"id" => &mut id,
            b"text" => &mut text,
            _ => return None,
        };
        if slot.is_some() {
            // serde_json refuses a field given twice.
            return None;
        }
        // The text is most of the line: room for the rest of the line, so it grows once.
        let room = if key == b"text" {
            line.len() - reader.at
        } else {
            0
        };
        *slot = Some(reader.string(room)?);
        reader.skip_whitespace();
        match reader.next_byte()? {
            b',' => continue,
            b'}' => break,
            _ => return None,
        }
    }
    reader.skip_whitespace();
    if reader.at != line.len() {
        return None;
    }
    Some((id?, text?))
}

/// What [`HEX_DIGIT_VALUES`] gives a byte that is no hexadecimal digit.
const NOT_HEX: u8 = u8::MAX;

/// Each byte's value as a hexadecimal digit (`0`-`9`, `a`-`f`, `A`-`F`), else [`NOT_HEX`]:
/// a lookup for each of a `\u` escape's four digits (a corpus written with ASCII escapes
/// has one for every character beyond ASCII).
const HEX_DIGIT_VALUES: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut digit = 0;
    while digit < 10 {
        table[b'0' as usize + digit] = digit as u8;
        digit += 1;
    }
    let mut letter = 0;
    while letter < 6 {
        table[b'a' as usize + letter] = 10 + letter as u8;
        table[b'A' as usize + letter] = 10 + letter as u8;
        letter += 1;
    }
    table
};

/// A place in a JSONL line being read by [`read_id_and_text`].
struct LineReader<'a> {
    line: &'a str,
    at: usize,
}

impl<'a> LineReader<'a> {
    fn next_byte(&mut self) -> Option<u8> {
        let byte = *self.line.as_bytes().get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next_byte()? == byte).then_some(())
    }

    /// Past JSON's whitespace: space, tab, line feed, carriage return.
    fn skip_whitespace(&mut self) {
        let bytes = self.line.as_bytes();
        while bytes
            .get(self.at)
            .is_some_and(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    /// A key in quotes with nothing to unescape, as its bytes.
    fn plain_key(&mut self) -> Option<&'a [u8]> {
        self.expect(b'"')?;
        let bytes: &'a [u8] = self.line.as_bytes();
        let end = next_escape(bytes, self.at)?;
        if bytes[end] != b'"' {
            return None;
        }
        let key = &bytes[self.at..end];
        self.at = end + 1;
        Some(key)
    }

    /// A string value, unescaped, with `room` bytes reserved for it.
    fn string(&mut self, room: usize) -> Option<String> {
        self.expect(b'"')?;
        let bytes = self.line.as_bytes();
        let mut value = String::with_capacity(room);
        let mut escapes = Escapes::new(bytes);
        loop {
            let at = escapes.next_from(self.at)?;
            // `at` and `self.at` stand at or just after ASCII bytes: character boundaries.
            value.push_str(&self.line[self.at..at]);
            self.at = at + 1;
            match bytes[at] {
                b'"' => return Some(value),
                b'\\' => value.push(self.escaped()?),
                // A control byte, which JSON does not allow in a string.
                _ => return None,
            }
        }
    }

    /// The character of the escape after a backslash; `None` for what serde_json refuses (or
    /// might read otherwise): an unknown escape, a surrogate that is not one of a pair.
    fn escaped(&mut self) -> Option<char> {
        Some(match self.next_byte()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex_four()?;
                match first {
                    0xD800..=0xDBFF => {
                        self.expect(b'\\')?;
                        self.expect(b'u')?;
                        let second = self.hex_four()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))?
                    }
                    _ => char::from_u32(first)?,
                }
            }
            _ => return None,
        })
    }

    /// Four hexadecimal digits (either case) as a number.
    fn hex_four(&mut self) -> Option<u32> {
        let digits = self.line.as_bytes().get(self.at..self.at + 4)?;
        let mut value = 0;
        for &digit in digits {
            let digit = HEX_DIGIT_VALUES[usize::from(digit)];
            if digit == NOT_HEX {
                return None;
            }
            value = value * 16 + u32::from(digit);
        }
        self.at += 4;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_analyzer::{BlockKind, QuoteKind};

    fn json_of_str(value: &str) -> String {
        let mut out = Vec::new();
        write_str(value, &mut out);
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every byte that serde_json escapes, DEL and multi-byte characters, at every place
        // in and around an eight-byte word.
        let specials: Vec<char> = (0u8..0x20)
            .map(char::from)
            .chain(['"', '\\', '/', '\u{7f}', 'é', '—', '😀', ' ', 'a'])
            .collect();
        // After a special byte, the bytes just above the bounds of the word test ('#' after
        // '"', ']' after '\\', ' ' after a control byte), where a wrong flag may follow a
        // right one.
        for special in &specials {
            for follower in ["y", "#", "]", " ", "#]  "] {
                for before in 0..18 {
                    for after in [0, 1, 7, 8, 9] {
                        let value =
                            format!("{}{special}{}", "x".repeat(before), follower.repeat(after));
                        assert_eq!(
                            json_of_str(&value),
                            serde_json::to_string(&value).expect("a string serialises"),
                            "{value:?}"
                        );
                    }
                }
            }
        }
        let every_special: String = specials.iter().collect();
        let long = every_special.repeat(5);
        assert_eq!(json_of_str(&long), serde_json::to_string(&long).unwrap());
        assert_eq!(json_of_str(""), "\"\"");
    }

    #[test]
    fn the_word_test_finds_the_first_byte_to_escape() {
        // Each byte value at each place of a word of plain bytes, those just above and below
        // the bounds among them, with and without a byte to escape after it.
        for filler in [b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0xff] {
            for place in 0..8 {
                for byte in 0..=255u8 {
                    for later in [None, Some(b'"'), Some(0x1f)] {
                        let mut word = [filler; 8];
                        word[place] = byte;
                        if let Some(later) = later.filter(|_| place < 7) {
                            word[7] = later;
                        }
                        let expected = word.iter().position(|&b| escape_of(b).is_some());
                        let flags = escape_flags(u64::from_le_bytes(word));
                        let found = (flags != 0).then(|| flags.trailing_zeros() as usize / 8);
                        assert_eq!(found, expected, "{word:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_search_finds_the_first_byte_to_escape_at_every_place() {
        // Each byte value at each place of runs of plain bytes up to two thirty-two-byte
        // steps, one of sixteen and a tail long, from starts within the first steps and near
        // the end, with and without a later byte to escape: the thirty-two and sixteen-byte
        // steps and the overlapping last sixteen bytes, or (other targets, shorter strings)
        // the eight-byte word and the padded tail.
        // (The fillers just above the eight-byte test's bounds are the test above's.)
        for filler in [b'a', b' ', 0x7f, 0xff] {
            for length in [1, 8, 15, 16, 17, 31, 32, 33, 47, 55, 63, 64, 65, 79] {
                for place in 0..length {
                    for byte in 0..=255u8 {
                        for later in [None, Some(b'\\'), Some(0x00)] {
                            let mut bytes = vec![filler; length];
                            bytes[place] = byte;
                            if let Some(later) = later.filter(|_| place + 1 < length) {
                                bytes[length - 1] = later;
                            }
                            let near_the_end = [length.saturating_sub(9), length - 1];
                            for from in [0, 1, 9, 15, 17, 33]
                                .into_iter()
                                .chain(near_the_end)
                                .filter(|&f| f <= place)
                            {
                                let expected = bytes[from..]
                                    .iter()
                                    .position(|&b| escape_of(b).is_some())
                                    .map(|at| from + at);
                                assert_eq!(
                                    next_escape(&bytes, from),
                                    expected,
                                    "{bytes:?} from {from}"
                                );
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(next_escape(b"", 0), None);
        assert_eq!(next_escape(b"abc", 3), None);
    }

    #[test]
    fn the_cursor_finds_every_escape_the_search_finds() {
        // Strings of plain bytes up to two thirty-two-byte steps, one of sixteen and a tail
        // long, with two bytes to escape at every pair of places up to 37 apart, and a third
        // at the end, walked as
        // the writer and the reader walk them: from just past each escape, or five bytes
        // further (as after a `\u` escape). Each place must be the search's.
        let specials = [b'"', b'\\', b'\n', 0x1f];
        let plain = [b'a', b']', 0xc3];
        for length in 0..=80 {
            for first in 0..length {
                for gap in 0..=36 {
                    let mut bytes: Vec<u8> = (0..length).map(|place| plain[place % 3]).collect();
                    bytes[first] = specials[gap % 4];
                    if let Some(second) = bytes.get_mut(first + 1 + gap) {
                        *second = specials[(gap + 1) % 4];
                    }
                    if length > first + 1 {
                        bytes[length - 1] = specials[length % 4];
                    }
                    for skip in [0, 5] {
                        let mut escapes = Escapes::new(&bytes);
                        let mut from = 0;
                        while from <= bytes.len() {
                            let found = escapes.next_from(from);
                            assert_eq!(found, next_escape(&bytes, from), "{bytes:?} from {from}");
                            let Some(at) = found else { break };
                            from = at + 1 + skip;
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn hex_digits_are_read_as_to_digit_reads_them() {
        for byte in 0..=255u8 {
            let expected = char::from(byte).to_digit(16);
            let value = HEX_DIGIT_VALUES[usize::from(byte)];
            assert_eq!(
                (value != NOT_HEX).then_some(u32::from(value)),
                expected,
                "{byte}"
            );
        }
    }

    /// What serde_json reads of a line as the command line's documents: (id, text) when
    /// the line is such a document with no other field, else `None`.
    fn serde_id_and_text(line: &str) -> Option<(String, String)> {
        #[derive(serde::Deserialize)]
        struct IdAndText {
            id: String,
            text: String,
        }
        let value: serde_json::Value = serde_json::from_str(line).ok()?;
        let fields = value.as_object()?.len();
        let document: IdAndText = serde_json::from_str(line).ok()?;
        (fields == 2).then_some((document.id, document.text))
    }

    /// The reader reads `line` as serde_json does, or leaves it to serde_json.
    fn assert_reads_as_serde_json(line: &str, must_read: bool) {
        let read = read_id_and_text(line);
        if must_read {
            assert!(read.is_some(), "not read: {line:?}");
        }
        if read.is_some() {
            assert_eq!(read, serde_id_and_text(line), "{line:?}");
        }
    }

    #[test]
    fn plain_lines_are_read_as_serde_json_reads_them() {
        // The strings as they stand in the line (JSON escapes and raw characters).
        let texts = [
            "",
            "plain",
            r#"Caf\u00e9 \u2013 \ud83d\ude00 \\ \" \/ \b\f\n\r\t \u0000 \u001F \uFFFF"#,
            r#"x\nx\nx\nx\nxx\\yyyyyyyy\""#,
            "é — 😀 raw",
            r#"\u00E9\u00e9\uD83D\uDE00"#,
        ];
        for text in texts {
            for (before, between, after) in
                [("", "", ""), (" ", " \t", "\r"), ("\t", "\r\n ", "  ")]
            {
                for padding in 0..9 {
                    let text = format!("{}{text}", "p".repeat(padding));
                    let forward = format!(
                        "{before}{{{between}\"id\"{between}:{between}\"a{padding}\"{between},{between}\"text\":{between}\"{text}\"{between}}}{after}"
                    );
                    let backward =
                        format!("{before}{{\"text\":\"{text}\",{between}\"id\":\"b\"}}{after}");
                    assert_reads_as_serde_json(&forward, true);
                    assert_reads_as_serde_json(&backward, true);
                    // Every cut of the line is refused by both, or read alike.
                    for end in (0..forward.len()).filter(|&end| forward.is_char_boundary(end)) {
                        assert_reads_as_serde_json(&forward[..end], false);
                    }
                }
            }
        }
    }

    #[test]
    fn other_lines_are_left_to_serde_json() {
        let lines = [
            r#"{"id":"a","text":"t","format":"html"}"#,
            r#"{"id":"a","text":"t","overrides":[]}"#,
            r#"{"id":"a","text":"t","extra":1}"#,
            r#"{"\u0069d":"a","text":"t"}"#,
            r#"{"id":"a","id":"b","text":"t"}"#,
            r#"{"id":"a","text":"t",}"#,
            r#"{"id":"a","text":"t"} x"#,
            r#"{"id":"a","text":"t"}{}"#,
            r#"{"id":"a"}"#,
            r#"{"text":"t"}"#,
            r#"{}"#,
            r#"[]"#,
            r#"{"id":1,"text":"t"}"#,
            r#"{"id":"a","text":null}"#,
            r#"{"id":"a","text":"\ud83d"}"#,
            r#"{"id":"a","text":"\ud83dx"}"#,
            r#"{"id":"a","text":"\ud83d\u0041"}"#,
            r#"{"id":"a","text":"\ude00"}"#,
            r#"{"id":"a","text":"\x"}"#,
            r#"{"id":"a","text":"\u12"}"#,
            r#"{"id":"a","text":"\u12g4"}"#,
            "{\"id\":\"a\",\"text\":\"tab\there\"}",
            "{\"id\":\"a\",\"text\":\"nul\u{0}\"}",
            "{\"id\":\"a\",\"text\":\"t\"}\u{a0}",
            "\u{feff}{\"id\":\"a\",\"text\":\"t\"}",
        ];
        for line in lines {
            assert_eq!(read_id_and_text(line), None, "{line:?}");
        }
    }

    fn block(start: usize, kind: BlockKind, kept: bool, reason: &'static str) -> Block {
        Block {
            start,
            end: start + 12,
            kind,
            kept,
            reason: reason.into(),
        }
    }

    #[test]
    fn articles_are_written_as_serde_json_writes_them() {
        let kinds = [
            BlockKind::Title,
            BlockKind::Byline,
            BlockKind::Date,
            BlockKind::Body,
            BlockKind::Heading,
            BlockKind::Caption,
            BlockKind::Credit,
            BlockKind::Related,
            BlockKind::Boilerplate,
            BlockKind::Duplicate,
        ];
        // Every field named, so that a new one must be given here (see the module's comment).
        let full = Article {
            id: "harbour \"2\".txt".into(),
            title: Some("Ferry\tservice resumes".into()),
            author: Some("Tom Baker; Ann Lee".into()),
            date: Some("2025-06-02".into()),
            text: "The ferry ran again.\n\n\"It is back,\" she said.\u{1}".into(),
            blocks: kinds
                .iter()
                .enumerate()
                .map(|(index, &kind)| block(index * 20, kind, index % 2 == 0, "a \\ reason"))
                .collect(),
            quotes: [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Block]
                .into_iter()
                .enumerate()
                .map(|(index, kind)| Quote {
                    text: format!("It is back {index}"),
                    speaker: (index != 1).then(|| "Ann Lee".to_string()),
                    cue: (index != 2).then(|| "said".to_string()),
                    start: 30 + index,
                    end: 42 + index * 1000,
                    kind,
                })
                .collect(),
            warnings: vec!["cut at 10 bytes".into(), "re-decoded".into()],
            source: Some("Ferry service resumes\n\nThe ferry ran again.".into()),
        };
        let bare = Article {
            id: "a".into(),
            ..Article::default()
        };
        for article in [full, bare] {
            let mut out = Vec::new();
            write_article(&article, &mut out);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&article).unwrap()
            );
        }
    }
}
