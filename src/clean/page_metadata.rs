//! A page's metadata: what its markup states (JSON-LD, Open Graph and other `<meta>` tags,
//! author links, `<time>`), reconciled with what the visible page says and with what the
//! text rules found.
//!
//! - The headline: the markup's headline (JSON-LD's first, then `og:title` and its kin, then
//!   `<title>`) when a visible heading says it too, as the page shows it ("Opinion | Fire
//!   season starts" in the markup, the `<h1>` "Fire season starts" on the page); else the
//!   text rules' headline; else the markup's, without the site's name.
//! - The author: JSON-LD's people ("A; B"), then `<meta name="author">` and its kin, then
//!   the author links and `itemprop="author"` texts of the article's header, then the byline
//!   the text rules read.
//! - The date, in this order of trust: JSON-LD's `datePublished`, `article:published_time`
//!   and its kin, a `<time datetime>` in the article's header (never one of a list of other
//!   articles, of a comment or after the body), then the text rules' date. The text rules'
//!   date wins when the markup states it too (as updated, or as a header `<time>` in the
//!   page's own time zone): it is the date the page shows its readers.

use super::metadata::{author_from_byline, looks_like_name, Metadata, Standing};
use super::noise::BYLINE_MAX_WORDS;
use super::paragraph::Analysed;
use super::structure::Structure;
use crate::markup::{LinkedArticle, Page};
use crate::report::BlockKind;
use crate::text::dates::find_dates;
use crate::text::{count_words, word_hashes};

/// Separators between a headline and the site's name in `<title>` and `og:title`.
const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// Most words a visible heading may add to the markup's headline around it ("Exclusive:",
/// "Opinion") and still be the same headline.
const MAX_HEADING_EXTRA_WORDS: usize = 4;

/// Most paragraphs after the body's first one where the headline may stand (a header set
/// beside the first paragraphs), and after its last one where its author link or `<time>`
/// may stand outside the article's element (a "Posted by" line under the text).
const HEADER_REACH_INTO_BODY: usize = 3;

/// Most authors read from author links: more are a list of contributors, not a byline.
const MAX_LINKED_AUTHORS: usize = 4;

