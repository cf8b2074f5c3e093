//! How the pattern rules are built: regular expressions assembled from lexicon files, and the
//! "word line" that rules about words are matched against.
//!
//! The rules use the `regex` crate without its Unicode tables (they are most of its weight in
//! the .wasm), so patterns stick to literal text, ASCII classes such as `[0-9]`, classes of
//! single characters such as `[^ ]`, and `(?i-u:...)` for ASCII case. A rule about words
//! ("a month name, then a day, then a year") is matched against the [`word_line`] of the text:
//! its word tokens, lowercase, one space apart. There a word is whatever stands between two
//! spaces, so the patterns need no Unicode word classes, and tokenisation stays the one of
//! [`words()`] (letters of every script, inner apostrophes and hyphens).

#[cfg(not(target_arch = "wasm32"))]
pub use regex::{escape, Match, Regex};
#[cfg(target_arch = "wasm32")]
pub use regex_lite::{escape, Match, Regex};

use super::bytes::ascii_lowercase_bytes;
use super::words::{push_lowercase, words};

/// Opens a group matched ignoring ASCII case, in the engine of this build: the regex crate
/// natively (`(?i-u:`: its Unicode case tables are left out), regex-lite in the wasm build
/// (`(?i:`: it knows only ASCII case). Both match the same texts.
#[cfg(not(target_arch = "wasm32"))]
pub const IGNORING_ASCII_CASE: &str = IGNORING_CASE_NATIVE;
/// Opens a group matched ignoring ASCII case (see the native build's constant).
#[cfg(target_arch = "wasm32")]
pub const IGNORING_ASCII_CASE: &str = IGNORING_CASE_WASM;

/// Non-empty, non-comment lines of a lexicon file, trimmed.
pub fn lexicon_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A lexicon file as the engine embeds it: `without_comments!(include_str!("lexicon/x.txt"))`
/// is the file without its comment and blank lines, worked out at compile time. The files
/// explain themselves at length in comments, which [`lexicon_lines`] skips anyway; embedded
/// whole, they were about 8 KB of the page's .wasm (3 KB gzipped) that nothing reads. A line
/// is dropped only when it holds nothing but ASCII white space, or its first other character
/// is `#`; every other line is kept as it stands, so what [`lexicon_lines`] gives is unchanged.
macro_rules! without_comments {
    ($file:expr) => {{
        const FILE: &str = $file;
        const LENGTH: usize = $crate::text::patterns::content_length(FILE);
        const CONTENT: [u8; LENGTH] = $crate::text::patterns::content_lines::<LENGTH>(FILE);
        const TEXT: &str = match std::str::from_utf8(&CONTENT) {
            Ok(text) => text,
            // Unreachable: whole lines are cut at '\n' bytes, which never split a character.
            Err(_) => panic!("a lexicon file lost its UTF-8 when its comments were dropped"),
        };
        TEXT
    }};
}
pub(crate) use without_comments;

/// Whether `file[start..end]` (one line) is blank or a comment: nothing but ASCII white
/// space, or `#` after it.
const fn is_comment_or_blank(file: &[u8], start: usize, end: usize) -> bool {
    let mut at = start;
    while at < end && file[at].is_ascii_whitespace() {
        at += 1;
    }
    at == end || file[at] == b'#'
}

/// Where the line starting at `start` ends (its `\n`, or the end of the file).
const fn line_end(file: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < file.len() && file[end] != b'\n' {
        end += 1;
    }
    end
}

/// The length of [`without_comments!`]'s text: the kept lines, each with a `\n`.
pub const fn content_length(file: &str) -> usize {
    let file = file.as_bytes();
    let (mut start, mut length) = (0, 0);
    while start < file.len() {
        let end = line_end(file, start);
        if !is_comment_or_blank(file, start, end) {
            length += end - start + 1;
        }
        start = end + 1;
    }
    length
}

/// [`without_comments!`]'s text as bytes; `LENGTH` is [`content_length`] of the same file.
pub const fn content_lines<const LENGTH: usize>(file: &str) -> [u8; LENGTH] {
    let file = file.as_bytes();
    let mut content = [0u8; LENGTH];
    let (mut start, mut written) = (0, 0);
    while start < file.len() {
        let end = line_end(file, start);
        if !is_comment_or_blank(file, start, end) {
            let mut at = start;
            while at < end {
                content[written] = file[at];
                written += 1;
                at += 1;
            }
            content[written] = b'\n';
            written += 1;
        }
        start = end + 1;
    }
    content
}

