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
//!
//! The steps, each of which a distributed run does elsewhere (`distributed.rs`):
//! 1. per article, the [`QuoteSummary`] of each attributed quote;
//! 2. over the batch, [`QuoteStatistics`]: how many quotes each content stem stands in, and
//!    from them the [`CommonStems`], too common to tell statements apart;
//! 3. per quote, its [`CommonStems::filing_keys`] (speaker and distinctive stem);
//! 4. per candidate pair (quotes sharing a key whose bucket is not over [`MAX_POSTING`]:
//!    `candidates.rs`), [`CommonStems::quotes_match`];
//! 5. from the matches, a [`QuoteGraph`], whose [`QuoteGraph::stars`] are the groups.

use crate::text::sorting;
use std::cmp::Ordering;
use std::collections::HashMap;

use super::candidates::for_each_pair_sharing_a_key;
use super::summary_bytes::{ByteReader, ByteWriter, SummaryBytesError, SummaryKind};
use crate::quotes::cue_base;
use crate::report::Quote;
use crate::text::is_content_word;
use crate::text::{hashed_words, lowercase_into, word_hash, HashedWord, Prehashed};

/// Characters of a word compared (a crude stem that needs no language rules).
const STEM_CHARS: usize = 5;
/// Fewest content words two quotes of one statement share (and that a quote needs to be
/// grouped at all: a one-word quote could be anybody's).
const MIN_SHARED_WORDS: usize = 3;
/// Smallest share of the shorter quote's content words found in the other.
const MIN_SHARED_SHARE: f64 = 0.6;
/// Quotes filed under one speaker and word beyond this many are not compared through that
/// word (it is a word this speaker always uses), which keeps the search linear. The count is
/// the batch's quotes under the key, so the cap is the same wherever the key's bucket is
/// formed. Below 100,000 groupable quotes in a batch no key reaches it: a stem in more than
/// [`COMMON_WORD_SHARE`] of the quotes (500 of 100,000) is common and files no key.
pub const MAX_POSTING: usize = 500;

/// What quote grouping keeps of one attributed quote (and what comparing it with the other
/// quotes of its group needs: see `quote_changes`).
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The groupable quotes of one article: those with a speaker and at least
/// [`MIN_SHARED_WORDS`] content words. A quote with fewer is never grouped (it could be
/// anybody's), so a batch keeps nothing of it.
pub fn summarise(quotes: &[Quote]) -> Vec<QuoteSummary> {
    // One buffer for every quote's words and stems, copied out at their exact lengths.
    let (mut words, mut stems) = (Vec::new(), Vec::new());
    quotes
        .iter()
        .enumerate()
        .filter_map(|(index, quote)| {
            let speaker = quote.speaker.as_deref()?;
            let mut names = hashed_words(speaker).map(|word| word.hash);
            let first = names.next()?;
            // The last name word, and the first when there are several.
            let (surname, first_name) = match names.last() {
                Some(last) => (last, first),
                None => (first, 0),
            };
            words_and_stems(&quote.text, &mut words, &mut stems);
            (stems.len() >= MIN_SHARED_WORDS).then(|| QuoteSummary {
                index,
                surname,
                first_name,
                // Kept for the whole batch: exactly as long as they need to be.
                stems: stems.as_slice().into(),
                words: words.as_slice().into(),
                speaker: speaker.into(),
                cue: quote.cue.as_deref().map(|cue| cue_base(cue).into()),
            })
        })
        .collect()
}

impl QuoteSummary {
    /// Whether the quote has content words enough to be grouped at all ([`summarise`] keeps
    /// only such; a summary read from bytes may be another).
    pub fn is_groupable(&self) -> bool {
        self.stems.len() >= MIN_SHARED_WORDS
    }

    /// How many distinct content stems it holds: longer quotes become centres first.
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// Its content stems, sorted (what [`QuoteStatistics`] counts).
    pub fn stems(&self) -> &[u64] {
        &self.stems
    }

