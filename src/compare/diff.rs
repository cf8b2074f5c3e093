//! What changed between two texts: a word-level diff of two cleaned bodies (and of their
//! headlines), the paragraphs added, removed, moved or edited, and a summary a person reads
//! ("Headline changed, 1 paragraph removed from the end, 2 words changed.").
//!
//! Texts are cut into tokens: words (as the text room finds them), single punctuation marks,
//! and paragraph breaks (a blank line). White space is not compared, so re-wrapped lines are
//! no change. Two passes:
//!
//! 1. Paragraphs are compared whole (each paragraph's tokens interned to one number): the
//!    paragraphs equal and in the same order are unchanged, and between two of them the
//!    paragraphs that differ form a *region*.
//! 2. In each region the tokens are compared, then short equal runs inside a larger change
//!    are folded into it (the "semantic cleanup" of diff-match-patch): two unrelated
//!    sentences share "the" and "said", and marking those as kept would only make the
//!    change harder to read.
//!
//! A paragraph none of whose tokens is kept was removed (or, on the other side, added); a
//! removed paragraph whose exact twin was added elsewhere was moved. Both passes run
//! `similar`'s Myers search, which bounds its own work on inputs with long edit scripts
//! (two unrelated texts) by accepting a good split instead of the shortest script: no clock
//! is read, so the result is the same on every machine and the page's wasm needs no timer.
//!
//! Offsets in the results are UTF-16 code units, so that in JavaScript
//! `text.slice(op.aStart, op.aEnd)` is the op's stretch of text `a`.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use serde::{Deserialize, Serialize};
use similar::algorithms::{myers, Capture};

use crate::report::Article;
use crate::text::offsets::Utf16Cursor;
use crate::text::{hashed_words, is_blank_char, is_content_word};

/// What an op does to the text: keep it, delete it from `a`, or insert it into `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    /// The same tokens in both texts (the white space between them may differ).
    Equal,
    /// Tokens of `a` that `b` does not have (at this place).
    Delete,
    /// Tokens of `b` that `a` does not have (at this place).
    Insert,
}

/// One run of tokens kept, deleted or inserted. Offsets are UTF-16 code units from the first
/// token's start to the last token's end; the side a deletion or insertion does not touch
/// has an empty range at the place the change stands in that text. Ops come in text order
/// on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffOp {
    /// Kept, deleted or inserted.
    pub kind: DiffKind,
    /// Start of the run in text `a`.
    pub a_start: usize,
    /// End (exclusive) of the run in text `a`; equal to `a_start` for an insertion.
    pub a_end: usize,
    /// Start of the run in text `b`.
    pub b_start: usize,
    /// End (exclusive) of the run in text `b`; equal to `b_start` for a deletion.
    pub b_end: usize,
    /// Number of words in the run (punctuation and paragraph breaks not counted).
    pub words: usize,
    /// Whether the run is a whole paragraph that moved: deleted here and inserted, word for
    /// word, at another place (its twin op is also marked).
    pub moved: bool,
}

/// What became of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphStatus {
    /// The same paragraph is in the other text, in the same order.
    Unchanged,
    /// Edited: some of its words are in the other text, some are not.
    Changed,
    /// Only in `b`.
    Added,
    /// Only in `a`.
    Removed,
    /// In both texts word for word, at another place.
    Moved,
}

/// One paragraph of one text and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParagraphChange {
    /// Start of the paragraph in its text, UTF-16 code units.
    pub start: usize,
    /// End (exclusive), UTF-16 code units.
    pub end: usize,
    /// Unchanged, changed, added, removed or moved.
    pub status: ParagraphStatus,
    /// Index of the corresponding paragraph of the other text: its twin when unchanged or
    /// moved, the paragraph holding most of its kept words when changed; null when added or
    /// removed.
    pub other: Option<usize>,
}

/// Where the paragraphs added (or removed) stand in their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// Before every other paragraph.
    Start,
    /// After every other paragraph.
    End,
    /// One run between other paragraphs.
    Middle,
    /// Several runs.
    Several,
}

/// The counts of a diff and a sentence saying them.
///
/// Every word of `a` is unchanged, changed, removed or in a paragraph removed or moved;
/// every word of `b` unchanged, changed, added or in a paragraph added or moved. The word
/// counts are those inside edited paragraphs: whole paragraphs are counted as paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffSummary {
    /// Nothing differs: the same tokens (white space aside) and, for articles, the same
    /// headline.
    pub identical: bool,
    /// The headlines differ (articles only; always false for two plain texts).
    pub title_changed: bool,
    /// Paragraphs of `b` not in `a`.
    pub paragraphs_added: usize,
    /// Where they stand in `b`; null when none was added or `a` is empty.
    pub paragraphs_added_at: Option<Place>,
    /// Paragraphs of `a` not in `b`.
    pub paragraphs_removed: usize,
    /// Where they stood in `a`; null when none was removed or `b` is empty.
    pub paragraphs_removed_at: Option<Place>,
    /// Paragraphs in both texts word for word, at another place.
    pub paragraphs_moved: usize,
    /// Paragraphs of `a` edited into `b`.
    pub paragraphs_changed: usize,
    /// Paragraphs of `a` in `b` as they were.
    pub paragraphs_unchanged: usize,
    /// Words inserted into edited paragraphs, beyond those replacing deleted words.
    pub words_added: usize,
    /// Words deleted from edited paragraphs, beyond those replaced by inserted words.
    pub words_removed: usize,
    /// Words replaced by others: in each run of deleted and inserted words, the smaller of
    /// the two counts.
    pub words_changed: usize,
    /// The summary as a sentence.
    pub sentence: String,
}

/// The differences between two plain texts (paragraphs separated by blank lines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextDiff {
    /// The word-level diff, in text order.
    pub ops: Vec<DiffOp>,
    /// Each paragraph of `a` and what became of it.
    pub a_paragraphs: Vec<ParagraphChange>,
    /// Each paragraph of `b` and where it came from.
    pub b_paragraphs: Vec<ParagraphChange>,
    /// Counts and a sentence.
    pub summary: DiffSummary,
}