/// The lines of a pattern file as one group of alternatives, `(?:line1|line2|...)`: each
/// line is a pattern of its own, so the file reads as a list.
pub fn alternatives(file: &str) -> String {
    let lines: Vec<&str> = lexicon_lines(file).collect();
    format!("(?:{})", lines.join("|"))
}

/// The lines of a file of plain phrases as one group of alternatives, each phrase matched
/// literally (a `.` or `(` in a phrase is that character).
pub fn literal_alternatives(phrases: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let escaped: Vec<String> = phrases
        .into_iter()
        .map(|phrase| escape(phrase.as_ref()))
        .collect();
    format!("(?:{})", escaped.join("|"))
}

/// Compiles a pattern assembled from the crate's own lexicon files.
///
/// # Panics
/// When the pattern does not compile. The patterns are fixed at build time (embedded files),
/// never taken from input, and every one of them is compiled by the unit tests of the module
/// that uses it: a broken lexicon line fails `cargo test`, not a user's run.
pub fn compile(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|error| panic!("a lexicon pattern does not compile: {error}"))
}

/// A pattern rule: its regex, and the literal texts one of which every match must start
/// with, read from the pattern itself when the rule is built (see [`Literals`]). A text
/// holding none of them is answered without a search: regex-lite, the page's engine, pays a
/// set-up and a pass of its PikeVM over every text it is given (some 2% of the page's time
/// went to the openings alone), where the few literals rule out nearly every paragraph.
#[derive(Debug)]
pub struct Rule {
    regex: Regex,
    /// `None` when some match may start with anything (no literal was read).
    literals: Option<Literals>,
}

impl Rule {
    /// Compiles `pattern` (see [`compile`]) and reads its literal openings.
    pub fn new(pattern: &str) -> Rule {
        Rule {
            regex: compile(pattern),
            literals: Literals::of(pattern),
        }
    }

    /// Whether the rule matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.regex.is_match(text)
    }

    /// The rule's first match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.may_match(text).then(|| self.regex.find(text))?
    }

    /// The rule's matches in `text`, one after another.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        self.may_match(text)
            .then(|| self.regex.find_iter(text))
            .into_iter()
            .flatten()
    }

    /// The regex itself, for the tests that hold the literals' check to it.
    #[cfg(test)]
    pub(crate) fn regex(&self) -> &Regex {
        &self.regex
    }

    /// The literal openings read from the pattern (`None`: none, every text is searched).
    #[cfg(test)]
    pub(crate) fn literal_openings(&self) -> Option<Vec<String>> {
        let literals = self.literals.as_ref()?;
        Some(literals.openings.iter().map(Literal::text).collect())
    }

    /// False only when no match can be in `text`: it holds none of the literals.
    fn may_match(&self, text: &str) -> bool {
        self.literals
            .as_ref()
            .is_none_or(|literals| literals.may_open_a_match(text))
    }
}

/// The literal texts one of which every match of a pattern starts with, read from the
/// pattern's text: its literal characters up to the first part that is not one (a class, a
/// repetition, an optional character), through groups of alternatives (each alternative's
/// own literal start; the group's continuation when every alternative is literal through).
/// Both engines fold only ASCII case, so a literal read under `(?i` matches its ASCII letters
/// in either case and nothing else.
#[derive(Debug)]
struct Literals {
    /// Each literal's first [`LITERAL_MAX_BYTES`] bytes (lowercase under `(?i`).
    openings: Vec<Literal>,
    /// The pattern is anchored (`^` first): a match starts at the text's start.
    anchored: bool,
    /// The pattern opens with `(?i`: the literals match ignoring ASCII case.
    ignoring_case: bool,
    /// The first bytes of the openings, one bit each (both cases under `(?i`): one test
    /// rules out most texts of an anchored pattern.
    first_bytes: u128,
}

/// Most literals kept for one pattern: alternatives after alternatives multiply, and past
/// this many the check costs more than it saves, so the reading stops there (the literals
/// read until then still hold).
const MAX_LITERALS: usize = 64;

/// Most bytes of a literal kept: eight, one 64-bit number, compared at once. The start of
/// a literal a match must start with is one too, and eight bytes rule out nearly every text.
const LITERAL_MAX_BYTES: u32 = 8;

/// Up to [`LITERAL_MAX_BYTES`] ASCII bytes, the first in the lowest byte of `bytes`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Literal {
    bytes: u64,
    length: u32,
}

impl Literal {
    const EMPTY: Literal = Literal {
        bytes: 0,
        length: 0,
    };

    /// The literal's bytes as text.
    #[cfg(test)]
    fn text(&self) -> String {
        let bytes = self.bytes.to_le_bytes();
        String::from_utf8_lossy(&bytes[..self.length as usize]).into_owned()
    }

