//! Finds calendar dates written in running text ("November 8, 2023", "8 Nov. 2023",
//! "2023-11-08", "11/08/2023") and relative stamps ("3 hours ago"). Returns them as
//! `YYYY-MM-DD`. Which date is the article's own is decided in `metadata`.
//!
//! The forms are patterns (below), the month names data (`lexicon/months.txt`). A date
//! written with words is matched against the text's [`word_line`], so that words are the
//! tokenizer's, in every script, without Unicode tables in the regex.

use super::patterns::without_comments;
use std::sync::OnceLock;

#[cfg(test)]
use super::patterns::{compile, Regex};
use super::patterns::{lexicon_lines, line_words, word_end, word_line, Rule};
use super::words::{word_hash, HashMapOfWords};

/// A date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundDate {
    /// Year, 1900..=2100.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=31.
    pub day: u8,
}

impl FoundDate {
    /// The date as `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn new(year: u32, month: u32, day: u32) -> Option<FoundDate> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2100).contains(&year) && (1..=days_in_month).contains(&day)).then_some(FoundDate {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }
}

/// The units of time a relative stamp counts in, as pattern alternatives.
macro_rules! relative_units {
    () => {
        "seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?"
    };
}

/// The date rules, built once from `lexicon/months.txt` and the patterns below.
struct DateRules {
    /// Month names (lowercase) with their numbers, keyed by [`word_hash`]: the stories' term
    /// collection asks about every word of every article, so the lookup must be cheap.
    months: HashMapOfWords<(&'static str, u32)>,
    /// The units of time of a relative stamp (`relative_units!`), each matched as a whole
    /// word.
    relative_units: Rule,
}

fn rules() -> &'static DateRules {
    static RULES: OnceLock<DateRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut months = HashMapOfWords::default();
        for line in lexicon_lines(without_comments!(include_str!("lexicon/months.txt"))) {
            let mut fields = line.split('\t');
            let number = fields.next().and_then(|n| n.trim().parse().ok());
            let names = fields.next().unwrap_or_default();
            for name in names.split_whitespace() {
                months.insert(word_hash(name), (name, number.unwrap_or(0)));
            }
        }
        DateRules {
            relative_units: Rule::new(concat!("^(?:", relative_units!(), ")$")),
            months,
        }
    })
}

/// A date written with words, as a pattern over a [`word_line`] (where words stand one space
/// apart, so `(?:^| )` and `(?: |$)` are word boundaries). The three forms exclude each other
/// by their first word, so the first one matching at a word is the only one:
/// - ISO: "2023-11-08", one token (the tokenizer keeps inner hyphens); the day may run on
///   into a time ("2025-06-30t10").
/// - month first: "November 8, 2023", "Nov 8th 2023".
/// - day first: "8 November 2023", "8th Nov 2023"; Spanish and Portuguese put "de" between
///   the parts: "8 de noviembre de 2023".
///
/// The month is any word here, and [`read_written_date`] asks the month names
/// (`lexicon/months.txt`) whether it is one: a pattern holding the hundred names would be
/// slow to run without the regex crate's DFAs, which the wasm build leaves out.
///
/// The search is [`find_written_date`], a matcher of exactly these shapes written by hand:
/// the pattern has no literal start, so the page's engine (regex-lite's PikeVM) ran its
/// full machine at every word around each year and every digit run (about 2% of the
/// page's time, docs/benchmarks.md, "WebAssembly per core, round seven"). The
/// pattern stays the specification: a test runs both over lines made to hit every branch.
#[cfg_attr(not(test), allow(dead_code))]
const WRITTEN_DATE_PATTERN: &str = concat!(
    "(?:^| )(?:",
    "[0-9]{4}-[0-9]{1,2}-(?:[0-9]|[0-9]{2}[^ -]*)",
    "|[^ 0-9][^ ]* [0-9]{1,2}(?:st|nd|rd|th)? [0-9]{4}",
    "|[0-9]{1,2}(?:st|nd|rd|th)? (?:(?:de|del) )*[^ 0-9][^ ]* (?:(?:de|del) )*[0-9]{4}",
    ")(?: |$)"
);

/// A run of digits, then up to two more runs after the same separator (`/` or `.`): the
/// candidates for "11/08/2023", "08.11.2023", "2023/11/08". Which runs make a date (at most
/// four digits each, three of them) is decided in [`numeric_dates`], which also sets where
/// the next search starts. Matched by [`numeric_runs`], written by hand for the same reason
/// as [`find_written_date`] and checked against this pattern by a test.
#[cfg_attr(not(test), allow(dead_code))]
const NUMERIC_DATE_PATTERN: &str = r"(?P<first>[0-9]+)(?:/(?P<slash2>[0-9]+)(?:/(?P<slash3>[0-9]+))?|\.(?P<dot2>[0-9]+)(?:\.(?P<dot3>[0-9]+))?)?";