/// The differences between two articles: their headlines and their cleaned bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleDiff {
    /// Id of article `a`.
    pub a: String,
    /// Id of article `b`.
    pub b: String,
    /// The word-level diff of the titles (offsets into each `title`; an article without a
    /// title counts as an empty one).
    pub title_ops: Vec<DiffOp>,
    /// The word-level diff of the cleaned bodies (offsets into each `text`).
    pub ops: Vec<DiffOp>,
    /// Each paragraph of `a`'s text and what became of it.
    pub a_paragraphs: Vec<ParagraphChange>,
    /// Each paragraph of `b`'s text and where it came from.
    pub b_paragraphs: Vec<ParagraphChange>,
    /// Counts (the headline's included) and a sentence.
    pub summary: DiffSummary,
}

/// The differences between two plain texts, from `a` to `b`.
///
/// ```
/// let diff = article_analyzer::diff_texts("The cat sat.", "The cat sat down.");
/// assert_eq!(diff.summary.sentence, "1 word added.");
/// ```
pub fn diff_texts(a: &str, b: &str) -> TextDiff {
    let body = compare(a, b);
    let sentence = sentence(&body, None);
    TextDiff {
        ops: body.ops,
        a_paragraphs: body.a_paragraphs,
        b_paragraphs: body.b_paragraphs,
        summary: DiffSummary {
            sentence,
            ..body.counts
        },
    }
}

/// The differences between two analysed articles, from `a` to `b`: their titles and their
/// cleaned texts (`Article::text`).
pub fn diff_articles(a: &Article, b: &Article) -> ArticleDiff {
    let body = compare(&a.text, &b.text);
    let (a_title, b_title) = (a.title.as_deref(), b.title.as_deref());
    let title = compare(a_title.unwrap_or(""), b_title.unwrap_or(""));
    let title_change = if title.counts.identical {
        None
    } else {
        Some(match (a_title, b_title) {
            (None | Some(""), _) => TitleChange::Added,
            (_, None | Some("")) => TitleChange::Removed,
            _ => TitleChange::Changed,
        })
    };
    let sentence = sentence(&body, title_change);
    ArticleDiff {
        a: a.id.clone(),
        b: b.id.clone(),
        title_ops: title.ops,
        ops: body.ops,
        a_paragraphs: body.a_paragraphs,
        b_paragraphs: body.b_paragraphs,
        summary: DiffSummary {
            identical: body.counts.identical && title_change.is_none(),
            title_changed: title_change.is_some(),
            sentence,
            ..body.counts
        },
    }
}

/// How the headline changed, for the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleChange {
    Added,
    Removed,
    Changed,
}

/// A diff before its sentence is written.
struct Comparison {
    ops: Vec<DiffOp>,
    a_paragraphs: Vec<ParagraphChange>,
    b_paragraphs: Vec<ParagraphChange>,
    counts: DiffSummary,
}

// ---------------------------------------------------------------------------------------
// Tokens.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Word,
    Mark,
    Break,
}

/// A token: its byte range in the text and what it is.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    kind: TokenKind,
    /// Whether the token counts when weighing how much of its paragraph was kept: a
    /// content word (see [`counted_tokens`]).
    counted: bool,
}

/// The number every paragraph break is interned as (a break is a break).
const BREAK_ID: u32 = 0;

/// A text cut into tokens, each with the number its text is interned as, and its paragraphs
/// as ranges of token indices (breaks stand between them, in no paragraph).
struct Tokenised<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    ids: Vec<u32>,
    paragraphs: Vec<Range<usize>>,
    /// For every token, the paragraph it is in (a break: the paragraph before it).
    paragraph_of: Vec<u32>,
}

/// Gives each distinct token text a number, the same in both texts.
#[derive(Default)]
struct Interner<'t> {
    numbers: HashMap<&'t str, u32>,
}

impl<'t> Interner<'t> {
    fn number(&mut self, token: &'t str) -> u32 {
        let next = self.numbers.len() as u32 + 1; // 0 is BREAK_ID
        *self.numbers.entry(token).or_insert(next)
    }
}

fn tokenise<'t>(text: &'t str, interner: &mut Interner<'t>) -> Tokenised<'t> {
    let mut tokens = Vec::new();
    let mut position = 0;
    for word in hashed_words(text) {
        // Words are slices of `text`: the slice's address gives its offset.
        let start = word.text.as_ptr() as usize - text.as_ptr() as usize;
        push_gap_tokens(text, position, start, &mut tokens);
        tokens.push(Token {
            start,
            end: start + word.text.len(),
            kind: TokenKind::Word,
            counted: is_content_word(&word),
        });
        position = start + word.text.len();
    }
    push_gap_tokens(text, position, text.len(), &mut tokens);
    let mut ids = Vec::with_capacity(tokens.len());
    let mut paragraphs = Vec::new();
    let mut paragraph_of = Vec::with_capacity(tokens.len());
    let mut paragraph_start = 0;
    for (index, token) in tokens.iter().enumerate() {
        if token.kind == TokenKind::Break {
            ids.push(BREAK_ID);
            paragraphs.push(paragraph_start..index);
            paragraph_start = index + 1;
        } else {
            ids.push(interner.number(&text[token.start..token.end]));
        }
        paragraph_of.push(paragraphs.len() as u32 - u32::from(token.kind == TokenKind::Break));
    }
    if paragraph_start < tokens.len() {
        paragraphs.push(paragraph_start..tokens.len());
    }
    for paragraph in &paragraphs {
        counted_tokens(&mut tokens[paragraph.clone()]);
    }
    Tokenised {
        text,
        tokens,
        ids,
        paragraphs,
        paragraph_of,
    }
}