    /// This literal, then as much of `more` as still fits.
    fn then(self, more: Literal) -> Literal {
        let taken = more.length.min(LITERAL_MAX_BYTES - self.length);
        if taken == 0 {
            return self;
        }
        Literal {
            bytes: self.bytes | (more.bytes & low_bytes(taken)) << (8 * self.length),
            length: self.length + taken,
        }
    }
}

/// A mask of the lowest `count` bytes of a 64-bit number (1 to 8).
fn low_bytes(count: u32) -> u64 {
    u64::MAX >> (8 * (LITERAL_MAX_BYTES - count))
}

impl Literals {
    /// The literal openings of `pattern`, or `None` when some match may open with anything.
    fn of(pattern: &str) -> Option<Literals> {
        let (ignoring_case, body) = [IGNORING_CASE_NATIVE, IGNORING_CASE_WASM]
            .iter()
            .find_map(|opener| pattern.strip_prefix(opener))
            .map_or((false, pattern), |inner| (true, inner));
        // `^a|b` anchors its first alternative only: the openings of such a pattern are
        // looked for anywhere (the first's at the start is among the places looked at).
        let (anchored, body) = match body.strip_prefix('^') {
            Some(rest) => (
                top_level_alternatives(rest.as_bytes())
                    .is_some_and(|alternatives| alternatives.len() == 1),
                rest,
            ),
            None => (false, body),
        };
        let (mut openings, _) = literal_sequence(body.as_bytes());
        let mut first_bytes = 0;
        for opening in &mut openings {
            if opening.length == 0 {
                return None;
            }
            let first = opening.bytes as u8;
            first_bytes |= 1 << first;
            if ignoring_case {
                opening.bytes = ascii_lowercase_bytes(opening.bytes);
                first_bytes |=
                    (1 << first.to_ascii_lowercase()) | (1 << first.to_ascii_uppercase());
            }
        }
        Some(Literals {
            openings,
            anchored,
            ignoring_case,
            first_bytes,
        })
    }

    /// Whether a match may start in `text`: one of the openings stands at its start
    /// (anchored) or anywhere in it.
    fn may_open_a_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        if self.anchored {
            return self.opens_at(bytes, 0);
        }
        (0..bytes.len()).any(|at| self.opens_at(bytes, at))
    }

    /// Whether one of the openings stands in `bytes` at `at` (which is less than its length,
    /// or 0).
    fn opens_at(&self, bytes: &[u8], at: usize) -> bool {
        let Some(&first) = bytes.get(at) else {
            return false;
        };
        if first >= 128 || self.first_bytes & (1 << first) == 0 {
            return false;
        }
        let mut eight = [0; 8];
        let available = (bytes.len() - at).min(8);
        eight[..available].copy_from_slice(&bytes[at..at + available]);
        let mut here = u64::from_le_bytes(eight);
        if self.ignoring_case {
            here = ascii_lowercase_bytes(here);
        }
        self.openings.iter().any(|opening| {
            opening.length as usize <= available
                && here & low_bytes(opening.length) == opening.bytes
        })
    }
}

/// How the native build's patterns open a group matched ignoring ASCII case.
const IGNORING_CASE_NATIVE: &str = "(?i-u:";
/// How the wasm build's patterns open it.
const IGNORING_CASE_WASM: &str = "(?i:";

/// The literal starts of the pattern `bytes` (a sequence, or alternatives at its top level),
/// and whether every one of them is the whole of its alternative (the pattern is literal
/// through, so what follows it in an enclosing pattern continues the literals).
fn literal_sequence(bytes: &[u8]) -> (Vec<Literal>, bool) {
    let Some(alternatives) = top_level_alternatives(bytes) else {
        return (vec![Literal::EMPTY], false);
    };
    if alternatives.len() > 1 {
        let mut openings = Vec::new();
        let mut complete = true;
        for alternative in alternatives {
            let (starts, whole) = literal_sequence(alternative);
            openings.extend(starts);
            complete &= whole;
        }
        return (openings, complete);
    }
    let mut openings = vec![Literal::EMPTY];
    let mut at = 0;
    while at < bytes.len() {
        let byte = |byte: u8| {
            vec![Literal {
                bytes: u64::from(byte),
                length: 1,
            }]
        };
        let (piece, piece_end, complete) = match bytes[at] {
            b'(' => {
                let Some(inner) = bytes[at..].strip_prefix(b"(?:") else {
                    return (openings, false);
                };
                let Some(close) = group_end(inner) else {
                    return (openings, false);
                };
                let (starts, whole) = literal_sequence(&inner[..close]);
                (starts, at + 3 + close + 1, whole)
            }
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => {
                (byte(bytes[at + 1]), at + 2, true)
            }
            b'\\' | b'[' | b'.' | b'^' | b'$' | b'|' | b')' | b'?' | b'*' | b'+' | b'{' => {
                return (openings, false);
            }
            ascii if ascii.is_ascii() => (byte(ascii), at + 1, true),
            // A character of several bytes: a repetition after it would take them all.
            _ => return (openings, false),
        };
        // A piece that may be absent leaves the literals as they are; one that may repeat
        // ends them after its first time.
        let repeated = match bytes.get(piece_end) {
            Some(b'?' | b'*' | b'{') => return (openings, false),
            Some(b'+') => true,
            _ => false,
        };
        if openings.len() * piece.len() > MAX_LITERALS {
            return (openings, false);
        }
        let mut longer = Vec::with_capacity(openings.len() * piece.len());
        for opening in &openings {
            for more in &piece {
                longer.push(opening.then(*more));
            }
        }
        openings = longer;
        if repeated || !complete {
            return (openings, false);
        }
        at = piece_end;
    }
    (openings, true)
}

