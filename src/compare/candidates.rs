//! Candidate pairs: the items that share a key (an LSH band of two fingerprints, a story term,
//! a speaker and content word of two quotes) are the only ones compared, so the work grows
//! with the number of items, not its square.
//!
//! One bucket is the items filed under one key. On one machine the buckets come from sorting
//! every (key, item) entry into an inverted index ([`SharedKeys`]), whose pairs are visited
//! item by item and never listed all at once; in a distributed run each bucket is a group of
//! a shuffle by key, and [`bucket_pairs`] makes its pairs where the group lands. Both give the
//! same set of pairs: a pair is a candidate when some key's bucket holds both and is not
//! larger than the cap, a rule that depends on the whole batch's buckets only, never on an
//! order.

use crate::text::sorting;

/// The pairs of one bucket's members (item numbers, in any order, repeats allowed): every
/// two distinct members, the smaller first, in ascending order. None when the bucket holds
/// more than `max_posting` distinct members: a key that many items share no longer tells them
/// apart, and its pairs would make the search quadratic.
pub fn bucket_pairs(members: &[usize], max_posting: usize) -> Vec<(usize, usize)> {
    let mut members = members.to_vec();
    sorting::sort(&mut members);
    members.dedup();
    if members.len() > max_posting {
        return Vec::new();
    }
    let mut pairs = Vec::with_capacity(members.len() * members.len().saturating_sub(1) / 2);
    for (position, &first) in members.iter().enumerate() {
        for &second in &members[position + 1..] {
            pairs.push((first, second));
        }
    }
    pairs
}

/// Every pair of items that share a key whose bucket holds at most `max_posting` items, the
/// smaller first, sorted, each once. `entries` are (key, item); an item may file any number
/// of keys. The list of what [`for_each_pair_sharing_a_key`] visits, for a caller that wants
/// the pairs themselves (a test, a small batch).
pub fn pairs_sharing_a_key<K: Ord + Copy>(
    entries: Vec<(K, usize)>,
    max_posting: usize,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for_each_pair_sharing_a_key(entries, max_posting, |a, b| pairs.push((a, b)));
    pairs
}

/// Calls `visit(a, b)` once for every pair of items `a < b` that share a key whose bucket
/// holds at most `max_posting` distinct items, in ascending order of (a, b): the pairs of
/// [`pairs_sharing_a_key`], without ever holding them ([`SharedKeys`] once).
pub fn for_each_pair_sharing_a_key<K: Ord + Copy, I: ItemNumber>(
    entries: Vec<(K, I)>,
    max_posting: usize,
    visit: impl FnMut(I, I),
) {
    SharedKeys::new(entries, max_posting).for_each_pair(visit);
}

/// An item's number in an index ([`SharedKeys`]): the items are ordered as their numbers are,
/// so that each item's buckets can be placed by a count per number instead of sorted.
pub trait ItemNumber: Ord + Copy {
    /// The item's number.
    fn number(self) -> usize;
}

impl ItemNumber for u32 {
    fn number(self) -> usize {
        // Within usize on every target the engine builds for (32 and 64 bits).
        self as usize
    }
}

impl ItemNumber for usize {
    fn number(self) -> usize {
        self
    }
}

/// An inverted index of items (any numbers: the batch's story index numbers its articles as
/// `u32`, half the bytes of a `usize`) filed under keys, kept in two flat lists: each kept key's
/// items (its bucket), and each item's kept keys. Buckets of one item, and buckets of more
/// than the cap, are left out: they give no pair.
///
/// Each item in turn gathers the later items of its buckets, each once
/// ([`SharedKeys::for_each_pair`]). A pair that shares several keys is found through each of
/// them but visited once, and what is held is the index (a few numbers a kept entry) and one
/// item's candidates, never the list of all pairs: memory grows with the entries that share
/// a key, whatever the number of candidate pairs or items, and the time with the bucket pairs
/// walked, with nothing sorted but the entries and one item's candidates at a time.
#[derive(Debug, Clone)]
pub struct SharedKeys<I> {
    /// The kept buckets' items, bucket after bucket, each bucket's ascending:
    /// `postings[bucket_starts[k]..bucket_starts[k + 1]]` is bucket k.
    postings: Vec<I>,
    bucket_starts: Vec<usize>,
    /// Every (item, bucket) of the postings, sorted: each item's buckets in one run.
    item_buckets: Vec<(I, usize)>,
}

