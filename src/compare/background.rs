//! How common a word is in English at large: the background that tells a distinctive story
//! term ("earthquake", "Klitschko") from a common one ("people", "government") even in a
//! batch of five articles, where the batch's own counts say little.
//!
//! The frequencies are wordfreq's (`lexicon/background_en.txt`, made by
//! `scripts/make_background_frequencies.py`; CC BY-SA 4.0), as Zipf values: log10 of a word's
//! occurrences per billion words. A word's background document frequency is the chance that
//! an article of [`ARTICLE_WORDS`] words holds it at least once.
//!
//! The engine holds the list in its compact form, `lexicon/background_en.bin` (11.6 KB for
//! 7,413 words, against 58 KB of text; the script's docstring gives the layout): each word as
//! the top [`HASH_BITS`] bits of its [`word_hash`], sorted and Rice-coded per Zipf band.
//! The text file stays the reviewable source; a test checks that the two agree.

use std::sync::OnceLock;

use crate::text::bytes::load_up_to_eight;
use crate::text::sorting::{group_stably, insertion_sort};

/// The compact list (see the module doc).
const TABLE: &[u8] = include_bytes!("lexicon/background_en.bin");

/// Bits of a word's [`word_hash`] the compact list keeps: a word outside the list takes a
/// listed word's Zipf value about once in 140, which only makes a rare word count as a common
/// one; on the dev story sets, keeping 16 to 64 bits gives the same story groups.
const HASH_BITS: u32 = 20;

/// Words in a typical news article's body (a few hundred: the medians of the dev sets' cleaned
/// texts are about 200, 500 and 600 words): the length at which a word's frequency becomes
/// the share of articles that use it.
const ARTICLE_WORDS: f64 = 400.0;

/// Zipf value given to a word the list does not hold: half a unit below its rarest band
/// (4.0), so an unlisted word (a name, a place, a rare term) weighs more than any listed one.
const UNLISTED_ZIPF: f64 = 3.5;

/// Bits of a key that pick its bucket in [`Table::bucket_starts`]: 4,096 buckets for the
/// list's 7,413 keys, about two keys a bucket, so that a lookup reads one bucket bound and
/// one or two keys instead of the thirteen dependent reads of a binary search (each distinct
/// term of every article is looked up; the search was 4% of the CPU time of cleaning alone).
/// The bounds take 16 KB, beside the keys' 30 KB: both stay in the first-level cache. The
/// page's build too, since round nine (the weight the pattern rules freed pays for it).
const BUCKET_BITS: u32 = 12;

/// The decoded list: word keys (top [`HASH_BITS`] bits of the hash), sorted, and each key's
/// Zipf value in tenths.
#[derive(Debug, Default, PartialEq)]
struct Table {
    keys: Vec<u32>,
    zipf_tenths: Vec<u8>,
    /// For each bucket (a key's top [`BUCKET_BITS`] bits), the index of its first key in
    /// `keys`, then the number of keys: bucket `b`'s keys are
    /// `keys[bucket_starts[b]..bucket_starts[b + 1]]`. Empty for [`Table::default`] (a
    /// list that fails to decode).
    bucket_starts: Vec<u32>,
}

