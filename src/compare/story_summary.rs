//! The first step of story grouping, one article at a time: what the cross-article work keeps
//! of an article to tell which event it reports. Small and bounded (at most
//! [`MAX_TERMS`] terms, a few dates and figures, under a kilobyte), so a million articles fit
//! in memory, and computed from the article alone, so it can run wherever the article is
//! analysed.

use crate::text::sorting;

use super::background;
use super::summary_bytes::{ByteReader, ByteWriter, SummaryBytesError, SummaryKind};
use crate::report::Article;
use crate::text::figures::{stated_figures_in_words, Figure};
use crate::text::relative_dates::{
    parse_iso_day, spoken_dates_of_words, CalendarDay, DateWords, DaySpan,
};
use crate::text::{
    is_content_word, word_hash, words, ArticleWords, DenseIds, HashedWord, TableWord,
};

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
    /// Share of English news articles expected to hold it ([`background::document_share_and_log`]).
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
    pub fn size_in_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + std::mem::size_of_val(&*self.terms)
            + std::mem::size_of_val(&*self.spans)
            + std::mem::size_of_val(&*self.calendar_days)
            + std::mem::size_of_val(&*self.figures)
    }
}

/// The story summary of an analysed article: its title and cleaned body's terms, and the
/// dates its text speaks of placed with its own date. The batch calls
/// [`summarise_and_hash_words`] (it fingerprints the same words); this is what the tests hold
/// a summary to.
#[cfg(test)]
pub fn summarise(article: &Article) -> StorySummary {
    summarise_and_hash_words(article, None, &mut Vec::new())
}

/// The dampened count of a term (`1 + ln count`, at least 1), so that a word repeated ten
/// times does not outweigh ten distinct ones.
fn dampened(count: f32) -> f32 {
    // Most of an article's terms occur once: `ln 1` is exactly 0, so they need no logarithm
    // (a count is a sum of weights of at least 1, never below 1).
    if count <= 1.0 {
        return 1.0;
    }
    1.0 + count.ln().max(0.0)
}

/// A term as the summary keeps it, with its weight: its [`dampened`] count (`frequency`)
/// times how rare the word is in news at large (`-ln` of its background share).
fn weighed_term(hash: u64, frequency: f32) -> (f64, u64, StoryTerm) {
    let (share, log_share) = background::document_share_and_log(hash);
    let term = StoryTerm {
        hash: (hash >> 32) as u32,
        frequency,
        background_share: share as f32,
    };
    (f64::from(frequency) * -log_share, hash, term)
}

