//! Story groups: which articles report the same news event.
//!
//! The work is a chain of separate steps, each of which runs on one machine here and could run
//! on another in a distributed run (`distributed.rs` says which side runs which):
//!
//! 1. per article, a [`StorySummary`] (`story_summary.rs`): its most distinctive terms, the
//!    dates it speaks of and the figures it states, computed from the article alone;
//! 2. over the batch, [`DocumentFrequencies`]: in how many summaries each term stands
//!    (counts from parts of the batch add up);
//! 3. per article, a [`StoryVector`] (its terms with their batch counts) and its
//!    [`candidate_keys`], the terms it is filed under;
//! 4. per candidate pair (articles sharing a key: `candidates.rs`), [`score`]: the tf-idf
//!    cosine of the two, lowered when the days they speak of disagree ([`similarity`]), and
//!    whether their own dates lie apart;
//! 5. from the scored pairs, the duplicate pairs and the figures of the articles they touch,
//!    a [`StoryGraph`], grouped by [`average_linkage`] cut at [`JOIN_THRESHOLD`] (never
//!    joining two groups that repeat different figures), then [`attach_leftovers`]: an
//!    article or pair left alone joins the story it is clearly closest to.
//!
//! How common a term is comes from two sources: English at large (the
//! [`background`](super::background) frequencies: "said" and "people" are everywhere,
//! "earthquake" or a name is not), which holds even for a batch of two articles; and the
//! batch itself, which knows what this batch repeats (the candidates every article of a
//! campaign batch names, an outlet's footer). A term counts as common as the more common of
//! the two says. The dates tell two events of the same kind apart (two calls of the same
//! leaders a month apart) and let reports of one event written days apart meet. Average
//! linkage joins a group only while its members are, on average, close to the newcomer, so
//! one article touching two events cannot chain them.
//!
//! Words alone cannot tell two events of the same kind apart when neither report is dated
//! (two quakes near one town, two emergency patches of one browser): their reports share the
//! place, the kind of event, the names. What differs is the event's own particulars, which
//! every report of it repeats: the magnitude, the time of day, the toll, the bulletin number
//! ([`crate::text::figures`]). Two groups that each repeat figures of their own and share
//! none are two events, however alike their words.
//!
//! Candidates come from an inverted index of each article's heaviest terms with short
//! posting lists, so the work grows with the number of articles, not its square.

use crate::text::sorting;
use std::collections::HashMap;
use std::fmt;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::atomic::{AtomicBool, Ordering};

use super::candidates::SharedKeys;
use super::duplicates::IndexPair;
use super::linkage::{attach_leftovers, average_linkage, Edge, LinkageRules, OwnDates};
use super::story_summary::{StorySummary, StoryTerm};
use super::summary_bytes::{ByteReader, ByteWriter, SummaryBytesError, SummaryKind};
use crate::text::figures::Figure;
use crate::text::relative_dates::{CalendarDay, DaySpan};
use crate::text::Prehashed;

/// Smallest average similarity at which two groups are joined. Chosen on the two dev story
/// sets (ECB+, 537 articles of 48 events from many outlets; BASIL, 171 articles of 57 US
/// political events, 2010–2019) by a sweep from 0.10 to 0.24: with the figures and the
/// leftovers, B-cubed F1 stays between 0.933 and 0.943 from 0.13 to 0.18 on ECB+, and BASIL
/// is at its best (0.990) from 0.17 to 0.18; below, consecutive events of one political arc
/// (the same bill in two states) merge; above, reports of one event in different words split.
pub const JOIN_THRESHOLD: f64 = 0.17;

/// Two groups that each repeat a figure of their own are kept apart when no figure is stated
/// by at least this share of the members of both: one report in ten, so that a report naming
/// the other event's magnitude in passing (a follow-up recalling an earlier quake) is not
/// agreement, while most reports of one event stating its magnitude is. On the dev story
/// sets 0.05 to 0.2 do about equally well (see docs/benchmarks.md).
const FIGURE_AGREEMENT: f64 = 0.1;

/// Groups of at most this many articles left by the linkage are leftovers: a brief, a report
/// from an odd angle, and a pair of them.
const LARGEST_LEFTOVER: usize = 2;

/// A leftover joins only a story the linkage has confirmed with at least this many reports:
/// joining a leftover to another leftover is the linkage's job, and a story of three or more
/// reports has shown what it is about.
const SMALLEST_STORY: usize = 3;

/// Smallest mean similarity of a leftover to the story it joins. A leftover's evidence is
/// weaker than a join's (a brief names few of the story's terms), so the bar is lower than
/// [`JOIN_THRESHOLD`], yet high enough that touching one member through a name or two is not
/// enough. The margin below does most of the telling apart: on the dev story sets 0.10 to
/// 0.14 give ECB+ 0.930 to 0.941 and leave BASIL unchanged; this is the middle.
const LEFTOVER_THRESHOLD: f64 = 0.12;

/// A leftover joins a story only when its mean similarity to it is at least this many times
/// its mean similarity to any other story: clearly closer to one story than to the rest, as
/// a brief on one event is, while an article on the campaign at large is about as close to
/// several campaign stories. Without it, PolNeAR's campaign articles gathered in groups of up
/// to 40; 1.5 to 3 give ECB+ 0.927 to 0.936.
const LEFTOVER_MARGIN: f64 = 2.0;

/// The rules of steps 5 and 6.
const RULES: LinkageRules = LinkageRules {
    join_threshold: JOIN_THRESHOLD,
    figure_agreement: FIGURE_AGREEMENT,
    largest_leftover: LARGEST_LEFTOVER,
    smallest_story: SMALLEST_STORY,
    leftover_threshold: LEFTOVER_THRESHOLD,
    leftover_margin: LEFTOVER_MARGIN,
};

/// Articles the batch's share of a term is smoothed towards zero with: a term's batch share
/// is (articles holding it) / (articles + this). In a batch of a few dozen articles the batch
/// can then never outweigh English at large (a name in 10 of 30 articles keeps a share of
/// 1/6 at most), while in a batch of thousands a term in a third of them is plainly common.
/// On the dev sets, 100 to 1,000 do about equally well.
const BATCH_PRIOR_DOCUMENTS: f64 = 300.0;

/// Heaviest terms per article looked up in the inverted index to find candidate articles.
const INDEX_TERMS: usize = 16;

/// Terms in more articles than this are not looked up: they no longer tell events apart, and
/// their lists would make the search quadratic.
const MAX_POSTING: usize = 200;

/// Spread of the time kernel, in days (Miranda et al. 2018 use a Gaussian of 3 days on
/// timestamps): reports of one event a day or two apart agree, a week apart hardly.
const TIME_SIGMA_DAYS: f64 = 3.0;

/// What is left of the similarity of two articles whose dates all disagree, when their dates
/// come from what they say (a day named in passing, a day of the year with no year): some
/// evidence of different events, not proof (a follow-up names the trial's day, not the
/// crime's).
const DATE_CONFLICT_FLOOR: f64 = 0.5;

/// The same when both articles state their own date: two reports written weeks apart that
/// name no common day are most likely about different events (a second call of the same
/// leaders), though a follow-up still can be.
const PUBLISHED_DATE_CONFLICT_FLOOR: f64 = 0.3;

/// Days in a year without its leap day, for comparing days of the year whose year is unknown.
const DAYS_IN_YEAR: i32 = 365;

/// Step 2: in how many of the batch's summaries each term stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentFrequencies {
    counts: HashMap<u32, u32, Prehashed>,
    documents: usize,
}

impl DocumentFrequencies {
    /// Counts the terms of every summary.
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

    /// The frequencies of a batch of `documents` summaries from each term's count (as a
    /// distributed run's reduce gives them; a term listed twice counts its counts together).
    pub fn from_counts(documents: usize, counts: impl IntoIterator<Item = (u32, u32)>) -> Self {
        let mut frequencies = DocumentFrequencies {
            counts: HashMap::default(),
            documents,
        };
        for (term, count) in counts {
            let total = frequencies.counts.entry(term).or_default();
            *total = total.saturating_add(count);
        }
        frequencies
    }