/// Settles which tokens of a paragraph count when weighing how much of it was kept: its
/// content words, which two unrelated paragraphs rarely share in order (while "the", "of"
/// and commas they always do); a paragraph without any counts its words, one without words
/// its marks.
fn counted_tokens(paragraph: &mut [Token]) {
    if paragraph.iter().any(|token| token.counted) {
        return;
    }
    let has_words = paragraph.iter().any(|token| token.kind == TokenKind::Word);
    for token in paragraph {
        token.counted = !has_words || token.kind == TokenKind::Word;
    }
}

/// The tokens between two words: a mark for each character that is neither white space
/// nor part of a word, and a paragraph break for a blank line between two tokens.
fn push_gap_tokens(text: &str, from: usize, to: usize, tokens: &mut Vec<Token>) {
    let mut newlines_since_token = 0;
    let mut blank_start = None;
    for (offset, c) in text[from..to].char_indices() {
        let at = from + offset;
        if is_blank_char(c) {
            if c == '\n' {
                newlines_since_token += 1;
            }
            blank_start.get_or_insert(at);
            continue;
        }
        if newlines_since_token >= 2 && !tokens.is_empty() {
            tokens.push(Token {
                start: blank_start.unwrap_or(at),
                end: at,
                kind: TokenKind::Break,
                counted: false,
            });
        }
        newlines_since_token = 0;
        blank_start = None;
        tokens.push(Token {
            start: at,
            end: at + c.len_utf8(),
            kind: TokenKind::Mark,
            counted: false,
        });
    }
    // A blank line before the next word (the gap ends where a word starts).
    if newlines_since_token >= 2 && !tokens.is_empty() && to < text.len() {
        tokens.push(Token {
            start: blank_start.unwrap_or(to),
            end: to,
            kind: TokenKind::Break,
            counted: false,
        });
    }
}

impl Tokenised<'_> {
    /// Number of words among tokens `range`.
    fn words_in(&self, range: Range<usize>) -> usize {
        self.tokens[range]
            .iter()
            .filter(|token| token.kind == TokenKind::Word)
            .count()
    }

    /// Number of tokens (words and marks) of paragraph `paragraph`.
    fn words_and_marks(&self, paragraph: usize) -> usize {
        self.paragraphs[paragraph].len()
    }
}

// ---------------------------------------------------------------------------------------
// Comparing.

/// A stretch of tokens (indices into each text's tokens) kept, or changed: the `a` part
/// deleted and the `b` part inserted (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Equal(Range<usize>, Range<usize>),
    Change(Range<usize>, Range<usize>),
}

fn compare(a_text: &str, b_text: &str) -> Comparison {
    let mut interner = Interner::default();
    let a = tokenise(a_text, &mut interner);
    let b = tokenise(b_text, &mut interner);
    let pieces = pieces(&a, &b);
    let (mut a_status, mut b_status) = paragraph_statuses(&a, &b, &pieces);
    pair_moved_paragraphs(&a, &b, &mut a_status, &mut b_status);
    let ops = ops(&a, &b, &pieces, &a_status, &b_status);
    let counts = counts(&a, &b, &pieces, &a_status, &b_status);
    Comparison {
        ops,
        a_paragraphs: paragraph_changes(&a, &a_status),
        b_paragraphs: paragraph_changes(&b, &b_status),
        counts,
    }
}

/// The whole texts as pieces: runs of unchanged paragraphs, and each region between them
/// compared token by token.
fn pieces(a: &Tokenised, b: &Tokenised) -> Vec<Piece> {
    let mut paragraph_numbers = HashMap::new();
    let a_numbers = number_paragraphs(a, &mut paragraph_numbers);
    let b_numbers = number_paragraphs(b, &mut paragraph_numbers);
    let mut pieces = Vec::new();
    let (mut a_next, mut b_next) = (0, 0); // paragraphs not yet in a piece
    for op in myers_ops(&a_numbers, &b_numbers) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            compare_region(a, b, a_next..old_index, b_next..new_index, &mut pieces);
            pieces.push(Piece::Equal(
                token_span(a, old_index..old_index + len),
                token_span(b, new_index..new_index + len),
            ));
            a_next = old_index + len;
            b_next = new_index + len;
        }
    }
    compare_region(
        a,
        b,
        a_next..a.paragraphs.len(),
        b_next..b.paragraphs.len(),
        &mut pieces,
    );
    pieces
}

/// Each paragraph's tokens as one number, the same for the same tokens in both texts.
fn number_paragraphs<'x>(text: &'x Tokenised, numbers: &mut HashMap<&'x [u32], u32>) -> Vec<u32> {
    text.paragraphs
        .iter()
        .map(|range| {
            let next = numbers.len() as u32;
            *numbers.entry(&text.ids[range.clone()]).or_insert(next)
        })
        .collect()
}

/// The tokens of a run of paragraphs (with the breaks between them).
fn token_span(text: &Tokenised, paragraphs: Range<usize>) -> Range<usize> {
    if paragraphs.is_empty() {
        // An empty run stands before the paragraph at its start.
        let at = text
            .paragraphs
            .get(paragraphs.start)
            .map_or(text.tokens.len(), |p| p.start);
        return at..at;
    }
    text.paragraphs[paragraphs.start].start..text.paragraphs[paragraphs.end - 1].end
}

