//! Date stamps run into the article's text: "Published: 17 May 2024 The council voted ...",
//! "date 2024-05-17 First sentence ...", "Posted 2024-05-17 | The council ...", or a
//! standfirst that ends "... its recovery? Monday, 6 January 2020". A page's date element
//! lands on the line of the paragraph beside it when the page is copied as text. The stamp
//! is metadata and the rest is article text, so the paragraph is split in two at the stamp's
//! edge: two blocks, each with its own span of the input, so that the date block can be
//! removed (and restored) on its own while the text keeps its place in the body.

use super::lexicon::lexicon;
use super::noise::is_byline;
use crate::text::dates::{find_dates, is_month_word};
use crate::text::segment::{split_paragraph, Paragraph};
use crate::text::{lowercase_into, Lowercase};

/// Fewest words of article text that must stand beside a stamp for the paragraph to be
/// split: with fewer, the line is a date line with a word or two ("Posted 2024-05-17 in
/// Sports") and the date-line rule already handles it.
const MIN_TEXT_WORDS: usize = 3;

/// Fewest words of a stamp: a date of one word ("2024-05-17") with its label, or a date
/// of two words or more.
const MIN_STAMP_WORDS: usize = 2;

/// Most words a date (with its weekday) spans: "Tuesday, the 17th of May 2024".
const MAX_DATE_WORDS: usize = 7;

/// Most stamps in a row taken as one ("Published 17 May 2024 | Updated 18 May 2024").
const MAX_STAMPS_IN_A_ROW: usize = 3;

/// Words read at the start of a paragraph when looking for a stamp: enough for three
/// labelled dates with their times.
const LEADING_WORDS: usize = 40;

/// Sentence ends looked at, from the end of a paragraph, for a stamp after the last one.
const TRAILING_SENTENCE_ENDS: usize = 3;

/// Characters that separate a stamp from the text beside it.
const SEPARATORS: &[char] = &['|', '·', '•', '—', '–', '-', ':', ',', '/', ';', '@'];

/// Separators between the fields of a header line ("May 3, 2024 | Politics | 2 Comments"),
/// unlike the dashes and colons that introduce a sentence after a date.
const FIELD_SEPARATORS: &[char] = &['|', '/', '·', '•'];

/// Time zones written after a time ("10:32 am EST").
const TIME_ZONES: &[&str] = &[
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "ct", "pt", "gmt", "utc", "bst",
    "cet", "cest", "ist", "aest", "aedt", "jst", "hkt", "sgt", "wib",
];

/// Bytes of the longest of the [`TIME_ZONES`], worked out when the program is built.
const TIME_ZONE_MAX_BYTES: usize = {
    let mut longest = 0;
    let mut index = 0;
    while index < TIME_ZONES.len() {
        if TIME_ZONES[index].len() > longest {
            longest = TIME_ZONES[index].len();
        }
        index += 1;
    }
    longest
};

/// Weekday names and their abbreviations, which may open a date ("Tue, 17 May 2024").
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Splits every paragraph that opens or ends with a date stamp beside article text into
/// the stamp and the text.
pub fn split_stamps(input: &str, paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    let split = |paragraph: &Paragraph| split_at_stamp(input, paragraph);
    // Most articles have no stamp to split: their paragraphs are handed back where they
    // are, and moved to a new list only from the first split on.
    let Some((first, (head, tail))) = paragraphs
        .iter()
        .enumerate()
        .find_map(|(index, paragraph)| split(paragraph).map(|parts| (index, parts)))
    else {
        return paragraphs;
    };
    let mut result = Vec::with_capacity(paragraphs.len() + 1);
    let mut rest = paragraphs.into_iter();
    result.extend(rest.by_ref().take(first));
    rest.next();
    result.push(head);
    result.push(tail);
    for paragraph in rest {
        match split(&paragraph) {
            Some((head, tail)) => {
                result.push(head);
                result.push(tail);
            }
            None => result.push(paragraph),
        }
    }
    result
}