    /// The summary as bytes (see `summary_bytes.rs`): 8 bytes a stem and a word, the speaker
    /// and cue as text; a quote of 30 words takes some 350 bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut writer = ByteWriter::new(
            SummaryKind::Quote,
            40 + 8 * (self.stems.len() + self.words.len()) + self.speaker.len(),
        );
        writer.varint(self.index as u64);
        writer.u64(self.surname);
        writer.u64(self.first_name);
        writer.varint(self.stems.len() as u64);
        for &stem in &self.stems {
            writer.u64(stem);
        }
        writer.varint(self.words.len() as u64);
        for &word in self.words.iter() {
            writer.u64(word);
        }
        writer.text(&self.speaker);
        match &self.cue {
            Some(cue) => {
                writer.varint(1);
                writer.text(cue);
            }
            None => writer.varint(0),
        }
        writer.finish()
    }

    /// Reads a summary written by [`QuoteSummary::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<QuoteSummary, SummaryBytesError> {
        let mut reader = ByteReader::new(SummaryKind::Quote, bytes)?;
        let index = usize::try_from(reader.varint()?)
            .map_err(|_| reader.invalid("a quote number out of range"))?;
        let surname = reader.u64()?;
        let first_name = reader.u64()?;
        let count = reader.count(8)?;
        let stems = (0..count)
            .map(|_| reader.u64())
            .collect::<Result<Box<[u64]>, _>>()?;
        // Stems are sorted without repeats: matching looks them up by binary search.
        if stems.windows(2).any(|pair| pair[0] >= pair[1]) {
            return Err(reader.invalid("content stems out of order"));
        }
        let count = reader.count(8)?;
        let words = (0..count)
            .map(|_| reader.u64())
            .collect::<Result<Box<[u64]>, _>>()?;
        let speaker = reader.text()?.into();
        let cue = match reader.varint()? {
            0 => None,
            1 => Some(reader.text()?.into()),
            _ => return Err(reader.invalid("a cue that is neither there nor absent")),
        };
        reader.finish()?;
        Ok(QuoteSummary {
            index,
            surname,
            first_name,
            stems,
            words,
            speaker,
            cue,
        })
    }
}

/// The hashes of all of `text`'s words in order (into `words`) and the [`content_stem`]s of
/// its content words, sorted, without repeats (into `stems`), in one pass over its words;
/// both lists are cleared first.
fn words_and_stems(text: &str, words: &mut Vec<u64>, stems: &mut Vec<u64>) {
    words.clear();
    stems.clear();
    let mut buffer = String::new();
    for word in hashed_words(text) {
        words.push(word.hash);
        if is_content_word(&word) {
            stems.push(content_stem(&word, &mut buffer));
        }
    }
    sorting::sort(stems);
    stems.dedup();
}

/// The hash of a word's first [`STEM_CHARS`] characters in lowercase (`buffer` holds the
/// lowercase of a word that is not ASCII).
fn content_stem(word: &HashedWord<'_>, buffer: &mut String) -> u64 {
    if word.ascii {
        // [`word_hash`] lowercases ASCII as it hashes, and lowercasing ASCII keeps every
        // byte's place: the word's first bytes are its lowercase's first characters, and a
        // word of at most STEM_CHARS letters is its own stem, hashed already.
        return match word.text.get(..STEM_CHARS) {
            Some(start) if word.text.len() > STEM_CHARS => word_hash(start),
            _ => word.hash,
        };
    }
    let lower = lowercase_into(word.text, buffer);
    let end = lower
        .char_indices()
        .nth(STEM_CHARS)
        .map_or(lower.len(), |(i, _)| i);
    word_hash(&lower[..end])
}

fn same_speaker(a: &QuoteSummary, b: &QuoteSummary) -> bool {
    a.surname == b.surname
        && (a.first_name == 0 || b.first_name == 0 || a.first_name == b.first_name)
}

/// Whether two quotes (given with their distinctive stems) are the same statement: the
/// same speaker, and enough distinctive stems shared.
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