/// "3 hours ago", "updated 5 min ago": a unit of time among the words, "ago" the last one
/// (over a [`word_line`]; the line's length is checked by [`is_relative_stamp`]). Matched by
/// hand there (no regex engine is built for it), and by a test against this pattern.
#[cfg(test)]
const RELATIVE_STAMP_PATTERN: &str = concat!("(?:^| )(?:", relative_units!(), ") (?:[^ ]+ )*ago$");

/// Longest relative stamp, in words ("Updated 5 min ago" is four).
const RELATIVE_STAMP_MAX_WORDS: usize = 6;

/// The month number (1..=12) of a lowercase month name or abbreviation
/// (`lexicon/months.txt`: English, German, French, Spanish, Portuguese, Italian, Dutch).
pub fn month_number(word: &str) -> Option<u32> {
    month_number_hashed(word, word_hash(word))
}

/// [`month_number`] of a lowercase word whose [`word_hash`] is known.
pub fn month_number_hashed(word: &str, hash: u64) -> Option<u32> {
    // The longest name has ten bytes ("septiembre"); shorter than three is no month.
    if !(3..=10).contains(&word.len()) {
        return None;
    }
    rules()
        .months
        .get(&hash)
        .filter(|(name, _)| *name == word)
        .map(|&(_, number)| number)
}

/// Whether a word with this [`word_hash`] may be a month name: a lookup by the hash alone,
/// so that a caller lowercases the word for [`month_number_hashed`] only when it may be one.
pub fn may_be_month(hash: u64) -> bool {
    rules().months.contains_key(&hash)
}

/// The day of the month a lowercase word writes as a number ("3", "03", "3rd"), 1..=31.
pub fn day_number(word: &str) -> Option<u32> {
    // A byte test, not a pattern: this runs on every word of every article (story terms).
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|day| (1..=31).contains(day))
}

/// All dates written in `text`, in order of appearance: first those written with words,
/// then the numeric ones.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    // Most lines with digits hold no date. What each form needs at the least is checked
    // byte by byte first (quicker than any search), which spares those lines the word line
    // and the searches that read a date's parts.
    let whole_text = [(0, text.len())];
    dates_of_shapes(text, DigitShapes::of(text.as_bytes()), &whole_text, &|| {
        word_line(text)
    })
}

/// [`find_dates`] for a caller that can make the text's [`word_line`] and has the spans
/// (start, end, in order) of the text's words that hold an ASCII digit, as the story summary
/// does: every digit of a text is in one of its word tokens, so the digit shapes the search
/// needs are read from those words alone, not from every byte. `word_line` makes the line
/// (asked for only when the text may hold a written date): a function object rather than a
/// generic, so that the reader is compiled once (the page's size).
pub fn find_dates_in_digit_words(
    text: &str,
    digit_words: &[(usize, usize)],
    word_line: &dyn Fn() -> String,
) -> Vec<FoundDate> {
    let shapes = DigitShapes::of_digit_words(text.as_bytes(), digit_words);
    dates_of_shapes(text, shapes, digit_words, word_line)
}

/// The dates of `text`, whose digits show `shapes` and lie within `digit_spans` (spans in
/// order): a written date has a year (four digits in a row), a numeric one a digit, a
/// separator and a digit.
fn dates_of_shapes(
    text: &str,
    shapes: DigitShapes,
    digit_spans: &[(usize, usize)],
    word_line: &dyn Fn() -> String,
) -> Vec<FoundDate> {
    let mut found = Vec::new();
    if shapes.four_digits_in_a_row {
        written_dates(&word_line(), &mut found);
    }
    if shapes.separated_digits {
        numeric_dates(text, digit_spans, &mut found);
    }
    found
}

/// The first ASCII digit of `bytes` at or after `position`, given spans (start, end, in
/// order) that hold every digit of `bytes`; `span` is where in `spans` to look from, moved
/// past the spans that end before `position` (the searches go forward).
fn next_digit(
    bytes: &[u8],
    spans: &[(usize, usize)],
    span: &mut usize,
    position: usize,
) -> Option<usize> {
    while let Some(&(start, end)) = spans.get(*span) {
        let (from, end) = (start.max(position), end.min(bytes.len()));
        if let Some(offset) = bytes
            .get(from..end)
            .and_then(|piece| piece.iter().position(u8::is_ascii_digit))
        {
            return Some(from + offset);
        }
        *span += 1;
    }
    None
}

/// What a text's digits show of the date forms: four digits in a row (a year), a digit
/// then `/` or `.` then a digit (a numeric date).
struct DigitShapes {
    four_digits_in_a_row: bool,
    separated_digits: bool,
}

impl DigitShapes {
    /// Both shapes in one pass over the bytes, which stops once both are seen.
    fn of(bytes: &[u8]) -> DigitShapes {
        let mut shapes = DigitShapes {
            four_digits_in_a_row: false,
            separated_digits: false,
        };
        let mut run = 0;
        // The two bytes before the current one.
        let (mut before_previous, mut previous) = (0u8, 0u8);
        for &byte in bytes {
            if byte.is_ascii_digit() {
                run += 1;
                shapes.four_digits_in_a_row |= run >= 4;
                shapes.separated_digits |=
                    matches!(previous, b'/' | b'.') && before_previous.is_ascii_digit();
                if shapes.four_digits_in_a_row && shapes.separated_digits {
                    break;
                }
            } else {
                run = 0;
            }
            (before_previous, previous) = (previous, byte);
        }
        shapes
    }

