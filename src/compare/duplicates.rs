//! Exact and near duplicates across articles: MinHash signatures of word shingles of the
//! cleaned text, and locality-sensitive hashing (banding) so that only articles sharing a
//! band are compared. The cost grows with the number of articles (times a logarithm for the
//! sorting), not with its square.
//!
//! The settings ([`Settings::DEFAULT`]) were chosen by measurement on generated corpora with
//! planted copies (`examples/bench_duplicates.rs --sweep`; figures and reasons in
//! `docs/benchmarks.md`).

use super::candidates::bucket_pairs;
use super::summary_bytes::{ByteReader, ByteWriter, SummaryBytesError, SummaryKind};
use crate::report::{DuplicateKind, DuplicatePair};
use crate::text::hashed_words;
use crate::text::min_hash::HashFamily;
use crate::text::sorting;

/// Most hash functions a signature can have.
pub const MAX_HASHES: usize = 256;

/// How duplicates are searched: shingle size, signature length, banding and threshold.
/// [`Settings::DEFAULT`] is what the analyzer uses; the others exist to measure the choice
/// (`examples/bench_duplicates.rs --sweep`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Words per shingle.
    pub shingle_words: usize,
    /// Number of MinHash functions (the signature's length), at most [`MAX_HASHES`].
    pub hashes: usize,
    /// Number of LSH bands; `hashes / bands` signature entries form one band.
    pub bands: usize,
    /// Smallest estimated Jaccard similarity of two articles' shingle sets that makes them
    /// near duplicates.
    pub threshold: f64,
}

impl Settings {
    /// The analyzer's settings: 5-word shingles, 128 hashes in 32 bands of 4, threshold 0.5.
    pub const DEFAULT: Settings = Settings {
        shingle_words: 5,
        hashes: 128,
        bands: 32,
        threshold: 0.5,
    };

    /// Hashes per band; 0 without bands (settings a caller may give: then no pair is near).
    fn rows(&self) -> usize {
        self.hashes.checked_div(self.bands).unwrap_or(0)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::DEFAULT
    }
}

/// What duplicate detection keeps of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the text's words in order (case, punctuation and spacing ignored); 0 for a
    /// text without words, which is nobody's duplicate.
    exact: u64,
    /// MinHash signature (one entry per hash function); empty for a text without words.
    signature: Box<[u32]>,
}

impl Fingerprint {
    /// Bytes the fingerprint holds on the heap (its signature).
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.signature)
    }

    /// Whether the text had words at all.
    fn is_empty(&self) -> bool {
        self.signature.is_empty()
    }

    /// The key of its exact-copy set: equal for two texts with the same words in the same
    /// order (case, punctuation and spacing ignored); None for a text without words, which is
    /// nobody's copy.
    pub fn exact_key(&self) -> Option<u64> {
        (!self.is_empty()).then_some(self.exact)
    }

    /// The LSH keys of the signature, one per band in band order: two fingerprints with the
    /// same key at the same band agree on all of that band's rows and are candidates. Empty
    /// for a text without words.
    pub fn band_keys(&self, settings: &Settings) -> Vec<u64> {
        (0..settings.bands)
            .map_while(|band| self.band_key(band, settings))
            .collect()
    }

    /// The key of one band ([`Fingerprint::band_keys`]); None past the signature's end.
    fn band_key(&self, band: usize, settings: &Settings) -> Option<u64> {
        let rows = settings.rows().max(1);
        let rows = self.signature.get(band * rows..(band + 1) * rows)?;
        Some(
            rows.iter()
                .fold(band as u64, |hash, &row| mix(hash, u64::from(row))),
        )
    }

    /// The fingerprint as bytes (see `summary_bytes.rs`): 8 bytes of exact key and 4 a
    /// signature entry, 522 bytes with the default settings.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut writer = ByteWriter::new(SummaryKind::Fingerprint, 10 + 4 * self.signature.len());
        writer.u64(self.exact);
        writer.varint(self.signature.len() as u64);
        for &entry in self.signature.iter() {
            writer.u32(entry);
        }
        writer.finish()
    }

    /// Reads a fingerprint written by [`Fingerprint::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Fingerprint, SummaryBytesError> {
        let mut reader = ByteReader::new(SummaryKind::Fingerprint, bytes)?;
        let exact = reader.u64()?;
        let length = reader.count(4)?;
        if length > MAX_HASHES {
            return Err(reader.invalid("a signature longer than the engine makes"));
        }
        let signature = (0..length)
            .map(|_| reader.u32())
            .collect::<Result<Box<[u32]>, _>>()?;
        if (exact == 0) != signature.is_empty() {
            return Err(reader.invalid("an exact key that does not go with its signature"));
        }
        reader.finish()?;
        Ok(Fingerprint { exact, signature })
    }

    /// Estimated Jaccard similarity of the two shingle sets: the share of equal entries.
    fn similarity(&self, other: &Fingerprint) -> f64 {
        let equal = self
            .signature
            .iter()
            .zip(other.signature.iter())
            .filter(|(a, b)| a == b)
            .count();
        equal as f64 / self.signature.len().max(1) as f64
    }
}

/// Multipliers and offsets of the hash functions `h_i(x) = (A_i * x + B_i) >> 32` over a
/// shingle's 64-bit hash: fixed, so signatures are the same on every run and machine.
const HASH_FUNCTIONS: [(u64, u64); MAX_HASHES] = {
    let mut functions = [(0u64, 0u64); MAX_HASHES];
    let mut state = 0x5EED_F0D5_u64;
    let mut i = 0;
    while i < MAX_HASHES {
        let multiplier = splitmix(&mut state) | 1;
        let offset = splitmix(&mut state);
        functions[i] = (multiplier, offset);
        i += 1;
    }
    functions
};

/// [`HASH_FUNCTIONS`] in the layouts `text::min_hash`'s loops read, made when compiling.
static HASH_FAMILY: HashFamily<MAX_HASHES> = HashFamily::new(&HASH_FUNCTIONS);

const fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The fingerprint of a cleaned article text with the analyzer's settings.
pub fn fingerprint(text: &str) -> Fingerprint {
    fingerprint_with(text, &Settings::DEFAULT)
}

/// The fingerprint of a cleaned article text with the given settings.
pub fn fingerprint_with(text: &str, settings: &Settings) -> Fingerprint {
    let words: Vec<u64> = hashed_words(text).map(|word| word.hash).collect();
    fingerprint_of_words(&words, settings)
}

