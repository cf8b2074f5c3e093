//! How the pattern rules are built: rules read from lexicon files, and the "word line" that
//! rules about words are matched against.
//!
//! The lexicon's patterns are written in regular-expression syntax, and kept to what has a
//! finite list of matches: literal text, classes of listed characters such as `[ :]`,
//! groups of alternatives, an optional piece, anchors, and `(?i-u:...)` for ASCII case. A
//! [`Rule`] is that list, matched without a regex engine; the regex crate (and in the wasm
//! build's tests regex-lite, the page's engine before) is the specification the tests hold
//! every rule to. A rule about words is matched against the [`word_line`] of the text: its
//! word tokens, lowercase, one space apart. There a word is whatever stands between two
//! spaces, so the patterns need no Unicode word classes, and tokenisation stays the one of
//! [`words()`] (letters of every script, inner apostrophes and hyphens).

/// The tests' regex engine (the specification of the rules and of the hand-written date
/// matchers): the regex crate natively, regex-lite in the wasm build's tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub use regex::Regex;
#[cfg(all(test, target_arch = "wasm32"))]
pub use regex_lite::Regex;

use super::bytes::{ascii_lowercase_bytes, load_up_to_eight};
use super::sorting::group_stably;
use super::words::{push_lowercase, words};

/// Opens a group matched ignoring ASCII case, as the tests' engine of this build writes it:
/// the regex crate natively (`(?i-u:`: without its Unicode case tables), regex-lite in the
/// wasm build (`(?i:`: it knows only ASCII case). [`Rule`] reads both alike.
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

/// `text` with a `\` before every character that has a meaning in a pattern, so that a
/// pattern reads it as itself (the regex crate's own `escape` does the same).
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(character) {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
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

/// Compiles a pattern with the regex engine of the tests: the lexicon's patterns are matched
/// by [`Rule`] without one, and the regex crate (natively) or regex-lite (in the wasm build's
/// tests) stays their specification, which the tests hold every rule to.
///
/// # Panics
/// When the pattern does not compile (the patterns are the crate's own, fixed at build time).
#[cfg(test)]
pub fn compile(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|error| panic!("a lexicon pattern does not compile: {error}"))
}

/// A pattern rule, matched without a regex engine: the lexicon's patterns (caption and
/// credit openings, byline openings, commenter endings...) are finite, so a rule is the list
/// of texts its pattern matches, in the order a regex engine prefers them, each with the
/// anchors it must stand at. Building one is a walk over the pattern; compiling the six
/// patterns with the regex crate was some 3.4 M instructions, a third of the CLI's start on
/// a short article (docs/benchmarks.md, "Process start and wasm, round nine"), and the page
/// carried regex-lite for them.
///
/// The patterns this reads (see [`Rule::new`]): characters (`\` before an ASCII punctuation
/// mark makes it literal), classes of listed characters (`[ :]`), groups `(?:...)`, `|`, a
/// greedy `?`, `^` and `$`, and the whole optionally inside `(?i-u:...)` or `(?i:...)`
/// (ASCII letters in either case, as both engines read it). Matches are the engines'
/// leftmost-first ones: the leftmost start, and there the first text in the pattern's order.
#[derive(Debug)]
pub struct Rule {
    /// The texts the pattern matches, grouped by their first byte, each group in the
    /// pattern's order of preference: only texts with the same first byte can match at the
    /// same place, so the order between groups never decides a match.
    texts: Vec<RuleText>,
    /// Where each first byte's group starts in `texts`: the texts opening with byte `b` are
    /// `texts[group_starts[b]..group_starts[b + 1]]`. A place is looked at only through
    /// its own byte's group (most groups are empty, most places answered by one load).
    group_starts: Vec<u32>,
    /// The texts' letters match in either ASCII case (they are stored lowercase).
    ignoring_case: bool,
    /// Every text must stand at the start: only offset 0 is tried.
    anchored: bool,
    /// The pattern, for the tests that hold the rule to its regex.
    #[cfg(test)]
    pattern: String,
}

/// One text a [`Rule`] matches.
#[derive(Debug, Clone, Default, PartialEq)]
struct RuleText {
    /// Its bytes (lowercase when the rule ignores case); never empty.
    bytes: Vec<u8>,
    /// Its first eight bytes (fewer when it is shorter), the first in the lowest byte, and
    /// the mask of those bytes: one comparison with the eight bytes at a place rules out
    /// nearly every text that is not there, where comparing byte slices cost a call and a
    /// loop per text (the rules are asked of most paragraphs).
    head: u64,
    head_mask: u64,
    /// It matches only at the start of the searched text (`^`).
    at_start: bool,
    /// It matches only at the end of the searched text (`$`).
    at_end: bool,
}

