//! The cleaner: decides for every paragraph of a pasted page whether it is the article's
//! body, and if not, what it is (title, byline, date, caption, credit, related content,
//! boilerplate, duplicate) and why.
//!
//! How: each paragraph is measured ([`crate::features`]) and judged on its own
//! ([`crate::noise`]); a quality class (jusText's idea: length, stopword density, sentence
//! punctuation) gives it a weight, and the article body is the contiguous run of
//! paragraphs with the highest total weight, plus further runs that continue its topic.
//! Inside the body, related-content regions (a marker, then headlines, teasers and dates
//! about other stories) are removed whole, short lines before body text become headings,
//! and repeats are dropped. Metadata comes from [`crate::metadata`].
//!
//! What it does not do: it never rewrites text beyond the normalisations of
//! [`crate::text`], and it does not look at HTML structure (the input is plain text).

use crate::features::{measure, Features, Tokens};
use crate::metadata::{self, Metadata};
use crate::noise::{local_noise, LocalNoise, COMMENTER_REASON, RELATED_MARKER_REASON};
use crate::offsets::Utf16Cursor;
use crate::repeats::{earlier_repeats, sequence_key};
use crate::report::{Article, Block, BlockKind, BlockOverride};
use crate::segment::{paragraphs, ListMarker, Paragraph};
use crate::text::{count_bytes, HashMapOfWords};

/// How much a paragraph looks like article prose, judged on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quality {
    /// Long running prose.
    Good,
    /// Prose of middling length or density.
    NearGood,
    /// Too short to judge (a heading, a one-line sentence, a label).
    Short,
    /// Menu entries, headlines of other stories, keyword lists.
    Bad,
}

/// One paragraph with everything measured about it.
#[derive(Debug)]
pub struct Analysed {
    /// The paragraph.
    pub paragraph: Paragraph,
    /// Its measurements.
    pub features: Features,
    /// Its words, tokenised once.
    pub tokens: Tokens,
    /// Hash of its word sequence ([`sequence_key`]): equal for repeated paragraphs.
    pub key: u64,
    /// Verdict of the local rules.
    pub noise: Option<LocalNoise>,
    /// Quality class.
    pub quality: Quality,
}

impl Analysed {
    /// Whether the local rules judged the paragraph to be of this kind.
    pub fn noise_is(&self, kind: BlockKind) -> bool {
        self.noise.as_ref().is_some_and(|noise| noise.kind == kind)
    }

    /// Whether the paragraph reads as prose (good or near-good quality).
    pub fn is_prose(&self) -> bool {
        matches!(self.quality, Quality::Good | Quality::NearGood)
    }

    /// Whether the paragraph looks like a line of code or a shell command.
    fn is_code(&self) -> bool {
        self.features.is_code_like() || starts_like_code(&self.paragraph.text)
    }
}

/// Paragraphs with more words than this skip the phrase rules (they are prose).
const PHRASE_RULE_MAX_WORDS: usize = 100;

/// Share of stopwords over the page's longer paragraphs above which the page is treated
/// as English (English prose runs at 0.4 to 0.5; other languages well under 0.15).
const ENGLISH_STOPWORD_SHARE: f64 = 0.2;

/// Share of a paragraph's content words that must occur elsewhere in the body for the
/// paragraph to count as continuing the body's topic.
const ON_TOPIC_SHARE: f64 = 0.2;

/// Share of its content words a paragraph or run outside the body's main run must share
/// with the body to join it (stricter than [`ON_TOPIC_SHARE`]: it has no position in the
/// body speaking for it).
const JOINS_BODY_SHARE: f64 = ON_TOPIC_SHARE * 1.5;