/// Compares the tokens of paragraphs `a_paragraphs` of `a` with `b_paragraphs` of `b`.
fn compare_region(
    a: &Tokenised,
    b: &Tokenised,
    a_paragraphs: Range<usize>,
    b_paragraphs: Range<usize>,
    pieces: &mut Vec<Piece>,
) {
    if a_paragraphs.is_empty() && b_paragraphs.is_empty() {
        return;
    }
    let a_span = token_span(a, a_paragraphs.clone());
    let b_span = token_span(b, b_paragraphs.clone());
    if a_span.is_empty() || b_span.is_empty() {
        pieces.push(Piece::Change(a_span, b_span));
        return;
    }
    let mut region = Vec::new();
    for op in myers_ops(&a.ids[a_span.clone()], &b.ids[b_span.clone()]) {
        let (old, new) = (op.old_range(), op.new_range());
        let a_range = a_span.start + old.start..a_span.start + old.end;
        let b_range = b_span.start + new.start..b_span.start + new.end;
        let piece = match op {
            similar::DiffOp::Equal { .. } => Piece::Equal(a_range, b_range),
            _ => Piece::Change(a_range, b_range),
        };
        push_merged(&mut region, piece);
    }
    slide_to_paragraph_edges(a, b, &mut region);
    let mut a_dissolved = vec![false; a_paragraphs.len()];
    let mut b_dissolved = vec![false; b_paragraphs.len()];
    for _ in 0..MAX_DISSOLVING_ROUNDS {
        region = fold(region);
        let a_newly = mark_rewritten(a, &region, a_paragraphs.start, &mut a_dissolved, Side::A);
        let b_newly = mark_rewritten(b, &region, b_paragraphs.start, &mut b_dissolved, Side::B);
        if !a_newly && !b_newly {
            break;
        }
        region = dissolve(
            a,
            b,
            region,
            (a_paragraphs.start, &a_dissolved),
            (b_paragraphs.start, &b_dissolved),
        );
    }
    pieces.extend(fold(region));
}

/// Rounds of [`mark_rewritten`] and [`dissolve`] in one region at most. A round dissolves
/// every paragraph that keeps too little at once; the next only those whose partners it
/// dissolved. Real edits settle in two or three rounds; a longer chain is contrived, and
/// stopping it leaves some paragraphs "changed" with few kept words, in linear time.
const MAX_DISSOLVING_ROUNDS: usize = 8;

/// Folds short equal runs (see [`fold_short_equal_runs`]) through a whole region.
fn fold(region: Vec<Piece>) -> Vec<Piece> {
    let mut folded = Vec::with_capacity(region.len());
    for piece in region {
        if !piece.is_empty() {
            push_merged(&mut folded, piece);
            fold_short_equal_runs(&mut folded);
        }
    }
    folded
}

/// Which text of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    A,
    B,
}

/// Share of a paragraph's counted tokens (its content words) that must be kept for it to be
/// an edit of a paragraph of the other text rather than a paragraph removed (or added) and
/// another one written in its place. Unrelated paragraphs keep almost none of their content
/// words in order (the "the"s and "said"s they share are not counted); an edited one keeps
/// most: a correction changes a few words, a rewrite most of them. Half is where one turns
/// into the other.
const MIN_KEPT_SHARE: f64 = 0.5;

/// Marks the paragraphs of one side of a region that keep less than [`MIN_KEPT_SHARE`] of
/// their counted tokens; true when one was newly marked.
fn mark_rewritten(
    text: &Tokenised,
    region: &[Piece],
    first_paragraph: usize,
    dissolved: &mut [bool],
    side: Side,
) -> bool {
    // Per paragraph: counted tokens kept, and whether any token is kept at all.
    let mut kept = vec![(0usize, false); dissolved.len()];
    for piece in region {
        let Piece::Equal(a_range, b_range) = piece else {
            continue;
        };
        let range = if side == Side::A { a_range } else { b_range };
        for index in range.clone() {
            let token = text.tokens[index];
            if token.kind != TokenKind::Break {
                let entry = &mut kept[text.paragraph_of[index] as usize - first_paragraph];
                entry.0 += usize::from(token.counted);
                entry.1 = true;
            }
        }
    }
    let mut newly = false;
    for (offset, (kept, touched)) in kept.into_iter().enumerate() {
        let paragraph = &text.tokens[text.paragraphs[first_paragraph + offset].clone()];
        let counted = paragraph.iter().filter(|token| token.counted).count();
        if !dissolved[offset] && touched && (kept as f64) < MIN_KEPT_SHARE * counted as f64 {
            dissolved[offset] = true;
            newly = true;
        }
    }
    newly
}

/// The region with every kept token of a marked paragraph (on either side) turned into a
/// change: that paragraph is then wholly removed or added, and its former partner may in
/// turn keep too little (the caller checks again).
fn dissolve(
    a: &Tokenised,
    b: &Tokenised,
    region: Vec<Piece>,
    (a_first, a_dissolved): (usize, &[bool]),
    (b_first, b_dissolved): (usize, &[bool]),
) -> Vec<Piece> {
    let is_dissolved = |a_index: usize, b_index: usize| {
        a_dissolved[a.paragraph_of[a_index] as usize - a_first]
            || b_dissolved[b.paragraph_of[b_index] as usize - b_first]
    };
    let mut result = Vec::with_capacity(region.len());
    for piece in region {
        let Piece::Equal(a_range, b_range) = piece else {
            push_merged(&mut result, piece);
            continue;
        };
        let shift = b_range.start as isize - a_range.start as isize;
        let mut start = a_range.start;
        while start < a_range.end {
            let dissolved = is_dissolved(start, start.wrapping_add_signed(shift));
            let mut end = start + 1;
            while end < a_range.end
                && is_dissolved(end, end.wrapping_add_signed(shift)) == dissolved
            {
                end += 1;
            }
            let b_part = start.wrapping_add_signed(shift)..end.wrapping_add_signed(shift);
            let part = if dissolved {
                Piece::Change(start..end, b_part)
            } else {
                Piece::Equal(start..end, b_part)
            };
            push_merged(&mut result, part);
            start = end;
        }
    }
    result
}

impl Piece {
    fn is_empty(&self) -> bool {
        match self {
            Piece::Equal(a, _) => a.is_empty(),
            Piece::Change(a, b) => a.is_empty() && b.is_empty(),
        }
    }
}