impl RuleText {
    /// Sets [`RuleText::head`] and its mask from the bytes.
    fn with_head(mut self) -> RuleText {
        (self.head, self.head_mask) = eight_at(&self.bytes, 0);
        self
    }
}

/// The eight bytes of `bytes` from `at` as a number (the first in the lowest byte; zeros
/// past the end), and the mask of those that are there.
fn eight_at(bytes: &[u8], at: usize) -> (u64, u64) {
    let rest = bytes.get(at..).unwrap_or_default();
    let available = rest.len().min(8);
    let mask = u64::MAX
        .checked_shr(8 * (8 - available as u32))
        .unwrap_or(0);
    (load_up_to_eight(rest), mask)
}

/// Most texts one pattern may expand to: far more than any lexicon file needs (the longest
/// has 29), and few enough that trying them in turn stays a short loop.
const MAX_RULE_TEXTS: usize = 256;

/// A match of a [`Rule`] in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    /// Byte offset of the match's start.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the match.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The match's byte range (for the tests, which compare it with the regex's).
    #[cfg(test)]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl Rule {
    /// The rule of `pattern`.
    ///
    /// # Panics
    /// When the pattern is not one this reads (see [`Rule`]: a repetition, a negated class,
    /// a text that may be empty...), naming the pattern and what is wrong. The patterns are
    /// fixed at build time (embedded lexicon files), never taken from input, and the unit
    /// tests build every rule: a lexicon line outside this language fails `cargo test`.
    pub fn new(pattern: &str) -> Rule {
        let (ignoring_case, texts) = rule_texts(pattern)
            .unwrap_or_else(|problem| panic!("lexicon pattern {pattern:?}: {problem}"));
        // Each text put after the groups of smaller first bytes and after the texts of its
        // own group met before it.
        let texts = texts.into_iter().map(RuleText::with_head).collect();
        let (texts, group_starts) = group_stably(texts, 256, |text| usize::from(text.bytes[0]));
        Rule {
            anchored: texts.iter().all(|text| text.at_start),
            texts,
            group_starts,
            ignoring_case,
            #[cfg(test)]
            pattern: pattern.to_string(),
        }
    }

    /// Whether the rule matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// The rule's first match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.find_from(text, 0)
    }

    /// The rule's matches in `text`, one after another (each search starts where the last
    /// match ended; no match is empty).
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        let mut from = 0;
        std::iter::from_fn(move || {
            let found = self.find_from(text, from)?;
            from = found.end;
            Some(found)
        })
    }

    /// The pattern, compiled by the tests' regex engine: the specification of the rule.
    #[cfg(test)]
    pub(crate) fn regex(&self) -> Regex {
        compile(&self.pattern)
    }

    /// The texts the rule matches, grouped by first byte (lowercase when it ignores case).
    #[cfg(test)]
    pub(crate) fn texts(&self) -> Vec<String> {
        self.texts
            .iter()
            .map(|text| String::from_utf8_lossy(&text.bytes).into_owned())
            .collect()
    }

    /// The leftmost-first match starting at `from` or later.
    fn find_from<'t>(&self, text: &'t str, from: usize) -> Option<Match<'t>> {
        let bytes = text.as_bytes();
        let last_start = if self.anchored { 0 } else { bytes.len() };
        (from..bytes.len().min(last_start + 1)).find_map(|start| {
            let first = usize::from(if self.ignoring_case {
                bytes[start].to_ascii_lowercase()
            } else {
                bytes[start]
            });
            let group = self.group_starts[first] as usize..self.group_starts[first + 1] as usize;
            if group.is_empty() {
                return None;
            }
            let (mut here, _) = eight_at(bytes, start);
            if self.ignoring_case {
                here = ascii_lowercase_bytes(here);
            }
            let end = self.texts[group].iter().find_map(|rule_text| {
                if here & rule_text.head_mask != rule_text.head {
                    return None;
                }
                let end = start + rule_text.bytes.len();
                let rest = bytes.get(start + 8..end).unwrap_or_default();
                let fits = end <= bytes.len()
                    && (!rule_text.at_start || start == 0)
                    && (!rule_text.at_end || end == bytes.len())
                    && if self.ignoring_case {
                        rest.eq_ignore_ascii_case(rule_text.bytes.get(8..).unwrap_or_default())
                    } else {
                        rest == rule_text.bytes.get(8..).unwrap_or_default()
                    };
                fits.then_some(end)
            })?;
            Some(Match { text, start, end })
        })
    }
}