/// `paragraph` as its date stamp and its article text, when it opens or ends with a stamp
/// beside text.
fn split_at_stamp(input: &str, paragraph: &Paragraph) -> Option<(Paragraph, Paragraph)> {
    stamp_split_point(input, paragraph).and_then(|at| split_paragraph(input, paragraph, at))
}

/// A word of a paragraph's text with its byte span.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    lower: String,
    start: usize,
    end: usize,
}

fn words_with_spans(text: &str, limit: usize) -> Vec<Word<'_>> {
    crate::text::words(text)
        .take(limit)
        .map(|word| {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            Word {
                text: word,
                lower: word.to_lowercase(),
                start,
                end: start + word.len(),
            }
        })
        .collect()
}

/// Byte offset in the input where the paragraph's stamp and its text meet (the start of
/// the second part), when the paragraph opens or ends with a stamp.
fn stamp_split_point(input: &str, paragraph: &Paragraph) -> Option<usize> {
    // Headings and list items keep their layout; a stamp inside them is left alone.
    if paragraph.heading_level > 0 || paragraph.list_marker.is_some() {
        return None;
    }
    let text = paragraph.text.as_str();
    // A stamp holds a number: most paragraphs are ruled out here.
    if !has_ascii_digit(text.as_bytes()) {
        return None;
    }
    // Then a word at either edge that a stamp may open or end with: one word looked at on
    // each side rules out most of the rest, before their words are counted.
    let may_lead = opens_with_stamp_word(text);
    if !may_lead && !ends_with_stamp_word(text) {
        return None;
    }
    // With the text beside it, a stamp runs to more words than a date line of its own
    // ("Updated 14 April 2025").
    crate::text::words(text).nth(MIN_STAMP_WORDS + MIN_TEXT_WORDS - 1)?;
    let raw = &input[paragraph.start..paragraph.end];
    if let Some(text_start) = may_lead.then(|| leading_stamp_end(text)).flatten() {
        let words_before = crate::text::words(&text[..text_start]).count();
        return raw_word_start(raw, text, words_before).map(|at| paragraph.start + at);
    }
    let stamp_start = trailing_stamp_start(text)?;
    let stamp_words = crate::text::words(&text[stamp_start..]).count();
    raw_word_start_from_end(raw, text, stamp_words).map(|at| paragraph.start + at)
}

/// Whether `bytes` hold an ASCII digit. Every paragraph is asked and most hold none, so the
/// bytes are tested sixteen at a time without an exit per byte (a loop the compiler
/// vectorises natively), and the search stops at the first block with a digit.
fn has_ascii_digit(bytes: &[u8]) -> bool {
    // The page's build has no vectors: the plain search weighs less there.
    if cfg!(target_arch = "wasm32") {
        return bytes.iter().any(u8::is_ascii_digit);
    }
    bytes
        .chunks(16)
        .any(|block| block.iter().fold(false, |any, b| any | b.is_ascii_digit()))
}

/// Whether `text`'s first word, with nothing but spaces and emphasis marks before it, can
/// open a stamp: the first test of [`leading_stamp_end`].
fn opens_with_stamp_word(text: &str) -> bool {
    let Some(first) = crate::text::words(text).next() else {
        return false;
    };
    if first.as_ptr() != text.as_ptr()
        && !text[..first.as_ptr() as usize - text.as_ptr() as usize]
            .chars()
            .all(|c| c.is_whitespace() || c == '*' || c == '_')
    {
        return false;
    }
    // Borrowed when the word is lowercase already: no allocation per paragraph.
    may_open_stamp(&Lowercase::of(first))
}