impl Table {
    /// The table of `entries`, each band's keys in ascending order and the bands from the
    /// most frequent: the keys sorted, a key that several bands share kept with the first
    /// (the more frequent), and the bounds of the buckets (see [`BUCKET_BITS`]). Sorted by a count of each bucket's keys and an insertion sort
    /// within each bucket (a couple of keys): one pass that gives the buckets' bounds as
    /// well, where a general sort of the 7,413 entries was most of the table's making
    /// (1.1 M of 1.3 M instructions, a tenth of the CLI's start on one short article).
    fn from_entries(entries: Vec<(u32, u8)>) -> Table {
        const BUCKETS: usize = 1 << BUCKET_BITS;
        let (mut by_bucket, starts) =
            group_stably(entries, BUCKETS, |&(key, _)| bucket_of(key) as usize);
        let mut table = Table {
            keys: Vec::with_capacity(by_bucket.len()),
            zipf_tenths: Vec::with_capacity(by_bucket.len()),
            bucket_starts: Vec::with_capacity(BUCKETS + 1),
        };
        for bucket in 0..BUCKETS {
            let entries = &mut by_bucket[starts[bucket] as usize..starts[bucket + 1] as usize];
            // Stable: of equal keys, the first band's stays first. A bucket holds a couple
            // of keys: sorted by insertion where they stand.
            insertion_sort(entries, &mut |a, b| a.0.cmp(&b.0));
            table.bucket_starts.push(table.keys.len() as u32);
            for &(key, zipf) in entries.iter() {
                if table.keys.last() != Some(&key) {
                    table.keys.push(key);
                    table.zipf_tenths.push(zipf);
                }
            }
        }
        table.bucket_starts.push(table.keys.len() as u32);
        table
    }

    #[cfg(test)]
    fn zipf(&self, key: u32) -> Option<f64> {
        self.zipf_tenths(key).map(zipf_of_tenths)
    }

    /// The Zipf value in tenths of a listed key, from its bucket.
    fn zipf_tenths(&self, key: u32) -> Option<u8> {
        let bucket = bucket_of(key) as usize;
        let (Some(&start), Some(&end)) = (
            self.bucket_starts.get(bucket),
            self.bucket_starts.get(bucket + 1),
        ) else {
            return None;
        };
        let (start, end) = (start as usize, end as usize);
        let offset = self.keys.get(start..end)?.iter().position(|&k| k == key)?;
        self.zipf_tenths.get(start + offset).copied()
    }
}

/// The bucket of a key in [`Table::bucket_starts`].
fn bucket_of(key: u32) -> u32 {
    key >> (HASH_BITS - BUCKET_BITS)
}

/// The zipf value of a listed word's band, in tenths.
fn zipf_of_tenths(tenths: u8) -> f64 {
    f64::from(tenths) / 10.0
}

/// The key of a word's hash in the compact list.
fn key_of(hash: u64) -> u32 {
    (hash >> (64 - HASH_BITS)) as u32
}

/// Bits of a byte slice, least significant first.
struct BitReader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl BitReader<'_> {
    /// The bits from the position on, up to 64 of them (the first in the lowest bit), and
    /// how many of those are there (at least 57 before the last bytes); `None` past the end.
    fn window(&self) -> Option<(u64, u32)> {
        let rest = self
            .bytes
            .get(self.position / 8..)
            .filter(|rest| !rest.is_empty())?;
        let available = rest.len().min(8);
        let shift = (self.position % 8) as u32;
        Some((
            load_up_to_eight(rest) >> shift,
            8 * available as u32 - shift,
        ))
    }

    /// A Rice-coded number: the quotient in unary (ones ended by a zero), then `k` bits.
    /// Read a window at a time (the ones counted at once, the `k` bits masked), not a bit at
    /// a time: decoding the 7,413 keys bit by bit was some 2 M instructions, a third of the
    /// CLI's start on a short article once the pattern rules were made cheap.
    fn rice(&mut self, k: u32) -> Option<u32> {
        let mut quotient: u32 = 0;
        loop {
            let (bits, valid) = self.window()?;
            let ones = bits.trailing_ones().min(valid);
            quotient = quotient.checked_add(ones)?;
            self.position += ones as usize;
            if ones < valid {
                break;
            }
        }
        // The zero that ends the quotient.
        self.position += 1;
        let mut remainder = 0;
        if k > 0 {
            let (bits, valid) = self.window()?;
            if k >= 32 || valid < k {
                return None;
            }
            remainder = (bits & ((1 << k) - 1)) as u32;
            self.position += k as usize;
        }
        quotient.checked_shl(k)?.checked_add(remainder)
    }
}

