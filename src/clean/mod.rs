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
//! A page read from HTML ([`crate::markup::Page`]) takes the same path: its blocks become
//! the paragraphs, and what the markup tells (`structure`: the block's element, its
//! ancestors, link density, class and id hints) informs the same verdicts; the page's
//! metadata candidates are reconciled with the visible text by `page_metadata`.
//!
//! May use the text and markup rooms and the report's types; knows nothing of quotes, of
//! other articles, or of the wasm and command-line front doors. It never rewrites text
//! beyond the normalisations of [`crate::text`].

mod body;
mod features;
mod lexicon;
mod metadata;
mod noise;
mod page_metadata;
mod paragraph;
mod repeats;
mod stamps;
mod structure;
mod verdicts;

use std::ops::Range;

use crate::markup::{Page, Tag};
use crate::report::{Article, Block, BlockOverride};
use crate::text::count_bytes;
use crate::text::offsets::Utf16Cursor;
use crate::text::segment::{ListMarker, Paragraph};
use crate::text::ArticleWords;
use body::{body_runs_weighted, find_body, weights, Vocabulary};
use metadata::Metadata;
use paragraph::{analyse, analyse_paragraphs, Analysed};
use structure::{read_structure, Structure};
use verdicts::*;

/// What the cleaner hands on besides the article: what it already knew of the kept
/// paragraphs, so that their readers need not work it out again.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// The cleaned article.
    pub article: Article,
    /// The words of its paragraphs as the cleaner found them, for the readers of the
    /// cleaned text (the story summary, the duplicate fingerprint).
    pub words: ArticleWords,
    /// The byte span in the input of every kept block, in order: what the quote finder
    /// reads, which the blocks' UTF-16 offsets would otherwise have to be turned back into.
    pub kept_spans: Vec<Range<usize>>,
}

/// Cleans one article (see [`Cleaned`] for what comes with it).
pub fn clean_article(input: &str, overrides: &[BlockOverride]) -> Cleaned {
    let mut warnings = Vec::new();
    if input.chars().all(crate::text::is_blank_char) {
        warnings.push(if input.is_empty() {
            "the text is empty: paste or drop an article to clean it".to_string()
        } else {
            "the text holds only white space: paste or drop an article to clean it".to_string()
        });
        let article = Article {
            warnings,
            ..Article::default()
        };
        return Cleaned {
            article,
            ..Cleaned::default()
        };
    }
    if looks_binary(input) {
        warnings.push(
            "the text looks like binary data (many control or undecodable characters), not an article; the result is probably meaningless"
                .to_string(),
        );
    }
    let (analysed, mut words) = analyse(input);
    let (verdicts, metadata) = decide(&analysed);
    let (article, kept_spans) = finish_article(
        input, &analysed, &mut words, verdicts, metadata, overrides, warnings,
    );
    Cleaned {
        article,
        words,
        kept_spans,
    }
}