/// Moves each pure insertion or deletion to the place, among the equally short ones, where
/// it starts and ends at paragraph edges. "mat. ¶ New paragraph." inserted after "mat" can
/// also be read as "¶ New paragraph." inserted after "mat."; only the second reads as a
/// paragraph added. Myers' search picks either; this settles it (git's diff slides hunks to
/// blank lines for the same reason).
fn slide_to_paragraph_edges(a: &Tokenised, b: &Tokenised, pieces: &mut [Piece]) {
    for index in 1..pieces.len().saturating_sub(1) {
        let [before, change, after] = &mut pieces[index - 1..=index + 1] else {
            continue;
        };
        let (
            Piece::Equal(before_a, before_b),
            Piece::Change(change_a, change_b),
            Piece::Equal(after_a, after_b),
        ) = (&*before, &*change, &*after)
        else {
            continue;
        };
        // The side holding the run, and its neighbours' ranges on that side.
        let (text, run, kept_before, kept_after) = match (change_a.is_empty(), change_b.is_empty())
        {
            (true, false) => (b, change_b.clone(), before_b.len(), after_b.len()),
            (false, true) => (a, change_a.clone(), before_a.len(), after_a.len()),
            _ => continue,
        };
        let Some(shift) = best_shift(text, run, kept_before, kept_after) else {
            continue;
        };
        let shifted = |range: &Range<usize>, start: bool, end: bool| {
            let move_by = |at: usize| at.wrapping_add_signed(shift);
            (if start {
                move_by(range.start)
            } else {
                range.start
            })..(if end { move_by(range.end) } else { range.end })
        };
        let new_before = Piece::Equal(
            shifted(before_a, false, true),
            shifted(before_b, false, true),
        );
        let new_change =
            Piece::Change(shifted(change_a, true, true), shifted(change_b, true, true));
        let new_after = Piece::Equal(shifted(after_a, true, false), shifted(after_b, true, false));
        *before = new_before;
        *change = new_change;
        *after = new_after;
    }
}

/// How far (in tokens, negative: towards the start) run `run` of `text` can slide so that
/// it starts and ends at paragraph edges; None when it is best where it is. A run can slide
/// left while its last token repeats the one before it, right while its first token repeats
/// the one after it, and never past the equal runs around it.
fn best_shift(
    text: &Tokenised,
    run: Range<usize>,
    kept_before: usize,
    kept_after: usize,
) -> Option<isize> {
    let ids = &text.ids;
    let at_edge_before = |start: usize| {
        start == 0
            || text.tokens[start - 1].kind == TokenKind::Break
            || text.tokens[start].kind == TokenKind::Break
    };
    let at_edge_after = |end: usize| {
        end == text.tokens.len()
            || text.tokens[end].kind == TokenKind::Break
            || text.tokens[end - 1].kind == TokenKind::Break
    };
    let score = |start: usize, end: usize| {
        usize::from(at_edge_before(start)) + usize::from(at_edge_after(end))
    };
    let mut best = (score(run.start, run.end), 0isize);
    let mut left = 1;
    while left <= kept_before && ids[run.start - left] == ids[run.end - left] {
        let candidate = score(run.start - left, run.end - left);
        if candidate > best.0 {
            best = (candidate, -(left as isize));
        }
        left += 1;
    }
    let mut right = 1;
    while right <= kept_after && ids[run.start + right - 1] == ids[run.end + right - 1] {
        let candidate = score(run.start + right, run.end + right);
        if candidate > best.0 {
            best = (candidate, right as isize);
        }
        right += 1;
    }
    (best.1 != 0).then_some(best.1)
}

/// Appends a piece, joining it to the last one when both are changes.
fn push_merged(pieces: &mut Vec<Piece>, piece: Piece) {
    if let (Some(Piece::Change(a, b)), Piece::Change(next_a, next_b)) = (pieces.last_mut(), &piece)
    {
        a.end = next_a.end;
        b.end = next_b.end;
        return;
    }
    pieces.push(piece);
}

/// Folds an equal run standing between two changes into one change when it is shorter
/// than either change (counted in tokens, the larger side of each): diff-match-patch's
/// semantic cleanup. What is left reads as "this sentence became that one" instead of a
/// comb of one-word edits around kept "the"s and commas. Runs at the region's edges stay:
/// they touch unchanged paragraphs. Checked each time a piece is added, backing up after a
/// fold (the grown change may swallow the equal run before it), so the work is linear.
fn fold_short_equal_runs(pieces: &mut Vec<Piece>) {
    loop {
        match pieces.as_slice() {
            [.., Piece::Change(a1, b1), Piece::Equal(a2, _), Piece::Change(a3, b3)] => {
                // Strictly shorter than both: "the [mat]" kept between "red" inserted before
                // it and a sentence inserted after it is a real anchor, not noise.
                let kept = a2.len();
                if kept >= a1.len().max(b1.len()) || kept >= a3.len().max(b3.len()) {
                    return;
                }
                let merged = Piece::Change(a1.start..a3.end, b1.start..b3.end);
                pieces.truncate(pieces.len() - 3);
                pieces.push(merged);
            }
            _ => return,
        }
    }
}

/// Myers' diff of two sequences (with `similar`'s bounded search), as equal, delete and
/// insert ops.
pub(super) fn myers_ops(a: &[u32], b: &[u32]) -> Vec<similar::DiffOp> {
    let mut capture = Capture::new();
    // Capture never fails: its error type is uninhabited.
    let Ok(()) = myers::diff(&mut capture, a, 0..a.len(), b, 0..b.len());
    capture.into_ops()
}

/// What became of a paragraph, and its counterpart in the other text.
type Verdict = (ParagraphStatus, Option<usize>);