/// The fingerprint of a text given the hashes of its words in order ([`hashed_words`]), for
/// a caller that has scanned the text already.
pub fn fingerprint_of_words(words: &[u64], settings: &Settings) -> Fingerprint {
    if words.is_empty() {
        return Fingerprint {
            exact: 0,
            signature: Box::new([]),
        };
    }
    let exact = words
        .iter()
        .fold(0x243F_6A88_85A3_08D3_u64, |hash, &word| mix(hash, word))
        .max(1);
    let functions = settings.hashes.clamp(1, MAX_HASHES);
    let width = settings.shingle_words.max(1).min(words.len());
    let shingles: Vec<u64> = words
        .windows(width)
        .map(|shingle| shingle.iter().fold(0u64, |hash, &word| mix(hash, word)))
        .collect();
    // The least high half of each function's images: the high half of its least image.
    let mut minima = [u32::MAX; MAX_HASHES];
    HASH_FAMILY.lower_high_halves(&shingles, &mut minima[..functions]);
    let signature = minima[..functions].into();
    Fingerprint { exact, signature }
}

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(29) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A duplicate pair by position in the batch (`a < b`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexPair {
    /// Position of the first article.
    pub a: usize,
    /// Position of the second article.
    pub b: usize,
    /// Estimated Jaccard similarity (1 for exact copies).
    pub similarity: f64,
    /// Exact or near.
    pub kind: DuplicateKind,
}

impl IndexPair {
    /// The pair with the articles' ids in place of their positions.
    pub fn with_ids(&self, ids: &[&str]) -> DuplicatePair {
        DuplicatePair {
            a: ids[self.a].to_string(),
            b: ids[self.b].to_string(),
            similarity: (self.similarity * 1000.0).round() / 1000.0,
            kind: self.kind,
        }
    }
}

/// The exact-copy sets of a batch: the items whose fingerprints have the same
/// [`Fingerprint::exact_key`], each set sorted, sets listed by their first member (its
/// representative in the near-duplicate search). Items without words are in none.
pub fn copy_sets(fingerprints: &[&Fingerprint]) -> Vec<Vec<usize>> {
    let sets = CopySets::of(fingerprints);
    (0..sets.len()).map(|set| sets.set(set).to_vec()).collect()
}

/// [`copy_sets`] in two flat lists: every set's members, set after set, and where each set
/// starts. A batch of a million articles has nearly a million sets, most of one article; as
/// a list of lists they took some 56 MB (a list and an allocation each) while [`find`] ran,
/// where its peak memory is; flat, 16 MB.
struct CopySets {
    members: Vec<usize>,
    /// `members[starts[s]..starts[s + 1]]` is set s; one more entry at the end.
    starts: Vec<usize>,
}

impl CopySets {
    fn of(fingerprints: &[&Fingerprint]) -> CopySets {
        let mut by_exact: Vec<(u64, usize)> = fingerprints
            .iter()
            .enumerate()
            .filter_map(|(item, fingerprint)| Some((fingerprint.exact_key()?, item)))
            .collect();
        sorting::sort(&mut by_exact);
        // Each set as (first member, where its run starts, length), in order of first member.
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
        let mut at = 0;
        for run in by_exact.chunk_by(|x, y| x.0 == y.0) {
            runs.push((run[0].1, at, run.len()));
            at += run.len();
        }
        sorting::sort(&mut runs);
        let mut members = Vec::with_capacity(by_exact.len());
        let mut starts = Vec::with_capacity(runs.len() + 1);
        for (_, start, length) in runs {
            starts.push(members.len());
            members.extend(
                by_exact[start..start + length]
                    .iter()
                    .map(|&(_, item)| item),
            );
        }
        starts.push(members.len());
        CopySets { members, starts }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Set `set`'s members, sorted; the first is its representative.
    fn set(&self, set: usize) -> &[usize] {
        &self.members[self.starts[set]..self.starts[set + 1]]
    }
}

/// The pairs of one exact-copy set (its members in any order): every two of them, exact,
/// similarity 1.
pub fn exact_pairs(copies: &[usize]) -> Vec<IndexPair> {
    bucket_pairs(copies, usize::MAX)
        .into_iter()
        .map(|(a, b)| IndexPair {
            a,
            b,
            similarity: 1.0,
            kind: DuplicateKind::Exact,
        })
        .collect()
}

/// The estimated similarity of two fingerprints when it makes them near duplicates (at least
/// the settings' threshold); None otherwise, and for a text without words.
pub fn near_similarity(a: &Fingerprint, b: &Fingerprint, settings: &Settings) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let similarity = a.similarity(b);
    (similarity >= settings.threshold).then_some(similarity)
}

/// The near-duplicate pairs between two exact-copy sets whose representatives are near
/// duplicates with `similarity`: every member of one with every member of the other.
pub fn near_pairs(first: &[usize], second: &[usize], similarity: f64) -> Vec<IndexPair> {
    first
        .iter()
        .flat_map(|&a| {
            second.iter().map(move |&b| IndexPair {
                a: a.min(b),
                b: a.max(b),
                similarity,
                kind: DuplicateKind::Near,
            })
        })
        .collect()
}

/// The first band at which two fingerprints have the same key ([`Fingerprint::band_keys`]);
/// None when they share none, and for a text without words. A pair of articles that share
/// several bands is a candidate in each of them; scoring it only at this band scores every
/// candidate pair once without listing the pairs of all bands together.
pub fn first_shared_band(a: &Fingerprint, b: &Fingerprint, settings: &Settings) -> Option<usize> {
    (0..settings.bands).find(|&band| {
        matches!(
            (a.band_key(band, settings), b.band_key(band, settings)),
            (Some(x), Some(y)) if x == y
        )
    })
}

/// All exact and near duplicate pairs among `fingerprints` (made with the same `settings`),
/// sorted by position. The steps, each of which a distributed run does elsewhere: exact-copy
/// sets ([`copy_sets`], [`exact_pairs`]); the band keys of each set's representative
/// ([`Fingerprint::band_keys`]); the representatives sharing a band (candidate pairs);
/// [`near_similarity`] of each candidate; [`near_pairs`] for those that pass.
///
/// Every representative's signature is read once for its sketch and its first bands' keys,
/// once for each further [`BANDS_A_PASS`] bands' ([`Representatives`]), then one band at a
/// time: a key is (band, key), so the buckets of one band are
/// the buckets of all bands with that band. In each bucket the pairs whose sketches may be near
/// are noted, and each pair noted is scored once at the end, whatever number of bands it
/// shares: memory grows with the articles, the duplicates found and the pairs that pass the
/// sketches (about as many), not with the candidates, which a pair sharing many bands would
/// repeat. The same on every target.
pub fn find(fingerprints: &[&Fingerprint], settings: &Settings) -> Vec<IndexPair> {
    let copies = CopySets::of(fingerprints);
    let mut pairs: Vec<IndexPair> = (0..copies.len())
        .flat_map(|set| exact_pairs(copies.set(set)))
        .collect();
    let representative = |set: usize| fingerprints[copies.set(set)[0]];
    let mut representatives = Representatives::of(copies.len(), representative, settings);
    // (band key, copy set) in one number, the key above the set: sets are numbered in the
    // order of their representatives, so a bucket's members come in the order of their
    // positions. Why one number: numbers of 8 bytes sort faster than pairs of 16, in half the
    // memory, where `find` peaks. Keys equal in the bits kept (the high 32 of the key, fewer
    // when the sets need more than 32 bits) merge buckets, about a hundred pairs of a band's
    // million keys: that changes nothing found, because every pair is scored once from the
    // signatures, and must then share a band of their full keys.
    let set_bits = usize::BITS - copies.len().leading_zeros();
    let key_bits = u64::MAX.checked_shl(set_bits).unwrap_or(0);
    let mut entries: Vec<u64> = Vec::with_capacity(copies.len());
    // The pairs of sets whose sketches may be near, each band's added to the list; sorted and
    // made distinct whenever the list has doubled since, so that it holds about the pairs
    // themselves (a pair sharing several bands is noted in each), not every visit.
    // A pair is one number, the first set above the second: set numbers fit in 32 bits (a
    // batch of 2^32 articles would hold two terabytes of signatures), and numbers of 8 bytes
    // are half the memory of pairs and sort with the entries' sort.
    let mut noted: Vec<u64> = Vec::new();
    let pair_of = |x: u64, y: u64| (x << 32) | (y & u64::from(u32::MAX));
    let mut distinct = 0;
    let mut rows: Vec<u64> = Vec::new();
    // `members` is also the sort's working space (it is listed anew after each sort): a
    // second list of a band's entries would add 8 MB at a million articles where `find` peaks.
    let (mut members, mut ends): (Vec<u64>, Vec<usize>) = (Vec::new(), Vec::new());
    for band in 0..settings.bands {
        entries.clear();
        if band > 0 && band % BANDS_A_PASS == 0 {
            representatives.read_keys(band, representative, settings);
        }
        representatives.band_entries(band, |set, key| {
            entries.push(((u64::from(key) << 32) & key_bits) | set as u64);
        });
        if cfg!(not(target_arch = "wasm32")) && set_bits <= 32 {
            // Pushed in order of sets, and below bit 32 nothing but the set: a stable sort
            // by the high half is the sort of the whole numbers.
            sort_by_high_half(&mut entries, &mut members);
        } else {
            sorting::sort(&mut entries);
        }
        // The members of the buckets of two or more, bucket after bucket (`ends`): listed
        // first so that each member's sketch can be asked of memory a few members ahead of
        // its copy (a random read a member and band, most of the gathering's time).
        members.clear();
        ends.clear();
        for bucket in entries.chunk_by(|x, y| x & key_bits == y & key_bits) {
            if bucket.len() >= 2 {
                members.extend(bucket.iter().map(|&entry| entry & !key_bits));
                ends.push(members.len());
            }
        }
        let mut start = 0;
        for &end in &ends {
            let bucket = &members[start..end];
            rows.clear();
            for (at, &set) in bucket.iter().enumerate() {
                if let Some(&ahead) = members.get(start + at + GATHER_AHEAD) {
                    prefetch(representatives.sketch(ahead as usize));
                }
                rows.extend_from_slice(representatives.sketch(set as usize));
            }
            let mut note = |x: usize, y: usize| noted.push(pair_of(bucket[x], bucket[y]));
            // Most pairs of a large bucket end at the sketches, without reading a signature.
            representatives.for_each_pair_that_may_be_near(&rows, &mut note);
            if let Some(odd) = representatives.odd_pairs(bucket) {
                for (x, y) in odd {
                    note(x, y);
                }
            }
            start = end;
        }
        if noted.len() >= 2 * distinct.max(1024) {
            sorting::sort(&mut noted);
            noted.dedup();
            distinct = noted.len();
        }
    }
    sorting::sort(&mut noted);
    noted.dedup();
    for pair in noted {
        let (x, y) = ((pair >> 32) as usize, (pair & u64::from(u32::MAX)) as usize);
        let (first, second) = (copies.set(x), copies.set(y));
        let (a, b) = (fingerprints[first[0]], fingerprints[second[0]]);
        if let Some(similarity) = near_similarity(a, b, settings) {
            // Noted through a key shared in its high bits: a candidate only when a band's
            // whole key is shared.
            if first_shared_band(a, b, settings).is_some() {
                pairs.extend(near_pairs(first, second, similarity));
            }
        }
    }
    sort_pairs(&mut pairs);
    pairs
}

/// Sorts `numbers` by their high 32 bits, stably (numbers with equal high halves keep their
/// order), with `spare` as working space: a least-significant-digit radix sort, four passes
/// of a byte after one pass that counts all four digits. Why: each band sorts a million
/// entries at a million articles, and the comparison sort's n log n made it a tenth of the
/// search, more of it the larger the batch; this is a fixed five reads and four writes of
/// each entry whatever the batch (the keys are hashes, so the digits spread evenly). Why a
/// byte: with 11-bit digits (three passes) each pass wrote to 2,048 places at once, more
/// than the nearest cache keeps lines for, and the search at a million was slower than with
/// the comparison sort; 256 places keep their lines. Natively only: the page's batches are
/// small, and the code would add to its download.
fn sort_by_high_half(numbers: &mut Vec<u64>, spare: &mut Vec<u64>) {
    const DIGIT_BITS: u32 = 8;
    const DIGITS: usize = 1 << DIGIT_BITS;
    const PASSES: usize = 4;
    let digit = |number: u64, pass: usize| {
        ((number >> (32 + DIGIT_BITS * pass as u32)) as usize) & (DIGITS - 1)
    };
    let mut starts = vec![[0usize; DIGITS]; PASSES];
    for &number in numbers.iter() {
        for (pass, counts) in starts.iter_mut().enumerate() {
            counts[digit(number, pass)] += 1;
        }
    }
    spare.clear();
    spare.resize(numbers.len(), 0);
    for (pass, starts) in starts.iter_mut().enumerate() {
        let mut at = 0;
        for start in starts.iter_mut() {
            let count = *start;
            *start = at;
            at += count;
        }
        for &number in numbers.iter() {
            let slot = &mut starts[digit(number, pass)];
            spare[*slot] = number;
            *slot += 1;
        }
        std::mem::swap(numbers, spare);
    }
}

/// Bands whose keys [`Representatives`] holds at once. All 32 of the analyzer's took 128 MB at
/// a million articles, which put `find`'s peak (the whole run's) 26 MB above what it was
/// before, even with sketches 96 MB smaller; half of them at a time read every signature
/// twice instead of once (32 times before), and hold 64 MB.
const BANDS_A_PASS: usize = 16;

/// Places one word of a sketch holds, two bits each.
const PLACES_PER_WORD: usize = 32;

/// The low bit of every two-bit place of a sketch word.
const LOW_BITS_OF_PLACES: u64 = 0x5555_5555_5555_5555;

/// Every copy set's representative as the search reads it: its sketch (the two low bits of
/// each signature entry, four words for the analyzer's 128) and its band keys (the high 32
/// bits of each), [`BANDS_A_PASS`] bands at a time.
///
/// Why: the signatures lie anywhere in memory (a million articles' summaries, each
/// fingerprint its own allocation), and reading each again for every band to make that
/// band's keys was a quarter of the cross-article time at a million articles; now a
/// signature is read once for its sketch and first bands, then once for each further pass. Why two bits:
/// two equal entries have equal low bits, so two sketches agree on at least as many places as
/// their signatures, and a pair whose sketches disagree on more places than near duplicates
/// may cannot be near ([`Representatives::for_each_pair_that_may_be_near`]). Unrelated
/// entries agree on two bits once in four: of the 675 million bucket pairs of a million
/// generated articles, the sketches let through 2.42 million visits, of which 2.23 million
/// are near pairs (a byte a place let through 2.23 million as well), so two bits rule out
/// nearly as much as eight, in a quarter of the memory (32 bytes a representative, gathered
/// from one cache line) and compared a word at a time.
struct Representatives {
    sets: usize,
    /// Words of one sketch, for signatures of the settings' length.
    words: usize,
    /// The most places two sketches may disagree on and still be near duplicates; None when
    /// no two signatures can pass the threshold.
    most_disagreeing: Option<u32>,
    /// Set `s`'s sketch is `sketches[s * words..(s + 1) * words]`; zero for an odd set.
    sketches: Vec<u64>,
    /// The keys of [`BANDS_A_PASS`] bands from `first_band`, band `first_band + b`'s set by
    /// set at `keys[b * sets..(b + 1) * sets]`: the high bits of [`Fingerprint::band_key`]
    /// (the hash mixes them best).
    keys: Vec<u32>,
    first_band: usize,
    bands: usize,
    /// How many bands each set has a key for, once a set has fewer than `bands` (a signature
    /// shorter than the settings make); empty while every set has every band.
    bands_of: Vec<u16>,
    /// The sets whose signature is not `length` entries long, in order: never with
    /// signatures made with the settings, but read from bytes they could be. Their pairs are
    /// noted without a sketch.
    odd: Vec<usize>,
}

impl Representatives {
    /// The sketches of `sets` representatives, `representative(s)` being set `s`'s, and
    /// their keys of the first [`BANDS_A_PASS`] bands.
    fn of<'a>(
        sets: usize,
        representative: impl Fn(usize) -> &'a Fingerprint,
        settings: &Settings,
    ) -> Representatives {
        let length = settings.hashes.clamp(1, MAX_HASHES);
        let words = length.div_ceil(PLACES_PER_WORD);
        let bands = settings.bands;
        let pass_bands = bands.min(BANDS_A_PASS);
        let most_disagreeing = agreements_needed(length, settings.threshold)
            .and_then(|needed| u32::try_from(length - needed).ok());
        let mut representatives = Representatives {
            sets,
            words,
            most_disagreeing,
            sketches: vec![0u64; sets * words],
            keys: vec![0u32; sets * pass_bands],
            first_band: 0,
            bands,
            bands_of: Vec::new(),
            odd: Vec::new(),
        };
        let rows = settings.rows().max(1);
        for set in 0..sets {
            let fingerprint = representative(set);
            let signature = &fingerprint.signature;
            if signature.len() == length {
                let sketch = &mut representatives.sketches[set * words..(set + 1) * words];
                for (word, entries) in sketch.iter_mut().zip(signature.chunks(PLACES_PER_WORD)) {
                    *word = entries.iter().enumerate().fold(0, |word, (place, &entry)| {
                        word | (u64::from(entry & 3) << (2 * place))
                    });
                }
            } else {
                representatives.odd.push(set);
            }
            // The bands whose rows the signature holds whole, as `band_key` finds them.
            let present = bands.min(signature.len() / rows);
            if present < bands && representatives.bands_of.is_empty() {
                // Every set before this one had every band (at most 256: a signature's
                // length), as a u16 holds.
                representatives.bands_of = vec![bands.min(MAX_HASHES) as u16; set];
            }
            if !representatives.bands_of.is_empty() {
                representatives.bands_of.push(present as u16);
            }
            representatives.read_keys_of(set, fingerprint, settings);
        }
        representatives
    }

    /// Reads the keys of the [`BANDS_A_PASS`] bands from `first_band` in place of those held.
    fn read_keys<'a>(
        &mut self,
        first_band: usize,
        representative: impl Fn(usize) -> &'a Fingerprint,
        settings: &Settings,
    ) {
        self.first_band = first_band;
        for set in 0..self.sets {
            self.read_keys_of(set, representative(set), settings);
        }
    }

    /// Set `set`'s keys of the bands held, from its fingerprint.
    fn read_keys_of(&mut self, set: usize, fingerprint: &Fingerprint, settings: &Settings) {
        let held = self.keys.len() / self.sets.max(1);
        for band in self.first_band..(self.first_band + held).min(self.bands) {
            let Some(key) = fingerprint.band_key(band, settings) else {
                break;
            };
            self.keys[(band - self.first_band) * self.sets + set] = (key >> 32) as u32;
        }
    }

    /// Calls `entry(set, key)` for every set with a key at `band`, in order of sets; `band`
    /// must be one of the bands held ([`Representatives::read_keys`]).
    fn band_entries(&self, band: usize, mut entry: impl FnMut(usize, u32)) {
        let Some(held) = band.checked_sub(self.first_band) else {
            return;
        };
        let Some(keys) = self.keys.get(held * self.sets..(held + 1) * self.sets) else {
            return;
        };
        for (set, &key) in keys.iter().enumerate() {
            if self.bands_of.is_empty() || usize::from(self.bands_of[set]) > band {
                entry(set, key);
            }
        }
    }

    fn sketch(&self, set: usize) -> &[u64] {
        &self.sketches[set * self.words..(set + 1) * self.words]
    }

    /// Calls `visit(x, y)` for every two members `x < y` of the bucket whose sketches are
    /// `rows` (one after another, in the bucket's order) that may be near duplicates: their
    /// sketches disagree on at most `most_disagreeing` places. Each pair once, in no fixed
    /// order; pairs with an odd member are left to [`Representatives::odd_pairs`].
    ///
    /// Why in tiles: the largest buckets of a million articles hold thousands of members.
    /// Walking every later member for each member in turn read them all again from the shared
    /// cache or memory for every member; a tile of members is compared with every later
    /// member while its sketches stay in the nearest cache.
    fn for_each_pair_that_may_be_near(&self, rows: &[u64], visit: impl FnMut(usize, usize)) {
        let Some(most) = self.most_disagreeing else {
            return;
        };
        // Natively only: in the page's batches the general walk is fast enough, and a
        // second copy of it would add to the download.
        if cfg!(not(target_arch = "wasm32")) && self.words == ANALYZER_SKETCH_WORDS {
            // What `<[u64]>::as_chunks` (Rust 1.88, above the crate's 1.85) gives.
            // SAFETY: `[u64; N]` has the size of N `u64` and their alignment, and the slice
            // made covers whole rows within `rows`, borrowed as long as `rows` is.
            let rows: &[[u64; ANALYZER_SKETCH_WORDS]] = unsafe {
                std::slice::from_raw_parts(rows.as_ptr().cast(), rows.len() / ANALYZER_SKETCH_WORDS)
            };
            #[cfg(target_arch = "x86_64")]
            if rows.len() >= WIDE_WALK_MEMBERS
                && std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512vpopcntdq")
            {
                let mut visit = visit;
                // SAFETY: the processor has just said it runs these instructions.
                unsafe { walk_tiles_with_avx512(rows, most, &mut visit) };
                return;
            }
            walk_tiles(rows, |x, y| disagreeing_places(x, y) <= most, visit);
        } else {
            let rows: Vec<&[u64]> = rows.chunks_exact(self.words.max(1)).collect();
            walk_tiles(&rows, |x, y| disagreeing_places(x, y) <= most, visit);
        }
    }

    /// Every pair of a bucket (`members`, sets in the bucket's order) with a member whose
    /// signature is odd, as positions `x < y`, each pair once; None when none of the bucket's
    /// sets is odd, as with signatures made with the settings. The odd members are found
    /// first, so a bucket without one costs a search per member, not per pair.
    fn odd_pairs(&self, members: &[u64]) -> Option<Vec<(usize, usize)>> {
        if self.odd.is_empty() {
            return None;
        }
        let is_odd = |&set: &u64| self.odd.binary_search(&(set as usize)).is_ok();
        let odd_positions: Vec<usize> = (0..members.len())
            .filter(|&x| is_odd(&members[x]))
            .collect();
        if odd_positions.is_empty() {
            return None;
        }
        let mut pairs = Vec::new();
        for &odd in &odd_positions {
            for (other, other_set) in members.iter().enumerate() {
                // A pair of two odd members is given once, by its first member.
                let both_odd_seen = other < odd && is_odd(other_set);
                if other != odd && !both_odd_seen {
                    pairs.push((odd.min(other), odd.max(other)));
                }
            }
        }
        Some(pairs)
    }
}

