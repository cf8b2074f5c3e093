//! When an article says things happened: the dates it names, resolved against the article's
//! own date. "On Tuesday" in an article dated Tuesday 2025-01-21 is that day; "yesterday"
//! the day before; "March 3" the March 3 nearest the article's date; "last month" the whole
//! previous month. Two reports of one event written a day apart then name the same day in
//! different words, and two events of the same kind a month apart name different days. "In
//! May" is the whole month of May nearest the article's date.
//!
//! Without the article's own date only what is absolute can be placed ("March 3, 2025",
//! "2025-03-03"); a day without a year ("March 3") is kept as a calendar day, which can still
//! be compared with another article's days when the year is unknown.
//!
//! Built on the calendar-date reader of [`crate::text::dates`], which finds written dates.

use super::dates::{
    day_number, find_dates_in_digit_words, is_date_filler, may_be_month, month_number_hashed,
    opens_with_year, FoundDate, DATE_WORDS_BEFORE_YEAR,
};
use super::word_table::TableWord;
use super::words::{ascii_word_hash, is_capitalized, push_lowercase, word_hash};
use std::borrow::Cow;

/// Most spans and calendar days kept per article: the first ones named, which in news are
/// the headline's and the lead's, the ones that say when the event itself happened. Keeps
/// the summary small whatever the article's length.
pub const MAX_SPOKEN_DATES: usize = 12;

/// Days in a week. A weekday named without "next" or "last" is taken as the most recent
/// one (up to six days back), since news reports what happened; after "will" or "next" it
/// is the coming one.
const DAYS_IN_WEEK: i32 = 7;

/// Words within this distance before a weekday that make it the coming one ("will meet on
/// Tuesday", "will meet again on Friday"): an auxiliary and its verb, an adverb, a preposition.
const FUTURE_WORDS_REACH: usize = 4;

/// A run of days, both ends included, counted from 1970-01-01 (day 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DaySpan {
    /// First day of the run.
    pub first: i32,
    /// Last day of the run (equal to `first` for a single day).
    pub last: i32,
}

impl DaySpan {
    /// One day.
    pub fn day(day: i32) -> DaySpan {
        DaySpan {
            first: day,
            last: day,
        }
    }

    /// Days between the two runs: 0 when they overlap or touch.
    pub fn gap(&self, other: &DaySpan) -> u32 {
        if self.last < other.first {
            (other.first - self.last) as u32
        } else if other.last < self.first {
            (self.first - other.last) as u32
        } else {
            0
        }
    }
}

/// A day of the year without its year, as month * 32 + day (so "March 3" is 99): what "March
/// 3" says when the article gives no year to place it in.
pub type CalendarDay = u16;

/// The dates an article speaks of: days placed on the calendar, and calendar days whose year
/// is unknown. Each list is in the order first named, without repeats, at most
/// [`MAX_SPOKEN_DATES`] long.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpokenDates {
    /// Days or runs of days placed on the calendar.
    pub spans: Vec<DaySpan>,
    /// Days of the year, from every single day named (with or without a year).
    pub calendar_days: Vec<CalendarDay>,
}

impl SpokenDates {
    fn add_span(&mut self, span: DaySpan) {
        if self.spans.len() < MAX_SPOKEN_DATES && !self.spans.contains(&span) {
            self.spans.push(span);
        }
        if span.first == span.last {
            let (_, month, day) = civil_from_days(span.first);
            self.add_calendar_day(month, day);
        }
    }

    fn add_calendar_day(&mut self, month: u32, day: u32) {
        let calendar_day = (month * 32 + day) as CalendarDay;
        if self.calendar_days.len() < MAX_SPOKEN_DATES
            && !self.calendar_days.contains(&calendar_day)
        {
            self.calendar_days.push(calendar_day);
        }
    }
}

/// Days from 1970-01-01 to a calendar date (negative before it); Howard Hinnant's
/// `days_from_civil`, exact for every Gregorian date.
pub fn days_since_epoch(year: i32, month: u32, day: u32) -> i32 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year as i32;
    era * 146_097 + day_of_era - 719_468
}

/// The calendar date (year, month, day) of a day counted from 1970-01-01; the inverse of
/// [`days_since_epoch`].
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let days = days + 719_468;
    let era = if days >= 0 { days } else { days - 146_096 } / 146_097;
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

/// The day of a found date, counted from 1970-01-01.
pub fn day_of(date: FoundDate) -> i32 {
    days_since_epoch(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
}

/// The day of an ISO date "YYYY-MM-DD" (an article's `date`), counted from 1970-01-01; None
/// when the text is not such a date.
pub fn parse_iso_day(text: &str) -> Option<i32> {
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_since_epoch(year, month, day);
    // 2025-02-30 would land on March 2: refuse what does not come back the same.
    (civil_from_days(days) == (year, month, day)).then_some(days)
}

/// Weekday of a day, Monday 0 to Sunday 6 (1970-01-01 was a Thursday).
fn weekday(day: i32) -> i32 {
    (day + 3).rem_euclid(DAYS_IN_WEEK)
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|year| (1900..=2100).contains(year))
}

