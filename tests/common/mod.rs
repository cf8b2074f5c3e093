//! Checks shared by the integration tests and the fuzz targets (`fuzz/`, which include this
//! module by path): the invariants every cleaned article, its quotes and a whole report must
//! satisfy whatever the input, and UTF-16 offset helpers written independently of the crate's
//! own conversion (so a bug there cannot hide itself).

// Each test crate compiles this module on its own and uses only some of the helpers.
#![allow(dead_code)]

use article_analyzer::{Article, BlockKind};

mod diff;
mod report;

// Like the helpers above, each test crate uses only some of these.
#[allow(unused_imports)]
pub use diff::{assert_diff_invariants, diff_violations};
#[allow(unused_imports)]
pub use report::{
    accepted_prefix, assert_quote_invariants, assert_report_invariants, canonical_findings,
    paragraph_blocks, quote_violations, report_violations, CanonicalFindings,
};

/// Number of UTF-16 code units of `text`: its length in JavaScript.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The UTF-16 offset of byte offset `byte` of `text` (a character boundary).
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    utf16_len(&text[..byte])
}

/// Converts UTF-16 offsets of one text to byte offsets, walking forward so that a whole
/// article's blocks are converted in one pass even for inputs of several megabytes.
pub struct Utf16ToByte<'a> {
    text: &'a str,
    byte: usize,
    utf16: usize,
}

impl<'a> Utf16ToByte<'a> {
    /// Starts at the beginning of `text`.
    pub fn new(text: &'a str) -> Self {
        Utf16ToByte {
            text,
            byte: 0,
            utf16: 0,
        }
    }

    /// The byte offset of UTF-16 offset `target`, or `None` when `target` lies past the end
    /// or between the two halves of a surrogate pair (not a character boundary).
    pub fn byte_offset(&mut self, target: usize) -> Option<usize> {
        if target < self.utf16 {
            self.byte = 0;
            self.utf16 = 0;
        }
        for c in self.text[self.byte..].chars() {
            if self.utf16 >= target {
                break;
            }
            self.utf16 += c.len_utf16();
            self.byte += c.len_utf8();
        }
        (self.utf16 == target).then_some(self.byte)
    }
}

