//! How a statement changed from one outlet to another: each quote of a quote group compared
//! with the group's reference, its longest quote (the centre every other member matched),
//! word by word, with a label a person understands ([`QuoteChangeLabel`]) and whether the
//! speaker or the reporting verb differ.
//!
//! Words are compared as the text room hashes them (lowercase, apostrophes made straight,
//! punctuation left out), in order: a quote's wording is its words and their order.

use super::diff::myers_ops;
use super::quote_groups::QuoteSummary;
use crate::report::{QuoteChange, QuoteChangeLabel};
use crate::text::sorting;

/// A shortened (extended) quote keeps all the other's words but one in this many: an
/// excerpt transcribed by another outlet may differ by a spelling ("organisation") or a
/// slip, and still be the same words; more differences are a rewording.
const WORDS_PER_TOLERATED_DIFFERENCE: usize = 10;

/// Places, inside an excerpt, where words of the longer quote may be left out (an ellipsis
/// or two); an excerpt missing words in more places is a rewording, not a cut.
const MAX_ELISIONS: usize = 2;

/// Share of the shorter quote's words that must stand in the other in the same order for
/// a rewording; below it the two share the remark's content (their stems grouped them) but
/// hardly any wording: another translation, or a paraphrase.
const MIN_REWORDED_SHARE: f64 = 0.5;

/// The change of the group's reference itself.
pub fn reference(quote: &QuoteSummary) -> QuoteChange {
    QuoteChange {
        label: QuoteChangeLabel::Reference,
        words_shared: quote.words.len(),
        words_added: 0,
        words_dropped: 0,
        words_changed: 0,
        speaker_differs: false,
        cue_differs: false,
    }
}

/// How `member` differs from its group's `reference`.
pub fn compare(reference: &QuoteSummary, member: &QuoteSummary) -> QuoteChange {
    let edits = WordEdits::between(&reference.words, &member.words);
    let (reference_length, member_length) = (reference.words.len(), member.words.len());
    let excerpt_of = |shorter: usize, unmatched: usize, elisions: usize| {
        unmatched <= shorter / WORDS_PER_TOLERATED_DIFFERENCE && elisions <= MAX_ELISIONS
    };
    let label = if reference.words == member.words {
        QuoteChangeLabel::Identical
    } else if member_length < reference_length
        && excerpt_of(
            member_length,
            member_length - edits.shared,
            edits.inner_drops,
        )
    {
        QuoteChangeLabel::Shortened
    } else if member_length > reference_length
        && excerpt_of(
            reference_length,
            reference_length - edits.shared,
            edits.inner_additions,
        )
    {
        QuoteChangeLabel::Extended
    } else if edits.shared as f64 >= MIN_REWORDED_SHARE * member_length.min(reference_length) as f64
    {
        QuoteChangeLabel::Reworded
    } else {
        QuoteChangeLabel::DifferentTranslation
    };
    QuoteChange {
        label,
        words_shared: edits.shared,
        words_added: edits.added,
        words_dropped: edits.dropped,
        words_changed: edits.changed,
        speaker_differs: reference.speaker.to_lowercase() != member.speaker.to_lowercase(),
        cue_differs: reference.cue != member.cue,
    }
}

/// The word diff of two quotes in counts.
#[derive(Debug, Default, PartialEq, Eq)]
struct WordEdits {
    /// Words kept, in order.
    shared: usize,
    /// Words of the second not in the first, beyond replacements.
    added: usize,
    /// Words of the first not in the second, beyond replacements.
    dropped: usize,
    /// Words replaced: per run of changes, the smaller of the dropped and added counts.
    changed: usize,
    /// Runs of words dropped between two kept words (an elision inside the excerpt).
    inner_drops: usize,
    /// Runs of words added between two kept words.
    inner_additions: usize,
}

impl WordEdits {
    fn between(first: &[u64], second: &[u64]) -> WordEdits {
        // Word hashes as small numbers: the text diff compares u32 token numbers, and one
        // type for both keeps one copy of the diff code in the page's WebAssembly.
        let mut numbers: Vec<u64> = first.iter().chain(second).copied().collect();
        sorting::sort(&mut numbers);
        numbers.dedup();
        let number = |hash: &u64| numbers.partition_point(|n| n < hash) as u32;
        let first: Vec<u32> = first.iter().map(number).collect();
        let second: Vec<u32> = second.iter().map(number).collect();
        let ops = myers_ops(&first, &second);
        let mut edits = WordEdits::default();
        let (mut dropped, mut added) = (0, 0);
        let mut kept_before = false;
        for op in ops {
            match op {
                similar::DiffOp::Equal { len, .. } => {
                    edits.settle(&mut dropped, &mut added, kept_before);
                    edits.shared += len;
                    kept_before = true;
                }
                similar::DiffOp::Delete { old_len, .. } => dropped += old_len,
                similar::DiffOp::Insert { new_len, .. } => added += new_len,
                similar::DiffOp::Replace {
                    old_len, new_len, ..
                } => {
                    dropped += old_len;
                    added += new_len;
                }
            }
        }
        // Changes after the last kept word are at the edge: a cut, not an elision.
        edits.settle(&mut dropped, &mut added, false);
        edits
    }

    /// Counts a run of `dropped` and `added` words (ended by a kept word, or the end) and
    /// empties both; `inner`: a kept word stood before the run as well.
    fn settle(&mut self, dropped: &mut usize, added: &mut usize, inner: bool) {
        let replaced = (*dropped).min(*added);
        self.changed += replaced;
        self.dropped += *dropped - replaced;
        self.added += *added - replaced;
        if inner {
            self.inner_drops += usize::from(*dropped > 0);
            self.inner_additions += usize::from(*added > 0);
        }
        *dropped = 0;
        *added = 0;
    }
}
