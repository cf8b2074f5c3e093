//! Picks the article's metadata from its paragraphs: the headline (title-like line before
//! the body that shares the body's words, preferring markdown headings and lines the page
//! repeats), the author from the byline nearest the body, and the publication date (a
//! labelled "Published" date first, then the date nearest after the headline, never a
//! teaser's date from after the body).

use super::lexicon::lexicon;
use super::noise::{
    byline_opening, byline_opening_of, byline_segment, is_byline, BYLINE_MAX_WORDS,
};
use super::paragraph::Analysed;
use crate::report::BlockKind;
use crate::text::dates::{find_dates, is_month_word};
use crate::text::patterns::word_line;
use crate::text::HashMapOfWords;
use crate::text::{ends_sentence, is_capitalized};

/// Metadata found for one article, with the paragraphs it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Paragraph holding the headline.
    pub title: Option<usize>,
    /// The headline's text.
    pub title_text: Option<String>,
    /// Paragraph holding the byline the author came from.
    pub byline: Option<usize>,
    /// Author name(s), several joined with "; ".
    pub author: Option<String>,
    /// Paragraph holding the date, when it is a line of its own.
    pub date_block: Option<usize>,
    /// The publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// How far before the body the header (title, byline, date) is looked for, in paragraphs.
const HEADER_WINDOW: usize = 40;

/// Finds title, author and date. `kept` says which paragraphs are body; `body_start` is
/// the first body paragraph; `topic_share` measures how much content words (hashes) share
/// the body's words.
pub fn find(
    analysed: &[Analysed],
    kept: &[bool],
    body_start: usize,
    topic_share: &dyn Fn(&[u64]) -> f64,
) -> Metadata {
    let mut metadata = Metadata::default();
    let header_start = body_start.saturating_sub(HEADER_WINDOW);
    if let Some(index) = find_title(analysed, kept, header_start, body_start, topic_share) {
        metadata.title = Some(index);
        metadata.title_text = Some(analysed[index].paragraph.text.clone());
    }
    let anchor = metadata.title.unwrap_or(body_start);
    let author = find_author(analysed, header_start, body_start, anchor).or_else(|| {
        metadata
            .title
            .and_then(|title| name_line_near_title(analysed, title, body_start))
    });
    if let Some((index, author)) = author {
        metadata.byline = Some(index);
        metadata.author = Some(author);
    }
    if let Some((index, date, own_line)) =
        find_date(analysed, kept, header_start, body_start, anchor)
    {
        metadata.date = Some(date);
        if own_line {
            metadata.date_block = Some(index);
        }
    }
    metadata
}

fn title_candidate(item: &Analysed) -> bool {
    let features = &item.features;
    let length = features.word_length();
    let text = item.paragraph.text.trim_end();
    (2..=30).contains(&length)
        && features.chars <= 250
        && features.letters > 0
        && item.noise.as_ref().is_none_or(|noise| {
            noise.kind == BlockKind::Boilerplate && item.paragraph.heading_level > 0
        })
        // Seen through closing quotes and brackets: a quoted sentence is no headline.
        && !text
            .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', ' '])
            .ends_with(['.', ':', ','])
        && item.paragraph.list_marker.is_none()
        && (features.sentence_ends < 2 || ends_sentence(text))
}