/// The alternatives of `bytes` at its top level (outside groups and classes), split at `|`;
/// `None` when a class does not close as [`class_end`] reads it.
fn top_level_alternatives(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut alternatives = Vec::new();
    let (mut start, mut at) = (0, 0);
    while let Some(stop) = next_top_level_stop(&bytes[at..])?.map(|stop| at + stop) {
        // A `)` closing no group here is read past, as part of the alternative.
        if bytes[stop] == b'|' {
            alternatives.push(&bytes[start..stop]);
            start = stop + 1;
        }
        at = stop + 1;
    }
    alternatives.push(&bytes[start..]);
    Some(alternatives)
}

/// The offset of the `]` closing the class that `bytes` opens with (a `]` first, or after
/// `^`, is a member). `None` for a class holding `[` (a nested class or a named one, read no
/// further) or none that closes.
fn class_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 1;
    at += usize::from(bytes.get(at) == Some(&b'^'));
    at += usize::from(bytes.get(at) == Some(&b']'));
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b']' => return Some(at),
            b'[' => return None,
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
    None
}

/// Where the group whose inside starts `bytes` closes: the offset of its `)`. `None` for
/// none that closes, or a class in it that [`class_end`] does not read.
fn group_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let stop = at + next_top_level_stop(&bytes[at..])??;
        if bytes[stop] == b')' {
            return Some(stop);
        }
        at = stop + 1;
    }
}

/// The one walk over a pattern that both readers above share: the offset of the first `|`
/// or `)` of `bytes` outside groups (each skipped to its own `)`), classes and escapes.
/// `Some(None)` when there is none; `None` when a class does not close as [`class_end`]
/// reads it.
fn next_top_level_stop(bytes: &[u8]) -> Option<Option<usize>> {
    let (mut depth, mut at) = (0usize, 0);
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'[' => at += class_end(&bytes[at..])?,
            b'(' => depth += 1,
            b'|' | b')' if depth == 0 => return Some(Some(at)),
            b')' => depth -= 1,
            _ => {}
        }
        at += 1;
    }
    Some(None)
}

/// The word tokens of `text` (as [`words`] finds them), lowercase with curly apostrophes made
/// straight, joined by single spaces: "Nov. 8th, 2023" gives "nov 8th 2023".
pub fn word_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in words(text) {
        if !line.is_empty() {
            line.push(' ');
        }
        push_lowercase(word, &mut line);
    }
    line
}

/// The words of a [`word_line`] (none for an empty line).
pub fn line_words(line: &str) -> impl Iterator<Item = &str> {
    line.split(' ').filter(|word| !word.is_empty())
}

