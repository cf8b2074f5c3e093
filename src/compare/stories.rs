//! Story groups: which articles report the same news event.
//!
//! The work is a chain of separate steps, each of which could run on another machine:
//!
//! 1. per article, a [`StorySummary`] (`story_summary.rs`): its most distinctive terms and the
//!    dates it speaks of;
//! 2. over the batch, [`DocumentFrequencies`]: in how many summaries each term stands;
//! 3. per article, a [`StoryVector`] (tf-idf, unit length) and its [`candidate_keys`];
//! 4. per candidate pair (articles sharing a key), [`similarity`]: the cosine of the two
//!    vectors, lowered when the two articles speak of different days;
//! 5. from the scored pairs alone, [`average_linkage`] cut at [`JOIN_THRESHOLD`].
//!
//! Term weights mix two views of how common a term is. English at large (the
//! [`background`](super::background) frequencies) says "said" and "people" are everywhere and
//! "earthquake" or a name is not, which holds even for a batch of five articles; the batch's
//! own counts say what this batch repeats (a name every article names, an outlet's footer),
//! and take over as the batch grows. The dates tell two events of the same kind apart (two
//! summits of the same leaders a month apart) and let reports of one event written days apart
//! meet. Average linkage joins a group only while its members are, on average, close to the
//! newcomer, so one article touching two events cannot chain them.
//!
//! Candidates come from an inverted index of each article's heaviest terms with short
//! posting lists, so the work grows with the number of articles, not its square.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::duplicates::IndexPair;
use super::linkage::{average_linkage, Edge};
use super::story_summary::StorySummary;
use crate::text::relative_dates::{CalendarDay, DaySpan};
use crate::text::Prehashed;

/// Smallest average similarity at which two groups are joined. Chosen on the two dev story
/// sets (news from many outlets, 2004–2019), where a sweep from 0.10 to 0.30 has a flat top
/// from 0.18 to 0.22 on both: between the cosines of two reports of one event in different
/// words (mostly 0.2–0.5) and those of two events of the same kind (mostly below 0.2 once
/// their dates disagree).
pub const JOIN_THRESHOLD: f64 = 0.2;

/// Documents the background frequencies count as, against the batch's own counts: a term's
/// document frequency is estimated as (batch count + this × background share) / (batch
/// size + this). Small batches are then weighed by English at large; a batch's own habits
/// (a name in every article, an outlet's footer) take over once a term is far more frequent
/// in the batch than the background expects of this many articles.
const BACKGROUND_DOCUMENTS: f64 = 100_000.0;

/// Heaviest terms per article looked up in the inverted index to find candidate articles.
const INDEX_TERMS: usize = 16;

/// Terms in more articles than this are not looked up: they no longer tell events apart, and
/// their lists would make the search quadratic.
const MAX_POSTING: usize = 200;

/// Spread of the time kernel, in days (Miranda et al. 2018 use a Gaussian of 3 days on
/// timestamps): reports of one event a day or two apart agree, a week apart hardly.
const TIME_SIGMA_DAYS: f64 = 3.0;

/// What is left of the similarity of two articles whose dates all disagree: dates are strong
/// evidence of different events, but not proof (a follow-up names the trial's day, not the
/// crime's).
const DATE_CONFLICT_FLOOR: f64 = 0.5;

/// Days in a year without its leap day, for comparing days of the year whose year is unknown.
const DAYS_IN_YEAR: i32 = 365;

/// Step 2: in how many of the batch's summaries each term stands.
#[derive(Debug, Clone, Default)]
pub struct DocumentFrequencies {
    counts: HashMap<u32, u32, Prehashed>,
    documents: usize,
}

impl DocumentFrequencies {
    /// Counts the terms of every summary. Counts from parts of a batch add up
    /// ([`DocumentFrequencies::merge`]).
    pub fn count<'a>(summaries: impl IntoIterator<Item = &'a StorySummary>) -> Self {
        let mut frequencies = DocumentFrequencies::default();
        for summary in summaries {
            frequencies.documents += 1;
            for term in summary.terms.iter() {
                *frequencies.counts.entry(term.hash).or_default() += 1;
            }
        }
        frequencies
    }

    /// Adds the counts of another part of the batch.
    pub fn merge(&mut self, other: &DocumentFrequencies) {
        self.documents += other.documents;
        for (&term, &count) in &other.counts {
            *self.counts.entry(term).or_default() += count;
        }
    }

    /// Summaries holding the term.
    pub fn of(&self, term: u32) -> u32 {
        self.counts.get(&term).copied().unwrap_or(0)
    }

    /// Inverse document frequency of a term with this background share: the batch's count
    /// and the background's, pooled.
    fn inverse(&self, term: u32, background_share: f32) -> f64 {
        let batch = self.documents as f64;
        if let Some(k) = std::env::var("STORY_MAXK").ok().and_then(|v| v.parse::<f64>().ok()) {
            let share = (f64::from(self.of(term)) / (batch + k)).max(f64::from(background_share));
            return -share.ln();
        }
        let expected = f64::from(self.of(term)) + BACKGROUND_DOCUMENTS * f64::from(background_share);
        ((batch + BACKGROUND_DOCUMENTS) / expected.max(f64::MIN_POSITIVE)).ln().max(0.0)
    }
}

