//! Quote groups: the same statement quoted in several articles, also in other words (two
//! translations of one remark, a longer and a shorter excerpt).
//!
//! Two quotes are the same statement when their speakers are the same person (same
//! surname, and no different first names, so "Merkel" matches "Angela Merkel") and they share enough content words: at least
//! [`MIN_SHARED_WORDS`], and at least [`MIN_SHARED_SHARE`] of the shorter quote's. Words
//! are compared by their first letters ([`STEM_CHARS`]) so that "accept" and "accepted",
//! "divide" and "division" meet. Quotes without a speaker are never grouped: nothing would
//! show they come from the same person.
//!
//! Only quotes filed under the same speaker and content word are compared (an inverted
//! index), so the work grows with the number of quotes, not its square.

use std::collections::HashMap;

use crate::quotes::cue_base;
use crate::report::Quote;
use crate::text::is_content_word;
use crate::text::{hashed_words, lowercase_into, word_hash, Prehashed};

/// Characters of a word compared (a crude stem that needs no language rules).
const STEM_CHARS: usize = 5;
/// Fewest content words two quotes of one statement share (and that a quote needs to be
/// grouped at all: a one-word quote could be anybody's).
const MIN_SHARED_WORDS: usize = 3;
/// Smallest share of the shorter quote's content words found in the other.
const MIN_SHARED_SHARE: f64 = 0.6;
/// Quotes filed under one speaker and word beyond this many are not compared through that
/// word (it is a word this speaker always uses), which keeps the search linear.
const MAX_POSTING: usize = 500;

/// What quote grouping keeps of one attributed quote (and what comparing it with the other
/// quotes of its group needs: see `quote_changes`).
#[derive(Debug, Clone)]
pub struct QuoteSummary {
    /// Index in the article's `quotes`.
    pub index: usize,
    /// Hash of the speaker's last name word.
    surname: u64,
    /// Hash of the speaker's first word when the name has several, else 0.
    first_name: u64,
    /// Stems of the quote's content words, sorted, without repeats.
    stems: Box<[u64]>,
    /// Hashes of all the quote's words in order (lowercase; punctuation left out).
    pub words: Box<[u64]>,
    /// The speaker as the article names them.
    pub speaker: Box<str>,
    /// The reporting verb's base form ("say"), or the cue in lowercase; None without a cue.
    pub cue: Option<Box<str>>,
}

impl QuoteSummary {
    /// Bytes the summary holds on the heap (its stems, words, speaker and cue).
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.stems)
            + std::mem::size_of_val(&*self.words)
            + self.speaker.len()
            + self.cue.as_ref().map_or(0, |cue| cue.len())
    }
}

/// The groupable quotes of one article: those with a speaker and content words.
pub fn summarise(quotes: &[Quote]) -> Vec<QuoteSummary> {
    quotes
        .iter()
        .enumerate()
        .filter_map(|(index, quote)| {
            let speaker = quote.speaker.as_deref()?;
            let names: Vec<u64> = hashed_words(speaker).map(|w| w.hash).collect();
            let surname = *names.last()?;
            let first_name = if names.len() > 1 { names[0] } else { 0 };
            let stems = content_stems(&quote.text);
            (!stems.is_empty()).then(|| QuoteSummary {
                index,
                surname,
                first_name,
                // Kept for the whole batch: exactly as long as it needs to be.
                stems: stems.into_boxed_slice(),
                words: hashed_words(&quote.text).map(|word| word.hash).collect(),
                speaker: speaker.into(),
                cue: quote.cue.as_deref().map(|cue| cue_base(cue).into()),
            })
        })
        .collect()
}