/// Byte offset in `line` where the word containing (or starting at) `offset` ends.
pub fn word_end(line: &str, offset: usize) -> usize {
    line[offset..]
        .find(' ')
        .map_or(line.len(), |space| offset + space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lines_keep_the_tokens_of_words() {
        assert_eq!(word_line("Nov. 8th, 2023"), "nov 8th 2023");
        assert_eq!(
            word_line("  “Don’t” — MÄRZ/2014-03-01  "),
            "don't märz 2014-03-01"
        );
        assert_eq!(word_line("—"), "");
        assert_eq!(line_words("").count(), 0);
        assert_eq!(line_words("a bc").collect::<Vec<_>>(), ["a", "bc"]);
        assert_eq!(word_end("ab cd", 0), 2);
        assert_eq!(word_end("ab cd", 3), 5);
    }

    #[test]
    fn dropping_comments_keeps_every_lexicon_line() {
        const SAMPLE: &str =
            "# a comment\n\n  \t\nsaid\tsays # not a comment\n  # indented comment\r\n  warned  \r\nlast";
        const STRIPPED: &str = without_comments!(SAMPLE);
        assert_eq!(STRIPPED, "said\tsays # not a comment\n  warned  \r\nlast\n");
        assert!(lexicon_lines(STRIPPED).eq(lexicon_lines(SAMPLE)));
        assert_eq!(without_comments!("# only a comment"), "");
        assert_eq!(without_comments!(""), "");
    }

    #[test]
    fn literals_are_read_only_from_what_must_come_first() {
        let read = |pattern: &str| {
            Literals::of(pattern).map(|literals| {
                let mut openings: Vec<String> =
                    literals.openings.iter().map(Literal::text).collect();
                openings.sort_unstable();
                (
                    openings.join(","),
                    literals.anchored,
                    literals.ignoring_case,
                )
            })
        };
        let read_all = |pattern: &str| read(pattern).map(|(openings, _, _)| openings);
        assert_eq!(read_all("photos?:").as_deref(), Some("photo"));
        assert_eq!(read_all("(?:file|Image):").as_deref(), Some("Image:,file:"));
        assert_eq!(read_all(r"\(c\)[ ]").as_deref(), Some("(c)"));
        assert_eq!(read_all("(?:a|(?:b|c)d)x").as_deref(), Some("ax,bdx,cdx"));
        assert_eq!(read_all("ab+c").as_deref(), Some("ab"));
        assert_eq!(read_all("(?:ab)+c").as_deref(), Some("ab"));
        assert_eq!(read_all("x(?:a|b?)c").as_deref(), Some("x,xa"));
        assert_eq!(read_all("(?:a[|)]|b)c").as_deref(), Some("a,b"));
        assert_eq!(read_all("tuv|w.z").as_deref(), Some("tuv,w"));
        assert_eq!(
            read("(?i-u:^ (?:says:?|said:)$)"),
            Some((" said:, says".into(), true, true))
        );
        assert_eq!(read("(?i:^By)"), Some(("by".into(), true, true)));
        // The anchor binds the first alternative only.
        assert_eq!(read("^ab|cd"), Some(("ab,cd".into(), false, false)));
        assert_eq!(read("^(?:ab|cd)"), Some(("ab,cd".into(), true, false)));
        assert_eq!(
            read_all("abcdefgh(?:ij|k)").as_deref(),
            Some("abcdefgh,abcdefgh")
        );
        for unread in [
            "p?hoto",
            "(?:a|b)?c",
            "[ab]c",
            "(?i)x",
            ".x",
            "élan",
            "(?:a|[)])",
            "(?:^| )day",
            "a|",
            "",
        ] {
            assert_eq!(read(unread), None, "{unread}");
        }
    }

    #[test]
    fn a_rule_searches_only_texts_holding_a_literal() {
        let opening = Rule::new("(?i-u:^(?:photos?|image|illustration):)");
        assert!(opening.is_match("PHOTOS: x"));
        assert!(opening.is_match("IllustratioN: x"));
        assert!(!opening.is_match("Illustrated: x"));
        assert!(!opening.is_match("Photo"));
        assert!(opening.is_match("image: x"));
        assert!(!opening.is_match("a photo: x"));
        assert!(!opening.is_match("photograph: x"));
        assert!(!opening.is_match(""));
        let label = Rule::new("(?:Photo|Credit):");
        let found: Vec<_> = label
            .find_iter("x Photo: a Credit: b")
            .map(|m| m.range())
            .collect();
        assert_eq!(found, [2..8, 11..18]);
        assert!(!label.is_match("photo: credit:"));
        assert_eq!(label.find("Credit:").map(|m| m.range()), Some(0..7));
        // An anchor before the first of several alternatives leaves the others free.
        let either = Rule::new("^ab|cd");
        assert!(either.is_match("xcd"));
        assert!(either.is_match("ab"));
        assert!(!either.is_match("xab"));
        let unread = Rule::new("[ab]c");
        assert!(unread.literal_openings().is_none());
        assert!(unread.is_match("xbc"));
    }

    #[test]
    fn files_become_alternatives() {
        let file = "# a comment\n\nphotos?:\n  credit:  \n";
        assert_eq!(alternatives(file), "(?:photos?:|credit:)");
        assert_eq!(literal_alternatives(["a.b", "(c)"]), r"(?:a\.b|\(c\))");
        assert!(compile(&alternatives(file)).is_match("credit: x"));
    }
}