/// Step 3: an article's terms with what weighing them needs: how much the article uses each,
/// how common it is in English and in how many articles of the batch it stands. Sorted by
/// term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryVector {
    terms: Vec<VectorTerm>,
    /// Articles in the batch.
    documents: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct VectorTerm {
    hash: u32,
    frequency: f32,
    background_share: f32,
    batch_count: u32,
}

impl StoryVector {
    /// The vector of one summary against the batch's counts.
    pub fn weigh(summary: &StorySummary, frequencies: &DocumentFrequencies) -> StoryVector {
        StoryVector {
            terms: summary
                .terms
                .iter()
                .map(|term| VectorTerm {
                    hash: term.hash,
                    frequency: term.frequency,
                    background_share: term.background_share,
                    batch_count: frequencies.of(term.hash),
                })
                .collect(),
            documents: frequencies.documents,
        }
    }

    /// The weight of a term in a pair's comparison: tf times idf, where the term's share of
    /// articles is the larger of its background share and its share among the batch's other
    /// articles (the two compared left out: that they share a term is what is being
    /// measured, not evidence that the term is common).
    fn weight(&self, term: &VectorTerm, in_both: bool) -> f64 {
        let lpo = std::env::var("STORY_LPO").is_ok();
        let others = if lpo { self.documents.saturating_sub(2) } else { self.documents } as f64;
        let count = if lpo { term.batch_count.saturating_sub(1 + u32::from(in_both)) } else { term.batch_count };
        let k = std::env::var("STORY_MAXK").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(30.0);
        let share = (f64::from(count) / (others + k)).max(f64::from(term.background_share));
        f64::from(term.frequency) * -share.ln()
    }

    /// How alike two articles' terms are: the cosine of their weighted vectors.
    pub fn closeness(&self, other: &StoryVector) -> f64 {
        let (a, b) = (&self.terms, &other.terms);
        let (mut i, mut j) = (0, 0);
        let (mut dot, mut norm_a, mut norm_b) = (0.0f64, 0.0f64, 0.0f64);
        while i < a.len() || j < b.len() {
            let order = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) => x.hash.cmp(&y.hash),
                (Some(_), None) => Ordering::Less,
                _ => Ordering::Greater,
            };
            match order {
                Ordering::Less => {
                    norm_a += self.weight(&a[i], false).powi(2);
                    i += 1;
                }
                Ordering::Greater => {
                    norm_b += other.weight(&b[j], false).powi(2);
                    j += 1;
                }
                Ordering::Equal => {
                    let (x, y) = (self.weight(&a[i], true), other.weight(&b[j], true));
                    dot += x * y;
                    norm_a += x * x;
                    norm_b += y * y;
                    i += 1;
                    j += 1;
                }
            }
        }
        if norm_a <= 0.0 || norm_b <= 0.0 {
            return 0.0;
        }
        (dot / (norm_a.sqrt() * norm_b.sqrt())).clamp(0.0, 1.0)
    }
}

fn floor() -> f64 {
    std::env::var("STORY_FLOOR").ok().and_then(|v| v.parse().ok()).unwrap_or(DATE_CONFLICT_FLOOR)
}

fn name_scale() -> f32 {
    std::env::var("STORY_NAMES").ok().and_then(|v| v.parse().ok()).unwrap_or(1.0)
}

fn mix() -> u32 {
    std::env::var("STORY_MIX").ok().and_then(|v| v.parse().ok()).unwrap_or(1)
}

/// Scales weights to unit length.
fn normalise(terms: &mut [(u32, f32)]) {
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, weight) in terms {
            *weight /= norm;
        }
    }
}

/// Cosine of two unit vectors sorted by term.
fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
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
    sum.clamp(0.0, 1.0)
}

/// Step 3: the terms under which an article is filed in the inverted index (the shuffle keys
/// of a distributed run): its heaviest terms that at least one other article holds and not
/// too many do.
pub fn candidate_keys(vector: &StoryVector, _frequencies: &DocumentFrequencies) -> Vec<u32> {
    let mut keys: Vec<(u32, f64)> = vector
        .terms
        .iter()
        .filter(|term| (2..=MAX_POSTING).contains(&(term.batch_count as usize)))
        .map(|term| (term.hash, vector.weight(term, false)))
        .collect();
    keys.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    keys.truncate(INDEX_TERMS);
    keys.into_iter().map(|(term, _)| term).collect()
}