/// The article's metadata from the page's markup and the text rules' `found`.
pub fn reconcile(
    page: &Page,
    analysed: &[Analysed],
    structure: &Structure,
    standing: &[Standing],
    body: std::ops::Range<usize>,
    found: Metadata,
) -> Metadata {
    let body_start = body.start;
    let markup = &page.metadata;
    let mut metadata = found;
    // The article described in JSON-LD: the first that has a headline (a page may describe
    // the articles it links to as well).
    let linked = markup
        .linked_articles
        .iter()
        .find(|article| article.headline.is_some())
        .or(markup.linked_articles.first());
    let candidates: Vec<&str> = linked
        .and_then(|article| article.headline.as_deref())
        .into_iter()
        .chain(markup.titles.iter().map(|title| title.value.as_str()))
        .chain(markup.title.as_deref())
        .collect();
    let site_names: Vec<&str> = markup
        .sites
        .iter()
        .map(|site| site.value.as_str())
        .collect();
    // The headline stands above the body or at its very start; failing that, anywhere
    // before the body's end (never in a list after it).
    let headline_area = &analysed[..analysed.len().min(body_start + HEADER_REACH_INTO_BODY)];
    let until_body_end = &analysed[..body.end.min(analysed.len())];
    // A heading the text rules took for a photo's caption is still the headline when the
    // markup says so; only the markup's captions and lists are passed over.
    let passed_over = |index: usize| {
        standing[index].kind == BlockKind::Related
            || structure.furniture[index]
                .as_ref()
                .is_some_and(|furniture| {
                    matches!(
                        furniture.kind,
                        BlockKind::Caption | BlockKind::Credit | BlockKind::Related
                    )
                })
    };
    // A breadcrumb trail or a menu ends with the page's title, but it is the trail: the text
    // rules, which cannot see the markup, may take it for the headline ("Blog Some Title").
    if metadata
        .title
        .is_some_and(|title| structure.is_elsewhere(title) || structure.in_trail_or_menu(title))
    {
        metadata.title = None;
        metadata.title_text = None;
    }
    let visible = [headline_area, until_body_end]
        .into_iter()
        .find_map(|area| {
            candidates
                .iter()
                .find_map(|candidate| visible_headline(area, &passed_over, candidate, &site_names))
        });
    match visible {
        Some(VisibleHeadline { index, text }) => {
            metadata.title = Some(index);
            metadata.title_text = Some(text);
        }
        None if metadata.title.is_none() => {
            // The page's first top-level heading above the body names the page (a headline
            // of four capitalised words may look like a name to the text rules).
            let first_heading = headline_area.iter().enumerate().position(|(index, item)| {
                item.paragraph.heading_level == 1 && !passed_over(index) && index <= body_start
            });
            if let Some(index) = first_heading {
                metadata.title = Some(index);
                metadata.title_text = Some(analysed[index].paragraph.text.clone());
            } else {
                metadata.title_text = candidates
                    .first()
                    .map(|candidate| without_site_name(candidate, &site_names));
            }
        }
        None => {}
    }
    // Where the article's own author link or <time> may stand: anywhere but apart from the
    // article (navigation, sidebars, comments, lists of other articles, captions) and, when
    // the page has an article element, inside it, above the body or right after it (a
    // headline's byline may stand outside the element, and so may a blog's "Posted by"
    // line under the text).
    let own = |index: usize| {
        (index < body_start
            || structure.in_article[index] != Some(false)
            || index < body.end + HEADER_REACH_INTO_BODY)
            && !matches!(
                standing[index].kind,
                BlockKind::Related | BlockKind::Caption | BlockKind::Credit
            )
            && !structure.is_elsewhere(index)
    };
    // A name line the text rules took for the byline is a menu entry when the markup sets
    // it apart from the article (inside <nav>, a sidebar).
    if metadata
        .byline
        .is_some_and(|byline| structure.is_elsewhere(byline))
    {
        metadata.byline = None;
        metadata.author = None;
    }
    let people = markup_people(page, linked, analysed, structure, &own);
    let author = people.or_else(|| metadata.author.clone()).or_else(|| {
        // Only an organisation is named (a wire service, the site): better than nothing.
        linked
            .and_then(|article| article.authors.first())
            .and_then(|name| clean_name(name))
    });
    if let Some(author) = author {
        if metadata.byline.is_none() {
            metadata.byline = byline_block(analysed, &author, metadata.title, body_start);
        }
        metadata.author = Some(author);
    }
    if page.metadata.writes_dates_day_first() {
        let shown_area = &analysed[..body.end.min(analysed.len())];
        if let Some(day_first) = metadata
            .date
            .as_deref()
            .and_then(|shown| day_first_reading(shown_area, shown))
        {
            metadata.date = Some(day_first);
        }
    }
    if let Some(date) = markup_date(page, linked, structure, &own) {
        let shown_and_stated = metadata
            .date
            .as_deref()
            .is_some_and(|shown| stated_for_article(page, linked, structure, &own, shown));
        if !shown_and_stated {
            metadata.date = Some(date);
        }
    }
    metadata
}

/// The text rules' date read day first, when the page writes its dates so and showed this
/// one only as an ambiguous numeric date: the text rules read "02/10/2020" month first, as
/// pasted text gives no locale to go by, but a page declaring "en-GB" means the 2nd of
/// October. `None` when the date reads the same both ways or the page wrote it otherwise
/// ("10 February 2020", "2020-02-10"), since a date in words or year first is not ambiguous.
fn day_first_reading(analysed: &[Analysed], shown: &str) -> Option<String> {
    // `shown` is the text rules' "YYYY-MM-DD".
    let number = |range: std::ops::Range<usize>| shown.get(range)?.parse::<u32>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if shown.len() != 10 || day > 12 || day == month {
        return None;
    }
    analysed
        .iter()
        .any(|item| holds_slash_date(&item.paragraph.text, month, day, year))
        .then(|| [&shown[..5], &shown[8..], "-", &shown[5..7]].concat())
}

/// Whether `text` writes `first/second/year` with slashes ("2/10/2020", "02/10/20"), as a
/// run of its own (no digit right before or after it). Read byte by byte: the dates in a
/// page's header are few, and this keeps the .wasm free of a formatter for each form.
fn holds_slash_date(text: &str, first: u32, second: u32, year: u32) -> bool {
    let bytes = text.as_bytes();
    let digit_at = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let mut at = 0;
    while at < bytes.len() {
        if !digit_at(at) || (at > 0 && digit_at(at - 1)) {
            at += 1;
            continue;
        }
        // Up to three runs of digits (at most five each, enough to tell a year) apart by '/'.
        let mut runs = [(0u32, 0usize); 3];
        let mut end = at;
        let mut count = 0;
        loop {
            let start = end;
            let mut value = 0;
            while digit_at(end) && end - start < 5 {
                value = value * 10 + u32::from(bytes[end] - b'0');
                end += 1;
            }
            runs[count] = (value, end - start);
            count += 1;
            if count == 3 || bytes.get(end) != Some(&b'/') || !digit_at(end + 1) {
                break;
            }
            end += 1;
        }
        let [(a, _), (b, _), (c, c_digits)] = runs;
        let year_matches = (c_digits == 4 && c == year) || (c_digits == 2 && c == year % 100);
        if count == 3 && !digit_at(end) && a == first && b == second && year_matches {
            return true;
        }
        at = end.max(at + 1);
    }
    false
}