/// Whether `text`'s last word can end a stamp (a number, a time zone, "am" or "pm"): the
/// first test of [`trailing_stamp_start`], read from the paragraph's last few bytes.
fn ends_with_stamp_word(text: &str) -> bool {
    let Some(last) = last_word_of_tail(text) else {
        return false;
    };
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // The time zones, "am" and "pm" are short: a longer ASCII word (its lowercase form as
    // long as it is) is none of them, and most last words are such, not lowercased to be
    // compared. (Another word is lowercased first: U+212A, the Kelvin sign, is three
    // bytes whose lowercase is "k".)
    if last.len() > TIME_ZONE_MAX_BYTES && last.is_ascii() {
        return false;
    }
    let last_lower = Lowercase::of(last);
    TIME_ZONES.contains(&last_lower.as_str()) || matches!(last_lower.as_str(), "am" | "pm" | "m")
}

/// The last word of `text`'s last sixteen bytes (fewer, to a character boundary): its last
/// word whenever that is shorter than sixteen bytes.
fn last_word_of_tail(text: &str) -> Option<&str> {
    let mut tail_start = text.len().saturating_sub(16);
    while !text.is_char_boundary(tail_start) {
        tail_start -= 1;
    }
    crate::text::words(&text[tail_start..]).last()
}

/// When `text` opens with a stamp followed by article text: the byte offset where that text
/// starts. A stamp without a label needs a field separator after it ("17 May 2024 | The
/// ...", "May 3, 2024 / 2 Comments"): a sentence, or an entry of a timeline ("17 May 2024 —
/// The council votes ..."), may begin with a bare date.
///
/// Only asked of a `text` that [`opens_with_stamp_word`].
fn leading_stamp_end(text: &str) -> Option<usize> {
    let words = words_with_spans(text, LEADING_WORDS);
    let stamp = parse_stamps(text, &words, 0)?;
    let after = &text[stamp.end..];
    let gap = after.len() - after.trim_start_matches(is_separator_or_space).len();
    let field_separated = after[..gap].contains(FIELD_SEPARATORS);
    let text_start = stamp.end + gap;
    let rest = &text[text_start..];
    let opens_like_text = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '“' | '‘' | '\'' | '«'));
    let enough_text = crate::text::words(rest).nth(MIN_TEXT_WORDS - 1).is_some();
    // What follows must be text, not more header: another stamp ("Updated 14 hours ago") or
    // the byline ("Posted on May 3, 2024 by Jane Doe" is one header line).
    let header_rest = is_more_stamp(rest) || is_byline(rest);
    (opens_like_text && enough_text && (stamp.labelled || field_separated) && !header_rest)
        .then_some(text_start)
}

/// Most words of a stamp without a full date ("Updated 14 hours ago", "Updated 9:01 AM
/// EDT") after the dated one.
const MAX_UNDATED_STAMP_WORDS: usize = 8;

/// Words of a time stamp without a full date: how long ago, times of day.
const TIME_WORDS: &[&str] = &[
    "ago",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "at",
    "on",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "today",
    "yesterday",
    "by",
];

/// Whether `rest` is itself a stamp, one without a full date ("Updated 14 hours ago"), rather
/// than article text.
fn is_more_stamp(rest: &str) -> bool {
    only_stamp_words(rest, MAX_UNDATED_STAMP_WORDS)
}

/// Most words of a line made only of stamps ("Posted 11/27/2005 7:21 AM | Updated
/// 11/27/2005 3:41 PM EST").
const MAX_STAMP_LINE_WORDS: usize = 24;

/// Whether `text` is made only of the words of date stamps (labels, dates, times, time
/// zones), whatever form its dates take: a line the metadata can read as a date line even
/// where the date-line rule did not recognise the date's form.
pub fn is_stamp_line(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) && only_stamp_words(text, MAX_STAMP_LINE_WORDS)
}

fn only_stamp_words(text: &str, max_words: usize) -> bool {
    // The first word is asked first: most lines open with a word no stamp holds, and are
    // ruled out by it before their words are counted. Then the words are counted before
    // another is lowercased (most of the lines left have more), then lowercased one at a
    // time into one buffer, up to the first that is no stamp word.
    let mut buffer = String::new();
    let mut words = crate::text::words(text);
    if words
        .next()
        .is_some_and(|first| !is_stamp_word(first, &mut buffer))
    {
        return false;
    }
    if crate::text::words(text).nth(max_words).is_some() {
        return false;
    }
    words.all(|word| is_stamp_word(word, &mut buffer))
}