/// Cleans one page read from HTML: its blocks are the paragraphs, judged by the same rules
/// as pasted text's. Offsets in the article, and the kept spans, refer to the page's
/// `source`.
pub fn clean_page(page: &Page, overrides: &[BlockOverride]) -> Cleaned {
    let input = page.source.as_str();
    let mut warnings = Vec::new();
    if page.blocks.is_empty() {
        warnings.push(
            "the page has no visible text (only markup, scripts or styles): there is nothing to clean"
                .to_string(),
        );
        let article = Article {
            warnings,
            ..Article::default()
        };
        return Cleaned {
            article,
            ..Cleaned::default()
        };
    }
    let paragraphs = page
        .blocks
        .iter()
        .map(|block| Paragraph {
            start: block.start,
            end: block.end,
            text: block.text.clone(),
            indent: 0,
            list_marker: (block.tag == Tag::Li).then_some(ListMarker::Bullet),
            heading_level: block.heading_level,
            emphasized: block.is_strong(),
            line_count: 1,
            blank_before: true,
        })
        .collect();
    let (analysed, mut words) = analyse_paragraphs(input, paragraphs);
    let structure = read_structure(page, &analysed);
    let (main_weights, extra_weights) = page_weights(&analysed, &structure);
    let same_text = |a: usize, b: usize| structure.same_element(page, a, b);
    let (mut in_body, vocabulary) =
        body_runs_weighted(&analysed, &main_weights, &extra_weights, &same_text);
    let closing_lines = extend_over_closing_lines(&analysed, &structure, &same_text, &mut in_body);
    let in_list = |marker: usize, index: usize| structure.in_list_of(page, marker, index);
    let holds_link: Vec<bool> = structure
        .block_of
        .iter()
        .map(|&block| page.blocks[block].link_chars > 0)
        .collect();
    let bounds = ListBounds {
        in_list: Some(&in_list),
        may_be_headline: Some(&holds_link),
    };
    let mut verdicts = region_verdicts_bounded(&analysed, &in_body, &vocabulary, &bounds);
    for (index, verdict) in verdicts.iter_mut().enumerate() {
        if let Some(furniture) = &structure.furniture[index] {
            *verdict = Verdict::removed(furniture.kind, furniture.reason.clone());
        } else if closing_lines.contains(&index) {
            *verdict = Verdict::kept(
                crate::report::BlockKind::Body,
                "closing line of the article (in brackets after its text: a credit or a note)",
            );
        } else if in_body[index] && !verdict.kept && is_label_verdict(verdict) {
            let tag = page.blocks[structure.block_of[index]].tag;
            if is_paragraph_element(tag) {
                *verdict = Verdict::kept(
                    crate::report::BlockKind::Body,
                    "short line of article text (a paragraph or list item of its own)",
                );
            }
        } else if verdict.kind == crate::report::BlockKind::Heading
            && matches!(
                page.blocks[structure.block_of[index]].tag,
                Tag::Li | Tag::Cell
            )
        {
            // A list item or a table cell before prose is an item of its list, not a heading.
            *verdict = Verdict::kept(
                crate::report::BlockKind::Body,
                "short line of article text (a list item or table cell)",
            );
        }
    }
    let body_start = in_body.iter().position(|&b| b).unwrap_or(0);
    let body_end = in_body
        .iter()
        .rposition(|&b| b)
        .map_or(analysed.len(), |last| last + 1);
    let reconcile = |found: Metadata, standing: &[metadata::Standing]| {
        let body = body_start..body_end;
        page_metadata::reconcile(page, &analysed, &structure, standing, body, found)
    };
    let (mut verdicts, metadata) =
        finish_verdicts(&analysed, &in_body, &vocabulary, verdicts, &reconcile);
    keep_repeats_of_the_article(
        &analysed,
        &structure,
        &in_body,
        metadata.title,
        &mut verdicts,
    );
    drop_headings_over_no_text(&analysed, &mut verdicts);
    let (article, kept_spans) = finish_article(
        input, &analysed, &mut words, verdicts, metadata, overrides, warnings,
    );
    Cleaned {
        article,
        words,
        kept_spans,
    }
}

/// Most closing lines after an article's last paragraph that join it: a credit, an
/// editor's note or a pointer to a chart runs to a line or three; more bracketed lines in a
/// row are something else (a list of sources, a table of notes) that the text rules judge.
pub const MAX_CLOSING_LINES: usize = 3;

/// Extends the body over the article's closing asides: the lines right after the body's
/// last paragraph, in the same element as it (siblings of the article's paragraphs), set
/// whole in parentheses or brackets ("(Reporting by ...; Editing by ...)", "(Graphic: ...)",
/// "[This story has been corrected ...]"), that neither the markup nor a local rule calls
/// anything else. Writers and agencies bracket what they add after the text; the text
/// rules end the body at its last run of prose, since such a line weighs too little to
/// extend it, but on a page the element says it is still the article's (templates put the
/// next box, share bar, related links or comments, in an element of its own). Unbracketed
/// short lines there (a gallery's captions, "Category: ...") are left to the text rules.
/// Returns the closing lines, which are kept whatever the local rules said of them.
fn extend_over_closing_lines(
    analysed: &[Analysed],
    structure: &Structure,
    same_text: &dyn Fn(usize, usize) -> bool,
    in_body: &mut [bool],
) -> std::ops::Range<usize> {
    let Some(last) = in_body.iter().rposition(|&b| b) else {
        return 0..0;
    };
    let mut end = last + 1;
    while end < analysed.len() && end - last <= MAX_CLOSING_LINES {
        // A credit names the reporters ("(Reporting by ...)"): the local rules read a byline
        // in it, but after the text, in brackets, it closes the article.
        let judged_otherwise = analysed[end]
            .noise
            .as_ref()
            .is_some_and(|noise| noise.kind != crate::report::BlockKind::Byline);
        let closing = same_text(last, end)
            && structure.furniture[end].is_none()
            && !judged_otherwise
            && is_bracketed(&analysed[end].paragraph.text);
        if !closing {
            break;
        }
        in_body[end] = true;
        end += 1;
    }
    last + 1..end
}