/// The words of a text, as hashes (case aside).
fn words_of(text: &str) -> Vec<u64> {
    word_hashes(text)
}

/// The paragraph showing the markup's headline, and the headline's text.
struct VisibleHeadline {
    index: usize,
    text: String,
}

/// Fewest words of a headline found at the start of a longer heading (a headline and its
/// subtitle in one `<h1>`): fewer could be a section's name.
const MIN_PREFIX_HEADLINE_WORDS: usize = 3;

/// The paragraph showing the markup's headline `candidate`: the same words or the words of
/// one of its parts (without the site's name), taken as the page shows them; or a heading
/// holding those words with a few more around them ("Blog", "Exclusive:") or a subtitle
/// after them, taken as the markup says them. Headings first (`<h1>` before the others),
/// then bold lines, then any line; of equals, the first. `passed_over` paragraphs (captions,
/// lists of other articles) are not looked at.
fn visible_headline(
    analysed: &[Analysed],
    passed_over: &dyn Fn(usize) -> bool,
    candidate: &str,
    site_names: &[&str],
) -> Option<VisibleHeadline> {
    // A headline cut short in the markup ("... for Hong Kong leader...") is found at the
    // start of the heading that shows it whole.
    let cut_short = candidate.trim_end().ends_with("...") || candidate.trim_end().ends_with('…');
    let candidate = candidate.trim_end().trim_end_matches(['.', '…']);
    if words_of(candidate).is_empty() {
        return None;
    }
    let mut parts: Vec<(&str, Vec<u64>)> = split_title(candidate)
        .into_iter()
        .filter(|part| !is_site_name(part, site_names))
        .map(|part| (part, words_of(part)))
        .filter(|(_, words)| words.len() >= 2)
        .collect();
    parts.push((candidate.trim(), words_of(candidate)));
    let mut best: Option<(usize, u32, Option<&str>)> = None;
    for (index, item) in analysed.iter().enumerate() {
        if passed_over(index) || item.paragraph.list_marker.is_some() {
            continue;
        }
        let words = item.tokens.hashes();
        let marking = match item.paragraph.heading_level {
            1 => 3,
            0 if item.paragraph.emphasized => 1,
            0 => 0,
            _ => 2,
        };
        // The page's words: the same, or a few more after them ("Chapter 1 - Murdered"
        // for "Chapter 1"), or the whole of a headline the markup cut short.
        let shown = parts.iter().any(|(_, part)| {
            words == part
                || (words.starts_with(part)
                    && (words.len() <= part.len() + MAX_HEADING_EXTRA_WORDS || cut_short))
        });
        // The markup's words: a heading holding them among a few others ("Blog ...",
        // "Exclusive: ..."), or opening a heading that runs on into a subtitle.
        let stated = parts.iter().find(|(_, part)| {
            let around = words.len() > part.len()
                && words.len() <= part.len() + MAX_HEADING_EXTRA_WORDS
                && words
                    .windows(part.len())
                    .any(|window| window == part.as_slice());
            let opening = marking > 0
                && part.len() >= MIN_PREFIX_HEADLINE_WORDS
                && words.len() > part.len()
                && words.starts_with(part);
            around || opening
        });
        let (quality, text) = match (shown, stated) {
            (true, _) => (2, None),
            (false, Some((text, _))) => (1, Some(*text)),
            (false, None) => continue,
        };
        let score = quality * 10 + marking;
        if best.is_none_or(|(_, best_score, _)| score > best_score) {
            best = Some((index, score, text));
        }
    }
    best.map(|(index, _, text)| VisibleHeadline {
        index,
        text: text.map_or_else(|| analysed[index].paragraph.text.clone(), str::to_string),
    })
}

/// The parts of a title cut at the separators sites put between headline and name.
fn split_title(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for separator in TITLE_SEPARATORS {
        parts = parts
            .into_iter()
            .flat_map(|part| part.split(separator))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
    }
    parts
}

fn is_site_name(part: &str, site_names: &[&str]) -> bool {
    let words = words_of(part);
    site_names.iter().any(|site| words_of(site) == words)
}

