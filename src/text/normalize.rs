//! The normalisation applied to every kept paragraph: hard-wrapped lines are joined with one
//! space, runs of whitespace (including no-break spaces and tabs) become one space, HTML
//! entities are decoded, markdown emphasis (`**`, `__`), heading marks (`#`), quote marks (`>`)
//! and list bullets are removed, and simple HTML formatting tags (`<p>`, `<b>`, `<br>`, ...) are
//! dropped. Nothing else of the input is changed.

use super::bytes::{bytes_in_range, load_eight, zero_bytes, EACH};
use super::words::is_blank_char;

/// Decodes the HTML entity starting at `text` (which begins with `&`). Returns the decoded
/// character and the entity's length in bytes, or `None` when it is not an entity.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    let end = text.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        // Digits only: Rust's parsers would also take a sign ("&#x+F6;"), which HTML does not.
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            None if number.bytes().all(|b| b.is_ascii_digit()) => number.parse::<u32>().ok()?,
            _ => return None,
        };
        char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "euro" => '€',
            "pound" => '£',
            "middot" => '·',
            "bull" => '•',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

/// HTML formatting tags dropped from text (the tag name, lowercase).
const FORMATTING_TAGS: &[&str] = &[
    "p",
    "br",
    "b",
    "i",
    "u",
    "em",
    "strong",
    "span",
    "div",
    "a",
    "small",
    "sup",
    "sub",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "font",
    "mark",
    "hr",
];

/// Length in bytes of a formatting tag at the start of `text` (which begins with `<`).
fn formatting_tag_length(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = 1;
    if bytes.get(index) == Some(&b'/') {
        index += 1;
    }
    let name_start = index;
    while bytes.get(index).is_some_and(u8::is_ascii_alphanumeric) {
        index += 1;
    }
    let name = text.get(name_start..index)?.to_ascii_lowercase();
    if !FORMATTING_TAGS.contains(&name.as_str()) {
        return None;
    }
    match bytes.get(index) {
        Some(b'>') => Some(index + 1),
        Some(b' ' | b'/' | b'\t') => {
            let close = text.as_bytes()[index..]
                .iter()
                .take(300)
                .position(|&b| b == b'>')?;
            let tag = &text[index..index + close];
            if tag.contains('<') {
                None
            } else {
                Some(index + close + 1)
            }
        }
        _ => None,
    }
}

/// Appends `line` to `out` with the documented normalisations applied (entities decoded,
/// emphasis marks and formatting tags removed, whitespace runs collapsed to one space).
pub fn push_normalized(out: &mut String, line: &str) {
    if is_plain(line) {
        // Fast path: nothing to decode, strip or collapse.
        if out.ends_with(' ') && line.starts_with(' ') {
            out.push_str(&line[1..]);
        } else {
            out.push_str(line);
        }
        return;
    }
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        // Most characters are copied as they are: a run of them is copied at once.
        let copied = copied_as_is(rest.as_bytes());
        if copied > 0 {
            out.push_str(&rest[..copied]);
            rest = &rest[copied..];
            continue;
        }
        rest = &rest[push_normalized_char(out, rest, c)..];
    }
}

/// Appends the normalisation of `rest`'s first character `c` (an entity, a formatting tag or
/// an emphasis run starting there, as a whole) to `out`; returns the bytes of `rest` it took.
fn push_normalized_char(out: &mut String, rest: &str, c: char) -> usize {
    match c {
        '&' => {
            if let Some((decoded, length)) = decode_entity(rest) {
                push_char_collapsing(out, decoded);
                return length;
            }
            out.push('&');
        }
        '<' => {
            if let Some(length) = formatting_tag_length(rest) {
                push_char_collapsing(out, ' ');
                return length;
            }
            out.push('<');
        }
        '*' | '_' if rest.as_bytes().get(1) == Some(&(c as u8)) => {
            // Markdown emphasis: "**bold**" or "__bold__"; longer runs go too.
            return rest.bytes().take_while(|&b| b == c as u8).count();
        }
        _ => push_char_collapsing(out, c),
    }
    c.len_utf8()
}

/// The length of the run of characters `bytes` (a line being normalised) opens with that
/// [`push_normalized`] copies unchanged, which is most of them: no markup character, no
/// white space but single spaces after a character of the run, no character of a lead
/// byte that may start a space-like character. The run ends before such a byte (ASCII or
/// the lead byte of a character), so at a character boundary.
fn copied_as_is(bytes: &[u8]) -> usize {
    let mut length = 0;
    while let Some(&byte) = bytes.get(length) {
        let copied = match byte {
            // Pushed as a space only when what is before it is no space.
            b' ' => length > 0 && bytes[length - 1] != b' ',
            // What may need normalising, and a line break (white space too).
            _ => byte != b'\n' && !may_need_normalizing(byte),
        };
        if !copied {
            break;
        }
        length += 1;
    }
    length
}

/// Bytes scanned at a time by [`is_plain`]'s fast test.
const PLAIN_BLOCK: usize = 16;