/// Each paragraph's status from the pieces: those inside an equal piece of unchanged
/// paragraphs keep their twin; inside a region, a paragraph with no kept token was removed
/// (added), any other one changed. Counterparts: the paragraph of the other text holding
/// most of the kept tokens.
fn paragraph_statuses(
    a: &Tokenised,
    b: &Tokenised,
    pieces: &[Piece],
) -> (Vec<Verdict>, Vec<Verdict>) {
    let mut a_kept = vec![Vec::<(u32, usize)>::new(); a.paragraphs.len()];
    let mut b_kept = vec![Vec::<(u32, usize)>::new(); b.paragraphs.len()];
    for piece in pieces {
        let Piece::Equal(a_range, b_range) = piece else {
            continue;
        };
        for (a_index, b_index) in a_range.clone().zip(b_range.clone()) {
            if a.tokens[a_index].kind == TokenKind::Break {
                continue;
            }
            let (a_paragraph, b_paragraph) = (a.paragraph_of[a_index], b.paragraph_of[b_index]);
            count_counterpart(&mut a_kept[a_paragraph as usize], b_paragraph);
            count_counterpart(&mut b_kept[b_paragraph as usize], a_paragraph);
        }
    }
    let status = |text: &Tokenised, other: &Tokenised, kept: Vec<Vec<(u32, usize)>>, alone| {
        kept.into_iter()
            .enumerate()
            .map(|(index, counterparts)| {
                let Some(&(twin, count)) = counterparts.iter().max_by_key(|(_, count)| *count)
                else {
                    return (alone, None);
                };
                let twin = twin as usize;
                let whole = count == text.words_and_marks(index)
                    && counterparts.len() == 1
                    && text.ids[text.paragraphs[index].clone()]
                        == other.ids[other.paragraphs[twin].clone()];
                let status = if whole {
                    ParagraphStatus::Unchanged
                } else {
                    ParagraphStatus::Changed
                };
                (status, Some(twin))
            })
            .collect()
    };
    (
        status(a, b, a_kept, ParagraphStatus::Removed),
        status(b, a, b_kept, ParagraphStatus::Added),
    )
}

/// Counts one kept token of a paragraph towards the other text's `paragraph` (kept tokens
/// come in order, so a paragraph's counterparts are a short increasing list).
fn count_counterpart(counterparts: &mut Vec<(u32, usize)>, paragraph: u32) {
    match counterparts.last_mut() {
        Some((last, count)) if *last == paragraph => *count += 1,
        _ => counterparts.push((paragraph, 1)),
    }
}

/// Pairs each removed paragraph of `a` with an added paragraph of `b` of exactly the same
/// tokens, in text order: those moved.
fn pair_moved_paragraphs(
    a: &Tokenised,
    b: &Tokenised,
    a_status: &mut [Verdict],
    b_status: &mut [Verdict],
) {
    let mut removed: HashMap<&[u32], VecDeque<usize>> = HashMap::new();
    for (index, (status, _)) in a_status.iter().enumerate() {
        if *status == ParagraphStatus::Removed {
            removed
                .entry(&a.ids[a.paragraphs[index].clone()])
                .or_default()
                .push_back(index);
        }
    }
    if removed.is_empty() {
        return;
    }
    for (b_index, b_entry) in b_status.iter_mut().enumerate() {
        if b_entry.0 != ParagraphStatus::Added {
            continue;
        }
        let key = &b.ids[b.paragraphs[b_index].clone()];
        if let Some(a_index) = removed.get_mut(key).and_then(VecDeque::pop_front) {
            *b_entry = (ParagraphStatus::Moved, Some(a_index));
            a_status[a_index] = (ParagraphStatus::Moved, Some(b_index));
        }
    }
}

/// The pieces as ops with UTF-16 offsets; a change is a deletion then an insertion, each
/// cut where a moved paragraph starts or ends so that the move is an op of its own.
fn ops(
    a: &Tokenised,
    b: &Tokenised,
    pieces: &[Piece],
    a_status: &[Verdict],
    b_status: &[Verdict],
) -> Vec<DiffOp> {
    // Token ranges first (in text order on both sides), offsets after, in one pass each.
    let mut runs: Vec<(DiffKind, Range<usize>, Range<usize>, bool)> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Equal(a_range, b_range) => {
                if let Some((DiffKind::Equal, last_a, last_b, _)) = runs.last_mut() {
                    last_a.end = a_range.end;
                    last_b.end = b_range.end;
                } else {
                    runs.push((DiffKind::Equal, a_range.clone(), b_range.clone(), false));
                }
            }
            Piece::Change(a_range, b_range) => {
                for (part, moved) in split_at_moves(a, a_range.clone(), a_status) {
                    let at = b_range.start..b_range.start;
                    runs.push((DiffKind::Delete, part, at, moved));
                }
                for (part, moved) in split_at_moves(b, b_range.clone(), b_status) {
                    let at = a_range.end..a_range.end;
                    runs.push((DiffKind::Insert, at, part, moved));
                }
            }
        }
    }
    let mut a_offsets = TokenOffsets::new(a);
    let mut b_offsets = TokenOffsets::new(b);
    runs.into_iter()
        .map(|(kind, a_range, b_range, moved)| {
            let (a_start, a_end) = a_offsets.span(a_range.clone());
            let (b_start, b_end) = b_offsets.span(b_range.clone());
            let words = match kind {
                DiffKind::Insert => b.words_in(b_range),
                _ => a.words_in(a_range),
            };
            DiffOp {
                kind,
                a_start,
                a_end,
                b_start,
                b_end,
                words,
                moved,
            }
        })
        .collect()
}