/// Whether the pattern opens with a group matched ignoring ASCII case that holds all of it,
/// and what is inside.
fn case_group(pattern: &str) -> (bool, &str) {
    for opener in [IGNORING_CASE_NATIVE, IGNORING_CASE_WASM] {
        if let Some(inside) = pattern.strip_prefix(opener) {
            if group_end(inside.as_bytes()) == Some(inside.len().wrapping_sub(1)) {
                return (true, &inside[..inside.len() - 1]);
            }
        }
    }
    (false, pattern)
}

/// The texts `pattern` matches, in the order a leftmost-first engine prefers them (an
/// alternative before the next, a `?`'s piece before its absence), each with its anchors,
/// and whether they ignore ASCII case; or what in the pattern this cannot read.
fn rule_texts(pattern: &str) -> Result<(bool, Vec<RuleText>), String> {
    let (ignoring_case, body) = case_group(pattern);
    let texts = alternatives_texts(body, ignoring_case)?;
    if texts.is_empty() {
        return Err("it can match nothing".into());
    }
    if texts.iter().any(|text| text.bytes.is_empty()) {
        return Err("it may match an empty text".into());
    }
    Ok((ignoring_case, texts))
}

/// The texts of `alternatives` (split at its top-level `|`), the first alternative's first.
fn alternatives_texts(alternatives: &str, ignoring_case: bool) -> Result<Vec<RuleText>, String> {
    let split = top_level_alternatives(alternatives.as_bytes())
        .ok_or_else(|| format!("a class in {alternatives:?} does not close"))?;
    let mut texts = Vec::new();
    let mut start = 0;
    for alternative in split {
        // The pieces are slices of the same text: each alternative as a `str` of its own.
        let alternative = &alternatives[start..start + alternative.len()];
        start += alternative.len() + 1;
        texts.extend(sequence_texts(alternative, ignoring_case)?);
        if texts.len() > MAX_RULE_TEXTS {
            return Err(format!("it matches more than {MAX_RULE_TEXTS} texts"));
        }
    }
    Ok(texts)
}

/// The texts of one alternative: its pieces one after another, every text of each piece
/// after every text so far (the earlier piece's choices vary slowest, as an engine tries
/// them).
fn sequence_texts(sequence: &str, ignoring_case: bool) -> Result<Vec<RuleText>, String> {
    let mut texts = vec![RuleText::default()];
    let mut rest = sequence;
    while let Some(first) = rest.chars().next() {
        // Most pieces are one plain character, always there: it goes onto every text where
        // it stands, without a list of one text made for it.
        let after_character = &rest[first.len_utf8()..];
        if !"()[]\\^$.*+?{}|".contains(first) && !after_character.starts_with(['?', '*', '+', '{'])
        {
            let character = if ignoring_case {
                first.to_ascii_lowercase()
            } else {
                first
            };
            let mut encoded = [0; 4];
            let more = character.encode_utf8(&mut encoded).as_bytes();
            texts.retain_mut(|text| {
                text.bytes.extend_from_slice(more);
                !text.at_end
            });
            rest = after_character;
            continue;
        }
        let (mut piece, after): (Vec<RuleText>, &str) = match first {
            '(' => {
                let inside = rest
                    .strip_prefix("(?:")
                    .ok_or_else(|| format!("only (?:...) groups are read, at {rest:?}"))?;
                let close = group_end(inside.as_bytes())
                    .ok_or_else(|| format!("a group does not close in {rest:?}"))?;
                (
                    alternatives_texts(&inside[..close], ignoring_case)?,
                    &inside[close + 1..],
                )
            }
            '[' => {
                let close = class_end(rest.as_bytes())
                    .ok_or_else(|| format!("a class does not close in {rest:?}"))?;
                (
                    class_texts(&rest[1..close], ignoring_case)?,
                    &rest[close + 1..],
                )
            }
            '\\' => match rest[1..].chars().next() {
                Some(escaped) if escaped.is_ascii_punctuation() => {
                    (vec![literal(escaped, ignoring_case)], &rest[2..])
                }
                _ => return Err(format!("only punctuation is escaped, at {rest:?}")),
            },
            '^' => (
                vec![RuleText {
                    at_start: true,
                    ..RuleText::default()
                }],
                &rest[1..],
            ),
            '$' => (
                vec![RuleText {
                    at_end: true,
                    ..RuleText::default()
                }],
                &rest[1..],
            ),
            '.' | '*' | '+' | '?' | '{' | '}' | ')' | ']' | '|' => {
                return Err(format!("{first:?} is not read here, at {rest:?}"));
            }
            character => (
                vec![literal(character, ignoring_case)],
                &rest[character.len_utf8()..],
            ),
        };
        rest = after;
        if let Some(after_optional) = rest.strip_prefix('?') {
            if after_optional.starts_with(['?', '*', '+', '{']) {
                return Err(format!("a lazy or repeated '?' is not read, at {rest:?}"));
            }
            // Greedy: the piece first, its absence after.
            piece.push(RuleText::default());
            rest = after_optional;
        }
        if rest.starts_with(['*', '+', '{']) {
            return Err(format!("repetitions are not read, at {rest:?}"));
        }
        if texts.len() * piece.len() > MAX_RULE_TEXTS {
            return Err(format!("it matches more than {MAX_RULE_TEXTS} texts"));
        }
        if let [only] = piece.as_slice() {
            texts.retain_mut(|text| join_onto(text, only));
        } else {
            texts = texts
                .iter()
                .flat_map(|before| {
                    piece.iter().filter_map(|more| {
                        let mut text = before.clone();
                        join_onto(&mut text, more).then_some(text)
                    })
                })
                .collect();
        }
    }
    Ok(texts)
}

