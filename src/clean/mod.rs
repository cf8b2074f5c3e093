//! The cleaner: decides for every paragraph of a pasted page whether it is the article's
//! body, and if not, what it is (title, byline, date, caption, credit, related content,
//! boilerplate, duplicate) and why.
//!
//! How: the text is cut into paragraphs (`paragraph`; a date stamp run into a paragraph is
//! split off by `stamps`), each is measured (`features`) and
//! judged on its own (`noise`, whose phrases and patterns are the files of
//! `src/clean/lexicon/`, loaded by `lexicon`); a quality class (jusText's idea: length,
//! stopword density, sentence punctuation) gives it a weight, and the article body is the
//! contiguous run of paragraphs with the highest total weight, plus further runs that
//! continue its topic (`body`). Inside the body, related-content regions (a marker, then
//! headlines, teasers and dates about other stories) are removed whole, short lines before
//! body text become headings (`verdicts`), and repeats are dropped (`repeats`). Title,
//! author and date come from `metadata`.
//!
//! May use the text room and the report's types; knows nothing of quotes, of other
//! articles, or of the wasm and command-line front doors. It never rewrites text beyond the
//! normalisations of [`crate::text`], and it does not look at HTML structure (the input is
//! plain text).

mod body;
mod features;
mod lexicon;
mod metadata;
mod noise;
mod paragraph;
mod repeats;
mod stamps;
mod verdicts;

use crate::report::{Article, Block, BlockOverride};
use crate::text::count_bytes;
use crate::text::offsets::Utf16Cursor;
use body::find_body;
use metadata::Metadata;
use paragraph::{analyse, Analysed};
use verdicts::*;

/// Cleans one article.
pub fn clean_article(input: &str, overrides: &[BlockOverride]) -> Article {
    let mut warnings = Vec::new();
    if input.chars().all(crate::text::is_blank_char) {
        warnings.push(if input.is_empty() {
            "the text is empty: paste or drop an article to clean it".to_string()
        } else {
            "the text holds only white space: paste or drop an article to clean it".to_string()
        });
        return Article {
            warnings,
            ..Article::default()
        };
    }
    if looks_binary(input) {
        warnings.push(
            "the text looks like binary data (many control or undecodable characters), not an article; the result is probably meaningless"
                .to_string(),
        );
    }
    let analysed = analyse(input);
    let (mut verdicts, metadata) = decide(&analysed);
    apply_overrides(&mut verdicts, overrides, &mut warnings);
    let mut article = assemble(input, &analysed, verdicts, warnings);
    article.title = metadata.title_text;
    article.author = metadata.author;
    article.date = metadata.date;
    article
}

fn decide(analysed: &[Analysed]) -> (Vec<Verdict>, Metadata) {
    let (in_body, vocabulary) = find_body(analysed);
    let mut verdicts = region_verdicts(analysed, &in_body, &vocabulary);
    let body_start = in_body.iter().position(|&b| b);
    // Captions first: the metadata never comes from a photo's caption or its title.
    mark_captions_above_credits(analysed, &mut verdicts);
    mark_photo_titles(analysed, &mut verdicts);
    let standing: Vec<metadata::Standing> = verdicts
        .iter()
        .map(|verdict| metadata::Standing {
            kept: verdict.kept,
            kind: verdict.kind,
        })
        .collect();
    let metadata = metadata::find(analysed, &standing, body_start.unwrap_or(0), &|content| {
        vocabulary.topic_share(content, false)
    });
    mark_date_labels(analysed, &mut verdicts);
    apply_metadata(&metadata, &mut verdicts);
    if let Some(title) = metadata.title {
        mark_headline_copies(analysed, title, &mut verdicts);
        keep_standfirst(analysed, title, &vocabulary, &mut verdicts);
    }
    if let Some(author) = &metadata.author {
        drop_author_bio(analysed, author, &mut verdicts);
    }
    drop_repeats(analysed, metadata.title, &mut verdicts);
    (verdicts, metadata)
}

fn assemble(
    input: &str,
    analysed: &[Analysed],
    verdicts: Vec<Verdict>,
    warnings: Vec<String>,
) -> Article {
    let mut cursor = Utf16Cursor::new(input);
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(analysed.len());
    for (item, verdict) in analysed.iter().zip(verdicts) {
        if verdict.kept && !item.paragraph.text.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&item.paragraph.text);
        }
        let start = cursor.to_utf16(item.paragraph.start);
        let end = cursor.to_utf16(item.paragraph.end);
        blocks.push(Block {
            start,
            end,
            kind: verdict.kind,
            kept: verdict.kept,
            reason: verdict.reason,
        });
    }
    Article {
        text,
        blocks,
        warnings,
        ..Article::default()
    }
}

/// Whether the text looks like binary data: many control characters or replacement
/// characters (from undecodable bytes).
fn looks_binary(input: &str) -> bool {
    let sample = &input.as_bytes()[..input.len().min(4096)];
    let control_bytes = count_bytes(sample, |b| {
        (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')) || b == 0x7F
    });
    // U+FFFD, the replacement for undecodable bytes, is EF BF BD in UTF-8. EF is rare in
    // text, so the three-byte search seldom runs.
    let replacements = if sample.contains(&0xEF) {
        sample
            .windows(3)
            .filter(|w| *w == [0xEF, 0xBF, 0xBD])
            .count()
    } else {
        0
    };
    let suspicious_bytes = control_bytes + 3 * replacements;
    suspicious_bytes * 10 > sample.len()
}