/// Step 2: how many of a batch's groupable quotes each content stem stands in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteStatistics {
    quotes: usize,
    stem_counts: HashMap<u64, u32, Prehashed>,
}

impl QuoteStatistics {
    /// Counts the stems of the groupable quotes among `quotes`.
    pub fn count<'a>(quotes: impl IntoIterator<Item = &'a QuoteSummary>) -> QuoteStatistics {
        let mut statistics = QuoteStatistics::default();
        for quote in quotes.into_iter().filter(|quote| quote.is_groupable()) {
            statistics.quotes += 1;
            for &stem in &quote.stems {
                *statistics.stem_counts.entry(stem).or_default() += 1;
            }
        }
        statistics
    }

    /// Adds the counts of another part of the batch.
    pub fn merge(&mut self, other: &QuoteStatistics) {
        self.quotes += other.quotes;
        for (&stem, &count) in &other.stem_counts {
            *self.stem_counts.entry(stem).or_default() += count;
        }
    }

    /// Most quotes a stem may stand in, in a batch of `groupable_quotes`, and still tell
    /// statements apart; a stem in more is common.
    pub fn common_limit(groupable_quotes: usize) -> usize {
        COMMON_WORD_FLOOR.max((COMMON_WORD_SHARE * groupable_quotes as f64) as usize)
    }

    /// The stems in more quotes than [`QuoteStatistics::common_limit`] allows.
    pub fn common_stems(&self) -> CommonStems {
        let limit = QuoteStatistics::common_limit(self.quotes);
        CommonStems::new(
            self.stem_counts
                .iter()
                .filter(|&(_, &count)| count as usize > limit)
                .map(|(&stem, _)| stem),
        )
    }
}

/// Step 2's result, which every quote is read against: the content stems too common across
/// the batch's quotes to tell statements apart (a few hundred at most: each stands in more
/// than [`COMMON_WORD_SHARE`] of the quotes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommonStems {
    stems: Vec<u64>,
}

impl CommonStems {
    /// The common stems (any order, repeats allowed).
    pub fn new(stems: impl IntoIterator<Item = u64>) -> CommonStems {
        let mut stems: Vec<u64> = stems.into_iter().collect();
        sorting::sort(&mut stems);
        stems.dedup();
        CommonStems { stems }
    }

    /// How many stems are common.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    /// Whether no stem is common.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// The stems as bytes (sorted, as gaps).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut writer = ByteWriter::new(SummaryKind::CommonStems, 9 * self.stems.len() + 10);
        writer.ascending(self.stems.iter().copied());
        writer.finish()
    }

    /// Reads stems written by [`CommonStems::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<CommonStems, SummaryBytesError> {
        let mut reader = ByteReader::new(SummaryKind::CommonStems, bytes)?;
        let stems = reader.ascending(u64::MAX, true)?;
        reader.finish()?;
        Ok(CommonStems { stems })
    }

    /// The quote's stems that are not common, sorted.
    fn distinctive(&self, quote: &QuoteSummary) -> Vec<u64> {
        let mut stems = Vec::new();
        self.distinctive_into(quote, &mut stems);
        stems
    }

    /// [`CommonStems::distinctive`] into `stems` (emptied first), for a caller that asks
    /// for many quotes' stems in turn.
    fn distinctive_into(&self, quote: &QuoteSummary, stems: &mut Vec<u64>) {
        stems.clear();
        stems.extend(
            quote
                .stems
                .iter()
                .copied()
                .filter(|stem| self.stems.binary_search(stem).is_err()),
        );
    }

    /// Step 3: the keys a quote is filed under (its speaker's surname with each distinctive
    /// stem); none when it is not groupable or has too few distinctive stems to match.
    pub fn filing_keys(&self, quote: &QuoteSummary) -> Vec<u64> {
        if !quote.is_groupable() {
            return Vec::new();
        }
        filing_keys(&self.distinctive(quote), quote)
    }

    /// Step 4: whether two quotes of two articles (position in the batch, summary) are the
    /// same statement: other articles, the same speaker, enough distinctive stems shared.
    pub fn quotes_match(&self, a: (usize, &QuoteSummary), b: (usize, &QuoteSummary)) -> bool {
        a.0 != b.0 && same_statement(&self.distinctive(a.1), &self.distinctive(b.1), a.1, b.1)
    }
}