/// `range` cut into parts that are each either a moved paragraph (true) or not (false).
fn split_at_moves(
    text: &Tokenised,
    range: Range<usize>,
    status: &[Verdict],
) -> Vec<(Range<usize>, bool)> {
    let mut parts: Vec<(Range<usize>, bool)> = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let paragraph = text.paragraph_of[start] as usize;
        let moved = text.tokens[start].kind != TokenKind::Break
            && status[paragraph].0 == ParagraphStatus::Moved;
        let end = if moved {
            text.paragraphs[paragraph].end.min(range.end)
        } else {
            // Up to the next moved paragraph's start.
            let mut end = start + 1;
            while end < range.end
                && !(text.tokens[end].kind != TokenKind::Break
                    && status[text.paragraph_of[end] as usize].0 == ParagraphStatus::Moved)
            {
                end += 1;
            }
            end
        };
        parts.push((start..end, moved));
        start = end;
    }
    // Paragraph breaks at a part's edges are the white space around the paragraphs it
    // deletes or inserts, not part of them; a part of breaks only (a paragraph split or two
    // joined) stays as it is, unless it is what a move left over.
    let is_break = |index: usize| text.tokens[index].kind == TokenKind::Break;
    let whole = parts.len() == 1;
    parts
        .into_iter()
        .filter_map(|(mut part, moved)| {
            let start = part.start;
            let end = part.end;
            while part.start < part.end && is_break(part.start) {
                part.start += 1;
            }
            while part.start < part.end && is_break(part.end - 1) {
                part.end -= 1;
            }
            match (part.is_empty(), whole) {
                (false, _) => Some((part, moved)),
                (true, true) => Some((start..end, moved)),
                (true, false) => None,
            }
        })
        .collect()
}

/// UTF-16 offsets of token boundaries, for ranges given in increasing order.
struct TokenOffsets<'t> {
    text: &'t Tokenised<'t>,
    cursor: Utf16Cursor<'t>,
}

impl<'t> TokenOffsets<'t> {
    fn new(text: &'t Tokenised<'t>) -> Self {
        TokenOffsets {
            text,
            cursor: Utf16Cursor::new(text.text),
        }
    }

    /// The UTF-16 span of tokens `range`; an empty range is an empty span at the end of the
    /// token before it (or at the start of the text).
    fn span(&mut self, range: Range<usize>) -> (usize, usize) {
        if range.is_empty() {
            let at = match range.start {
                0 => 0,
                index => self.text.tokens[index - 1].end,
            };
            let at = self.cursor.to_utf16(at);
            return (at, at);
        }
        let start = self.cursor.to_utf16(self.text.tokens[range.start].start);
        let end = self.cursor.to_utf16(self.text.tokens[range.end - 1].end);
        (start, end)
    }
}

/// The paragraphs of a text with their UTF-16 spans and statuses.
fn paragraph_changes(text: &Tokenised, status: &[Verdict]) -> Vec<ParagraphChange> {
    let mut cursor = Utf16Cursor::new(text.text);
    text.paragraphs
        .iter()
        .zip(status)
        .map(|(range, &(status, other))| {
            let start = cursor.to_utf16(text.tokens[range.start].start);
            let end = cursor.to_utf16(text.tokens[range.end - 1].end);
            ParagraphChange {
                start,
                end,
                status,
                other,
            }
        })
        .collect()
}

/// The counts of a comparison (its sentence still empty).
fn counts(
    a: &Tokenised,
    b: &Tokenised,
    pieces: &[Piece],
    a_status: &[Verdict],
    b_status: &[Verdict],
) -> DiffSummary {
    let count = |status: &[Verdict], wanted| status.iter().filter(|(s, _)| *s == wanted).count();
    let (mut words_added, mut words_removed, mut words_changed) = (0, 0, 0);
    let mut identical = true;
    for piece in pieces {
        let Piece::Change(a_range, b_range) = piece else {
            continue;
        };
        identical = false;
        let edited_words = |text: &Tokenised, range: &Range<usize>, status: &[_]| {
            range
                .clone()
                .filter(|&index| {
                    text.tokens[index].kind == TokenKind::Word
                        && matches!(
                            status[text.paragraph_of[index] as usize],
                            (ParagraphStatus::Changed, _)
                        )
                })
                .count()
        };
        let deleted = edited_words(a, a_range, a_status);
        let inserted = edited_words(b, b_range, b_status);
        let replaced = deleted.min(inserted);
        words_changed += replaced;
        words_removed += deleted - replaced;
        words_added += inserted - replaced;
    }
    DiffSummary {
        identical,
        title_changed: false,
        paragraphs_added: count(b_status, ParagraphStatus::Added),
        paragraphs_added_at: place(b_status, ParagraphStatus::Added),
        paragraphs_removed: count(a_status, ParagraphStatus::Removed),
        paragraphs_removed_at: place(a_status, ParagraphStatus::Removed),
        paragraphs_moved: count(a_status, ParagraphStatus::Moved),
        paragraphs_changed: count(a_status, ParagraphStatus::Changed),
        paragraphs_unchanged: count(a_status, ParagraphStatus::Unchanged),
        words_added,
        words_removed,
        words_changed,
        sentence: String::new(),
    }
}

/// Where the paragraphs of status `wanted` stand among the others.
fn place(status: &[Verdict], wanted: ParagraphStatus) -> Option<Place> {
    let is_wanted = |index: usize| status[index].0 == wanted;
    let first_other = (0..status.len()).find(|&i| !is_wanted(i))?;
    let last_other = (0..status.len()).rev().find(|&i| !is_wanted(i))?;
    let runs = runs_of(status.iter().map(|(s, _)| *s), wanted);
    if runs == 0 {
        return None;
    }
    let before = (0..first_other).any(is_wanted);
    let after = (last_other + 1..status.len()).any(is_wanted);
    Some(match (runs, before, after) {
        (1, true, _) => Place::Start,
        (1, _, true) => Place::End,
        (1, _, _) => Place::Middle,
        _ => Place::Several,
    })
}

/// Number of runs of consecutive paragraphs of status `wanted`.
fn runs_of(statuses: impl Iterator<Item = ParagraphStatus>, wanted: ParagraphStatus) -> usize {
    let mut runs = 0;
    let mut inside = false;
    for status in statuses {
        let is_wanted = status == wanted;
        if is_wanted && !inside {
            runs += 1;
        }
        inside = is_wanted;
    }
    runs
}

// ---------------------------------------------------------------------------------------
// The sentence.