/// Pairs of articles (by index, smaller first, sorted, without repeats) that share a key.
pub fn candidate_pairs(keys: &[Vec<u32>]) -> Vec<(usize, usize)> {
    let mut postings: HashMap<u32, Vec<u32>, Prehashed> = HashMap::default();
    for (index, terms) in keys.iter().enumerate() {
        for &term in terms {
            postings.entry(term).or_default().push(index as u32);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (index, terms) in keys.iter().enumerate() {
        for term in terms {
            for &other in &postings[term] {
                if (other as usize) > index {
                    pairs.push((index, other as usize));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Step 4: how alike two articles' stories are, 0..=1: the cosine of their vectors, lowered
/// when both speak of days and none of them near each other.
pub fn similarity(
    a: (&StorySummary, &StoryVector),
    b: (&StorySummary, &StoryVector),
) -> f64 {
    let cosine = a.1.closeness(b.1);
    match time_agreement(a.0, b.0) {
        Some(agreement) => {
            let floor = if a.0.published.is_some() && b.0.published.is_some() {
                std::env::var("STORY_STRONG").ok().and_then(|v| v.parse().ok()).unwrap_or(floor())
            } else {
                floor()
            };
            cosine * (floor + (1.0 - floor) * agreement)
        }
        None => cosine,
    }
}

/// How well the dates of two articles agree, 0..=1 (the Gaussian of the smallest gap between
/// a day of one and a day of the other), or None when they cannot be compared. Days placed on
/// the calendar are compared when both have some; otherwise days of the year.
fn time_agreement(a: &StorySummary, b: &StorySummary) -> Option<f64> {
    let gap = if !a.spans.is_empty() && !b.spans.is_empty() {
        smallest_span_gap(&a.spans, &b.spans)
    } else if std::env::var("STORY_NOCAL").is_err() && !a.calendar_days.is_empty() && !b.calendar_days.is_empty() {
        smallest_calendar_gap(&a.calendar_days, &b.calendar_days)
    } else {
        return None;
    };
    let gap = f64::from(gap);
    Some((-(gap * gap) / (2.0 * TIME_SIGMA_DAYS * TIME_SIGMA_DAYS)).exp())
}

fn smallest_span_gap(a: &[DaySpan], b: &[DaySpan]) -> u32 {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| x.gap(y)))
        .min()
        .unwrap_or(u32::MAX)
}

fn smallest_calendar_gap(a: &[CalendarDay], b: &[CalendarDay]) -> u32 {
    let day_of_year = |day: CalendarDay| {
        let (month, day) = (i32::from(day / 32), i32::from(day % 32));
        // Days before each month in a year without 29 February.
        const BEFORE: [i32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        BEFORE[(month.clamp(1, 12) - 1) as usize] + day
    };
    a.iter()
        .flat_map(|&x| {
            b.iter().map(move |&y| {
                let apart = (day_of_year(x) - day_of_year(y)).rem_euclid(DAYS_IN_YEAR);
                apart.min(DAYS_IN_YEAR - apart) as u32
            })
        })
        .min()
        .unwrap_or(u32::MAX)
}

/// Groups articles (given by their summaries, in id order) into stories: every article in
/// exactly one group, groups sorted, listed by their first member. Duplicate pairs are
/// always in the same story.
pub fn group(summaries: &[&StorySummary], duplicates: &[IndexPair]) -> Vec<Vec<usize>> {
    let frequencies = DocumentFrequencies::count(summaries.iter().copied());
    let vectors: Vec<StoryVector> = summaries
        .iter()
        .map(|summary| StoryVector::weigh(summary, &frequencies))
        .collect();
    let keys: Vec<Vec<u32>> = vectors
        .iter()
        .map(|vector| candidate_keys(vector, &frequencies))
        .collect();
    let mut edges: Vec<Edge> = candidate_pairs(&keys)
        .into_iter()
        .filter_map(|(a, b)| {
            let similarity = similarity((summaries[a], &vectors[a]), (summaries[b], &vectors[b]));
            if std::env::var("STORY_DEBUG").is_ok() {
                eprintln!("{a} {b} cos {:.3} time {:?} sim {similarity:.3}", vectors[a].closeness(&vectors[b]), time_agreement(summaries[a], summaries[b]));
            }
            (similarity > 0.0).then_some(Edge { a, b, similarity })
        })
        .collect();
    // Copies of one text are one story whatever their terms say.
    edges.extend(duplicates.iter().map(|pair| Edge {
        a: pair.a,
        b: pair.b,
        similarity: 1.0,
    }));
    average_linkage(summaries.len(), &edges, join_threshold())
}

fn join_threshold() -> f64 {
    std::env::var("STORY_CUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(JOIN_THRESHOLD)
}
