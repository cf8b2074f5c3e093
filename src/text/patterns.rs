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

use super::words::{lowercase_into, words};

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
    let mut buffer = String::new();
    for word in words(text) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(lowercase_into(word, &mut buffer));
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
    fn files_become_alternatives() {
        let file = "# a comment\n\nphotos?:\n  credit:  \n";
        assert_eq!(alternatives(file), "(?:photos?:|credit:)");
        assert_eq!(literal_alternatives(["a.b", "(c)"]), r"(?:a\.b|\(c\))");
        assert!(compile(&alternatives(file)).is_match("credit: x"));
    }
}
