//! Where the article's body is: each paragraph gets a weight (prose for, furniture against,
//! less for prose that shares no words with its neighbours or stands alone between two
//! headlines), the body is the contiguous run with the highest total weight (Kadane), plus
//! further runs that continue its topic, never across a comments heading.

use super::noise::COMMENTER_REASON;
use super::paragraph::{Analysed, Quality};
use crate::report::BlockKind;
use crate::text::{DenseIds, HashMapOfWords};

/// Share of a paragraph's content words that must occur elsewhere in the body for the
/// paragraph to count as continuing the body's topic.
pub const ON_TOPIC_SHARE: f64 = 0.2;

/// Share of its content words a paragraph or run outside the body's main run must share
/// with the body to join it (stricter than [`ON_TOPIC_SHARE`]: it has no position in the
/// body speaking for it).
pub const JOINS_BODY_SHARE: f64 = ON_TOPIC_SHARE * 1.5;

/// Weight of a paragraph in the search for the body's run: prose counts for, furniture
/// against, in proportion to how sure the signal is.
pub fn weight(item: &Analysed, cohesion: f64) -> f64 {
    if let Some(noise) = &item.noise {
        return match noise.kind {
            BlockKind::Related => -3.0,
            BlockKind::Byline | BlockKind::Date | BlockKind::Caption | BlockKind::Credit => -0.5,
            _ => -1.5,
        };
    }
    if item.is_code() {
        return 0.0;
    }
    match item.quality {
        Quality::Good => {
            let length = 1.0 + (item.features.chars.min(800) as f64) / 160.0;
            length * (COHESION_FLOOR + cohesion * COHESION_SLOPE).min(1.0)
        }
        Quality::NearGood => 0.4,
        Quality::Short if item.features.ends_sentence && item.features.words >= 4 => 0.1,
        Quality::Short => -0.3,
        Quality::Bad => -0.8,
    }
}

/// Prose paragraphs on each side whose words count as a paragraph's neighbourhood.
pub const COHESION_NEIGHBOURS: usize = 3;

/// Weight share a prose paragraph keeps when it shares no words with its neighbours.
pub const COHESION_FLOOR: f64 = 0.3;

/// How fast the weight share grows with cohesion: full weight from a cohesion of 0.23.
pub const COHESION_SLOPE: f64 = 3.0;

/// For each paragraph, the share of its distinct content words that also occur in the
/// neighbouring prose paragraphs (up to [`COHESION_NEIGHBOURS`] on each side). An
/// article's paragraphs keep returning to the same names and terms; a list of teasers for
/// unrelated stories does not, so its paragraphs get a low cohesion. Linear time: one
/// sliding window of word counts.
pub fn cohesion(analysed: &[Analysed]) -> Vec<f64> {
    let prose: Vec<usize> = (0..analysed.len())
        .filter(|&i| analysed[i].noise.is_none() && analysed[i].is_prose())
        .collect();
    // Each word of the article gets a dense id once (one hash lookup per word); the window
    // counts and last-seen stamps below are then plain vector slots.
    let total_words = prose
        .iter()
        .map(|&i| analysed[i].tokens.content().len())
        .sum();
    let mut ids = DenseIds::with_room_for(total_words);
    let mut last_seen: Vec<usize> = Vec::with_capacity(total_words);
    // Distinct word ids per paragraph, all in one vector (one allocation per article, not
    // one per paragraph): paragraph `position`'s are `distinct[bounds[position]..bounds[position
    // + 1]]`. A word counts when its stamp is not this paragraph.
    let mut distinct: Vec<u32> = Vec::with_capacity(total_words);
    let mut bounds: Vec<usize> = Vec::with_capacity(prose.len() + 1);
    bounds.push(0);
    for (position, &i) in prose.iter().enumerate() {
        for &word in analysed[i].tokens.content() {
            let (id, new) = ids.id_of(word);
            if new {
                last_seen.push(usize::MAX);
            }
            let stamp = &mut last_seen[id as usize];
            if *stamp != position {
                *stamp = position;
                distinct.push(id);
            }
        }
        bounds.push(distinct.len());
    }
    let distinct = |position: usize| &distinct[bounds[position]..bounds[position + 1]];
    let mut window = vec![0u32; last_seen.len()];
    let mut result = vec![0.0; analysed.len()];
    let (mut low, mut high) = (0, 0); // the window covers the paragraphs low..high
    for (position, &index) in prose.iter().enumerate() {
        let want_low = position.saturating_sub(COHESION_NEIGHBOURS);
        let want_high = (position + COHESION_NEIGHBOURS + 1).min(prose.len());
        while high < want_high {
            distinct(high)
                .iter()
                .for_each(|&id| window[id as usize] += 1);
            high += 1;
        }
        while low < want_low {
            distinct(low)
                .iter()
                .for_each(|&id| window[id as usize] -= 1);
            low += 1;
        }
        let words = distinct(position);
        if !words.is_empty() {
            let shared = words.iter().filter(|&&id| window[id as usize] > 1).count();
            result[index] = shared as f64 / words.len() as f64;
        }
    }
    result
}