    /// Adds the counts of another part of the batch (counting parts and merging them gives
    /// the counts of the whole): the reduce step of a distributed run, where each executor
    /// counts its own articles.
    pub fn merge(&mut self, other: &DocumentFrequencies) {
        self.documents += other.documents;
        for (&term, &count) in &other.counts {
            let total = self.counts.entry(term).or_default();
            *total = total.saturating_add(count);
        }
    }

    /// The same frequencies without the terms that only one summary holds, which weigh and
    /// file exactly as terms no summary holds: a pair's weights leave out the pair's own
    /// holders ([`StoryVector::weigh`]), and a key needs two holders ([`candidate_keys`]).
    /// Most of a batch's distinct terms are such (names, typos, rare words), so this is what
    /// a distributed run broadcasts to every executor.
    pub fn without_single_holders(mut self) -> Self {
        self.counts.retain(|_, count| *count >= 2);
        self
    }

    /// Summaries holding the term.
    pub fn of(&self, term: u32) -> u32 {
        self.counts.get(&term).copied().unwrap_or(0)
    }

    /// How many summaries the batch holds.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// How many distinct terms are counted.
    pub fn terms(&self) -> usize {
        self.counts.len()
    }

    /// The frequencies as bytes (see `summary_bytes.rs`): the terms sorted, each as the gap
    /// to the previous one and its count, as varints (about 4 bytes a term).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut sorted: Vec<(u32, u32)> = self.counts.iter().map(|(&t, &c)| (t, c)).collect();
        sorting::sort(&mut sorted);
        let mut writer = ByteWriter::new(SummaryKind::StoryStatistics, 5 * sorted.len() + 10);
        writer.varint(self.documents as u64);
        writer.ascending(sorted.iter().map(|&(term, _)| u64::from(term)));
        for (_, count) in sorted {
            writer.varint(u64::from(count));
        }
        writer.finish()
    }

    /// Reads frequencies written by [`DocumentFrequencies::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<DocumentFrequencies, SummaryBytesError> {
        let mut reader = ByteReader::new(SummaryKind::StoryStatistics, bytes)?;
        let documents = usize::try_from(reader.varint()?)
            .map_err(|_| reader.invalid("more documents than this machine can count"))?;
        let terms = reader.ascending(u64::from(u32::MAX), true)?;
        let mut counts = HashMap::with_capacity_and_hasher(terms.len(), Prehashed::default());
        for term in terms {
            let count = u32::try_from(reader.varint()?)
                .map_err(|_| reader.invalid("a term count out of range"))?;
            // `ascending` kept every term within u32.
            counts.insert(term as u32, count);
        }
        reader.finish()?;
        Ok(DocumentFrequencies { counts, documents })
    }
}

/// Step 3: an article's terms weighted against the batch, sorted by term. Each term carries
/// two weights (tf times idf): one for when the other article of a pair lacks it, one for
/// when both hold it (see [`StoryVector::weigh`]), so that scoring a pair is arithmetic only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryVector {
    terms: Vec<VectorTerm>,
    /// Sum of the squares of every term's weight when the other article lacks it.
    squared_norm: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct VectorTerm {
    hash: u32,
    /// How many articles of the batch hold the term.
    batch_count: u32,
    /// Weight when the other article of the pair lacks the term.
    alone: f32,
    /// Weight when both articles of the pair hold it.
    shared: f32,
}

impl StoryVector {
    /// The vector of one summary against the batch's counts. A term's idf is -ln of its share
    /// of articles: the larger of its background share and its share among the batch's other
    /// articles. The two articles of a pair are left out of that count: that both hold the
    /// term is what is being measured, not evidence that it is common (so a batch of two is
    /// weighed by the background alone).
    pub fn weigh(summary: &StorySummary, frequencies: &DocumentFrequencies) -> StoryVector {
        let weighing = Weighing::new(frequencies);
        let mut squared_norm = 0.0;
        let terms = summary
            .terms
            .iter()
            .map(|term| {
                let batch_count = frequencies.of(term.hash);
                let alone = weighing.weight(term, batch_count, 1);
                squared_norm += alone * alone;
                VectorTerm {
                    hash: term.hash,
                    batch_count,
                    alone: alone as f32,
                    shared: weighing.weight(term, batch_count, 2) as f32,
                }
            })
            .collect();
        StoryVector {
            terms,
            squared_norm,
        }
    }

    /// The cosine of two articles' weighted terms, 0..=1.
    pub fn cosine(&self, other: &StoryVector) -> f64 {
        let (a, b) = (&self.terms, &other.terms);
        let (mut i, mut j) = (0, 0);
        let (mut dot, mut norm_a, mut norm_b) = (0.0f64, self.squared_norm, other.squared_norm);
        // A merge of the two sorted lists that steps without branching on the order (the
        // order of two hashes is a coin toss the processor cannot predict).
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            if x.hash == y.hash {
                let (shared_x, shared_y) = (f64::from(x.shared), f64::from(y.shared));
                dot += shared_x * shared_y;
                norm_a += shared_x * shared_x - f64::from(x.alone).powi(2);
                norm_b += shared_y * shared_y - f64::from(y.alone).powi(2);
            }
            i += usize::from(x.hash <= y.hash);
            j += usize::from(y.hash <= x.hash);
        }
        if norm_a <= 0.0 || norm_b <= 0.0 {
            return 0.0;
        }
        (dot / (norm_a.sqrt() * norm_b.sqrt())).clamp(0.0, 1.0)
    }
}

/// Steps 3 and 4 on one machine without a [`StoryVector`] per article: the same weights,
/// keys and cosines, each term's weights worked out when they are needed from the summary and
/// the batch's counts. A batch of a million articles would hold some 800 MB of vectors (48
/// terms of 16 bytes each); this holds one number an article (its norm) and weighs only the
/// terms a candidate pair shares, which give bit for bit the numbers the vectors hold.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weighing<'f> {
    frequencies: &'f DocumentFrequencies,
    /// The batch's articles other than a pair's two, plus the prior ([`StoryVector::weigh`]).
    others: f64,
}

