//! `article-analyzer diff A B`: both articles cleaned as `analyze` cleans them, then the
//! library's [`diff_articles`] of the two, printed for a person (each changed paragraph with
//! its words marked `[-deleted-]{+inserted+}`, then the summary) or as the JSON the page's
//! `diffArticles` gives.
//!
//! The readable form is the page's comparison view (`www/js/diff-layout.js`) in text: the
//! same rows (a paragraph beside its counterpart, a removed one alone on the left, an added
//! one alone on the right, a moved one at its place in each text) and the same marks.

use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use article_analyzer::{
    analyze_one, diff_articles, Article, ArticleDiff, DiffKind, DiffOp, Options, ParagraphChange,
    ParagraphStatus,
};

use crate::arguments::{DiffArguments, DiffFormat};
use crate::errors::CliError;
use crate::inputs;

/// Runs `diff`: reads both files (before printing anything, so an unreadable one fails the
/// run with nothing on stdout), cleans them and prints their diff. Warnings about an input
/// (bytes that were not UTF-8, an empty text) go to standard error, naming the file.
pub fn run(arguments: &DiffArguments) -> Result<(), CliError> {
    let a = read_article(&arguments.a)?;
    let b = read_article(&arguments.b)?;
    let diff = diff_articles(&a, &b);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match arguments.format {
        DiffFormat::Json => {
            serde_json::to_writer(&mut out, &diff).map_err(io::Error::from)?;
            out.write_all(b"\n")?;
        }
        DiffFormat::Text => {
            let names = [&arguments.a, &arguments.b].map(|path| inputs::display_name(Some(path)));
            out.write_all(readable_diff(&diff, &a, &b, &names).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// One file cleaned, as `analyze` would clean it (quotes are not needed for a diff and do not
/// change the cleaned text).
fn read_article(path: &Path) -> Result<Article, CliError> {
    let input = inputs::read_file(path)?;
    let options = Options {
        quotes: Some(false),
        max_article_bytes: None,
    };
    let article = analyze_one(&input.document, &options);
    let name = inputs::display_name(Some(path));
    for warning in input.warning.iter().chain(&article.warnings) {
        eprintln!("article-analyzer: warning: {name}: {warning}");
    }
    Ok(article)
}

/// The diff for a person: a `---`/`+++` header naming the two inputs, the headline's word
/// diff when it changed, one `@@` line per paragraph (or run of unchanged paragraphs) saying
/// what became of it, followed by its text with the edits marked, and the summary sentence.
///
/// In `@@ -3 +4 @@`, `-3` is paragraph 3 of A and `+4` paragraph 4 of B (from 1);
/// `-2,3` is three paragraphs from the second.
pub fn readable_diff(diff: &ArticleDiff, a: &Article, b: &Article, names: &[String; 2]) -> String {
    let mut out = format!("--- {}\n+++ {}\n", names[0], names[1]);
    if diff.summary.identical {
        out.push_str(&diff.summary.sentence);
        out.push('\n');
        return out;
    }
    if diff.summary.title_changed {
        let a_title = Side::new(a.title.as_deref().unwrap_or(""));
        let b_title = Side::new(b.title.as_deref().unwrap_or(""));
        let whole = (Some(0..a_title.utf16_len()), Some(0..b_title.utf16_len()));
        out.push_str("@@ headline @@\n");
        out.push_str(&marked(&diff.title_ops, &a_title, &b_title, whole));
        out.push('\n');
    }
    let (a_text, b_text) = (Side::new(&a.text), Side::new(&b.text));
    let rows = align_paragraphs(&diff.a_paragraphs, &diff.b_paragraphs);
    let mut index = 0;
    while index < rows.len() {
        let row = rows[index];
        if let (Some(first_a), Some(first_b)) = (row.a, row.b) {
            if diff.a_paragraphs[first_a].status == ParagraphStatus::Unchanged {
                let run = rows[index..]
                    .iter()
                    .take_while(|row| {
                        row.b.is_some()
                            && row.a.is_some_and(|a| {
                                diff.a_paragraphs[a].status == ParagraphStatus::Unchanged
                            })
                    })
                    .count();
                out.push_str(&format!(
                    "@@ -{} +{} @@ unchanged\n",
                    paragraphs(first_a, run),
                    paragraphs(first_b, run)
                ));
                index += run;
                continue;
            }
        }
        let mut end = index + 1;
        while end < rows.len() && joined(&rows[index..end], rows[end], diff) {
            end += 1;
        }
        let hunk = &rows[index..end];
        out.push_str(&hunk_header(hunk, &diff.a_paragraphs, &diff.b_paragraphs));
        out.push('\n');
        if let Some(text) = hunk_text(hunk, diff, &a_text, &b_text) {
            out.push_str(&text);
            out.push('\n');
        }
        index = end;
    }
    out.push('\n');
    out.push_str(&diff.summary.sentence);
    out.push('\n');
    out
}

/// Whether `next` is shown with the rows of `hunk`: a paragraph split in two (B's second
/// part has a row of its own) or two merged into one (A's second paragraph has a row of
/// its own) reads as one edit, its paragraph breaks marked, rather than as a paragraph whose
/// words vanished and another whose words came from nowhere.
fn joined(hunk: &[Row], next: Row, diff: &ArticleDiff) -> bool {
    let in_hunk = |a: Option<usize>, b: Option<usize>| {
        hunk.iter()
            .any(|row| (a.is_some() && row.a == a) || (b.is_some() && row.b == b))
    };
    let counterpart = |row: Row| one_sided_changed(row, diff);
    match (
        counterpart(next),
        hunk.last().copied().and_then(counterpart),
    ) {
        (Some((a, b)), _) if in_hunk(a, b) => true,
        (_, Some((a, b))) => (a.is_some() && next.a == a) || (b.is_some() && next.b == b),
        _ => false,
    }
}

/// For a row holding one changed paragraph alone (part of a split or a merge), where its
/// counterpart is: `(Some(i), None)` for paragraph `i` of A, `(None, Some(j))` for `j` of B.
fn one_sided_changed(row: Row, diff: &ArticleDiff) -> Option<(Option<usize>, Option<usize>)> {
    match (row.a, row.b) {
        (Some(i), None) if diff.a_paragraphs[i].status == ParagraphStatus::Changed => {
            Some((None, diff.a_paragraphs[i].other))
        }
        (None, Some(j)) if diff.b_paragraphs[j].status == ParagraphStatus::Changed => {
            Some((diff.b_paragraphs[j].other, None))
        }
        _ => None,
    }
}

/// The paragraphs of one side that `hunk` shows: the first and how many.
fn hunk_span(hunk: &[Row], side: impl Fn(&Row) -> Option<usize>) -> Option<(usize, usize)> {
    let mut indices = hunk.iter().filter_map(side);
    let first = indices.next()?;
    let last = indices.next_back().unwrap_or(first);
    Some((first, last + 1 - first))
}

/// "3" for one paragraph from index 2, "2,3" for three from index 1 (numbered from 1).
fn paragraphs(first: usize, count: usize) -> String {
    if count == 1 {
        format!("{}", first + 1)
    } else {
        format!("{},{count}", first + 1)
    }
}

/// The `@@` line of a hunk that is not unchanged.
fn hunk_header(hunk: &[Row], a: &[ParagraphChange], b: &[ParagraphChange]) -> String {
    let number = |index: Option<usize>| index.map_or(0, |index| index + 1);
    let (a_span, b_span) = (hunk_span(hunk, |row| row.a), hunk_span(hunk, |row| row.b));
    match (a_span, b_span) {
        (Some((i, 1)), None) if a[i].status == ParagraphStatus::Moved => {
            format!("@@ -{} @@ moved to +{}", i + 1, number(a[i].other))
        }
        (None, Some((j, 1))) if b[j].status == ParagraphStatus::Moved => {
            format!("@@ +{} @@ moved from -{}", j + 1, number(b[j].other))
        }
        (Some((i, count)), None) => {
            format!(
                "@@ -{} @@ {}",
                paragraphs(i, count),
                status_name(a[i].status)
            )
        }
        (None, Some((j, count))) => {
            format!(
                "@@ +{} @@ {}",
                paragraphs(j, count),
                status_name(b[j].status)
            )
        }
        (Some((i, a_count)), Some((j, b_count))) => format!(
            "@@ -{} +{} @@ {}",
            paragraphs(i, a_count),
            paragraphs(j, b_count),
            status_name(a[i].status)
        ),
        // `align_paragraphs` makes no empty row.
        (None, None) => String::new(),
    }
}

fn status_name(status: ParagraphStatus) -> &'static str {
    match status {
        ParagraphStatus::Unchanged => "unchanged",
        ParagraphStatus::Changed => "changed",
        ParagraphStatus::Added => "added",
        ParagraphStatus::Removed => "removed",
        ParagraphStatus::Moved => "moved",
    }
}

/// The text shown under a hunk's `@@` line: its paragraphs with their edits marked, the
/// moved paragraph as it reads at its new place, nothing where it moved away from (it is
/// shown where it went).
fn hunk_text(hunk: &[Row], diff: &ArticleDiff, a_text: &Side, b_text: &Side) -> Option<String> {
    let range = |paragraphs: &[ParagraphChange], span: Option<(usize, usize)>| {
        span.map(|(first, count)| paragraphs[first].start..paragraphs[first + count - 1].end)
    };
    let (a_span, b_span) = (hunk_span(hunk, |row| row.a), hunk_span(hunk, |row| row.b));
    let a_range = range(&diff.a_paragraphs, a_span);
    let b_range = range(&diff.b_paragraphs, b_span);
    match (a_span, b_span) {
        (Some((i, _)), None) if diff.a_paragraphs[i].status == ParagraphStatus::Moved => None,
        (None, Some((j, _))) if diff.b_paragraphs[j].status == ParagraphStatus::Moved => {
            b_range.map(|range| b_text.slice(range).to_string())
        }
        _ => Some(marked(&diff.ops, a_text, b_text, (a_range, b_range))),
    }
}

/// One side of a diff: its text, and where each UTF-16 offset falls in its bytes.
struct Side<'t> {
    text: &'t str,
    /// `byte_at[u]` is the byte offset of UTF-16 offset `u` (the start of its character when
    /// `u` falls inside a surrogate pair); one more entry than UTF-16 units, for the end.
    byte_at: Vec<usize>,
}

impl<'t> Side<'t> {
    fn new(text: &'t str) -> Self {
        let mut byte_at = Vec::with_capacity(text.len() + 1);
        for (byte, c) in text.char_indices() {
            for _ in 0..c.len_utf16() {
                byte_at.push(byte);
            }
        }
        byte_at.push(text.len());
        Side { text, byte_at }
    }

    fn utf16_len(&self) -> usize {
        self.byte_at.len() - 1
    }

    /// The text between two UTF-16 offsets (clamped to the text, so offsets from another
    /// version of it cannot panic).
    fn slice(&self, range: Range<usize>) -> &'t str {
        let byte = |offset: usize| self.byte_at[offset.min(self.utf16_len())];
        let (start, end) = (byte(range.start), byte(range.end));
        self.text.get(start..end.max(start)).unwrap_or_default()
    }
}

/// The stretch of text where `ops` and one paragraph (or the whole title) meet, read as A
/// edited into B: kept and inserted words from B, deleted ones from A, the deletions and
/// insertions marked `[-...-]` and `{+...+}`. `ranges` are the paragraph of A and the
/// paragraph of B shown (UTF-16 offsets), `None` for a side the row does not show: a kept
/// word is taken from B when B is shown, else from A.
fn marked(
    ops: &[DiffOp],
    a: &Side,
    b: &Side,
    ranges: (Option<Range<usize>>, Option<Range<usize>>),
) -> String {
    let (a_range, b_range) = ranges;
    let clip = |range: &Option<Range<usize>>, start: usize, end: usize| {
        range.as_ref().and_then(|range| {
            let clipped = start.max(range.start)..end.min(range.end);
            (clipped.start < clipped.end).then_some(clipped)
        })
    };
    let clamp = |range: &Option<Range<usize>>, at: usize| {
        range.as_ref().map(|range| at.clamp(range.start, range.end))
    };
    // Where the last op touching the row ended on each side: the white space from there to
    // the next op is what stands between two pieces.
    let mut a_last = a_range.as_ref().map(|range| range.start);
    let mut b_last = b_range.as_ref().map(|range| range.start);
    let mut out = String::new();
    let mut previous: Option<DiffKind> = None;
    for op in ops_near(ops, &a_range, &b_range) {
        let piece = match op.kind {
            DiffKind::Equal => clip(&b_range, op.b_start, op.b_end)
                .map(|range| (b.slice(range), true))
                .or_else(|| {
                    b_range
                        .is_none()
                        .then(|| clip(&a_range, op.a_start, op.a_end))
                        .flatten()
                        .map(|range| (a.slice(range), false))
                }),
            DiffKind::Delete => clip(&a_range, op.a_start, op.a_end).map(|r| (a.slice(r), false)),
            DiffKind::Insert => clip(&b_range, op.b_start, op.b_end).map(|r| (b.slice(r), true)),
        };
        let a_gap = gap(a, a_last, clamp(&a_range, op.a_start));
        let b_gap = gap(b, b_last, clamp(&b_range, op.b_start));
        if let Some(at) = clamp(&a_range, op.a_end) {
            a_last = a_last.map(|last| last.max(at));
        }
        if let Some(at) = clamp(&b_range, op.b_end) {
            b_last = b_last.map(|last| last.max(at));
        }
        let Some((text, from_b)) = piece else {
            continue;
        };
        // A deletion and the insertion replacing it read best side by side: [-ten-]{+eleven+}.
        let replacing = op.kind == DiffKind::Insert && previous == Some(DiffKind::Delete);
        if previous.is_some() && !replacing {
            let (own, other) = if from_b {
                (b_gap, a_gap)
            } else {
                (a_gap, b_gap)
            };
            // The white space of the piece's own text; where it has none (a word deleted at
            // the start of a paragraph leaves no space before the next in B), the other's,
            // as one space.
            match (own, other) {
                (Some(own), _) if !own.is_empty() => out.push_str(&breaks_as(own, "\n")),
                (_, Some(other)) if !other.is_empty() => out.push(' '),
                _ => {}
            }
        }
        // A paragraph break kept starts a new line; one deleted or inserted (a merge, a
        // split) is a pilcrow inside the marks, so that the marks never span lines.
        match op.kind {
            DiffKind::Equal => out.push_str(&breaks_as(text, "\n")),
            DiffKind::Delete => {
                out.push_str("[-");
                out.push_str(&breaks_as(text, PARAGRAPH_MARK));
                out.push_str("-]");
            }
            DiffKind::Insert => {
                out.push_str("{+");
                out.push_str(&breaks_as(text, PARAGRAPH_MARK));
                out.push_str("+}");
            }
        }
        previous = Some(op.kind);
    }
    out
}

/// The ops that can touch `a_range` or `b_range`: ops come in text order on both sides, so
/// those of one hunk are found by binary search rather than by reading all of them for
/// every hunk (which would make a long text's many hunks quadratic).
fn ops_near<'o>(
    ops: &'o [DiffOp],
    a_range: &Option<Range<usize>>,
    b_range: &Option<Range<usize>>,
) -> &'o [DiffOp] {
    let sides = [
        a_range.as_ref().map(|range| {
            (
                ops.partition_point(|op| op.a_end < range.start),
                ops.partition_point(|op| op.a_start <= range.end),
            )
        }),
        b_range.as_ref().map(|range| {
            (
                ops.partition_point(|op| op.b_end < range.start),
                ops.partition_point(|op| op.b_start <= range.end),
            )
        }),
    ];
    let first = sides.iter().flatten().map(|&(first, _)| first).min();
    let end = sides.iter().flatten().map(|&(_, end)| end).max();
    match (first, end) {
        (Some(first), Some(end)) if first < end => &ops[first..end],
        _ => &[],
    }
}