/// Members ahead of the one copied whose sketch is asked of memory: enough reads in flight to
/// cover a read from memory (about 100 ns) at a few nanoseconds a member's copy.
const GATHER_AHEAD: usize = 16;

/// Asks the processor to bring `sketch` into its cache (natively on x86-64; elsewhere
/// nothing): a hint, which changes nothing but when the sketch's read waits for memory.
fn prefetch(sketch: &[u64]) {
    // SAFETY: SSE, which the instruction needs, is part of every x86-64 processor, and a
    // prefetch reads nothing the program sees, at any address.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            sketch.as_ptr().cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = sketch;
}

/// Words of the analyzer's sketches (128 places), which have a fast path.
const ANALYZER_SKETCH_WORDS: usize = Settings::DEFAULT.hashes / PLACES_PER_WORD;

/// Places where two sketches disagree (two bits a place; places past a signature's end are
/// zero in both and agree).
fn disagreeing_places(x: &[u64], y: &[u64]) -> u32 {
    x.iter()
        .zip(y)
        .map(|(&a, &b)| disagreeing_places_of_word(a, b))
        .sum()
}

/// Places where two words of sketches disagree: a place disagrees when either of its two
/// bits does. Inlined always, so that in [`walk_transposed_tiles`] it becomes the vector
/// instructions of the build that calls it.
#[inline(always)]
fn disagreeing_places_of_word(x: u64, y: u64) -> u32 {
    let differ = x ^ y;
    ((differ | (differ >> 1)) & LOW_BITS_OF_PLACES).count_ones()
}

