//! Invariants of quotes and of whole reports, whatever the input: quote offsets slice the
//! input at character boundaries inside kept blocks, and a report's story groups, duplicates
//! and quote groups are well formed (the contract in `../shared/contract.md`). Also the
//! canonical form of a report's cross-article fields, for comparing two reports of the same
//! articles given in different orders.

use std::collections::{HashMap, HashSet};

use article_analyzer::{
    Block, BlockKind, Document, Quote, QuoteChange, QuoteChangeLabel, QuoteKind, QuoteRef, Report,
    Utf16Cursor,
};

use super::{excerpt, utf16_len, Utf16ToByte};

/// Every violation of the invariants the `quotes` of an article must satisfy, for its
/// `input` and the `blocks` they were extracted from:
///
/// - `start < end`, both UTF-16 character boundaries of the input;
/// - quotes are in input order and do not overlap;
/// - the first and the last quoted character lie in kept blocks;
/// - a direct or partial quote's `text` is exactly the input between its offsets; a block
///   quote's `text` is its paragraphs' words joined by a blank line, the first piece opening
///   the span, the last one closing it, each piece found in the span in order;
/// - `speaker` and `cue`, when given, are neither empty nor padded with white space.
pub fn quote_violations(input: &str, blocks: &[Block], quotes: &[Quote]) -> Vec<String> {
    let mut problems = Vec::new();
    let total = utf16_len(input);
    let kept: Vec<&Block> = blocks.iter().filter(|block| block.kept).collect();
    // Blocks are in input order (checked by `invariant_violations`): binary search.
    let in_kept_block = |unit: usize| {
        let index = kept.partition_point(|block| block.end <= unit);
        kept.get(index).is_some_and(|block| block.start <= unit)
    };
    let mut to_byte = Utf16ToByte::new(input);
    let mut previous_end = 0;
    for (index, quote) in quotes.iter().enumerate() {
        let label = format!(
            "quote {index} [{}, {}) {:?}",
            quote.start,
            quote.end,
            excerpt(&quote.text)
        );
        if quote.start >= quote.end || quote.end > total {
            problems.push(format!(
                "{label} is empty, reversed or past the input's {total} UTF-16 units"
            ));
            continue;
        }
        if quote.start < previous_end {
            problems.push(format!(
                "{label} starts before the previous quote's end {previous_end}"
            ));
        }
        previous_end = quote.end;
        if !in_kept_block(quote.start) || !in_kept_block(quote.end - 1) {
            problems.push(format!("{label} does not start and end inside kept blocks"));
        }
        let (Some(start), Some(end)) = (
            to_byte.byte_offset(quote.start),
            to_byte.byte_offset(quote.end),
        ) else {
            problems.push(format!(
                "{label} does not fall on UTF-16 character boundaries"
            ));
            continue;
        };
        let slice = &input[start..end];
        match quote.kind {
            QuoteKind::Direct | QuoteKind::Partial => {
                if quote.text != slice {
                    problems.push(format!(
                        "{label}: text is not the input slice {:?}",
                        excerpt(slice)
                    ));
                }
            }
            QuoteKind::Block => {
                let pieces: Vec<&str> = quote.text.split("\n\n").collect();
                let mut rest = slice;
                let in_order = pieces.iter().all(|piece| match rest.find(piece) {
                    Some(at) => {
                        rest = &rest[at + piece.len()..];
                        true
                    }
                    None => false,
                });
                let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
                if !in_order || !slice.starts_with(first) || !slice.ends_with(last) {
                    problems.push(format!(
                        "{label}: block quote pieces do not match the input slice {:?}",
                        excerpt(slice)
                    ));
                }
            }
        }
        for (field, value) in [("speaker", &quote.speaker), ("cue", &quote.cue)] {
            if let Some(value) = value {
                if value.is_empty() || value.trim() != value {
                    problems.push(format!("{label}: {field} {value:?} is empty or padded"));
                }
            }
        }
    }
    problems
}

/// Panics with every quote invariant violation, if there are any.
pub fn assert_quote_invariants(input: &str, blocks: &[Block], quotes: &[Quote]) {
    let problems = quote_violations(input, blocks, quotes);
    assert!(
        problems.is_empty(),
        "the quotes break invariants:\n- {}\ninput: {:?}",
        problems.join("\n- "),
        excerpt(input)
    );
}