/// The days of a month (1..=12) of a year, as a span.
fn month_span(year: i32, month: u32) -> DaySpan {
    let first = days_since_epoch(year, month, 1);
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    DaySpan {
        first,
        last: days_since_epoch(next_year, next_month, 1) - 1,
    }
}

/// The month and day placed in the year that brings them nearest `published` (a December
/// event named in a January article belongs to the year before).
fn nearest_year(month: u32, day: u32, published: i32) -> Option<i32> {
    let (year, _, _) = civil_from_days(published);
    (year - 1..=year + 1)
        .filter_map(|year| {
            let days = days_since_epoch(year, month, day);
            (civil_from_days(days) == (year, month, day)).then_some(days)
        })
        .min_by_key(|days| (days - published).abs())
}

/// The dates `text` speaks of, resolved against `published`, the article's own day (from
/// 1970-01-01) when it has one. The engine gathers the words as it counts terms
/// ([`spoken_dates_of_words`]); this one-text form is what the tests hold it to.
#[cfg(test)]
pub fn spoken_dates(text: &str, published: Option<i32>) -> SpokenDates {
    let (date_words, digit_words) = date_and_digit_words(text);
    spoken_dates_of_words(text, &date_words, &digit_words, published)
}

/// A text's date words, pushed one word at a time, and the spans of its words that hold an
/// ASCII digit: what [`spoken_dates_of_words`] reads, gathered the plain way for the tests.
#[cfg(test)]
fn date_and_digit_words(text: &str) -> (DateWords, Vec<(usize, usize)>) {
    let mut date_words = DateWords::with_capacity(text.len());
    let mut digit_words = Vec::new();
    for word in super::words::words(text) {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        date_words.push(word, start);
        if word.bytes().any(|byte| byte.is_ascii_digit()) {
            digit_words.push((start, start + word.len()));
        }
    }
    (date_words, digit_words)
}

/// [`spoken_dates`] for a caller that scans the text's words anyway (the story summary
/// counts its terms in the same pass): `date_words` holds every word of `text`, in order.
pub fn spoken_dates_of_words(
    text: &str,
    date_words: &DateWords,
    digit_words: &[(usize, usize)],
    published: Option<i32>,
) -> SpokenDates {
    let mut found = SpokenDates::default();
    if let Some(day) = published {
        // The article's own date: news reports what happened that day or the day before.
        found.add_span(DaySpan {
            first: day - 1,
            last: day,
        });
    }
    let tokens = Tokens {
        text,
        words: &date_words.words,
    };
    // Without the article's date, only a month name can start a day or a run of days, and
    // many texts name none.
    if published.is_some() || date_words.any_month {
        // Only a word that names a month, comes before one, or is a cue word can start
        // what the resolver reads (`resolve_at` passes over any other word, using it
        // alone): those words are resolved in order, each after the words the one before
        // used, and the others are never lowercased.
        let words = &date_words.words;
        let mut next = 0;
        for index in 0..words.len() {
            let may_start = words[index].cue
                || words[index].month.is_some()
                || words
                    .get(index + 1)
                    .is_some_and(|word| word.month.is_some());
            if index >= next && may_start {
                next = index + resolve_at(&tokens, index, published, &mut found);
            }
        }
    }
    // Numeric and ISO forms ("03/14/2013", "2013-03-14") come from the date reader.
    if text.bytes().any(|b| b == b'/' || b == b'-' || b == b'.') {
        // The words holding digits in hand, and the words for the word line, which is
        // written only when the text may hold a written date: no second scan of the text.
        let word_line = || year_windows_line(&tokens, digit_words);
        for date in find_dates_in_digit_words(text, digit_words, &word_line) {
            found.add_span(DaySpan::day(day_of(date)));
        }
    }
    found
}

/// The words of a text as [`spoken_dates`] reads them, pushed one by one by whoever scans
/// the text: where each word stands in the text, and the month it names. Their lowercase
/// forms, one space apart (the text's [`word_line`](super::patterns::word_line), which the
/// date reader wants too), are written only for a text whose dates need them
/// ([`DateWords::line`]): most articles state no date of their own and name no month, and
/// then no word of theirs can name a day.
#[derive(Debug, Default)]
pub struct DateWords {
    /// Per word, in order: its start and end in the text.
    words: Vec<DateWord>,
    /// Whether a word names a month.
    any_month: bool,
    /// Room to lowercase a capitalised word in, for its month.
    lowercase: String,
}