/// Cleans one article.
pub fn clean_article(input: &str, overrides: &[BlockOverride]) -> Article {
    let mut warnings = Vec::new();
    if input.chars().all(crate::text::is_blank_char) {
        warnings.push(if input.is_empty() {
            "the text is empty: paste or drop an article to clean it".to_string()
        } else {
            "the text holds only white space: paste or drop an article to clean it".to_string()
        });
        return Article {
            warnings,
            ..Article::default()
        };
    }
    if looks_binary(input) {
        warnings.push(
            "the text looks like binary data (many control or undecodable characters), not an article; the result is probably meaningless"
                .to_string(),
        );
    }
    let analysed = analyse(input);
    let (mut verdicts, metadata) = decide(&analysed);
    apply_overrides(&mut verdicts, overrides, &mut warnings);
    let mut article = assemble(input, &analysed, verdicts, warnings);
    article.title = metadata.title_text;
    article.author = metadata.author;
    article.date = metadata.date;
    article
}

/// Measures and locally judges every paragraph.
fn analyse(input: &str) -> Vec<Analysed> {
    let paragraphs = paragraphs(input);
    let mut analysed: Vec<Analysed> = paragraphs
        .into_iter()
        .map(|paragraph| {
            let (features, tokens) = measure(&paragraph.text);
            let noise = if features.words <= PHRASE_RULE_MAX_WORDS {
                local_noise(&paragraph.text, &features, &tokens)
            } else {
                None
            };
            let key = sequence_key(&tokens.hashes);
            Analysed {
                paragraph,
                features,
                tokens,
                key,
                noise,
                quality: Quality::Short,
            }
        })
        .collect();
    let english = is_english(&analysed);
    for item in &mut analysed {
        item.quality = quality(&item.paragraph, &item.features, english);
    }
    analysed
}

fn is_english(analysed: &[Analysed]) -> bool {
    let (stopwords, words) = analysed
        .iter()
        .filter(|item| item.features.words >= 10)
        .fold((0, 0), |(s, w), item| {
            (s + item.features.stopwords, w + item.features.words)
        });
    words == 0 || stopwords as f64 >= words as f64 * ENGLISH_STOPWORD_SHARE
}

fn quality(paragraph: &Paragraph, features: &Features, english: bool) -> Quality {
    let length = features.word_length();
    let list_item = paragraph.list_marker == Some(ListMarker::Bullet);
    if list_item && length < 10 {
        return Quality::Bad;
    }
    if features.is_title_case() && (3..=20).contains(&length) && paragraph.heading_level == 0 {
        return Quality::Bad;
    }
    if features.chars < 40 && length < 8 {
        return Quality::Short;
    }
    let density = features.stopword_density();
    let sentences = features.sentence_ends >= 1;
    if english {
        if length >= 15 && density >= 0.25 && sentences {
            Quality::Good
        } else if length >= 8 && (density >= 0.18 || features.ends_sentence) {
            // A lede full of names and titles is low in stopwords but still a sentence.
            Quality::NearGood
        } else if length >= 8 {
            Quality::Bad
        } else {
            Quality::Short
        }
    } else if length >= 15 && sentences {
        Quality::Good
    } else if length >= 8 {
        Quality::NearGood
    } else {
        Quality::Short
    }
}