/// Every violation of the invariants a report must satisfy for the `docs` it was made from:
///
/// - one article per document, in input order, with the document's id;
/// - `storyGroups` is a partition of the ids: no empty group, every id in exactly one group;
/// - each duplicate pair names two different known articles, the smaller id as `a` (so
///   pairs do not depend on input order), with a similarity between 0 and 1, and no pair is listed twice;
/// - each quote group refers to existing quotes, names no quote twice, and holds quotes of
///   at least two different articles; its members carry a change each, exactly one of them
///   the reference (with nothing added, dropped or changed), and the counts agree with the
///   label (an identical quote changed nothing, a shortened one dropped words).
pub fn report_violations(docs: &[Document], report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let position: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(index, doc)| (doc.id.as_str(), index))
        .collect();
    let report_ids: Vec<&str> = report.articles.iter().map(|a| a.id.as_str()).collect();
    let doc_ids: Vec<&str> = docs.iter().map(|doc| doc.id.as_str()).collect();
    if report_ids != doc_ids {
        problems.push(format!(
            "articles {report_ids:?} are not the documents {doc_ids:?} in order"
        ));
    }

    let mut grouped: HashMap<&str, usize> = HashMap::new();
    for (index, group) in report.story_groups.iter().enumerate() {
        if group.is_empty() {
            problems.push(format!("story group {index} is empty"));
        }
        for id in group {
            if !position.contains_key(id.as_str()) {
                problems.push(format!("story group {index} names unknown id {id:?}"));
            }
            *grouped.entry(id.as_str()).or_insert(0) += 1;
        }
    }
    for id in &doc_ids {
        match grouped.get(id).copied().unwrap_or(0) {
            1 => {}
            count => problems.push(format!("id {id:?} stands in {count} story groups, not 1")),
        }
    }

    let mut pairs = HashSet::new();
    for pair in &report.duplicates {
        let label = format!("duplicate pair ({:?}, {:?})", pair.a, pair.b);
        match (position.get(pair.a.as_str()), position.get(pair.b.as_str())) {
            // The smaller id comes first, so pairs do not depend on input order.
            (Some(_), Some(_)) if pair.a < pair.b => {}
            (Some(_), Some(_)) => problems.push(format!("{label}: a is not the smaller id")),
            _ => problems.push(format!("{label} names an unknown id")),
        }
        if !(0.0..=1.0).contains(&pair.similarity) {
            problems.push(format!(
                "{label}: similarity {} is not in [0, 1]",
                pair.similarity
            ));
        }
        if !pairs.insert(unordered(&pair.a, &pair.b)) {
            problems.push(format!("{label} is listed twice"));
        }
    }

    let quote_counts: HashMap<&str, usize> = report
        .articles
        .iter()
        .map(|article| (article.id.as_str(), article.quotes.len()))
        .collect();
    for (index, group) in report.quote_groups.iter().enumerate() {
        let mut seen = HashSet::new();
        let mut articles = HashSet::new();
        for member in group {
            match quote_counts.get(member.article.as_str()) {
                Some(&count) if member.quote < count => {}
                _ => problems.push(format!(
                    "quote group {index} refers to quote {} of {:?}, which does not exist",
                    member.quote, member.article
                )),
            }
            if !seen.insert((member.article.as_str(), member.quote)) {
                problems.push(format!(
                    "quote group {index} names quote {} of {:?} twice",
                    member.quote, member.article
                ));
            }
            articles.insert(member.article.as_str());
        }
        if articles.len() < 2 {
            problems.push(format!(
                "quote group {index} holds quotes of {} article(s), not 2 or more",
                articles.len()
            ));
        }
        problems.extend(change_violations(index, group));
    }
    problems
}

/// What is wrong with the `change` of the members of quote group `index`.
fn change_violations(index: usize, group: &[QuoteRef]) -> Vec<String> {
    let mut problems = Vec::new();
    let changes: Vec<&QuoteChange> = group.iter().filter_map(|m| m.change.as_ref()).collect();
    if changes.len() != group.len() {
        problems.push(format!(
            "quote group {index}: {} of {} members carry a change",
            changes.len(),
            group.len()
        ));
    }
    let references = changes
        .iter()
        .filter(|change| change.label == QuoteChangeLabel::Reference)
        .count();
    if references != 1 {
        problems.push(format!(
            "quote group {index} has {references} reference quotes, not 1"
        ));
    }
    for (member, change) in group.iter().zip(&changes) {
        let label = format!(
            "quote group {index}, quote {} of {:?} ({:?})",
            member.quote, member.article, change.label
        );
        let edits = (
            change.words_added,
            change.words_dropped,
            change.words_changed,
        );
        match change.label {
            QuoteChangeLabel::Reference | QuoteChangeLabel::Identical if edits != (0, 0, 0) => {
                problems.push(format!("{label} has edits {edits:?}"));
            }
            QuoteChangeLabel::Reference if change.speaker_differs || change.cue_differs => {
                problems.push(format!("{label} differs from itself"));
            }
            QuoteChangeLabel::Shortened if change.words_dropped == 0 => {
                problems.push(format!("{label} dropped no word"));
            }
            QuoteChangeLabel::Extended if change.words_added == 0 => {
                problems.push(format!("{label} added no word"));
            }
            _ => {}
        }
    }
    problems
}