/// The order in which terms are kept: heaviest first; of equal weights, the smaller hash
/// (the summary's hash, then the whole word hash, so that the order is total and the choice
/// never depends on the order the terms are counted or met in). [`Rank`] is this order as
/// numbers; the tests hold the two to each other.
#[cfg(test)]
fn heavier(a: &(f64, u64, StoryTerm), b: &(f64, u64, StoryTerm)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// A term's place in the order the summary keeps terms in (`heavier`, the tests'
/// definition), as a pair compared as numbers (the smaller first): the weight's bits
/// ordered as [`f64::total_cmp`] orders weights, turned so that the heavier comes first,
/// then the whole word hash.
type Rank = (u64, u64);

/// The [`Rank`] of a term of weight `weight` and whole hash `hash`.
fn rank_of(weight: f64, hash: u64) -> Rank {
    // `f64::total_cmp`'s key: the bits as a signed number, the negatives' other bits
    // flipped; then the sign bit flipped to order it as unsigned, and all bits flipped so
    // that the heavier is the smaller.
    let bits = weight.to_bits() as i64;
    let ordered = bits ^ (((bits >> 63) as u64) >> 1) as i64;
    (!((ordered as u64) ^ (1 << 63)), hash)
}

/// The [`MAX_TERMS`] heaviest terms of those offered, by [`Rank`]: once that many are kept,
/// a heap with the lightest kept at its root, which is the bar an offer must pass; a term
/// that passes it takes the root's place and sinks to its own. An offer costs a comparison,
/// and one that is kept some dozen more, where keeping the list sorted cost a binary search
/// and a move of the lighter terms (in first-met order most of an article's terms are
/// offered: the bar rises slowly).
struct HeaviestTerms {
    /// The terms kept: a heap by rank, the largest (the lightest term) first, once full.
    kept: Vec<(Rank, StoryTerm)>,
}

impl HeaviestTerms {
    /// None offered yet.
    fn new() -> HeaviestTerms {
        HeaviestTerms {
            kept: Vec::with_capacity(MAX_TERMS),
        }
    }

    /// Whether a term of rank `rank` cannot be among the heaviest.
    fn cannot_take(&self, rank: Rank) -> bool {
        self.kept.len() == MAX_TERMS && rank > self.kept[0].0
    }

    /// Offers a term of rank `rank`.
    fn offer(&mut self, rank: Rank, term: StoryTerm) {
        if self.kept.len() < MAX_TERMS {
            self.kept.push((rank, term));
            if self.kept.len() == MAX_TERMS {
                for parent in (0..MAX_TERMS / 2).rev() {
                    self.sink(parent);
                }
            }
        } else if rank < self.kept[0].0 {
            self.kept[0] = (rank, term);
            self.sink(0);
        }
    }

    /// Moves the item at `index` down the heap until no child of it has a larger rank.
    fn sink(&mut self, mut index: usize) {
        let kept = &mut self.kept;
        loop {
            let left = 2 * index + 1;
            if left >= kept.len() {
                return;
            }
            let right = left + 1;
            let child = if right < kept.len() && kept[right].0 > kept[left].0 {
                right
            } else {
                left
            };
            if kept[child].0 <= kept[index].0 {
                return;
            }
            kept.swap(child, index);
            index = child;
        }
    }

    /// The heaviest terms sorted by their hash, of two sharing it the heavier only.
    fn by_hash(self) -> Vec<StoryTerm> {
        let mut kept = self.kept;
        sorting::sort_by_key(&mut kept, |&(_, term)| term.hash);
        let mut terms: Vec<StoryTerm> = Vec::with_capacity(kept.len());
        let mut last_rank = (0, 0);
        for (rank, term) in kept {
            match terms.last_mut() {
                Some(last) if last.hash == term.hash => {
                    if rank < last_rank {
                        (*last, last_rank) = (term, rank);
                    }
                }
                _ => {
                    terms.push(term);
                    last_rank = rank;
                }
            }
        }
        terms
    }
}

/// An article's terms and their weighted counts, by word hash, in the order they were first
/// met: each term's dense id from [`DenseIds`], its count in a list by id. Every content word
/// of every article is counted here: a standard `HashMap` (its groups of tags, its probing
/// sequence) took about a sixth more instructions for the same counts, and a table of the
/// counts themselves spent what it saved clearing and walking its empty slots.
struct TermCounts {
    /// Each term's id, by its hash (well mixed already: [`word_hash`]); the hashes in id order.
    ids: DenseIds,
    /// The count of each term, by id.
    counts: Vec<f32>,
}

impl TermCounts {
    /// Room for `terms` terms before the table grows.
    fn with_capacity(terms: usize) -> TermCounts {
        TermCounts {
            ids: DenseIds::with_room_for(terms),
            counts: Vec::with_capacity(terms),
        }
    }

    /// Adds `weight` to the term's count (a term not yet met starts at 0).
    fn add(&mut self, hash: u64, weight: f32) {
        let (id, new) = self.ids.id_of(hash);
        if new {
            self.counts.push(weight);
        } else if let Some(count) = self.counts.get_mut(id as usize) {
            *count += weight;
        }
    }

    /// Every term with its count, in the order they were first met.
    fn iter(&self) -> impl Iterator<Item = (u64, f32)> + '_ {
        self.ids
            .keys()
            .iter()
            .copied()
            .zip(self.counts.iter().copied())
    }
}