fn find_title(
    analysed: &[Analysed],
    kept: &[bool],
    header_start: usize,
    body_start: usize,
    topic_share: &dyn Fn(&[u64]) -> f64,
) -> Option<usize> {
    let last = (body_start + 1).min(analysed.len());
    let mut line_counts: HashMapOfWords<u32> =
        HashMapOfWords::with_capacity_and_hasher(analysed.len(), Default::default());
    for item in analysed {
        *line_counts.entry(item.key).or_insert(0) += 1;
    }
    let mut best: Option<(usize, f64)> = None;
    for index in header_start..last {
        let item = &analysed[index];
        // A body paragraph is a title only when it is the first one and short.
        if kept[index] && !(index == body_start && item.features.words <= 20) {
            continue;
        }
        if !title_candidate(item) {
            continue;
        }
        let overlap = topic_share(&item.tokens.content);
        let heading = match item.paragraph.heading_level {
            1 => 1.0,
            0 => 0.0,
            _ => 0.4,
        };
        if overlap < 0.25 && heading == 0.0 {
            continue;
        }
        let repeated = if repeated_elsewhere(analysed, &line_counts, index, header_start) {
            0.5
        } else {
            0.0
        };
        let emphasized = if item.paragraph.emphasized { 0.3 } else { 0.0 };
        let title_case = if item.features.is_title_case() {
            0.1
        } else {
            0.0
        };
        if looks_like_name(&item.paragraph.text) {
            continue;
        }
        // Headlines run to several words; one- and two-word lines are mostly section labels.
        let length = (item.features.words.min(10) as f64 - 4.0) * 0.08;
        let distance = body_start.abs_diff(index) as f64 * 0.015;
        let score =
            overlap * 2.0 + heading + repeated + emphasized + title_case + length - distance;
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((index, score));
        }
    }
    best.map(|(index, _)| index).or_else(|| {
        // A pasted article often starts with its headline and nothing else above it.
        let first = analysed.first()?;
        (body_start > 0 && title_candidate(first) && first.features.words <= 20).then_some(0)
    })
}

/// Whether the paragraph's words occur again in the page: the same line elsewhere, or
/// inside a nearby line such as "Headline | Site".
fn repeated_elsewhere(
    analysed: &[Analysed],
    line_counts: &HashMapOfWords<u32>,
    index: usize,
    header_start: usize,
) -> bool {
    let words = &analysed[index].tokens.hashes;
    if words.len() < 2 {
        return false;
    }
    let same_line = line_counts
        .get(&analysed[index].key)
        .is_some_and(|&count| count > 1);
    let nearby_end = (index + HEADER_WINDOW).min(analysed.len());
    same_line
        || analysed[header_start..nearby_end]
            .iter()
            .enumerate()
            .any(|(offset, item)| {
                header_start + offset != index
                    && item.tokens.hashes.len() > words.len()
                    && item.tokens.hashes.len() <= words.len() * 2 + 8
                    && item
                        .tokens
                        .hashes
                        .windows(words.len())
                        .any(|window| window == words.as_slice())
            })
}

fn find_author(
    analysed: &[Analysed],
    header_start: usize,
    body_start: usize,
    anchor: usize,
) -> Option<(usize, String)> {
    let end = (body_start + 4).min(analysed.len());
    (header_start..end)
        .filter(|&index| {
            let item = &analysed[index];
            item.noise_is(BlockKind::Byline)
                // The word count is known: longer lines are no bylines, and need no scan.
                || (item.features.words <= BYLINE_MAX_WORDS && is_byline(&item.paragraph.text))
                || is_bare_opening(&item.paragraph.text)
        })
        .filter_map(|index| {
            let item = &analysed[index];
            if is_bare_opening(&item.paragraph.text) {
                // "By" on a line of its own, the name on the next one.
                let next = analysed.get(index + 1)?;
                return looks_like_name(&next.paragraph.text)
                    .then(|| (index + 1, next.paragraph.text.clone()));
            }
            let segment = byline_segment(&item.paragraph.text)?;
            author_from_byline(segment).map(|author| (index, author))
        })
        .min_by_key(|(index, _)| (index.abs_diff(anchor), usize::from(*index < anchor)))
}

/// A line that is only a person's name, between the headline and the body (or just
/// above the headline): the byline of pages that print the author's name without "By".
fn name_line_near_title(
    analysed: &[Analysed],
    title: usize,
    body_start: usize,
) -> Option<(usize, String)> {
    let end = body_start.max(title + 1).min(title + 6).min(analysed.len());
    (title.saturating_sub(2)..end)
        .filter(|&index| index != title)
        .find(|&index| {
            analysed[index].noise.is_none() && looks_like_name(&analysed[index].paragraph.text)
        })
        .map(|index| (index, analysed[index].paragraph.text.clone()))
}