/// Whether normalising `line` would change nothing: no markup characters, no double
/// spaces, and no white space other than single ASCII spaces. Non-ASCII characters are
/// decoded only when their lead byte could start a space-like character.
///
/// Every line of the input goes through here, so it first tests blocks of
/// [`PLAIN_BLOCK`] bytes without branches (the compiler turns the test into vector
/// compares); only a block that may hold something to normalise gets the exact test.
fn is_plain(line: &str) -> bool {
    // The page's build has no vectors: there eight bytes at a time in a 64-bit number.
    if cfg!(target_arch = "wasm32") {
        return is_plain_eight_at_a_time(line);
    }
    let bytes = line.as_bytes();
    // A block's suspects, each byte read with the two after it (a space's next byte, a lead
    // byte's continuation bytes) from `window`, the block and the two bytes after it.
    let suspect_in = |window: &[u8; PLAIN_BLOCK + 2]| {
        (0..PLAIN_BLOCK).fold(false, |suspect, index| {
            let (byte, next, after) = (window[index], window[index + 1], window[index + 2]);
            suspect
                | may_need_normalizing_before(byte, next, after)
                | ((byte == b' ') & (next == b' '))
        })
    };
    let mut start = 0;
    while let Some(window) = bytes.get(start..).and_then(<[u8]>::first_chunk) {
        if suspect_in(window) && !is_plain_between(line, start, start + PLAIN_BLOCK) {
            return false;
        }
        start += PLAIN_BLOCK;
    }
    // The last bytes (fewer than a window's, and in most lines the only ones), tested the
    // same way from a copy padded with zero bytes, which are nothing to normalise and no
    // space (the exact test, a byte at a time, took a tenth of the segmenter's time): a
    // window at each of the copy's two blocks.
    let tail = &bytes[start..];
    let mut padded = [0u8; 2 * PLAIN_BLOCK + 2];
    padded[..tail.len()].copy_from_slice(tail);
    let suspect = [0, PLAIN_BLOCK]
        .into_iter()
        .any(|offset| padded[offset..].first_chunk().is_some_and(suspect_in));
    !suspect || is_plain_between(line, start, bytes.len())
}

/// [`is_plain`] for the wasm build, where the block test above runs a byte at a time: each
/// eight bytes in one 64-bit number, their suspects marked by word operations; only eight
/// bytes that hold one get the exact test. Native code keeps the vectorised blocks.
fn is_plain_eight_at_a_time(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut start = 0;
    // Each chunk is read with the eight bytes one further on, for the spaces' next bytes.
    while let (Some(chunk), Some(next)) =
        (bytes.get(start..start + 8), bytes.get(start + 1..start + 9))
    {
        if may_need_normalizing_among(load_eight(chunk), load_eight(next)) != 0
            && !is_plain_between(line, start, start + 8)
        {
            return false;
        }
        start += 8;
    }
    is_plain_between(line, start, bytes.len())
}

/// A high bit in each byte of `chunk` that [`may_need_normalizing`] marks, or that is a space
/// before a space (the same byte of `next`, the eight bytes one further on), and maybe in
/// some bytes after such a byte: a superset of the exact marks, which the caller's exact test
/// then reads (no byte is left unmarked that needs it).
fn may_need_normalizing_among(chunk: u64, next: u64) -> u64 {
    // A byte after a zero byte may be marked too, which only sends a chunk to the exact test.
    let equal = |number: u64, byte: u8| zero_bytes(number ^ (u64::from(byte) * EACH));
    equal(chunk, b'&')
        | equal(chunk, b'<')
        | equal(chunk, b'*')
        | equal(chunk, b'_')
        | equal(chunk, 0xC2)
        | equal(chunk, 0xEF)
        // 0xE1..=0xE3 become 1..=3; ASCII bytes get their high bit, which no range takes.
        | bytes_in_range(chunk ^ (0xE0 * EACH), 1, 3)
        // Tab to carriage return (with the line feed, which the exact test lets pass).
        | bytes_in_range(chunk, b'\t', b'\r')
        | (equal(chunk, b' ') & equal(next, b' '))
}

/// Whether a byte may start something [`push_normalized`] changes: markup, control white
/// space, or the lead byte of a multi-byte character that may be white space. Written
/// with `|` rather than `||` or `matches!` so that it compiles to branch-free compares.
fn may_need_normalizing(byte: u8) -> bool {
    (byte == b'&')
        | (byte == b'<')
        | (byte == b'*')
        | (byte == b'_')
        | (byte == b'\t')
        | (byte == b'\r')
        | (byte == b'\x0b')
        | (byte == b'\x0c')
        | (byte == 0xC2)
        | (0xE1..=0xE3).contains(&byte)
        | (byte == 0xEF)
}