impl<'f> Weighing<'f> {
    /// Weighing against the batch's counts.
    pub(crate) fn new(frequencies: &'f DocumentFrequencies) -> Weighing<'f> {
        Weighing {
            frequencies,
            others: frequencies.documents.saturating_sub(2) as f64 + BATCH_PRIOR_DOCUMENTS,
        }
    }

    /// A term's tf-idf weight when `holders_left_out` of its `batch_count` holders are the
    /// pair being compared ([`StoryVector::weigh`] says why they are left out).
    fn weight(&self, term: &StoryTerm, batch_count: u32, holders_left_out: u32) -> f64 {
        let count = batch_count.saturating_sub(holders_left_out);
        let share = (f64::from(count) / self.others).max(f64::from(term.background_share));
        f64::from(term.frequency) * -share.ln()
    }

    /// The squared norm of the summary's vector ([`StoryVector::weigh`]). The batch takes it
    /// with the keys ([`Weighing::squared_norm_and_keys`]); tests check that the two agree.
    #[cfg(test)]
    fn squared_norm(&self, summary: &StorySummary) -> f64 {
        summary
            .terms
            .iter()
            .map(|term| self.weight(term, self.frequencies.of(term.hash), 1))
            .fold(0.0, |norm, alone| norm + alone * alone)
    }

    /// The summary's [`candidate_keys`] (see `Weighing::squared_norm`).
    #[cfg(test)]
    fn keys(&self, summary: &StorySummary) -> Vec<u32> {
        let mut keys: Vec<(u32, f32)> = summary
            .terms
            .iter()
            .filter_map(|term| {
                let batch_count = self.frequencies.of(term.hash);
                (2..=MAX_POSTING as u32)
                    .contains(&batch_count)
                    .then(|| (term.hash, self.weight(term, batch_count, 1) as f32))
            })
            .collect();
        // The definition: a stable sort of them all, cut.
        sorting::sort_by(&mut keys, heavier_key);
        keys.truncate(INDEX_TERMS);
        keys.into_iter().map(|(term, _)| term).collect()
    }

    /// The squared norm of the summary's vector ([`StoryVector::weigh`]) and its
    /// [`candidate_keys`] at once: each term looked up and weighed once for both (the same
    /// weight, summed in the same order), as the batch needs them for each of its articles.
    pub(crate) fn squared_norm_and_keys(&self, summary: &StorySummary) -> (f64, Vec<u32>) {
        let mut squared_norm = 0.0;
        let mut keys = HeaviestKeys::default();
        for term in summary.terms.iter() {
            let batch_count = self.frequencies.of(term.hash);
            let alone = self.weight(term, batch_count, 1);
            squared_norm += alone * alone;
            if (2..=MAX_POSTING as u32).contains(&batch_count) {
                keys.offer((term.hash, alone as f32));
            }
        }
        (squared_norm, keys.terms())
    }

    /// [`StoryVector::cosine`] of two summaries given with their `Weighing::squared_norm`:
    /// the same walk and the same arithmetic on the same numbers, so the same result. The
    /// batch's pairs are scored through `FirstOfPairs`, which tests check against this (the
    /// WebAssembly build too: this walk was some 300 bytes less code, but a batch of 1,500
    /// articles spent 7% of its time in Node scoring pairs).
    #[cfg(test)]
    fn cosine(&self, a: (&StorySummary, f64), b: (&StorySummary, f64)) -> f64 {
        let (x_terms, y_terms) = (&a.0.terms, &b.0.terms);
        let (mut i, mut j) = (0, 0);
        let (mut dot, mut norm_a, mut norm_b) = (0.0f64, a.1, b.1);
        while i < x_terms.len() && j < y_terms.len() {
            let (x, y) = (&x_terms[i], &y_terms[j]);
            if x.hash == y.hash {
                let batch_count = self.frequencies.of(x.hash);
                let (alone_x, alone_y) = (
                    self.weight(x, batch_count, 1) as f32,
                    self.weight(y, batch_count, 1) as f32,
                );
                let (shared_x, shared_y) = (
                    f64::from(self.weight(x, batch_count, 2) as f32),
                    f64::from(self.weight(y, batch_count, 2) as f32),
                );
                dot += shared_x * shared_y;
                norm_a += shared_x * shared_x - f64::from(alone_x).powi(2);
                norm_b += shared_y * shared_y - f64::from(alone_y).powi(2);
            }
            i += usize::from(x.hash <= y.hash);
            j += usize::from(y.hash <= x.hash);
        }
        if norm_a <= 0.0 || norm_b <= 0.0 {
            return 0.0;
        }
        (dot / (norm_a.sqrt() * norm_b.sqrt())).clamp(0.0, 1.0)
    }
}

/// The first article of a run of candidate pairs, ready to be scored against each of its
/// partners: `Weighing::cosine` for a pair (a, b) when the same a meets many b in a row, as
/// the inverted index visits them ([`SharedKeys::for_each_pair`]: every later partner of one
/// article, then the next article's).
///
/// The same numbers as `Weighing::cosine`, bit for bit, without the work that decides
/// nothing new from one partner to the next: a's terms are found by hash in a small table
/// rather than by walking both lists in step (a pair shares a few of some 48 terms), a term's
/// batch count is looked up once per a rather than once per pair, and the logarithms a
/// weight takes are kept per term of a: its batch shares' (which depend on the term alone)
/// and its background share's (the same for b when b's term has the same background share,
/// as one word's always has).
pub(crate) struct FirstOfPairs<'s> {
    summary: &'s StorySummary,
    squared_norm: f64,
    /// (hash, position + 1 in `summary.terms`) of the term whose hash leads to each slot
    /// (linear probing from `hash & mask`); position 0 for an empty slot. The hash is kept
    /// beside the position so that a probe reads one slot, not the term too.
    slots: Vec<(u32, u32)>,
    mask: usize,
    /// One bit per value of a hash's low [`PRESENCE_BITS`] bits, set for a's terms: a term of
    /// b whose bit is clear is not a's, and most are not (see [`FirstOfPairs::cosine`]).
    presence: [u64; PRESENCE_WORDS],
    /// For each term of a, what its weights need, worked out when a partner first shares it.
    weighed: Vec<Option<WeighedTerm>>,
}

/// Low bits of a term's hash that pick its bit in [`FirstOfPairs::presence`]: 1,024 bits
/// (128 bytes) for some 48 terms, so that about one term of b in twenty that a lacks passes
/// the test and is looked up for nothing.
const PRESENCE_BITS: u32 = 10;

/// Words of 64 bits in [`FirstOfPairs::presence`].
const PRESENCE_WORDS: usize = (1 << PRESENCE_BITS) / 64;

/// Whether `hash`'s bit is set in `presence`: 1 or 0.
fn presence_bit(presence: &[u64; PRESENCE_WORDS], hash: u32) -> u64 {
    let bit = hash & ((1 << PRESENCE_BITS) - 1);
    (presence[(bit / 64) as usize] >> (bit % 64)) & 1
}

/// One term of a pair's first article, weighed against the batch.
#[derive(Debug, Clone, Copy)]
struct WeighedTerm {
    /// The term's batch share with one holder left out (a lone article's weight) and with
    /// two (a pair's shared weight), and their logarithms.
    alone_share: f64,
    alone_log: f64,
    shared_share: f64,
    shared_log: f64,
    /// The first article's background share of the term, and its logarithm.
    background_share: f32,
    background_log: f64,
    /// The first article's two weights, as `Weighing::cosine` rounds them.
    alone: f32,
    shared: f64,
}

impl WeighedTerm {
    /// -ln of the share a weight takes ([`Weighing::weight`]: the larger of the batch share
    /// and the background share), from the logarithms known when the larger one is known.
    fn minus_log_share(&self, batch_share: f64, batch_log: f64, background_share: f32) -> f64 {
        let share = batch_share.max(f64::from(background_share));
        let log = if share == batch_share {
            batch_log
        } else if background_share == self.background_share {
            self.background_log
        } else {
            share.ln()
        };
        -log
    }

    /// A term's weight when the first article lacks (`alone`) or shares it, for a term of
    /// the other article with this frequency and background share.
    fn weight(&self, term: &StoryTerm, shared: bool) -> f64 {
        let (batch_share, batch_log) = if shared {
            (self.shared_share, self.shared_log)
        } else {
            (self.alone_share, self.alone_log)
        };
        f64::from(term.frequency)
            * self.minus_log_share(batch_share, batch_log, term.background_share)
    }
}