/// Rows of a tile in [`walk_tiles`] and [`walk_transposed_tiles`]: 64 analyzer sketches of
/// 32 bytes, a thirty-second of a 64 KB L1 cache; and in the transposed walk one bit each of
/// a 64-bit mask of verdicts.
const TILE: usize = 64;
const _: () = assert!(
    TILE <= 64,
    "the transposed walk's verdicts are one u64 a tile"
);

/// Calls `visit(x, y)` for every `x < y` with `may_be_near(rows[x], rows[y])`, a tile of
/// [`TILE`] rows at a time against every later row. The order of the visits: tile by tile;
/// within a tile, by the later row `y`; for one `y`, the tile's rows before it in order.
fn walk_tiles<R>(
    rows: &[R],
    may_be_near: impl Fn(&R, &R) -> bool,
    mut visit: impl FnMut(usize, usize),
) {
    for tile_start in (0..rows.len()).step_by(TILE) {
        let tile = &rows[tile_start..(tile_start + TILE).min(rows.len())];
        for (y, later) in rows.iter().enumerate().skip(tile_start + 1) {
            for (x, row) in tile.iter().enumerate().take(y - tile_start) {
                if may_be_near(row, later) {
                    visit(tile_start + x, y);
                }
            }
        }
    }
}

/// Buckets of at least this many members take the vector walk ([`walk_transposed_tiles`]):
/// it compares a later member with a whole tile ([`TILE`]) at once, so a bucket of a few
/// members would pay for a tile's comparisons a pair. The crowded buckets, which grow with
/// the batch (of thousands at a million articles, 675 million pairs in all) and make the
/// walk's cost, are far above it.
#[cfg(target_arch = "x86_64")]
const WIDE_WALK_MEMBERS: usize = TILE;