/// The story summary of an analysed article, which also pushes the hashes of the cleaned
/// text's words, in order, to `text_words` (what [`hashed_words`] gives on the whole text: no
/// word spans a paragraph break), so that the duplicate fingerprint needs no second scan of
/// the text. The words are read from the cleaner's table of them (`words`, when it stands for
/// the text: see [`ArticleWords::paragraphs`]), else from a scan of the text: the same words,
/// hashes and traits, so the same summary.
pub fn summarise_and_hash_words(
    article: &Article,
    words: Option<&ArticleWords>,
    text_words: &mut Vec<u64>,
) -> StorySummary {
    let text = article.text.as_str();
    let scanned;
    let words = match words.filter(|words| words.paragraphs(text).is_some()) {
        Some(words) => words,
        None => {
            scanned = ArticleWords::scan(text);
            &scanned
        }
    };
    // Room for every word's hash and, since a news text uses about two words per distinct
    // term, for half as many terms: neither grows word by word.
    let kept_words = words.kept_len();
    text_words.reserve(kept_words);
    let mut counts = TermCounts::with_capacity(kept_words / 2);
    // The dates are read from the title and the body's first bytes; their words are
    // gathered while the terms are counted, in the same pass over the text.
    let dates_end = floor_char_boundary(&article.text, DATES_TEXT_BYTES);
    let title_length = article.title.as_ref().map_or(0, String::len);
    let mut date_words = DateWords::with_capacity(title_length + 2 + dates_end);
    // Where the words holding a digit are in the text the figures are read from (the title,
    // a blank line, the body's first bytes): the figures' digits are among them.
    let mut digit_words = Vec::new();
    let body_in_dates_text = article.title.as_ref().map_or(0, |title| title.len() + 2);
    if let Some(title) = &article.title {
        let mut words = TextWords {
            hashes: &mut Vec::new(),
            date_words: &mut date_words,
            date_bytes: title.len(),
            digit_words: &mut digit_words,
            in_dates_text: 0,
        };
        // The title as one text; were it cut at a blank line, the counts would not change
        // (a decimal needs a single "." between its numbers).
        for (offset, title_words) in ArticleWords::scan(title)
            .paragraphs(title)
            .into_iter()
            .flatten()
        {
            count_terms(
                title,
                offset,
                title_words,
                LEAD_WEIGHT,
                &mut counts,
                &mut words,
            );
        }
    }
    // The words' spans are moved to the whole text, which the counting then reads.
    let mut text_words = TextWords {
        hashes: text_words,
        date_words: &mut date_words,
        date_bytes: dates_end,
        digit_words: &mut digit_words,
        in_dates_text: body_in_dates_text,
    };
    for (index, (offset, paragraph_words)) in
        words.paragraphs(text).into_iter().flatten().enumerate()
    {
        let weight = if index < LEAD_PARAGRAPHS {
            LEAD_WEIGHT
        } else {
            1.0
        };
        count_terms(
            text,
            offset,
            paragraph_words,
            weight,
            &mut counts,
            &mut text_words,
        );
    }
    // The MAX_TERMS heaviest by [`heavier`], kept while the terms are weighed (see
    // [`HeaviestTerms`]), without sorting the hundreds that are dropped.
    // Once MAX_TERMS are kept, a term whose weight cannot beat the lightest even at the
    // rarest background band is passed over without its background lookup (about a quarter
    // of this function's time when every term was looked up). The bound is exact: a weight
    // is the frequency times a `-ln share` no larger than the largest, and a product by a
    // positive number is monotone in the other factor, rounding included; at equal weights
    // the smaller whole hash wins, as in [`heavier`].
    let rarest = background::largest_minus_log_share();
    let mut heaviest = HeaviestTerms::new();
    for (hash, count) in counts.iter() {
        let frequency = dampened(count);
        if heaviest.cannot_take(rank_of(f64::from(frequency) * rarest, hash)) {
            continue;
        }
        let (weight, hash, term) = weighed_term(hash, frequency);
        heaviest.offer(rank_of(weight, hash), term);
    }
    let terms = heaviest.by_hash();

    let published = article.date.as_deref().and_then(parse_iso_day);
    let body = &article.text[..dates_end];
    let mut text = String::with_capacity(body.len() + 2);
    if let Some(title) = &article.title {
        text.push_str(title);
        text.push_str("\n\n");
    }
    text.push_str(body);
    let dates = spoken_dates_of_words(&text, &date_words, &digit_words, published);
    let mut figures = stated_figures_in_words(&text, &digit_words);
    // An article's few figures: the compact sort, smaller in the page.
    sorting::sort_by(&mut figures, Ord::cmp);
    StorySummary {
        terms: terms.into_boxed_slice(),
        spans: dates.spans.into_boxed_slice(),
        calendar_days: dates.calendar_days.into_boxed_slice(),
        published,
        figures: figures.into_boxed_slice(),
    }
}