/// Whether a line is set whole in parentheses or square brackets.
fn is_bracketed(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with('(') && text.ends_with(')')) || (text.starts_with('[') && text.ends_with(']'))
}

/// Keeps the article's own copy of a line the page shows twice for a reason.
///
/// - Lines an article repeats section after section: a meal plan's "Eat every 2-3 hours"
///   under each meal, a product's features under each model, an interview's questions put
///   to each guest. Inside the article's own element and its body, a copy of a kept
///   paragraph that stands under an `<h1>`..`<h6>` of its own (a new section) is the
///   section's text, not the page showing something twice: a template's repeats (the
///   standfirst shown again above the text, a teaser in two layouts) sit in the same
///   section as their first copy, or outside the article's element, and still go.
/// - Headings a table of contents or a menu lists first: the entry the markup sets apart
///   (in navigation) only points at the article's section, whose heading is the original.
///   The headline's copies are left as they are.
///
/// Pages only; pasted text keeps every repeat dropped, since it has no element to hold the
/// article and no markup to set a menu apart.
fn keep_repeats_of_the_article(
    analysed: &[Analysed],
    structure: &Structure,
    in_body: &[bool],
    title: Option<usize>,
    verdicts: &mut [Verdict],
) {
    use crate::report::BlockKind;
    let words: Vec<(&[u64], u64)> = analysed
        .iter()
        .map(|item| (item.tokens.hashes(), item.key))
        .collect();
    let in_article_body =
        |index: usize| structure.in_article[index] == Some(true) && in_body[index];
    let headline_key = title.map(|title| analysed[title].key);
    for (index, earlier) in repeats::earlier_repeats(&words).into_iter().enumerate() {
        let Some(earlier) = earlier else { continue };
        if verdicts[index].kind != BlockKind::Duplicate
            || !in_article_body(index)
            || Some(analysed[index].key) == headline_key
        {
            continue;
        }
        let new_section = || {
            (earlier + 1..index).any(|between| {
                verdicts[between].kind == BlockKind::Heading
                    && analysed[between].paragraph.heading_level > 0
            })
        };
        let kind = if verdicts[earlier].kept && in_article_body(earlier) && new_section() {
            verdicts[earlier].kind
        } else if !verdicts[earlier].kept
            && structure.is_elsewhere(earlier)
            && analysed[index].paragraph.heading_level > 0
        {
            BlockKind::Heading
        } else {
            continue;
        };
        let reason = if kind == BlockKind::Heading && !verdicts[earlier].kept {
            format!(
                "section heading inside the article (paragraph {}, a menu entry, points to it)",
                earlier + 1
            )
        } else {
            format!(
                "repeats paragraph {} in a section of its own (a line each section of the article repeats)",
                earlier + 1
            )
        };
        verdicts[index] = Verdict::kept(kind, reason);
    }
}