/// [`may_need_normalizing`] for [`is_plain`]'s block test, which also has the two bytes after
/// `byte`: a character of General Punctuation (lead byte E2: curly quotes, dashes, the
/// ellipsis, in nearly every line of news) is suspect only when it may be one of the block's
/// space-like characters (U+2000 to U+200D, U+2028, U+2029 and U+202F: E2 80 then 80 to 8D,
/// A8, A9 or AF; U+205F and U+2060: E2 81), so that a line's quotes and dashes no longer send
/// its blocks to the exact test. The other lead bytes stay suspect, as in
/// [`may_need_normalizing`]. Branch-free, like it.
fn may_need_normalizing_before(byte: u8, next: u8, after: u8) -> bool {
    let spaces_of_e2 = ((next == 0x80)
        & ((after <= 0x8D) | (after == 0xA8) | (after == 0xA9) | (after == 0xAF)))
        | (next == 0x81);
    (may_need_normalizing(byte) & (byte != 0xE2)) | ((byte == 0xE2) & spaces_of_e2)
}

/// The exact test of [`is_plain`] for the bytes of `line` from `start` to `end` (each
/// space is checked together with the byte after it, even past `end`).
fn is_plain_between(line: &str, start: usize, end: usize) -> bool {
    let bytes = line.as_bytes();
    (start..end).all(|index| match bytes[index] {
        b'&' | b'<' | b'*' | b'_' | b'\t' | b'\r' | b'\x0b' | b'\x0c' => false,
        b' ' => bytes.get(index + 1) != Some(&b' '),
        // Lead bytes of the multi-byte characters that may be space-like.
        0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
            !line[index..].chars().next().is_some_and(is_blank_char)
        }
        _ => true,
    })
}

fn push_char_collapsing(out: &mut String, c: char) {
    if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_texts::every_joining;

    #[test]
    fn normalization_drops_markup_and_decodes_entities() {
        let mut out = String::new();
        push_normalized(
            &mut out,
            "**Tom &amp; Jerry**&nbsp; <b>meet</b>\t&#8220;again&#8221; <img src=x>",
        );
        assert_eq!(out, "Tom & Jerry meet “again” <img src=x>");
    }

    /// [`push_normalized`]'s slow path one character at a time, as it was before runs of
    /// characters were copied at once.
    fn push_normalized_by_characters(out: &mut String, line: &str) {
        let mut rest = line;
        while let Some(c) = rest.chars().next() {
            rest = &rest[push_normalized_char(out, rest, c)..];
        }
    }

    #[test]
    fn copying_runs_normalises_as_one_character_at_a_time() {
        let pieces = [
            "a", "Zé", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}",
            "\u{1680}", "\u{2003}", "\u{200B}", "\u{2028}", "\u{3000}", "\u{FEFF}", "’", "—", "東",
            "😀", "&amp;", "&nbsp;", "&#8220;", "&x", "<b>", "</i>", "<img>", "<", "**", "*", "__",
            "_", "word",
        ];
        // Every line of up to three pieces, and a few longer ones.
        let mut lines = every_joining(&pieces, 3, "");
        lines.push("  Indented  line\twith **bold** &amp; <b>tags</b>\u{a0} end  ".into());
        for line in &lines {
            for start in ["", "x", "x "] {
                let (mut fast, mut slow) = (start.to_string(), start.to_string());
                push_normalized(&mut fast, line);
                // At every offset in an eight-byte chunk, and across chunks.
                for padding in ["", "Th", "The cou", "The council"] {
                    let padded = format!("{padding}{line} met {line}");
                    assert_eq!(
                        is_plain_eight_at_a_time(&padded),
                        is_plain(&padded),
                        "{padded:?}"
                    );
                }
                if is_plain(line) {
                    continue;
                }
                push_normalized_by_characters(&mut slow, line);
                assert_eq!(fast, slow, "{start:?} + {line:?}");
            }
        }
    }

    #[test]
    fn plain_test_finds_markup_and_spacing_at_every_position() {
        let base = "The council met on Tuesday to vote on the new budget plan.";
        assert!(is_plain(base));
        for index in 1..base.len() {
            for insert in [
                "  ", "&", "<", "**", "\t", "\u{a0}", "\u{200B}", "\u{3000}", "\u{2000}",
                "\u{200A}", "\u{200D}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{2060}",
            ] {
                let line = format!("{}{insert}{}", &base[..index], &base[index..]);
                assert!(!is_plain(&line), "{line:?}");
                assert!(!is_plain_eight_at_a_time(&line), "{line:?}");
            }
            // Non-space characters that share a lead byte with space-like ones stay plain.
            let line = format!("{}’é—{}", &base[..index], &base[index..]);
            assert!(is_plain(&line), "{line:?}");
            assert!(is_plain_eight_at_a_time(&line), "{line:?}");
        }
        // Every character of the lead bytes the block test reads closer (E2: U+2000 to
        // U+2FFF), at every place of a block and past it: the block test and the exact one
        // agree.
        for code in 0x2000..=0x2FFF {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for index in 0..=base.len() {
                // The whole line, and its last bytes alone (shorter than a block's window).
                let line = format!("{}{c}{}", &base[..index], &base[index..]);
                let short = &line[index.saturating_sub(3)..(index + 8).min(line.len())];
                for line in [line.as_str(), short] {
                    assert_eq!(
                        is_plain(line),
                        is_plain_between(line, 0, line.len()),
                        "{line:?}"
                    );
                }
            }
        }
    }
}