/// Whether a character counts as blank: white space, or the invisible zero-width characters
/// pasted text often carries (the crate's documented set: a line of them is blank).
fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Whether `part` (a paragraph of the cleaned text) holds only text of `source` (its block
/// of the input) after the documented normalisations: its characters other than white
/// space occur in `source` in the same order, where an HTML entity of `source` may stand
/// for the character it decodes to (see [`entity_may_be`]). Markup removed and white space
/// collapsed leave the rest a subsequence; no character may be invented or reordered.
/// Greedy matching, a literal character before an entity, is enough here.
fn holds_only_text_of(part: &str, source: &str) -> bool {
    let mut rest = source;
    for wanted in part.chars().filter(|c| !is_blank(*c)) {
        loop {
            let Some(c) = rest.chars().next() else {
                return false;
            };
            if c == wanted {
                rest = &rest[c.len_utf8()..];
                break;
            }
            if let Some(length) = entity_length(rest).filter(|&n| entity_may_be(&rest[..n], wanted))
            {
                rest = &rest[length..];
                break;
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    true
}

/// Length in bytes of something shaped like an HTML entity ("&name;", "&#123;", "&#x1F600;")
/// at the start of `text`.
fn entity_length(text: &str) -> Option<usize> {
    let body = text.strip_prefix('&')?;
    let end = body.find(';')?;
    let name = &body[..end];
    let valid = (1..=10).contains(&name.len())
        && name
            .strip_prefix('#')
            .unwrap_or(name)
            .chars()
            .all(|c| c.is_ascii_alphanumeric());
    valid.then_some(end + 2)
}

/// Whether `entity` ("&...;") may decode to `wanted`: a numeric one to exactly its code
/// point; a named one to a character that is not an ASCII letter or digit (every entity the
/// crate knows decodes to punctuation, a symbol or a space, and an unknown one stays as it is,
/// to be matched letter by letter).
fn entity_may_be(entity: &str, wanted: char) -> bool {
    let name = &entity[1..entity.len() - 1];
    match name.strip_prefix('#') {
        Some(number) => {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32) == Some(wanted)
        }
        None => !wanted.is_ascii_alphanumeric(),
    }
}

/// A short, single-line excerpt of `text` for failure messages.
pub fn excerpt(text: &str) -> String {
    let flat: String = text
        .chars()
        .take(70)
        .map(|c| if c == '\n' { '⏎' } else { c })
        .collect();
    if text.chars().count() > 70 {
        format!("{flat}…")
    } else {
        flat
    }
}

/// Most blocks listed in a failure message (huge inputs have hundreds of thousands).
const MAX_LISTED_BLOCKS: usize = 200;

/// A listing of the article's blocks (kind, kept, reason, input excerpt) for failure
/// messages.
pub fn describe_blocks(input: &str, article: &Article) -> String {
    let mut to_byte = Utf16ToByte::new(input);
    let mut listing = String::new();
    for (index, block) in article.blocks.iter().enumerate().take(MAX_LISTED_BLOCKS) {
        let slice = match (
            to_byte.byte_offset(block.start),
            to_byte.byte_offset(block.end),
        ) {
            (Some(start), Some(end)) if start <= end => excerpt(&input[start..end]),
            _ => "<offsets do not slice the input>".to_string(),
        };
        listing.push_str(&format!(
            "  [{index}] {:<11} {} {:?}: {slice}\n",
            block.kind.as_str(),
            if block.kept { "kept   " } else { "removed" },
            block.reason,
        ));
    }
    listing
}

/// Every violation of the invariants a cleaned article must satisfy for its input:
///
/// - block offsets are UTF-16 character boundaries of the input, `start < end`, and the
///   slice holds text, not only white space;
/// - blocks are in input order and do not overlap;
/// - every non-blank character of the input lies in some block ("every paragraph of the
///   input, kept or not");
/// - `text` is the kept blocks' paragraphs joined by "\n\n": one part per kept block, each
///   part a single normalised line holding only text of that block's input, in order
///   (see [`holds_only_text_of`]);
/// - kept blocks are body or heading, and body blocks are kept;
/// - every removed block has a reason.
pub fn invariant_violations(input: &str, article: &Article) -> Vec<String> {
    let mut problems = Vec::new();
    let total = utf16_len(input);
    let mut to_byte = Utf16ToByte::new(input);
    let mut byte_spans = Vec::with_capacity(article.blocks.len());
    let mut previous_end = 0;
    for (index, block) in article.blocks.iter().enumerate() {
        if block.start >= block.end {
            problems.push(format!(
                "block {index} is empty or reversed: [{}, {})",
                block.start, block.end
            ));
        }
        if block.end > total {
            problems.push(format!(
                "block {index} ends at {} but the input has {total} UTF-16 code units",
                block.end
            ));
        }
        if block.start < previous_end {
            problems.push(format!(
                "block {index} starts at {} before the previous block's end {previous_end} (out of order or overlapping)",
                block.start
            ));
        }
        previous_end = previous_end.max(block.end);
        match (
            to_byte.byte_offset(block.start),
            to_byte.byte_offset(block.end),
        ) {
            (Some(start), Some(end)) if start <= end => {
                let slice = &input[start..end];
                if slice.chars().all(is_blank) {
                    problems.push(format!("block {index} holds only white space"));
                }
                byte_spans.push(Some((start, end)));
            }
            _ => {
                problems.push(format!(
                    "block {index} [{}, {}) does not fall on UTF-16 character boundaries of the input",
                    block.start, block.end
                ));
                byte_spans.push(None);
            }
        }
        if block.kept && !matches!(block.kind, BlockKind::Body | BlockKind::Heading) {
            problems.push(format!(
                "block {index} is kept but its kind is {:?}",
                block.kind.as_str()
            ));
        }
        if !block.kept && block.kind == BlockKind::Body {
            problems.push(format!("block {index} is a removed body block"));
        }
        if !block.kept && block.reason.trim().is_empty() {
            problems.push(format!("removed block {index} has no reason"));
        }
    }
    if problems.is_empty() {
        check_coverage(input, article, &mut problems);
    }
    check_text(input, article, &byte_spans, &mut problems);
    problems
}

/// Every non-blank character lies in a block (blocks are known to be in order).
fn check_coverage(input: &str, article: &Article, problems: &mut Vec<String>) {
    let mut blocks = article.blocks.iter().peekable();
    let mut utf16 = 0;
    for (byte, c) in input.char_indices() {
        while blocks.peek().is_some_and(|block| block.end <= utf16) {
            blocks.next();
        }
        let inside = blocks.peek().is_some_and(|block| block.start <= utf16);
        if !inside && !is_blank(c) {
            problems.push(format!(
                "the input's character {c:?} at UTF-16 offset {utf16} lies in no block: {:?}",
                excerpt(&input[byte..])
            ));
            return;
        }
        utf16 += c.len_utf16();
    }
}

/// `text` is the kept blocks joined by a blank line.
fn check_text(
    input: &str,
    article: &Article,
    byte_spans: &[Option<(usize, usize)>],
    problems: &mut Vec<String>,
) {
    let kept: Vec<usize> = (0..article.blocks.len())
        .filter(|&index| article.blocks[index].kept)
        .collect();
    let parts: Vec<&str> = if article.text.is_empty() {
        Vec::new()
    } else {
        article.text.split("\n\n").collect()
    };
    if parts.len() != kept.len() {
        problems.push(format!(
            "text has {} paragraphs (split at blank lines) but {} blocks are kept",
            parts.len(),
            kept.len()
        ));
        return;
    }
    for (part, &index) in parts.iter().zip(&kept) {
        if part.trim().is_empty() || part.trim() != *part || part.contains('\n') {
            problems.push(format!(
                "text paragraph for block {index} is not one trimmed line: {:?}",
                excerpt(part)
            ));
        }
        if let Some((start, end)) = byte_spans[index] {
            if !holds_only_text_of(part, &input[start..end]) {
                problems.push(format!(
                    "text paragraph {:?} does not come from kept block {index} {:?}",
                    excerpt(part),
                    excerpt(&input[start..end])
                ));
            }
        }
    }
}

/// Panics with every invariant violation and the block listing, if there are any.
pub fn assert_invariants(input: &str, article: &Article) {
    let problems = invariant_violations(input, article);
    assert!(
        problems.is_empty(),
        "the article breaks invariants:\n- {}\nblocks:\n{}",
        problems.join("\n- "),
        describe_blocks(input, article)
    );
}