/// Whether the line is only a byline opening ("By", "By :", "Author:").
fn is_bare_opening(text: &str) -> bool {
    // Cheap test first (this runs on every line near the header): longer than any opening.
    let longest = lexicon().byline_opening_max_words;
    if crate::text::words(text).nth(longest).is_some() {
        return false;
    }
    byline_opening_of(&word_line(text)).is_some_and(|(_, followed)| !followed)
}

/// Whether a line is just a person's name: two to four capitalised words (name particles
/// allowed), no digits, no function words ("Jane Doe", "Ana de la Cruz", "T. V. Raman").
pub fn looks_like_name(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if !(2..=4).contains(&tokens.len()) || text.len() > 60 {
        return false;
    }
    let stopwords = crate::text::stopwords();
    tokens.iter().all(|token| {
        let lower = token.to_lowercase();
        let word = token.trim_end_matches('.');
        (NAME_PARTICLES.contains(&lower.as_str())
            || (is_capitalized(word) && !stopwords.contains(&crate::text::word_hash(word))))
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    }) && !lexicon()
        .boilerplate
        .find(&crate::text::word_hashes(text))
        .any(|_| true)
}

/// Lowercase name particles allowed inside a name ("Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "del", "della", "di", "la", "le", "bin", "al", "el",
    "du", "dos", "das",
];

/// The person(s) a byline names: "By Jane Doe and John Roe, Example News" gives
/// "Jane Doe; John Roe". Stops at the outlet, a role, an address or a date.
pub fn author_from_byline(text: &str) -> Option<String> {
    let opening = byline_opening(&word_line(text))?;
    let stop_words = &lexicon().byline_stop_words;
    let mut names: Vec<Vec<&str>> = vec![Vec::new()];
    let mut tokens = text.split_whitespace().peekable();
    // Skip the opening words ("By", "Written by", "Author:").
    let mut skipped = 0;
    while skipped < opening {
        match tokens.next() {
            Some(token) if token.chars().any(char::is_alphanumeric) => skipped += 1,
            Some(_) => {}
            None => return None,
        }
    }
    // A comma ends a name; another name may follow only in a list closed by "and"
    // ("By A, B and C"), otherwise what follows a comma is a role or an outlet.
    let list_with_and = text.contains(" and ") || text.contains(" & ");
    for token in tokens {
        if token.contains('@')
            || token.contains("://")
            || token.starts_with(['|', '/', '•', '·', '(', '—', '–'])
            || token == "-"
        {
            break;
        }
        if token.chars().all(|c| matches!(c, ',' | ';')) {
            if !list_with_and {
                break;
            }
            names.push(Vec::new());
            continue;
        }
        let word = token.trim_matches(|c: char| {
            !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-' && c != '.'
        });
        let word = word.trim_end_matches('.');
        let lower = word.to_lowercase();
        let ends_name = token.ends_with(',') || token.ends_with(';');
        if lower == "and" || token == "&" {
            names.push(Vec::new());
            continue;
        }
        if word.is_empty() {
            continue;
        }
        if stop_words.contains(lower.as_str())
            || is_month_word(&lower)
            || word.chars().any(|c| c.is_ascii_digit())
        {
            break;
        }
        if is_capitalized(word)
            || (NAME_PARTICLES.contains(&lower.as_str())
                && !names.last().is_some_and(Vec::is_empty))
        {
            if let Some(current) = names.last_mut() {
                current.push(word);
                if current.len() > 4 {
                    return None;
                }
            }
        } else {
            break;
        }
        if ends_name {
            if !list_with_and {
                break;
            }
            names.push(Vec::new());
        }
    }
    let names: Vec<String> = names
        .into_iter()
        .filter(|name| !name.is_empty())
        .map(|name| name.join(" "))
        .collect();
    // A lone word after a comma is more likely an outlet ("By Jane Doe, Reuters").
    let names: Vec<String> = if names.len() > 1 {
        let mut kept = vec![names[0].clone()];
        kept.extend(names[1..].iter().filter(|name| name.contains(' ')).cloned());
        kept
    } else {
        names
    };
    (!names.is_empty()).then(|| names.join("; "))
}