/// How a paragraph break deleted or inserted is shown.
const PARAGRAPH_MARK: &str = "¶";

/// `text` with each paragraph break (a run of white space holding a blank line) replaced by
/// `mark`; other white space as it is.
fn breaks_as(text: &str, mark: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = String::new();
    let flush = |blank: &mut String, out: &mut String| {
        if blank.matches('\n').count() >= 2 {
            out.push_str(mark);
        } else {
            out.push_str(blank);
        }
        blank.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            blank.push(c);
        } else {
            flush(&mut blank, &mut out);
            out.push(c);
        }
    }
    flush(&mut blank, &mut out);
    out
}

/// The text between `from` and `to` on one side, when the side is shown.
fn gap<'t>(side: &Side<'t>, from: Option<usize>, to: Option<usize>) -> Option<&'t str> {
    match (from, to) {
        (Some(from), Some(to)) if from <= to => Some(side.slice(from..to)),
        _ => None,
    }
}

/// A row of the side-by-side layout: a paragraph of A, of B, or one of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    a: Option<usize>,
    b: Option<usize>,
}

/// Puts the paragraphs of two texts side by side, as the page does (`alignParagraphs` in
/// `www/js/diff-layout.js`): unchanged and changed paragraphs share a row with their
/// counterpart; removed ones stand alone on A's side, added ones on B's, a moved one alone
/// at its place in each text. Every paragraph is in exactly one row, in text order on both
/// sides.
fn align_paragraphs(a: &[ParagraphChange], b: &[ParagraphChange]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    let alone = |paragraph: Option<&ParagraphChange>, statuses: [ParagraphStatus; 2]| {
        paragraph.is_some_and(|paragraph| statuses.contains(&paragraph.status))
    };
    while i < a.len() || j < b.len() {
        let (a_paragraph, b_paragraph) = (a.get(i), b.get(j));
        let take_a = |i: &mut usize| {
            *i += 1;
            Row {
                a: Some(*i - 1),
                b: None,
            }
        };
        let take_b = |j: &mut usize| {
            *j += 1;
            Row {
                a: None,
                b: Some(*j - 1),
            }
        };
        let row = if alone(
            a_paragraph,
            [ParagraphStatus::Removed, ParagraphStatus::Moved],
        ) || b_paragraph.is_none()
        {
            take_a(&mut i)
        } else if alone(
            b_paragraph,
            [ParagraphStatus::Added, ParagraphStatus::Moved],
        ) || a_paragraph.is_none()
        {
            take_b(&mut j)
        } else if a_paragraph.is_some_and(|p| p.other == Some(j))
            || b_paragraph.is_some_and(|p| p.other == Some(i))
        {
            i += 1;
            j += 1;
            Row {
                a: Some(i - 1),
                b: Some(j - 1),
            }
        } else if a_paragraph
            .and_then(|p| p.other)
            .is_some_and(|other| other > j)
        {
            // A paragraph split in two: the part before A's counterpart gets a row of its own.
            take_b(&mut j)
        } else {
            take_a(&mut i)
        };
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article as cleaning leaves it: these tests are of the layout, not of the cleaner.
    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            ..Article::default()
        }
    }

    fn readable(a: &str, b: &str) -> String {
        let (a, b) = (article("a.txt", a), article("b.txt", b));
        readable_diff(
            &diff_articles(&a, &b),
            &a,
            &b,
            &["a.txt".into(), "b.txt".into()],
        )
    }

    const FIRST: &str = "The harbour board met on Tuesday evening to discuss the new quay.";
    const SECOND: &str = "Fishing crews have asked for more berths since the winter storms.";
    const THIRD: &str = "A decision on the plans is expected before the end of the summer.";

    fn text(paragraphs: &[&str]) -> String {
        paragraphs.join("\n\n")
    }

    #[test]
    fn words_are_marked_inside_a_changed_paragraph() {
        let edited = "The harbour board met on Monday evening to discuss the old quay.";
        let out = readable(&text(&[FIRST, SECOND]), &text(&[edited, SECOND]));
        assert!(
            out.contains(
                "@@ -1 +1 @@ changed\nThe harbour board met on [-Tuesday-]{+Monday+} evening to discuss the [-new-]{+old+} quay.\n"
            ),
            "{out}"
        );
        assert!(out.contains("@@ -2 +2 @@ unchanged\n"), "{out}");
        assert!(out.starts_with("--- a.txt\n+++ b.txt\n"), "{out}");
        assert!(out.ends_with("\n\n2 words changed.\n"), "{out}");
    }

    #[test]
    fn words_deleted_or_inserted_alone_keep_their_spacing() {
        let shorter = "The board met on Tuesday evening to discuss the new quay.";
        let longer = "The harbour board met on Tuesday evening to discuss the new quay, at last.";
        let out = readable(&text(&[FIRST, SECOND]), &text(&[shorter, SECOND]));
        assert!(out.contains("\nThe [-harbour-] board met"), "{out}");
        let out = readable(&text(&[FIRST, SECOND]), &text(&[longer, SECOND]));
        assert!(out.contains("the new quay{+, at last+}.\n"), "{out}");
        let out = readable(&text(&[FIRST, SECOND]), &text(&[&FIRST[4..], SECOND]));
        assert!(out.contains("\n[-The-] harbour board"), "{out}");
    }

    #[test]
    fn whole_paragraphs_are_added_removed_and_moved() {
        let out = readable(&text(&[FIRST, SECOND, THIRD]), &text(&[FIRST, SECOND]));
        assert!(
            out.contains(&format!(
                "@@ -1,2 +1,2 @@ unchanged\n@@ -3 @@ removed\n[-{THIRD}-]\n"
            )),
            "{out}"
        );
        let out = readable(&text(&[FIRST, SECOND]), &text(&[FIRST, SECOND, THIRD]));
        assert!(
            out.contains(&format!("@@ +3 @@ added\n{{+{THIRD}+}}\n")),
            "{out}"
        );
        let out = readable(
            &text(&[FIRST, SECOND, THIRD]),
            &text(&[SECOND, THIRD, FIRST]),
        );
        assert!(out.contains("@@ -1 @@ moved to +3\n@@"), "{out}");
        assert!(
            out.contains(&format!("@@ +3 @@ moved from -1\n{FIRST}\n")),
            "{out}"
        );
    }

    #[test]
    fn a_split_or_merged_paragraph_is_one_hunk_with_its_break_marked() {
        let (first_half, second_half) = FIRST.split_at(FIRST.find(" to discuss").unwrap_or(0));
        let split = format!("{first_half}\n\n{}", second_half.trim_start());
        let out = readable(&text(&[FIRST, SECOND]), &text(&[&split, SECOND]));
        assert!(
            out.contains(
                "@@ -1 +1,2 @@ changed\nThe harbour board met on Tuesday evening{+¶+} to discuss the new quay.\n@@ -2 +3 @@ unchanged\n"
            ),
            "{out}"
        );
        let merged = format!("{FIRST} {}", SECOND.replace("winter", "spring"));
        let out = readable(&text(&[FIRST, SECOND, THIRD]), &text(&[&merged, THIRD]));
        assert!(
            out.contains(
                "@@ -1,2 +1 @@ changed\nThe harbour board met on Tuesday evening to discuss the new quay.[-¶-] Fishing crews have asked for more berths since the [-winter-]{+spring+} storms.\n@@ -3 +2 @@ unchanged\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn paragraph_breaks_become_lines_or_marks() {
        assert_eq!(breaks_as("a.\n\nB", "¶"), "a.¶B");
        assert_eq!(breaks_as("a.  \n \n\nB c\nd", "\n"), "a.\nB c\nd");
        assert_eq!(breaks_as("", "¶"), "");
    }

    #[test]
    fn identical_texts_say_so_and_nothing_else() {
        let out = readable(&text(&[FIRST, SECOND]), &text(&[FIRST, SECOND]));
        assert_eq!(
            out,
            "--- a.txt\n+++ b.txt\nNo difference: the same words in the same order.\n"
        );
    }

    #[test]
    fn utf16_offsets_become_the_right_bytes() {
        let side = Side::new("a\u{1F600}é b");
        assert_eq!(side.utf16_len(), 6);
        assert_eq!(side.slice(1..3), "\u{1F600}");
        assert_eq!(side.slice(3..4), "é");
        assert_eq!(side.slice(5..99), "b");
        assert_eq!(side.slice(9..12), "");
    }
}
