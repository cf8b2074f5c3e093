//! One small stable sort for the whole engine, in place of the standard library's.
//!
//! The standard sorts (driftsort for `sort`, ipnsort for `sort_unstable`) are fast but large,
//! and every element type and every comparison closure gets its own copy: in the page's
//! WebAssembly the engine's two dozen sort calls came to about 90 KB of code (62 functions).
//! Here sorting by a key or a comparison is one function that orders indices through a `dyn`
//! comparison; what each call adds is its comparison closure, an insertion sort for short
//! slices and a loop that moves the items into place. Sorting whole values ([`sort`]) stays
//! the standard library's: a batch's big sorts are of that kind, on a few element types.
//!
//! The sort is stable, so it gives exactly what the standard library's stable sort gives. It
//! also gives what `sort_unstable` gave wherever no two distinct items compare equal, which
//! is true of every call in the engine (whole values compared, or keys that are unique).

use std::cmp::Ordering;

/// Sorts `items` by their natural order. Equal items are equal, so any sort gives the same
/// result. Natively this is the standard library's `sort_unstable`, since the engine's
/// biggest sorts are of this kind (a batch's candidate entries and pairs: plain numbers and
/// tuples, a handful of element types), where its speed counts. In the page's WebAssembly it
/// is the compact sort: there each element type's ipnsort cost about 2 KB gzipped, and the
/// page's batches are small enough that the sort's speed does not show (docs/benchmarks.md,
/// "Page weight after the HTML reader").
pub fn sort<T: Ord>(items: &mut [T]) {
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_unstable();
    #[cfg(target_arch = "wasm32")]
    sort_by(items, T::cmp);
}

/// Offers `item` to `kept`, the first `limit` (at most) of everything offered so far as a
/// stable sort by `heavier` orders them (heaviest first, `Ordering::Less` for the heavier):
/// an item no heavier than the lightest of a full list is dropped at once, any other goes in
/// after the items it ties with. Keeping the few heaviest of many this way costs a
/// comparison for most, where sorting them all and cutting would sort the many.
pub fn offer_to_heaviest<T>(
    kept: &mut Vec<T>,
    item: T,
    limit: usize,
    heavier: impl Fn(&T, &T) -> Ordering,
) {
    if kept.len() >= limit
        && kept
            .last()
            .is_none_or(|lightest| heavier(&item, lightest) != Ordering::Less)
    {
        return;
    }
    let at = kept.partition_point(|earlier| heavier(earlier, &item) != Ordering::Greater);
    kept.insert(at, item);
    kept.truncate(limit);
}

/// Sorts `items` by a key (stable: items with equal keys keep their order).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by `compare` (stable: items that compare equal keep their order).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() <= INSERTION_RUN {
        // Most of the engine's sorts are this short (an article's terms, a quote's words):
        // sorted where they stand, without the index buffers.
        insertion_sort(items, &mut compare);
        return;
    }
    let mut order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts a few items in place by swapping each back past the greater ones (stable): for
/// callers that sort many slices known to be tiny (a hash table's buckets), without
/// [`sort_by`]'s check of the length.
pub fn insertion_sort<T>(items: &mut [T], compare: &mut impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// `items` put in the order of their groups, `group_of(item)` below `groups`, each group's
/// items in the order they came (a stable counting sort), and where each group starts:
/// group `g` is `grouped[starts[g] as usize..starts[g + 1] as usize]` (`starts` has
/// `groups + 1` entries). One pass to count, one to place: for tables read by group (a
/// pattern's texts by first byte, a word table's keys by bucket), where a comparison sort
/// would be most of the table's making.
pub fn group_stably<T: Clone + Default>(
    items: Vec<T>,
    groups: usize,
    group_of: impl Fn(&T) -> usize,
) -> (Vec<T>, Vec<u32>) {
    let mut places = group_starts(groups, items.iter().map(&group_of));
    let mut grouped = vec![T::default(); items.len()];
    place_stably(&mut grouped, &mut places, items, group_of);
    // Each group's end is the next group's start.
    let starts = std::iter::once(0)
        .chain(places[..groups].iter().copied())
        .map(|start| u32::try_from(start).expect("fewer than 2^32 items grouped"))
        .collect();
    (grouped, starts)
}

/// Where each of `groups` groups starts once items of the groups `item_groups` (each below
/// `groups`, one per item, in the items' order) are put in the order of their groups: group
/// `g` takes the places `starts[g]..starts[g + 1]` (`groups + 1` entries). The counting half of
/// [`group_stably`], for a caller that places items it makes as it goes
/// ([`place_stably`]) and never holds them in a list of their own.
pub fn group_starts(groups: usize, item_groups: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0usize; groups + 1];
    for group in item_groups {
        starts[group + 1] += 1;
    }
    for group in 0..groups {
        starts[group + 1] += starts[group];
    }
    starts
}