    /// [`DigitShapes::of`] the text `bytes`, read only from its words holding a digit (their
    /// spans, in order), and the two bytes after each. Both shapes lie there: four digits
    /// in a row are word characters of one word; in a digit, a `/` or `.` and a digit, the
    /// first digit ends its word (neither separator is a word character), and the window
    /// reaches the other two. Every window is bytes of the text, so nothing else is found.
    fn of_digit_words(bytes: &[u8], digit_words: &[(usize, usize)]) -> DigitShapes {
        let mut shapes = DigitShapes {
            four_digits_in_a_row: false,
            separated_digits: false,
        };
        for &(start, end) in digit_words {
            let window = &bytes[start.min(bytes.len())..(end + 2).min(bytes.len())];
            let found = DigitShapes::of(window);
            shapes.four_digits_in_a_row |= found.four_digits_in_a_row;
            shapes.separated_digits |= found.separated_digits;
            if shapes.four_digits_in_a_row && shapes.separated_digits {
                break;
            }
        }
        shapes
    }
}

/// The dates of [`WRITTEN_DATE_PATTERN`] in a word line. A match that is no calendar date
/// ("February 30, 2024") uses up only its first word: the search goes on at the next one.
fn written_dates(line: &str, found: &mut Vec<FoundDate>) {
    // Every match holds exactly one word opening with four digits, its year (the only word
    // of an ISO date, the last of the others): the month name opens with no digit, the day
    // has at most two. So the search runs only around those words, from the few words
    // before each (see [`earliest_date_start`]) to the space after it: the same matches as
    // one search over the whole line, without a scan of the text between them, which the
    // wasm build's regex engine makes at a slow pace.
    let mut years = year_words(line).peekable();
    let mut position = 0;
    loop {
        // Year words before `position` lie before any match still to come.
        while years.next_if(|&(start, _)| start < position).is_some() {}
        let Some(&(year_start, year_end)) = years.peek() else {
            break;
        };
        // The space after the year closes the window: the pattern's `$` cannot match at
        // that cut, since a space is no part of a date.
        let window_end = if year_end < line.len() {
            year_end + 1
        } else {
            line.len()
        };
        let from = position.max(earliest_date_start(line, year_start));
        let Some((words_start, words_end)) = find_written_date(&line[..window_end], from) else {
            // No date around this year from `position` on, nor later (it only grows).
            years.next();
            continue;
        };
        // Its parts are read from its words: they are few and tell the form apart (the
        // matcher already checked their shapes).
        let date = read_written_date(&line[words_start..words_end]);
        position = match date {
            Some(date) => {
                found.push(date);
                // The space after the date opens the next search.
                words_end
            }
            None => word_end(line, words_start),
        };
    }
}

/// The first match of [`WRITTEN_DATE_PATTERN`] in `haystack` starting at or after `from`
/// (leftmost-first, as the regex engines search), as the byte range of its words: without
/// the space before them and the space after them that the pattern's word boundaries take.
///
/// The pattern's parts decide alike whether a shorter repetition could match where a longer
/// one failed: each digit run, suffix and word is followed by something its own characters
/// cannot be (a space, a hyphen, a non-digit), so only the longest can go on. The one
/// exception is the day-first form's first `(?:(?:de|del) )*`, whose words could be the
/// month instead; [`day_first_end`] tries its counts in the engine's order.
fn find_written_date(haystack: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = haystack.as_bytes();
    // A match opens at the haystack's start (`^`) or at a space, `^` first.
    let mut opening = from;
    while opening <= bytes.len() {
        if opening == 0 {
            if let Some(end) = written_date_end(bytes, 0) {
                return Some((0, end));
            }
        }
        let space = opening + bytes.get(opening..)?.iter().position(|&b| b == b' ')?;
        if let Some(end) = written_date_end(bytes, space + 1) {
            return Some((space + 1, end));
        }
        opening = space + 1;
    }
    None
}

/// Where the words of a written date starting at `start` end (before the pattern's closing
/// `(?: |$)`), trying the pattern's three forms in its order: ISO, month first, day first.
fn written_date_end(bytes: &[u8], start: usize) -> Option<usize> {
    let first = *bytes.get(start)?;
    if first.is_ascii_digit() {
        iso_date_end(bytes, start).or_else(|| day_first_end(bytes, start))
    } else if first != b' ' {
        // `[^ 0-9][^ ]* ` then the day.
        let day = word_end_at(bytes, start) + 1;
        let year = day_end(bytes, day)? + 1;
        year_end(bytes, year)
    } else {
        None
    }
}