/// Weight share kept by a prose paragraph standing alone between two headlines.
pub const TEASER_WEIGHT_SHARE: f64 = 0.5;

/// Whether a headline-like line stands right before this paragraph and another right
/// after it (skipping furniture): the headline / teaser / headline rhythm of a list of
/// other stories. Article sections usually hold several paragraphs.
pub fn is_lone_teaser(analysed: &[Analysed], index: usize) -> bool {
    let is_headline = |item: &Analysed| {
        // Headlines are title case or sentence case, but never end like a sentence.
        item.noise.is_none()
            && item.features.sentence_ends == 0
            && (2..=25).contains(&item.features.words)
    };
    let previous = analysed[..index]
        .iter()
        .rev()
        .find(|item| item.noise.is_none());
    let next = analysed[index + 1..]
        .iter()
        .find(|item| item.noise.is_none());
    previous.is_some_and(is_headline) && next.is_some_and(is_headline)
}

/// The body's vocabulary: content words of the body's prose with their counts.
pub struct Vocabulary {
    counts: HashMapOfWords<u32>,
}

impl Vocabulary {
    fn of<'a>(paragraphs: impl Iterator<Item = &'a Analysed> + Clone) -> Self {
        // Sized for every word being distinct, so the table is never rehashed while filled.
        let words = paragraphs
            .clone()
            .map(|item| item.tokens.content().len())
            .sum();
        let mut counts = HashMapOfWords::with_capacity_and_hasher(words, Default::default());
        for item in paragraphs {
            for &word in item.tokens.content() {
                *counts.entry(word).or_insert(0) += 1;
            }
        }
        Vocabulary { counts }
    }

    /// Share of the content words (`content`, as hashes) that occur in the vocabulary;
    /// with `own`, the words must occur there more often than in `content` itself (the
    /// paragraph was counted into the vocabulary).
    pub fn topic_share(&self, content: &[u64], own: bool) -> f64 {
        if content.is_empty() {
            return 0.0;
        }
        let mut own_counts: HashMapOfWords<u32> = HashMapOfWords::default();
        if own {
            for &word in content {
                *own_counts.entry(word).or_insert(0) += 1;
            }
        }
        let shared = content
            .iter()
            .filter(|word| {
                let in_body = self.counts.get(*word).copied().unwrap_or(0);
                let in_self = if own {
                    own_counts.get(*word).copied().unwrap_or(0)
                } else {
                    0
                };
                in_body > in_self
            })
            .count();
        shared as f64 / content.len() as f64
    }
}