/// The word without its possessive ending ("Dostal's" → "Dostal"), so that a name and its
/// possessive are one term; `None` when it has none.
fn possessive_stem<'a>(word: &HashedWord<'a>) -> Option<HashedWord<'a>> {
    // Both endings end in "s", which most words do not: one byte read tells them apart.
    if word.text.as_bytes().last() != Some(&b's') {
        return None;
    }
    let stem = word
        .text
        .strip_suffix("'s")
        .or_else(|| word.text.strip_suffix("’s"))
        .filter(|stem| !stem.is_empty())?;
    Some(HashedWord {
        text: stem,
        hash: word_hash(stem),
        ascii: word.ascii,
    })
}

/// Where [`count_terms`] puts every word of a text besides the counts.
struct TextWords<'a> {
    /// The words' hashes, in order (all of a text's words added at once, before their
    /// other pushes: one tight loop, rather than a push among the many of each word).
    hashes: &'a mut Vec<u64>,
    /// The words of the text's first `date_bytes` bytes, for the dates it speaks of.
    date_words: &'a mut DateWords,
    date_bytes: usize,
    /// The spans of the words holding an ASCII digit in the text's first `date_bytes`
    /// bytes, moved to the text the dates and figures are read from, where this text
    /// starts at `in_dates_text`.
    digit_words: &'a mut Vec<(usize, usize)>,
    in_dates_text: usize,
}

impl TextWords<'_> {
    /// Adds the words of a paragraph or title of `text` (`text_words`, their spans within
    /// it; it starts at `offset` of `text`) that stand in the dates' text: those wholly
    /// inside its first `date_bytes` bytes from the table, and the word that the dates' text
    /// cuts as a scan of the cut text finds it.
    fn push_date_words(&mut self, text: &str, offset: usize, text_words: &[TableWord]) {
        // The words are in order and apart: those that end inside come first.
        let inside = text_words.partition_point(|word| offset + word.end <= self.date_bytes);
        let paragraph = &text[offset..];
        self.date_words.push_table_words(
            paragraph,
            &text_words[..inside],
            self.in_dates_text + offset,
        );
        let Some(cut) = text_words.get(inside) else {
            return;
        };
        let start = offset + cut.start;
        if start < self.date_bytes {
            // The word the dates' text cuts: what a scan of the cut text finds of it.
            for word in words(&text[start..self.date_bytes]) {
                let at = self.in_dates_text + (word.as_ptr() as usize - text.as_ptr() as usize);
                self.date_words.push(word, at);
            }
        }
    }

    /// Adds where `word` of `text` (which holds it) stands when it holds an ASCII digit
    /// inside the dates' text.
    fn push_digit_word(&mut self, text: &str, word: &HashedWord<'_>) {
        let start = word.text.as_ptr() as usize - text.as_ptr() as usize;
        if start < self.date_bytes {
            let end = (start + word.text.len()).min(self.date_bytes);
            let at = self.in_dates_text;
            self.digit_words.push((at + start, at + end));
        }
    }
}