/// Drops the headings that head none of the article's text: a heading introduces the text
/// of its section (up to the next heading of its rank or higher), so one whose section keeps
/// no text at all heads the furniture that follows it, a newsletter box ("Stay up to date"),
/// a search box or the tags, which are already gone. Only on pages, where `<h1>`..`<h6>`
/// give each heading its rank; pasted text keeps its verdicts.
fn drop_headings_over_no_text(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    use crate::report::BlockKind;
    // A bold line or other heading outside `<h1>`..`<h6>` ranks below them all.
    let rank = |index: usize| match analysed[index].paragraph.heading_level {
        0 => 7,
        level => level,
    };
    let is_heading = |verdict: &Verdict| verdict.kind == BlockKind::Heading;
    for index in 0..verdicts.len() {
        if !(verdicts[index].kept && is_heading(&verdicts[index])) {
            continue;
        }
        let heads_text = verdicts[index + 1..]
            .iter()
            .enumerate()
            .take_while(|&(offset, verdict)| {
                !(is_heading(verdict) && rank(index + 1 + offset) <= rank(index))
            })
            .any(|(_, verdict)| {
                verdict.kept && !is_heading(verdict) && verdict.kind != BlockKind::Title
            });
        if !heads_text {
            verdicts[index] = Verdict::removed(
                BlockKind::Heading,
                "heading over no text of the article (it heads the furniture after it)",
            );
        }
    }
}

/// Whether the text rules removed a paragraph inside the body only for being a short line
/// that reads like a label or a menu entry: on a page, the element it stands in may say
/// otherwise.
fn is_label_verdict(verdict: &Verdict) -> bool {
    verdict.kind == crate::report::BlockKind::Boilerplate && verdict.reason == LABEL_REASON
}

/// Elements that hold a paragraph of text of their own: a short line set as one inside the
/// body is a line of the article (a list's item, a table's cell, a table of dates written as
/// paragraphs), where a `<div>` or `<span>` line is more often a label or a button.
fn is_paragraph_element(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P | Tag::Li | Tag::Dd | Tag::Dt | Tag::Blockquote | Tag::Pre | Tag::Cell
    )
}

/// Weight of furniture the markup settles, by kind: as the local rules weigh the same kinds
/// (see [`body::weight`]).
fn furniture_weight(kind: crate::report::BlockKind) -> f64 {
    use crate::report::BlockKind;
    match kind {
        BlockKind::Related => -3.0,
        BlockKind::Byline | BlockKind::Date | BlockKind::Caption | BlockKind::Credit => -0.5,
        _ => -1.5,
    }
}

/// Least weight of a paragraph inside the article's element that no rule calls furniture:
/// headings, list items and short lines there hold the article together instead of cutting
/// it into runs.
pub const ARTICLE_ELEMENT_FLOOR: f64 = 0.05;

/// Share of its weight prose outside the article's element keeps when it joins the body
/// beside the main run (it must still share the body's topic).
pub const OUTSIDE_ARTICLE_SHARE: f64 = 0.5;

/// The weights of a page's paragraphs for the main run and for the runs joining it: the text
/// weights, furniture weighed as furniture, and when the page has an article element, the
/// main run kept inside it.
fn page_weights(analysed: &[Analysed], structure: &Structure) -> (Vec<f64>, Vec<f64>) {
    let base = weights(analysed);
    let mut main = Vec::with_capacity(base.len());
    let mut extra = Vec::with_capacity(base.len());
    for (index, &weight) in base.iter().enumerate() {
        if let Some(furniture) = &structure.furniture[index] {
            let weight = furniture_weight(furniture.kind).min(weight);
            // Inside the article's element, furniture (a figure's caption, a box of links)
            // does not cut the article in two: the main run passes over it.
            main.push(if structure.in_article[index] == Some(true) {
                0.0
            } else {
                weight
            });
            extra.push(weight);
            continue;
        }
        match structure.in_article[index] {
            Some(true) if analysed[index].noise.is_some() => {
                // Inside the article's element, an advertisement label or a share prompt
                // does not cut the article in two.
                main.push(0.0);
                extra.push(weight);
            }
            Some(true) => {
                main.push(weight.max(ARTICLE_ELEMENT_FLOOR));
                extra.push(weight.max(ARTICLE_ELEMENT_FLOOR));
            }
            Some(false) => {
                // Outside the article's element: never the main run.
                main.push(weight.min(0.0) - 1.0);
                extra.push(weight * OUTSIDE_ARTICLE_SHARE);
            }
            _ => {
                main.push(weight);
                extra.push(weight);
            }
        }
    }
    (main, extra)
}