/// The contiguous run with the largest total weight (Kadane), within `range`.
pub fn best_run(weights: &[f64], range: std::ops::Range<usize>) -> Option<(usize, usize, f64)> {
    let mut best: Option<(usize, usize, f64)> = None;
    let mut start = range.start;
    let mut sum = 0.0;
    for index in range {
        if sum <= 0.0 {
            start = index;
            sum = 0.0;
        }
        sum += weights[index];
        if best.is_none_or(|(_, _, total)| sum > total) {
            best = Some((start, index + 1, sum));
        }
    }
    best.filter(|(_, _, total)| *total > 0.0)
}

/// Marks the paragraphs that make up the body: the best run, then further runs on either
/// side that are heavy enough and share the body's topic.
/// The paragraphs of the body, and the vocabulary of its prose.
pub fn body_runs(analysed: &[Analysed], weights: &[f64]) -> (Vec<bool>, Vocabulary) {
    body_runs_weighted(analysed, weights, weights, &|_, _| false)
}

/// [`body_runs`] with one set of weights for the main run and another for the runs that
/// may join it (a page's markup may confine the main run to the article's element, and
/// still let on-topic prose beside it join), and `same_text(a, b)`: whether paragraphs `a`
/// and `b` stand in one element of the page (siblings in one text), which lets a run join
/// that shares fewer of the body's words.
pub fn body_runs_weighted(
    analysed: &[Analysed],
    weights: &[f64],
    extra_weights: &[f64],
    same_text: &dyn Fn(usize, usize) -> bool,
) -> (Vec<bool>, Vocabulary) {
    let mut in_body = vec![false; analysed.len()];
    let Some((start, end, total)) = best_run(weights, 0..analysed.len()) else {
        return (in_body, Vocabulary::of(std::iter::empty()));
    };
    in_body[start..end].iter_mut().for_each(|b| *b = true);
    let vocabulary = Vocabulary::of(
        analysed[start..end]
            .iter()
            .filter(|item| item.quality == Quality::Good),
    );
    let minimum = (0.15 * total).max(4.0);
    let main_prose = (start..end).find(|&index| analysed[index].quality == Quality::Good);
    let mut pending = vec![0..start, end..analysed.len()];
    let mut extra_runs = 0;
    while let Some(range) = pending.pop() {
        if extra_runs == MAX_EXTRA_RUNS {
            break;
        }
        if range.is_empty() {
            continue;
        }
        let Some((run_start, run_end, run_total)) = best_run(extra_weights, range.clone()) else {
            continue;
        };
        if run_total < minimum {
            continue;
        }
        let content: Vec<u64> = analysed[run_start..run_end]
            .iter()
            .filter(|item| item.quality == Quality::Good)
            .flat_map(|item| item.tokens.content().iter().copied())
            .collect();
        let (near, far) = if run_start >= end {
            (end, run_start)
        } else {
            (run_end, start)
        };
        let comments_between = analysed[near..far].iter().any(opens_comments);
        let timestamps = analysed[run_start..run_end]
            .iter()
            .filter(|item| item.noise_is(BlockKind::Date))
            .count();
        // A run after a comments heading, or one stamped with dates again and again (a
        // comment thread, a list of dated teasers), is not more of the article. A run of
        // paragraphs standing in the same element as the body's needs only to stay on its
        // topic.
        let same_element = main_prose.is_some_and(|main| {
            (run_start..run_end)
                .any(|index| analysed[index].quality == Quality::Good && same_text(main, index))
        });
        let share_needed = if same_element {
            ON_TOPIC_SHARE
        } else {
            JOINS_BODY_SHARE
        };
        if !comments_between
            && timestamps < MAX_TIMESTAMPS_IN_EXTRA_RUN
            && vocabulary.topic_share(&content, false) >= share_needed
        {
            in_body[run_start..run_end]
                .iter_mut()
                .for_each(|b| *b = true);
            extra_runs += 1;
            pending.push(range.start..run_start);
            pending.push(run_end..range.end);
        }
    }
    if extra_runs > 0 {
        // The vocabulary of the whole body, not only of its main run.
        let body = analysed.iter().zip(&in_body);
        let vocabulary = Vocabulary::of(
            body.filter(|(item, &in_body)| in_body && item.quality == Quality::Good)
                .map(|(item, _)| item),
        );
        return (in_body, vocabulary);
    }
    (in_body, vocabulary)
}