/// The keys of a quote with these distinctive stems.
fn filing_keys(distinctive: &[u64], quote: &QuoteSummary) -> Vec<u64> {
    if !files_keys(distinctive.len()) {
        return Vec::new();
    }
    distinctive
        .iter()
        .map(|&stem| filing_key(stem, quote))
        .collect()
}

/// Whether a quote with this many distinctive stems is filed at all: with fewer than
/// [`MIN_SHARED_WORDS`] it could match no other quote ([`same_statement`] asks that many
/// shared), so its keys would only crowd the buckets.
fn files_keys(distinctive: usize) -> bool {
    distinctive >= MIN_SHARED_WORDS
}

/// The key a quote is filed under for one of its distinctive stems: the stem and the
/// speaker's surname together.
fn filing_key(stem: u64, quote: &QuoteSummary) -> u64 {
    stem ^ quote.surname.rotate_left(17)
}

/// A quote of the batch: the position of its article and its index in the article's quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuoteId {
    /// Position of the article in the batch's id order.
    pub article: usize,
    /// Index in the article's `quotes`.
    pub quote: usize,
}

/// A quote in the order quotes become centres: most content stems first, then by article
/// and quote. A total order of the batch's own data, so the stars never depend on the order
/// anything arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RankedQuote {
    /// Which quote.
    pub id: QuoteId,
    /// Its [`QuoteSummary::stem_count`].
    pub stems: usize,
}

