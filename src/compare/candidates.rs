//! Candidate pairs: the items that share a key (an LSH band of two fingerprints, a story term,
//! a speaker and content word of two quotes) are the only ones compared, so the work grows
//! with the number of items, not its square.
//!
//! One bucket is the items filed under one key. On one machine the buckets come from sorting
//! every (key, item) entry; in a distributed run each bucket is a group of a shuffle by key,
//! and [`bucket_pairs`] makes its pairs where the group lands. Both give the same set of
//! pairs: a pair is a candidate when some key's bucket holds both and is not larger than the
//! cap, a rule that depends on the whole batch's buckets only, never on an order.

/// The pairs of one bucket's members (item numbers, in any order, repeats allowed): every
/// two distinct members, the smaller first, in ascending order. None when the bucket holds
/// more than `max_posting` distinct members: a key that many items share no longer tells them
/// apart, and its pairs would make the search quadratic.
pub fn bucket_pairs(members: &[usize], max_posting: usize) -> Vec<(usize, usize)> {
    let mut members = members.to_vec();
    members.sort_unstable();
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
/// of keys.
pub fn pairs_sharing_a_key<K: Ord + Copy>(
    mut entries: Vec<(K, usize)>,
    max_posting: usize,
) -> Vec<(usize, usize)> {
    entries.sort_unstable();
    let mut pairs = Vec::new();
    let mut members = Vec::new();
    for bucket in entries.chunk_by(|x, y| x.0 == y.0) {
        if bucket.len() < 2 {
            continue;
        }
        members.clear();
        members.extend(bucket.iter().map(|&(_, item)| item));
        pairs.extend(bucket_pairs(&members, max_posting));
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
