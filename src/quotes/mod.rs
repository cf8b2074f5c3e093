//! Quotes: finds the quotations in an article's kept paragraphs (`marks`), says who said
//! each one and how (`attribution`, with the article's table of people and organisations in
//! `speakers` and the word lists of `lexicon`), and gives them with UTF-16 offsets.
//!
//! May use the text room and the report's types; knows nothing of how the paragraphs were
//! chosen (cleaning) or of other articles.

mod attribution;
mod casing;
mod cues;
mod lexicon;
mod marks;
mod names;
mod sources;
mod speakers;
mod tokens;
mod word_key;
mod word_table;

use std::ops::Range;

use crate::report::{Block, Quote};
use crate::text::offsets::ByteCursor;
use crate::text::Lowercase;
use marks::find_quotations;

/// The quotes of the kept blocks of an article cleaned from `input`: found here, attributed
/// by [`attribution`].
pub fn extract(input: &str, blocks: &[Block]) -> Vec<Quote> {
    extract_with_spans(input, &kept_spans(input, blocks))
}

/// [`extract`], given the kept blocks as byte spans of `input` (in order, on character
/// boundaries), as the cleaner knows them: no UTF-16 offset is turned back into bytes.
pub fn extract_with_spans(input: &str, kept_spans: &[Range<usize>]) -> Vec<Quote> {
    let quotations = find_quotations(input, kept_spans);
    attribution::attribute(input, kept_spans, &quotations)
}

/// The verb a reporting cue is a form of ("say" for "said" and "says"), so that two articles
/// using one verb in another tense are not told apart; any other cue ("according to", ":")
/// in lowercase.
pub fn cue_base(cue: &str) -> String {
    // Cues are nearly always lowercase already: borrowed, not copied, for the lookup.
    let lower = Lowercase::of(cue);
    match lexicon::quote_lexicon().verb(&lower) {
        Some(verb) => verb.base.to_string(),
        None => lower.into_owned(),
    }
}

/// Byte spans of the kept blocks, whose offsets are UTF-16 units (one pass over the input).
fn kept_spans(input: &str, blocks: &[Block]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut cursor = ByteCursor::new(input);
    for block in blocks {
        let start = cursor.byte_at(block.start);
        let end = cursor.byte_at(block.end);
        if block.kept {
            spans.push(start..end);
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::BlockKind;

    #[test]
    fn an_article_attributed_after_another_gets_the_same_quotes() {
        // Attribution keeps its buffers from one article to the next on a thread: what an
        // earlier article leaves in them must not show.
        let whole = |text: &str| std::iter::once(0..text.len()).collect::<Vec<_>>();
        let later =
            "“We will build it,” said Mayor Luc Dumas. He smiled.\n\n“Not now,” Dumas added.";
        let earlier = "President Anna Berg met Émile Zola 😀. “It is late,” she said of the plan.\n\nBerg’s aide, Tom Reyes, said the vote was “a farce”. “No,” Reyes said.\n\nDumas DUMAS dumas.";
        let alone = extract_with_spans(later, &whole(later));
        assert!(!alone.is_empty());
        assert!(!extract_with_spans(earlier, &whole(earlier)).is_empty());
        assert_eq!(extract_with_spans(later, &whole(later)), alone);
        assert_eq!(extract_with_spans("", &[]), Vec::new());
        assert_eq!(extract_with_spans(later, &whole(later)), alone);
    }

    #[test]
    fn kept_spans_turn_utf16_offsets_into_byte_offsets_past_any_character() {
        let input = "Lede “quoted” text.\n\nÉmile 😀 wrote: ‘yes’.\n\nEnd.";
        // Each paragraph's UTF-16 span, counted the slow way.
        let mut blocks = Vec::new();
        let mut expected = Vec::new();
        let mut byte = 0;
        for (index, paragraph) in input.split("\n\n").enumerate() {
            let start = input[..byte].encode_utf16().count();
            let end = start + paragraph.encode_utf16().count();
            let kept = index != 1;
            blocks.push(Block {
                start,
                end,
                kind: BlockKind::Body,
                kept,
                reason: std::borrow::Cow::Borrowed(""),
            });
            if kept {
                expected.push(byte..byte + paragraph.len());
            }
            byte += paragraph.len() + 2;
        }
        assert_eq!(kept_spans(input, &blocks), expected);
        // Offsets past the end stop at the end.
        let beyond = Block {
            start: 0,
            end: 1000,
            kind: BlockKind::Body,
            kept: true,
            reason: std::borrow::Cow::Borrowed(""),
        };
        assert_eq!(kept_spans(input, &[beyond]), vec![0..input.len()]);
    }
}