/// One word of [`DateWords`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateWord {
    start: usize,
    end: usize,
    /// Whether the word is all ASCII (its lowercase form is then as long as it is).
    ascii: bool,
    /// The month the word names when it is a month name written with a capital (looked
    /// up once per word: each word is asked about as the first and as the second of a
    /// month and day).
    month: Option<u8>,
    /// Whether the word may be one of the [`CUE_WORDS`] ([`may_be_cue`]): the words other
    /// than months that can start what the resolver reads.
    cue: bool,
}

/// What a cue word names against the article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// The day this many days from the article's date ("yesterday": -1).
    Day(i32),
    /// The week that "last", "this" or "next" before the word points to.
    Week,
    /// The month that "last", "this" or "next" before the word points to.
    Month,
    /// A weekday, Monday 0 to Sunday 6: the last one on or before the article's date, or
    /// the next one when the words before speak of what is to come.
    Weekday(i32),
}

/// The words that name a day or a run of days against the article's date, apart from
/// months, with what each names: the one table the resolver (`resolve_at`, at a word that
/// names no month and stands before none) reads and [`CUE_FILTER`] is built from, so that
/// no word the resolver acts on is filtered out.
const CUE_WORDS: [(&str, Cue); 13] = [
    ("today", Cue::Day(0)),
    ("tonight", Cue::Day(0)),
    ("yesterday", Cue::Day(-1)),
    ("tomorrow", Cue::Day(1)),
    ("week", Cue::Week),
    ("month", Cue::Month),
    ("monday", Cue::Weekday(0)),
    ("tuesday", Cue::Weekday(1)),
    ("wednesday", Cue::Weekday(2)),
    ("thursday", Cue::Weekday(3)),
    ("friday", Cue::Weekday(4)),
    ("saturday", Cue::Weekday(5)),
    ("sunday", Cue::Weekday(6)),
];

/// What the lowercase word `lower` names as one of the [`CUE_WORDS`], if it is one.
fn cue_named(lower: &str) -> Option<Cue> {
    CUE_WORDS
        .iter()
        .find(|(word, _)| *word == lower)
        .map(|&(_, cue)| cue)
}

/// One bit for each value of a [`word_hash`]'s top eight bits, set for the [`CUE_WORDS`]'
/// hashes, worked out when the program is built.
const CUE_FILTER: [u64; 4] = {
    let mut filter = [0u64; 4];
    let mut index = 0;
    while index < CUE_WORDS.len() {
        let top = (ascii_word_hash(CUE_WORDS[index].0.as_bytes()) >> 56) as usize;
        filter[top / 64] |= 1 << (top % 64);
        index += 1;
    }
    filter
};

/// Whether a word with this [`word_hash`] may be one of the [`CUE_WORDS`]: a word whose
/// lowercase form is one has its hash (a hash is the lowercase form's). Asked of every word
/// the story summary reads, so a bit test and no lookup: one word in twenty that is none
/// passes (13 of 256 bits), and the resolver, which compares the words themselves, reads
/// past it.
fn may_be_cue(hash: u64) -> bool {
    let top = (hash >> 56) as usize;
    (CUE_FILTER[top / 64] >> (top % 64)) & 1 != 0
}

impl DateWords {
    /// Room for the words of a text of `text_length` bytes (English runs at about six bytes
    /// a word), so that the list does not grow word by word.
    pub fn with_capacity(text_length: usize) -> DateWords {
        DateWords {
            words: Vec::with_capacity(text_length / 5 + 1),
            ..DateWords::default()
        }
    }

    /// Adds the text's next word (a token of [`words`](super::words::words)), which starts
    /// at byte `start` of the text.
    pub fn push(&mut self, word: &str, start: usize) {
        let hash = word_hash(word);
        // Month names are written with a capital here ("may" and "march" are verbs too). A
        // capitalised word whose hash is no month's is not lowercased to be looked up.
        let month = if is_capitalized(word) {
            month_of_capitalized(word, hash, &mut self.lowercase)
        } else {
            None
        };
        self.any_month |= month.is_some();
        self.words.push(DateWord {
            start,
            end: start + word.len(),
            ascii: word.is_ascii(),
            month,
            cue: may_be_cue(hash),
        });
    }

