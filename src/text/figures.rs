//! The figures a text states: decimal numbers ("a magnitude 4.6 quake", "2.5 percent"),
//! clock times ("at 9:27 a.m.") and numbers of three digits or more that are not years ("1,098
//! homes", "Route 805", "the 8900 model"). Every report of an event repeats its own figures,
//! and another event of the same kind (another quake in the same place, another patch of the
//! same product) has others: they tell such events apart where their words cannot.
//!
//! Small whole numbers ("two", "10 people", "aged 25") are left out: they recur across
//! unrelated reports. So are years, which say when rather than what (dates are read by
//! [`crate::text::relative_dates`]), and digits inside words ("4G", "MS08", "11th").

use super::words::word_hash;

/// Most figures kept per text: the first ones stated, which in news are the headline's and
/// the lead's. On the dev story sets a text states one figure at the median and four at the
/// ninetieth percentile; keeping 4 or all of them gives the same story groups.
pub const MAX_FIGURES: usize = 12;

/// Whole numbers below this are too common to tell events apart (counts of people, ages,
/// days of the month, scores).
const SMALLEST_WHOLE_FIGURE: u64 = 100;

/// Four-digit numbers in this range, written without a thousands separator, are taken for
/// years ("in 2013"), not figures.
const YEARS: std::ops::RangeInclusive<u64> = 1900..=2100;

/// A figure: the high half of the [`word_hash`] of its canonical form ("4.6", "9:27" with the
/// hour counted on a 12-hour clock, "1098" without separators), so that "9:27 a.m." and
/// "09:27" or "1,098" and "1098" are one figure.
pub type Figure = u32;

/// The distinct figures of `text`: [`stated_figures_in_words`] searching every byte.
#[cfg(test)]
pub fn stated_figures(text: &str) -> Vec<Figure> {
    stated_figures_in_words(text, &[(0, text.len())])
}

/// The distinct figures of `text` in the order first stated, at most [`MAX_FIGURES`], given
/// the spans (start, end, in order) of its words that hold an ASCII digit: every digit of a
/// text is in one of its word tokens (a digit is a word character), so the bytes between
/// those words start no figure and need no look. A number read may run on past its word
/// ("1,098", "4.6"); the search resumes after it.
pub fn stated_figures_in_words(text: &str, digit_words: &[(usize, usize)]) -> Vec<Figure> {
    let mut figures: Vec<Figure> = Vec::new();
    let bytes = text.as_bytes();
    let mut index = 0;
    for &(start, end) in digit_words {
        index = index.max(start);
        let end = end.min(bytes.len());
        while index < end && figures.len() < MAX_FIGURES {
            if !bytes[index].is_ascii_digit() {
                index += 1;
                continue;
            }
            let attached = index > 0 && is_attached(bytes[index - 1]);
            let (number_end, canonical) = read_number(bytes, index);
            if !attached {
                if let Some(canonical) = canonical {
                    let figure = (word_hash(&canonical) >> 32) as Figure;
                    if !figures.contains(&figure) {
                        figures.push(figure);
                    }
                }
            }
            index = number_end;
        }
    }
    figures
}

/// Whether a number right after this byte belongs to a word or a longer number ("MS08",
/// "v1.2", "1.2.3").
fn is_attached(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b',' | b':' | b'_')
}

/// Reads the number starting at `bytes[start]` (a digit): digits with thousands separators,
/// then one decimal point or clock colon and digits. Returns where it ends and its canonical
/// form, or None when it is not a figure (too small, a year, glued to letters or to further
/// separators, as in a version "1.2.3" or a date "14.03.2013").
fn read_number(bytes: &[u8], start: usize) -> (usize, Option<String>) {
    let digits_from = |at: usize| {
        let mut end = at;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        end
    };
    let mut end = digits_from(start);
    let mut whole = String::from_utf8_lossy(&bytes[start..end]).into_owned();
    let mut grouped = false;
    // Thousands groups: ",098" (exactly three digits after each comma).
    while bytes.get(end) == Some(&b',') && digits_from(end + 1) == end + 4 {
        whole.push_str(&String::from_utf8_lossy(&bytes[end + 1..end + 4]));
        end += 4;
        grouped = true;
    }
    let mut fraction: Option<(u8, String)> = None;
    if let Some(&separator @ (b'.' | b':')) = bytes.get(end) {
        let fraction_end = digits_from(end + 1);
        if fraction_end > end + 1 {
            fraction = Some((
                separator,
                String::from_utf8_lossy(&bytes[end + 1..fraction_end]).into_owned(),
            ));
            end = fraction_end;
        }
    }
    let glued_on = match bytes.get(end) {
        Some(&(b'.' | b',' | b':')) => bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(byte) => byte.is_ascii_alphanumeric() || *byte == b'_',
        None => false,
    };
    // "9:27am" is a time; other letters glued on ("4G", "11th", "1.5bn") make a word.
    let clock_suffix = fraction
        .as_ref()
        .is_some_and(|(separator, _)| *separator == b':')
        && bytes.len() >= end + 2
        && matches!(
            [
                bytes[end].to_ascii_lowercase(),
                bytes[end + 1].to_ascii_lowercase()
            ],
            [b'a' | b'p', b'm']
        )
        && !bytes.get(end + 2).is_some_and(u8::is_ascii_alphanumeric);
    if glued_on && !clock_suffix {
        let mut skip = end;
        while skip < bytes.len() && (is_attached(bytes[skip]) || bytes[skip] == b'-') {
            skip += 1;
        }
        return (skip, None);
    }
    let canonical = match fraction {
        Some((b':', minutes)) => clock_time(&whole, &minutes),
        Some((_, decimals)) => Some(format!("{}.{decimals}", trim_zeros(&whole))),
        None => {
            let value: u64 = whole.parse().unwrap_or(u64::MAX);
            let is_year = !grouped && whole.len() == 4 && YEARS.contains(&value);
            (value >= SMALLEST_WHOLE_FIGURE && !is_year).then(|| trim_zeros(&whole).to_string())
        }
    };
    (end, canonical)
}