/// One character as a text (lowercase when ignoring case).
fn literal(character: char, ignoring_case: bool) -> RuleText {
    let character = if ignoring_case {
        character.to_ascii_lowercase()
    } else {
        character
    };
    RuleText {
        bytes: character.to_string().into_bytes(),
        ..RuleText::default()
    }
}

/// The members of a class (the text between its brackets) as texts of one character each:
/// listed characters only, not negated and without ranges, escapes or nested classes.
fn class_texts(members: &str, ignoring_case: bool) -> Result<Vec<RuleText>, String> {
    let unread = members.starts_with('^')
        || members.contains(['\\', '['])
        || members.trim_matches('-').contains('-');
    if unread || members.is_empty() {
        return Err(format!(
            "only classes of listed characters are read, not [{members}]"
        ));
    }
    Ok(members
        .chars()
        .map(|member| literal(member, ignoring_case))
        .collect())
}

/// Puts `more` after `text`; false when no text can be both (the text is then to be
/// dropped): a `^` after some bytes, bytes after a `$`.
fn join_onto(text: &mut RuleText, more: &RuleText) -> bool {
    if (more.at_start && !text.bytes.is_empty()) || (text.at_end && !more.bytes.is_empty()) {
        return false;
    }
    text.bytes.extend_from_slice(&more.bytes);
    text.at_start |= more.at_start;
    text.at_end |= more.at_end;
    true
}

/// How the native build's patterns open a group matched ignoring ASCII case.
const IGNORING_CASE_NATIVE: &str = "(?i-u:";
/// How the wasm build's patterns open it.
const IGNORING_CASE_WASM: &str = "(?i:";

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
    word_line_of_words(text.len(), words(text))
}