    /// [`DateWords::push`] of each of `words`, the next words of the text as the article's
    /// word table holds them (their spans within `text`, which starts at byte `at` of the
    /// text the dates are read from): their hashes and traits are in the table already.
    ///
    /// One tight loop per paragraph, apart from the caller's loop over the same words (where,
    /// compiled in, a word's push cost about 45 instructions among the caller's own
    /// registers), with the list's room made once for them all.
    pub fn push_table_words(&mut self, text: &str, words: &[TableWord], at: usize) {
        let lowercase = &mut self.lowercase;
        let mut any_month = false;
        self.words.extend(words.iter().map(|word| {
            // As in `push`: only a capitalised word may name a month.
            let month = if word.traits.is_capitalized() {
                month_of_capitalized(&text[word.start..word.end], word.hash, lowercase)
            } else {
                None
            };
            any_month |= month.is_some();
            DateWord {
                start: at + word.start,
                end: at + word.end,
                ascii: word.traits.is_ascii(),
                month,
                cue: may_be_cue(word.hash),
            }
        }));
        self.any_month |= any_month;
    }
}

/// The month (1 to 12) a capitalised word with this [`word_hash`] names, if it names one:
/// lowercased (into `lowercase`) and looked up only when its hash may be a month's. A call of
/// its own, so that the loops over every word that ask it stay small.
#[inline(never)]
fn month_of_capitalized(word: &str, hash: u64, lowercase: &mut String) -> Option<u8> {
    if !may_be_month(hash) {
        return None;
    }
    lowercase.clear();
    push_lowercase(word, lowercase);
    (lowercase.len() >= 3)
        .then(|| month_number_hashed(lowercase, hash))
        .flatten()
        .map(|number| number as u8)
}

/// The words of a text as the resolver reads them, each lowercased when it is read: the
/// resolver reads the words around months and cue words, and the written-date search the
/// words before years, a few words of an article in all. (The whole text lowercased, and a
/// token per word, cost more than the reading.)
struct Tokens<'a> {
    /// The text the words were pushed from.
    text: &'a str,
    words: &'a [DateWord],
}

impl<'a> Tokens<'a> {
    /// The number of tokens (the tests' definitions walk them all).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.words.len()
    }

    /// The word at `index`, lowercase (curly apostrophes made straight, as in the text's
    /// [`word_line`](super::patterns::word_line)).
    fn get(&self, index: usize) -> Option<Cow<'a, str>> {
        let word = self.words.get(index)?;
        let text = &self.text[word.start..word.end];
        let lower = if !word.ascii {
            let mut lower = String::with_capacity(text.len());
            push_lowercase(text, &mut lower);
            Cow::Owned(lower)
        } else if text.bytes().any(|byte| byte.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        Some(lower)
    }

    /// The lowercase word at `index` (which must be a word's).
    fn lower(&self, index: usize) -> Cow<'a, str> {
        self.get(index).unwrap_or_default()
    }

    /// Whether the word at `index` opens with four digits ([`opens_with_year`]): read from
    /// the text, since lowercasing changes no digit.
    fn opens_with_year(&self, index: usize) -> bool {
        let word = &self.words[index];
        opens_with_year(&self.text.as_bytes()[word.start..word.end])
    }
}

/// The [`word_line`](super::patterns::word_line) of a text from its lowercase tokens.
#[cfg(test)]
fn word_line_of(tokens: &Tokens) -> String {
    let mut line = String::new();
    for index in 0..tokens.len() {
        if index > 0 {
            line.push(' ');
        }
        line.push_str(&tokens.lower(index));
    }
    line
}

/// What the written-date search reads of a text's [`word_line`](super::patterns::word_line),
/// from its lowercase tokens: each word opening with four digits (a year, or an ISO date)
/// with the words before it that a written date may hold ([`DATE_WORDS_BEFORE_YEAR`], and
/// any [`is_date_filler`] word between them), one space apart; windows that overlap share their words.
/// Every written date is such a window's last words, and the search around a year reads
/// back only as far as its window (`dates::earliest_date_start` counts the same words), so it
/// finds in this line what it finds in the whole one, without writing out the tens of
/// kilobytes of words between the years.
///
/// `digit_words` are the spans of the tokens holding an ASCII digit, in order (a word that
/// opens with a year is one): only they are asked whether they open with a year, each found
/// among the tokens by where it starts, not every token of the text.
fn year_windows_line(tokens: &Tokens, digit_words: &[(usize, usize)]) -> String {
    let years = digit_words.iter().filter_map(|&(start, _)| {
        let index = tokens.words.partition_point(|word| word.start < start);
        let found = tokens
            .words
            .get(index)
            .is_some_and(|word| word.start == start);
        (found && tokens.opens_with_year(index)).then_some(index)
    });
    windows_before_years(tokens, years)
}