/// `[0-9]{4}-[0-9]{1,2}-(?:[0-9]|[0-9]{2}[^ -]*)` then a space or the end.
fn iso_date_end(bytes: &[u8], start: usize) -> Option<usize> {
    let at = |offset: usize| bytes.get(start + offset).copied();
    let digit = |offset: usize| at(offset).is_some_and(|b| b.is_ascii_digit());
    if !(digit(0) && digit(1) && digit(2) && digit(3) && at(4) == Some(b'-') && digit(5)) {
        return None;
    }
    let second_hyphen = if digit(6) { 7 } else { 6 };
    let day = second_hyphen + 1;
    if at(second_hyphen) != Some(b'-') || !digit(day) {
        return None;
    }
    let closes = |offset: usize| matches!(at(offset), None | Some(b' '));
    // One digit closed by the boundary, else two digits and anything to the word's end
    // but a hyphen.
    if closes(day + 1) {
        return Some(start + day + 1);
    }
    if !digit(day + 1) {
        return None;
    }
    let rest = start + day + 2;
    let end = word_end_at(bytes, rest);
    (!bytes[rest..end].contains(&b'-')).then_some(end)
}

/// `[0-9]{1,2}(?:st|nd|rd|th)? (?:(?:de|del) )*[^ 0-9][^ ]* (?:(?:de|del) )*[0-9]{4}` then a
/// space or the end. The fillers before the month are taken as many as there are first, as
/// the greedy star does; when the word after them is no month, the engine's backtracking
/// makes a filler the month, and the second star then takes the rest of the run, so every
/// shorter count ends where the run ends: one walk over the run, linear in its length (a
/// walk per count was quadratic on a long run of fillers).
fn day_first_end(bytes: &[u8], start: usize) -> Option<usize> {
    let after_day = day_end(bytes, start)? + 1;
    // The fillers after the day, as many as there are.
    let (mut run_end, mut fillers) = (after_day, 0usize);
    while let Some(next) = filler_end(bytes, run_end) {
        run_end = next;
        fillers += 1;
    }
    // All of them fillers: the month is the word after them.
    let month_first = bytes.get(run_end).copied();
    if let Some(first) = month_first {
        if first != b' ' && !first.is_ascii_digit() {
            let mut year = word_end_at(bytes, run_end);
            if bytes.get(year) == Some(&b' ') {
                year += 1;
                while let Some(next) = filler_end(bytes, year) {
                    year = next;
                }
                if let Some(end) = year_end(bytes, year) {
                    return Some(end);
                }
            }
        }
    }
    // Fewer: the month is a filler word, and the second star takes the rest of the run,
    // which ends where the first one did, whichever count the engine tries.
    if fillers > 0 {
        return year_end(bytes, run_end);
    }
    None
}

/// `[0-9]{1,2}(?:st|nd|rd|th)?` at `start` followed by a space: where the space stands.
fn day_end(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = bytes
        .get(start..)?
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let mut end = start + digits;
    if matches!(bytes.get(end..end + 2), Some(b"st" | b"nd" | b"rd" | b"th"))
        && bytes.get(end + 2) == Some(&b' ')
    {
        end += 2;
    }
    (bytes.get(end) == Some(&b' ')).then_some(end)
}

/// `[0-9]{4}` at `start` then a space or the end: where the year ends.
fn year_end(bytes: &[u8], start: usize) -> Option<usize> {
    let end = start + 4;
    (opens_with_year(bytes.get(start..)?) && matches!(bytes.get(end), None | Some(b' ')))
        .then_some(end)
}

/// `(?:de|del) ` at `start`: where the next word starts.
fn filler_end(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = bytes.get(start..)?;
    if rest.starts_with(b"de ") {
        Some(start + 3)
    } else if rest.starts_with(b"del ") {
        Some(start + 4)
    } else {
        None
    }
}

/// The end of the word (`[^ ]*`) at `start`: the next space, or the end.
fn word_end_at(bytes: &[u8], start: usize) -> usize {
    bytes
        .get(start..)
        .and_then(|rest| rest.iter().position(|&b| b == b' '))
        .map_or(bytes.len(), |space| start + space)
}

/// The words of a [`word_line`] that open with four digits, as byte ranges: the years (and
/// ISO dates) that every written date holds.
fn year_words(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // From digit to digit: most words hold none.
        while let Some(offset) = bytes.get(at..)?.iter().position(u8::is_ascii_digit) {
            let start = at + offset;
            let opens_word = start == 0 || bytes[start - 1] == b' ';
            if opens_word && opens_with_year(&bytes[start..]) {
                let end = word_end(line, start);
                at = end;
                return Some((start, end));
            }
            at = start + 1;
        }
        None
    })
}

/// Words before a year that a written date may hold: a day and a month, in either order
/// ("8 November 2023", "November 8, 2023"), not counting the [`is_date_filler`] words
/// between them.
pub const DATE_WORDS_BEFORE_YEAR: usize = 2;

/// Whether a word (lowercase) is one a written date holds between its day, month and year
/// without counting it as one of them: "8 de noviembre de 2023".
pub fn is_date_filler(word: &str) -> bool {
    matches!(word, "de" | "del")
}

/// Whether a word opens with four digits: a year, or an ISO date.
pub fn opens_with_year(word: &[u8]) -> bool {
    word.get(..4)
        .is_some_and(|four| four.iter().all(u8::is_ascii_digit))
}