/// Decodes the compact list; None when it is malformed (a wrong magic number or hash width,
/// a count running past the data, keys out of order).
fn decode(data: &[u8]) -> Option<Table> {
    let rest = data.strip_prefix(b"BGF1")?;
    let (&bits, rest) = rest.split_first()?;
    let (&band_count, mut rest) = rest.split_first()?;
    if u32::from(bits) != HASH_BITS {
        return None;
    }
    let mut bands = Vec::with_capacity(usize::from(band_count));
    for _ in 0..band_count {
        let (band, tail) = rest.split_at_checked(4)?;
        let words = u16::from_le_bytes([band[1], band[2]]);
        bands.push((band[0], words, u32::from(band[3])));
        rest = tail;
    }
    let mut reader = BitReader {
        bytes: rest,
        position: 0,
    };
    // Room for every key the header announces, at most one per bit of the data left (a
    // damaged header cannot ask for more than the data could hold).
    let announced: usize = bands.iter().map(|&(_, words, _)| usize::from(words)).sum();
    let mut entries: Vec<(u32, u8)> = Vec::with_capacity(announced.min(8 * rest.len()));
    for (zipf_tenths, words, k) in bands {
        let mut key: u32 = 0;
        for _ in 0..words {
            key = key.checked_add(reader.rice(k)?)?;
            if key >= 1 << HASH_BITS {
                return None;
            }
            entries.push((key, zipf_tenths));
        }
    }
    Some(Table::from_entries(entries))
}

fn table() -> &'static Table {
    static VALUES: OnceLock<Table> = OnceLock::new();
    // The list is compiled in and checked by a test; were it ever malformed, every word would
    // count as unlisted (the batch's own counts still weigh terms) rather than the page fail.
    VALUES.get_or_init(|| decode(TABLE).unwrap_or_default())
}

/// The share of news articles expected to hold the word with this [`word_hash`] at least
/// once, from its background frequency (0 < share < 1): over half for "people", 0.005 for
/// "earthquake", 0.0013 for an unlisted name. (Stopwords are not listed: they are never
/// story terms.) With it, its natural logarithm. A word's share depends only on its band (a
/// zipf value in tenths, or unlisted), so both are worked out once per band, not once per
/// word of every article: the same values, without a power, an exponential and a logarithm
/// per word.
///
/// [`word_hash`]: crate::text::word_hash
pub fn document_share_and_log(hash: u64) -> (f64, f64) {
    let band = table()
        .zipf_tenths(key_of(hash))
        .map_or(UNLISTED_BAND, usize::from);
    shares_of_bands()[band]
}

/// The largest `-ln` share [`document_share_and_log`] gives any word: that of the rarest band
/// the list holds or of the unlisted words, whichever is rarer (a listed band may lie below
/// [`UNLISTED_ZIPF`]: the bound is taken over the bands themselves, not assumed). The story
/// summary multiplies a term's frequency by it to skip the lookup for terms that cannot
/// outweigh its heaviest.
pub fn largest_minus_log_share() -> f64 {
    static LARGEST: OnceLock<f64> = OnceLock::new();
    *LARGEST.get_or_init(|| {
        let shares = shares_of_bands();
        table()
            .zipf_tenths
            .iter()
            .map(|&tenths| usize::from(tenths))
            .chain([UNLISTED_BAND])
            .map(|band| -shares[band].1)
            .fold(f64::NEG_INFINITY, f64::max)
    })
}

/// The band of the words the list does not hold, after the 256 of zipf values in tenths.
const UNLISTED_BAND: usize = 256;

/// Every band's share and its logarithm.
fn shares_of_bands() -> &'static [(f64, f64); UNLISTED_BAND + 1] {
    static SHARES: OnceLock<[(f64, f64); UNLISTED_BAND + 1]> = OnceLock::new();
    SHARES.get_or_init(|| {
        std::array::from_fn(|band| {
            let zipf = match u8::try_from(band) {
                Ok(tenths) => zipf_of_tenths(tenths),
                Err(_) => UNLISTED_ZIPF,
            };
            let share = share_of_zipf(zipf);
            (share, share.ln())
        })
    })
}