/// Whether `word`, lowercased into `buffer`, can be a word of a date stamp: of a date, a
/// time, a time zone or a date label.
fn is_stamp_word(word: &str, buffer: &mut String) -> bool {
    let word = lowercase_into(word, buffer);
    is_date_word(word)
        || TIME_WORDS.contains(&word)
        || TIME_ZONES.contains(&word)
        || lexicon()
            .date_labels
            .iter()
            .any(|label| label.words.contains(&word))
}

/// When `text` ends with a stamp after a sentence ("... its recovery? Monday, 6 January
/// 2020"): the byte offset where the stamp starts.
fn trailing_stamp_start(text: &str) -> Option<usize> {
    // A stamp ends in a year, a time or a time zone: cheap to rule out first.
    if !ends_with_stamp_word(text) {
        return None;
    }
    let sentence_ends = text
        .match_indices(['.', '?', '!'])
        .map(|(at, _)| at)
        .filter(|&at| text[at + 1..].starts_with([' ', '"', '”', '’', ')']))
        .collect::<Vec<_>>();
    for &end in sentence_ends.iter().rev().take(TRAILING_SENTENCE_ENDS) {
        let after = &text[end + 1..];
        let stamp_start =
            end + 1 + (after.len() - after.trim_start_matches([' ', '"', '”', '’', ')']).len());
        // Enough article text before the stamp, or no split at all.
        crate::text::words(&text[..end]).nth(MIN_TEXT_WORDS - 1)?;
        let tail = &text[stamp_start..];
        let opens = crate::text::words(tail)
            .next()
            .is_some_and(|first| may_open_stamp(&Lowercase::of(first)));
        if !opens {
            continue;
        }
        let words = words_with_spans(tail, LEADING_WORDS);
        if words.first().is_none_or(|word| word.start != 0) {
            continue;
        }
        if let Some(stamp) = parse_stamps(tail, &words, 0) {
            if tail[stamp.end..]
                .trim_matches(is_separator_or_space)
                .is_empty()
            {
                return Some(stamp_start);
            }
        }
    }
    None
}

fn is_separator_or_space(c: char) -> bool {
    c.is_whitespace() || SEPARATORS.contains(&c)
}

/// One or more stamps in a row, parsed from word `at`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stamp {
    /// Byte offset just past the last stamp's last word.
    end: usize,
    /// Whether a label ("Published", "Date") stands before a date.
    labelled: bool,
}

fn parse_stamps(text: &str, words: &[Word], at: usize) -> Option<Stamp> {
    let (mut next, mut stamp) = parse_stamp(text, words, at)?;
    for _ in 1..MAX_STAMPS_IN_A_ROW {
        // Only separators between two stamps: "Published 17 May 2024 | Updated 18 May 2024".
        let Some(word) = words.get(next) else { break };
        if !text[stamp.end..word.start]
            .chars()
            .all(is_separator_or_space)
        {
            break;
        }
        let Some((after, more)) = parse_stamp(text, words, next) else {
            break;
        };
        next = after;
        stamp = Stamp {
            end: more.end,
            labelled: stamp.labelled || more.labelled,
        };
    }
    Some(stamp)
}

/// One stamp from word `at`: an optional label, a date with its year, an optional time and
/// time zone. Returns the index of the word after it and the stamp.
fn parse_stamp(text: &str, words: &[Word], at: usize) -> Option<(usize, Stamp)> {
    let mut index = at;
    let lowers: Vec<&str> = words[at..]
        .iter()
        .take(3)
        .map(|word| word.lower.as_str())
        .collect();
    let labelled = match lexicon().date_label_at(&lowers) {
        Some((_, length)) => {
            index += length;
            if words.get(index).is_some_and(|word| word.lower == "on") {
                index += 1;
            }
            true
        }
        None => false,
    };
    let date_start = words.get(index)?.start;
    // The shortest run of date words from here that holds a whole date.
    let mut date_end = None;
    for end in index..(index + MAX_DATE_WORDS).min(words.len()) {
        if !is_date_word(&words[end].lower) {
            break;
        }
        if may_end_date(text, words, end)
            && !find_dates(&text[date_start..words[end].end]).is_empty()
        {
            date_end = Some(end + 1);
            break;
        }
    }
    index = date_end?;
    index = skip_time(text, words, index);
    Some((
        index,
        Stamp {
            end: words[index - 1].end,
            labelled,
        },
    ))
}