/// Where in a [`word_line`] a written date whose year starts at `year_start` may start at
/// the earliest: at the space before the [`DATE_WORDS_BEFORE_YEAR`] words that precede the
/// year (a day and a month, in either order), counting no [`is_date_filler`] word among
/// them.
fn earliest_date_start(line: &str, year_start: usize) -> usize {
    let mut start = year_start;
    let mut words_to_pass = DATE_WORDS_BEFORE_YEAR;
    while words_to_pass > 0 && start > 0 {
        // `start` opens a word, so a space precedes it.
        let before = &line[..start - 1];
        let word_start = before.rfind(' ').map_or(0, |space| space + 1);
        if !is_date_filler(&before[word_start..]) {
            words_to_pass -= 1;
        }
        start = word_start;
    }
    start.saturating_sub(1)
}

/// The date a match of [`WRITTEN_DATE_PATTERN`] writes (`None` when its month is no month): "2023-11-08", "november 8th 2023",
/// "8 de noviembre de 2023".
fn read_written_date(words: &str) -> Option<FoundDate> {
    let mut parts = words.split(' ').filter(|word| !is_date_filler(word));
    let first = parts.next()?;
    let starts_with_number = first.starts_with(|c: char| c.is_ascii_digit());
    if starts_with_number && first.contains('-') {
        let mut numbers = first.split('-');
        let (year, month, day) = (numbers.next()?, numbers.next()?, numbers.next()?);
        // The day's first two characters (what follows them is a time: "2025-06-30t10").
        let day = day.get(..day.len().min(2))?;
        return FoundDate::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    }
    let (second, year) = (parts.next()?, parts.next()?);
    let (month, day) = if starts_with_number {
        (second, first)
    } else {
        (first, second)
    };
    FoundDate::new(year.parse().ok()?, month_number(month)?, day_number(day)?)
}

/// Numeric dates: "11/08/2023" (month first, unless the first number cannot be a month),
/// "08.11.2023" (day first, the European order), "2023/11/08", "25/12/24". Three numbers
/// of one to four digits with the same separator; a longer run of digits is no part of a
/// date, and the search goes on after it (so "123456/12/25/2024" still gives 2024-12-25).
fn numeric_dates(text: &str, digit_spans: &[(usize, usize)], found: &mut Vec<FoundDate>) {
    let mut position = 0;
    let mut span = 0;
    // Any digit starts a match, so the next match starts at the next digit: found by a byte
    // search within the spans that hold the digits.
    while let Some(digit) = next_digit(text.as_bytes(), digit_spans, &mut span, position) {
        let (separator, runs) = numeric_runs(text.as_bytes(), digit);
        found.extend(numeric_match_date(text, separator, runs, &mut position));
    }
}

/// The match of [`NUMERIC_DATE_PATTERN`] that starts at the digit at `start`: its separator
/// (`/` or `.`, which matters only with a second run) and its runs of digits, the first
/// always there. Each run is the longest one (the pattern's `+` is greedy, and what follows a run
/// is no digit), and a separator belongs to the match only with a digit after it.
fn numeric_runs(bytes: &[u8], start: usize) -> (u8, [Option<(usize, usize)>; 3]) {
    let run_end = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    // The run after a separator at `at`, when the separator is there with a digit after it.
    let run_after = |at: usize, separator: u8| {
        (bytes.get(at) == Some(&separator) && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
            .then(|| (at + 1, run_end(at + 1)))
    };
    let first = (start, run_end(start));
    let separator = if bytes.get(first.1) == Some(&b'.') {
        b'.'
    } else {
        b'/'
    };
    let second = run_after(first.1, separator);
    let third = second.and_then(|(_, end)| run_after(end, separator));
    (separator, [Some(first), second, third])
}

/// The date that one match of the numeric pattern makes, from its separator and runs of
/// digits (see [`numeric_runs`]). `position` becomes where the next search starts: after the
/// last run of digits looked at.
fn numeric_match_date(
    text: &str,
    separator: u8,
    runs: [Option<(usize, usize)>; 3],
    position: &mut usize,
) -> Option<FoundDate> {
    // (value, number of digits) of each run, up to the first one missing or too long.
    let mut numbers: Vec<(u32, usize)> = Vec::with_capacity(3);
    for (start, end) in runs.into_iter().map_while(|span| span) {
        *position = end;
        if end - start > 4 {
            break;
        }
        numbers.push((text[start..end].parse().unwrap_or(0), end - start));
    }
    let [a, b, c] = numbers[..] else {
        return None;
    };
    if a.1 == 4 {
        FoundDate::new(a.0, b.0, c.0)
    } else if c.1 == 4 && separator == b'.' {
        FoundDate::new(c.0, b.0, a.0)
    } else if c.1 == 4 || c.1 == 2 {
        let year = if c.1 == 2 { 2000 + c.0 } else { c.0 };
        FoundDate::new(year, a.0, b.0).or_else(|| FoundDate::new(year, b.0, a.0))
    } else {
        None
    }
}

/// Whether a [`word_line`] is a relative time stamp such as "3 hours ago" or "updated 5 min
/// ago".
pub fn is_relative_stamp(line: &str) -> bool {
    line.ends_with("ago")
        && line_words(line).nth(RELATIVE_STAMP_MAX_WORDS).is_none()
        && ends_a_relative_stamp(line)
}

/// `RELATIVE_STAMP_PATTERN` over the pieces of `line` between its spaces: the last is
/// "ago", and one before it is a unit, with no empty piece (two spaces in a row) between
/// them, which the pattern's `(?:[^ ]+ )*` cannot pass. Walked from the end, the first unit
/// met decides.
fn ends_a_relative_stamp(line: &str) -> bool {
    let mut pieces = line.split(' ').rev();
    if pieces.next() != Some("ago") {
        return false;
    }
    for piece in pieces {
        if rules().relative_units.is_match(piece) {
            return true;
        }
        if piece.is_empty() {
            return false;
        }
    }
    false
}

/// [`RELATIVE_STAMP_PATTERN`] as a regex: the specification [`ends_a_relative_stamp`] is
/// tested against.
#[cfg(test)]
fn relative_stamp_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| compile(RELATIVE_STAMP_PATTERN))
}