fn find_date(
    analysed: &[Analysed],
    kept: &[bool],
    header_start: usize,
    body_start: usize,
    anchor: usize,
) -> Option<(usize, String, bool)> {
    let end = (body_start + 4).min(analysed.len());
    let mut best: Option<(usize, String, bool, (u8, usize))> = None;
    for index in header_start..end {
        let item = &analysed[index];
        if item.features.words > 40 || !item.features.has_digits {
            continue;
        }
        let dates = find_dates(&item.paragraph.text);
        let Some(first) = dates.first() else { continue };
        let own_line = item.noise_is(BlockKind::Date);
        if kept[index] && !own_line {
            continue;
        }
        let text = &item.paragraph.text;
        let labelled_published = lexicon().publication_label.is_match(text);
        let only_updated = !labelled_published && lexicon().update_label.is_match(text);
        // Rank: labelled publication first, then dates after the headline, then nearness.
        let rank = if labelled_published {
            0
        } else if only_updated {
            2
        } else {
            1
        };
        let after_anchor = usize::from(index < anchor);
        let key = (rank + after_anchor as u8 * 3, index.abs_diff(anchor));
        if best
            .as_ref()
            .is_none_or(|(_, _, _, best_key)| key < *best_key)
        {
            best = Some((index, first.iso(), own_line, key));
        }
    }
    best.map(|(index, date, own_line, _)| (index, date, own_line))
        .or_else(|| footer_date(analysed, kept))
}

/// How far after the body a labelled date is looked for when the header has none.
const FOOTER_WINDOW: usize = 30;

/// A labelled date after the body ("Created on ...", "last edited 2019-11-10"), for pages
/// that print the date under the article rather than above it.
fn footer_date(analysed: &[Analysed], kept: &[bool]) -> Option<(usize, String, bool)> {
    let body_end = kept.iter().rposition(|&k| k)? + 1;
    (body_end..(body_end + FOOTER_WINDOW).min(analysed.len())).find_map(|index| {
        let item = &analysed[index];
        if item.features.words > 40 || !item.features.has_digits {
            return None;
        }
        let labelled = lexicon().footer_date_label.is_match(&item.paragraph.text);
        let date = find_dates(&item.paragraph.text).into_iter().next()?;
        let own_line = item.noise_is(BlockKind::Date);
        (labelled || own_line).then(|| (index, date.iso(), own_line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    fn author(text: &str) -> Option<String> {
        author_from_byline(text)
    }

    #[test]
    fn bylines_inside_lines() {
        assert_eq!(
            byline_segment("Opinion | By Jane Doe | April 13, 2020"),
            Some("By Jane Doe ")
        );
        assert_eq!(
            byline_segment("Posted on September 21, 2020 by Jane Doe"),
            Some("by Jane Doe")
        );
        assert!(looks_like_name("Jane Doe"));
        assert!(!looks_like_name("Contact Us"));
        assert!(!looks_like_name("The new budget"));
        assert!(is_bare_opening("By :"));
    }

    #[test]
    fn authors_from_bylines() {
        assert_eq!(
            author("By Jane Doe, Example News Correspondent").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            author("By Jane Doe and John Roe").as_deref(),
            Some("Jane Doe; John Roe")
        );
        assert_eq!(
            author("By GRACE SMITH | gsmith@example.com").as_deref(),
            Some("GRACE SMITH")
        );
        assert_eq!(
            author("Written by Ana de la Cruz").as_deref(),
            Some("Ana de la Cruz")
        );
        assert_eq!(author("By Jane Doe, Reuters").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("by Regan September 15, 2014").as_deref(),
            Some("Regan")
        );
        assert_eq!(
            author("By Jane Doe, John Roe and Max Mustermann").as_deref(),
            Some("Jane Doe; John Roe; Max Mustermann")
        );
    }
}