fn unordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// A report's cross-article findings in a form that does not depend on the order of the
/// input: each story group sorted, the groups sorted; duplicates as unordered pairs with their
/// kind and similarity (rounded to 1e-9), sorted; each quote group's references sorted, the
/// groups sorted.
#[derive(Debug, PartialEq, Eq)]
pub struct CanonicalFindings {
    /// Sorted story groups of sorted ids.
    pub story_groups: Vec<Vec<String>>,
    /// Sorted (smaller id, larger id, kind, similarity in units of 1e-9).
    pub duplicates: Vec<(String, String, String, i64)>,
    /// Sorted quote groups of sorted (article id, quote index).
    pub quote_groups: Vec<Vec<(String, usize)>>,
}

/// The canonical form of `report`'s story groups, duplicates and quote groups.
pub fn canonical_findings(report: &Report) -> CanonicalFindings {
    let mut story_groups: Vec<Vec<String>> = report
        .story_groups
        .iter()
        .map(|group| {
            let mut group = group.clone();
            group.sort();
            group
        })
        .collect();
    story_groups.sort();
    let mut duplicates: Vec<(String, String, String, i64)> = report
        .duplicates
        .iter()
        .map(|pair| {
            let (a, b) = unordered(&pair.a, &pair.b);
            let kind = format!("{:?}", pair.kind);
            (a, b, kind, (pair.similarity * 1e9).round() as i64)
        })
        .collect();
    duplicates.sort();
    let mut quote_groups: Vec<Vec<(String, usize)>> = report
        .quote_groups
        .iter()
        .map(|group| {
            let mut group: Vec<(String, usize)> = group
                .iter()
                .map(|member| (member.article.clone(), member.quote))
                .collect();
            group.sort();
            group
        })
        .collect();
    quote_groups.sort();
    CanonicalFindings {
        story_groups,
        duplicates,
        quote_groups,
    }
}

/// The part of `text` the analyzer accepts under a limit of `max_bytes` UTF-8 bytes: the
/// longest prefix that fits and ends at a character boundary.
pub fn accepted_prefix(text: &str, max_bytes: usize) -> &str {
    let mut end = max_bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Panics unless the report of `docs` (analysed with a size limit of `max_article_bytes`)
/// satisfies [`report_violations`], and each article the invariants of
/// [`super::invariant_violations`] and [`quote_violations`] for the part of its text that
/// was accepted.
pub fn assert_report_invariants(docs: &[Document], max_article_bytes: usize, report: &Report) {
    let problems = report_violations(docs, report);
    assert!(
        problems.is_empty(),
        "the report breaks invariants:\n- {}",
        problems.join("\n- ")
    );
    for (doc, article) in docs.iter().zip(&report.articles) {
        let accepted = accepted_prefix(&doc.text, max_article_bytes);
        super::assert_invariants(accepted, article);
        assert_quote_invariants(accepted, &article.blocks, &article.quotes);
    }
}

/// Every non-blank stretch of `input` between blank lines ("\n\n") as a kept body block
/// (UTF-16 offsets, white space trimmed): for handing any text to the quote finder as if the
/// cleaner had kept all of it.
pub fn paragraph_blocks(input: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cursor = Utf16Cursor::new(input);
    let mut byte = 0;
    for part in input.split("\n\n") {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let start = byte + (part.len() - part.trim_start().len());
            blocks.push(Block {
                start: cursor.to_utf16(start),
                end: cursor.to_utf16(start + trimmed.len()),
                kind: BlockKind::Body,
                kept: true,
                reason: "paragraph".into(),
            });
        }
        byte += part.len() + 2;
    }
    blocks
}