impl<I: ItemNumber> SharedKeys<I> {
    /// The index of `entries` (key, item), with the buckets of more than `max_posting`
    /// distinct items left out. An item may file any number of keys, a key twice.
    pub fn new<K: Ord + Copy>(mut entries: Vec<(K, I)>, max_posting: usize) -> SharedKeys<I> {
        sorting::sort(&mut entries);
        entries.dedup();
        let mut postings: Vec<I> = Vec::new();
        let mut bucket_starts: Vec<usize> = vec![0];
        for bucket in entries.chunk_by(|x, y| x.0 == y.0) {
            if bucket.len() < 2 || bucket.len() > max_posting {
                continue;
            }
            postings.extend(bucket.iter().map(|&(_, item)| item));
            bucket_starts.push(postings.len());
        }
        drop(entries);
        postings.shrink_to_fit();
        let item_buckets = by_item(&postings, &bucket_starts);
        SharedKeys {
            postings,
            bucket_starts,
            item_buckets,
        }
    }

    /// How many (key, item) entries the kept buckets hold.
    #[cfg(test)]
    fn entries(&self) -> usize {
        self.postings.len()
    }

    /// Calls `visit(a, b)` once for every pair of items `a < b` that share a kept bucket, in
    /// ascending order of (a, b).
    pub fn for_each_pair(&self, mut visit: impl FnMut(I, I)) {
        let mut candidates: Vec<I> = Vec::new();
        for run in self.item_buckets.chunk_by(|x, y| x.0 == y.0) {
            let a = run[0].0;
            candidates.clear();
            for &(_, bucket) in run {
                let members =
                    &self.postings[self.bucket_starts[bucket]..self.bucket_starts[bucket + 1]];
                let later = members.partition_point(|&item| item <= a);
                candidates.extend_from_slice(&members[later..]);
            }
            // A pair sharing several buckets is met once in each: visited once.
            sorting::sort(&mut candidates);
            candidates.dedup();
            for &b in &candidates {
                visit(a, b);
            }
        }
    }
}

