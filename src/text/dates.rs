//! Finds calendar dates written in running text ("November 8, 2023", "8 Nov. 2023",
//! "2023-11-08", "11/08/2023") and relative stamps ("3 hours ago"). Returns them as
//! `YYYY-MM-DD`. Which date is the article's own is decided in `metadata`.

use crate::text::lowercase_words;

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

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month number of an English month name or its usual abbreviation ("Sept", "Nov").
/// Full month names in other languages the analyzer meets (German, French, Spanish,
/// Portuguese, Italian, Dutch), January to December. Abbreviations are matched only in
/// English, where they are unambiguous.
const OTHER_MONTHS: [[&str; 12]; 6] = [
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
];

/// The month number (1..=12) of a lowercase English month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let english = MONTHS.iter().position(|month| {
        *month == word || ((3..=4).contains(&word.len()) && month.starts_with(word))
    });
    let position = english.or_else(|| {
        OTHER_MONTHS
            .iter()
            .find_map(|months| months.iter().position(|month| *month == word))
    })?;
    Some(position as u32 + 1)
}

/// The day of the month a lowercase word writes as a number ("3", "03", "3rd"), 1..=31.
pub fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|day| (1..=31).contains(day))
}

fn year_number(word: &str) -> Option<u32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// All dates written in `text`, in order of appearance.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    let words = lowercase_words(text);
    let mut index = 0;
    while index < words.len() {
        let word = words[index].as_str();
        let step = if let Some(date) = iso_date(word) {
            found.push(date);
            1
        } else if let Some((date, used)) = month_first(&words[index..]) {
            found.push(date);
            used
        } else if let Some((date, used)) = day_first(&words[index..]) {
            found.push(date);
            used
        } else {
            1
        };
        index += step;
    }
    found.extend(numeric_dates(text));
    found
}

/// "2023-11-08" (one token for the tokenizer, which keeps inner hyphens).
fn iso_date(word: &str) -> Option<FoundDate> {
    let mut parts = word.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let day = day.get(..2.min(day.len()))?;
    if year.len() != 4 || month.len() > 2 || parts.next().is_some() {
        return None;
    }
    FoundDate::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// "November 8, 2023", "Nov 8th 2023".
fn month_first(words: &[String]) -> Option<(FoundDate, usize)> {
    let month = month_number(words.first()?)?;
    let day = day_number(words.get(1)?)?;
    let year = year_number(words.get(2)?)?;
    Some((FoundDate::new(year, month, day)?, 3))
}

/// "8 November 2023", "8th Nov 2023".
fn day_first(words: &[String]) -> Option<(FoundDate, usize)> {
    let day = day_number(words.first()?)?;
    // Spanish and Portuguese put "de" between the parts: "8 de noviembre de 2023".
    let mut at = 1;
    let next = |at: &mut usize| -> Option<&String> {
        while words.get(*at).is_some_and(|w| w == "de" || w == "del") {
            *at += 1;
        }
        let word = words.get(*at);
        *at += 1;
        word
    };
    let month = month_number(next(&mut at)?)?;
    let year = year_number(next(&mut at)?)?;
    Some((FoundDate::new(year, month, day)?, at))
}

/// "11/08/2023" (month first, unless the first number cannot be a month), "08.11.2023"
/// (day first, the European order), "2023/11/08".
fn numeric_dates(text: &str) -> Vec<FoundDate> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit() || (index > 0 && bytes[index - 1].is_ascii_digit()) {
            index += 1;
            continue;
        }
        let (numbers, separator, end) = read_numeric_triple(bytes, index);
        if let (Some([a, b, c]), Some(separator)) = (numbers, separator) {
            let date = if a.1 == 4 {
                FoundDate::new(a.0, b.0, c.0)
            } else if c.1 == 4 && separator == b'.' {
                FoundDate::new(c.0, b.0, a.0)
            } else if c.1 == 4 || c.1 == 2 {
                let year = if c.1 == 2 { 2000 + c.0 } else { c.0 };
                FoundDate::new(year, a.0, b.0).or_else(|| FoundDate::new(year, b.0, a.0))
            } else {
                None
            };
            found.extend(date);
        }
        index = end.max(index + 1);
    }
    found
}

type Number = (u32, usize);

fn read_numeric_triple(bytes: &[u8], start: usize) -> (Option<[Number; 3]>, Option<u8>, usize) {
    let mut numbers = Vec::with_capacity(3);
    let mut separator = None;
    let mut index = start;
    loop {
        let digits_start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() && index - digits_start < 5 {
            index += 1;
        }
        let length = index - digits_start;
        if length == 0 || length > 4 {
            return (None, None, index);
        }
        let value = std::str::from_utf8(&bytes[digits_start..index])
            .ok()
            .and_then(|digits| digits.parse().ok())
            .unwrap_or(0);
        numbers.push((value, length));
        if numbers.len() == 3 {
            let followed_by_digit = bytes.get(index).is_some_and(u8::is_ascii_digit);
            let triple = [numbers[0], numbers[1], numbers[2]];
            return ((!followed_by_digit).then_some(triple), separator, index);
        }
        match bytes.get(index) {
            Some(&b @ (b'/' | b'.')) if separator.is_none_or(|s| s == b) => {
                separator = Some(b);
                index += 1;
            }
            _ => return (None, None, index),
        }
    }
}

/// Whether `text` is a relative time stamp such as "3 hours ago" or "Updated 5 min ago".
pub fn is_relative_stamp(words: &[String]) -> bool {
    words.len() <= 6
        && words.last().is_some_and(|w| w == "ago")
        && words.iter().any(|w| {
            matches!(
                w.as_str(),
                "second"
                    | "seconds"
                    | "min"
                    | "mins"
                    | "minute"
                    | "minutes"
                    | "hour"
                    | "hours"
                    | "hr"
                    | "hrs"
                    | "day"
                    | "days"
                    | "week"
                    | "weeks"
                    | "month"
                    | "months"
                    | "year"
                    | "years"
            )
        })
}

/// Whether `word` (lowercase) is an English month name or abbreviation.
pub fn is_month_word(word: &str) -> bool {
    month_number(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn relative_stamps() {
        let words: Vec<String> = ["updated", "3", "hours", "ago"].map(String::from).to_vec();
        assert!(is_relative_stamp(&words));
    }
}
