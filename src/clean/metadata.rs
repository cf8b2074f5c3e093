//! Picks the article's metadata from its paragraphs: the headline (title-like line before
//! the body that shares the body's words, preferring markdown headings, bold lines and
//! lines the page repeats, and the headline over its standfirst), the author from the
//! byline nearest the body, and the publication date: a labelled "Published" date first,
//! then the date nearest after the headline; never the date of an item in a list of other
//! articles, of a photo or of a comment, and after the body only a labelled one ("Posted
//! on ..."). When the article states no date of its own, there is none.

use super::body::opens_comments;
use super::lexicon::{lexicon, DateLabel};
use super::noise::{
    byline_opening, byline_opening_of, byline_segment, has_byline_opening_word, is_byline,
    BYLINE_MAX_WORDS, RELATED_MARKER_REASON,
};
use super::paragraph::Analysed;
use super::stamps::is_stamp_line;
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

/// Finds title, author and date. `standing` says which paragraphs are body and what the
/// others are; `body_start` is the first body paragraph; `topic_share` measures how much
/// content words (hashes) share the body's words.
pub fn find(
    analysed: &[Analysed],
    standing: &[Standing],
    body_start: usize,
    topic_share: &dyn Fn(&[u64]) -> f64,
) -> Metadata {
    let mut metadata = Metadata::default();
    let header_start = body_start.saturating_sub(HEADER_WINDOW);
    if let Some(index) = find_title(analysed, standing, header_start, body_start, topic_share) {
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
    if let Some((index, date, own_line)) = find_date(
        analysed,
        standing,
        header_start,
        body_start,
        Header {
            title: metadata.title,
            byline: metadata.byline,
        },
    ) {
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
    standing: &[Standing],
    header_start: usize,
    body_start: usize,
    topic_share: &dyn Fn(&[u64]) -> f64,
) -> Option<usize> {
    let last = (body_start + 1 + MARKED_HEADLINE_REACH).min(analysed.len());
    let mut line_counts: HashMapOfWords<u32> =
        HashMapOfWords::with_capacity_and_hasher(analysed.len(), Default::default());
    for item in analysed {
        *line_counts.entry(item.key).or_insert(0) += 1;
    }
    let kept: Vec<bool> = standing.iter().map(|s| s.kept).collect();
    let mut best: Option<(usize, f64)> = None;
    for index in header_start..last {
        let item = &analysed[index];
        if index > body_start && !marked_headline_in_body(analysed, &kept, body_start, index) {
            continue;
        }
        if standing[index].kind == BlockKind::Caption {
            continue;
        }
        // A body paragraph is a title only when it is the first one and short.
        if index <= body_start && kept[index] && !(index == body_start && item.features.words <= 20)
        {
            continue;
        }
        if !title_candidate(item) {
            continue;
        }
        let overlap = topic_share(item.tokens.content());
        let heading = match item.paragraph.heading_level {
            1 => 1.0,
            0 => 0.0,
            _ => 0.4,
        };
        // A line set in bold on its own is marked as a headline by whoever wrote the
        // page (a markdown copy renders the headline so), nearly as surely as a "#" heading.
        let emphasized = match (item.paragraph.emphasized, item.paragraph.heading_level) {
            (false, _) => 0.0,
            (true, 0) => 0.8,
            (true, _) => 0.3,
        };
        // Right above the body (past bylines, dates and other furniture only) a line needs
        // only some word of the story: its place speaks for it.
        let gate = if next_to_body(analysed, index, body_start) {
            f64::MIN_POSITIVE
        } else {
            MIN_HEADLINE_TOPIC_SHARE
        };
        if overlap < gate && heading == 0.0 && emphasized == 0.0 {
            continue;
        }
        let repeated = if repeated_elsewhere(analysed, &line_counts, index, header_start) {
            0.5
        } else {
            0.0
        };
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
    best.map(|(index, _)| headline_above_standfirst(analysed, standing, index, topic_share))
        .or_else(|| {
            // A pasted article often starts with its headline and nothing else above it.
            let first = analysed.first()?;
            (body_start > 0
                && standing[0].kind != BlockKind::Caption
                && title_candidate(first)
                && first.features.words <= 20)
                .then_some(0)
        })
}

/// Whether only furniture the local rules recognised (bylines, dates, share prompts,
/// separators) stands between paragraph `index` and the body's first paragraph.
fn next_to_body(analysed: &[Analysed], index: usize, body_start: usize) -> bool {
    index < body_start
        && analysed[index + 1..body_start]
            .iter()
            .all(|item| item.noise.is_some())
}

/// Fewest words of a line taken for a standfirst rather than a headline when a shorter
/// headline stands right above it: standfirsts run to a long clause or two, headlines to
/// a few words.
const MIN_STANDFIRST_WORDS: usize = 12;

/// Fewest words of a headline above a standfirst ("Why collaborative thinking beats
/// individual smarts"): shorter lines there are section labels and kickers ("Open Future").
const MIN_HEADLINE_WORDS: usize = 4;

/// Share of its content words a headline without markup must share with the body. A
/// headline right above its standfirst needs only some word of the story: its place speaks
/// for it, and catchy headlines share few words ("Why collaborative thinking beats
/// individual smarts"), while labels there share none ("Reading time: 1 minute").
const MIN_HEADLINE_TOPIC_SHARE: f64 = 0.25;

/// How many words shorter than the standfirst below it a headline must be.
const HEADLINE_SHORTER_BY: usize = 3;

/// The headline, when the line chosen is its standfirst: a long sentence-case line (the
/// summary under the headline shares the most words with the body, so it can outscore the
/// headline) with a clearly shorter headline-like line right above it.
fn headline_above_standfirst(
    analysed: &[Analysed],
    standing: &[Standing],
    chosen: usize,
    topic_share: &dyn Fn(&[u64]) -> f64,
) -> usize {
    let item = &analysed[chosen];
    let reads_like_standfirst = item.features.words >= MIN_STANDFIRST_WORDS
        && !item.features.is_title_case()
        && item.paragraph.heading_level == 0
        && !item.paragraph.emphasized;
    let Some(above) = chosen.checked_sub(1) else {
        return chosen;
    };
    let line = &analysed[above];
    let headline_like = title_candidate(line)
        && standing[above].kind != BlockKind::Caption
        && !looks_like_name(&line.paragraph.text)
        && line.features.words >= MIN_HEADLINE_WORDS
        && line.features.words + HEADLINE_SHORTER_BY <= item.features.words
        && topic_share(line.tokens.content()) > 0.0;
    if reads_like_standfirst && headline_like {
        above
    } else {
        chosen
    }
}

/// How many paragraphs into the body a headline marked as one (bold, or a "#" heading) is
/// still looked for: after a one-line standfirst, and the headline's own repeat.
const MARKED_HEADLINE_REACH: usize = 3;

/// Longest standfirst, in words, that may stand above a marked headline inside the body.
const MAX_STANDFIRST_WORDS: usize = 60;

/// Whether paragraph `index`, inside the body, is a headline marked as one (a bold line of
/// its own, a "#" heading) with at most a one-paragraph standfirst of the body before it:
/// "Standfirst sentence. / **Headline** / **Headline** / body".
fn marked_headline_in_body(
    analysed: &[Analysed],
    kept: &[bool],
    body_start: usize,
    index: usize,
) -> bool {
    let paragraph = &analysed[index].paragraph;
    let marked =
        (paragraph.emphasized && paragraph.heading_level == 0) || paragraph.heading_level == 1;
    if !marked {
        return false;
    }
    let key = analysed[index].key;
    let before: Vec<&Analysed> = (body_start..index)
        .filter(|&i| kept[i] && analysed[i].key != key)
        .map(|i| &analysed[i])
        .collect();
    match before.as_slice() {
        [] => true,
        [standfirst] => {
            standfirst.features.words <= MAX_STANDFIRST_WORDS
                && !standfirst.paragraph.emphasized
                && standfirst.paragraph.heading_level == 0
        }
        _ => false,
    }
}

/// Whether the paragraph's words occur again in the page: the same line elsewhere, or
/// inside a nearby line such as "Headline | Site".
fn repeated_elsewhere(
    analysed: &[Analysed],
    line_counts: &HashMapOfWords<u32>,
    index: usize,
    header_start: usize,
) -> bool {
    let words = analysed[index].tokens.hashes();
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
                    && item.tokens.hashes().len() > words.len()
                    && item.tokens.hashes().len() <= words.len() * 2 + 8
                    && item
                        .tokens
                        .hashes()
                        .windows(words.len())
                        .any(|window| window == words)
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
            // A line without an opening's first word among its words needs neither closer
            // look (as the local rules test bylines).
            let may_open_byline = || has_byline_opening_word(&item.tokens, usize::MAX);
            // The word count is known: longer lines are no bylines and no bare openings
            // (see `is_bare_opening`), and need no scan.
            let words = item.features.words;
            let short_enough = words <= BYLINE_MAX_WORDS.max(lexicon().byline_opening_max_words);
            item.noise_is(BlockKind::Byline)
                || (short_enough
                    && may_open_byline()
                    && ((words <= BYLINE_MAX_WORDS && is_byline(&item.paragraph.text))
                        || is_bare_opening(&item.paragraph.text)))
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
    // Under the headline first: a name above it is more often the last line of something
    // else (a teaser's author in a list, a menu).
    (title + 1..end)
        .chain((title.saturating_sub(2)..title).rev())
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
    standing: &[Standing],
    header_start: usize,
    body_start: usize,
    header: Header,
) -> Option<(usize, String, bool)> {
    let anchor = header.title.unwrap_or(body_start);
    let end = (body_start + 4).min(analysed.len());
    let mut best: Option<(usize, String, bool, (u8, usize))> = None;
    for index in header_start..end {
        let item = &analysed[index];
        if item.features.words > MAX_DATE_LINE_WORDS || !item.features.has_digits {
            continue;
        }
        let own_line = item.noise_is(BlockKind::Date) || is_stamp_line(&item.paragraph.text);
        if (standing[index].kept && !own_line)
            || !may_hold_own_date(analysed, standing, index, header)
        {
            continue;
        }
        let Some(first) = dates_in(&item.paragraph.text).into_iter().next() else {
            continue;
        };
        let labels = labels_before_first_date(&item.paragraph.text);
        // Rank: labelled publication first, then dates after the headline, then nearness.
        let rank = match labels {
            Some(DateLabel::Published) => 0,
            Some(DateLabel::Updated) => 2,
            Some(DateLabel::Stated) | None => 1,
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
        .or_else(|| footer_date(analysed, standing, header))
}

/// Longest paragraph, in words, read for the article's date: a date line with its labels,
/// a byline with its date. Longer ones are sentences that mention a date.
const MAX_DATE_LINE_WORDS: usize = 40;

/// What the cleaner decided about a paragraph before the metadata was looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Whether it is part of the article's text.
    pub kept: bool,
    /// What it is.
    pub kind: BlockKind,
}

/// Whether the paragraph may state the article's own date: not a list of other articles
/// (a teaser's date belongs to its article), not a photo's caption or credit (the day the
/// photo was taken, perhaps years ago), not a comment.
fn may_hold_own_date(
    analysed: &[Analysed],
    standing: &[Standing],
    index: usize,
    header: Header,
) -> bool {
    let item = &analysed[index];
    let kinds = [
        standing[index].kind,
        item.noise
            .as_ref()
            .map_or(BlockKind::Body, |noise| noise.kind),
    ];
    if kinds
        .iter()
        .any(|kind| matches!(kind, BlockKind::Caption | BlockKind::Credit))
        || opens_comments(item)
    {
        return false;
    }
    // A comment's date line is the comment's; but a form's "Comment" field can stand just
    // above the article's date line, so under a comments heading only lines that mention a
    // date among other words (a "recent comments" list: "Jane on Post title (May 3, 2024)")
    // count as comments.
    let in_list_or_comments = standing[index].kind == BlockKind::Related
        || (!item.noise_is(BlockKind::Date)
            && after_opening(analysed, standing, index, header, opens_comments));
    !in_list_or_comments || !is_list_date(analysed, standing, index, header)
}

/// Whether a date line the cleaner put in a list of other articles really dates one of
/// them. The list judgement is made before the headline is known, and a page's header
/// (menus, section labels, the date) can look like such a list, so it is checked again:
/// - a date just under the headline or the author's byline is the article's: a list cannot
///   hold the article's own headline, and in a list a date follows its own headline;
/// - a list of other articles dates each of its items: a date line with another one a few
///   lines away (not right beside it, as "Updated" under "Published") is one of many;
/// - a lone date after a marker ("More news", "Related") is the listed article's, unless it
///   stands right above the headline.
fn is_list_date(
    analysed: &[Analysed],
    standing: &[Standing],
    index: usize,
    header: Header,
) -> bool {
    let under_header = [header.title, header.byline]
        .into_iter()
        .flatten()
        .any(|line| under_header_line(analysed, line, index));
    if under_header {
        return false;
    }
    if among_dated_items(analysed, index) {
        return true;
    }
    let above_headline = header.title == Some(index + 1);
    !above_headline
        && after_opening(analysed, standing, index, header, |item| {
            is_related_marker(item) || opens_comments(item)
        })
}

/// The article's own header lines, once found: the headline and the author's byline.
#[derive(Debug, Clone, Copy, Default)]
struct Header {
    title: Option<usize>,
    byline: Option<usize>,
}

/// How far, in paragraphs, another date line makes a date one of a list's.
const DATED_LIST_REACH: usize = 4;

/// Whether another date line stands within [`DATED_LIST_REACH`] paragraphs of `index`, with
/// a line that is not a date between them.
fn among_dated_items(analysed: &[Analysed], index: usize) -> bool {
    let is_date = |item: &Analysed| item.noise_is(BlockKind::Date);
    let after = analysed[index + 1..]
        .iter()
        .take(DATED_LIST_REACH)
        .skip_while(|item| is_date(item))
        .skip(1)
        .any(is_date);
    let before = analysed[..index]
        .iter()
        .rev()
        .take(DATED_LIST_REACH)
        .skip_while(|item| is_date(item))
        .skip(1)
        .any(is_date);
    after || before
}

/// Whether a paragraph that `opens` (a related-content marker, a comments heading) opens
/// the stretch of removed paragraphs that holds `index`, with neither the headline nor the
/// byline between them.
fn after_opening(
    analysed: &[Analysed],
    standing: &[Standing],
    index: usize,
    header: Header,
    opens: impl Fn(&Analysed) -> bool,
) -> bool {
    (index.saturating_sub(HEADER_WINDOW)..index)
        .rev()
        .take_while(|&i| !standing[i].kept && Some(i) != header.title && Some(i) != header.byline)
        .any(|i| opens(&analysed[i]))
}

/// Most paragraphs between the headline (or byline) and its date line: a byline, a section
/// label, a credit.
const HEADER_GAP: usize = 2;

/// Longest line, in words, that counts as part of the headline's header (a byline with
/// the author's role, a section label) rather than text.
const HEADER_LINE_WORDS: usize = 20;

/// Whether paragraph `index` comes just after the header line `line` (the headline or the
/// byline), with at most [`HEADER_GAP`] short lines (bylines, labels) between them.
fn under_header_line(analysed: &[Analysed], line: usize, index: usize) -> bool {
    index > line
        && index - line - 1 <= HEADER_GAP
        && analysed[line + 1..index].iter().all(|item| {
            !item.is_prose() && item.features.words <= HEADER_LINE_WORDS && !is_related_marker(item)
        })
}

/// Whether the paragraph opens a list of other articles ("More news", "Related").
fn is_related_marker(item: &Analysed) -> bool {
    item.noise
        .as_ref()
        .is_some_and(|noise| noise.reason == RELATED_MARKER_REASON)
}

/// The dates written in a line, also where the copy lost or added spaces around a date's
/// parts: a date run into the word before or after it ("Jane DoeNovember 6, 2023",
/// "August 2, 2019August 2, 2019"; a page's inline elements often lose the space between
/// them), a numeric date with spaced separators ("05 / 02 / 2013"), a year joined to the
/// time or day beside it by a hyphen that stood for a dash ("April 24, 2013-4:45pm").
fn dates_in(text: &str) -> Vec<crate::text::dates::FoundDate> {
    let dates = find_dates(text);
    if !dates.is_empty() {
        return dates;
    }
    match respace_dates(text) {
        Some(respaced) => find_dates(&respaced),
        None => dates,
    }
}

/// `text` with the spacing around dates' parts repaired (see [`dates_in`]); `None` when
/// there was nothing to repair.
fn respace_dates(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut changed = false;
    let digits_before = |at: usize| {
        chars[..at]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let digits_after = |at: usize| {
        chars[at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        // "05 / 02 / 2013", "17 . 05 . 2024": a separator with a space on each side between
        // two numbers of at most four digits.
        if (c == '/' || c == '.')
            && index >= 2
            && chars[index - 1] == ' '
            && chars.get(index + 1) == Some(&' ')
            && (1..=4).contains(&digits_before(index - 1))
            && (1..=4).contains(&digits_after(index + 2))
        {
            out.pop();
            out.push(c);
            index += 2;
            changed = true;
            continue;
        }
        // "2013-4:45pm", "November 27-2005": a hyphen between a four-digit year and a number.
        if c == '-'
            && index > 0
            && digits_after(index + 1) > 0
            && (digits_before(index) == 4 || digits_after(index + 1) == 4)
            && digits_before(index) > 0
        {
            out.push(' ');
            index += 1;
            changed = true;
            continue;
        }
        // "DoeNovember", "2019August": a month name glued to the word or year before it.
        if index > 0
            && c.is_uppercase()
            && (chars[index - 1].is_lowercase() || digits_before(index) == 4)
        {
            let word: String = chars[index..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            let year_before = digits_before(index) == 4;
            if (word.len() >= 3 && is_month_word(&word)) || year_before {
                out.push(' ');
                changed = true;
            }
        }
        out.push(c);
        index += 1;
    }
    changed.then_some(out)
}

/// The strongest label ("Published", "Date", "Updated") standing before the line's first
/// date, if any: in "Published 17 May | Updated 18 May" the first date is the publication's.
fn labels_before_first_date(text: &str) -> Option<DateLabel> {
    let words = crate::text::lowercase_words(text);
    let first_date_word = words
        .iter()
        .position(|word| word.bytes().any(|b| b.is_ascii_digit()) || is_month_word(word))
        .unwrap_or(words.len());
    let before = lexicon()
        .date_labels_in(&words[..first_date_word])
        .map(|(_, label)| label)
        .min();
    // A line labelled only after its first date ("May 3, 2024 | Updated May 4") still says
    // the first date is not the update.
    before.or_else(|| {
        lexicon()
            .date_labels_in(&words)
            .map(|(_, label)| label)
            .filter(|label| *label != DateLabel::Updated)
            .min()
    })
}

/// How far after the body a labelled date is looked for when the header has none.
const FOOTER_WINDOW: usize = 30;

/// A labelled date after the body ("Published on ...", "Created on ...", "last edited
/// 2019-11-10"), for pages that print the date under the article rather than above it. A
/// bare date there is not taken: after the body come comments, teasers and footers, each
/// with dates of their own. The search stops at a comments section.
fn footer_date(
    analysed: &[Analysed],
    standing: &[Standing],
    header: Header,
) -> Option<(usize, String, bool)> {
    let body_end = standing.iter().rposition(|s| s.kept)? + 1;
    for index in body_end..(body_end + FOOTER_WINDOW).min(analysed.len()) {
        let item = &analysed[index];
        if opens_comments(item) {
            return None;
        }
        if item.features.words > MAX_DATE_LINE_WORDS
            || !item.features.has_digits
            || !may_hold_own_date(analysed, standing, index, header)
            || labels_before_first_date(&item.paragraph.text).is_none()
        {
            continue;
        }
        if let Some(date) = dates_in(&item.paragraph.text).into_iter().next() {
            return Some((index, date.iso(), item.noise_is(BlockKind::Date)));
        }
    }
    None
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
    fn dates_with_lost_or_added_spaces_are_read() {
        assert_eq!(
            respace_dates("Jane DoeNovember 6, 2023").as_deref(),
            Some("Jane Doe November 6, 2023")
        );
        assert_eq!(
            respace_dates("Posted on August 2, 2019August 2, 2019").as_deref(),
            Some("Posted on August 2, 2019 August 2, 2019")
        );
        assert_eq!(
            respace_dates("Updated 05 / 02 / 2013 11:10 am").as_deref(),
            Some("Updated 05/02/2013 11:10 am")
        );
        assert_eq!(
            respace_dates("April 24, 2013-4:45pm").as_deref(),
            Some("April 24, 2013 4:45pm")
        );
        assert_eq!(respace_dates("McDonald's in MarchMadness"), None);
        assert_eq!(
            respace_dates("iPhone 2023, a 10 / 10 phone"),
            Some("iPhone 2023, a 10/10 phone".to_string())
        );
        assert_eq!(respace_dates("Up 3 - 2 at half time"), None);
        for (text, date) in [
            ("Jane DoeNovember 6, 2023", "2023-11-06"),
            ("Posted: 08 / 02 / 2013 11:10 am EDT", "2013-08-02"),
            ("Sunday, November 27-2005 at 16:12", "2005-11-27"),
        ] {
            assert_eq!(
                dates_in(text).first().map(|date| date.iso()).as_deref(),
                Some(date),
                "{text}"
            );
        }
    }

    #[test]
    fn labels_say_which_date_a_line_gives() {
        assert_eq!(
            labels_before_first_date("Published: May 3, 2024 | Updated: May 4, 2024"),
            Some(DateLabel::Published)
        );
        assert_eq!(
            labels_before_first_date("Last updated on May 4, 2024"),
            Some(DateLabel::Updated)
        );
        assert_eq!(
            labels_before_first_date("Date 19.01.2020"),
            Some(DateLabel::Stated)
        );
        assert_eq!(labels_before_first_date("May 3, 2024 at 9:14 am"), None);
        // Not "updated" in "candidate" or "date" in "update".
        assert_eq!(labels_before_first_date("Candidates May 3, 2024"), None);
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
