//! Story groups: which articles report the same news event.
//!
//! Each article is described by its terms (content words, names, numbers and the calendar
//! days it mentions), weighted by how often the article uses them and by how rare they are
//! in the whole batch (tf-idf), so that the names every article of a batch shares count
//! little and what sets one event apart (a place, a figure, a date) counts much. Articles
//! whose term vectors are close (cosine) are joined by average linkage: a group only grows
//! while its members are, on average, close to the newcomer, so one article mentioning two
//! events cannot chain them together. Two articles naming different days and no common
//! one are taken for different events unless the rest of their terms agree strongly.
//!
//! Candidates come from an inverted index of each article's most distinctive terms (very
//! common terms are left out of the index), so the work grows with the number of articles,
//! not its square.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::duplicates::IndexPair;
use crate::report::Article;
use crate::text::dates::{day_number, month_number};
use crate::text::is_content_word;
use crate::text::{hashed_words, is_capitalized, lowercase_into, word_hash, Prehashed};

/// Most terms kept per article (the most frequent ones, weighted).
const MAX_TERMS: usize = 200;
/// Terms per article looked up in the inverted index to find candidate articles.
const INDEX_TERMS: usize = 12;
/// Terms in more articles than this are not looked up: they no longer tell events apart,
/// and their lists would make the search quadratic.
const MAX_POSTING: usize = 200;
/// Smallest average similarity at which two groups are joined.
const JOIN_THRESHOLD: f64 = 0.22;
/// Factor applied to the similarity of two articles that name different calendar days and
/// no common one.
const DATE_CONFLICT_FACTOR: f64 = 0.5;
/// Weight of a title word relative to a body word (a headline sums up the event).
const TITLE_WEIGHT: f32 = 2.0;
/// Weight of a name (a capitalised word inside a sentence), a number or a calendar day
/// relative to another content word.
const SPECIFIC_WEIGHT: f32 = 1.5;

/// What tells one article's event apart: weighted terms and the calendar days it names.
#[derive(Debug, Clone, Default)]
pub struct StoryFeatures {
    /// (term hash, weight before idf), sorted by term hash.
    terms: Vec<(u64, f32)>,
    /// Calendar days mentioned (month * 32 + day), sorted, without repeats.
    days: Vec<u16>,
}

/// The story features of an analysed article: its title and cleaned body.
pub fn features(article: &Article) -> StoryFeatures {
    let mut counts: HashMap<u64, f32, Prehashed> = HashMap::default();
    let mut days = Vec::new();
    if let Some(title) = &article.title {
        collect_terms(title, TITLE_WEIGHT, &mut counts, &mut days);
    }
    collect_terms(&article.text, 1.0, &mut counts, &mut days);
    let mut terms: Vec<(u64, f32)> = counts
        .into_iter()
        .map(|(term, count)| (term, 1.0 + count.ln().max(0.0)))
        .collect();
    if terms.len() > MAX_TERMS {
        keep_heaviest(&mut terms, MAX_TERMS);
    }
    terms.sort_unstable_by_key(|&(term, _)| term);
    days.sort_unstable();
    days.dedup();
    StoryFeatures { terms, days }
}

fn collect_terms(
    text: &str,
    weight: f32,
    counts: &mut HashMap<u64, f32, Prehashed>,
    days: &mut Vec<u16>,
) {
    let mut buffer = String::new();
    let mut previous_day: Option<u32> = None;
    let mut previous_month: Option<u32> = None;
    for word in hashed_words(text) {
        let lower = lowercase_into(word.text, &mut buffer);
        let day = day_number(lower);
        let month = month_number(lower).filter(|_| lower.len() >= 3);
        // "March 3" or "3 March": a calendar day, a strong sign of which event is meant.
        let calendar_day = match (previous_month, day, previous_day, month) {
            (Some(m), Some(d), _, _) | (_, _, Some(d), Some(m)) => Some((m * 32 + d) as u16),
            _ => None,
        };
        if let Some(calendar_day) = calendar_day {
            days.push(calendar_day);
            *counts
                .entry(word_hash("\u{1}day") ^ u64::from(calendar_day))
                .or_default() += weight * SPECIFIC_WEIGHT;
        }
        previous_day = day;
        previous_month = month;
        if !is_content_word(&word) {
            continue;
        }
        let has_digit = word.text.bytes().any(|b| b.is_ascii_digit());
        let specific =
            has_digit || (is_capitalized(word.text) && !starts_sentence(text, word.text));
        let term_weight = if specific {
            weight * SPECIFIC_WEIGHT
        } else {
            weight
        };
        *counts.entry(word.hash).or_default() += term_weight;
    }
}

/// Keeps the `count` heaviest terms, heaviest first (ties by term, so the choice is
/// deterministic).
fn keep_heaviest(terms: &mut Vec<(u64, f32)>, count: usize) {
    terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(count);
}

/// Whether `word` (a slice of `text`) stands at the start of a sentence, where a capital
/// letter says nothing about being a name.
fn starts_sentence(text: &str, word: &str) -> bool {
    let offset = word.as_ptr() as usize - text.as_ptr() as usize;
    let before = text[..offset].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '*' | '-')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '…', '\n'])
}

/// A term vector weighted against the batch: (term, tf * idf), normalised to length 1.
struct Vector {
    terms: Vec<(u64, f32)>,
}