impl Ord for RankedQuote {
    fn cmp(&self, other: &Self) -> Ordering {
        other.stems.cmp(&self.stems).then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for RankedQuote {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Step 5's input: the pairs of quotes that match ([`CommonStems::quotes_match`]), all a
/// batch's quote groups need.
#[derive(Debug, Clone, Default)]
pub struct QuoteGraph {
    /// (earlier, later) in rank order.
    matches: Vec<(RankedQuote, RankedQuote)>,
}

impl QuoteGraph {
    /// An empty graph.
    pub fn new() -> QuoteGraph {
        QuoteGraph::default()
    }

    /// Adds a matching pair (in either order; a pair given twice counts once).
    pub fn add_match(&mut self, a: RankedQuote, b: RankedQuote) {
        if a != b {
            self.matches.push((a.min(b), a.max(b)));
        }
    }

    /// The groups, stars and not chains: quotes are taken in rank order (longest first), and
    /// each joins the group of the first earlier quote it matches that is a group's centre, or
    /// becomes a centre itself. A speaker quoted often cannot chain all their remarks into one
    /// group through quotes that each share a few words with the next.
    pub fn stars(&self) -> Grouping {
        let mut matches = self.matches.clone();
        sorting::sort_by(&mut matches, |x, y| x.1.cmp(&y.1).then(x.0.cmp(&y.0)));
        matches.dedup();
        let mut quotes: Vec<RankedQuote> = matches.iter().flat_map(|&(a, b)| [a, b]).collect();
        // Once per batch, over its matched quotes: the compact sort, smaller in the page.
        sorting::sort_by(&mut quotes, Ord::cmp);
        quotes.dedup();
        let number = |quote: &RankedQuote| quotes.partition_point(|other| other < quote);
        let mut centre_of: Vec<usize> = (0..quotes.len()).collect();
        for run in matches.chunk_by(|x, y| x.1 == y.1) {
            let later = number(&run[0].1);
            // Earlier quotes in rank order, so the first centre is the one a single machine
            // walking the quotes in that order meets first.
            if let Some(centre) = run
                .iter()
                .map(|(earlier, _)| number(earlier))
                .find(|&earlier| centre_of[earlier] == earlier)
            {
                centre_of[later] = centre;
            }
        }
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for (number, &centre) in centre_of.iter().enumerate() {
            members.entry(centre).or_default().push(number);
        }
        let mut centres = Vec::new();
        let mut groups: Vec<Vec<(usize, usize)>> = members
            .into_iter()
            .filter(|(centre, members)| {
                let article = quotes[*centre].id.article;
                members.iter().any(|&m| quotes[m].id.article != article)
            })
            .map(|(centre, members)| {
                let id = quotes[centre].id;
                centres.push((id.article, id.quote));
                let mut group: Vec<(usize, usize)> = members
                    .into_iter()
                    .map(|m| (quotes[m].id.article, quotes[m].id.quote))
                    .collect();
                sorting::sort(&mut group);
                group
            })
            .collect();
        // Once per batch, over its quote groups: the compact sort, smaller in the page.
        sorting::sort_by(&mut groups, Ord::cmp);
        sorting::sort(&mut centres);
        Grouping { groups, centres }
    }
}

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

/// Filing keys of a batch's quotes held at once, at most: some 64 MB of (key, quote)
/// entries. Beyond, the keys are taken in parts (see [`group`]).
const ENTRIES_PER_PART: usize = 1 << 22;

/// Groups the quotes of articles (in id order) into statements quoted by two or more
/// articles (steps 2 to 5 on one machine; see [`QuoteGraph::stars`]).
///
/// The filing keys of a million articles' quotes are some 35 million entries, 560 MB if
/// held at once; they are taken in parts instead, each part the keys of one remainder
/// modulo the number of parts, a few million entries each. Every key's bucket lies whole in
/// one part, so its size against [`MAX_POSTING`] is the batch's, and every candidate pair is
/// found in some part; a pair sharing keys of two parts is compared in each, and the graph
/// counts its match once. Each quote's distinctive stems are found again where they are
/// needed rather than kept (cheap: a few binary searches in the common stems).
pub fn group(articles: &[&[QuoteSummary]]) -> Grouping {
    group_in_parts(articles, ENTRIES_PER_PART)
}

/// [`group`] holding at most about `entries_per_part` filing keys at once.
fn group_in_parts(articles: &[&[QuoteSummary]], entries_per_part: usize) -> Grouping {
    let quotes = GroupableQuotes::new(articles);
    let common = QuoteStatistics::count(quotes.iter().map(|(_, quote)| quote)).common_stems();
    let distinctive = DistinctiveStems::new(&quotes, &common);
    let keys = distinctive.keys;
    let parts = keys.div_ceil(entries_per_part.max(1)).max(1);
    let ranked = |article: usize, quote: &QuoteSummary| RankedQuote {
        id: QuoteId {
            article,
            quote: quote.index,
        },
        stems: quote.stem_count(),
    };
    let mut graph = QuoteGraph::new();
    let (mut x_stems, mut y_stems) = (Vec::new(), Vec::new());
    for part in 0..parts as u64 {
        // A part's share of the keys, and an eighth more for the chance of the remainders.
        let mut entries: Vec<(u64, usize)> = Vec::with_capacity(keys / parts + keys / parts / 8);
        entries.extend(
            distinctive
                .keys(&quotes)
                .filter(|&(key, _)| key % parts as u64 == part),
        );
        for_each_pair_sharing_a_key(entries, MAX_POSTING, |x: usize, y: usize| {
            let ((x_article, x_quote), (y_article, y_quote)) = (quotes.get(x), quotes.get(y));
            // What `CommonStems::quotes_match` does.
            if x_article == y_article {
                return;
            }
            common.distinctive_into(x_quote, &mut x_stems);
            common.distinctive_into(y_quote, &mut y_stems);
            if same_statement(&x_stems, &y_stems, x_quote, y_quote) {
                graph.add_match(ranked(x_article, x_quote), ranked(y_article, y_quote));
            }
        });
    }
    graph.stars()
}

/// Which stems of the batch's groupable quotes are distinctive (not among the common stems),
/// one bit per stem of every quote, quote after quote in number order: what
/// [`CommonStems::filing_keys`] asks of each stem, asked once.
///
/// Why: the keys are taken in one pass over the quotes per part, and a batch of a million
/// articles has some nine parts; finding the distinctive stems again in each pass (a binary
/// search in the common stems per stem) made the passes most of the quotes' cross-article
/// time, growing with the square of the batch. The bits take one bit a stem (some 5 MB for a
/// million articles' quotes), a pass reads them in order.
struct DistinctiveStems {
    bits: Vec<u64>,
    /// One bit per quote, in number order: whether it files keys ([`files_keys`] of its
    /// distinctive stems, counted while `bits` is set), so no part's pass counts them again.
    files: Vec<u64>,
    /// How many filing keys [`DistinctiveStems::keys`] gives, counted while the bits are set
    /// (the sizes of the parts need it before any part is taken): one pass over the quotes'
    /// stems fewer, out of the four plus one per part that the grouping makes.
    keys: usize,
}

impl DistinctiveStems {
    fn new(quotes: &GroupableQuotes<'_>, common: &CommonStems) -> DistinctiveStems {
        let mut bits = Vec::new();
        let mut files = Vec::new();
        let mut at = 0usize;
        let mut keys = 0;
        for (number, (_, quote)) in quotes.iter().enumerate() {
            let mut distinctive = 0;
            for stem in quote.stems.iter() {
                if at % 64 == 0 {
                    bits.push(0);
                }
                if common.stems.binary_search(stem).is_err() {
                    bits[at / 64] |= 1 << (at % 64);
                    distinctive += 1;
                }
                at += 1;
            }
            if number % 64 == 0 {
                files.push(0);
            }
            if files_keys(distinctive) {
                files[number / 64] |= 1 << (number % 64);
                keys += distinctive;
            }
        }
        DistinctiveStems { bits, files, keys }
    }

    fn is_distinctive(&self, at: usize) -> bool {
        self.bits[at / 64] & (1 << (at % 64)) != 0
    }

    fn files_keys(&self, number: usize) -> bool {
        self.files[number / 64] & (1 << (number % 64)) != 0
    }

    /// Every (filing key, quote number) of the quotes, in number order: the keys of
    /// [`CommonStems::filing_keys`] for each quote.
    fn keys<'q>(
        &'q self,
        quotes: &'q GroupableQuotes<'_>,
    ) -> impl Iterator<Item = (u64, usize)> + 'q {
        let mut first = 0usize;
        quotes
            .iter()
            .enumerate()
            .flat_map(move |(number, (_, quote))| {
                let stems = &quote.stems;
                let at = first;
                first += stems.len();
                let files = self.files_keys(number);
                stems
                    .iter()
                    .enumerate()
                    .filter(move |&(offset, _)| files && self.is_distinctive(at + offset))
                    .map(move |(_, &stem)| (filing_key(stem, quote), number))
            })
    }
}

/// The batch's groupable quotes numbered in article order, without a list of them: where
/// each article's numbers start (a million articles' four million quotes would take 64 MB
/// as (article, quote) pairs, their starts 8 MB).
struct GroupableQuotes<'a> {
    articles: &'a [&'a [QuoteSummary]],
    /// `starts[a]` is the number of article a's first groupable quote; one more entry at the
    /// end, the number of quotes.
    starts: Vec<usize>,
}