impl<'s> FirstOfPairs<'s> {
    /// Article a, given with its squared norm ([`Weighing::squared_norm_and_keys`]). Its
    /// terms are sorted by hash without repeats ([`StorySummary::terms`]).
    pub(crate) fn new(summary: &'s StorySummary, squared_norm: f64) -> FirstOfPairs<'s> {
        // At most a quarter full, so that a probe for a hash a lacks (nearly every probe: a
        // pair shares a few terms) mostly meets an empty slot at once, a branch the
        // processor predicts (2 KB for 48 terms).
        let size = (4 * summary.terms.len()).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![(0u32, 0u32); size];
        let mut presence = [0u64; PRESENCE_WORDS];
        for (position, term) in summary.terms.iter().enumerate() {
            let bit = term.hash & ((1 << PRESENCE_BITS) - 1);
            presence[(bit / 64) as usize] |= 1 << (bit % 64);
            let mut slot = term.hash as usize & mask;
            while slots[slot].1 != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (term.hash, position as u32 + 1);
        }
        FirstOfPairs {
            summary,
            squared_norm,
            slots,
            mask,
            presence,
            weighed: vec![None; summary.terms.len()],
        }
    }

    /// Where a's term with this hash stands, if a holds it.
    fn find(&self, hash: u32) -> Option<usize> {
        let mut slot = hash as usize & self.mask;
        loop {
            let (held, position) = self.slots[slot];
            if position == 0 {
                return None;
            }
            if held == hash {
                return Some(position as usize - 1);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// a's term at `position` weighed against the batch (once per a).
    fn weighed(&mut self, position: usize, weighing: &Weighing<'_>) -> WeighedTerm {
        if let Some(weighed) = self.weighed[position] {
            return weighed;
        }
        let term = &self.summary.terms[position];
        let batch_count = weighing.frequencies.of(term.hash);
        let batch_share = |holders_left_out: u32| {
            f64::from(batch_count.saturating_sub(holders_left_out)) / weighing.others
        };
        let (alone_share, shared_share) = (batch_share(1), batch_share(2));
        let mut weighed = WeighedTerm {
            alone_share,
            alone_log: alone_share.ln(),
            shared_share,
            shared_log: shared_share.ln(),
            background_share: term.background_share,
            background_log: f64::from(term.background_share).ln(),
            alone: 0.0,
            shared: 0.0,
        };
        weighed.alone = weighed.weight(term, false) as f32;
        weighed.shared = f64::from(weighed.weight(term, true) as f32);
        self.weighed[position] = Some(weighed);
        weighed
    }

    /// `Weighing::cosine` of a and b (given with its squared norm).
    pub(crate) fn cosine(&mut self, weighing: &Weighing<'_>, b: (&StorySummary, f64)) -> f64 {
        let (mut dot, mut norm_a, mut norm_b) = (0.0f64, self.squared_norm, b.1);
        // b's terms in hash order, so the shared terms come in the order the walk of both
        // lists meets them, and the sums are taken in the same order. A pair shares a few of
        // its terms: b's terms are first tested against a's presence bits, 64 at a time and
        // without a branch (a probe per term branches on whether its slot is empty, true about
        // three times in four in a table a quarter full: hard to predict), and only those
        // whose bit is set are looked up.
        for chunk in b.0.terms.chunks(64) {
            let mut passed = 0u64;
            for (index, y) in chunk.iter().enumerate() {
                passed |= presence_bit(&self.presence, y.hash) << index;
            }
            while passed != 0 {
                let index = passed.trailing_zeros() as usize;
                passed &= passed - 1;
                let y = &chunk[index];
                let Some(position) = self.find(y.hash) else {
                    continue;
                };
                let x = self.weighed(position, weighing);
                let (alone_x, alone_y) = (x.alone, x.weight(y, false) as f32);
                let (shared_x, shared_y) = (x.shared, f64::from(x.weight(y, true) as f32));
                dot += shared_x * shared_y;
                norm_a += shared_x * shared_x - f64::from(alone_x).powi(2);
                norm_b += shared_y * shared_y - f64::from(alone_y).powi(2);
            }
        }
        if norm_a <= 0.0 || norm_b <= 0.0 {
            return 0.0;
        }
        (dot / (norm_a.sqrt() * norm_b.sqrt())).clamp(0.0, 1.0)
    }
}

/// Step 3: the terms under which an article is filed in the inverted index (the shuffle keys
/// of a distributed run): its heaviest terms that at least one other article holds and not
/// too many do.
pub fn candidate_keys(vector: &StoryVector) -> Vec<u32> {
    let mut keys = HeaviestKeys::default();
    for term in vector.terms.iter() {
        if (2..=MAX_POSTING).contains(&(term.batch_count as usize)) {
            keys.offer((term.hash, term.alone));
        }
    }
    keys.terms()
}

/// The order of an article's keys: heaviest first, ties by term.
fn heavier_key(a: &(u32, f32), b: &(u32, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The [`INDEX_TERMS`] heaviest of the (term, weight) offered, by [`heavier_key`], kept while
/// they are offered: the first [`INDEX_TERMS`] of a stable sort of them all, without sorting
/// the rest (the engine's small stable sort of every article's keys was over a quarter of
/// the scoring's setup).
#[derive(Default)]
struct HeaviestKeys {
    kept: Vec<(u32, f32)>,
}

impl HeaviestKeys {
    fn offer(&mut self, key: (u32, f32)) {
        sorting::offer_to_heaviest(&mut self.kept, key, INDEX_TERMS, heavier_key);
    }

    /// The kept terms, heaviest first.
    fn terms(self) -> Vec<u32> {
        self.kept.into_iter().map(|(term, _)| term).collect()
    }
}

/// Step 3 from the summary: the keys of the article's [`StoryVector`].
pub fn story_keys(summary: &StorySummary, frequencies: &DocumentFrequencies) -> Vec<u32> {
    candidate_keys(&StoryVector::weigh(summary, frequencies))
}

/// Step 4 for one candidate pair of articles `a < b` (position, summary, vector against the
/// batch's frequencies): the scored edge of the story graph, or None when the two have
/// nothing in common.
pub fn score(
    a: (usize, &StorySummary, &StoryVector),
    b: (usize, &StorySummary, &StoryVector),
) -> Option<Edge> {
    let (similarity, dates) = similarity((a.1, a.2), (b.1, b.2));
    (similarity > 0.0).then_some(Edge {
        a: a.0,
        b: b.0,
        similarity,
        dates,
    })
}

/// Smallest [`time_agreement`] of two dated articles whose days count as near: a day of one
/// within three days of a day of the other (the Gaussian of 3 days is 0.61 at three days'
/// gap, 0.41 at four).
const NEAR_DAYS_AGREEMENT: f64 = 0.5;

/// Step 4: how alike two articles' stories are, 0..=1: the cosine of their weighted terms,
/// lowered when both speak of days and none of them near each other; and what their own
/// dates say of them.
pub fn similarity(
    a: (&StorySummary, &StoryVector),
    b: (&StorySummary, &StoryVector),
) -> (f64, OwnDates) {
    dated_similarity(a.1.cosine(b.1), a.0, b.0)
}

/// [`similarity`] of two summaries whose cosine is known.
fn dated_similarity(cosine: f64, a: &StorySummary, b: &StorySummary) -> (f64, OwnDates) {
    if cosine <= 0.0 {
        return (0.0, OwnDates::Unknown);
    }
    let Some(agreement) = time_agreement(a, b) else {
        return (cosine, OwnDates::Unknown);
    };
    let both_dated = a.published.is_some() && b.published.is_some();
    let own_dates = match (both_dated, agreement >= NEAR_DAYS_AGREEMENT) {
        (false, _) => OwnDates::Unknown,
        (true, true) => OwnDates::Near,
        (true, false) => OwnDates::Apart,
    };
    let floor = if both_dated {
        PUBLISHED_DATE_CONFLICT_FLOOR
    } else {
        DATE_CONFLICT_FLOOR
    };
    (cosine * (floor + (1.0 - floor) * agreement), own_dates)
}

/// How well the dates of two articles agree, 0..=1 (the Gaussian of the smallest gap between
/// a day of one and a day of the other), or None when they cannot be compared. Days placed on
/// the calendar are compared when both have some; otherwise days of the year.
fn time_agreement(a: &StorySummary, b: &StorySummary) -> Option<f64> {
    let gap = if !a.spans.is_empty() && !b.spans.is_empty() {
        smallest_span_gap(&a.spans, &b.spans)
    } else if !a.calendar_days.is_empty() && !b.calendar_days.is_empty() {
        smallest_calendar_gap(&a.calendar_days, &b.calendar_days)
    } else {
        return None;
    };
    let gap = f64::from(gap);
    Some((-(gap * gap) / (2.0 * TIME_SIGMA_DAYS * TIME_SIGMA_DAYS)).exp())
}

fn smallest_span_gap(a: &[DaySpan], b: &[DaySpan]) -> u32 {
    let mut smallest = u32::MAX;
    for x in a {
        for y in b {
            smallest = smallest.min(x.gap(y));
            if smallest == 0 {
                return 0;
            }
        }
    }
    smallest
}

fn smallest_calendar_gap(a: &[CalendarDay], b: &[CalendarDay]) -> u32 {
    // Days before each month in a year without 29 February.
    const BEFORE: [i32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let day_of_year = |day: CalendarDay| {
        let (month, day) = (i32::from(day / 32), i32::from(day % 32));
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

/// Why a [`StoryGraph`] could not be grouped, or refused an edge.
#[derive(Debug, Clone, PartialEq)]
pub enum StoryGraphError {
    /// An edge joins an article to itself, or its similarity is not a number from 0 to 1.
    BadEdge {
        /// The first article.
        a: usize,
        /// The second article.
        b: usize,
        /// The similarity given.
        similarity: f64,
    },
    /// An article of an edge has no figures given ([`StoryGraph::add_figures`]; an article
    /// stating none is given an empty list).
    MissingFigures {
        /// The article.
        item: usize,
    },
}

impl fmt::Display for StoryGraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoryGraphError::BadEdge { a, b, similarity } => write!(
                f,
                "the story edge ({a}, {b}) with similarity {similarity} cannot be grouped: an edge joins two different articles with a similarity from 0 to 1, as the engine's scoring gives it"
            ),
            StoryGraphError::MissingFigures { item } => write!(
                f,
                "the figures of article {item} are missing: give the figures of every article the graph's edges touch (StoryGraph::items), an empty list for one that states none"
            ),
        }
    }
}

impl std::error::Error for StoryGraphError {}

/// Step 5's input, the sparse graph that grouping needs and nothing more: the scored pairs,
/// the duplicate pairs (copies are always one story) and the figures of the articles they
/// touch. Articles are named by their position in the batch's id order; an article no edge
/// touches is a story of its own. The groups depend only on the edges and figures given,
/// never on the order they were added in.
#[derive(Debug, Clone, Default)]
pub struct StoryGraph {
    edges: Vec<Edge>,
    copies: Vec<(usize, usize)>,
    figures: HashMap<usize, Box<[Figure]>>,
}

impl StoryGraph {
    /// An empty graph.
    pub fn new() -> StoryGraph {
        StoryGraph::default()
    }

    /// Adds a scored pair ([`score`]; its articles in either order).
    pub fn add_edge(&mut self, edge: Edge) -> Result<(), StoryGraphError> {
        if edge.a == edge.b || !(0.0..=1.0).contains(&edge.similarity) {
            return Err(StoryGraphError::BadEdge {
                a: edge.a,
                b: edge.b,
                similarity: edge.similarity,
            });
        }
        self.edges.push(Edge {
            a: edge.a.min(edge.b),
            b: edge.a.max(edge.b),
            ..edge
        });
        Ok(())
    }

    /// Adds a duplicate pair: two copies of one text are one story whatever their terms say.
    pub fn add_copy(&mut self, a: usize, b: usize) -> Result<(), StoryGraphError> {
        if a == b {
            return Err(StoryGraphError::BadEdge {
                a,
                b,
                similarity: 1.0,
            });
        }
        self.copies.push((a.min(b), a.max(b)));
        Ok(())
    }

    /// The articles the edges touch, sorted: those whose figures [`StoryGraph::groups`]
    /// needs.
    pub fn items(&self) -> Vec<usize> {
        articles_of(
            self.edges
                .iter()
                .map(|edge| (edge.a, edge.b))
                .chain(self.copies.iter().copied()),
        )
    }

    /// Gives the figures an article states ([`StorySummary::figures`]).
    pub fn add_figures(&mut self, item: usize, figures: &[Figure]) {
        self.figures.insert(item, figures.into());
    }

    /// The stories of two or more articles, each sorted, listed by their first article:
    /// average linkage over the scored and duplicate pairs, then the leftovers' step. Every
    /// other article is a story of its own ([`partition`] adds them).
    pub fn groups(mut self) -> Result<Vec<Vec<usize>>, StoryGraphError> {
        let figures = std::mem::take(&mut self.figures);
        self.groups_with(&|item| figures.get(&item).map(|figures| &**figures))
    }

    /// [`StoryGraph::groups`] with each article's figures read where they are
    /// (`figures_of`) instead of copied into the graph ([`StoryGraph::add_figures`]): a
    /// batch on one machine holds every article's figures already.
    /// One function for both callers (`dyn`, not generic): the page's WebAssembly carries
    /// one copy of the grouping.
    fn groups_with<'f>(
        mut self,
        figures_of: &dyn Fn(usize) -> Option<&'f [Figure]>,
    ) -> Result<Vec<Vec<usize>>, StoryGraphError> {
        // One order whatever the order of adding: scored pairs by articles, then the copies
        // (what one machine has always done). A pair given twice counts once. The scoring
        // and the duplicate search give their pairs in this order already (checked in one
        // pass), so the sorts run only for pairs added otherwise.
        if !self.edges.is_sorted_by_key(|edge| (edge.a, edge.b)) {
            sorting::sort_by_key(&mut self.edges, |edge| (edge.a, edge.b));
        }
        self.edges.dedup_by_key(|edge| (edge.a, edge.b));
        if !self.copies.is_sorted() {
            sorting::sort(&mut self.copies);
        }
        self.copies.dedup();
        let mut edges = std::mem::take(&mut self.edges);
        edges.extend(self.copies.iter().map(|&(a, b)| Edge {
            a,
            b,
            similarity: 1.0,
            dates: OwnDates::Unknown,
        }));
        // The articles touched, numbered in their order: the linkage and the leftovers' step
        // compare articles only by that order, so numbering them afresh changes no choice,
        // and the work and memory grow with the edges, not with the batch.
        let items = renumber(&mut edges);
        let figures: Vec<&[Figure]> = items
            .iter()
            .map(|&item| figures_of(item).ok_or(StoryGraphError::MissingFigures { item }))
            .collect::<Result<_, _>>()?;
        let groups = average_linkage(items.len(), &edges, &figures, &RULES);
        let groups = attach_leftovers(groups, &edges, &figures, &RULES);
        Ok(groups
            .into_iter()
            .filter(|group| group.len() >= 2)
            .map(|group| group.into_iter().map(|local| items[local]).collect())
            .collect())
    }
}

/// The articles `edges` touch, sorted, with each edge's articles replaced by their places in
/// that list. When the articles' numbers are not much sparser than the edges' ends (a
/// batch's positions, the usual case), a table indexed by article marks and numbers them in
/// two passes; else (numbers far apart, from a driver's own numbering) the ends are sorted
/// and each is found by binary search. Both give the same list and numbers.
fn renumber(edges: &mut [Edge]) -> Vec<usize> {
    /// A table of up to this many entries per end of an edge: at most 16 × 4 bytes (a u32
    /// each) per end, so its memory stays of the order of the edges' own (40 bytes each).
    const TABLE_ENTRIES_PER_END: usize = 16;
    let ends = 2 * edges.len();
    let Some(largest) = edges.iter().map(|edge| edge.a.max(edge.b)).max() else {
        return Vec::new();
    };
    let table_size = largest.saturating_add(1);
    if table_size <= ends.saturating_mul(TABLE_ENTRIES_PER_END) && table_size <= u32::MAX as usize {
        // `u32::MAX` marks an article no edge touches until the places are given.
        const UNTOUCHED: u32 = u32::MAX;
        let mut place = vec![UNTOUCHED; table_size];
        for edge in edges.iter() {
            place[edge.a] = 0;
            place[edge.b] = 0;
        }
        let mut items = Vec::new();
        for (item, slot) in place.iter_mut().enumerate() {
            if *slot != UNTOUCHED {
                // Fewer places than table entries, all below `u32::MAX`.
                *slot = items.len() as u32;
                items.push(item);
            }
        }
        for edge in edges.iter_mut() {
            (edge.a, edge.b) = (place[edge.a] as usize, place[edge.b] as usize);
        }
        return items;
    }
    let items = articles_of(edges.iter().map(|edge| (edge.a, edge.b)));
    let local = |item: usize| items.partition_point(|&other| other < item);
    for edge in edges.iter_mut() {
        (edge.a, edge.b) = (local(edge.a), local(edge.b));
    }
    items
}

/// The articles of `pairs`, sorted, each once.
fn articles_of(pairs: impl Iterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut items: Vec<usize> = pairs.flat_map(|(a, b)| [a, b]).collect();
    sorting::sort(&mut items);
    items.dedup();
    items
}

/// Every article of a batch of `count` in exactly one story: the stories of two or more
/// given, and each other article alone; listed by their first article.
pub fn partition(count: usize, stories: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut grouped = vec![false; count];
    for &item in stories.iter().flatten() {
        if let Some(slot) = grouped.get_mut(item) {
            *slot = true;
        }
    }
    // The stories in order of their first article (as the linkage gives them), merged with
    // the articles left alone, which come in order: the same list as sorting them all, without
    // a sort of one group per article (most of a large batch's groups are single articles).
    let mut stories = stories;
    sorting::sort_by_key(&mut stories, |group| group[0]);
    let mut all = Vec::with_capacity(count.max(stories.len()));
    let mut stories = stories.into_iter().peekable();
    for item in (0..count).filter(|&item| !grouped[item]) {
        while let Some(story) = stories.next_if(|story| story[0] < item) {
            all.push(story);
        }
        all.push(vec![item]);
    }
    all.extend(stories);
    all
}

/// Groups articles (given by their summaries, in id order) into stories: every article in
/// exactly one group, groups sorted, listed by their first member. Duplicate pairs are
/// always in the same story. Steps 2 to 5 on one machine.
pub fn group(summaries: &[&StorySummary], duplicates: &[IndexPair]) -> Vec<Vec<usize>> {
    group_scored(summaries, scored_graph(summaries), duplicates)
}

/// The stories of [`group`] from the graph [`scored_graph`] gave for the same summaries: the scoring
/// needs no duplicate pair, so a caller with a second thread can score while the duplicates
/// are searched.
pub fn group_scored(
    summaries: &[&StorySummary],
    mut graph: StoryGraph,
    duplicates: &[IndexPair],
) -> Vec<Vec<usize>> {
    for pair in duplicates {
        let _ = graph.add_copy(pair.a, pair.b);
    }
    // Every article the edges touch is one of the summaries, whose figures are at hand.
    let stories = graph
        .groups_with(&|item| summaries.get(item).map(|summary| &*summary.figures))
        .unwrap_or_default();
    partition(summaries.len(), stories)
}

/// The story graph's scored edges: every pair of articles that shares a key, weighed by
/// their summaries (steps 2 and 3 of [`group`]), before the copies and figures are added.
pub fn scored_graph(summaries: &[&StorySummary]) -> StoryGraph {
    let scoring = PairScoring::new(summaries);
    let mut graph = StoryGraph::new();
    scoring.score(
        |_| true,
        |edge| {
            // Scores are within 0..=1 and pairs are of two articles, so no edge is refused.
            let _ = graph.add_edge(edge);
        },
    );
    graph
}

/// [`scored_graph`] on up to `threads` threads: the same graph, its edges in the same order.
/// The pairs are independent of one another, so the batch's first articles are cut into
/// blocks, each thread walks the candidate pairs and scores those of the blocks it claims
/// first (a thread slowed by other work, such as the quote groups beside it, claims fewer),
/// and the threads' edges, each list in pair order, are merged back into the one order.
#[cfg(not(target_arch = "wasm32"))]
pub fn scored_graph_on(summaries: &[&StorySummary], threads: usize) -> StoryGraph {
    /// First articles per block. Small enough that the threads share the work evenly (a
    /// first article's later partners, and so its work, vary along the batch), large enough
    /// that a block's claim, one atomic operation, is nothing beside its scoring.
    const BLOCK: usize = 64;
    let blocks = summaries.len().div_ceil(BLOCK);
    let threads = threads.clamp(1, blocks.max(1));
    if threads == 1 {
        return scored_graph(summaries);
    }
    let scoring = PairScoring::new_on(summaries, threads);
    let claimed: Vec<AtomicBool> = (0..blocks).map(|_| AtomicBool::new(false)).collect();
    let score_claimed_blocks = || {
        let mut edges = Vec::new();
        // The block of the latest first article, and whether this thread claimed it: the
        // pairs come in order of their first article, so each block is met in one run.
        let mut current: Option<(usize, bool)> = None;
        scoring.score(
            |a| {
                let block = a / BLOCK;
                match current {
                    Some((held, mine)) if held == block => mine,
                    _ => {
                        let mine = !claimed[block].swap(true, Ordering::Relaxed);
                        current = Some((block, mine));
                        mine
                    }
                }
            },
            |edge| edges.push(edge),
        );
        edges
    };
    let shares: Vec<Vec<Edge>> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|_| scope.spawn(score_claimed_blocks))
            .collect();
        let mut shares = vec![score_claimed_blocks()];
        shares.extend(helpers.into_iter().map(|helper| {
            helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        shares
    });
    // Each share's edges are in pair order, and a first article's pairs are all in one share:
    // the next edge is always the front of the share whose front has the smallest first
    // article.
    let mut graph = StoryGraph::new();
    graph.edges.reserve(shares.iter().map(Vec::len).sum());
    let mut fronts: Vec<_> = shares
        .into_iter()
        .map(|edges| edges.into_iter().peekable())
        .collect();
    while let Some((_, next)) = fronts
        .iter_mut()
        .enumerate()
        .filter_map(|(share, edges)| edges.peek().map(|edge| (edge.a, share)))
        .min()
    {
        if let Some(edge) = fronts[next].next() {
            // As in `scored_graph`: no edge is refused.
            let _ = graph.add_edge(edge);
        }
    }
    graph
}

/// What scoring a batch's story pairs needs: the batch's term counts, each article's squared
/// norm, and the index of the articles by their candidate keys.
struct PairScoring<'s> {
    summaries: &'s [&'s StorySummary],
    frequencies: DocumentFrequencies,
    norms: Vec<f64>,
    candidates: SharedKeys<u32>,
}

impl<'s> PairScoring<'s> {
    /// The batch's counts, norms and candidate index, once for all the threads that score.
    fn new(summaries: &'s [&'s StorySummary]) -> PairScoring<'s> {
        let frequencies = Self::frequencies(summaries);
        let (norms, entries) = Self::norms_and_entries(&Weighing::new(&frequencies), summaries, 0);
        Self::indexed(summaries, frequencies, norms, entries)
    }

    /// [`PairScoring::new`] with the articles' norms and keys, most of its work, taken on up
    /// to `threads` threads, each over a run of consecutive articles: the runs' lists joined
    /// in order are the one thread's lists.
    #[cfg(not(target_arch = "wasm32"))]
    fn new_on(summaries: &'s [&'s StorySummary], threads: usize) -> PairScoring<'s> {
        let frequencies = Self::frequencies(summaries);
        let weighing = Weighing::new(&frequencies);
        let run = summaries.len().div_ceil(threads.max(1)).max(1);
        let parts: Vec<_> = std::thread::scope(|scope| {
            let mut runs = summaries.chunks(run).enumerate();
            let first = runs.next();
            let helpers: Vec<_> = runs
                .map(|(index, part)| {
                    scope.spawn(move || Self::norms_and_entries(&weighing, part, index * run))
                })
                .collect();
            let mut parts: Vec<_> = first
                .map(|(_, part)| Self::norms_and_entries(&weighing, part, 0))
                .into_iter()
                .collect();
            parts.extend(helpers.into_iter().map(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }));
            parts
        });
        let mut parts = parts.into_iter();
        let (mut norms, mut entries) = parts.next().unwrap_or_default();
        for (more_norms, more_entries) in parts {
            norms.extend(more_norms);
            entries.extend(more_entries);
        }
        Self::indexed(summaries, frequencies, norms, entries)
    }

    /// In how many summaries each term stands, without the terms of one summary alone.
    fn frequencies(summaries: &[&StorySummary]) -> DocumentFrequencies {
        DocumentFrequencies::count(summaries.iter().copied()).without_single_holders()
    }

    /// The squared norms of `summaries`, the articles numbered from `first_item`, and their
    /// (key, article) entries, in the articles' order.
    fn norms_and_entries(
        weighing: &Weighing<'_>,
        summaries: &[&StorySummary],
        first_item: usize,
    ) -> (Vec<f64>, Vec<(u32, u32)>) {
        let mut norms: Vec<f64> = Vec::with_capacity(summaries.len());
        let mut entries: Vec<(u32, u32)> = Vec::new();
        for (item, summary) in (first_item..).zip(summaries) {
            let (norm, keys) = weighing.squared_norm_and_keys(summary);
            norms.push(norm);
            // A batch holds at most MAX_DOCUMENTS (a million) articles, well within u32.
            let item = item as u32;
            entries.extend(keys.into_iter().map(|key| (key, item)));
        }
        (norms, entries)
    }

    /// The scoring of `summaries` from their counts, norms and (key, article) entries.
    fn indexed(
        summaries: &'s [&'s StorySummary],
        frequencies: DocumentFrequencies,
        norms: Vec<f64>,
        entries: Vec<(u32, u32)>,
    ) -> PairScoring<'s> {
        PairScoring {
            summaries,
            norms,
            candidates: SharedKeys::new(ordered_by_key(entries), usize::MAX),
            frequencies,
        }
    }

    /// Scores every candidate pair whose first article `takes`, in pair order, giving each
    /// pair of some similarity to `edge`.
    fn score(&self, mut takes: impl FnMut(usize) -> bool, mut edge: impl FnMut(Edge)) {
        let (summaries, norms) = (self.summaries, &self.norms);
        let weighing = Weighing::new(&self.frequencies);
        let mut first: Option<(usize, FirstOfPairs)> = None;
        self.candidates.for_each_pair(|a, b| {
            let (a, b) = (a as usize, b as usize);
            if !takes(a) {
                return;
            }
            // The pairs come a's partners at a time: a is weighed once for all of them.
            let cosine = match &mut first {
                Some((current, scorer)) if *current == a => scorer,
                _ => {
                    &mut first
                        .insert((a, FirstOfPairs::new(summaries[a], norms[a])))
                        .1
                }
            }
            .cosine(&weighing, (summaries[b], norms[b]));
            let (similarity, dates) = dated_similarity(cosine, summaries[a], summaries[b]);
            if similarity > 0.0 {
                edge(Edge {
                    a,
                    b,
                    similarity,
                    dates,
                });
            }
        });
    }
}