/// Adds the content words among `text_words` (the words of a paragraph or title, in order,
/// their spans within it; it starts at `offset` of `text`) to `counts`, each occurrence
/// weighing `weight`, and every word to `words`. A decimal number is one term ("4.6", not
/// "4" and "6": a magnitude, a share, a price).
fn count_terms(
    text: &str,
    offset: usize,
    text_words: &[TableWord],
    weight: f32,
    counts: &mut TermCounts,
    words: &mut TextWords<'_>,
) {
    words
        .hashes
        .extend(text_words.iter().map(|table_word| table_word.hash));
    words.push_date_words(text, offset, text_words);
    let mut previous_number: Option<&str> = None;
    for table_word in text_words {
        let traits = table_word.traits;
        let word = HashedWord {
            text: &text[offset + table_word.start..offset + table_word.end],
            hash: table_word.hash,
            ascii: traits.is_ascii(),
        };
        if traits.has_digit() {
            words.push_digit_word(text, &word);
        }
        let is_number = traits.is_number();
        if let Some(integer) = previous_number.filter(|_| is_number) {
            let start = integer.as_ptr() as usize - text.as_ptr() as usize;
            let end = word.text.as_ptr() as usize - text.as_ptr() as usize + word.text.len();
            if &text[start + integer.len()..end - word.text.len()] == "." {
                counts.add(word_hash(&text[start..end]), weight);
                previous_number = None;
                continue;
            }
        }
        previous_number = is_number.then_some(word.text);
        let term = match possessive_stem(&word) {
            Some(stem) => is_content_word(&stem).then_some(stem.hash),
            None => traits.is_content_word().then_some(word.hash),
        };
        if let Some(hash) = term {
            counts.add(hash, weight);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::analyze_one_with_words;
    use crate::report::{Document, Options};
    use crate::text::figures::stated_figures;
    use crate::text::relative_dates::spoken_dates;

    /// The summary from the cleaner's word table and the one from a scan of the cleaned
    /// text, with the words' hashes each pushes: they must be the same.
    fn assert_table_gives_the_scans_summary(doc: &Document) {
        let (article, words) = analyze_one_with_words(doc, &Options::default());
        let (mut from_table, mut scanned) = (Vec::new(), Vec::new());
        let summary = summarise_and_hash_words(&article, Some(&words), &mut from_table);
        assert!(
            words.paragraphs(&article.text).is_some(),
            "{}: the table does not stand for the text",
            doc.id
        );
        assert_eq!(
            summary,
            summarise_and_hash_words(&article, None, &mut scanned),
            "{}",
            doc.id
        );
        assert_eq!(from_table, scanned, "{}", doc.id);
    }

    #[test]
    fn the_word_table_gives_the_summary_a_scan_gives() {
        let folder = |name: &str| format!("{}/tests/{name}", env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for (name, html) in [("fixtures", false), ("pages", true)] {
            let entries = std::fs::read_dir(folder(name)).expect("the test inputs are there");
            for entry in entries {
                let path = entry.expect("a readable folder").path();
                let extension = path.extension().and_then(|e| e.to_str());
                if !matches!(extension, Some("txt" | "html")) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("a readable input");
                let id = path.display().to_string();
                let doc = if html {
                    Document::html(&id, &text)
                } else {
                    Document::new(&id, &text)
                };
                assert_table_gives_the_scans_summary(&doc);
                checked += 1;
            }
        }
        assert!(checked > 20, "only {checked} inputs");
        // Decimals, possessives, curly apostrophes, capitalised months, and text past the
        // dates' 32 KB, cut at a different place of a word in each padding.
        let paragraph = "On March 3 the Council’s vote passed 4.6 to 12 in Zürich's old hall; \
                         Ms. Dostal’s office said rates rose 0.25 points on 3 May 2024.";
        let long: Vec<&str> = std::iter::repeat_n(paragraph, 400).collect();
        assert_table_gives_the_scans_summary(&Document::new(
            "invented",
            format!("Vote passes\n\n{paragraph}\n\n{paragraph}"),
        ));
        for padding in ["", "a", "ab", "abc"] {
            for joint in ["\n\n", " "] {
                let text = format!("Vote passes\n\n{padding} {}", long.join(joint));
                assert_table_gives_the_scans_summary(&Document::new("invented", text));
            }
        }
    }

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

    /// The terms as the definition picks them: every term weighed, a stable sort of them
    /// all, the heaviest [`MAX_TERMS`] kept.
    fn terms_by_sorting_them_all(article: &Article) -> Vec<StoryTerm> {
        let mut counts = TermCounts::with_capacity(0);
        let texts = article.title.iter().map(String::as_str);
        for (index, text) in texts.chain(article.text.split("\n\n")).enumerate() {
            // The title and the first paragraphs: the title counts as one more lead text.
            let weight = if index <= LEAD_PARAGRAPHS {
                LEAD_WEIGHT
            } else {
                1.0
            };
            let mut words = TextWords {
                hashes: &mut Vec::new(),
                date_words: &mut DateWords::default(),
                date_bytes: 0,
                digit_words: &mut Vec::new(),
                in_dates_text: 0,
            };
            let table = ArticleWords::scan(text);
            for (offset, text_words) in table.paragraphs(text).into_iter().flatten() {
                count_terms(text, offset, text_words, weight, &mut counts, &mut words);
            }
        }
        let mut weighed: Vec<(f64, u64, StoryTerm)> = counts
            .iter()
            .map(|(hash, count)| weighed_term(hash, dampened(count)))
            .collect();
        weighed.sort_by(heavier);
        weighed.truncate(MAX_TERMS);
        let mut terms: Vec<StoryTerm> = weighed.into_iter().map(|(_, _, term)| term).collect();
        terms.sort_by_key(|term| term.hash);
        terms.dedup_by_key(|term| term.hash);
        terms
    }

    #[test]
    fn term_counts_count_as_a_map_counts() {
        // Hashes with the same low bits (one slot, long probes), zero, and enough terms to
        // grow the table several times from its smallest size.
        let mut expected: std::collections::BTreeMap<u64, f32> = Default::default();
        let mut counts = TermCounts::with_capacity(0);
        for round in 0..3u64 {
            for index in 0..300u64 {
                let hash = match index % 3 {
                    0 => index << 40,
                    1 => index.wrapping_mul(0x9E37_79B9_7F4A_7C15),
                    _ => index / 50,
                };
                let weight = if (index + round) % 2 == 0 { 2.0 } else { 1.0 };
                counts.add(hash, weight);
                *expected.entry(hash).or_default() += weight;
            }
        }
        let mut counted: Vec<(u64, f32)> = counts.iter().collect();
        counted.sort_by_key(|&(hash, _)| hash);
        assert_eq!(counted, expected.into_iter().collect::<Vec<_>>());
        assert!(counted.iter().any(|&(hash, _)| hash == 0));
        assert_eq!(TermCounts::with_capacity(5).iter().count(), 0);
    }

    #[test]
    fn ranks_order_terms_as_heavier_does() {
        let weights = [
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 4.0,
            1.0,
            1.0 + f64::EPSILON,
            2.5,
            12.75,
            f64::MAX,
            f64::INFINITY,
            -1.0,
        ];
        let hashes = [0, 1, 2, u64::MAX / 2, u64::MAX - 1, u64::MAX];
        let term = StoryTerm {
            hash: 0,
            frequency: 1.0,
            background_share: 0.5,
        };
        for (&a_weight, &b_weight) in weights
            .iter()
            .flat_map(|a| weights.iter().map(move |b| (a, b)))
        {
            for &a_hash in &hashes {
                for &b_hash in &hashes {
                    assert_eq!(
                        rank_of(a_weight, a_hash).cmp(&rank_of(b_weight, b_hash)),
                        heavier(&(a_weight, a_hash, term), &(b_weight, b_hash, term)),
                        "{a_weight} {a_hash} {b_weight} {b_hash}"
                    );
                }
            }
        }
    }

    #[test]
    fn terms_sharing_a_hash_keep_the_heaviest_of_them() {
        // Hashes of 32 bits can collide: of the kept terms that share one, the heaviest
        // (the lowest rank) stands for them all, in the order of the hashes.
        let mut numbers = crate::text::test_numbers::TestNumbers::new(0x9E37_79B9_7F4A_7C15);
        for length in [1usize, 2, 7, 48, 49, 130] {
            let ranks: Vec<Rank> = (0..length as u64)
                .map(|index| (numbers.below(11), index))
                .collect();
            let hash_of = |rank: Rank| (rank.1 % 5) as u32 * 1000;
            let mut heaviest = HeaviestTerms::new();
            for &rank in &ranks {
                let term = StoryTerm {
                    hash: hash_of(rank),
                    // Which rank the term was offered with.
                    frequency: rank.1 as f32,
                    background_share: 0.5,
                };
                heaviest.offer(rank, term);
            }
            let mut expected = ranks.clone();
            expected.sort_unstable();
            expected.truncate(MAX_TERMS);
            let mut best: Vec<(u32, Rank)> = Vec::new();
            for &rank in &expected {
                let hash = hash_of(rank);
                match best.iter_mut().find(|(h, _)| *h == hash) {
                    Some((_, kept)) if rank < *kept => *kept = rank,
                    Some(_) => {}
                    None => best.push((hash, rank)),
                }
            }
            best.sort_unstable();
            let expected: Vec<(u32, f32)> = best
                .iter()
                .map(|&(hash, rank)| (hash, rank.1 as f32))
                .collect();
            let kept: Vec<(u32, f32)> = heaviest
                .by_hash()
                .iter()
                .map(|term| (term.hash, term.frequency))
                .collect();
            assert_eq!(kept, expected, "{length}");
        }
    }

    #[test]
    fn the_heaviest_kept_are_the_first_ranks_offered() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for length in 0..300 {
            // Ranks offered in order, in reverse, and shuffled with many equal weights.
            for layout in 0..3 {
                let ranks: Vec<Rank> = (0..length as u64)
                    .map(|index| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        match layout {
                            0 => (index / 3, index),
                            1 => (u64::MAX - index / 3, index),
                            _ => (state % 5, index),
                        }
                    })
                    .collect();
                let mut heaviest = HeaviestTerms::new();
                for &rank in &ranks {
                    // A term's hash tells which rank it was offered with.
                    let term = StoryTerm {
                        hash: rank.1 as u32,
                        frequency: 1.0,
                        background_share: 0.5,
                    };
                    let could = !heaviest.cannot_take(rank);
                    heaviest.offer(rank, term);
                    let kept = heaviest.kept.iter().any(|&(r, _)| r == rank);
                    assert!(
                        could || !kept,
                        "{length} {layout}: a term past the bar kept"
                    );
                    assert!(
                        !could || kept,
                        "{length} {layout}: a term within the bar dropped"
                    );
                }
                let mut expected = ranks.clone();
                expected.sort_unstable();
                expected.truncate(MAX_TERMS);
                let mut hashes: Vec<u32> = expected.iter().map(|&(_, h)| h as u32).collect();
                hashes.sort_unstable();
                let kept: Vec<u32> = heaviest.by_hash().iter().map(|term| term.hash).collect();
                assert_eq!(kept, hashes, "{length} {layout}");
            }
        }
    }

    #[test]
    fn the_kept_terms_are_the_heaviest_of_them_all() {
        // Many terms of equal weight (each once, unlisted) and a few repeated ones, in
        // lead and later paragraphs: the ties at the cut are decided as a sort decides them.
        for words in [10, 47, 48, 49, 300, 2000] {
            let mut paragraphs = Vec::new();
            for paragraph in 0..6 {
                // Unlisted words once and five times, and listed words of several bands
                // (lighter than any unlisted word at the same count, heavier when repeated).
                let line: Vec<String> = (0..words / 6 + 1)
                    .map(|i| {
                        let listed = ["people", "earthquake", "council", "harbour"][i % 4];
                        format!("term{} quarry{} {listed}", i * 7 + paragraph, i % 5)
                    })
                    .collect();
                paragraphs.push(line.join(" "));
            }
            let article = article("Quarry term0 dispute", None, &paragraphs.join("\n\n"));
            let summary = summarise(&article);
            assert_eq!(
                &*summary.terms,
                terms_by_sorting_them_all(&article),
                "{words}"
            );
        }
    }

    #[test]
    fn the_dates_are_those_of_the_title_and_the_bodys_first_bytes() {
        // Dates just before, across and after the end of the dates' text, wherever that end
        // falls in their words.
        let dates = " Café on March 3 2024 and 2024-03-05, May 4, Tuesday, yesterday; in June.";
        let lead = "Said on 04/02/2024.\n\n";
        for shift in 0..=dates.len() {
            let filler = "x".repeat(DATES_TEXT_BYTES - lead.len() - dates.len() + shift);
            let body = format!("{lead}{filler}{dates}{dates}");
            let article = article("Flood on March 1", Some("2024-03-06"), &body);
            let summary = summarise(&article);
            let cut = floor_char_boundary(&body, DATES_TEXT_BYTES);
            let text = format!("Flood on March 1\n\n{}", &body[..cut]);
            let expected = spoken_dates(&text, parse_iso_day("2024-03-06"));
            assert_eq!(&*summary.spans, expected.spans.as_slice(), "{shift}");
            assert_eq!(
                &*summary.calendar_days,
                expected.calendar_days.as_slice(),
                "{shift}"
            );
        }
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
