//! Splits pasted text into paragraphs: blank-line paragraphs, single-line paragraphs (as a
//! browser copy or a page-to-text tool gives them), and hard-wrapped lines rejoined. Each
//! paragraph keeps its byte span in the input, its layout (indentation, list marker,
//! markdown heading) and its normalised text. No judgement about content happens here.

use crate::text::{count_bytes, ends_sentence, find_byte, is_ascii_white_space, push_normalized};
use crate::text::{load_eight, EACH};

/// A list marker at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMarker {
    /// `*`, `+`, `-`, `•`, `o` and similar bullets.
    Bullet,
    /// `1.` or `1)`.
    Numbered,
}

/// One paragraph of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// Byte offset of the paragraph's first non-blank character in the input.
    pub start: usize,
    /// Byte offset just past its last non-blank character.
    pub end: usize,
    /// The text with markup removed and whitespace collapsed (see [`crate::text`]).
    pub text: String,
    /// Indentation of the first line, in columns (a tab counts four).
    pub indent: usize,
    /// List marker, when the paragraph is a list item.
    pub list_marker: Option<ListMarker>,
    /// Markdown heading level (`#` = 1), 0 when not a markdown heading.
    pub heading_level: u8,
    /// Whether the whole paragraph was wrapped in emphasis marks (`**...**`).
    pub emphasized: bool,
    /// Number of input lines joined into this paragraph.
    pub line_count: usize,
    /// Whether a blank line (or the start of the text) precedes the paragraph.
    pub blank_before: bool,
}

/// One line of the input, with its content's span.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
    blank: bool,
}

/// Longest line width that still counts as a hard wrap (typical wraps are 60 to 80 columns).
const MAX_WRAP_WIDTH: usize = 100;

/// Shortest longest-line width of a group of lines that proves a wrap at a fixed column on
/// its own (whatever the lines end in). Narrower lines of about the same width are as often a
/// block of short lines (a byline over a date and an update time, menu items) as a wrap; such
/// a paragraph joins across a line only where it runs on mid-sentence ([`joins`]).
const MIN_WRAP_WIDTH: usize = 50;

/// Splits `input` into paragraphs, in order. Runs in time linear in the input's length.
pub fn paragraphs(input: &str) -> Vec<Paragraph> {
    let lines = lines(input);
    let mut paragraphs = Vec::new();
    let mut index = 0;
    let mut blank_before = true;
    while index < lines.len() {
        if lines[index].blank {
            blank_before = true;
            index += 1;
            continue;
        }
        let group_end = (index..lines.len())
            .find(|&i| lines[i].blank)
            .unwrap_or(lines.len());
        let group = &lines[index..group_end];
        // A line alone joins no other: its wrap (the characters of its lines counted) is
        // worked out only for a group of lines, and most paragraphs are a line of their own.
        let wrap = if group.len() > 1 {
            Wrap::of(input, group)
        } else {
            Wrap {
                width: 0,
                consistent: false,
            }
        };
        let mut first = 0;
        while first < group.len() {
            let mut last = first;
            while last + 1 < group.len()
                && joins(
                    input,
                    &group[last],
                    &group[last + 1],
                    &wrap,
                    last > first && ends_mid_sentence(input, &group[last - 1]),
                )
            {
                last += 1;
            }
            paragraphs.push(build(input, &group[first..=last], blank_before));
            blank_before = false;
            first = last + 1;
        }
        index = group_end;
    }
    paragraphs
}

fn lines(input: &str) -> Vec<Line> {
    // The page's build too (docs/benchmarks.md, "Process start and wasm, round nine": the
    // weight the pattern rules freed pays for it).
    let bytes = input.as_bytes();
    let mut lines = Vec::with_capacity(count_bytes(bytes, |b| b == b'\n') + 1);
    // The pieces `input.split('\n')` gives, found by the byte search.
    let mut line_start = 0;
    loop {
        let line_end = find_byte(&bytes[line_start..], b'\n').map(|at| line_start + at);
        let raw = &input[line_start..line_end.unwrap_or(input.len())];
        let (leading, indent) = indentation(raw);
        let content = trim_end_of(&raw[leading..]);
        lines.push(Line::of(line_start + leading, content, indent));
        match line_end {
            Some(end) => line_start = end + 1,
            None => break,
        }
    }
    lines
}