/// Every (item, bucket) of the postings (`postings[bucket_starts[k]..bucket_starts[k + 1]]` is
/// bucket k), sorted. When the items' numbers are not much sparser than the postings (a
/// batch's positions, the usual case), each item's place is counted and the buckets, walked
/// in order, are put in their items' places: each item's buckets come out in order, with no
/// sort. Else (numbers far apart, from a driver's own numbering) the pairs are sorted. Both
/// give the same list.
fn by_item<I: ItemNumber>(postings: &[I], bucket_starts: &[usize]) -> Vec<(I, usize)> {
    /// A table of up to this many places per posting (8 bytes each), so that its memory
    /// stays of the order of the list's own (16 bytes a pair on 64 bits).
    const TABLE_ENTRIES_PER_POSTING: usize = 2;
    let buckets = bucket_starts
        .windows(2)
        .enumerate()
        .flat_map(|(bucket, range)| {
            postings[range[0]..range[1]]
                .iter()
                .map(move |&i| (i, bucket))
        });
    let largest = postings.iter().map(|item| item.number()).max().unwrap_or(0);
    let table_size = largest.saturating_add(2);
    if table_size
        > postings
            .len()
            .saturating_mul(TABLE_ENTRIES_PER_POSTING)
            .max(64)
    {
        let mut item_buckets: Vec<(I, usize)> = buckets.collect();
        sorting::sort(&mut item_buckets);
        return item_buckets;
    }
    let mut places =
        sorting::group_starts(table_size - 1, postings.iter().map(|item| item.number()));
    let Some(&first) = postings.first() else {
        return Vec::new();
    };
    let mut item_buckets = vec![(first, 0); postings.len()];
    sorting::place_stably(&mut item_buckets, &mut places, buckets, |&(item, _)| {
        item.number()
    });
    item_buckets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_numbers::TestNumbers;

    #[test]
    fn a_bucket_gives_each_pair_once_smaller_first() {
        assert_eq!(
            bucket_pairs(&[5, 2, 9, 2], usize::MAX),
            vec![(2, 5), (2, 9), (5, 9)]
        );
        assert!(bucket_pairs(&[4], usize::MAX).is_empty());
    }

    #[test]
    fn a_bucket_over_the_cap_gives_no_pair() {
        assert_eq!(bucket_pairs(&[1, 2, 3], 3).len(), 3);
        assert!(bucket_pairs(&[1, 2, 3, 4], 3).is_empty());
    }

    #[test]
    fn pairs_sharing_a_key_are_the_union_of_the_buckets_pairs() {
        // Keys 'a' (items 0, 1), 'b' (1, 0, 3), 'c' (2, 3), 'd' (3 alone).
        let entries = vec![
            ('a', 0),
            ('b', 1),
            ('a', 1),
            ('b', 0),
            ('c', 2),
            ('c', 3),
            ('b', 3),
            ('d', 3),
        ];
        assert_eq!(
            pairs_sharing_a_key(entries.clone(), usize::MAX),
            vec![(0, 1), (0, 3), (1, 3), (2, 3)]
        );
        // With a cap of two, bucket 'b' (three items) is left out: (0, 1) still comes from 'a'.
        assert_eq!(pairs_sharing_a_key(entries, 2), vec![(0, 1), (2, 3)]);
    }

    /// Every pair of two distinct items that share a key of at most `cap` distinct holders,
    /// by looking at every two items: what the index must give.
    fn brute_force(entries: &[(u8, u32)], cap: usize) -> Vec<(u32, u32)> {
        let holders = |key: u8| {
            let mut items: Vec<u32> = entries.iter().filter(|e| e.0 == key).map(|e| e.1).collect();
            items.sort_unstable();
            items.dedup();
            items.len()
        };
        let mut pairs = Vec::new();
        let most = entries.iter().map(|e| e.1).max().unwrap_or(0);
        for a in 0..=most {
            for b in a + 1..=most {
                let shared = entries.iter().any(|x| {
                    x.1 == a
                        && entries.iter().any(|y| y.1 == b && y.0 == x.0)
                        && holders(x.0) <= cap
                });
                if shared {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    }

    #[test]
    fn the_index_visits_each_pair_sharing_a_kept_key_once_in_order() {
        // Pseudo-random entries (a fixed linear congruential sequence): 60 items filing up
        // to 5 keys of 40, some twice, so that pairs share several keys and buckets differ in
        // size.
        let mut numbers = TestNumbers::new(12345);
        let mut next = |below: u64| numbers.below(below);
        let mut entries: Vec<(u8, u32)> = Vec::new();
        for item in 0..60u32 {
            for _ in 0..next(6) {
                entries.push((next(40) as u8, item));
            }
        }
        entries.push(entries[0]);
        for cap in [2, 4, 7, usize::MAX] {
            let mut visited = Vec::new();
            let index = SharedKeys::new(entries.clone(), cap);
            index.for_each_pair(|a, b| visited.push((a, b)));
            let expected = brute_force(&entries, cap);
            assert!(cap < 4 || expected.len() > 30, "{cap}: {}", expected.len());
            assert_eq!(visited, expected, "cap {cap}");
            // Twice over one index, the same pairs.
            let mut again = Vec::new();
            index.for_each_pair(|a, b| again.push((a, b)));
            assert_eq!(again, visited);
        }
        let as_usize: Vec<(u8, usize)> = entries.iter().map(|&(k, i)| (k, i as usize)).collect();
        let listed: Vec<(u32, u32)> = pairs_sharing_a_key(as_usize, 7)
            .into_iter()
            .map(|(a, b)| (a as u32, b as u32))
            .collect();
        assert_eq!(listed, brute_force(&entries, 7));
    }

    #[test]
    fn items_buckets_placed_by_count_are_those_a_sort_gives() {
        // Postings of dense item numbers (placed by count) and of sparse ones (sorted), each
        // bucket's items ascending as the index keeps them.
        let mut numbers = TestNumbers::new(777);
        for spread in [1u64, 3, 1_000, u64::from(u32::MAX)] {
            let mut postings: Vec<u32> = Vec::new();
            let mut bucket_starts = vec![0];
            for _ in 0..50 {
                let mut bucket: Vec<u32> = (0..2 + numbers.below(6))
                    .map(|_| (numbers.below(40) * spread).min(u64::from(u32::MAX)) as u32)
                    .collect();
                bucket.sort_unstable();
                bucket.dedup();
                postings.extend(&bucket);
                bucket_starts.push(postings.len());
            }
            let mut expected: Vec<(u32, usize)> = Vec::new();
            for (bucket, range) in bucket_starts.windows(2).enumerate() {
                expected.extend(postings[range[0]..range[1]].iter().map(|&i| (i, bucket)));
            }
            expected.sort_unstable();
            assert_eq!(by_item(&postings, &bucket_starts), expected, "{spread}");
            let as_usize: Vec<usize> = postings.iter().map(|&i| i as usize).collect();
            let expected: Vec<(usize, usize)> =
                expected.iter().map(|&(i, b)| (i as usize, b)).collect();
            assert_eq!(by_item(&as_usize, &bucket_starts), expected, "{spread}");
        }
        assert!(by_item::<u32>(&[], &[0]).is_empty());
    }

    #[test]
    fn an_index_without_shared_keys_visits_nothing() {
        let index = SharedKeys::new(vec![(1u8, 0u32), (2, 1), (3, 1)], usize::MAX);
        assert_eq!(index.entries(), 0);
        index.for_each_pair(|a, b| panic!("no pair shares a key, yet ({a}, {b})"));
        SharedKeys::<u32>::new(Vec::<(u8, u32)>::new(), 5).for_each_pair(|_, _| panic!());
        let index = SharedKeys::new(vec![(1u8, 3u32), (1, 9), (1, 3)], usize::MAX);
        assert_eq!(index.entries(), 2);
    }
}