/// The line of [`year_windows_line`] for the tokens at `years` (indices in increasing order):
/// each year's token with the date words before it, overlapping windows sharing their words.
fn windows_before_years(tokens: &Tokens, years: impl Iterator<Item = usize>) -> String {
    let mut line = String::new();
    // The first token the line does not hold yet.
    let mut next = 0;
    for year in years {
        let mut start = year;
        let mut words_to_pass = DATE_WORDS_BEFORE_YEAR;
        while words_to_pass > 0 && start > 0 {
            start -= 1;
            if !is_date_filler(&tokens.lower(start)) {
                words_to_pass -= 1;
            }
        }
        for index in start.max(next)..=year {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&tokens.lower(index));
        }
        next = year + 1;
    }
    line
}

/// The month and day written at `tokens[index..]` ("March 3", "3 March", capitalised month:
/// "may" and "march" are verbs too), then the year when one follows, and the words used.
fn month_day_at(tokens: &Tokens, index: usize) -> Option<(u32, u32, Option<i32>, usize)> {
    // The months first: the words are lowercased only when one of them names a month.
    let (first, second) = (tokens.words.get(index)?, tokens.words.get(index + 1)?);
    let (month, day) = if let Some(month) = first.month {
        (u32::from(month), day_number(&tokens.lower(index + 1))?)
    } else if let Some(month) = second.month {
        (u32::from(month), day_number(&tokens.lower(index))?)
    } else {
        return None;
    };
    match tokens.get(index + 2).and_then(|word| year_number(&word)) {
        Some(year) => Some((month, day, Some(year), 3)),
        None => Some((month, day, None, 2)),
    }
}

/// Words before a month name that make it a time ("in May", "since March", "early June"),
/// rather than a name or a verb ("May said", "March on").
const MONTH_LEADS: [&str; 11] = [
    "in", "since", "until", "by", "during", "early", "late", "mid", "from", "through", "last",
];

/// A whole month written at `tokens[index..]` ("in May", "since March 2013") placed in its
/// year (the one written, or the one nearest `published`), and the words used.
fn month_at(tokens: &Tokens, index: usize, published: Option<i32>) -> Option<(DaySpan, usize)> {
    let month = u32::from(tokens.words[index].month?);
    let lead = tokens.get(index.checked_sub(1)?)?;
    if !MONTH_LEADS.contains(&&*lead) {
        return None;
    }
    let written_year = tokens.get(index + 1).and_then(|next| year_number(&next));
    let year = match (written_year, published) {
        (Some(year), _) => year,
        (None, Some(published)) => {
            let (year, this_month, _) = civil_from_days(published);
            // The month nearest the article's date: "in December" in a January article is
            // last December.
            let months_apart = month as i32 - this_month as i32;
            if months_apart > 6 {
                year - 1
            } else if months_apart < -6 {
                year + 1
            } else {
                year
            }
        }
        (None, None) => return None,
    };
    Some((
        month_span(year, month),
        1 + usize::from(written_year.is_some()),
    ))
}

/// Resolves the words at `tokens[index]`, adding what they name to `found`; returns how many
/// words were used (at least one).
fn resolve_at(
    tokens: &Tokens,
    index: usize,
    published: Option<i32>,
    found: &mut SpokenDates,
) -> usize {
    if let Some((month, day, year, used)) = month_day_at(tokens, index) {
        place_month_day(month, day, year, published, found);
        return used;
    }
    if let Some((span, used)) = month_at(tokens, index, published) {
        found.add_span(span);
        return used;
    }
    let Some(published) = published else {
        return 1;
    };
    let lower = tokens.lower(index);
    let previous = index.checked_sub(1).map(|at| tokens.lower(at));
    let previous = previous.as_deref();
    match cue_named(&lower) {
        Some(Cue::Day(offset)) => found.add_span(DaySpan::day(published + offset)),
        Some(cue @ (Cue::Week | Cue::Month)) => {
            if let Some(shift) = previous.and_then(relative_shift) {
                let span = if cue == Cue::Week {
                    let monday = published - weekday(published) + shift * DAYS_IN_WEEK;
                    DaySpan {
                        first: monday,
                        last: monday + DAYS_IN_WEEK - 1,
                    }
                } else {
                    let (year, month, _) = civil_from_days(published);
                    let months = year * 12 + month as i32 - 1 + shift;
                    month_span(months.div_euclid(12), months.rem_euclid(12) as u32 + 1)
                };
                found.add_span(span);
            }
        }
        Some(Cue::Weekday(named)) => {
            let back = (weekday(published) - named).rem_euclid(DAYS_IN_WEEK);
            let future = (index.saturating_sub(FUTURE_WORDS_REACH)..index)
                .any(|at| matches!(&*tokens.lower(at), "will" | "next" | "until" | "ll"));
            let day = if previous == Some("last") {
                published - if back == 0 { DAYS_IN_WEEK } else { back }
            } else if future {
                published + (DAYS_IN_WEEK - back) % DAYS_IN_WEEK
            } else {
                published - back
            };
            found.add_span(DaySpan::day(day));
        }
        None => {}
    }
    1
}