/// Whether word `index` can end a written date: a year ("2024", "2024-05-17"), or the last
/// number of a numeric date ("17.05.24", "5/17/24"). The date scanner is only asked then.
fn may_end_date(text: &str, words: &[Word], index: usize) -> bool {
    let word = words[index].text;
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    let after_numeric_separator = index > 0
        && words[index - 1].text.bytes().all(|b| b.is_ascii_digit())
        && matches!(&text[words[index - 1].end..words[index].start], "/" | ".");
    digits >= 4 || (digits > 0 && after_numeric_separator)
}

/// The index of the first word after an optional time ("at 10:32 a.m. EST", "- 14:05").
fn skip_time(text: &str, words: &[Word], at: usize) -> usize {
    let mut index = at;
    if words.get(index).is_some_and(|word| word.lower == "at") {
        index += 1;
    }
    let is_number = |i: usize| {
        words.get(i).is_some_and(|word| {
            word.text.len() <= 2 && word.text.bytes().all(|b| b.is_ascii_digit())
        })
    };
    // Hours and minutes joined by ":" or "." ("10:32", "10.32"), perhaps with seconds.
    let joined = |i: usize| {
        words
            .get(i)
            .zip(words.get(i + 1))
            .is_some_and(|(a, b)| matches!(&text[a.end..b.start], ":" | ".") && b.text.len() == 2)
    };
    if !(is_number(index) && joined(index)) {
        return at;
    }
    index += 2;
    if joined(index - 1) && is_number(index) {
        index += 1;
    }
    // "am", "pm", "a.m." (two words), then a time zone.
    match words.get(index).map(|word| word.lower.as_str()) {
        Some("am" | "pm") => index += 1,
        Some("a" | "p") if words.get(index + 1).is_some_and(|word| word.lower == "m") => index += 2,
        _ => {}
    }
    if words
        .get(index)
        .is_some_and(|word| TIME_ZONES.contains(&word.lower.as_str()))
    {
        index += 1;
    }
    index
}

/// Whether a lowercase word can open a stamp: a date label's first word, or a word that
/// can open a written date (a number, a month, a weekday).
fn may_open_stamp(word: &str) -> bool {
    lexicon()
        .date_labels
        .iter()
        .any(|label| label.words[0] == word)
        || (is_date_word(word) && !matches!(word, "of" | "de" | "del" | "the"))
}

/// Whether a lowercase word can be part of a written date: a number (or "17th", or
/// "2024-05-17"), a month, a weekday, or the "of" / "de" between them.
fn is_date_word(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let ordinal = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&word[digits.len()..], "" | "st" | "nd" | "rd" | "th");
    ordinal
        || (word.bytes().all(|b| b.is_ascii_digit() || b == b'-') && word.contains('-'))
        || is_month_word(word)
        || WEEKDAYS.contains(&word)
        || matches!(word, "of" | "de" | "del" | "the")
}

/// Byte offset in `raw` of word number `index` (from 0) of `text`, when the first
/// `index + 1` words of both are the same (the normalisation changed none of them).
fn raw_word_start(raw: &str, text: &str, index: usize) -> Option<usize> {
    let mut raw_words = crate::text::words(raw);
    let mut text_words = crate::text::words(text);
    for _ in 0..index {
        if raw_words.next()? != text_words.next()? {
            return None;
        }
    }
    let raw_word = raw_words.next()?;
    if raw_word != text_words.next()? {
        return None;
    }
    let mut at = raw_word.as_ptr() as usize - raw.as_ptr() as usize;
    // An opening quote or bracket before the first word belongs to the text.
    while let Some(c) = raw[..at].chars().next_back() {
        if !matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(') {
            break;
        }
        at -= c.len_utf8();
    }
    Some(at)
}