/// [`WRITTEN_DATE_PATTERN`] as a regex: the specification [`find_written_date`] is tested
/// against.
#[cfg(test)]
fn written_date_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| compile(WRITTEN_DATE_PATTERN))
}

/// [`NUMERIC_DATE_PATTERN`] as a regex: the specification [`numeric_runs`] is tested against.
#[cfg(test)]
fn numeric_date_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| compile(NUMERIC_DATE_PATTERN))
}

/// Whether `word` (lowercase) is a month name or abbreviation.
pub fn is_month_word(word: &str) -> bool {
    month_number(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::digit_word_spans;

    fn isos(text: &str) -> Vec<String> {
        find_dates(text).iter().map(FoundDate::iso).collect()
    }

    #[test]
    fn common_written_forms() {
        assert_eq!(
            isos("PUBLISHED: November 8, 2023 at 4:56 p.m."),
            ["2023-11-08"]
        );
        assert_eq!(isos("Thursday, Nov. 9th 2023"), ["2023-11-09"]);
        assert_eq!(isos("Posted 30 June 2025"), ["2025-06-30"]);
        assert_eq!(isos("date 2025-06-30"), ["2025-06-30"]);
        assert_eq!(isos("2025-06-30T10:00:00Z"), ["2025-06-30"]);
        assert_eq!(isos("Sept 1 2024"), ["2024-09-01"]);
        assert_eq!(isos("17. Januar 2014 · 02:16"), ["2014-01-17"]);
        assert_eq!(isos("8 de noviembre de 2023"), ["2023-11-08"]);
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(isos("Updated 11/08/2023 10:01"), ["2023-11-08"]);
        assert_eq!(isos("am 08.11.2023"), ["2023-11-08"]);
        assert_eq!(isos("25/12/2024"), ["2024-12-25"]);
        assert_eq!(isos("2024/12/25"), ["2024-12-25"]);
    }

    #[test]
    fn rejects_non_dates() {
        assert!(isos("May I say 12 things in 2023?").is_empty());
        assert!(isos("February 30, 2024").is_empty());
        assert!(isos("version 1.2.3").is_empty());
    }

    #[test]
    fn month_names_from_the_lexicon() {
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("märz"), Some(3));
        assert_eq!(month_number("décembre"), Some(12));
        assert_eq!(month_number("se"), None);
        assert_eq!(month_number("septemb"), None);
        // By the hash of the word as written, which is that of its lowercase form.
        for written in ["Sept", "MÄRZ", "Décembre", "May", "Mayo", "Se"] {
            let lower = written.to_lowercase();
            assert_eq!(
                month_number_hashed(&lower, word_hash(written)),
                month_number(&lower),
                "{written}"
            );
        }
        assert!(is_month_word("mei"));
        assert!(!is_month_word("monday"));
    }

    #[test]
    fn a_failed_date_uses_up_only_its_first_word() {
        // "30 June" is no date (no year) but "June 30 2024" is.
        assert_eq!(isos("30 June 30 2024"), ["2024-06-30"]);
        // February 30 is no date; "30 March 2024" right after it still is.
        assert_eq!(isos("February 30 March 2024"), ["2024-03-30"]);
        assert_eq!(isos("8 de Mayo del 2023"), ["2023-05-08"]);
    }

    #[test]
    fn numeric_dates_skip_long_runs_and_mixed_separators() {
        // A run of more than four digits is no part of a date; the search goes on after it.
        assert_eq!(isos("123456/12/25/2024"), ["2024-12-25"]);
        // The separators must agree; a failed try resumes where it failed.
        assert!(isos("10/25.12.2023").is_empty());
        assert_eq!(isos("1.2.3.4 then 3.4.2020"), ["2020-04-03"]);
        assert_eq!(isos("25/12/24"), ["2024-12-25"]);
    }

    #[test]
    fn relative_stamps_by_hand_as_by_the_pattern() {
        let regex = relative_stamp_regex();
        let pieces = [
            "ago", "hours", "hour", "min", "3", "", "updated", "xago", "agos", "Ago",
        ];
        // Every line of up to five pieces (empty ones make double, leading and trailing
        // spaces), then each with a tab or a multi-byte letter in its first piece.
        let mut lines = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            lines = lines
                .iter()
                .flat_map(|line| {
                    pieces.iter().map(move |piece| {
                        if line.is_empty() {
                            (*piece).to_string()
                        } else {
                            format!("{line} {piece}")
                        }
                    })
                })
                .collect();
            all.extend(lines.iter().cloned());
        }
        all.extend(["\thours ago", "héures ago", "hours\tago", "hours\nago"].map(String::from));
        for line in &all {
            assert_eq!(
                ends_a_relative_stamp(line),
                regex.is_match(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn relative_stamps() {
        assert!(is_relative_stamp("updated 3 hours ago"));
        assert!(is_relative_stamp("hours ago"));
        assert!(!is_relative_stamp("3 hours"));
        assert!(!is_relative_stamp("it happened not so very many years ago"));
    }

    /// The written dates as one search over the whole line finds them: what
    /// [`written_dates`] searched before it looked only around year words.
    fn written_dates_in_one_search(line: &str) -> Vec<FoundDate> {
        let mut found = Vec::new();
        let mut position = 0;
        while let Some(matched) = written_date_regex().find_at(line, position) {
            let words_start = matched.start() + usize::from(matched.as_str().starts_with(' '));
            let words_end = matched.end() - usize::from(matched.as_str().ends_with(' '));
            position = match read_written_date(&line[words_start..words_end]) {
                Some(date) => {
                    found.push(date);
                    words_end
                }
                None => word_end(line, words_start),
            };
        }
        found
    }

    /// The numeric dates as the regex alone finds them, each search from where the last
    /// one ended: [`numeric_dates`] before it skipped to the next digit itself.
    fn numeric_dates_by_regex_alone(text: &str) -> Vec<FoundDate> {
        let numeric = numeric_date_regex();
        let mut groups = numeric.capture_locations();
        let mut found = Vec::new();
        let mut position = 0;
        while numeric
            .captures_read_at(&mut groups, text, position)
            .is_some()
        {
            let (separator, runs) = runs_of_groups(|group| groups.get(group));
            found.extend(numeric_match_date(text, separator, runs, &mut position));
        }
        found
    }

    /// The separator and runs of a match of [`NUMERIC_DATE_PATTERN`], from the spans of its
    /// capture groups (1 to 3 with slashes, 1, 4 and 5 with dots).
    fn runs_of_groups(
        group: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> (u8, [Option<(usize, usize)>; 3]) {
        if group(4).is_some() {
            (b'.', [group(1), group(4), group(5)])
        } else {
            (b'/', [group(1), group(2), group(3)])
        }
    }

    /// Lines that reach the matchers' corners: words that are fillers only with a space
    /// after them, a line opening with a space, words of other scripts, a year at the end.
    const CORNER_LINES: &[&str] = &[
        " 8 november 2023",
        "8 de de 2024",
        "8 de de de 2024 x",
        "8 del de",
        "8 de",
        "8 dex 2024",
        "8 de 2024-11-08",
        "31st de noviembre del 2024",
        "3rdx nov 2024",
        "3 rd nov 2024",
        "caf\u{e9} 8 2024",
        "m\u{e4}rz 8th 2024",
        "2024-11-08x-y 2024-1-08- 2024-11-8",
        "2024-11-0 2024-11-08\u{e9} 2024-111-08",
        "nov 8 20245 nov 8 2024",
        "nov 123 2024",
        "2024",
        "",
    ];

    #[test]
    fn the_written_date_matcher_is_the_pattern() {
        let regex = written_date_regex();
        let mut matches = 0;
        let lines = tricky_lines(2_000);
        for line in lines
            .iter()
            .map(String::as_str)
            .chain(CORNER_LINES.iter().copied())
        {
            for cut in (0..=line.len()).filter(|&cut| line.is_char_boundary(cut)) {
                let haystack = &line[..cut];
                for from in (0..=cut).filter(|&from| line.is_char_boundary(from)) {
                    let expected = regex.find_at(haystack, from).map(|matched| {
                        (
                            matched.start() + usize::from(matched.as_str().starts_with(' ')),
                            matched.end() - usize::from(matched.as_str().ends_with(' ')),
                        )
                    });
                    assert_eq!(
                        find_written_date(haystack, from),
                        expected,
                        "{haystack:?} from {from}"
                    );
                    matches += usize::from(expected.is_some());
                }
            }
        }
        // The lines hold matches often enough for the comparison to mean something.
        assert!(matches > 400_000, "{matches}");
    }

    #[test]
    fn a_long_run_of_fillers_is_read_as_the_pattern_reads_it() {
        let regex = written_date_regex();
        for fillers in [1, 2, 50, 3_000] {
            for (before, after) in [
                ("8 ", "nov 2024"),
                ("8 ", "2024"),
                ("8th ", "nov de 2024 x"),
            ] {
                let line = format!("{before}{}{after}", "de ".repeat(fillers));
                let expected = regex.find_at(&line, 0).map(|matched| {
                    (
                        matched.start(),
                        matched.end() - usize::from(matched.as_str().ends_with(' ')),
                    )
                });
                assert_eq!(find_written_date(&line, 0), expected, "{fillers} {after}");
            }
        }
    }

    #[test]
    fn the_numeric_runs_are_the_pattern() {
        let regex = numeric_date_regex();
        let mut groups = regex.capture_locations();
        let mut third_runs = 0;
        for line in tricky_lines(3_000) {
            for separator in ["/", ".", " ", "-", "./", "//", ".."] {
                let text = line.replace(' ', separator) + separator;
                for (digit, _) in text.match_indices(|c: char| c.is_ascii_digit()) {
                    let matched = regex.captures_read_at(&mut groups, &text, digit);
                    assert_eq!(matched.map(|m| m.start()), Some(digit), "{text:?}");
                    let (separator, runs) = numeric_runs(text.as_bytes(), digit);
                    let expected = runs_of_groups(|group| groups.get(group));
                    assert_eq!(runs, expected.1, "{text:?} at {digit}");
                    if runs[1].is_some() {
                        assert_eq!(separator, expected.0, "{text:?} at {digit}");
                    }
                    third_runs += usize::from(runs[2].is_some());
                }
            }
        }
        assert!(third_runs > 1_000, "{third_runs}");
    }

    /// Lines of words that make and nearly make dates, in every order.
    fn tricky_lines(count: usize) -> Vec<String> {
        const WORDS: &[&str] = &[
            "de",
            "del",
            "8",
            "08",
            "8th",
            "31",
            "30",
            "1st",
            "may",
            "november",
            "nov",
            "february",
            "noviembre",
            "2023",
            "1999",
            "12345",
            "2023-11-08",
            "2025-06-30t10",
            "2024-02-30",
            "the",
            "in",
            "on",
            "2023-1-8",
            "2023-",
            "20234",
            "x",
            "12",
            "3rd",
        ];
        let mut numbers = crate::text::test_numbers::TestNumbers::new(0x2545_F491_4F6C_DD1D);
        let mut next = move |bound: usize| numbers.below(bound as u64) as usize;
        (0..count)
            .map(|_| {
                let length = 1 + next(12);
                (0..length)
                    .map(|_| WORDS[next(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn searching_around_year_words_finds_what_one_search_finds() {
        let mut lines_with_dates = 0;
        for line in tricky_lines(20_000) {
            let mut found = Vec::new();
            written_dates(&line, &mut found);
            assert_eq!(found, written_dates_in_one_search(&line), "{line:?}");
            lines_with_dates += usize::from(!found.is_empty());
        }
        // The lines make dates often enough for the comparison to mean something.
        assert!(lines_with_dates > 2_000, "{lines_with_dates}");
    }

    #[test]
    fn numeric_dates_start_at_each_next_digit() {
        let mut texts_with_dates = 0;
        for line in tricky_lines(5_000) {
            for separator in ["/", ".", " ", "-"] {
                let text = line.replace(' ', separator);
                let mut found = Vec::new();
                numeric_dates(&text, &[(0, text.len())], &mut found);
                assert_eq!(found, numeric_dates_by_regex_alone(&text), "{text:?}");
                // The same from the spans of the words holding a digit.
                let digit_words = digit_word_spans(&text);
                let mut from_words = Vec::new();
                numeric_dates(&text, &digit_words, &mut from_words);
                assert_eq!(from_words, found, "{text:?}");
                texts_with_dates += usize::from(!found.is_empty());
            }
        }
        assert!(texts_with_dates > 300, "{texts_with_dates}");
        assert_eq!(
            isos("on 11/08/2023 and 08.11.2023"),
            ["2023-11-08", "2023-11-08"]
        );
    }

    #[test]
    fn digit_shapes_are_the_windows_they_name() {
        for line in tricky_lines(5_000) {
            for separator in ["/", ".", " "] {
                let text = line.replace(' ', separator);
                let bytes = text.as_bytes();
                let shapes = DigitShapes::of(bytes);
                let four = bytes
                    .windows(4)
                    .any(|four| four.iter().all(u8::is_ascii_digit));
                let separated = bytes.windows(3).any(|three| {
                    three[0].is_ascii_digit()
                        && matches!(three[1], b'/' | b'.')
                        && three[2].is_ascii_digit()
                });
                assert_eq!(shapes.four_digits_in_a_row, four, "{text:?}");
                assert_eq!(shapes.separated_digits, separated, "{text:?}");
                let digit_words = digit_word_spans(&text);
                let from_words = DigitShapes::of_digit_words(bytes, &digit_words);
                assert_eq!(from_words.four_digits_in_a_row, four, "{text:?}");
                assert_eq!(from_words.separated_digits, separated, "{text:?}");
            }
        }
    }
}
