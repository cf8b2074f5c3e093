//! The first step of story grouping, one article at a time: what the cross-article work keeps
//! of an article to tell which event it reports. Small and bounded (at most
//! [`MAX_TERMS`] terms, a few dates and figures, under a kilobyte), so a million articles fit
//! in memory, and computed from the article alone, so it can run wherever the article is
//! analysed.

use std::collections::HashMap;

use super::background;
use super::summary_bytes::{ByteReader, ByteWriter, SummaryBytesError, SummaryKind};
use crate::report::Article;
use crate::text::figures::{stated_figures, Figure};
use crate::text::relative_dates::{parse_iso_day, spoken_dates, CalendarDay, DaySpan};
use crate::text::{hashed_words, is_content_word, word_hash, HashedWord, Prehashed};

/// Terms kept per article: its most distinctive ones by background tf-idf. Enough to cover
/// what an event report names (who, where, what, figures) while leaving out the long tail
/// of background detail that makes two reports of different events look alike; bounds the
/// summary's size whatever the article's length. On the dev story sets, 32 to 100 terms do
/// about equally well, and every term of the article does worse.
pub const MAX_TERMS: usize = 48;

/// Weight of a headline word and of a word of the lead paragraphs, relative to a word further
/// down: a news report says what happened first, and background follows.
const LEAD_WEIGHT: f32 = 2.0;

/// Paragraphs of the body counted as the lead (the inverted pyramid: who, what, where and when
/// within the first few paragraphs).
const LEAD_PARAGRAPHS: usize = 3;

/// Bytes of the body read for dates and figures: some 5,000 words, more than nearly any news report, so
/// the dates of the report itself are all read, while the work and memory stay bounded for a
/// text of many megabytes (whose first [`crate::text::relative_dates::MAX_SPOKEN_DATES`]
/// dates are all that is kept anyway).
const DATES_TEXT_BYTES: usize = 32 * 1024;

/// The largest character boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// One term of an article's story summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryTerm {
    /// The term's hash (the high half of its [`word_hash`]), which names it in every batch.
    pub hash: u32,
    /// How much the article uses it: occurrences weighted by position, then dampened
    /// (1 + ln), as in sublinear tf.
    pub frequency: f32,
    /// Share of English news articles expected to hold it ([`background::document_share`]).
    pub background_share: f32,
}

/// What story grouping keeps of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorySummary {
    /// Its most distinctive terms, sorted by hash.
    pub terms: Box<[StoryTerm]>,
    /// The days it speaks of, resolved against its own date.
    pub spans: Box<[DaySpan]>,
    /// Days of the year it names whose year is not known (and those of `spans`).
    pub calendar_days: Box<[CalendarDay]>,
    /// The article's own date (days from 1970-01-01), when it states one.
    pub published: Option<i32>,
    /// The figures it states (a magnitude, a time of day, a toll), sorted: its event's
    /// particulars, which another event of the same kind does not share.
    pub figures: Box<[Figure]>,
}