/// Weight of a paragraph in the search for the body's run: prose counts for, furniture
/// against, in proportion to how sure the signal is.
fn weight(item: &Analysed, cohesion: f64) -> f64 {
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
const COHESION_NEIGHBOURS: usize = 3;

/// Weight share a prose paragraph keeps when it shares no words with its neighbours.
const COHESION_FLOOR: f64 = 0.3;

/// How fast the weight share grows with cohesion: full weight from a cohesion of 0.23.
const COHESION_SLOPE: f64 = 3.0;

/// For each paragraph, the share of its distinct content words that also occur in the
/// neighbouring prose paragraphs (up to [`COHESION_NEIGHBOURS`] on each side). An
/// article's paragraphs keep returning to the same names and terms; a list of teasers for
/// unrelated stories does not, so its paragraphs get a low cohesion. Linear time: one
/// sliding window of word counts.
fn cohesion(analysed: &[Analysed]) -> Vec<f64> {
    let prose: Vec<usize> = (0..analysed.len())
        .filter(|&i| analysed[i].noise.is_none() && analysed[i].is_prose())
        .collect();
    // Each word of the article gets a dense id once (one hash lookup per word); the window
    // counts and last-seen stamps below are then plain vector slots.
    let total_words = prose
        .iter()
        .map(|&i| analysed[i].tokens.content.len())
        .sum();
    let mut ids: HashMapOfWords<u32> =
        HashMapOfWords::with_capacity_and_hasher(total_words, Default::default());
    let mut last_seen: Vec<usize> = Vec::with_capacity(total_words);
    // Distinct word ids per paragraph: a word counts when its stamp is not this paragraph.
    let distinct: Vec<Vec<u32>> = prose
        .iter()
        .enumerate()
        .map(|(position, &i)| {
            let mut words = Vec::with_capacity(analysed[i].tokens.content.len());
            for &word in &analysed[i].tokens.content {
                let next_id = ids.len() as u32;
                let id = *ids.entry(word).or_insert(next_id);
                if id == next_id {
                    last_seen.push(usize::MAX);
                }
                let stamp = &mut last_seen[id as usize];
                if *stamp != position {
                    *stamp = position;
                    words.push(id);
                }
            }
            words
        })
        .collect();
    let mut window = vec![0u32; ids.len()];
    let mut result = vec![0.0; analysed.len()];
    let (mut low, mut high) = (0, 0); // window covers distinct[low..high]
    for (position, &index) in prose.iter().enumerate() {
        let want_low = position.saturating_sub(COHESION_NEIGHBOURS);
        let want_high = (position + COHESION_NEIGHBOURS + 1).min(prose.len());
        while high < want_high {
            distinct[high]
                .iter()
                .for_each(|&id| window[id as usize] += 1);
            high += 1;
        }
        while low < want_low {
            distinct[low]
                .iter()
                .for_each(|&id| window[id as usize] -= 1);
            low += 1;
        }
        let words = &distinct[position];
        if !words.is_empty() {
            let shared = words.iter().filter(|&&id| window[id as usize] > 1).count();
            result[index] = shared as f64 / words.len() as f64;
        }
    }
    result
}

/// Weight share kept by a prose paragraph standing alone between two headlines.
const TEASER_WEIGHT_SHARE: f64 = 0.5;

/// Whether a headline-like line stands right before this paragraph and another right
/// after it (skipping furniture): the headline / teaser / headline rhythm of a list of
/// other stories. Article sections usually hold several paragraphs.
fn is_lone_teaser(analysed: &[Analysed], index: usize) -> bool {
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

/// Openings of lines of code and shell commands.
const CODE_OPENINGS: &[&str] = &[
    "import ",
    "from ",
    "def ",
    "class ",
    "return ",
    "const ",
    "let ",
    "var ",
    "function ",
    "#include",
    "$ ",
    "pip ",
    "npm ",
    "cargo ",
    "git ",
    "sudo ",
    "@",
];

/// Whether the paragraph opens like a line of code ("import os", "$ git push").
fn starts_like_code(text: &str) -> bool {
    text.len() < 200
        && CODE_OPENINGS
            .iter()
            .any(|opening| text.starts_with(opening))
        && !text.contains(". ")
}

/// Where each paragraph ended up, before assembly.
#[derive(Debug, Clone)]
struct Verdict {
    kind: BlockKind,
    kept: bool,
    reason: String,
}

impl Verdict {
    fn removed(kind: BlockKind, reason: impl Into<String>) -> Self {
        Verdict {
            kind,
            kept: false,
            reason: reason.into(),
        }
    }

    fn kept(kind: BlockKind, reason: impl Into<String>) -> Self {
        Verdict {
            kind,
            kept: true,
            reason: reason.into(),
        }
    }
}

/// The body's vocabulary: content words of the body's prose with their counts.
struct Vocabulary {
    counts: HashMapOfWords<u32>,
}

impl Vocabulary {
    fn of<'a>(paragraphs: impl Iterator<Item = &'a Analysed> + Clone) -> Self {
        // Sized for every word being distinct, so the table is never rehashed while filled.
        let words = paragraphs
            .clone()
            .map(|item| item.tokens.content.len())
            .sum();
        let mut counts = HashMapOfWords::with_capacity_and_hasher(words, Default::default());
        for item in paragraphs {
            for &word in &item.tokens.content {
                *counts.entry(word).or_insert(0) += 1;
            }
        }
        Vocabulary { counts }
    }

    /// Share of the content words (`content`, as hashes) that occur in the vocabulary;
    /// with `own`, the words must occur there more often than in `content` itself (the
    /// paragraph was counted into the vocabulary).
    fn topic_share(&self, content: &[u64], own: bool) -> f64 {
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
fn best_run(weights: &[f64], range: std::ops::Range<usize>) -> Option<(usize, usize, f64)> {
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
fn body_runs(analysed: &[Analysed], weights: &[f64]) -> (Vec<bool>, Vocabulary) {
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
    let mut pending = vec![0..start, end..analysed.len()];
    let mut extra_runs = 0;
    while let Some(range) = pending.pop() {
        if extra_runs == MAX_EXTRA_RUNS {
            break;
        }
        if range.is_empty() {
            continue;
        }
        let Some((run_start, run_end, run_total)) = best_run(weights, range.clone()) else {
            continue;
        };
        if run_total < minimum {
            continue;
        }
        let content: Vec<u64> = analysed[run_start..run_end]
            .iter()
            .filter(|item| item.quality == Quality::Good)
            .flat_map(|item| item.tokens.content.iter().copied())
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
        // comment thread, a list of dated teasers), is not more of the article.
        if !comments_between
            && timestamps < MAX_TIMESTAMPS_IN_EXTRA_RUN
            && vocabulary.topic_share(&content, false) >= JOINS_BODY_SHARE
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
const MAX_TIMESTAMPS_IN_EXTRA_RUN: usize = 3;

/// Whether a paragraph opens or belongs to a comments section ("34 Comments",
/// "Leave a reply", "jane says:").
fn opens_comments(item: &Analysed) -> bool {
    item.noise
        .as_ref()
        .is_some_and(|noise| noise.reason == "comments section" || noise.reason == COMMENTER_REASON)
        || (item.features.words <= 8
            && item.features.numbers > 0
            && item
                .tokens
                .lower
                .iter()
                .any(|word| matches!(word.as_str(), "comments" | "responses" | "replies")))
}

/// Most runs added to the body besides the best one: each needs a scan of what is left,
/// so the cap keeps the search linear in the number of paragraphs.
const MAX_EXTRA_RUNS: usize = 8;

fn decide(analysed: &[Analysed]) -> (Vec<Verdict>, Metadata) {
    let cohesion = cohesion(analysed);
    let weights: Vec<f64> = analysed
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
        .collect();
    let (in_body, vocabulary) = body_runs(analysed, &weights);
    let body_start = in_body.iter().position(|&b| b);
    let body_end = in_body.iter().rposition(|&b| b).map(|last| last + 1);

    let mut verdicts: Vec<Verdict> = Vec::with_capacity(analysed.len());
    // A list opened by a marker ("More news") after the article has begun runs on into the
    // next run of paragraphs: it ends where page furniture or the body's prose resumes, not
    // where a run ends. Before the article, the first body paragraph ends it.
    let mut in_related_region = false;
    let headline_lists = headline_lists(analysed);
    for (index, &body) in in_body.iter().enumerate() {
        if Some(index) == body_start {
            in_related_region = false;
        }
        let verdict = if body {
            body_verdict(
                analysed,
                index,
                &vocabulary,
                headline_lists[index],
                &mut in_related_region,
            )
        } else {
            outside_verdict(
                analysed,
                index,
                body_start,
                body_end,
                headline_lists[index],
                &mut in_related_region,
            )
        };
        verdicts.push(verdict);
    }
    if body_start.is_none() {
        keep_plain_text(analysed, &mut verdicts);
    }

    let kept: Vec<bool> = verdicts.iter().map(|verdict| verdict.kept).collect();
    let metadata = metadata::find(analysed, &kept, body_start.unwrap_or(0), &|content| {
        vocabulary.topic_share(content, false)
    });
    mark_captions_above_credits(analysed, &mut verdicts);
    mark_date_labels(analysed, &mut verdicts);
    apply_metadata(&metadata, &mut verdicts);
    if let Some(title) = metadata.title {
        mark_headline_copies(analysed, title, &mut verdicts);
        keep_standfirst(analysed, title, &vocabulary, &mut verdicts);
    }
    if let Some(author) = &metadata.author {
        drop_author_bio(analysed, author, &mut verdicts);
    }
    drop_repeats(analysed, metadata.title, &mut verdicts);
    (verdicts, metadata)
}

/// Verdict for a paragraph inside the body's run.
fn body_verdict(
    analysed: &[Analysed],
    index: usize,
    vocabulary: &Vocabulary,
    in_headline_list: bool,
    in_related_region: &mut bool,
) -> Verdict {
    let item = &analysed[index];
    if let Some(verdict) = related_region_verdict(item, in_related_region) {
        return verdict;
    }
    if let Some(noise) = &item.noise {
        return Verdict::removed(noise.kind, noise.reason.clone());
    }
    if *in_related_region {
        // A list of other articles ends where the body's prose resumes: on-topic sentences
        // that are not a teaser (a teaser comes before its article's date line).
        let continues_body = item.is_prose()
            && item.features.ends_sentence
            && !next_is_date(analysed, index)
            && vocabulary.topic_share(&item.tokens.content, true) >= ON_TOPIC_SHARE;
        if !continues_body {
            return Verdict::removed(BlockKind::Related, "item in a list of other articles");
        }
        *in_related_region = false;
    }
    match item.quality {
        Quality::Good | Quality::NearGood => Verdict::kept(BlockKind::Body, "article text"),
        Quality::Short | Quality::Bad => {
            let sentence = item.features.ends_sentence && item.features.words >= 3;
            let before_prose = next_prose(analysed, index).is_some();
            let list_in_body =
                item.paragraph.list_marker.is_some() && neighbours_are_body(analysed, index);
            if item.paragraph.heading_level > 0
                || (!sentence && before_prose && item.features.words <= 15)
            {
                Verdict::kept(BlockKind::Heading, "section heading inside the article")
            } else if item.is_code() {
                Verdict::kept(BlockKind::Body, "code or preformatted text")
            } else if sentence || list_in_body {
                Verdict::kept(BlockKind::Body, "short line of article text")
            } else if item.quality == Quality::Bad && in_headline_list {
                Verdict::removed(BlockKind::Related, "headline in a list of other articles")
            } else {
                Verdict::removed(
                    BlockKind::Boilerplate,
                    "short line that reads like a label or menu entry",
                )
            }
        }
    }
}

/// Whether the paragraph after `index` is a date line.
fn next_is_date(analysed: &[Analysed], index: usize) -> bool {
    analysed
        .get(index + 1)
        .is_some_and(|next| next.noise_is(BlockKind::Date))
}

/// Index of the next paragraph that is prose, if it comes right after `index` (skipping
/// only paragraphs the local rules removed).
fn next_prose(analysed: &[Analysed], index: usize) -> Option<usize> {
    analysed[index + 1..]
        .iter()
        .position(|item| item.noise.is_none())
        .map(|offset| index + 1 + offset)
        .filter(|&next| analysed[next].is_prose())
}

fn neighbours_are_body(analysed: &[Analysed], index: usize) -> bool {
    let is_text = |item: &Analysed| {
        item.is_prose() || (item.paragraph.list_marker.is_some() && item.noise.is_none())
    };
    let before = index.checked_sub(1).is_some_and(|i| is_text(&analysed[i]));
    let after = analysed.get(index + 1).is_some_and(is_text);
    before && after
}

/// For each paragraph, whether it stands in a run of headline-like lines (and the dates
/// between them) holding at least two different headlines and three lines in all: a list of
/// other stories. A headline shown twice is one headline. Each run is judged once, so a page
/// of thousands of headlines costs time in proportion to their number.
fn headline_lists(analysed: &[Analysed]) -> Vec<bool> {
    let is_headline = |item: &Analysed| item.quality == Quality::Bad && item.noise.is_none();
    let in_run = |item: &Analysed| is_headline(item) || item.noise_is(BlockKind::Date);
    let mut in_list = vec![false; analysed.len()];
    let mut first = 0;
    while first < analysed.len() {
        if !in_run(&analysed[first]) {
            first += 1;
            continue;
        }
        let last = analysed[first..]
            .iter()
            .position(|item| !in_run(item))
            .map_or(analysed.len(), |i| first + i);
        let run = &analysed[first..last];
        let mut headlines: Vec<u64> = run
            .iter()
            .filter(|item| is_headline(item))
            .map(|item| item.key)
            .collect();
        headlines.sort_unstable();
        headlines.dedup();
        if run.len() >= 3 && headlines.len() >= 2 {
            in_list[first..last].fill(true);
        }
        first = last;
    }
    in_list
}

/// Follows related-content regions: a marker opens one; inside it, dates belong to the
/// listed articles; page furniture (a footer link, a share prompt) closes it. Returns the
/// verdict when the paragraph's own rules or the region decide it.
fn related_region_verdict(item: &Analysed, in_related_region: &mut bool) -> Option<Verdict> {
    let noise = item.noise.as_ref()?;
    match noise.kind {
        BlockKind::Related => {
            // A marker opens a list; a single link line ("Read more: ...") stands alone.
            *in_related_region = noise.reason == RELATED_MARKER_REASON;
            Some(Verdict::removed(noise.kind, noise.reason.clone()))
        }
        BlockKind::Date if *in_related_region => Some(Verdict::removed(
            BlockKind::Related,
            "date of an article in a list of other articles",
        )),
        _ => {
            *in_related_region = false;
            None
        }
    }
}

/// Verdict for a paragraph outside the body's run.
fn outside_verdict(
    analysed: &[Analysed],
    index: usize,
    body_start: Option<usize>,
    body_end: Option<usize>,
    in_headline_list: bool,
    in_related_region: &mut bool,
) -> Verdict {
    let item = &analysed[index];
    if let Some(verdict) = related_region_verdict(item, in_related_region) {
        return verdict;
    }
    if *in_related_region && item.noise.is_none() {
        return Verdict::removed(BlockKind::Related, "item in a list of other articles");
    }
    let is_date = item.noise_is(BlockKind::Date);
    if is_date && in_headline_list {
        return Verdict::removed(
            BlockKind::Related,
            "date of an article in a list of other articles",
        );
    }
    if let Some(noise) = &item.noise {
        return Verdict::removed(noise.kind, noise.reason.clone());
    }
    if item.quality == Quality::Bad && item.paragraph.list_marker.is_none() && in_headline_list {
        return Verdict::removed(BlockKind::Related, "headline in a list of other articles");
    }
    let reason = match (body_start, body_end) {
        (Some(start), _) if index < start => {
            if item.paragraph.list_marker.is_some() {
                "menu entry before the article"
            } else {
                "page header before the article"
            }
        }
        (_, Some(end)) if index >= end => {
            if item.is_prose() {
                "text after the article's end (comments, teasers or footer)"
            } else {
                "page footer or links after the article"
            }
        }
        _ => "outside the article's main text",
    };
    Verdict::removed(BlockKind::Boilerplate, reason)
}

/// When no run of prose was found (a short note, a list), keep every paragraph the local
/// rules did not remove: never worse than returning the text as it came.
fn keep_plain_text(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    for (item, verdict) in analysed.iter().zip(verdicts.iter_mut()) {
        if item.noise.is_none() {
            *verdict = Verdict::kept(
                BlockKind::Body,
                "text (no clear article body was found, so all text is kept)",
            );
        }
    }
}

/// Longest paragraph taken for a caption because a photo credit follows it.
const MAX_CAPTION_WORDS: usize = 40;

/// Most words of a credit line that names only who took the picture ("Photo: Anna Moreno /
/// Harbor Times via Getty Images"); a longer one carries its caption itself.
const MAX_BARE_CREDIT_WORDS: usize = 10;

/// A one-sentence paragraph right above a photo credit line is that photo's caption,
/// when prose follows the credit (a photo inside the article). After the last paragraph,
/// a credit line may belong to a photo elsewhere, and the paragraph stays.
fn mark_captions_above_credits(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    // For each paragraph, whether the next one the local rules did not remove is prose:
    // filled from the end in one pass, so long runs of furniture cost linear time.
    let mut prose_after = vec![false; analysed.len()];
    let mut next_is_prose = false;
    for index in (0..analysed.len()).rev() {
        prose_after[index] = next_is_prose;
        if analysed[index].noise.is_none() {
            next_is_prose = analysed[index].is_prose();
        }
    }
    for index in 1..analysed.len() {
        // A credit line that carries a caption of its own ("Photo: Waves break over the
        // wall. (Agency)") has no caption above it.
        let follows_credit = analysed[index].noise_is(BlockKind::Credit)
            && analysed[index].features.words <= MAX_BARE_CREDIT_WORDS;
        let caption = &analysed[index - 1];
        if follows_credit
            && prose_after[index]
            && caption.noise.is_none()
            && caption.features.words <= MAX_CAPTION_WORDS
            && caption.features.sentence_ends <= 1
        {
            verdicts[index - 1] =
                Verdict::removed(BlockKind::Caption, "photo caption (above a photo credit)");
        }
    }
}

/// The standfirst, the sentence under the headline summing up the story, is part of the
/// article: a sentence right after the headline (before byline and date) on the body's topic.
fn keep_standfirst(
    analysed: &[Analysed],
    title: usize,
    vocabulary: &Vocabulary,
    verdicts: &mut [Verdict],
) {
    let Some(next) = analysed.get(title + 1) else {
        return;
    };
    let sentence_like =
        next.features.words >= 8 && next.features.words <= 60 && next.features.sentence_ends <= 2;
    if !verdicts[title + 1].kept
        && next.noise.is_none()
        && sentence_like
        && next.quality != Quality::Bad
        && vocabulary.topic_share(&next.tokens.content, false) >= JOINS_BODY_SHARE
    {
        verdicts[title + 1] = Verdict::kept(
            BlockKind::Body,
            "standfirst: the summary under the headline",
        );
    }
}

/// Kept paragraphs at the end of the body checked for an author's biography.
const BIO_TAIL: usize = 3;

/// A paragraph among the last few of the body that opens with the author's name ("Jane
/// Doe is a reporter covering ...", "Jane has worked as ...") is the author's biography.
fn drop_author_bio(analysed: &[Analysed], author: &str, verdicts: &mut [Verdict]) {
    let names: Vec<Vec<u64>> = author
        .split("; ")
        .flat_map(|name| {
            let words = crate::text::word_hashes(name);
            let first = words.first().map(|first| vec![*first]);
            std::iter::once(words).chain(first)
        })
        .filter(|words| !words.is_empty())
        .collect();
    let tail: Vec<usize> = (0..verdicts.len())
        .rev()
        .filter(|&i| verdicts[i].kept && verdicts[i].kind == BlockKind::Body)
        .take(BIO_TAIL)
        .collect();
    for index in tail {
        let words = &analysed[index].tokens.hashes;
        if analysed[index].features.words >= 8 && names.iter().any(|name| words.starts_with(name)) {
            verdicts[index] = Verdict::removed(BlockKind::Boilerplate, "about the author");
        }
    }
}

/// Longest label ("Release date:", "Last updated:") taken as part of the date line below it.
const MAX_LABEL_WORDS: usize = 4;

/// A short line ending in a colon right above a date line is that date's label.
fn mark_date_labels(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    for index in 1..analysed.len() {
        let label = &analysed[index - 1];
        let is_date = analysed[index].noise_is(BlockKind::Date);
        if is_date
            && label.noise.is_none()
            && label.features.words <= MAX_LABEL_WORDS
            && label.paragraph.text.trim_end().ends_with(':')
        {
            verdicts[index - 1] = Verdict::removed(BlockKind::Date, "label of the date line below");
        }
    }
}

/// Other copies of the headline (in a breadcrumb, repeated in bold) are duplicates of it.
fn mark_headline_copies(analysed: &[Analysed], title: usize, verdicts: &mut [Verdict]) {
    let key = analysed[title].key;
    for (index, item) in analysed.iter().enumerate() {
        if index != title && item.key == key && item.tokens.hashes.len() >= 2 {
            verdicts[index] = Verdict::removed(BlockKind::Duplicate, "repeats the headline");
        }
    }
}

fn apply_metadata(metadata: &Metadata, verdicts: &mut [Verdict]) {
    if let Some(index) = metadata.title {
        verdicts[index] = Verdict::removed(BlockKind::Title, "the article's headline");
    }
    if let Some(index) = metadata.byline {
        verdicts[index] = Verdict::removed(BlockKind::Byline, "byline naming the author");
    }
    if let Some(index) = metadata.date_block {
        if verdicts[index].kept || verdicts[index].kind == BlockKind::Boilerplate {
            verdicts[index] = Verdict::removed(BlockKind::Date, "the article's date");
        }
    }
}

fn drop_repeats(analysed: &[Analysed], title: Option<usize>, verdicts: &mut [Verdict]) {
    let words: Vec<(&[u64], u64)> = analysed
        .iter()
        .map(|item| (item.tokens.hashes.as_slice(), item.key))
        .collect();
    let repeats = earlier_repeats(&words);
    for (index, earlier) in repeats.into_iter().enumerate() {
        let Some(earlier) = earlier else { continue };
        if !verdicts[index].kept {
            continue;
        }
        let reason = if Some(earlier) == title {
            "repeats the headline".to_string()
        } else {
            format!("repeats paragraph {}", earlier + 1)
        };
        verdicts[index] = Verdict::removed(BlockKind::Duplicate, reason);
    }
}

/// Applies the user's corrections: a restored block is kept with its kind, a removed one is
/// dropped, and each says so in its reason. An index past the last block gets a warning.
fn apply_overrides(
    verdicts: &mut [Verdict],
    overrides: &[BlockOverride],
    warnings: &mut Vec<String>,
) {
    for correction in overrides {
        let Some(verdict) = verdicts.get_mut(correction.block) else {
            warnings.push(format!(
                "a correction names block {}, but the text has only {} blocks; it was ignored",
                correction.block,
                verdicts.len()
            ));
            continue;
        };
        if verdict.kept == correction.kept {
            continue;
        }
        verdict.kept = correction.kept;
        verdict.reason = if correction.kept {
            format!("restored by you (the cleaner said: {})", verdict.reason)
        } else {
            format!("removed by you (the cleaner kept it: {})", verdict.reason)
        };
    }
}

fn assemble(
    input: &str,
    analysed: &[Analysed],
    verdicts: Vec<Verdict>,
    warnings: Vec<String>,
) -> Article {
    let mut cursor = Utf16Cursor::new(input);
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(analysed.len());
    for (item, verdict) in analysed.iter().zip(verdicts) {
        if verdict.kept && !item.paragraph.text.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&item.paragraph.text);
        }
        let start = cursor.to_utf16(item.paragraph.start);
        let end = cursor.to_utf16(item.paragraph.end);
        blocks.push(Block {
            start,
            end,
            kind: verdict.kind,
            kept: verdict.kept,
            reason: verdict.reason,
        });
    }
    Article {
        text,
        blocks,
        warnings,
        ..Article::default()
    }
}

/// Whether the text looks like binary data: many control characters or replacement
/// characters (from undecodable bytes).
fn looks_binary(input: &str) -> bool {
    let sample = &input.as_bytes()[..input.len().min(4096)];
    let control_bytes = count_bytes(sample, |b| {
        (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')) || b == 0x7F
    });
    // U+FFFD, the replacement for undecodable bytes, is EF BF BD in UTF-8. EF is rare in
    // text, so the three-byte search seldom runs.
    let replacements = if sample.contains(&0xEF) {
        sample
            .windows(3)
            .filter(|w| *w == [0xEF, 0xBF, 0xBD])
            .count()
    } else {
        0
    };
    let suspicious_bytes = control_bytes + 3 * replacements;
    suspicious_bytes * 10 > sample.len()
}