/// Byte offset in `raw` of the first of its last `count` words, when they are the last
/// `count` words of `text` too.
fn raw_word_start_from_end(raw: &str, text: &str, count: usize) -> Option<usize> {
    let raw_words: Vec<&str> = crate::text::words(raw).collect();
    let text_words: Vec<&str> = crate::text::words(text).collect();
    if count == 0 || raw_words.len() < count || text_words.len() < count {
        return None;
    }
    let raw_tail = &raw_words[raw_words.len() - count..];
    let text_tail = &text_words[text_words.len() - count..];
    (raw_tail == text_tail).then(|| raw_tail[0].as_ptr() as usize - raw.as_ptr() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::paragraphs;

    #[test]
    fn a_digit_is_found_in_any_block_at_any_place() {
        for length in 0..40 {
            let plain = "é/:a".repeat(10).into_bytes()[..length].to_vec();
            assert!(!has_ascii_digit(&plain), "{length}");
            for at in 0..length {
                for digit in [b'0', b'9'] {
                    let mut bytes = plain.clone();
                    bytes[at] = digit;
                    assert!(has_ascii_digit(&bytes), "{length} {at}");
                }
            }
        }
    }

    /// The last-word test against its definition (the last word of the last 16 bytes is all
    /// digits, or in lowercase a time zone, "am", "pm" or "m") on every short joining of
    /// words that are, words that are not, and ones whose lowercase form is shorter.
    #[test]
    fn the_last_word_test_is_its_definition() {
        let definition = |text: &str| {
            last_word_of_tail(text).is_some_and(|last| {
                let lower = last.to_lowercase();
                last.bytes().all(|b| b.is_ascii_digit())
                    || TIME_ZONES.contains(&lower.as_str())
                    || matches!(lower.as_str(), "am" | "pm" | "m")
            })
        };
        let pieces = [
            "EST",
            "aedt",
            "AEDTX",
            "H\u{212A}T",
            "\u{212A}",
            "pm",
            "M",
            "2024",
            "x",
            "Monday",
            "é",
            " ",
            ".",
            "-",
            "4",
        ];
        for text in crate::text::test_texts::every_joining(&pieces, 3, "") {
            assert_eq!(ends_with_stamp_word(&text), definition(&text), "{text:?}");
        }
    }

    /// The stamp-line test against its definition (no more than the most words, each a
    /// stamp word), on every short joining of stamp words and others.
    #[test]
    fn only_stamp_words_is_its_definition() {
        let pieces = [
            "Posted", "12", "May", "2024", "pm", "EST", "the", "council", "|", " ",
        ];
        for text in crate::text::test_texts::every_joining(&pieces, 4, " ") {
            for max_words in [0, 1, 2, 3] {
                let mut buffer = String::new();
                let definition = crate::text::words(&text).count() <= max_words
                    && crate::text::words(&text).all(|word| is_stamp_word(word, &mut buffer));
                assert_eq!(
                    only_stamp_words(&text, max_words),
                    definition,
                    "{text:?} {max_words}"
                );
            }
        }
    }

    /// The split paragraphs against a split of each paragraph in turn, on inputs of
    /// paragraphs with a stamp to split and without, in every order.
    #[test]
    fn paragraphs_are_split_as_one_by_one() {
        let pieces = [
            "Published: 17 May 2024 The council voted on the plan today.",
            "Nothing to split in these 12 words of an ordinary sentence.",
            "Will the town find its recovery? Monday, 6 January 2020",
            "Posted 2024-05-17 | The mayor spoke at length.",
        ];
        for input in crate::text::test_texts::every_joining(&pieces, 3, "\n\n") {
            let one_by_one: Vec<Paragraph> = paragraphs(&input)
                .into_iter()
                .flat_map(|paragraph| match split_at_stamp(&input, &paragraph) {
                    Some((head, tail)) => vec![head, tail],
                    None => vec![paragraph],
                })
                .collect();
            assert_eq!(
                split_stamps(&input, paragraphs(&input)),
                one_by_one,
                "{input:?}"
            );
        }
    }

    /// The parts a one-paragraph input is split into, as their texts.
    fn parts(input: &str) -> Vec<String> {
        split_stamps(input, paragraphs(input))
            .into_iter()
            .map(|paragraph| paragraph.text)
            .collect()
    }

    #[test]
    fn stamps_before_the_first_sentence_are_split_off() {
        assert_eq!(
            parts("date 2024-05-17 The council approved the budget on Tuesday."),
            [
                "date 2024-05-17",
                "The council approved the budget on Tuesday."
            ]
        );
        assert_eq!(
            parts("Published: 17 May 2024 The council approved the budget."),
            ["Published: 17 May 2024", "The council approved the budget."]
        );
        assert_eq!(
            parts("Posted 2024-05-17 | The council approved the budget."),
            ["Posted 2024-05-17 |", "The council approved the budget."]
        );
        assert_eq!(
            parts("Last updated on Tuesday, May 17th, 2024 at 10:32 a.m. EDT \u{2014} \u{201c}We are ready,\u{201d} the mayor said."),
            [
                "Last updated on Tuesday, May 17th, 2024 at 10:32 a.m. EDT \u{2014}",
                "\u{201c}We are ready,\u{201d} the mayor said."
            ]
        );
        // A bare date needs a field separator after it.
        assert_eq!(
            parts("17.05.2024 | The council approved the budget."),
            ["17.05.2024 |", "The council approved the budget."]
        );
        assert_eq!(
            parts("Published 17 May 2024 | Updated 18 May 2024 | The council met again."),
            [
                "Published 17 May 2024 | Updated 18 May 2024 |",
                "The council met again."
            ]
        );
    }

    #[test]
    fn a_stamp_after_the_last_sentence_is_split_off() {
        assert_eq!(
            parts("An island stripped bare comes back to life. What is the secret? Monday, 6 January 2020"),
            [
                "An island stripped bare comes back to life. What is the secret?",
                "Monday, 6 January 2020"
            ]
        );
    }

    #[test]
    fn lines_that_are_not_a_stamp_beside_text_stay_whole() {
        for line in [
            "May 17, 2024 was the day the council finally approved the budget.",
            "17 May 2024 The council approved the budget.",
            "17.05.2024 \u{2014} The council approves the budget.",
            "Published since 1843 by the same family of printers.",
            "Updated: the council approved the budget on Tuesday.",
            "Posted on March 3, 2025 by Lena Fischer",
            "November 19, 2019 / 12:21 AM / Updated 14 hours ago",
            "Published: 17 May 2024 in Sports",
            "The council met on 17 May 2024 and approved the budget.",
            "# Published 17 May 2024 The council approved the budget.",
            "* Posted 2024-05-17 | The council approved the budget.",
        ] {
            let found = parts(line);
            assert_eq!(found.len(), 1, "{line:?} was split: {found:?}");
        }
        // A number after the date is text, not a time of day.
        assert_eq!(
            parts("Published: 17 May 2024 10 people were hurt in the storm."),
            [
                "Published: 17 May 2024",
                "10 people were hurt in the storm."
            ]
        );
    }

    #[test]
    fn split_parts_keep_their_spans() {
        let input =
            "Headline\n\n  Posted 2024-05-17 | The council met on\n  Tuesday to approve it.";
        let found = split_stamps(input, paragraphs(input));
        assert_eq!(found.len(), 3);
        assert_eq!(&input[found[1].start..found[1].end], "Posted 2024-05-17 |");
        assert_eq!(
            &input[found[2].start..found[2].end],
            "The council met on\n  Tuesday to approve it."
        );
        assert_eq!(found[2].text, "The council met on Tuesday to approve it.");
        assert_eq!(found[1].indent, 2);
    }
}