fn decide(analysed: &[Analysed]) -> (Vec<Verdict>, Metadata) {
    let (in_body, vocabulary) = find_body(analysed);
    let verdicts = region_verdicts(analysed, &in_body, &vocabulary);
    finish_verdicts(analysed, &in_body, &vocabulary, verdicts, &|found, _| found)
}

/// The passes after the region verdicts: captions, metadata (what the text rules find,
/// then `reconcile` with what else is known: a page's markup), the headline's copies, the
/// standfirst, the author's biography, repeats.
fn finish_verdicts(
    analysed: &[Analysed],
    in_body: &[bool],
    vocabulary: &Vocabulary,
    mut verdicts: Vec<Verdict>,
    reconcile: &dyn Fn(Metadata, &[metadata::Standing]) -> Metadata,
) -> (Vec<Verdict>, Metadata) {
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
    let metadata = reconcile(metadata, &standing);
    mark_date_labels(analysed, &mut verdicts);
    apply_metadata(&metadata, &mut verdicts);
    if let Some(title) = metadata.title {
        mark_headline_copies(analysed, title, &mut verdicts);
        keep_standfirst(analysed, title, vocabulary, &mut verdicts);
    }
    if let Some(author) = &metadata.author {
        drop_author_bio(analysed, author, &mut verdicts);
    }
    drop_repeats(analysed, metadata.title, &mut verdicts);
    (verdicts, metadata)
}

/// The article from the final verdicts: the user's corrections applied, the kept blocks
/// joined (and marked in `words`), the metadata set; with the kept blocks' byte spans. The
/// last step of both `clean` and `clean_page`.
fn finish_article(
    input: &str,
    analysed: &[Analysed],
    words: &mut ArticleWords,
    mut verdicts: Vec<Verdict>,
    metadata: Metadata,
    overrides: &[BlockOverride],
    mut warnings: Vec<String>,
) -> (Article, Vec<Range<usize>>) {
    apply_overrides(&mut verdicts, overrides, &mut warnings);
    let (mut article, kept_spans) = assemble(input, analysed, words, verdicts, warnings);
    article.title = metadata.title_text;
    article.author = metadata.author;
    article.date = metadata.date;
    (article, kept_spans)
}

fn assemble(
    input: &str,
    analysed: &[Analysed],
    words: &mut ArticleWords,
    verdicts: Vec<Verdict>,
    warnings: Vec<String>,
) -> (Article, Vec<Range<usize>>) {
    let mut cursor = Utf16Cursor::new(input);
    // The cleaned text's length, worked out first: the text is then written into room
    // allocated once, not copied each time it outgrows its buffer (about seven times for an
    // article of 5 KB).
    // In the same pass, the kept blocks (empty ones too) and the kept texts (not empty),
    // so that the spans and the table's list of kept paragraphs are sized first too: one
    // allocation each, not a doubling every few paragraphs.
    let kept = analysed
        .iter()
        .zip(&verdicts)
        .filter(|(_, verdict)| verdict.kept);
    let (kept_bytes, kept_count, kept_blocks) =
        kept.fold((0, 0, 0), |(bytes, count, blocks), (item, _)| {
            let kept_text = &item.paragraph.text;
            let count = count + usize::from(!kept_text.is_empty());
            (bytes + kept_text.len(), count, blocks + 1)
        });
    let mut text = String::with_capacity(kept_bytes + 2 * kept_count);
    let mut blocks = Vec::with_capacity(analysed.len());
    let mut kept_spans = Vec::with_capacity(kept_blocks);
    words.reserve_kept(kept_count);
    for (item, verdict) in analysed.iter().zip(verdicts) {
        // Every kept block, empty or not: the quote finder reads the same blocks whether
        // it is given these spans or the blocks' offsets.
        if verdict.kept {
            kept_spans.push(item.paragraph.start..item.paragraph.end);
        }
        if verdict.kept && !item.paragraph.text.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&item.paragraph.text);
            words.keep(&item.paragraph.text, item.words.clone());
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
    let article = Article {
        text,
        blocks,
        warnings,
        ..Article::default()
    };
    (article, kept_spans)
}

/// Whether the text looks like binary data: many control characters or replacement
/// characters (from undecodable bytes).
pub fn looks_binary(input: &str) -> bool {
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