/// The (key, article) entries, which come in their articles' order (each article's keys
/// together, the articles ascending), in (key, article) order: grouped stably by the key's
/// lowest eleven bits, then the next eleven, then the rest (a radix sort of three counting
/// passes over 2,048 groups). The index sorts its entries ([`SharedKeys::new`]) and finds
/// these sorted in one pass; the three passes take about a third of the comparison sort's
/// instructions on the test corpus's 1,545 articles, where that sort was the largest step of
/// the scoring's setup left on one thread. Entries in any other order come out grouped by
/// key only, and the index's sort orders them as before; fewer entries than the groups are
/// left to that sort alone.
fn ordered_by_key(entries: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    const DIGIT_BITS: u32 = 11;
    const GROUPS: usize = 1 << DIGIT_BITS;
    if entries.len() < GROUPS {
        return entries;
    }
    let mut entries = entries;
    for shift in [0, DIGIT_BITS, 2 * DIGIT_BITS] {
        let digit = |entry: &(u32, u32)| (entry.0 >> shift) as usize & (GROUPS - 1);
        entries = sorting::group_stably(entries, GROUPS, digit).0;
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::story_summary::StoryTerm;
    use crate::text::test_numbers::TestNumbers;

    #[test]
    fn entries_ordered_by_key_are_the_sorted_entries() {
        // Articles in order with random keys (some shared, some repeated by one article), in
        // batches below and above the size where the counting passes start; and the same
        // entries out of article order, which must come out grouped by key for the index's
        // sort to order.
        let mut numbers = TestNumbers::new(19);
        for round in 0..6 {
            let articles = [10, 400, 60_000][round % 3];
            let mut entries: Vec<(u32, u32)> = Vec::new();
            for article in 0..articles {
                for _ in 0..numbers.below(12) {
                    let key = if numbers.below(4) == 0 {
                        numbers.below(50) as u32
                    } else {
                        numbers.any() as u32
                    };
                    entries.push((key, article));
                }
            }
            let counted = entries.len() >= 1 << 11;
            if round >= 3 {
                entries.reverse();
            }
            let mut expected = entries.clone();
            expected.sort_unstable();
            let mut ordered = ordered_by_key(entries.clone());
            if counted {
                assert!(ordered.is_sorted_by_key(|entry| entry.0), "{round}");
                if round < 3 {
                    assert_eq!(ordered, expected, "{round}");
                }
            }
            sorting::sort(&mut ordered);
            assert_eq!(ordered, expected, "{round}");
        }
    }

    fn summary(terms: &[(u32, f32)], published: Option<i32>, spans: &[DaySpan]) -> StorySummary {
        StorySummary {
            terms: terms
                .iter()
                .map(|&(hash, background_share)| StoryTerm {
                    hash,
                    frequency: 1.0,
                    background_share,
                })
                .collect(),
            spans: spans.into(),
            calendar_days: Box::new([]),
            published,
            figures: Box::new([]),
        }
    }

    #[test]
    fn counts_from_parts_of_a_batch_add_up() {
        let a = summary(&[(1, 0.01), (2, 0.01)], None, &[]);
        let b = summary(&[(2, 0.01), (3, 0.01)], None, &[]);
        let whole = DocumentFrequencies::count([&a, &b]);
        let mut parts = DocumentFrequencies::count([&a]);
        parts.merge(&DocumentFrequencies::count([&b]));
        for term in 1..=3 {
            assert_eq!(whole.of(term), parts.of(term));
        }
        assert_eq!(parts.documents, 2);
    }

    #[test]
    fn a_term_the_whole_batch_repeats_counts_less() {
        // 1,000 articles: 600 hold term 9 (a name every article of the batch uses), which the
        // background takes for rare. Two articles sharing it and one rare term are less alike
        // than two sharing two rare terms.
        let mut summaries = vec![
            summary(&[(1, 0.001), (9, 0.001), (20, 0.001)], None, &[]),
            summary(&[(1, 0.001), (9, 0.001), (21, 0.001)], None, &[]),
            summary(&[(1, 0.001), (2, 0.001), (22, 0.001)], None, &[]),
            summary(&[(1, 0.001), (2, 0.001), (23, 0.001)], None, &[]),
        ];
        for index in 0..996u32 {
            let terms: &[(u32, f32)] = if index < 598 {
                &[(9, 0.001)]
            } else {
                &[(1000 + index, 0.001)]
            };
            summaries.push(summary(terms, None, &[]));
        }
        let refs: Vec<&StorySummary> = summaries.iter().collect();
        let frequencies = DocumentFrequencies::count(refs.iter().copied());
        let vector = |i: usize| StoryVector::weigh(refs[i], &frequencies);
        assert!(vector(0).cosine(&vector(1)) < vector(2).cosine(&vector(3)));
    }

    #[test]
    fn days_apart_lower_the_similarity_and_published_dates_lower_it_more() {
        let terms = [(1, 0.001), (2, 0.001)];
        let day = |d: i32| [DaySpan::day(d)];
        let same = summary(&terms, Some(100), &day(100));
        let next_day = summary(&terms, Some(101), &day(101));
        let month_later = summary(&terms, Some(130), &day(130));
        let undated_month_later = summary(&terms, None, &day(130));
        let refs = [&same, &next_day, &month_later, &undated_month_later];
        let frequencies = DocumentFrequencies::count(refs);
        let pair = |x: &StorySummary, y: &StorySummary| {
            let (vx, vy) = (
                StoryVector::weigh(x, &frequencies),
                StoryVector::weigh(y, &frequencies),
            );
            similarity((x, &vx), (y, &vy)).0
        };
        assert!(pair(&same, &next_day) > 0.9);
        assert!((pair(&same, &month_later) - PUBLISHED_DATE_CONFLICT_FLOOR).abs() < 1e-6);
        assert!((pair(&same, &undated_month_later) - DATE_CONFLICT_FLOOR).abs() < 1e-6);
    }

    #[test]
    fn terms_of_one_summary_only_weigh_as_absent_ones() {
        let a = summary(&[(1, 0.01), (2, 0.01), (3, 0.02)], None, &[]);
        let b = summary(&[(2, 0.01), (3, 0.02), (4, 0.001)], None, &[]);
        let c = summary(&[(3, 0.02), (5, 0.001)], None, &[]);
        let all = DocumentFrequencies::count([&a, &b, &c]);
        let shared = all.clone().without_single_holders();
        assert_eq!((all.terms(), shared.terms()), (5, 2));
        for x in [&a, &b, &c] {
            assert_eq!(story_keys(x, &all), story_keys(x, &shared));
            for y in [&a, &b, &c] {
                let cosine = |frequencies| {
                    StoryVector::weigh(x, frequencies).cosine(&StoryVector::weigh(y, frequencies))
                };
                assert_eq!(cosine(&all).to_bits(), cosine(&shared).to_bits());
            }
        }
    }

    #[test]
    fn weighing_per_shared_term_gives_the_vectors_numbers_bit_for_bit() {
        // Terms drawn from a small range so that the summaries share many, with counts from
        // 1 to the whole batch, frequencies and background shares of every size; then longer
        // summaries (more than 64 terms, as one read from bytes may hold) from a range wider
        // than the presence bits, so that terms a lacks pass the presence test too.
        for (most_terms, hash_values, least_positive) in [(30, 60, 500), (150, 5_000, 100)] {
            assert_first_of_pairs_agrees(most_terms, hash_values, least_positive);
        }
    }

    fn assert_first_of_pairs_agrees(most_terms: u64, hash_values: u64, least_positive: usize) {
        let mut numbers = TestNumbers::new(99);
        let mut next = |below: u64| numbers.below(below);
        let summaries: Vec<StorySummary> = (0..40)
            .map(|_| {
                let mut terms: Vec<StoryTerm> = (0..next(most_terms))
                    .map(|_| StoryTerm {
                        hash: next(hash_values) as u32,
                        frequency: 1.0 + next(5) as f32 * 0.7,
                        background_share: 10f32.powi(-(next(7) as i32)),
                    })
                    .collect();
                terms.sort_by_key(|term| term.hash);
                terms.dedup_by_key(|term| term.hash);
                StorySummary {
                    terms: terms.into(),
                    ..StorySummary::default()
                }
            })
            .collect();
        let frequencies = DocumentFrequencies::count(&summaries).without_single_holders();
        let weighing = Weighing::new(&frequencies);
        let vectors: Vec<StoryVector> = summaries
            .iter()
            .map(|summary| StoryVector::weigh(summary, &frequencies))
            .collect();
        let mut positive = 0;
        for (a, vector_a) in summaries.iter().zip(&vectors) {
            let norm_a = weighing.squared_norm(a);
            assert_eq!(norm_a.to_bits(), vector_a.squared_norm.to_bits());
            assert_eq!(weighing.keys(a), candidate_keys(vector_a));
            let (norm, keys) = weighing.squared_norm_and_keys(a);
            assert_eq!((norm.to_bits(), keys), (norm_a.to_bits(), weighing.keys(a)));
            let mut first = FirstOfPairs::new(a, norm_a);
            for (b, vector_b) in summaries.iter().zip(&vectors) {
                let norm_b = weighing.squared_norm(b);
                let cosine = weighing.cosine((a, norm_a), (b, norm_b));
                assert_eq!(cosine.to_bits(), vector_a.cosine(vector_b).to_bits());
                // Weighed once for all its partners, a gives each the same number.
                assert_eq!(
                    first.cosine(&weighing, (b, norm_b)).to_bits(),
                    cosine.to_bits()
                );
                positive += usize::from(cosine > 0.0 && cosine < 1.0);
            }
        }
        assert!(positive > least_positive, "{positive}");
    }

    #[test]
    fn frequencies_read_back_from_bytes_are_the_same() {
        let a = summary(&[(1, 0.01), (2, 0.01), (u32::MAX, 0.02)], None, &[]);
        let b = summary(&[(2, 0.01), (u32::MAX, 0.02)], None, &[]);
        let frequencies = DocumentFrequencies::count([&a, &b, &a]);
        let read = DocumentFrequencies::from_bytes(&frequencies.to_bytes()).unwrap();
        assert_eq!(read, frequencies);
        assert_eq!(read.documents(), 3);
        assert_eq!(
            DocumentFrequencies::from_counts(3, [(1, 2), (2, 3), (u32::MAX, 3)]),
            frequencies
        );
    }

    #[test]
    fn a_partition_lists_stories_and_lone_articles_by_their_first_article() {
        // Stories out of order, one at the batch's start, one past its end (as a caller may
        // give): the same list as sorting every group by its first article.
        let stories = vec![vec![4, 9], vec![0, 2, 7], vec![12, 13], vec![5, 6]];
        let mut expected: Vec<Vec<usize>> = stories.clone();
        expected.extend([1, 3, 8, 10].map(|item| vec![item]));
        expected.sort_by_key(|group| group[0]);
        assert_eq!(partition(11, stories), expected);
        assert_eq!(partition(3, Vec::new()), vec![vec![0], vec![1], vec![2]]);
    }

    #[test]
    fn a_story_graph_groups_alike_whatever_the_order_of_its_edges() {
        let edge = |a, b, similarity| Edge {
            a,
            b,
            similarity,
            dates: OwnDates::Unknown,
        };
        // Articles 10, 20, 30 close; 40 a copy of 50; 60 touches 30 faintly.
        let edges = [
            edge(10, 20, 0.8),
            edge(30, 20, 0.7),
            edge(10, 30, 0.6),
            edge(30, 60, 0.05),
        ];
        let mut forward = StoryGraph::new();
        let mut backward = StoryGraph::new();
        for edge in edges {
            forward.add_edge(edge).unwrap();
        }
        for edge in edges.iter().rev() {
            backward.add_edge(*edge).unwrap();
            backward.add_edge(*edge).unwrap();
        }
        forward.add_copy(40, 50).unwrap();
        backward.add_copy(50, 40).unwrap();
        assert_eq!(forward.items(), vec![10, 20, 30, 40, 50, 60]);
        assert_eq!(
            forward.clone().groups(),
            Err(StoryGraphError::MissingFigures { item: 10 })
        );
        for graph in [&mut forward, &mut backward] {
            for item in graph.items() {
                graph.add_figures(item, &[]);
            }
        }
        let groups = forward.clone().groups().unwrap();
        assert_eq!(groups, vec![vec![10, 20, 30], vec![40, 50]]);
        assert_eq!(backward.groups().unwrap(), groups);
        assert_eq!(
            partition(70, groups)[..4],
            [vec![0], vec![1], vec![2], vec![3]]
        );
        assert!(forward.add_edge(edge(5, 5, 0.5)).is_err());
        assert!(forward.add_edge(edge(5, 6, f64::NAN)).is_err());
    }

    #[test]
    fn articles_are_renumbered_alike_by_the_table_and_by_the_search() {
        let edge = |a, b| Edge {
            a,
            b,
            similarity: 0.5,
            dates: OwnDates::Unknown,
        };
        // Close numbers take the table; the same numbers spread far apart (beyond 16 table
        // entries per end), up to the largest number, take the sort and the search.
        let close = [(3, 7), (0, 7), (3, 9), (12, 9), (7, 12)];
        let spread = |item: usize| {
            if item == 12 {
                usize::MAX
            } else {
                item * 50_000_000
            }
        };
        let mut by_table: Vec<Edge> = close.iter().map(|&(a, b)| edge(a, b)).collect();
        let mut by_search: Vec<Edge> = close
            .iter()
            .map(|&(a, b)| edge(spread(a), spread(b)))
            .collect();
        let items = renumber(&mut by_table);
        assert_eq!(items, vec![0, 3, 7, 9, 12]);
        assert_eq!(
            renumber(&mut by_search),
            items.iter().map(|&item| spread(item)).collect::<Vec<_>>()
        );
        assert_eq!(by_table, by_search);
        let places: Vec<(usize, usize)> = by_table.iter().map(|edge| (edge.a, edge.b)).collect();
        assert_eq!(places, vec![(1, 2), (0, 2), (1, 3), (4, 3), (2, 4)]);
        assert!(renumber(&mut []).is_empty());
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn scoring_on_several_threads_gives_the_same_graph_in_the_same_order() {
        // 700 articles of 12 terms from a vocabulary of 400, so that many pairs share keys,
        // over more blocks than the threads take in turn.
        let mut numbers = TestNumbers::new(14);
        let summaries: Vec<StorySummary> = (0..700)
            .map(|_| {
                let mut terms: Vec<(u32, f32)> = (0..12)
                    .map(|_| (numbers.below(400) as u32 + 1, 0.001))
                    .collect();
                terms.sort_by_key(|term| term.0);
                terms.dedup_by_key(|term| term.0);
                let published = (numbers.below(3) > 0).then(|| 19_000 + numbers.below(30) as i32);
                summary(&terms, published, &[])
            })
            .collect();
        let summaries: Vec<&StorySummary> = summaries.iter().collect();
        let one = scored_graph(&summaries);
        assert!(one.edges.len() > 1000, "{} edges", one.edges.len());
        for threads in [2, 3, 8, 100] {
            let many = scored_graph_on(&summaries, threads);
            assert_eq!(many.edges, one.edges, "{threads} threads");
        }
        assert_eq!(
            scored_graph_on(&summaries[..5], 4).edges,
            scored_graph(&summaries[..5]).edges
        );
    }
}