/// A title without the site's name: its longest part once the parts naming the site are
/// gone ("Fire season starts | Harbour Times" gives "Fire season starts").
fn without_site_name(title: &str, site_names: &[&str]) -> String {
    let parts = split_title(title);
    let named: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|part| !is_site_name(part, site_names))
        .collect();
    if parts.len() > 1 && site_names.is_empty() {
        // No site name to go by: the longest part is the headline (site names are short).
        return parts
            .into_iter()
            .max_by_key(|part| part.len())
            .unwrap_or(title)
            .to_string();
    }
    match named.as_slice() {
        [] => title.trim().to_string(),
        [one] => one.to_string(),
        _ => named.join(" - "),
    }
}

/// The people the markup names as authors: JSON-LD's (when they are people), a `<meta>`
/// tag's, or the author links of the article.
fn markup_people(
    page: &Page,
    linked: Option<&LinkedArticle>,
    analysed: &[Analysed],
    structure: &Structure,
    own: &dyn Fn(usize) -> bool,
) -> Option<String> {
    if let Some(article) = linked.filter(|article| article.authors_are_people) {
        let names: Vec<String> = article
            .authors
            .iter()
            .filter_map(|name| clean_name(name))
            .collect();
        if !names.is_empty() {
            return Some(names.join("; "));
        }
    }
    for meta in &page.metadata.authors {
        if let Some(names) = names_in(&meta.value) {
            return Some(names);
        }
    }
    let mut names: Vec<String> = Vec::new();
    for marked in &page.metadata.marked_authors {
        let Some(paragraph) = paragraph_of_block(structure, marked.block) else {
            continue;
        };
        if !own(paragraph) || analysed.get(paragraph).is_none() {
            continue;
        }
        if let Some(name) = name_in_link(&marked.value) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    (!names.is_empty() && names.len() <= MAX_LINKED_AUTHORS).then(|| names.join("; "))
}

/// The name an author link shows: the link's text ("Ann Lee"), or the name after "by"
/// ("View all posts by Ann Lee").
fn name_in_link(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if let Some(at) = lower
        .rfind("by ")
        .filter(|&at| at == 0 || lower[..at].ends_with(' '))
    {
        return names_in(&format!("By {}", &text[at + 3..]));
    }
    let name = clean_name(text)?;
    looks_like_name(&name).then_some(name)
}

/// The first paragraph made from page block `block` (or from the first block after it).
fn paragraph_of_block(structure: &Structure, block: usize) -> Option<usize> {
    structure
        .block_of
        .iter()
        .position(|&paragraph_block| paragraph_block >= block)
}

/// A name as a `<meta>` or JSON-LD gives it, without "By" and white space runs; `None` when
/// it holds no letters or reads as more than a name (a sentence, a link).
fn clean_name(name: &str) -> Option<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = match author_from_byline(&name) {
        Some(from_byline) => from_byline,
        None => name,
    };
    let words = count_words(&name);
    // "@handle" is an account, not a name.
    (name.chars().any(char::is_alphabetic)
        && (1..=6).contains(&words)
        && !name.contains("://")
        && !name.starts_with('@'))
    .then_some(name)
}

/// The names of an author field ("By Ann Lee and Bo Park", "Ann Lee, Bo Park"), joined
/// with "; ". After the first, only parts that read as a person's name count ("Ann Lee,
/// Harbour Times" names Ann Lee and her paper).
fn names_in(value: &str) -> Option<String> {
    if let Some(names) = author_from_byline(value) {
        return Some(names);
    }
    let mut names: Vec<String> = Vec::new();
    let parts = value
        .split([',', ';', '&'])
        .flat_map(|part| part.split(" and "));
    for (position, part) in parts.enumerate() {
        let Some(name) = clean_name(part) else {
            continue;
        };
        if position == 0 || looks_like_name(&name) {
            names.push(name);
        }
    }
    (!names.is_empty() && names.len() <= MAX_LINKED_AUTHORS).then(|| names.join("; "))
}

/// The line naming the author near the headline, to be marked as the byline: a short line
/// before the body's first few paragraphs holding the first author's name.
fn byline_block(
    analysed: &[Analysed],
    author: &str,
    title: Option<usize>,
    body_start: usize,
) -> Option<usize> {
    let first = author.split("; ").next()?;
    let name = words_of(first);
    if name.is_empty() {
        return None;
    }
    let start = title.map_or(body_start.saturating_sub(10), |title| title + 1);
    (start..analysed.len().min(body_start + 1)).find(|&index| {
        let item = &analysed[index];
        item.features.words <= BYLINE_MAX_WORDS
            && item
                .noise
                .as_ref()
                .is_none_or(|noise| noise.kind == BlockKind::Byline)
            && item
                .tokens
                .hashes()
                .windows(name.len())
                .any(|window| window == name.as_slice())
    })
}