fn content_stems(text: &str) -> Vec<u64> {
    let mut buffer = String::new();
    let mut stems: Vec<u64> = hashed_words(text)
        .filter(is_content_word)
        .map(|word| {
            let lower = lowercase_into(word.text, &mut buffer);
            let end = lower
                .char_indices()
                .nth(STEM_CHARS)
                .map_or(lower.len(), |(i, _)| i);
            word_hash(&lower[..end])
        })
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

fn same_speaker(a: &QuoteSummary, b: &QuoteSummary) -> bool {
    a.surname == b.surname
        && (a.first_name == 0 || b.first_name == 0 || a.first_name == b.first_name)
}

fn same_statement(a: &[u64], b: &[u64], a_quote: &QuoteSummary, b_quote: &QuoteSummary) -> bool {
    if !same_speaker(a_quote, b_quote) {
        return false;
    }
    let shared = a
        .iter()
        .filter(|stem| b.binary_search(stem).is_ok())
        .count();
    let shorter = a.len().min(b.len());
    shared >= MIN_SHARED_WORDS.min(shorter) && shared as f64 >= MIN_SHARED_SHARE * shorter as f64
}

/// Most quotes of a batch a content word may stand in and still count as telling one
/// statement from another: [`COMMON_WORD_SHARE`] of them, but never fewer than this.
const COMMON_WORD_FLOOR: usize = 20;
/// Share of a batch's quotes above which a content word is too common to match quotes
/// ("going", "people", "country" in a campaign's coverage).
const COMMON_WORD_SHARE: f64 = 0.005;

/// Statements quoted by two or more articles.
#[derive(Debug, Default)]
pub struct Grouping {
    /// Each group's quotes as (article position, quote index), sorted; groups listed by
    /// their first member.
    pub groups: Vec<Vec<(usize, usize)>>,
    /// The centre of every group (its longest quote, which every other member matched),
    /// sorted: one member of each group is in it.
    pub centres: Vec<(usize, usize)>,
}

impl Grouping {
    /// Position in `group` of its centre.
    pub fn centre_of(&self, group: &[(usize, usize)]) -> usize {
        group
            .iter()
            .position(|member| self.centres.binary_search(member).is_ok())
            .unwrap_or(0)
    }
}

/// Groups the quotes of articles (in id order) into statements quoted by two or more
/// articles.
///
/// Groups are stars, not chains: quotes are taken longest first, and each joins the group
/// of the first longer quote it matches (the group's centre) or becomes a centre itself. A
/// speaker quoted often cannot chain all their remarks into one group through quotes that
/// each share a few words with the next.
pub fn group(articles: &[&[QuoteSummary]]) -> Grouping {
    // Every groupable quote, numbered, longest (most content words) first.
    let mut quotes: Vec<(usize, &QuoteSummary)> = articles
        .iter()
        .enumerate()
        .flat_map(|(article, quotes)| quotes.iter().map(move |quote| (article, quote)))
        .filter(|(_, quote)| quote.stems.len() >= MIN_SHARED_WORDS)
        .collect();
    quotes.sort_by(|(a_article, a), (b_article, b)| {
        b.stems
            .len()
            .cmp(&a.stems.len())
            .then(a_article.cmp(b_article))
            .then(a.index.cmp(&b.index))
    });
    // Content words common across the batch's quotes do not tell statements apart.
    let mut quote_frequency: HashMap<u64, usize, Prehashed> = HashMap::default();
    for (_, quote) in &quotes {
        for stem in &quote.stems {
            *quote_frequency.entry(*stem).or_default() += 1;
        }
    }
    let common = COMMON_WORD_FLOOR.max((COMMON_WORD_SHARE * quotes.len() as f64) as usize);
    let distinctive: Vec<Vec<u64>> = quotes
        .iter()
        .map(|(_, quote)| {
            quote
                .stems
                .iter()
                .copied()
                .filter(|stem| quote_frequency[stem] <= common)
                .collect()
        })
        .collect();
    let key = |stem: u64, quote: &QuoteSummary| stem ^ quote.surname.rotate_left(17);
    // Centres filed under (speaker, content word).
    let mut centres: HashMap<u64, Vec<u32>, Prehashed> = HashMap::default();
    let mut centre_of: Vec<u32> = Vec::with_capacity(quotes.len());
    let mut candidates: Vec<u32> = Vec::new();
    for (number, (article, quote)) in quotes.iter().enumerate() {
        candidates.clear();
        if distinctive[number].len() < MIN_SHARED_WORDS {
            centre_of.push(number as u32);
            continue;
        }
        for stem in &distinctive[number] {
            if let Some(list) = centres.get(&key(*stem, quote)) {
                if list.len() <= MAX_POSTING {
                    candidates.extend(list);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let joined = candidates.iter().copied().find(|&centre| {
            let (centre_article, centre_quote) = quotes[centre as usize];
            centre_article != *article
                && same_statement(
                    &distinctive[number],
                    &distinctive[centre as usize],
                    quote,
                    centre_quote,
                )
        });
        match joined {
            Some(centre) => centre_of.push(centre),
            None => {
                centre_of.push(number as u32);
                for stem in &distinctive[number] {
                    centres
                        .entry(key(*stem, quote))
                        .or_default()
                        .push(number as u32);
                }
            }
        }
    }
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for (number, centre) in centre_of.iter().enumerate() {
        members.entry(*centre).or_default().push(number);
    }
    let mut centres = Vec::new();
    let mut groups: Vec<Vec<(usize, usize)>> = members
        .into_iter()
        .filter(|(_, members)| members.iter().any(|&m| quotes[m].0 != quotes[members[0]].0))
        .map(|(centre, members)| {
            let (article, quote) = quotes[centre as usize];
            centres.push((article, quote.index));
            let mut group: Vec<(usize, usize)> = members
                .into_iter()
                .map(|m| (quotes[m].0, quotes[m].1.index))
                .collect();
            group.sort_unstable();
            group
        })
        .collect();
    groups.sort_unstable();
    centres.sort_unstable();
    Grouping { groups, centres }
}