impl StorySummary {
    /// The summary as bytes (see `summary_bytes.rs`): per term the gap to the previous
    /// term's hash (a varint, about 4 bytes) and its two weights (4 bytes each, bit for bit),
    /// then the dates and figures as varints; about 600 bytes for an article of
    /// [`MAX_TERMS`] terms.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut writer = ByteWriter::new(SummaryKind::Story, 12 * self.terms.len() + 32);
        writer.ascending(self.terms.iter().map(|term| u64::from(term.hash)));
        for term in self.terms.iter() {
            writer.f32(term.frequency);
            writer.f32(term.background_share);
        }
        writer.varint(self.spans.len() as u64);
        for span in self.spans.iter() {
            writer.signed(i64::from(span.first));
            writer.signed(i64::from(span.last) - i64::from(span.first));
        }
        writer.varint(self.calendar_days.len() as u64);
        for &day in self.calendar_days.iter() {
            writer.varint(u64::from(day));
        }
        match self.published {
            Some(day) => {
                writer.varint(1);
                writer.signed(i64::from(day));
            }
            None => writer.varint(0),
        }
        writer.ascending(self.figures.iter().map(|&figure| u64::from(figure)));
        writer.finish()
    }

    /// Reads a summary written by [`StorySummary::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<StorySummary, SummaryBytesError> {
        let mut reader = ByteReader::new(SummaryKind::Story, bytes)?;
        // Terms are sorted by hash without repeats: the cosine walks two lists in step.
        let hashes = reader.ascending(u64::from(u32::MAX), true)?;
        let mut terms = Vec::with_capacity(hashes.len());
        for hash in hashes {
            terms.push(StoryTerm {
                // `ascending` kept every hash within u32.
                hash: hash as u32,
                frequency: reader.f32()?,
                background_share: reader.f32()?,
            });
        }
        let day = |reader: &mut ByteReader<'_>| {
            let value = reader.signed()?;
            i32::try_from(value).map_err(|_| reader.invalid("a day out of range"))
        };
        let count = reader.count(2)?;
        let mut spans = Vec::with_capacity(count);
        for _ in 0..count {
            let first = day(&mut reader)?;
            let length = day(&mut reader)?;
            let last = first
                .checked_add(length)
                .filter(|&last| last >= first)
                .ok_or(reader.invalid("a run of days that ends before it starts"))?;
            spans.push(DaySpan { first, last });
        }
        let count = reader.count(1)?;
        let mut calendar_days = Vec::with_capacity(count);
        for _ in 0..count {
            let value = reader.varint()?;
            calendar_days.push(
                CalendarDay::try_from(value)
                    .map_err(|_| reader.invalid("a day of the year out of range"))?,
            );
        }
        let published = match reader.varint()? {
            0 => None,
            1 => Some(day(&mut reader)?),
            _ => return Err(reader.invalid("a publication date that is neither there nor absent")),
        };
        let figures = reader
            .ascending(u64::from(Figure::MAX), false)?
            .into_iter()
            // `ascending` kept every figure within its type.
            .map(|figure| figure as Figure)
            .collect();
        reader.finish()?;
        Ok(StorySummary {
            terms: terms.into_boxed_slice(),
            spans: spans.into_boxed_slice(),
            calendar_days: calendar_days.into_boxed_slice(),
            published,
            figures,
        })
    }

    /// Bytes the summary holds on the heap and in itself.
    #[cfg(test)]
    pub fn size_in_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + std::mem::size_of_val(&*self.terms)
            + std::mem::size_of_val(&*self.spans)
            + std::mem::size_of_val(&*self.calendar_days)
            + std::mem::size_of_val(&*self.figures)
    }
}

/// The story summary of an analysed article: its title and cleaned body's terms, and the
/// dates its text speaks of placed with its own date.
pub fn summarise(article: &Article) -> StorySummary {
    let mut counts: HashMap<u64, f32, Prehashed> = HashMap::default();
    if let Some(title) = &article.title {
        count_terms(title, LEAD_WEIGHT, &mut counts);
    }
    for (index, paragraph) in article.text.split("\n\n").enumerate() {
        let weight = if index < LEAD_PARAGRAPHS {
            LEAD_WEIGHT
        } else {
            1.0
        };
        count_terms(paragraph, weight, &mut counts);
    }
    let mut weighed: Vec<(f64, StoryTerm)> = counts
        .into_iter()
        .map(|(hash, count)| {
            let frequency = 1.0 + count.ln().max(0.0);
            let share = background::document_share(hash);
            let term = StoryTerm {
                hash: (hash >> 32) as u32,
                frequency,
                background_share: share as f32,
            };
            (f64::from(frequency) * -share.ln(), term)
        })
        .collect();
    // Heaviest first; ties by hash, so the choice never depends on the map's order.
    weighed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.hash.cmp(&b.1.hash)));
    weighed.truncate(MAX_TERMS);
    let mut terms: Vec<StoryTerm> = weighed.into_iter().map(|(_, term)| term).collect();
    terms.sort_unstable_by_key(|term| term.hash);
    terms.dedup_by_key(|term| term.hash);

    let published = article.date.as_deref().and_then(parse_iso_day);
    let body = &article.text[..floor_char_boundary(&article.text, DATES_TEXT_BYTES)];
    let mut text = String::with_capacity(body.len() + 2);
    if let Some(title) = &article.title {
        text.push_str(title);
        text.push_str("\n\n");
    }
    text.push_str(body);
    let dates = spoken_dates(&text, published);
    let mut figures = stated_figures(&text);
    figures.sort_unstable();
    StorySummary {
        terms: terms.into_boxed_slice(),
        spans: dates.spans.into_boxed_slice(),
        calendar_days: dates.calendar_days.into_boxed_slice(),
        published,
        figures: figures.into_boxed_slice(),
    }
}