/// [`lines`] by the standard splitter and trims: the definition the byte search is tested
/// against.
#[cfg(test)]
fn lines_by_split(input: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(count_bytes(input.as_bytes(), |b| b == b'\n') + 1);
    let mut offset = 0;
    for raw in input.split('\n') {
        let line_start = offset;
        offset += raw.len() + 1;
        let after_indent = raw.trim_start();
        let leading = raw.len() - after_indent.len();
        let content = after_indent.trim_end();
        let indent = raw[..leading]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        lines.push(Line::of(line_start + leading, content, indent));
    }
    lines
}

impl Line {
    /// The line whose trimmed `content` starts at byte `start` of the input, after
    /// `indent` columns of white space.
    fn of(start: usize, content: &str, indent: usize) -> Line {
        Line {
            start,
            end: start + content.len(),
            indent,
            blank: content.chars().all(crate::text::is_blank_char),
        }
    }

    /// Width of the content in characters (`input`: the text the line is of). Not inlined
    /// in the page's build, where its three callers each took a copy of the count.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn width(&self, input: &str) -> usize {
        input[self.start..self.end].chars().count()
    }
}

/// Whether `byte` is ASCII and no white space ([`char::is_whitespace`]: tab, line feed,
/// vertical tab, form feed, carriage return, space): an edge that trimming leaves as it is.
fn is_ascii_ink(byte: u8) -> bool {
    byte.is_ascii() && !is_ascii_white_space(byte)
}

/// The white space a line opens with ([`str::trim_start`]): its length in bytes, and its
/// width in columns (a tab counts four). Most lines open with spaces or with none. Runs of
/// spaces (indented lines open with a few to a few dozen) are skipped eight bytes at a time
/// first, a space being one byte and one column; what follows them is read a byte at a time,
/// and from the first character outside ASCII, the standard trim goes on.
fn indentation(raw: &str) -> (usize, usize) {
    let column_width = |c: char| if c == '\t' { 4 } else { 1 };
    let bytes = raw.as_bytes();
    let mut spaces = 0;
    while let Some(eight) = bytes.get(spaces..spaces + 8) {
        let leading = leading_spaces(load_eight(eight));
        spaces += leading;
        if leading < 8 {
            break;
        }
    }
    let mut indent = spaces;
    for (at, &byte) in bytes.iter().enumerate().skip(spaces) {
        if is_ascii_ink(byte) {
            return (at, indent);
        }
        if !byte.is_ascii() {
            let rest = &raw[at..];
            let blank = rest.len() - rest.trim_start().len();
            let width: usize = rest[..blank].chars().map(column_width).sum();
            return (at + blank, indent + width);
        }
        indent += column_width(char::from(byte));
    }
    (bytes.len(), indent)
}

/// How many of the eight bytes of `chunk` (first byte lowest, as [`load_eight`] reads them)
/// are spaces before the first that is not.
fn leading_spaces(chunk: u64) -> usize {
    // The spaces become zero bytes; the lowest byte that is not zero ends the run.
    ((chunk ^ (u64::from(b' ') * EACH)).trailing_zeros() / 8) as usize
}

/// [`str::trim_end`]: most lines end with a letter or a stop, which one byte's test settles.
fn trim_end_of(text: &str) -> &str {
    match text.as_bytes().last() {
        Some(&byte) if is_ascii_ink(byte) => text,
        _ => text.trim_end(),
    }
}

/// The wrap width of a group of lines between blank lines.
struct Wrap {
    /// The longest line's width.
    width: usize,
    /// Whether every line but the last fills most of the width: text wrapped at a fixed
    /// column, where even a line ending a sentence continues the paragraph.
    consistent: bool,
}

impl Wrap {
    fn of(input: &str, group: &[Line]) -> Wrap {
        let width = group
            .iter()
            .map(|line| line.width(input))
            .max()
            .unwrap_or(0);
        let consistent = group.len() >= 3
            && (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width)
            && group[..group.len() - 1]
                .iter()
                .all(|line| line.width(input) * 4 >= width * 3);
        Wrap { width, consistent }
    }
}

/// Whether `line` ends without ending a sentence: the paragraph runs on after it.
fn ends_mid_sentence(input: &str, line: &Line) -> bool {
    !ends_sentence(&input[line.start..line.end])
}