/// The share of articles expected to hold a word of this zipf value.
fn share_of_zipf(zipf: f64) -> f64 {
    let per_word = 10f64.powf(zipf - 9.0);
    // Poisson: the chance of at least one occurrence in ARTICLE_WORDS draws.
    -(-per_word * ARTICLE_WORDS).exp_m1()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_hash;

    fn zipf(word: &str) -> Option<f64> {
        table().zipf(key_of(word_hash(word)))
    }

    #[test]
    fn each_bands_share_is_the_words_share() {
        for word in ["people", "earthquake", "klitschko", "said", "the", "zzqx"] {
            let hash = word_hash(word);
            let zipf = zipf(word).unwrap_or(UNLISTED_ZIPF);
            let (share, log) = document_share_and_log(hash);
            assert_eq!(share.to_bits(), share_of_zipf(zipf).to_bits(), "{word}");
            assert_eq!(log.to_bits(), share.ln().to_bits(), "{word}");
        }
    }

    #[test]
    fn the_compact_list_holds_every_word_of_the_text_list_in_its_band() {
        let mut band = 0.0;
        let mut words = 0;
        for line in include_str!("lexicon/background_en.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(value) = line.strip_prefix("zipf ") {
                band = value.parse().expect("a band line holds a number");
                continue;
            }
            words += 1;
            // A word whose key another, more frequent word shares takes that word's band.
            let found = zipf(line).unwrap_or_else(|| panic!("{line} is in the compact list"));
            assert!(found >= band - 1e-9, "{line}: {found} < {band}");
        }
        assert!(words > 7_000, "{words} words");
        assert!(
            table().keys.len() > words - 50,
            "{} keys",
            table().keys.len()
        );
    }

    #[test]
    fn the_buckets_find_what_a_binary_search_finds() {
        let table = table();
        assert!(!table.keys.is_empty());
        let searched = |key: u32| {
            let index = table.keys.binary_search(&key).ok()?;
            Some(table.zipf_tenths[index])
        };
        for key in 0..1u32 << HASH_BITS {
            assert_eq!(table.zipf_tenths(key), searched(key), "{key}");
        }
        assert_eq!(Table::default().zipf_tenths(5), None);
        let edges = Table::from_entries(vec![(0, 10), (1, 20), ((1 << HASH_BITS) - 1, 30)]);
        assert_eq!(edges.zipf_tenths(0), Some(10));
        assert_eq!(edges.zipf_tenths(1), Some(20));
        assert_eq!(edges.zipf_tenths(2), None);
        assert_eq!(edges.zipf_tenths((1 << HASH_BITS) - 1), Some(30));
    }

    #[test]
    fn the_table_holds_the_entries_sorted_with_each_keys_first_band() {
        // Three bands in the list's order, each ascending, sharing keys (0, multiples of
        // both steps, the last key), several to a bucket, and empty buckets between.
        let mut entries: Vec<(u32, u8)> = (0..1u32 << HASH_BITS)
            .step_by(997)
            .map(|key| (key, 60))
            .collect();
        entries.extend((0..1u32 << HASH_BITS).step_by(1_499).map(|key| (key, 45)));
        entries.extend([(5, 40), (6, 40), (997, 40), ((1 << HASH_BITS) - 1, 40)]);
        let mut expected = entries.clone();
        expected.sort_by_key(|&(key, _)| key);
        expected.dedup_by_key(|&mut (key, _)| key);
        let table = Table::from_entries(entries.clone());
        assert!(expected.len() < entries.len(), "some keys are shared");
        assert_eq!(
            table.keys,
            expected.iter().map(|&(key, _)| key).collect::<Vec<_>>()
        );
        assert_eq!(
            table.zipf_tenths,
            expected.iter().map(|&(_, zipf)| zipf).collect::<Vec<_>>()
        );
        for &(key, zipf) in &expected {
            assert_eq!(table.zipf_tenths(key), Some(zipf), "{key}");
        }
        assert_eq!(table.zipf_tenths(7), None);
        assert_eq!(Table::from_entries(Vec::new()).zipf_tenths(0), None);
    }

    #[test]
    fn no_word_weighs_more_than_the_largest_minus_log_share() {
        let largest = largest_minus_log_share();
        let shares = shares_of_bands();
        let mut reached = false;
        for &tenths in table().zipf_tenths.iter() {
            let minus_log = -shares[usize::from(tenths)].1;
            assert!(minus_log <= largest, "{tenths}");
            reached |= minus_log == largest;
        }
        assert_eq!(zipf("klitschko"), None);
        let unlisted = -document_share_and_log(word_hash("klitschko")).1;
        assert!(unlisted <= largest);
        assert!(reached || unlisted == largest);
    }

    #[test]
    fn common_and_rare_words_get_their_bands() {
        assert!(zipf("government").unwrap() > 5.0);
        assert!(zipf("earthquake").unwrap() >= 4.0);
        assert_eq!(zipf("klitschko"), None);
    }

    #[test]
    fn rarer_words_weigh_more() {
        let idf = |word: &str| -document_share_and_log(word_hash(word)).0.ln();
        assert!(idf("people") < idf("earthquake"));
        assert!(idf("earthquake") < idf("halvorsen"));
        assert!(idf("people") > 0.0);
        assert!((0.0..1.0).contains(&document_share_and_log(word_hash("people")).0));
    }

    /// Rice codes of `values` with parameter `k`, least significant bit first.
    fn rice_coded(values: &[u32], k: u32) -> Vec<u8> {
        let mut bits = Vec::new();
        for &value in values {
            bits.extend(std::iter::repeat_n(1u8, (value >> k) as usize));
            bits.push(0);
            bits.extend((0..k).map(|shift| ((value >> shift) & 1) as u8));
        }
        bits.chunks(8)
            .map(|byte| byte.iter().rev().fold(0, |acc, &bit| (acc << 1) | bit))
            .collect()
    }

    #[test]
    fn rice_codes_read_a_window_at_a_time_as_a_bit_at_a_time() {
        // Quotients longer than a window (the unary run crosses several), remainders at a
        // window's end, every k the list uses and more, and every truncation of each stream.
        let values: Vec<u32> = (0..300u32).map(|i| (i * 7_919) % 1_000 + i / 3).collect();
        for k in [0, 1, 3, 7, 12, 20, 31] {
            let long: Vec<u32> = values
                .iter()
                .map(|&v| v << k.min(5))
                .chain([200 << k])
                .collect();
            let data = rice_coded(&long, k);
            let mut reader = BitReader {
                bytes: &data,
                position: 0,
            };
            for &value in &long {
                assert_eq!(reader.rice(k), Some(value), "k {k}");
            }
            for end in 0..data.len().min(64) {
                let mut cut = BitReader {
                    bytes: &data[..end],
                    position: 0,
                };
                let read: Vec<u32> = std::iter::from_fn(|| cut.rice(k)).collect();
                assert!(
                    read.len() <= long.len() && long.starts_with(&read),
                    "k {k}, end {end}"
                );
            }
        }
        let mut past = BitReader {
            bytes: &[0xff],
            position: 0,
        };
        assert_eq!(past.rice(0), None, "a quotient that runs past the end");
        let mut wide = BitReader {
            bytes: &[0; 16],
            position: 0,
        };
        assert_eq!(wide.rice(32), None, "a k no key can have");
    }

    #[test]
    fn a_damaged_list_is_refused_not_a_panic() {
        assert!(decode(TABLE).is_some());
        assert_eq!(decode(b""), None);
        assert_eq!(decode(b"BGF1"), None);
        assert_eq!(decode(&TABLE[..TABLE.len() / 2]), None);
        let mut wrong_width = TABLE.to_vec();
        wrong_width[4] = 32;
        assert_eq!(decode(&wrong_width), None);
        // Every truncation fails cleanly.
        for end in (0..TABLE.len()).step_by(97) {
            let _ = decode(&TABLE[..end]);
        }
    }
}