/// "09:27", "9:27" and "21:27" as one time of day ("9:27"); other colon pairs (a score
/// "3:1", a ratio) as written.
fn clock_time(hours: &str, minutes: &str) -> Option<String> {
    let hour: u32 = hours.parse().ok()?;
    let minute: u32 = minutes.parse().ok()?;
    if minutes.len() == 2 && hour <= 24 && minute < 60 {
        Some(format!("{}:{minutes}", hour % 12))
    } else {
        Some(format!("{}:{minutes}", trim_zeros(hours)))
    }
}

/// Digits without leading zeros ("0845" → "845"), keeping one zero for zero itself.
fn trim_zeros(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(canonical: &str) -> Figure {
        (word_hash(canonical) >> 32) as Figure
    }

    #[test]
    fn reading_only_the_words_with_digits_finds_the_same_figures() {
        // Texts of numbers, separators, letters and spaces, where numbers run across words
        // ("1,098", "4.6", "9:27 a.m.") and glue onto words ("MS08", "v1.2.3").
        let pieces = [
            "1", "098", "4", "6", "27", "2013", "805", "9", ",", ".", ":", " ", " ", "a.m.", "MS",
            "v", "x", "é", "-", "’", "\n\n",
        ];
        let mut numbers = crate::text::test_numbers::TestNumbers::new(41);
        for _ in 0..3000 {
            let length = numbers.below(40) as usize;
            let text: String = (0..length)
                .map(|_| pieces[numbers.below(pieces.len() as u64) as usize])
                .collect();
            let digit_words = crate::text::words::digit_word_spans(&text);
            assert_eq!(
                stated_figures_in_words(&text, &digit_words),
                stated_figures(&text),
                "{text:?}"
            );
        }
    }

    fn figures(text: &str) -> Vec<Figure> {
        stated_figures(text)
    }

    #[test]
    fn decimals_times_and_large_numbers_are_figures() {
        assert_eq!(
            figures("A magnitude 4.6 quake struck at 2:09 a.m., damaging 1,098 homes."),
            [figure("4.6"), figure("2:09"), figure("1098")]
        );
        assert_eq!(figures("A 4.4-magnitude temblor"), [figure("4.4")]);
        assert_eq!(figures("a magnitude-5.2 quake"), [figure("5.2")]);
        assert_eq!(figures("Prices rose 2.5%."), [figure("2.5")]);
    }

    #[test]
    fn one_time_of_day_however_it_is_written() {
        assert_eq!(figures("at 9:27am"), [figure("9:27")]);
        assert_eq!(figures("at 09:27"), figures("at 21:27"));
        assert_eq!(
            figures("at 9:27 a.m. and again at 9:27 PM"),
            [figure("9:27")]
        );
        assert_eq!(figures("won 3:1"), [figure("3:1")]);
    }

    #[test]
    fn small_numbers_years_and_digits_in_words_are_not_figures() {
        assert!(figures("Two people, aged 25 and 31, were hurt in 2013.").is_empty());
        assert!(figures("the 4G network, bulletin MS08, the 11th Doctor, $1.5bn").is_empty());
        assert!(figures("version 1.2.3 of 14.03.2013").is_empty());
        // A year written with a separator is a count.
        assert_eq!(figures("2,000 marchers"), [figure("2000")]);
    }

    #[test]
    fn each_figure_once_and_at_most_the_first_ones() {
        assert_eq!(figures("4.6, then 4.6 again"), [figure("4.6")]);
        let many: Vec<String> = (100..200).map(|n| n.to_string()).collect();
        let found = figures(&many.join(" "));
        assert_eq!(found.len(), MAX_FIGURES);
        assert_eq!(found[0], figure("100"));
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "", "1", "1,", "1,23", "9:", "9:5", "12.", ".5", "1,234,5", "é1.2é", "0:00am",
        ] {
            let _ = figures(text);
        }
        assert_eq!(figures("1,234,5"), Vec::<Figure>::new());
    }
}