/// The summary in words: "Headline changed, 3 paragraphs added at the end, 12 words
/// changed."
fn sentence(body: &Comparison, title: Option<TitleChange>) -> String {
    let counts = &body.counts;
    if counts.identical && title.is_none() {
        return if body.ops.is_empty() {
            "Both texts are empty.".into()
        } else {
            "No difference: the same words in the same order.".into()
        };
    }
    let mut parts: Vec<String> = Vec::new();
    match title {
        Some(TitleChange::Added) => parts.push("headline added".into()),
        Some(TitleChange::Removed) => parts.push("headline removed".into()),
        Some(TitleChange::Changed) => parts.push("headline changed".into()),
        None => {}
    }
    if counts.paragraphs_added > 0 {
        let runs = runs_of(
            body.b_paragraphs.iter().map(|p| p.status),
            ParagraphStatus::Added,
        );
        let place = match counts.paragraphs_added_at {
            Some(Place::Start) => " at the start".to_string(),
            Some(Place::End) => " at the end".to_string(),
            Some(Place::Middle) => " in the middle".to_string(),
            Some(Place::Several) => format!(" in {runs} places"),
            None => String::new(),
        };
        parts.push(format!(
            "{} added{place}",
            count_of(counts.paragraphs_added, "paragraph")
        ));
    }
    if counts.paragraphs_removed > 0 {
        let runs = runs_of(
            body.a_paragraphs.iter().map(|p| p.status),
            ParagraphStatus::Removed,
        );
        let place = match counts.paragraphs_removed_at {
            Some(Place::Start) => " from the start".to_string(),
            Some(Place::End) => " from the end".to_string(),
            Some(Place::Middle) => " from the middle".to_string(),
            Some(Place::Several) => format!(" from {runs} places"),
            None => String::new(),
        };
        parts.push(format!(
            "{} removed{place}",
            count_of(counts.paragraphs_removed, "paragraph")
        ));
    }
    if counts.paragraphs_moved > 0 {
        parts.push(format!(
            "{} moved",
            count_of(counts.paragraphs_moved, "paragraph")
        ));
    }
    let word_parts = [
        (counts.words_changed, "changed"),
        (counts.words_added, "added"),
        (counts.words_removed, "removed"),
    ];
    let mut said_words = false;
    for (count, what) in word_parts {
        if count > 0 {
            let noun = if said_words {
                String::new()
            } else {
                format!(" {}", if count == 1 { "word" } else { "words" })
            };
            // "12 words changed, 3 added": the noun once.
            parts.push(format!("{count}{noun} {what}"));
            said_words = true;
        }
    }
    if !said_words && counts.paragraphs_changed > 0 {
        parts.push(format!(
            "punctuation changed in {}",
            count_of(counts.paragraphs_changed, "paragraph")
        ));
    }
    if parts.is_empty() {
        // Only paragraph breaks differ: a paragraph split or two joined.
        parts.push("paragraphs split or joined differently".into());
    }
    let mut sentence = parts.join(", ");
    // Every part starts with an ASCII letter or digit.
    if let Some(first) = sentence.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    sentence.push('.');
    sentence
}

fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        let mut interner = Interner::default();
        let tokens = tokenise(text, &mut interner);
        tokens
            .tokens
            .iter()
            .map(|token| (token.kind, &text[token.start..token.end]))
            .collect()
    }

    #[test]
    fn tokens_are_words_marks_and_blank_lines() {
        use TokenKind::*;
        assert_eq!(
            kinds("Don’t go, Ana!\r\n \r\n“Yes.”\nNo"),
            [
                (Word, "Don’t"),
                (Word, "go"),
                (Mark, ","),
                (Word, "Ana"),
                (Mark, "!"),
                (Break, "\r\n \r\n"),
                (Mark, "“"),
                (Word, "Yes"),
                (Mark, "."),
                (Mark, "”"),
                (Word, "No"),
            ]
        );
        assert!(kinds("  \n\n ").is_empty());
    }

    #[test]
    fn paragraphs_know_their_tokens_and_content_words() {
        let mut interner = Interner::default();
        let text = tokenise("The harbour reopened.\n\nIt is so.\n\n***", &mut interner);
        assert_eq!(text.paragraphs, [0..4, 5..9, 10..13]);
        assert_eq!(text.paragraph_of, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2]);
        let counted: Vec<bool> = text.tokens.iter().map(|token| token.counted).collect();
        assert_eq!(
            counted,
            // "harbour", "reopened"; no content word: every word; no word: every mark.
            [false, true, true, false, false, true, true, true, false, false, true, true, true]
        );
    }

    #[test]
    fn a_short_equal_run_between_two_longer_changes_is_folded_into_them() {
        let mut pieces = vec![
            Piece::Change(0..3, 0..2),
            Piece::Equal(3..4, 2..3),
            Piece::Change(4..6, 3..6),
        ];
        fold_short_equal_runs(&mut pieces);
        assert_eq!(pieces, [Piece::Change(0..6, 0..6)]);
        let mut anchored = vec![
            Piece::Change(0..0, 0..1),
            Piece::Equal(0..1, 1..2),
            Piece::Change(1..1, 2..9),
        ];
        fold_short_equal_runs(&mut anchored);
        assert_eq!(anchored.len(), 3, "as long as one change: an anchor, kept");
    }

    #[test]
    fn an_insertion_slides_to_start_at_a_paragraph_break() {
        let mut interner = Interner::default();
        let a = tokenise("The mat.", &mut interner);
        let b = tokenise("The mat.\n\nNew words.", &mut interner);
        // "mat. ¶ New words" inserted after "The" and before ".": as short as "¶ New words."
        // after "The mat.", which is a paragraph.
        let mut pieces = vec![
            Piece::Equal(0..2, 0..2),
            Piece::Change(2..2, 2..6),
            Piece::Equal(2..3, 6..7),
        ];
        assert_eq!(best_shift(&b, 2..6, 2, 1), Some(1));
        slide_to_paragraph_edges(&a, &b, &mut pieces);
        assert_eq!(
            pieces,
            [
                Piece::Equal(0..3, 0..3),
                Piece::Change(3..3, 3..7),
                Piece::Equal(3..3, 7..7)
            ]
        );
    }
}