/// The [`word_line`] of a text whose words (as [`words`] finds them, in order) are `words`:
/// for a caller that has them already, so that the text is not scanned again. `capacity`:
/// the text's length in bytes, which the line never exceeds.
pub fn word_line_of_words<'a>(capacity: usize, words: impl Iterator<Item = &'a str>) -> String {
    let mut line = String::with_capacity(capacity);
    for word in words {
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
    fn a_pattern_becomes_its_texts_in_the_engines_order() {
        let texts = |pattern: &str| {
            let (_, texts) = rule_texts(pattern).expect("a pattern read");
            let texts: Vec<String> = texts
                .iter()
                .map(|text| String::from_utf8_lossy(&text.bytes).into_owned())
                .collect();
            assert_eq!(Rule::new(pattern).texts().len(), texts.len());
            texts
        };
        assert_eq!(texts("photos?:"), ["photos:", "photo:"]);
        assert_eq!(texts("(?:file|Image):"), ["file:", "Image:"]);
        assert_eq!(texts(r"\(c\)[ ]"), ["(c) "]);
        assert_eq!(texts("(?:a|(?:b|c)d)x"), ["ax", "bdx", "cdx"]);
        assert_eq!(texts("x(?:a|b?)c"), ["xac", "xbc", "xc"]);
        assert_eq!(texts("a[ :]"), ["a ", "a:"]);
        assert_eq!(texts("tuv|wz"), ["tuv", "wz"]);
        assert_eq!(texts("(?i-u:^By)"), ["by"]);
        assert_eq!(texts("(?i:Ab)"), ["ab"]);
        assert_eq!(texts("élan|a-b"), ["élan", "a-b"]);
        assert_eq!(
            texts("^(?:by|author)(?: |$)"),
            ["by ", "by", "author ", "author"]
        );
        assert_eq!(texts(&literal_alternatives(["a.b", "(c)"])), ["a.b", "(c)"]);
        // A `^` after some text, or text after a `$`, can never match: such texts go.
        assert_eq!(texts("a^b|c"), ["c"]);
        assert_eq!(texts("a$b|a$"), ["a"]);
        for unread in [
            "p+hoto", "a*", "a{2}", "a??", "[^ab]c", "[a-z]", r"\d", ".x", "(?i)x", "(?i:a)b",
            "a|", "a?", "^", "", "a^",
        ] {
            assert!(rule_texts(unread).is_err(), "{unread}");
        }
        let many = "(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c|d)";
        assert!(rule_texts(many).is_err(), "4^5 texts are too many");
    }

    #[test]
    fn a_rule_matches_as_the_regex_engine_does() {
        let patterns = [
            "(?i-u:^(?:photos?|image|illustration):)",
            "(?:Photo|Credit):",
            "^ab|cd",
            "(?:a|ab)(?:c|bcd)",
            "ab?(?:b|c)?",
            "(?i-u:^ (?:says:?|said:)$)",
            "^(?:by|written by|author|authors)(?: |$)",
            "a$|ab",
            "é[ :]",
        ];
        let texts = [
            "",
            "PHOTOS: x",
            "IllustratioN: x",
            "Illustrated: x",
            "Photo",
            "image: x",
            "a photo: x",
            "x Photo: a Credit: b",
            "photo: credit:",
            "xcd",
            "ab",
            "xab",
            "abcd",
            "abbcd",
            "acbcd",
            "abab",
            "abbb",
            "jo says",
            "jo SAYS:",
            " said:",
            " said: x",
            "by jo",
            "by",
            "authors x",
            "author",
            "bystander",
            "written by",
            "aab",
            "a",
            "é é:é",
            "\u{212A}",
            "ſays",
        ];
        for pattern in patterns {
            let rule = Rule::new(pattern);
            let regex = rule.regex();
            for text in texts {
                let found: Vec<_> = rule.find_iter(text).map(|found| found.range()).collect();
                let expected: Vec<_> = regex.find_iter(text).map(|found| found.range()).collect();
                assert_eq!(found, expected, "{pattern} on {text:?}");
                assert_eq!(rule.is_match(text), regex.is_match(text));
                let first = rule.find(text).map(|found| (found.range(), found.as_str()));
                let expected = regex
                    .find(text)
                    .map(|found| (found.range(), found.as_str()));
                assert_eq!(first, expected, "{pattern} on {text:?}");
            }
        }
    }

    #[test]
    fn escaped_text_reads_as_itself() {
        let odd = r"a.b+c*d?e(f)g|h[i]j{k}l^m$n#o&p-q~r\s";
        assert_eq!(Rule::new(&escape(odd)).texts(), [odd]);
        assert_eq!(escape(odd), regex_escape(odd));
    }

    /// The tests' engine's own escaping, which [`escape`] follows.
    #[cfg(not(target_arch = "wasm32"))]
    fn regex_escape(text: &str) -> String {
        regex::escape(text)
    }

    /// The tests' engine's own escaping, which [`escape`] follows.
    #[cfg(target_arch = "wasm32")]
    fn regex_escape(text: &str) -> String {
        regex_lite::escape(text)
    }

    #[test]
    fn files_become_alternatives() {
        let file = "# a comment\n\nphotos?:\n  credit:  \n";
        assert_eq!(alternatives(file), "(?:photos?:|credit:)");
        assert_eq!(literal_alternatives(["a.b", "(c)"]), r"(?:a\.b|\(c\))");
        assert!(compile(&alternatives(file)).is_match("credit: x"));
    }
}
