//! Quote groups: the same statement quoted in several articles, also in other words (two
//! translations of one remark, a longer and a shorter excerpt).
//!
//! Two quotes are the same statement when their speakers are the same person (same
//! surname, and no different first names) and they share enough content words: at least
//! [`MIN_SHARED_WORDS`], and at least [`MIN_SHARED_SHARE`] of the shorter quote's. Words
//! are compared by their first letters ([`STEM_CHARS`]) so that "accept" and "accepted",
//! "divide" and "division" meet. Quotes without a speaker are never grouped: nothing would
//! show they come from the same person.
//!
//! Only quotes filed under the same speaker and content word are compared (an inverted
//! index), so the work grows with the number of quotes, not its square.

use std::collections::HashMap;

use crate::lexicon::lexicon;
use crate::report::Quote;
use crate::text::{hashed_words, lowercase_into, word_hash, Prehashed};

/// Characters of a word compared (a crude stem that needs no language rules).
const STEM_CHARS: usize = 5;
/// Fewest content words two quotes of one statement share.
const MIN_SHARED_WORDS: usize = 2;
/// Smallest share of the shorter quote's content words found in the other.
const MIN_SHARED_SHARE: f64 = 0.5;
/// Quotes filed under one speaker and word beyond this many are not compared through that
/// word (it is a word this speaker always uses), which keeps the search linear.
const MAX_POSTING: usize = 500;

/// What quote grouping keeps of one attributed quote.
#[derive(Debug, Clone)]
pub struct QuoteSummary {
    /// Index in the article's `quotes`.
    index: usize,
    /// Hash of the speaker's last name word.
    surname: u64,
    /// Hash of the speaker's first word when the name has several, else 0.
    first_name: u64,
    /// Stems of the quote's content words, sorted, without repeats.
    stems: Vec<u64>,
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
            (!stems.is_empty()).then_some(QuoteSummary {
                index,
                surname,
                first_name,
                stems,
            })
        })
        .collect()
}

fn content_stems(text: &str) -> Vec<u64> {
    let stopwords = &lexicon().stopwords;
    let mut buffer = String::new();
    let mut stems: Vec<u64> = hashed_words(text)
        .filter(|word| !stopwords.contains(&word.hash))
        .filter(|word| {
            word.text.chars().count() >= 3 || word.text.bytes().any(|b| b.is_ascii_digit())
        })
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

fn same_statement(a: &QuoteSummary, b: &QuoteSummary) -> bool {
    if !same_speaker(a, b) {
        return false;
    }
    let shared = a
        .stems
        .iter()
        .filter(|stem| b.stems.binary_search(stem).is_ok())
        .count();
    let shorter = a.stems.len().min(b.stems.len());
    shared >= MIN_SHARED_WORDS.min(shorter) && shared as f64 >= MIN_SHARED_SHARE * shorter as f64
}

/// Groups the quotes of articles (in id order) into statements quoted by two or more
/// articles. Each group lists (article position, quote index), sorted; groups are listed by
/// their first member.
pub fn group(articles: &[&[QuoteSummary]]) -> Vec<Vec<(usize, usize)>> {
    // Every groupable quote, numbered.
    let quotes: Vec<(usize, &QuoteSummary)> = articles
        .iter()
        .enumerate()
        .flat_map(|(article, quotes)| quotes.iter().map(move |quote| (article, quote)))
        .collect();
    let mut postings: HashMap<u64, Vec<u32>, Prehashed> = HashMap::default();
    for (number, (_, quote)) in quotes.iter().enumerate() {
        for stem in &quote.stems {
            let key = stem ^ quote.surname.rotate_left(17);
            postings.entry(key).or_default().push(number as u32);
        }
    }
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    // The first name each group's speaker goes by (0 while only the surname is known), so
    // that "Merkel" cannot join "Angela Merkel" and "Horst Merkel" into one group.
    let mut first_names: Vec<u64> = quotes.iter().map(|(_, q)| q.first_name).collect();
    let mut compared: Vec<u32> = Vec::new();
    for (number, (article, quote)) in quotes.iter().enumerate() {
        compared.clear();
        for stem in &quote.stems {
            let posting = &postings[&(stem ^ quote.surname.rotate_left(17))];
            if posting.len() > MAX_POSTING {
                continue;
            }
            compared.extend(posting.iter().filter(|&&other| other as usize > number));
        }
        compared.sort_unstable();
        compared.dedup();
        for &other in &compared {
            let (other_article, other_quote) = quotes[other as usize];
            if other_article != *article && same_statement(quote, other_quote) {
                join(&mut parent, &mut first_names, number, other as usize);
            }
        }
    }
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for number in 0..quotes.len() {
        let root = find(&mut parent, number);
        components.entry(root).or_default().push(number);
    }
    let mut groups: Vec<Vec<(usize, usize)>> = components
        .into_values()
        .filter(|members| members.iter().any(|&m| quotes[m].0 != quotes[members[0]].0))
        .map(|members| {
            let mut group: Vec<(usize, usize)> = members
                .into_iter()
                .map(|m| (quotes[m].0, quotes[m].1.index))
                .collect();
            group.sort_unstable();
            group
        })
        .collect();
    groups.sort_unstable();
    groups
}

fn find(parent: &mut [usize], mut item: usize) -> usize {
    while parent[item] != item {
        parent[item] = parent[parent[item]];
        item = parent[item];
    }
    item
}

/// Joins the groups of quotes `a` and `b` unless their speakers' first names differ.
fn join(parent: &mut [usize], first_names: &mut [u64], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    let (x, y) = (first_names[a], first_names[b]);
    if a == b || (x != 0 && y != 0 && x != y) {
        return;
    }
    let (root, child) = (a.min(b), a.max(b));
    parent[child] = root;
    first_names[root] = x.max(y);
}