/// [`walk_transposed_tiles`] with AVX-512 and its population count (eight sketch words a
/// vector, a count an instruction), chosen at run time as `text::min_hash` chooses.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vpopcntdq")]
fn walk_tiles_with_avx512(
    rows: &[[u64; ANALYZER_SKETCH_WORDS]],
    most: u32,
    visit: &mut dyn FnMut(usize, usize),
) {
    walk_transposed_tiles(rows, most, visit);
}

/// What [`walk_tiles`] does with `disagreeing_places(x, y) <= most` for the analyzer's
/// sketches, visiting the same pairs in its order, written for the vector units: a tile
/// ([`TILE`] rows) is held word by word (all rows' first words together, and so on), so a
/// later row, one broadcast register a word, is compared with eight tile rows an
/// instruction, and the tile's verdicts become one 64-bit mask whose bits are the few pairs
/// that pass. The scalar walk took some fifteen instructions a pair; this takes about three.
#[cfg(any(target_arch = "x86_64", test))]
#[inline(always)]
fn walk_transposed_tiles(
    rows: &[[u64; ANALYZER_SKETCH_WORDS]],
    most: u32,
    visit: &mut dyn FnMut(usize, usize),
) {
    let most = u64::from(most);
    // Column w holds word w of each of the tile's rows; past a short last tile, rows of the
    // tile before, whose verdicts the mask below drops.
    let mut columns = [[0u64; TILE]; ANALYZER_SKETCH_WORDS];
    for tile_start in (0..rows.len()).step_by(TILE) {
        let tile = &rows[tile_start..(tile_start + TILE).min(rows.len())];
        for (x, row) in tile.iter().enumerate() {
            for (column, &word) in columns.iter_mut().zip(row) {
                column[x] = word;
            }
        }
        for (y, later) in rows.iter().enumerate().skip(tile_start + 1) {
            let mut near = 0u64;
            for x in 0..TILE {
                let mut disagreeing = 0u64;
                for (column, &word) in columns.iter().zip(later) {
                    disagreeing += u64::from(disagreeing_places_of_word(column[x], word));
                }
                near |= u64::from(disagreeing <= most) << x;
            }
            // Only the tile's rows before `y` (fewer than the tile's length in a short
            // last tile, so the stale columns are never read).
            let before = y - tile_start;
            if before < TILE {
                near &= (1u64 << before) - 1;
            }
            while near != 0 {
                visit(tile_start + near.trailing_zeros() as usize, y);
                near &= near - 1;
            }
        }
    }
}

/// The fewest equal entries `e` with `e / length >= threshold` (as [`Fingerprint::similarity`]
/// divides), or None when even every entry equal is not enough. The share grows with `e`, so
/// a count passes the threshold exactly when it is at least this.
fn agreements_needed(length: usize, threshold: f64) -> Option<usize> {
    (0..=length).find(|&equal| equal as f64 / length.max(1) as f64 >= threshold)
}