/// Weeks or months from now that "last", "this" and "next" point to.
fn relative_shift(word: &str) -> Option<i32> {
    match word {
        "last" | "past" | "previous" => Some(-1),
        "this" => Some(0),
        "next" | "coming" => Some(1),
        _ => None,
    }
}

fn place_month_day(
    month: u32,
    day: u32,
    year: Option<i32>,
    published: Option<i32>,
    found: &mut SpokenDates,
) {
    let placed = match (year, published) {
        (Some(year), _) => {
            let days = days_since_epoch(year, month, day);
            (civil_from_days(days) == (year, month, day)).then_some(days)
        }
        (None, Some(published)) => nearest_year(month, day, published),
        (None, None) => None,
    };
    match placed {
        Some(days) => found.add_span(DaySpan::day(days)),
        None if (1..=31).contains(&day) => found.add_calendar_day(month, day),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(days: i32) -> String {
        let (year, month, day) = civil_from_days(days);
        format!("{year:04}-{month:02}-{day:02}")
    }

    fn spans(text: &str, published: Option<&str>) -> Vec<String> {
        let published = published.map(|date| parse_iso_day(date).expect("a valid date"));
        spoken_dates(text, published)
            .spans
            .iter()
            .map(|span| {
                if span.first == span.last {
                    iso(span.first)
                } else {
                    format!("{}..{}", iso(span.first), iso(span.last))
                }
            })
            .collect()
    }

    /// The date words pushed from an article's word table, a paragraph at a time, against
    /// those pushed word by word from a scan of the text: the same words, months and cues.
    #[test]
    fn words_from_the_table_are_the_words_of_a_scan() {
        use crate::text::test_texts::every_joining;
        use crate::text::ArticleWords;
        let pieces = [
            "May",
            "march",
            "MARCH",
            " ",
            "\n\n",
            "Tuesday",
            "today",
            "3rd",
            "2024-05-17",
            "Jun",
            "é",
            "Août",
            "’s",
            "-",
            "'",
            ".",
            "x",
            "Dec",
        ];
        for text in every_joining(&pieces, 3, "") {
            let mut scanned = DateWords::with_capacity(text.len());
            for word in super::super::words::words(&text) {
                scanned.push(word, word.as_ptr() as usize - text.as_ptr() as usize);
            }
            let mut from_table = DateWords::default();
            let mut table = ArticleWords::default();
            let mut at = 0;
            for (index, paragraph) in text.split("\n\n").enumerate() {
                if index > 0 {
                    at += 2;
                }
                let range = table.push_paragraph(paragraph);
                from_table.push_table_words(paragraph, table.words(range), at);
                at += paragraph.len();
            }
            assert_eq!(from_table.words, scanned.words, "{text:?}");
            assert_eq!(from_table.any_month, scanned.any_month, "{text:?}");
        }
    }

    #[test]
    fn the_calendar_arithmetic_goes_both_ways() {
        assert_eq!(days_since_epoch(1970, 1, 1), 0);
        assert_eq!(days_since_epoch(2000, 3, 1), 11_017);
        for days in [-800_000, -1, 0, 59, 11_016, 20_000, 800_000] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_since_epoch(year, month, day), days);
        }
        assert_eq!(
            weekday(parse_iso_day("2025-01-21").unwrap()),
            1,
            "a Tuesday"
        );
        assert_eq!(parse_iso_day("2025-02-30"), None);
        assert_eq!(parse_iso_day("March 3"), None);
    }

    #[test]
    fn weekdays_and_yesterday_resolve_against_the_articles_date() {
        // 2025-01-21 was a Tuesday.
        assert_eq!(
            spans("The leaders spoke on Tuesday.", Some("2025-01-21")),
            ["2025-01-20..2025-01-21", "2025-01-21"]
        );
        assert_eq!(
            spans("The leaders spoke yesterday.", Some("2025-01-22")),
            ["2025-01-21..2025-01-22", "2025-01-21"]
        );
        assert_eq!(
            spans("They met on Friday.", Some("2025-01-21")),
            ["2025-01-20..2025-01-21", "2025-01-17"]
        );
        assert_eq!(
            spans("They will meet again on Friday.", Some("2025-01-21")),
            ["2025-01-20..2025-01-21", "2025-01-24"]
        );
        assert_eq!(
            spans("It happened last Tuesday.", Some("2025-01-21")),
            ["2025-01-20..2025-01-21", "2025-01-14"]
        );
    }

    #[test]
    fn weeks_and_months_are_runs_of_days() {
        assert_eq!(
            spans("Talks broke down last month.", Some("2025-01-21")),
            ["2025-01-20..2025-01-21", "2024-12-01..2024-12-31"]
        );
        assert_eq!(
            spans("Talks resume next week.", Some("2025-01-21")),
            ["2025-01-20..2025-01-21", "2025-01-27..2025-02-02"]
        );
    }

    #[test]
    fn a_month_named_as_a_time_is_that_whole_month() {
        assert_eq!(
            spans("She entered rehab in May and left.", Some("2013-06-13")),
            ["2013-06-12..2013-06-13", "2013-05-01..2013-05-31"]
        );
        assert_eq!(
            spans("Prices have risen since March 2012.", None),
            ["2012-03-01..2012-03-31"]
        );
        assert_eq!(
            spans("Theresa May said so.", Some("2019-01-10")),
            ["2019-01-09..2019-01-10"]
        );
    }

    #[test]
    fn a_day_without_a_year_takes_the_nearest_one() {
        assert_eq!(
            spans(
                "The storm of December 30 was the worst.",
                Some("2025-01-02")
            ),
            ["2025-01-01..2025-01-02", "2024-12-30"]
        );
        assert_eq!(
            spans("The deal was signed on 3 March 2021.", None),
            ["2021-03-03"]
        );
        assert_eq!(
            spans("Signed March 3, 2021 and again 2021-03-05.", None),
            ["2021-03-03", "2021-03-05"]
        );
    }

    #[test]
    fn without_the_articles_date_only_calendar_days_remain() {
        let found = spoken_dates("They met on Tuesday, March 3, yesterday.", None);
        assert!(found.spans.is_empty());
        assert_eq!(found.calendar_days, [3 * 32 + 3]);
    }

    #[test]
    fn verbs_that_look_like_months_are_not_dates() {
        assert!(spoken_dates("Prices may 3 times rise.", None)
            .calendar_days
            .is_empty());
    }

    #[test]
    fn the_lists_stay_short() {
        let text = (1..=28)
            .map(|day| format!("March {day}, 2024."))
            .collect::<Vec<_>>()
            .join(" ");
        let found = spoken_dates(&text, None);
        assert_eq!(found.spans.len(), MAX_SPOKEN_DATES);
        assert_eq!(found.calendar_days.len(), MAX_SPOKEN_DATES);
    }

    #[test]
    fn the_tokens_make_the_texts_word_line() {
        for text in [
            "",
            "—",
            "On Tuesday, MARCH 3rd 2025 the Council's e-mail said: “Don’t”.",
            "Él dijo: «Sí» el 8 de Noviembre de 2023 — İstanbul, KELVIN \u{212A}",
            "東京 2024-06-30T10:00 ﬁne Straße",
            "MAY May may MARCH Mar DECEMBER Noviembre FÉVRIER Février MÄRZ Août ÉTÉ Septiembre Sept",
            "TODAY Tonight yesterday’s WEE\u{212A} Month MONDAY FrIdAy Sundays tomorrow",
        ] {
            let mut date_words = DateWords::default();
            for word in crate::text::words(text) {
                date_words.push(word, word.as_ptr() as usize - text.as_ptr() as usize);
            }
            let tokens = Tokens {
                text,
                words: &date_words.words,
            };
            let line = word_line_of(&tokens);
            assert_eq!(line, crate::text::patterns::word_line(text), "{text:?}");
            // The month of each word, looked up by its lowercase form as the line has it.
            for (index, word) in date_words.words.iter().enumerate() {
                let lower = tokens.lower(index);
                let lower = &*lower;
                // A cue word's lowercase form has a cue word's hash.
                if cue_named(lower).is_some() {
                    assert!(word.cue, "{lower:?}");
                }
                let original = &text[word.start..word.end];
                let month = (is_capitalized(original) && lower.len() >= 3)
                    .then(|| month_number_hashed(lower, word_hash(original)))
                    .flatten()
                    .map(|number| number as u8);
                assert_eq!(word.month, month, "{original:?}");
            }
        }
    }

    #[test]
    fn every_cue_word_the_resolver_acts_on_passes_the_filter() {
        let published = parse_iso_day("2025-01-21");
        for (word, _) in CUE_WORDS {
            let capitalised = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            for form in [word.to_string(), capitalised, word.to_uppercase()] {
                // "last" before it, which the week and the month need to name anything.
                let text = format!("last {form}");
                let mut date_words = DateWords::default();
                for word in crate::text::words(&text) {
                    date_words.push(word, word.as_ptr() as usize - text.as_ptr() as usize);
                }
                assert!(date_words.words[1].cue, "{form:?} is filtered out");
                let tokens = Tokens {
                    text: &text,
                    words: &date_words.words,
                };
                let mut found = SpokenDates::default();
                resolve_at(&tokens, 1, published, &mut found);
                assert_eq!(found.spans.len(), 1, "the resolver reads {form:?}");
            }
        }
    }

    #[test]
    fn resolving_only_where_a_word_may_start_finds_what_every_word_finds() {
        let pieces = [
            "in",
            "last",
            "next",
            "this",
            "will",
            "until",
            "on",
            "the",
            "week",
            "WEEK",
            "month",
            "today",
            "Tonight",
            "yesterday",
            "tomorrow",
            "Monday",
            "FRIDAY",
            "sunday",
            "May",
            "may",
            "March",
            "Dec.",
            "3",
            "3rd",
            "31",
            "2024",
            "1899",
            "Él",
            "·",
            "\n\n",
        ];
        let mut numbers = crate::text::test_numbers::TestNumbers::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |bound: usize| numbers.below(bound as u64) as usize;
        let mut with_days = 0;
        for round in 0..20_000 {
            let length = 1 + next(12);
            let text: Vec<&str> = (0..length).map(|_| pieces[next(pieces.len())]).collect();
            let text = text.join(" ");
            let published = (round % 3 != 0).then(|| 20_000 + next(400) as i32);
            let mut date_words = DateWords::default();
            for word in crate::text::words(&text) {
                date_words.push(word, word.as_ptr() as usize - text.as_ptr() as usize);
            }
            let tokens = Tokens {
                text: &text,
                words: &date_words.words,
            };
            // Every word resolved in turn, as the resolver did before it skipped any.
            let mut every = SpokenDates::default();
            if let Some(day) = published {
                every.add_span(DaySpan {
                    first: day - 1,
                    last: day,
                });
            }
            let mut index = 0;
            while index < tokens.len() {
                index += resolve_at(&tokens, index, published, &mut every);
            }
            let found = spoken_dates_of_words(&text, &date_words, &[], published);
            with_days += usize::from(found.spans.len() > usize::from(published.is_some()));
            assert_eq!(found.spans, every.spans, "{text:?} {published:?}");
            assert_eq!(found.calendar_days, every.calendar_days, "{text:?}");
        }
        assert!(with_days > 2_000, "{with_days} texts naming a day");
    }

    #[test]
    fn the_years_windows_give_the_dates_the_whole_line_gives() {
        let pieces = [
            "8",
            "31",
            "3rd",
            "de",
            "del",
            "noviembre",
            "November",
            "Nov.",
            "May",
            "Feb",
            "30",
            "2023",
            "2024-06-30",
            "2025-06-30T10:00",
            "12345",
            ",",
            "the",
            "x",
            "Él",
            "|",
            "\n\n",
            "1/2/2024",
            "2023.",
        ];
        // The same lines on every run.
        let mut numbers = crate::text::test_numbers::TestNumbers::new(0x2545_F491_4F6C_DD1D);
        let mut next = |bound: usize| numbers.below(bound as u64) as usize;
        let mut with_dates = 0;
        for _ in 0..20_000 {
            let length = 1 + next(14);
            let text: Vec<&str> = (0..length).map(|_| pieces[next(pieces.len())]).collect();
            let text = text.join(" ");
            let (date_words, digit_words) = date_and_digit_words(&text);
            let tokens = Tokens {
                text: &text,
                words: &date_words.words,
            };
            let windows = find_dates_in_digit_words(&text, &digit_words, &|| {
                year_windows_line(&tokens, &digit_words)
            });
            let whole = super::super::dates::find_dates(&text);
            with_dates += usize::from(!whole.is_empty());
            assert_eq!(windows, whole, "{text:?}");
        }
        assert!(with_dates > 1_000, "{with_dates} lines with dates");
    }

    /// The year windows from the digit words against the windows of every token that opens
    /// with a year (the definition; both lines written by `windows_before_years`, so what is
    /// compared is which years are found), on generated texts of years, dates, digit words
    /// that open with no year, fillers and words.
    #[test]
    fn year_windows_from_digit_words_are_those_of_every_token() {
        let definition = |tokens: &Tokens| {
            windows_before_years(
                tokens,
                (0..tokens.len()).filter(|&index| tokens.opens_with_year(index)),
            )
        };
        let pieces = [
            "2024",
            "1999-03-04",
            "12345",
            "x2024",
            "2024x",
            "of",
            "the",
            "March",
            "3rd",
            "é",
            "on",
            "’",
            " ",
            "-",
        ];
        for text in crate::text::test_texts::every_joining(&pieces, 4, " ") {
            let (date_words, digit_words) = date_and_digit_words(&text);
            let tokens = Tokens {
                text: &text,
                words: &date_words.words,
            };
            assert_eq!(
                year_windows_line(&tokens, &digit_words),
                definition(&tokens),
                "{text:?}"
            );
        }
    }
}