/// The publication date the markup states, `YYYY-MM-DD`.
fn markup_date(
    page: &Page,
    linked: Option<&LinkedArticle>,
    structure: &Structure,
    own: &dyn Fn(usize) -> bool,
) -> Option<String> {
    let markup = &page.metadata;
    let from_linked = linked
        .and_then(|article| article.published.as_deref())
        .and_then(calendar_date);
    let from_meta = || {
        markup
            .published
            .iter()
            .find_map(|value| calendar_date(&value.value))
    };
    let from_time = || {
        markup.times.iter().find_map(|time| {
            let paragraph = paragraph_of_block(structure, time.block)?;
            own(paragraph).then(|| calendar_date(&time.value)).flatten()
        })
    };
    from_linked.or_else(from_meta).or_else(from_time)
}

/// Whether `shown`, the date the text rules read on the visible page, is one the markup
/// states for this article: published, updated, or a `<time>` of its header (which gives the
/// time where the page is published, while the `<meta>` and JSON-LD timestamps are mostly in
/// UTC, up to a day apart). The page then publishes that date as its own: a page that shows
/// "Updated March 14" under its headline dates itself by its update. The markup's published
/// date stays the choice when the page shows none of them: a date of the text that the
/// markup does not state may be any date the page mentions.
fn stated_for_article(
    page: &Page,
    linked: Option<&LinkedArticle>,
    structure: &Structure,
    own: &dyn Fn(usize) -> bool,
    shown: &str,
) -> bool {
    let markup = &page.metadata;
    let linked_dates = linked
        .into_iter()
        .flat_map(|article| [&article.published, &article.modified])
        .flatten();
    let meta_dates = markup.published.iter().chain(&markup.modified);
    let header_times = markup
        .times
        .iter()
        .filter(|time| paragraph_of_block(structure, time.block).is_some_and(own));
    linked_dates
        .map(String::as_str)
        .chain(meta_dates.map(|value| value.value.as_str()))
        .chain(header_times.map(|time| time.value.as_str()))
        .filter_map(calendar_date)
        .any(|stated| stated == shown)
}

/// The calendar date of a machine-readable date ("2024-05-17T08:00:00Z", "2024-05-17") or,
/// failing that, of the first date written in it ("May 17, 2024").
fn calendar_date(value: &str) -> Option<String> {
    let bytes = value.trim().as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .filter(|part| part.iter().all(u8::is_ascii_digit))
            .and_then(|part| std::str::from_utf8(part).ok()?.parse::<u32>().ok())
    };
    if let (Some(year), Some(b'-'), Some(month), Some(b'-'), Some(day)) = (
        digits(0..4),
        bytes.get(4),
        digits(5..7),
        bytes.get(7),
        digits(8..10),
    ) {
        if (1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    find_dates(value).first().map(|date| date.iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_dates_are_read() {
        assert_eq!(
            calendar_date("2024-05-17T08:00:00+02:00").as_deref(),
            Some("2024-05-17")
        );
        assert_eq!(calendar_date(" 2024-05-17").as_deref(), Some("2024-05-17"));
        assert_eq!(calendar_date("May 17, 2024").as_deref(), Some("2024-05-17"));
        assert_eq!(calendar_date("2024-13-45"), None);
        assert_eq!(calendar_date("soon"), None);
    }

    #[test]
    fn titles_lose_the_site_name() {
        let sites = ["Harbour Times"];
        assert_eq!(
            without_site_name("Ferry returns | Harbour Times", &sites),
            "Ferry returns"
        );
        assert_eq!(
            without_site_name("Harbour Times - Ferry returns", &sites),
            "Ferry returns"
        );
        assert_eq!(
            without_site_name("Ferry returns - Local - Daily", &[]),
            "Ferry returns"
        );
        assert_eq!(without_site_name("Ferry returns", &sites), "Ferry returns");
    }

    #[test]
    fn author_fields_give_names() {
        assert_eq!(
            names_in("By Ann Lee and Bo Park").as_deref(),
            Some("Ann Lee; Bo Park")
        );
        assert_eq!(
            names_in("Ann Lee, Bo Park").as_deref(),
            Some("Ann Lee; Bo Park")
        );
        assert_eq!(clean_name("  Ann   Lee ").as_deref(), Some("Ann Lee"));
        assert_eq!(clean_name("https://example.com/ann"), None);
    }
}