/// Whether `next` continues the paragraph that `line` is part of (a hard wrap).
/// `wrapped_into`: the line before `line` ended mid-sentence and ran on into it, so the
/// paragraph is visibly hard-wrapped.
fn joins(input: &str, line: &Line, next: &Line, wrap: &Wrap, wrapped_into: bool) -> bool {
    let next_text = &input[next.start..next.end];
    let text = &input[line.start..line.end];
    if line.indent != next.indent || marker(next_text).1.is_some() || next_text.starts_with('#') {
        return false;
    }
    let width = line.width(input);
    let fills_line = wrap.width <= MAX_WRAP_WIDTH && width >= 30 && width * 10 >= wrap.width * 6;
    // Two lines alone prove no wrap width: join them only when the second one visibly
    // continues the first (it starts in lower case).
    let wrapped = fills_line
        && (wrap.consistent
            || (!ends_sentence(text) && next_text.chars().next().is_some_and(char::is_lowercase)));
    let continues = width >= 40
        && !ends_sentence(text)
        && next_text.chars().next().is_some_and(char::is_lowercase);
    // A full line ending in a word no sentence or headline ends in ("... the board said
    // on" / "Monday.") runs on, whatever case the next line starts with.
    let open_ended = fills_line && ends_open(text);
    // In a paragraph already wrapped mid-sentence, a full line that ends no sentence runs on
    // too, whatever case the next line starts with ("... chief executive, Maria" / "Olsen,
    // said ..."): a block of short lines (a byline over a date) has no such earlier line.
    let runs_on = wrapped_into && fills_line && !ends_sentence(text);
    wrapped || continues || open_ended || runs_on
}

/// Lower-case words that do not end a sentence or a headline: a line ending in one is cut
/// in mid-sentence.
const OPEN_ENDINGS: &[&str] = &[
    "a", "about", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
    "than", "that", "the", "to", "with",
];

/// Whether `line` ends in one of [`OPEN_ENDINGS`], written in lower case.
fn ends_open(line: &str) -> bool {
    line.split_whitespace()
        .next_back()
        .is_some_and(|last| OPEN_ENDINGS.contains(&last))
}

/// Characters that mark a list item when followed by a space or tab.
const BULLETS: [char; 14] = [
    '*', '+', '-', '•', 'o', '·', '▪', '◦', '‣', '○', '■', '□', '►', '▸',
];