/// Date lines from which a run found beside the body counts as a thread or list.
pub const MAX_TIMESTAMPS_IN_EXTRA_RUN: usize = 3;

/// Whether a paragraph opens or belongs to a comments section ("34 Comments",
/// "Leave a reply", "jane says:").
pub fn opens_comments(item: &Analysed) -> bool {
    item.noise
        .as_ref()
        .is_some_and(|noise| noise.reason == "comments section" || noise.reason == COMMENTER_REASON)
        || (item.features.words <= 8
            && item.features.numbers > 0
            && item
                .tokens
                .word_line
                .split(' ')
                .any(|word| matches!(word, "comments" | "responses" | "replies")))
}

/// Most runs added to the body besides the best one: each needs a scan of what is left,
/// so the cap keeps the search linear in the number of paragraphs.
pub const MAX_EXTRA_RUNS: usize = 8;

/// The paragraphs that make up the article's body, and the vocabulary of its prose: each
/// paragraph is weighted (prose for, furniture against, lone teasers halved) and the body is
/// the heaviest run plus the runs beside it that continue its topic.
pub fn find_body(analysed: &[Analysed]) -> (Vec<bool>, Vocabulary) {
    let weights = weights(analysed);
    body_runs(analysed, &weights)
}

/// Each paragraph's weight in the search for the body: [`weight`] with its cohesion, lone
/// teasers halved.
pub fn weights(analysed: &[Analysed]) -> Vec<f64> {
    let cohesion = cohesion(analysed);
    analysed
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let base = weight(item, cohesion[index]);
            if base > 0.0 && is_lone_teaser(analysed, index) {
                base * TEASER_WEIGHT_SHARE
            } else {
                base
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cohesion as its definition reads: of a prose paragraph's distinct content words, the
    /// share that another prose paragraph at most `COHESION_NEIGHBOURS` prose paragraphs away
    /// also has.
    fn cohesion_by_definition(analysed: &[Analysed]) -> Vec<f64> {
        let prose: Vec<usize> = (0..analysed.len())
            .filter(|&i| analysed[i].noise.is_none() && analysed[i].is_prose())
            .collect();
        let words = |i: usize| -> std::collections::HashSet<u64> {
            analysed[i].tokens.content().iter().copied().collect()
        };
        let mut result = vec![0.0; analysed.len()];
        for (position, &index) in prose.iter().enumerate() {
            let own = words(index);
            if own.is_empty() {
                continue;
            }
            let low = position.saturating_sub(COHESION_NEIGHBOURS);
            let high = (position + COHESION_NEIGHBOURS + 1).min(prose.len());
            let shared = own
                .iter()
                .filter(|word| {
                    (low..high).any(|other| other != position && words(prose[other]).contains(word))
                })
                .count();
            result[index] = shared as f64 / own.len() as f64;
        }
        result
    }

    #[test]
    fn cohesion_is_the_share_of_words_the_neighbours_share() {
        let article = "Harbour wall repairs finished early.\n\n\
            The harbour board said the repairs to the wall cost less than planned.\n\n\
            Share this\n\n\
            Fishing boats will use the inner harbour again from Monday, the board said.\n\n\
            Ten things to cook this weekend with summer vegetables and herbs.\n\n\
            The wall had been damaged in the winter storms, the harbour board said.\n\n\
            Repairs cost the board less than the insurers had expected after the storms.\n\n\
            Boats, boats and more boats: the harbour was busy again by Tuesday.";
        let (analysed, _) = super::super::paragraph::analyse(article);
        let found = cohesion(&analysed);
        assert_eq!(found, cohesion_by_definition(&analysed));
        assert!(found.iter().any(|&share| share > 0.0));
        assert!(found.contains(&0.0));
    }
}