impl Vector {
    fn dot(&self, other: &Vector) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
        let (a, b) = (&self.terms, &other.terms);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    sum += f64::from(a[i].1) * f64::from(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

/// Groups articles (given by their features, in id order) into stories: every article in
/// exactly one group, groups sorted, listed by their first member. Duplicate pairs are
/// always in the same story.
pub fn group(articles: &[&StoryFeatures], duplicates: &[IndexPair]) -> Vec<Vec<usize>> {
    let count = articles.len();
    let mut document_frequency: HashMap<u64, u32, Prehashed> = HashMap::default();
    for article in articles {
        for &(term, _) in &article.terms {
            *document_frequency.entry(term).or_default() += 1;
        }
    }
    let vectors: Vec<Vector> = articles
        .iter()
        .map(|article| weigh(article, &document_frequency, count))
        .collect();

    // Candidate pairs: articles sharing one of their most distinctive terms.
    let mut postings: HashMap<u64, Vec<u32>, Prehashed> = HashMap::default();
    let index_terms: Vec<Vec<u64>> = vectors
        .iter()
        .map(|vector| {
            let mut shared: Vec<(u64, f32)> = vector
                .terms
                .iter()
                .copied()
                .filter(|(term, _)| {
                    let df = document_frequency[term] as usize;
                    (2..=MAX_POSTING).contains(&df)
                })
                .collect();
            keep_heaviest(&mut shared, INDEX_TERMS);
            shared.into_iter().map(|(term, _)| term).collect()
        })
        .collect();
    for (index, terms) in index_terms.iter().enumerate() {
        for term in terms {
            postings.entry(*term).or_default().push(index as u32);
        }
    }
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    for (index, terms) in index_terms.iter().enumerate() {
        for term in terms {
            for &other in &postings[term] {
                if (other as usize) > index {
                    candidates.push((index as u32, other));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    let mut edges: Vec<(usize, usize, f64)> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let mut similarity = vectors[a].dot(&vectors[b]);
            if days_conflict(&articles[a].days, &articles[b].days) {
                similarity *= DATE_CONFLICT_FACTOR;
            }
            (similarity > 0.0).then_some((a, b, similarity))
        })
        .collect();
    // Copies of one text are one story whatever their terms say.
    edges.extend(duplicates.iter().map(|pair| (pair.a, pair.b, 1.0)));
    average_linkage(count, &edges, JOIN_THRESHOLD)
}

fn weigh(
    article: &StoryFeatures,
    document_frequency: &HashMap<u64, u32, Prehashed>,
    count: usize,
) -> Vector {
    let mut terms: Vec<(u64, f32)> = article
        .terms
        .iter()
        .map(|&(term, tf)| {
            let df = document_frequency[&term] as f32;
            (term, tf * (1.0 + count as f32 / df).ln())
        })
        .collect();
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, weight) in &mut terms {
            *weight /= norm;
        }
    }
    Vector { terms }
}

/// Whether both articles name calendar days and none in common.
fn days_conflict(a: &[u16], b: &[u16]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|day| b.binary_search(day).is_ok())
}

/// A candidate merge in the average-linkage queue.
#[derive(Debug, PartialEq)]
struct Merge {
    similarity: f64,
    a: usize,
    b: usize,
    versions: (u32, u32),
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> Ordering {
        self.similarity
            .total_cmp(&other.similarity)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-linkage clustering of `count` items over a sparse similarity graph: repeatedly
/// joins the two groups with the highest mean pairwise similarity (pairs without an edge
/// count 0) while it is at least `threshold`. Ties go to the groups with the smallest
/// members, so the result is deterministic.
fn average_linkage(count: usize, edges: &[(usize, usize, f64)], threshold: f64) -> Vec<Vec<usize>> {
    // Each group is named by its smallest member; `links[g]` sums edge similarities to
    // each neighbouring group.
    let mut members: Vec<Vec<usize>> = (0..count).map(|i| vec![i]).collect();
    let mut links: Vec<HashMap<usize, f64>> = vec![HashMap::new(); count];
    let mut versions = vec![0u32; count];
    let mut alive = vec![true; count];
    for &(a, b, similarity) in edges {
        *links[a].entry(b).or_default() += similarity;
        *links[b].entry(a).or_default() += similarity;
    }
    let mut queue = BinaryHeap::new();
    let mean = |sum: f64, a: usize, b: usize, members: &[Vec<usize>]| {
        sum / (members[a].len() * members[b].len()) as f64
    };
    for (a, neighbours) in links.iter().enumerate() {
        for (&b, &sum) in neighbours {
            if a < b {
                let similarity = mean(sum, a, b, &members);
                if similarity >= threshold {
                    queue.push(Merge {
                        similarity,
                        a,
                        b,
                        versions: (0, 0),
                    });
                }
            }
        }
    }
    while let Some(merge) = queue.pop() {
        let (a, b) = (merge.a, merge.b);
        if !alive[a] || !alive[b] || merge.versions != (versions[a], versions[b]) {
            continue;
        }
        // Join b into a (a is the smaller name, so names stay the smallest member).
        alive[b] = false;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        let b_links = std::mem::take(&mut links[b]);
        links[a].remove(&b);
        for (neighbour, sum) in b_links {
            if neighbour == a {
                continue;
            }
            *links[a].entry(neighbour).or_default() += sum;
            let back = links[neighbour].remove(&b).unwrap_or(0.0);
            *links[neighbour].entry(a).or_default() += back;
        }
        versions[a] += 1;
        let mut neighbours: Vec<(usize, f64)> = links[a].iter().map(|(&n, &s)| (n, s)).collect();
        neighbours.sort_unstable_by_key(|&(n, _)| n);
        for (neighbour, sum) in neighbours {
            let similarity = mean(sum, a, neighbour, &members);
            if similarity >= threshold {
                let (x, y) = (a.min(neighbour), a.max(neighbour));
                queue.push(Merge {
                    similarity,
                    a: x,
                    b: y,
                    versions: (versions[x], versions[y]),
                });
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(mut group, _)| {
            group.sort_unstable();
            group
        })
        .collect();
    groups.sort_unstable_by_key(|group| group[0]);
    groups
}