/// The word without a possessive ending ("Dostal's" → "Dostal"), so that a name and its
/// possessive are one term.
fn without_possessive(word: HashedWord<'_>) -> HashedWord<'_> {
    let stem = word
        .text
        .strip_suffix("'s")
        .or_else(|| word.text.strip_suffix("’s"));
    match stem {
        Some(stem) if !stem.is_empty() => HashedWord {
            text: stem,
            hash: word_hash(stem),
            ascii: word.ascii,
        },
        _ => word,
    }
}

/// Adds the content words of `text` to `counts`, each occurrence weighing `weight`. A
/// decimal number is one term ("4.6", not "4" and "6": a magnitude, a share, a price).
fn count_terms(text: &str, weight: f32, counts: &mut HashMap<u64, f32, Prehashed>) {
    let mut previous_number: Option<&str> = None;
    for word in hashed_words(text) {
        let is_number = word.text.bytes().all(|b| b.is_ascii_digit());
        if let Some(integer) = previous_number.filter(|_| is_number) {
            let start = integer.as_ptr() as usize - text.as_ptr() as usize;
            let end = word.text.as_ptr() as usize - text.as_ptr() as usize + word.text.len();
            if &text[start + integer.len()..end - word.text.len()] == "." {
                *counts.entry(word_hash(&text[start..end])).or_default() += weight;
                previous_number = None;
                continue;
            }
        }
        previous_number = is_number.then_some(word.text);
        let word = without_possessive(word);
        if is_content_word(&word) {
            *counts.entry(word.hash).or_default() += weight;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, date: Option<&str>, text: &str) -> Article {
        Article {
            title: Some(title.to_string()),
            date: date.map(str::to_string),
            text: text.to_string(),
            ..Article::default()
        }
    }

    fn has_term(summary: &StorySummary, word: &str) -> bool {
        let hash = (word_hash(word) >> 32) as u32;
        summary.terms.iter().any(|term| term.hash == hash)
    }

    #[test]
    fn a_long_article_keeps_its_most_distinctive_terms_only() {
        let body: Vec<String> = (0..400).map(|i| format!("word{i}")).collect();
        let text = format!("Klitschko defends his title.\n\n{}", body.join(" "));
        let summary = summarise(&article("Klitschko wins", None, &text));
        assert_eq!(summary.terms.len(), MAX_TERMS);
        assert!(has_term(&summary, "klitschko"));
        assert!(
            summary.size_in_bytes() < 1024,
            "{}",
            summary.size_in_bytes()
        );
    }

    #[test]
    fn a_possessive_is_the_name() {
        let summary = summarise(&article(
            "Talks",
            None,
            "Dostal’s office and Okonjo's aides met.",
        ));
        assert!(has_term(&summary, "dostal"));
        assert!(has_term(&summary, "okonjo"));
        assert!(!has_term(&summary, "okonjo's"));
    }

    #[test]
    fn decimal_numbers_are_one_term() {
        let summary = summarise(&article(
            "Quake",
            None,
            "A magnitude 4.6 earthquake struck.",
        ));
        assert!(has_term(&summary, "4.6"));
        assert!(!has_term(&summary, "6"));
    }

    #[test]
    fn the_figures_of_headline_and_body_are_kept() {
        let summary = summarise(&article(
            "Magnitude 4.6 quake",
            None,
            "It struck at 2:09 a.m. and damaged 120 homes.",
        ));
        let mut expected = stated_figures("4.6 2:09 120");
        expected.sort_unstable();
        assert_eq!(&*summary.figures, expected.as_slice());
    }

    #[test]
    fn a_summary_read_back_from_bytes_is_the_same() {
        let summary = summarise(&article(
            "Magnitude 4.6 quake shakes Dunmere",
            Some("2025-01-22"),
            "It struck yesterday at 2:09 a.m., on March 3, and damaged 120 homes.\n\nThe town \
             council met on Tuesday.",
        ));
        assert!(!summary.terms.is_empty() && !summary.spans.is_empty());
        assert!(!summary.calendar_days.is_empty() && !summary.figures.is_empty());
        let bytes = summary.to_bytes();
        assert_eq!(StorySummary::from_bytes(&bytes), Ok(summary.clone()));
        let empty = StorySummary::default();
        assert_eq!(StorySummary::from_bytes(&empty.to_bytes()), Ok(empty));
        // Every shorter prefix is refused, never misread.
        for end in 0..bytes.len() {
            assert!(StorySummary::from_bytes(&bytes[..end]).is_err(), "{end}");
        }
    }

    #[test]
    fn dates_are_placed_with_the_articles_own_date() {
        let summary = summarise(&article(
            "Leaders speak",
            Some("2025-01-22"),
            "The two leaders spoke by phone yesterday.",
        ));
        let yesterday = parse_iso_day("2025-01-21").unwrap();
        assert!(summary.spans.contains(&DaySpan::day(yesterday)));
    }
}