/// Puts `items`, the items [`group_starts`] counted and in the same order, in their groups'
/// places of `grouped` (as long as the items), each group's items in the order they come: the
/// placing half of [`group_stably`]. `places` holds [`group_starts`]' starts and serves as
/// each group's next place: at the end `places[g]` is where group `g` ends.
pub fn place_stably<T>(
    grouped: &mut [T],
    places: &mut [usize],
    items: impl IntoIterator<Item = T>,
    group_of: impl Fn(&T) -> usize,
) {
    for item in items {
        let next = &mut places[group_of(&item)];
        grouped[*next] = item;
        *next += 1;
    }
}

/// Puts `items[order[i]]` at position `i`, following each cycle of the permutation with
/// swaps; `order` is used up (each visited entry is set to its own index).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Runs shorter than this are sorted by insertion before merging, and slices this short are
/// sorted by insertion alone: on a few items, shifting is cheaper than merging through a
/// spare buffer (16 is the usual choice; any small number gives the same order).
const INSERTION_RUN: usize = 16;

/// The indices `0..len` in the order that sorts the items stably by `compare` (which
/// compares items by index): insertion-sorted runs, then bottom-up merges between two buffers.
/// Not generic, so the page carries one copy of it.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    for run in order.chunks_mut(INSERTION_RUN) {
        for i in 1..run.len() {
            let item = run[i];
            let mut j = i;
            while j > 0 && compare(run[j - 1], item) == Ordering::Greater {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = item;
        }
    }
    let mut spare = vec![0; len];
    let mut width = INSERTION_RUN;
    while width < len {
        for (start, out) in (0..len).step_by(2 * width).zip(spare.chunks_mut(2 * width)) {
            let middle = (start + width).min(len);
            let stop = start + out.len();
            merge(&order[start..middle], &order[middle..stop], out, compare);
        }
        std::mem::swap(&mut order, &mut spare);
        width *= 2;
    }
    order
}

/// Merges two sorted runs into `out`, the left one first among equals (which keeps the sort
/// stable).
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    let (mut l, mut r) = (0, 0);
    for slot in out.iter_mut() {
        let take_left =
            l < left.len() && (r == right.len() || compare(left[l], right[r]) != Ordering::Greater);
        if take_left {
            *slot = left[l];
            l += 1;
        } else {
            *slot = right[r];
            r += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_numbers::TestNumbers;

    fn numbers(count: usize, seed: u64, modulo: u64) -> Vec<u64> {
        let mut numbers = TestNumbers::new(seed);
        (0..count).map(|_| numbers.below(modulo)).collect()
    }

    #[test]
    fn grouping_keeps_each_group_in_its_order_and_gives_its_bounds() {
        let items: Vec<(usize, u64)> = numbers(500, 7, 13)
            .into_iter()
            .enumerate()
            .map(|(index, group)| (group as usize, index as u64))
            .collect();
        let (grouped, starts) = group_stably(items.clone(), 16, |item| item.0);
        let mut expected = items;
        expected.sort_by_key(|item| item.0);
        assert_eq!(grouped, expected);
        assert_eq!(starts.len(), 17);
        for group in 0..16 {
            let members = &grouped[starts[group] as usize..starts[group + 1] as usize];
            assert!(members.iter().all(|item| item.0 == group));
            assert_eq!(
                members.len(),
                expected.iter().filter(|item| item.0 == group).count()
            );
        }
        assert_eq!(
            group_stably(Vec::<(usize, u64)>::new(), 4, |item| item.0).1,
            vec![0; 5]
        );
    }

    #[test]
    fn sorts_like_the_standard_library_at_every_length() {
        for len in [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 257, 1000, 4099] {
            let mut ours = numbers(len, len as u64 + 7, 50);
            // What `sort` is in the wasm build, checked natively too.
            let mut compact = ours.clone();
            let mut theirs = ours.clone();
            sort(&mut ours);
            sort_by(&mut compact, u64::cmp);
            theirs.sort_unstable();
            assert_eq!(ours, theirs, "length {len}");
            assert_eq!(compact, theirs, "length {len}, compact sort");
        }
    }

    #[test]
    fn keeps_equal_keys_in_their_order_as_the_stable_sort_does() {
        for len in [5, 40, 300, 2048] {
            let keys = numbers(len, 99 + len as u64, 7);
            let mut ours: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut theirs = ours.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            theirs.sort_by_key(|&(key, _)| key);
            assert_eq!(ours, theirs, "length {len}");
        }
    }

    #[test]
    fn sorts_descending_and_already_sorted_input() {
        let mut descending: Vec<u32> = (0..500).rev().collect();
        sort(&mut descending);
        assert_eq!(descending, (0..500).collect::<Vec<u32>>());
        let mut by_reverse: Vec<u32> = (0..500).collect();
        sort_by(&mut by_reverse, |a, b| b.cmp(a));
        assert_eq!(by_reverse, (0..500).rev().collect::<Vec<u32>>());
    }

    #[test]
    fn moves_items_that_own_memory() {
        let mut groups: Vec<Vec<usize>> = vec![vec![5, 1], vec![2], vec![9, 3, 4], vec![0]];
        sort_by_key(&mut groups, |group| group[0]);
        assert_eq!(groups, vec![vec![0], vec![2], vec![5, 1], vec![9, 3, 4]]);
    }
}