impl<'a> GroupableQuotes<'a> {
    fn new(articles: &'a [&'a [QuoteSummary]]) -> GroupableQuotes<'a> {
        let mut starts = Vec::with_capacity(articles.len() + 1);
        let mut number = 0;
        starts.push(number);
        for quotes in articles {
            number += quotes.iter().filter(|quote| quote.is_groupable()).count();
            starts.push(number);
        }
        GroupableQuotes { articles, starts }
    }

    /// Every groupable quote with its article's position, in number order.
    fn iter(&self) -> impl Iterator<Item = (usize, &'a QuoteSummary)> + '_ {
        self.articles
            .iter()
            .enumerate()
            .flat_map(|(article, quotes)| quotes.iter().map(move |quote| (article, quote)))
            .filter(|(_, quote)| quote.is_groupable())
    }

    /// The quote numbered `number` (below the number of quotes) with its article's position.
    fn get(&self, number: usize) -> (usize, &'a QuoteSummary) {
        // The last article whose numbers start at or before `number`: its own start is at
        // most `number` and the next one's above, so it holds the quote.
        let article = self.starts.partition_point(|&start| start <= number) - 1;
        let nth = number - self.starts[article];
        let quote = self.articles[article]
            .iter()
            .filter(|quote| quote.is_groupable())
            .nth(nth)
            .expect("an article holds as many groupable quotes as its numbers span");
        (article, quote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::QuoteKind;

    fn quote(speaker: &str, text: &str) -> Quote {
        Quote {
            text: text.to_string(),
            speaker: Some(speaker.to_string()),
            cue: Some("said".to_string()),
            start: 0,
            end: text.len(),
            kind: QuoteKind::Direct,
        }
    }

    /// A quote's stems as they were first defined: each content word lowercased, cut to
    /// its first STEM_CHARS characters, hashed; sorted, without repeats.
    fn stems_by_definition(text: &str) -> Vec<u64> {
        let mut stems: Vec<u64> = hashed_words(text)
            .filter(is_content_word)
            .map(|word| {
                let lower: String = word.text.to_lowercase().replace('’', "'");
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

    #[test]
    fn one_pass_gives_the_words_and_stems_of_their_definitions() {
        let texts = [
            "The harbour WALL will be REBUILT by spring, the engineers said again and again",
            "Hafen, Öffnung, ÉCOLE and İstanbul’s ĲSSEL quays: 2025 budgets of €4.5m",
            "don’t won't O'Brien’s Torres-Guillén naïve café résumé déjà-vu x yz abc abcd abcde",
            "abcdef ABCDEF Abcdefghij 12345 123456 G7 5 a1b2c3d4 Straße STRASSE ǅemal 😀 rock",
            "",
            "   ",
        ];
        let (mut words, mut stems) = (Vec::new(), vec![7]);
        for text in texts {
            words_and_stems(text, &mut words, &mut stems);
            let expected_words: Vec<u64> = hashed_words(text).map(|word| word.hash).collect();
            assert_eq!(words, expected_words, "{text}");
            assert_eq!(stems, stems_by_definition(text), "{text}");
        }
        // The speaker's names: the last word, and the first of several.
        let summaries = summarise(&[
            quote(
                "Ana María López",
                "harbour engineers rebuilt the harbour wall quickly",
            ),
            quote(
                "López",
                "harbour engineers rebuilt the harbour wall quickly",
            ),
            Quote {
                speaker: Some(" ... ".to_string()),
                ..quote("x", "harbour engineers rebuilt the harbour wall quickly")
            },
            quote("Ana López", "too short"),
        ]);
        assert_eq!(summaries.len(), 2);
        assert_eq!(
            (summaries[0].surname, summaries[0].first_name),
            (word_hash("López"), word_hash("Ana"))
        );
        assert_eq!(
            (summaries[1].surname, summaries[1].first_name),
            (word_hash("López"), 0)
        );
        assert_eq!(
            &*summaries[0].stems,
            stems_by_definition("harbour engineers rebuilt the harbour wall quickly")
        );
        assert_eq!(summaries[1].index, 1);
    }

    #[test]
    fn distinctive_bits_give_each_quote_its_filing_keys() {
        // Forty quotes of two speakers: "weather" and "forecast" in thirty of them and
        // "tonight" in all (common: more than the floor of twenty quotes), words of a small
        // vocabulary besides, so that some quotes keep three distinctive stems or more and
        // others fewer.
        let vocabulary = [
            "harbour",
            "council",
            "engineers",
            "pillars",
            "libraries",
            "storms",
            "bridges",
        ];
        let articles: Vec<Vec<QuoteSummary>> = (0..8)
            .map(|article| {
                let quotes: Vec<Quote> = (0..5)
                    .map(|number| {
                        let at = article * 5 + number;
                        let mut words: Vec<&str> = Vec::new();
                        if at % 4 != 0 {
                            words.extend(["weather", "forecast"]);
                        }
                        words.extend(vocabulary.iter().skip(at % 7).take(1 + at % 4));
                        words.push("tonight");
                        let speaker = if at % 3 == 0 {
                            "Rhea Dostal"
                        } else {
                            "Anton Reyes"
                        };
                        quote(speaker, &words.join(" "))
                    })
                    .collect();
                summarise(&quotes)
            })
            .collect();
        let lists: Vec<&[QuoteSummary]> = articles.iter().map(Vec::as_slice).collect();
        let quotes = GroupableQuotes::new(&lists);
        let common = QuoteStatistics::count(quotes.iter().map(|(_, quote)| quote)).common_stems();
        assert_eq!(common.len(), 3);
        let distinctive = DistinctiveStems::new(&quotes, &common);
        let mut expected: Vec<(u64, usize)> = Vec::new();
        let mut filing = 0;
        for (number, (_, quote)) in quotes.iter().enumerate() {
            let keys = common.filing_keys(quote);
            filing += usize::from(!keys.is_empty());
            expected.extend(keys.into_iter().map(|key| (key, number)));
        }
        // Both kinds of quote are there: those that file keys and those with too few stems.
        assert!(filing > 5 && filing < quotes.iter().count(), "{filing}");
        assert_eq!(distinctive.keys(&quotes).collect::<Vec<_>>(), expected);
        assert_eq!(distinctive.keys, expected.len());
    }

    #[test]
    fn keys_taken_in_parts_give_the_groups_of_keys_taken_at_once() {
        // Three statements, each quoted in several articles in slightly different words, and
        // a remark every article quotes whole, which shares some words with them.
        let statements = [
            (
                "Rhea Dostal",
                "the harbour bridge will reopen before the winter storms arrive",
            ),
            (
                "Rhea Dostal",
                "our council budget protects libraries, buses and public parks",
            ),
            (
                "Anton Reyes",
                "engineers found deep cracks inside three concrete pillars",
            ),
        ];
        let articles: Vec<Vec<QuoteSummary>> = (0..12)
            .map(|article| {
                let quotes: Vec<Quote> = statements
                    .iter()
                    .enumerate()
                    .filter(|(number, _)| (article + number) % 3 != 0)
                    .map(|(number, (speaker, text))| {
                        let words: Vec<&str> = text.split(' ').collect();
                        // Each article leaves out another word of the statement.
                        let left_out = (article + number) % words.len();
                        let kept: Vec<&str> = words
                            .iter()
                            .enumerate()
                            .filter(|&(at, _)| at != left_out)
                            .map(|(_, word)| *word)
                            .collect();
                        quote(speaker, &kept.join(" "))
                    })
                    .chain([quote(
                        "Rhea Dostal",
                        "winter buses run late on public holidays",
                    )])
                    .collect();
                summarise(&quotes)
            })
            .collect();
        // Articles without quotes between them: numbers skip nothing.
        let mut lists: Vec<&[QuoteSummary]> = articles.iter().map(Vec::as_slice).collect();
        lists.insert(0, &[]);
        lists.insert(5, &[]);
        lists.push(&[]);
        let at_once = group_in_parts(&lists, usize::MAX);
        assert_eq!(at_once.groups.len(), 4, "{:?}", at_once.groups);
        for entries_per_part in [1, 7, 40] {
            let in_parts = group_in_parts(&lists, entries_per_part);
            assert_eq!(in_parts.groups, at_once.groups, "{entries_per_part}");
            assert_eq!(in_parts.centres, at_once.centres, "{entries_per_part}");
        }
    }
}