/// Duplicate pairs in the report's order: by first, then second position.
pub fn sort_pairs(pairs: &mut [IndexPair]) {
    sorting::sort_by_key(pairs, |pair| (pair.a, pair.b));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(texts: &[&str]) -> Vec<(usize, usize, DuplicateKind)> {
        let fingerprints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
        let refs: Vec<&Fingerprint> = fingerprints.iter().collect();
        find(&refs, &Settings::DEFAULT)
            .into_iter()
            .map(|p| (p.a, p.b, p.kind))
            .collect()
    }

    const STORY: &str = "The harbour council voted on Tuesday to close the old ferry pier \
        after engineers found cracks in three of its pillars. Repairs would cost more than the \
        pier earns in a decade, the council's finance chief told the meeting. Ferry services \
        will move to the north quay from next month, and the pier will be fenced off while the \
        council asks for bids to take it down. Residents who use the morning ferry said the \
        walk to the north quay adds twenty minutes to their journey.";

    #[test]
    fn case_and_punctuation_do_not_hide_an_exact_copy() {
        let shouted = STORY.to_uppercase().replace('.', "!");
        assert_eq!(
            pairs(&[STORY, &shouted]),
            vec![(0, 1, DuplicateKind::Exact)]
        );
    }

    #[test]
    fn an_added_sentence_makes_a_near_copy() {
        let extended = format!("{STORY} The council will meet again in May.");
        assert_eq!(
            pairs(&[STORY, &extended]),
            vec![(0, 1, DuplicateKind::Near)]
        );
    }

    #[test]
    fn unrelated_texts_and_empty_texts_are_not_duplicates() {
        let other = "Scientists counted more owls in the valley this winter than in any \
            year since records began, helped by a mild autumn and plenty of field mice.";
        assert!(pairs(&[STORY, other, "", "  "]).is_empty());
    }

    #[test]
    fn a_fingerprint_read_back_from_bytes_is_the_same() {
        for text in [STORY, ""] {
            let fingerprint = fingerprint(text);
            let bytes = fingerprint.to_bytes();
            assert_eq!(Fingerprint::from_bytes(&bytes), Ok(fingerprint));
        }
        assert_eq!(fingerprint(STORY).to_bytes().len(), 2 + 8 + 2 + 4 * 128);
        assert!(Fingerprint::from_bytes(&fingerprint(STORY).to_bytes()[..100]).is_err());
    }

    #[test]
    fn copies_share_their_exact_key_and_every_band_key() {
        let (a, b) = (fingerprint(STORY), fingerprint(&STORY.to_uppercase()));
        assert_eq!(a.exact_key(), b.exact_key());
        assert_eq!(
            a.band_keys(&Settings::DEFAULT),
            b.band_keys(&Settings::DEFAULT)
        );
        assert_eq!(
            a.band_keys(&Settings::DEFAULT).len(),
            Settings::DEFAULT.bands
        );
        assert_eq!(fingerprint("").exact_key(), None);
        assert!(fingerprint("").band_keys(&Settings::DEFAULT).is_empty());
    }

    #[test]
    fn near_pairs_join_every_copy_of_one_text_with_every_copy_of_the_other() {
        let pairs: Vec<(usize, usize)> = near_pairs(&[0, 4], &[2], 0.8)
            .into_iter()
            .map(|pair| (pair.a, pair.b))
            .collect();
        assert_eq!(pairs, vec![(0, 2), (2, 4)]);
    }

    #[test]
    fn near_copies_sharing_many_bands_are_each_paired_once() {
        // Each version changes one more word of the story: neighbours share most bands,
        // distant versions fewer, so pairs are candidates in many bands at once.
        let words: Vec<&str> = STORY.split_whitespace().collect();
        let texts: Vec<String> = (0..8)
            .map(|edits| {
                let mut version = words.clone();
                for edit in 0..edits {
                    version[edit * 9] = "changed";
                }
                version.join(" ")
            })
            .collect();
        let fingerprints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
        let refs: Vec<&Fingerprint> = fingerprints.iter().collect();
        let settings = Settings::DEFAULT;
        let found: Vec<(usize, usize)> = find(&refs, &settings)
            .into_iter()
            .map(|pair| (pair.a, pair.b))
            .collect();
        // Every two versions that share a band and pass the threshold, by brute force.
        let expected = pairs_by_brute_force(&refs, &settings);
        assert!(expected.len() >= 20, "{expected:?}");
        assert_eq!(found, expected);
    }

    #[test]
    fn the_first_shared_band_of_copies_is_the_first_band() {
        let settings = Settings::DEFAULT;
        let (a, b) = (fingerprint(STORY), fingerprint(&STORY.to_uppercase()));
        assert_eq!(first_shared_band(&a, &b, &settings), Some(0));
        let other = fingerprint("Owls were counted in the valley over a mild winter.");
        assert_eq!(first_shared_band(&a, &other, &settings), None);
        let empty = fingerprint("");
        assert_eq!(first_shared_band(&empty, &empty, &settings), None);
    }

    #[test]
    fn the_agreements_needed_are_the_fewest_that_pass_the_threshold() {
        assert_eq!(agreements_needed(128, 0.5), Some(64));
        assert_eq!(agreements_needed(10, 0.55), Some(6));
        assert_eq!(agreements_needed(7, 0.5), Some(4));
        assert_eq!(agreements_needed(128, 1.5), None);
        assert_eq!(agreements_needed(0, 0.0), Some(0));
    }

    /// Places where the two low bits of two signatures' entries agree: what their sketches
    /// must count, by looking at every place.
    fn agreeing_low_bits(a: &[u32], b: &[u32]) -> usize {
        a.iter().zip(b).filter(|(x, y)| *x & 3 == *y & 3).count()
    }

    #[test]
    fn sketches_rule_out_unrelated_texts_and_never_a_near_copy() {
        let settings = Settings::DEFAULT;
        let words: Vec<&str> = STORY.split_whitespace().collect();
        // Versions of the story with ever more words changed, from near copies to texts that
        // share little, and an unrelated text.
        let mut texts: Vec<String> = (0..12)
            .map(|edits| {
                let mut version = words.clone();
                for edit in 0..edits {
                    version[(edit * 7) % words.len()] = "changed";
                }
                version.join(" ")
            })
            .collect();
        texts.push("Owls were counted in the valley over a mild winter, more than ever.".into());
        let fingerprints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
        let representatives =
            Representatives::of(fingerprints.len(), |set| &fingerprints[set], &settings);
        let most = representatives.most_disagreeing.unwrap();
        assert_eq!(most, 64);
        let (mut near, mut ruled_out) = (0, 0);
        for a in 0..fingerprints.len() {
            for b in 0..fingerprints.len() {
                let (x, y) = (&fingerprints[a], &fingerprints[b]);
                let differ =
                    disagreeing_places(representatives.sketch(a), representatives.sketch(b));
                assert_eq!(
                    differ as usize,
                    128 - agreeing_low_bits(&x.signature, &y.signature),
                    "{a} and {b}"
                );
                let may_be = differ <= most;
                if near_similarity(x, y, &settings).is_some() {
                    assert!(may_be, "{a} and {b} are near copies");
                    near += 1;
                } else {
                    ruled_out += usize::from(!may_be);
                }
            }
        }
        assert!(near > fingerprints.len(), "{near}");
        // The unrelated text against each version, both ways, at least.
        assert!(ruled_out >= 2 * 12, "{ruled_out}");
    }

    #[test]
    fn representatives_hold_every_band_key_and_note_short_signatures() {
        let settings = Settings::DEFAULT;
        let made: Vec<Fingerprint> = [STORY, "Owls were counted in the valley."]
            .iter()
            .map(|text| fingerprint(text))
            .collect();
        let short = Fingerprint {
            exact: 7,
            signature: made[0].signature[..10].into(),
        };
        let fingerprints = [&made[0], &short, &made[1]];
        let mut representatives = Representatives::of(3, |set| fingerprints[set], &settings);
        assert_eq!(representatives.odd, vec![1]);
        // The short signature has two whole bands of four entries.
        assert_eq!(representatives.bands_of, vec![32, 2, 32]);
        for band in [0, 1, 2, 15, 16, 17, 31] {
            if band == BANDS_A_PASS {
                representatives.read_keys(band, |set| fingerprints[set], &settings);
            }
            let mut listed = Vec::new();
            representatives.band_entries(band, |set, key| listed.push((set, key)));
            let expected: Vec<(usize, u32)> = fingerprints
                .iter()
                .enumerate()
                .filter_map(|(set, print)| {
                    Some((set, (print.band_key(band, &settings)? >> 32) as u32))
                })
                .collect();
            assert_eq!(listed, expected, "band {band}");
        }
        assert_eq!(
            representatives.odd_pairs(&[0, 1, 2]),
            Some(vec![(0, 1), (1, 2)])
        );
        let full = Representatives::of(2, |set| &made[set], &settings);
        assert!(full.bands_of.is_empty() && full.odd_pairs(&[0, 1]).is_none());
    }

    #[test]
    fn signatures_of_other_lengths_give_the_pairs_of_every_bucket_pair() {
        // Signatures of 128 entries, and shorter and longer ones (not made with these
        // settings, but a fingerprint read from bytes may be so): without sketches for the
        // odd ones, the pairs are still those of comparing every two.
        let settings = Settings::DEFAULT;
        let mut numbers = crate::text::test_numbers::TestNumbers::new(3);
        let base: Vec<u32> = (0..200).map(|_| numbers.below(8) as u32).collect();
        let fingerprints: Vec<Fingerprint> = (0..40)
            .map(|at| {
                let length = [128, 128, 64, 130, 128][at % 5];
                let mut signature = base[..length].to_vec();
                for _ in 0..at {
                    let place = numbers.below(length as u64) as usize;
                    signature[place] = numbers.below(8) as u32;
                }
                Fingerprint {
                    exact: at as u64 + 1,
                    signature: signature.into_boxed_slice(),
                }
            })
            .collect();
        let (found, expected) = found_and_by_brute_force(&fingerprints, &settings);
        assert!(expected.len() >= 40, "{}", expected.len());
        assert!(expected.iter().any(|&(a, b)| a % 5 == 2 || b % 5 == 3));
        assert_eq!(found, expected);
    }

    #[test]
    fn disagreeing_places_counts_every_two_bit_place() {
        let mut numbers = crate::text::test_numbers::TestNumbers::new(11);
        for _ in 0..50 {
            let x: Vec<u64> = (0..4).map(|_| numbers.below(u64::MAX)).collect();
            let mut y = x.clone();
            for _ in 0..numbers.below(40) {
                let (word, place) = (numbers.below(4) as usize, numbers.below(32));
                y[word] ^= (1 + numbers.below(3)) << (2 * place);
            }
            let naive: u32 = (0..128)
                .map(|place| {
                    let field = |w: &[u64]| (w[place / 32] >> (2 * (place % 32))) & 3;
                    u32::from(field(&x) != field(&y))
                })
                .sum();
            assert_eq!(disagreeing_places(&x, &y), naive);
        }
    }
    /// `count` signatures of the default length sharing band `band`'s rows, from few values
    /// (so that unrelated ones agree on one place in sixteen, more than real ones), and
    /// versions of some of them with 50 to 75 places changed: pairs on both sides of the 64
    /// places needed.
    fn crowded_bucket(count: usize, band: usize, seed: u64) -> Vec<Vec<u32>> {
        let mut numbers = crate::text::test_numbers::TestNumbers::new(seed);
        let places = Settings::DEFAULT.hashes;
        let rows = Settings::DEFAULT.rows();
        let mut signatures: Vec<Vec<u32>> = Vec::with_capacity(count);
        while signatures.len() < count {
            let mut signature: Vec<u32> = match signatures.len() {
                0 => (0..places).map(|_| numbers.below(16) as u32).collect(),
                made => {
                    let mut version = signatures[numbers.below(made as u64) as usize].clone();
                    let changes = if numbers.below(3) == 0 {
                        50 + numbers.below(26) as usize
                    } else {
                        places
                    };
                    for _ in 0..changes {
                        version[numbers.below(places as u64) as usize] = numbers.below(16) as u32;
                    }
                    version
                }
            };
            signature[band * rows..(band + 1) * rows].fill(7);
            signatures.push(signature);
        }
        signatures
    }

    #[test]
    fn signatures_of_another_length_are_paired_as_comparing_every_two() {
        // Fingerprints read from bytes may hold signatures shorter than the settings': their
        // pairs skip the sketches and must still be those of comparing every two.
        let settings = Settings::DEFAULT;
        let mut fingerprints = crowded_fingerprints(160, 5, 3);
        for fingerprint in fingerprints.iter_mut().skip(3).step_by(7) {
            fingerprint.signature = fingerprint.signature[..100].into();
        }
        let (found, expected) = found_and_by_brute_force(&fingerprints, &settings);
        assert!(
            expected.iter().any(|&(a, b)| a % 7 == 3 || b % 7 == 3),
            "no pair with a short signature"
        );
        assert_eq!(found, expected);
    }

    #[test]
    fn settings_without_bands_find_the_exact_copies_only() {
        let texts = [
            STORY,
            STORY,
            &format!("{STORY} The council will meet again in May."),
        ];
        let fingerprints: Vec<Fingerprint> = texts.iter().map(|text| fingerprint(text)).collect();
        let refs: Vec<&Fingerprint> = fingerprints.iter().collect();
        let settings = Settings {
            bands: 0,
            ..Settings::DEFAULT
        };
        let found: Vec<(usize, usize)> = find(&refs, &settings)
            .into_iter()
            .map(|pair| (pair.a, pair.b))
            .collect();
        assert_eq!(found, vec![(0, 1)]);
    }

    #[test]
    fn a_crowded_bucket_gives_the_pairs_of_every_bucket_pair() {
        // Many tiles of members in one bucket, near pairs among them and pairs just below:
        // the sketches' walk must give the pairs of comparing every two.
        let settings = Settings::DEFAULT;
        let fingerprints = crowded_fingerprints(700, 5, 9);
        let (found, expected) = found_and_by_brute_force(&fingerprints, &settings);
        assert!(expected.len() >= 100, "{}", expected.len());
        assert_eq!(found, expected);
    }

    /// Pairs of positions, in order.
    type Pairs = Vec<(usize, usize)>;

    /// The fingerprints of [`crowded_bucket`]'s signatures, each its own exact text.
    fn crowded_fingerprints(count: usize, band: usize, seed: u64) -> Vec<Fingerprint> {
        crowded_bucket(count, band, seed)
            .into_iter()
            .enumerate()
            .map(|(at, signature)| Fingerprint {
                exact: at as u64 + 1,
                signature: signature.into_boxed_slice(),
            })
            .collect()
    }

    /// The pairs [`find`] gives of `fingerprints`, and those of comparing every two.
    fn found_and_by_brute_force(
        fingerprints: &[Fingerprint],
        settings: &Settings,
    ) -> (Pairs, Pairs) {
        let refs: Vec<&Fingerprint> = fingerprints.iter().collect();
        let found = find(&refs, settings)
            .into_iter()
            .map(|pair| (pair.a, pair.b))
            .collect();
        (found, pairs_by_brute_force(&refs, settings))
    }

    /// Every two fingerprints that share a band and pass the threshold, in order, found by
    /// comparing every pair: what [`find`] must give.
    fn pairs_by_brute_force(refs: &[&Fingerprint], settings: &Settings) -> Vec<(usize, usize)> {
        let mut expected = Vec::new();
        for a in 0..refs.len() {
            for b in a + 1..refs.len() {
                if first_shared_band(refs[a], refs[b], settings).is_some()
                    && near_similarity(refs[a], refs[b], settings).is_some()
                {
                    expected.push((a, b));
                }
            }
        }
        expected
    }

    #[test]
    fn the_tiled_walk_visits_the_pairs_the_sketches_let_through() {
        let settings = Settings::DEFAULT;
        let fingerprints = crowded_fingerprints(150, 2, 4);
        let representatives = Representatives::of(150, |set| &fingerprints[set], &settings);
        let rows: Vec<u64> = (0..150)
            .flat_map(|set| representatives.sketch(set).to_vec())
            .collect();
        let mut visited = Vec::new();
        representatives.for_each_pair_that_may_be_near(&rows, |x, y| visited.push((x, y)));
        visited.sort_unstable();
        let mut expected = Vec::new();
        for x in 0..150 {
            for y in x + 1..150 {
                let agree =
                    agreeing_low_bits(&fingerprints[x].signature, &fingerprints[y].signature);
                if agree >= 64 {
                    expected.push((x, y));
                }
            }
        }
        assert!(
            expected.len() >= 20 && expected.len() < 150 * 149 / 4,
            "{}",
            expected.len()
        );
        assert_eq!(visited, expected);
    }

    #[test]
    fn the_transposed_walk_visits_what_the_plain_walk_visits() {
        // Buckets on both sides of the vector walk's size and of whole tiles (63 to 65, 127
        // to 129 rows) and one with a short last tile (200 = 3 * 64 + 8). Rows are copies of
        // four bases with up to 63 places redrawn (a quarter redraw none), so the pairs'
        // disagreements spread from none (same base, same places) to about 96 of 128
        // (other bases: each place one of four values, so three in four places differ).
        // Four values a place make places that differ only in their high bit (0 and 2, 1
        // and 3), which only the `differ >> 1` half of the count sees. Limits: none, a few,
        // about half the places (between same-base and other-base pairs), and every pair.
        let mut numbers = crate::text::test_numbers::TestNumbers::new(21);
        let random_row = |numbers: &mut crate::text::test_numbers::TestNumbers| {
            let mut row = [0u64; ANALYZER_SKETCH_WORDS];
            for word in &mut row {
                for place in 0..PLACES_PER_WORD {
                    *word |= numbers.below(4) << (2 * place);
                }
            }
            row
        };
        let bases: Vec<[u64; ANALYZER_SKETCH_WORDS]> =
            (0..4).map(|_| random_row(&mut numbers)).collect();
        for count in [1, 2, 63, 64, 65, 127, 128, 129, 200] {
            let rows: Vec<[u64; ANALYZER_SKETCH_WORDS]> = (0..count)
                .map(|_| {
                    let mut row = bases[numbers.below(4) as usize];
                    let redrawn = if numbers.below(4) == 0 {
                        0
                    } else {
                        numbers.below(64)
                    };
                    for _ in 0..redrawn {
                        let place = numbers.below(128) as usize;
                        let (word, shift) =
                            (place / PLACES_PER_WORD, 2 * (place % PLACES_PER_WORD));
                        row[word] = (row[word] & !(3 << shift)) | (numbers.below(4) << shift);
                    }
                    row
                })
                .collect();
            for most in [0, 6, 64, u32::MAX] {
                let mut plain = Vec::new();
                walk_tiles(
                    &rows,
                    |x, y| disagreeing_places(x, y) <= most,
                    |x, y| plain.push((x, y)),
                );
                let mut transposed = Vec::new();
                walk_transposed_tiles(&rows, most, &mut |x, y| transposed.push((x, y)));
                assert_eq!(transposed, plain, "{count} rows, at most {most}");
                // The build the analyzer runs on processors that have it, compared here
                // wherever the test runs on one.
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx512f")
                    && std::arch::is_x86_feature_detected!("avx512vpopcntdq")
                {
                    let mut wide = Vec::new();
                    // SAFETY: the processor has just said it runs these instructions.
                    unsafe { walk_tiles_with_avx512(&rows, most, &mut |x, y| wide.push((x, y))) };
                    assert_eq!(wide, plain, "{count} rows, at most {most}, AVX-512");
                }
                let every_pair = count * (count - 1) / 2;
                if count >= 63 {
                    match most {
                        0 | 6 | 64 => {
                            assert!(!plain.is_empty() && plain.len() < every_pair, "{most}")
                        }
                        _ => assert_eq!(plain.len(), every_pair),
                    }
                }
            }
        }
    }

    #[test]
    fn sorting_by_the_high_half_sorts_entries_pushed_in_order() {
        // Entries as `find` makes them: keys (here from few values, so that buckets hold
        // many sets, and the extremes) above sets pushed in order; and none, and one.
        let mut numbers = crate::text::test_numbers::TestNumbers::new(5);
        for count in [0, 1, 2, 17, 5000] {
            let entries: Vec<u64> = (0..count as u64)
                .map(|set| {
                    let key = match numbers.below(4) {
                        0 => u64::from(u32::MAX),
                        1 => 0,
                        _ => numbers.below(300) * 0x0101_0101,
                    };
                    (key << 32) | set
                })
                .collect();
            let mut expected = entries.clone();
            expected.sort_unstable();
            let (mut sorted, mut spare) = (entries, vec![9; 3]);
            sort_by_high_half(&mut sorted, &mut spare);
            assert_eq!(sorted, expected);
        }
    }

    #[test]
    fn signatures_are_stable_across_runs() {
        assert_eq!(fingerprint(STORY), fingerprint(STORY));
        assert_eq!(fingerprint(STORY).signature.len(), Settings::DEFAULT.hashes);
    }
}
