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
pub use regex::{escape, Regex};
#[cfg(target_arch = "wasm32")]
pub use regex_lite::{escape, Regex};

use super::words::{push_lowercase, words};

/// Opens a group matched ignoring ASCII case, in the engine of this build: the regex crate
/// natively (`(?i-u:`: its Unicode case tables are left out), regex-lite in the wasm build
/// (`(?i:`: it knows only ASCII case). Both match the same texts.
#[cfg(not(target_arch = "wasm32"))]
pub const IGNORING_ASCII_CASE: &str = "(?i-u:";
/// Opens a group matched ignoring ASCII case (see the native build's constant).
#[cfg(target_arch = "wasm32")]
pub const IGNORING_ASCII_CASE: &str = "(?i:";

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
    fn files_become_alternatives() {
        let file = "# a comment\n\nphotos?:\n  credit:  \n";
        assert_eq!(alternatives(file), "(?:photos?:|credit:)");
        assert_eq!(literal_alternatives(["a.b", "(c)"]), r"(?:a\.b|\(c\))");
        assert!(compile(&alternatives(file)).is_match("credit: x"));
    }
}