/// Splits leading markup off a line: returns the byte length of the markup, the list
/// marker and the markdown heading level.
fn marker(line: &str) -> (usize, Option<ListMarker>, u8) {
    let bytes = line.as_bytes();
    let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
    if (1..=6).contains(&hashes) && bytes.get(hashes).is_none_or(|b| *b == b' ') {
        return (hashes, None, hashes as u8);
    }
    if let Some(rest) = line.strip_prefix('>') {
        if rest.is_empty() || rest.starts_with(' ') {
            return (1, None, 0);
        }
    }
    // A line starts with one character, so at most one bullet can match: look it up
    // rather than trying every bullet in turn (this runs for every line of the input).
    if let Some(bullet) = line.chars().next().filter(|c| BULLETS.contains(c)) {
        let rest = &line[bullet.len_utf8()..];
        // "**bold**" is emphasis, "- " a bullet, "o " only a bullet when more text follows.
        if (rest.is_empty() || rest.starts_with([' ', '\t']))
            && !(bullet == 'o' && rest.trim().is_empty())
        {
            return (bullet.len_utf8(), Some(ListMarker::Bullet), 0);
        }
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && bytes.get(digits + 1) == Some(&b' ')
    {
        return (0, Some(ListMarker::Numbered), 0);
    }
    (0, None, 0)
}

fn build(input: &str, lines: &[Line], blank_before: bool) -> Paragraph {
    let first = lines[0];
    let last = lines[lines.len() - 1];
    let first_text = &input[first.start..first.end];
    let (markup_length, list_marker, heading_level) = marker(first_text);
    let mut text = String::with_capacity(last.end - first.start);
    for (index, line) in lines.iter().enumerate() {
        let mut content = &input[line.start..line.end];
        if index == 0 {
            content = &content[markup_length..];
        }
        if heading_level > 0 {
            content = content.trim_end_matches('#');
        }
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        push_normalized(&mut text, content);
    }
    let trimmed_length = text.trim_end().len();
    text.truncate(trimmed_length);
    if text.starts_with(' ') {
        text.remove(0);
    }
    let emphasized = {
        let raw = first_text[markup_length..].trim_start();
        let raw_last = input[last.start..last.end].trim_end();
        (raw.starts_with("**") && raw_last.ends_with("**"))
            || (raw.starts_with("__") && raw_last.ends_with("__"))
    };
    Paragraph {
        start: first.start,
        end: last.end,
        text,
        indent: first.indent,
        list_marker,
        heading_level,
        emphasized,
        line_count: lines.len(),
        blank_before,
    }
}

/// Splits `paragraph` (one of [`paragraphs`] of `input`) in two at byte offset `at`: the
/// part before keeps the paragraph's layout (indentation, list marker, heading level), the
/// part after is a plain paragraph starting at the first non-blank character from `at`.
/// For a date stamp run into the text beside it (the cleaner decides where). `None` when
/// `at` is not a character boundary strictly inside the paragraph, when either part would
/// be blank, or when the part after would open like markup (a bullet, a number, a heading
/// mark) that a paragraph of its own would read differently.
pub fn split_paragraph(
    input: &str,
    paragraph: &Paragraph,
    at: usize,
) -> Option<(Paragraph, Paragraph)> {
    if at <= paragraph.start || at >= paragraph.end || !input.is_char_boundary(at) {
        return None;
    }
    let span_lines: Vec<Line> = lines(&input[paragraph.start..paragraph.end])
        .into_iter()
        .filter(|line| !line.blank)
        .map(|line| Line {
            start: line.start + paragraph.start,
            end: line.end + paragraph.start,
            ..line
        })
        .collect();
    let before: Vec<Line> = span_lines
        .iter()
        .filter_map(|line| part_of_line(input, line, line.start, line.end.min(at)))
        .collect();
    let after: Vec<Line> = span_lines
        .iter()
        .filter_map(|line| part_of_line(input, line, line.start.max(at), line.end))
        .collect();
    let first_after = after.first()?;
    if before.is_empty() || marker(&input[first_after.start..first_after.end]) != (0, None, 0) {
        return None;
    }
    let mut head = build(input, &before, paragraph.blank_before);
    head.indent = paragraph.indent;
    let tail = build(input, &after, false);
    (!head.text.is_empty() && !tail.text.is_empty()).then_some((head, tail))
}

/// The non-blank content of `line` between byte offsets `start` and `end`, as a line of its
/// own; `None` when that stretch is blank.
fn part_of_line(input: &str, line: &Line, start: usize, end: usize) -> Option<Line> {
    if start >= end {
        return None;
    }
    let raw = &input[start..end];
    let content = raw.trim_start_matches(crate::text::is_blank_char);
    let content_start = start + (raw.len() - content.len());
    let content = content.trim_end_matches(crate::text::is_blank_char);
    if content.is_empty() {
        return None;
    }
    Some(Line {
        start: content_start,
        end: content_start + content.len(),
        indent: if content_start == line.start {
            line.indent
        } else {
            0
        },
        blank: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        paragraphs(input).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn blank_lines_and_single_lines_both_separate() {
        let input = "Headline here\n\nFirst paragraph is long enough to be a paragraph of text.\nSecond one.\n";
        assert_eq!(
            texts(input),
            [
                "Headline here",
                "First paragraph is long enough to be a paragraph of text.",
                "Second one."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_rejoined() {
        let input = "The council voted on Tuesday to approve the budget for the\n\
                     coming year, after a debate that lasted well into the night\n\
                     and ended with a narrow majority.\n\nNext paragraph.";
        let found = texts(input);
        assert_eq!(found.len(), 2);
        assert!(found[0].starts_with("The council") && found[0].ends_with("narrow majority."));
        assert!(found[0].contains("for the coming year"));
    }

    #[test]
    fn lines_wrapped_at_fifty_columns_join_across_a_name() {
        // Found by the idempotence property (tests/properties.rs): wrapped at 50 columns,
        // every line under 50 (too narrow to prove a wrap on their own), and "Anna" / "Berg"
        // split the paragraph in two; the first part was kept as a heading, and a second
        // cleaning took it for the headline. The lines before ran on mid-sentence.
        let input = "The new route will run every twenty minutes, the\n\
                     hospital's chief executive, Maria Olsen, told the\n\
                     council, and its first bus leaves at six, Anna\n\
                     Berg of the transport office said on Tuesday.\n\n\
                     Next paragraph.";
        let found = texts(input);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("Anna Berg of the transport office"));
        // Short lines of about the same width are a list, not a wrap.
        let menu = "Home and Garden Ideas for the Summer\nSport and Fitness News from the Week\nBusiness and Money Tips for Families";
        assert_eq!(texts(menu).len(), 3);
        // Nor is a byline over its dates: no line before ran on mid-sentence.
        let byline = "By Anna Olsen, Political Correspondent\n\
                      Published Monday 6 January 2020 10:30 GMT\n\
                      Last updated Tuesday 7 January 2020";
        assert_eq!(texts(byline).len(), 3, "{:?}", texts(byline));
    }

    #[test]
    fn a_line_ending_mid_sentence_joins_the_next_one_whatever_its_case() {
        // Found by the idempotence property (tests/properties.rs): "Monday." became a
        // paragraph of its own, kept as a heading, and a second cleaning dropped it.
        let input = "Repairs to the harbour wall at Port Allen were\n\
                     finished two weeks early, the harbour board said on\n\
                     Monday.\n\
                     Fishing boats will be able to use the inner harbour.";
        let found = texts(input);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].ends_with("said on Monday."));
        // Whatever white space stands before the last word.
        assert_eq!(texts(&input.replace(" said on", " said\ton")).len(), 2);
        // A short line ending in such a word is no wrap: "Sign in or" / "Register".
        assert_eq!(texts("Sign in or\nRegister").len(), 2);
    }

    #[test]
    fn markup_is_recorded_and_removed() {
        let found = paragraphs("# **Big news**\n\n* Home\n\n  1. First step\n");
        assert_eq!(found[0].text, "Big news");
        assert_eq!(found[0].heading_level, 1);
        assert_eq!(found[1].text, "Home");
        assert_eq!(found[1].list_marker, Some(ListMarker::Bullet));
        assert_eq!(found[2].text, "1. First step");
        assert_eq!(found[2].indent, 2);
    }

    #[test]
    fn a_paragraph_splits_at_an_offset_into_two_spans() {
        let input = "Posted 2024-05-17 | The harbour wall was\nrepaired on Monday.\n\nNext.";
        let paragraph = &paragraphs(input)[0];
        assert_eq!(paragraph.line_count, 2);
        let at = input.find("The").unwrap();
        let (head, tail) = split_paragraph(input, paragraph, at).unwrap();
        assert_eq!(head.text, "Posted 2024-05-17 |");
        assert_eq!((head.start, head.end), (0, at - 1));
        assert_eq!(tail.text, "The harbour wall was repaired on Monday.");
        assert_eq!((tail.start, tail.end), (at, paragraph.end));
        assert!(head.blank_before && !tail.blank_before);
        // Nothing to split at the edges, inside a character, or before a bullet.
        assert!(split_paragraph(input, paragraph, 0).is_none());
        assert!(split_paragraph(input, paragraph, paragraph.end).is_none());
        let bullet = "Posted 2024-05-17 - item";
        let paragraph = &paragraphs(bullet)[0];
        assert!(split_paragraph(bullet, paragraph, bullet.find("- ").unwrap()).is_none());
        let accented = "Él dijo algo más aquí";
        let paragraph = &paragraphs(accented)[0];
        assert!(split_paragraph(accented, paragraph, 1).is_none());
    }

    #[test]
    fn spans_point_into_the_input() {
        let input = "  😀 Title\r\n\r\nBody text.";
        for paragraph in paragraphs(input) {
            assert!(
                input.is_char_boundary(paragraph.start) && input.is_char_boundary(paragraph.end)
            );
            assert!(!input[paragraph.start..paragraph.end].ends_with('\r'));
        }
    }

    #[test]
    fn lines_are_the_pieces_between_line_feeds_trimmed() {
        // Every ASCII white space byte and some wider ones at either edge, lines of every
        // length around the eight-byte steps, line feeds at the start, the end and in a row.
        let edges = [
            "",
            " ",
            "\t",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{a0}",
            "\u{3000}",
            "\u{200b}",
            "\u{85}",
            "x",
            "é",
            "😀",
            ".",
            // Runs of spaces around the eight-byte steps, and a tab or a wide space after one.
            "       ",
            "        ",
            "         ",
            "                 ",
            "         \t",
            "        \u{a0}",
        ];
        let middles = [
            "",
            "a",
            "word",
            "ab cd ef",
            "a longer line of words.",
            "\t \r",
        ];
        let mut inputs = vec![String::new(), "\n".into(), "\n\n".into()];
        for first in edges {
            for middle in middles {
                for last in edges {
                    let line = format!("{first}{middle}{last}");
                    inputs.push(line.clone());
                    inputs.push(format!("{line}\n{last}{middle}\n\n{first}"));
                    inputs.push(format!("\n{line}\r\n{middle}{first}\n"));
                    inputs.push(format!("{first}{last}{first}{middle}{first}{last}"));
                }
            }
        }
        for input in inputs {
            let found: Vec<_> = lines(&input)
                .iter()
                .map(|line| (line.start, line.end, line.indent, line.blank))
                .collect();
            let by_split: Vec<_> = lines_by_split(&input)
                .iter()
                .map(|line| (line.start, line.end, line.indent, line.blank))
                .collect();
            assert_eq!(found, by_split, "{input:?}");
        }
    }
}
