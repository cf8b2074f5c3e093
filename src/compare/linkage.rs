//! Average-linkage clustering over a sparse graph of scored pairs, and the joining of the
//! articles it leaves over: the last steps of story grouping, and the only ones that need
//! every scored pair at once (a driver's work when the pairs are scored elsewhere). Besides
//! the pairs they read each item's figures ([`crate::text::figures`]), a few numbers an item.

use crate::text::sorting;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use crate::text::figures::Figure;
use crate::text::Prehashed;

/// One scored pair of items: `a < b`, similarity in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// The first item.
    pub a: usize,
    /// The second item.
    pub b: usize,
    /// How alike the two are (0 = nothing in common).
    pub similarity: f64,
    /// What the two items' own dates say of them.
    pub dates: OwnDates,
}

/// What the own dates of a pair's two items (an article's publication date) say of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OwnDates {
    /// At least one of them has no date of its own.
    #[default]
    Unknown,
    /// Both have one, and they speak of days close to each other.
    Near,
    /// Both have one, and no day one speaks of is close to a day the other speaks of.
    Apart,
}

/// How the groups are formed (the values and their reasons are in `stories.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkageRules {
    /// Smallest mean pairwise similarity at which two groups are joined.
    pub join_threshold: f64,
    /// Two groups that each repeat a figure (in two or more members) are kept apart when no
    /// figure is stated by at least this share of the members of both.
    pub figure_agreement: f64,
    /// Groups of at most this many items left by the linkage may join a story afterwards.
    pub largest_leftover: usize,
    /// ... a story of at least this many items (larger than `largest_leftover`).
    pub smallest_story: usize,
    /// ... when their mean similarity to it is at least this,
    pub leftover_threshold: f64,
    /// ... and at least this many times their mean similarity to any other story.
    pub leftover_margin: f64,
}

/// A candidate merge in the queue.
#[derive(Debug, PartialEq)]
struct Merge {
    similarity: f64,
    a: usize,
    b: usize,
    versions: (u32, u32),
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> Ordering {
        self.similarity
            .total_cmp(&other.similarity)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The figures of one group: how many of its members state each.
#[derive(Debug, Clone, Default)]
struct GroupFigures {
    counts: HashMap<Figure, u32, Prehashed>,
    /// How many figures two or more members state: the group's own particulars.
    repeated: usize,
}

impl GroupFigures {
    fn of(figures: &[Figure]) -> GroupFigures {
        GroupFigures {
            counts: figures.iter().map(|&figure| (figure, 1)).collect(),
            repeated: 0,
        }
    }

    /// Adds another group's counts (the smaller map is walked).
    fn absorb(&mut self, mut other: GroupFigures) {
        if other.counts.len() > self.counts.len() {
            std::mem::swap(self, &mut other);
        }
        for (figure, count) in other.counts {
            let entry = self.counts.entry(figure).or_default();
            let before = *entry;
            *entry += count;
            // Counts each figure once, when it first reaches two members (including one
            // already repeated in `other` alone).
            if before < 2 && *entry >= 2 {
                self.repeated += 1;
            }
        }
    }
}

/// A group's figures, its size, and whether it has particulars of its own to compare: for a
/// group formed by the linkage, figures repeated by two or more members (one report's
/// figures may be background: a year's toll, an earlier quake); for a leftover of one or two
/// reports, any figure it states (which is all it has).
#[derive(Clone, Copy)]
struct Particulars<'g> {
    figures: &'g GroupFigures,
    size: usize,
    repeated_only: bool,
}

impl Particulars<'_> {
    fn has_any(&self) -> bool {
        if self.repeated_only {
            self.figures.repeated > 0
        } else {
            !self.figures.counts.is_empty()
        }
    }
}

/// Whether two groups report different events by their figures: each has particulars of its
/// own, and no figure is stated by `agreement` of the members of both. One report that names
/// the other event's magnitude in passing does not make them agree; most reports of one event
/// stating its figures does.
fn figures_disagree(a: Particulars<'_>, b: Particulars<'_>, agreement: f64) -> bool {
    if !a.has_any() || !b.has_any() {
        return false;
    }
    let (small, large) = if a.figures.counts.len() <= b.figures.counts.len() {
        (a, b)
    } else {
        (b, a)
    };
    let shared = small
        .figures
        .counts
        .iter()
        .filter_map(|(figure, &count)| {
            let other = *large.figures.counts.get(figure)?;
            Some((f64::from(count) / small.size as f64).min(f64::from(other) / large.size as f64))
        })
        .fold(0.0, f64::max);
    shared < agreement
}

/// The particulars of a group formed by the linkage.
fn repeated(figures: &GroupFigures, size: usize) -> Particulars<'_> {
    Particulars {
        figures,
        size,
        repeated_only: true,
    }
}

/// Average-linkage clustering of `count` items over a sparse similarity graph: repeatedly
/// joins the two groups with the highest mean pairwise similarity (pairs without an edge
/// count 0) while it is at least the rules' `join_threshold`, except two groups whose
/// figures disagree (`figures[i]` are item i's). Ties go to the groups with the smallest
/// members, so the result is deterministic. Every item is in exactly one group; groups are
/// sorted and listed by their first member. Edges naming an item past `count` are ignored.
pub fn average_linkage(
    count: usize,
    edges: &[Edge],
    figures: &[&[Figure]],
    rules: &LinkageRules,
) -> Vec<Vec<usize>> {
    // Each group is named by its smallest member; `links[g]` sums edge similarities to
    // each neighbouring group, as a list sorted by neighbour. Lists, not maps: a merge walks
    // both groups' lists in step into one, and a neighbour's list changes at two places
    // found by binary search; the linkage does that per edge and per neighbour of every
    // merge (most of its time on real text), and a merged group's neighbours come out in
    // order, ready to be queued. The sums are taken in the same order as they would be in
    // a map (each entry gains one addend at a time), so the same numbers.
    let mut members: Vec<Vec<usize>> = (0..count).map(|i| vec![i]).collect();
    let usable = |edge: &&Edge| edge.a != edge.b && edge.a < count && edge.b < count;
    // Each list made at its item's number of edges, so that none grows step by step.
    let mut degrees = vec![0usize; count];
    for edge in edges.iter().filter(usable) {
        degrees[edge.a] += 1;
        degrees[edge.b] += 1;
    }
    let mut links: Vec<Vec<(usize, f64)>> = degrees.into_iter().map(Vec::with_capacity).collect();
    for edge in edges.iter().filter(usable) {
        // A first sum starts from nothing (0 plus the similarity), as a map's entry did.
        links[edge.a].push((edge.b, 0.0 + edge.similarity));
        links[edge.b].push((edge.a, 0.0 + edge.similarity));
    }
    for list in &mut links {
        // Stable: a pair given twice (a copy that was scored too) sums in the order given.
        if !list.is_sorted_by_key(|&(neighbour, _)| neighbour) {
            sorting::sort_by_key(list, |&(neighbour, _)| neighbour);
        }
        list.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
    }
    let mut group_figures: Vec<GroupFigures> = (0..count)
        .map(|i| GroupFigures::of(figures.get(i).copied().unwrap_or_default()))
        .collect();
    let mut versions = vec![0u32; count];
    let mut alive = vec![true; count];
    let threshold = rules.join_threshold;
    let mean = |sum: f64, a: usize, b: usize, members: &[Vec<usize>]| {
        sum / (members[a].len() * members[b].len()) as f64
    };
    let mut queue = BinaryHeap::new();
    for (a, neighbours) in links.iter().enumerate() {
        for &(b, sum) in neighbours {
            if a < b {
                let similarity = mean(sum, a, b, &members);
                if similarity >= threshold {
                    queue.push(Merge {
                        similarity,
                        a,
                        b,
                        versions: (0, 0),
                    });
                }
            }
        }
    }
    // The merged group's list, made in one buffer for every merge.
    let mut merged: Vec<(usize, f64)> = Vec::new();
    while let Some(merge) = queue.pop() {
        let (a, b) = (merge.a, merge.b);
        if !alive[a] || !alive[b] || merge.versions != (versions[a], versions[b]) {
            continue;
        }
        if figures_disagree(
            repeated(&group_figures[a], members[a].len()),
            repeated(&group_figures[b], members[b].len()),
            rules.figure_agreement,
        ) {
            // Kept apart for now; if either group grows, the pair is weighed again.
            continue;
        }
        // Join b into a (a is the smaller name, so names stay the smallest member).
        alive[b] = false;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        let moved_figures = std::mem::take(&mut group_figures[b]);
        group_figures[a].absorb(moved_figures);
        let b_links = std::mem::take(&mut links[b]);
        let a_links = std::mem::take(&mut links[a]);
        merged.clear();
        merge_links(
            &a_links,
            &b_links,
            |neighbour| neighbour != a && neighbour != b,
            &mut merged,
        );
        // Each of b's neighbours now neighbours a in b's place, with b's sum added to
        // a's (what it had with a, or nothing).
        for &(neighbour, _) in b_links.iter().filter(|&&(n, _)| n != a) {
            move_neighbour(&mut links[neighbour], b, a);
        }
        // The merged list takes a's room (a's old list, now cleared), b's is dropped.
        let mut a_links = a_links;
        a_links.clear();
        a_links.extend_from_slice(&merged);
        links[a] = a_links;
        versions[a] += 1;
        for &(neighbour, sum) in &links[a] {
            let similarity = mean(sum, a, neighbour, &members);
            if similarity >= threshold {
                let (x, y) = (a.min(neighbour), a.max(neighbour));
                queue.push(Merge {
                    similarity,
                    a: x,
                    b: y,
                    versions: (versions[x], versions[y]),
                });
            }
        }
    }
    sorted_groups(
        members
            .into_iter()
            .zip(alive)
            .filter(|(_, alive)| *alive)
            .map(|(group, _)| group)
            .collect(),
    )
}

/// In one group's list of neighbours (sorted by neighbour), neighbour `from` becomes `to`
/// (`to < from`, `to`'s group took `from`'s in): `from`'s sum is added to `to`'s, or stands
/// as `to`'s own (0 plus the sum) when `to` was not a neighbour, and `from` goes. The lists
/// hold both ends of every pair, so `from` is always found; were it missing, `to` gains
/// nothing (0 added, or a sum of 0).
///
/// When `to` was a neighbour, `from` is taken out; else it is renamed `to` and moved down to
/// `to`'s place, shifting only the neighbours between the two, where taking it out and
/// putting `to` in shifted everything after each: the same list, one shift instead of two.
fn move_neighbour(list: &mut Vec<(usize, f64)>, from: usize, to: usize) {
    let from_at = list.binary_search_by_key(&from, |&(n, _)| n);
    let (back, before_from) = match from_at {
        Ok(at) => (list[at].1, at),
        Err(_) => (0.0, list.len()),
    };
    // `to` sorts before `from`, so it is among the neighbours before `from`'s place.
    match (
        list[..before_from].binary_search_by_key(&to, |&(n, _)| n),
        from_at,
    ) {
        (Ok(to_at), _) => {
            list[to_at].1 += back;
            if from_at.is_ok() {
                list.remove(before_from);
            }
        }
        (Err(to_at), Ok(_)) => {
            list[before_from] = (to, 0.0 + back);
            list[to_at..=before_from].rotate_right(1);
        }
        (Err(to_at), Err(_)) => list.insert(to_at, (to, 0.0 + back)),
    }
}

/// The neighbours of two merged groups (`first`'s and `second`'s lists, each sorted by
/// neighbour) that `keep` accepts, in one sorted list in `out`, with the sums of a neighbour
/// of both added (`first`'s, then `second`'s).
fn merge_links(
    first: &[(usize, f64)],
    second: &[(usize, f64)],
    keep: impl Fn(usize) -> bool,
    out: &mut Vec<(usize, f64)>,
) {
    let (mut i, mut j) = (0, 0);
    while i < first.len() || j < second.len() {
        let next = match (first.get(i), second.get(j)) {
            (Some(&(x, sum_x)), Some(&(y, sum_y))) if x == y => {
                i += 1;
                j += 1;
                (x, sum_x + sum_y)
            }
            (Some(&(x, sum_x)), Some(&(y, _))) if x < y => {
                i += 1;
                (x, sum_x)
            }
            (Some(&(x, sum_x)), None) => {
                i += 1;
                (x, sum_x)
            }
            (_, Some(&(y, sum_y))) => {
                j += 1;
                // A neighbour of the second alone: its sum added to nothing, as a map's
                // new entry (0 plus the sum).
                (y, 0.0 + sum_y)
            }
            (None, None) => break,
        };
        if keep(next.0) {
            out.push(next);
        }
    }
}

/// Groups with each sorted, listed by their first member.
fn sorted_groups(mut groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    for group in &mut groups {
        sorting::sort(group);
    }
    sorting::sort_by_key(&mut groups, |group| group[0]);
    groups
}

/// `touches` (leftover, story, edge's place), each a group below `groups`, made in the order
/// of their places, sorted: grouped stably by story, then by leftover, which is the plain
/// sort's order for touches in the order of their places, by two counting passes over the
/// groups rather than a comparison sort of every touch (most of the leftovers' step on a
/// large batch).
fn sorted_touches(
    touches: Vec<(usize, usize, usize)>,
    groups: usize,
) -> Vec<(usize, usize, usize)> {
    let (by_story, _) = sorting::group_stably(touches, groups, |touch| touch.1);
    sorting::group_stably(by_story, groups, |touch| touch.0).0
}

/// Joins what [`average_linkage`] left over (groups of at most `largest_leftover` items) to
/// the story each clearly belongs to. Average linkage asks a newcomer to be close to a
/// group's members on average; a brief or an odd-angle report of a story told in many varied
/// reports is close to a few of them only, and stays out. Such a leftover joins the story of
/// at least `smallest_story` items it is closest to, when that mean similarity is at least
/// `leftover_threshold`, at least `leftover_margin` times its mean similarity to any other
/// story, and their figures do not disagree. Stories never join each other here, and a
/// leftover joins at most one: all moves are decided on the linkage's groups at once, so the
/// result does not depend on any order.
pub fn attach_leftovers(
    groups: Vec<Vec<usize>>,
    edges: &[Edge],
    figures: &[&[Figure]],
    rules: &LinkageRules,
) -> Vec<Vec<usize>> {
    let count = groups.iter().map(Vec::len).sum::<usize>();
    let mut group_of = vec![usize::MAX; count];
    for (index, group) in groups.iter().enumerate() {
        for &member in group {
            if let Some(slot) = group_of.get_mut(member) {
                *slot = index;
            }
        }
    }
    let is_leftover = |group: usize| groups[group].len() <= rules.largest_leftover;
    let is_story =
        |group: usize| groups[group].len() >= rules.smallest_story.max(rules.largest_leftover + 1);
    // Every scored pair between a leftover and a story, as (leftover, story, the edge's
    // place), sorted: each run is what one leftover has to do with one story, its edges in
    // the order given (so its sums add up as a stable sort by (leftover, story) would have
    // them). No two touches are equal (an edge touches a leftover once), so this is the
    // order a plain sort of the touches gives.
    let mut touches: Vec<(usize, usize, usize)> = Vec::new();
    for (place, edge) in edges.iter().enumerate() {
        let (Some(&x), Some(&y)) = (group_of.get(edge.a), group_of.get(edge.b)) else {
            continue;
        };
        if x == y || x == usize::MAX || y == usize::MAX {
            continue;
        }
        for (leftover, story) in [(x, y), (y, x)] {
            if is_leftover(leftover) && is_story(story) {
                touches.push((leftover, story, place));
            }
        }
    }
    let touches = sorted_touches(touches, groups.len());
    let group_figures: Vec<GroupFigures> = groups
        .iter()
        .map(|group| {
            let mut merged = GroupFigures::default();
            for &member in group {
                merged.absorb(GroupFigures::of(
                    figures.get(member).copied().unwrap_or_default(),
                ));
            }
            merged
        })
        .collect();
    let mut target: Vec<usize> = (0..groups.len()).collect();
    for leftover_touches in touches.chunk_by(|x, y| x.0 == y.0) {
        let leftover = leftover_touches[0].0;
        let leftover_particulars = Particulars {
            figures: &group_figures[leftover],
            size: groups[leftover].len(),
            repeated_only: false,
        };
        // Among the stories whose figures do not disagree with the leftover's: the closest
        // (its mean similarity, whether their own dates lie apart) and the runner-up's mean.
        let mut best: Option<(f64, usize, bool)> = None;
        let mut runner_up = 0.0f64;
        for story_touches in leftover_touches.chunk_by(|x, y| x.1 == y.1) {
            let story = story_touches[0].1;
            let story_particulars = repeated(&group_figures[story], groups[story].len());
            if figures_disagree(
                leftover_particulars,
                story_particulars,
                rules.figure_agreement,
            ) {
                continue;
            }
            let sum: f64 = story_touches
                .iter()
                .map(|touch| edges[touch.2].similarity)
                .sum();
            let mean = sum / (groups[leftover].len() * groups[story].len()) as f64;
            let dated = |dates: OwnDates| {
                story_touches
                    .iter()
                    .any(|touch| edges[touch.2].dates == dates)
            };
            let dated_apart = dated(OwnDates::Apart) && !dated(OwnDates::Near);
            match best {
                Some((best_mean, _, _)) if mean <= best_mean => runner_up = runner_up.max(mean),
                _ => {
                    runner_up = runner_up.max(best.map_or(0.0, |(best_mean, _, _)| best_mean));
                    best = Some((mean, story, dated_apart));
                }
            }
        }
        if let Some((mean, story, dated_apart)) = best {
            if mean >= rules.leftover_threshold
                && mean >= rules.leftover_margin * runner_up
                && !dated_apart
            {
                target[leftover] = story;
            }
        }
    }
    let mut joined: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (index, group) in groups.into_iter().enumerate() {
        joined[target[index]].extend(group);
    }
    sorted_groups(
        joined
            .into_iter()
            .filter(|group| !group.is_empty())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: LinkageRules = LinkageRules {
        join_threshold: 0.5,
        figure_agreement: 0.1,
        largest_leftover: 2,
        smallest_story: 3,
        leftover_threshold: 0.2,
        leftover_margin: 2.0,
    };

    fn edge(a: usize, b: usize, similarity: f64) -> Edge {
        Edge {
            a,
            b,
            similarity,
            dates: OwnDates::Unknown,
        }
    }

    /// The linkage as it was written with a map per group (the merged group's neighbours
    /// sorted before they are queued): what the sorted lists must give.
    fn linkage_with_maps(
        count: usize,
        edges: &[Edge],
        figures: &[&[Figure]],
        rules: &LinkageRules,
    ) -> Vec<Vec<usize>> {
        let mut members: Vec<Vec<usize>> = (0..count).map(|i| vec![i]).collect();
        let usable = |edge: &&Edge| edge.a != edge.b && edge.a < count && edge.b < count;
        let mut links: Vec<HashMap<usize, f64>> = vec![HashMap::new(); count];
        let mut group_figures: Vec<GroupFigures> = (0..count)
            .map(|i| GroupFigures::of(figures.get(i).copied().unwrap_or_default()))
            .collect();
        let mut versions = vec![0u32; count];
        let mut alive = vec![true; count];
        for edge in edges.iter().filter(usable) {
            *links[edge.a].entry(edge.b).or_default() += edge.similarity;
            *links[edge.b].entry(edge.a).or_default() += edge.similarity;
        }
        let mean = |sum: f64, a: usize, b: usize, members: &[Vec<usize>]| {
            sum / (members[a].len() * members[b].len()) as f64
        };
        let mut queue = BinaryHeap::new();
        for (a, neighbours) in links.iter().enumerate() {
            for (&b, &sum) in neighbours {
                let similarity = mean(sum, a, b, &members);
                if a < b && similarity >= rules.join_threshold {
                    queue.push(Merge {
                        similarity,
                        a,
                        b,
                        versions: (0, 0),
                    });
                }
            }
        }
        while let Some(merge) = queue.pop() {
            let (a, b) = (merge.a, merge.b);
            if !alive[a] || !alive[b] || merge.versions != (versions[a], versions[b]) {
                continue;
            }
            if figures_disagree(
                repeated(&group_figures[a], members[a].len()),
                repeated(&group_figures[b], members[b].len()),
                rules.figure_agreement,
            ) {
                continue;
            }
            alive[b] = false;
            let moved = std::mem::take(&mut members[b]);
            members[a].extend(moved);
            let moved_figures = std::mem::take(&mut group_figures[b]);
            group_figures[a].absorb(moved_figures);
            let b_links = std::mem::take(&mut links[b]);
            links[a].remove(&b);
            for (neighbour, sum) in b_links {
                if neighbour == a {
                    continue;
                }
                *links[a].entry(neighbour).or_default() += sum;
                let back = links[neighbour].remove(&b).unwrap_or(0.0);
                *links[neighbour].entry(a).or_default() += back;
            }
            versions[a] += 1;
            let mut neighbours: Vec<(usize, f64)> =
                links[a].iter().map(|(&n, &s)| (n, s)).collect();
            neighbours.sort_by_key(|&(n, _)| n);
            for (neighbour, sum) in neighbours {
                let similarity = mean(sum, a, neighbour, &members);
                if similarity >= rules.join_threshold {
                    let (x, y) = (a.min(neighbour), a.max(neighbour));
                    queue.push(Merge {
                        similarity,
                        a: x,
                        b: y,
                        versions: (versions[x], versions[y]),
                    });
                }
            }
        }
        sorted_groups(
            members
                .into_iter()
                .zip(alive)
                .filter(|(_, alive)| *alive)
                .map(|(group, _)| group)
                .collect(),
        )
    }

    #[test]
    fn the_sorted_lists_link_as_maps_did() {
        // Random graphs, dense and sparse, with pairs given twice (in either order), edges
        // past the count and to themselves, and figures that sometimes disagree.
        let mut numbers = crate::text::test_numbers::TestNumbers::new(7);
        let mut merges = 0;
        for round in 0..300 {
            let count = 2 + numbers.below(40) as usize;
            let edge_count = numbers.below(4 * count as u64) as usize;
            let edges: Vec<Edge> = (0..edge_count)
                .map(|_| {
                    let a = numbers.below(count as u64 + 1) as usize;
                    let b = numbers.below(count as u64 + 1) as usize;
                    let similarity = numbers.below(1001) as f64 / 1000.0;
                    edge(a, b, similarity)
                })
                .collect();
            let figure_lists: Vec<Vec<Figure>> = (0..count)
                .map(|_| {
                    (0..numbers.below(3))
                        .map(|_| numbers.below(4) as Figure)
                        .collect()
                })
                .collect();
            let figures: Vec<&[Figure]> = figure_lists.iter().map(Vec::as_slice).collect();
            let rules = LinkageRules {
                join_threshold: [0.05, 0.17, 0.5][round % 3],
                ..RULES
            };
            let groups = average_linkage(count, &edges, &figures, &rules);
            assert_eq!(
                groups,
                linkage_with_maps(count, &edges, &figures, &rules),
                "{round}"
            );
            merges += count - groups.len();
        }
        assert!(merges > 1000, "{merges}");
    }

    #[test]
    fn a_neighbour_moves_as_taking_it_out_and_putting_the_other_in_did() {
        // Sorted lists of random neighbours, `from` present or not, `to` present or not,
        // at every place: the list the two binary searches, the removal and the insertion
        // gave.
        let mut numbers = crate::text::test_numbers::TestNumbers::new(11);
        for round in 0..20_000 {
            let span = 2 + numbers.below(30) as usize;
            let mut list: Vec<(usize, f64)> = Vec::new();
            for neighbour in 0..span {
                if numbers.below(3) > 0 {
                    list.push((neighbour, numbers.below(1001) as f64 / 1000.0));
                }
            }
            if round % 7 == 0 {
                list.clear();
            }
            let from = 1 + numbers.below(span as u64) as usize;
            let to = numbers.below(from as u64) as usize;
            let mut expected = list.clone();
            let back = match expected.binary_search_by_key(&from, |&(n, _)| n) {
                Ok(at) => expected.remove(at).1,
                Err(_) => 0.0,
            };
            match expected.binary_search_by_key(&to, |&(n, _)| n) {
                Ok(at) => expected[at].1 += back,
                Err(at) => expected.insert(at, (to, 0.0 + back)),
            }
            move_neighbour(&mut list, from, to);
            assert_eq!(list, expected, "{round}: {from} -> {to}");
        }
    }

    #[test]
    fn touches_are_sorted_as_the_plain_sort_sorted_them() {
        let mut numbers = crate::text::test_numbers::TestNumbers::new(13);
        for round in 0..2_000 {
            let groups = 1 + numbers.below(20) as usize;
            let touches: Vec<(usize, usize, usize)> = (0..numbers.below(60) as usize)
                .map(|place| {
                    let leftover = numbers.below(groups as u64) as usize;
                    let story = numbers.below(groups as u64) as usize;
                    (leftover, story, place)
                })
                .collect();
            let mut expected = touches.clone();
            expected.sort_unstable();
            assert_eq!(sorted_touches(touches, groups), expected, "{round}");
        }
    }

    #[test]
    fn one_bridge_does_not_chain_two_groups() {
        // 0-1-2 are close, 3-4 are close, and only 2-3 touch: the mean over the six pairs
        // between {0,1,2} and {3,4} is far below the threshold.
        let edges = [
            edge(0, 1, 0.9),
            edge(1, 2, 0.9),
            edge(0, 2, 0.9),
            edge(3, 4, 0.9),
            edge(2, 3, 0.9),
        ];
        assert_eq!(
            average_linkage(5, &edges, &[], &RULES),
            vec![vec![0, 1, 2], vec![3, 4]]
        );
    }

    #[test]
    fn items_without_edges_stay_alone_and_bad_edges_are_ignored() {
        let edges = [edge(0, 9, 1.0), edge(1, 1, 1.0), edge(0, 2, 0.6)];
        assert_eq!(
            average_linkage(3, &edges, &[], &RULES),
            vec![vec![0, 2], vec![1]]
        );
    }

    #[test]
    fn groups_repeating_different_figures_stay_apart() {
        // Two close pairs (0, 1) and (2, 3), all four alike: items 0 and 1 state figure 46,
        // items 2 and 3 state 44. Two events.
        let mut edges: Vec<Edge> = (0..4)
            .flat_map(|a| (a + 1..4).map(move |b| edge(a, b, 0.8)))
            .collect();
        edges.extend([edge(0, 1, 0.9), edge(2, 3, 0.9)]);
        let apart: [&[Figure]; 4] = [&[46], &[46], &[44], &[44]];
        assert_eq!(
            average_linkage(4, &edges, &apart, &RULES),
            vec![vec![0, 1], vec![2, 3]]
        );
        // One event when a figure is stated on both sides (item 1 names 44 too), when only
        // one side repeats a figure, and without figures.
        let shared: [&[Figure]; 4] = [&[46], &[44, 46], &[44], &[44]];
        let one_sided: [&[Figure]; 4] = [&[46], &[46], &[44], &[]];
        for figures in [&shared[..], &one_sided[..], &[]] {
            assert_eq!(
                average_linkage(4, &edges, figures, &RULES),
                vec![vec![0, 1, 2, 3]]
            );
        }
    }

    #[test]
    fn a_leftover_joins_the_story_it_is_clearly_closest_to() {
        // A story of three (0, 1, 2), a story of three (3, 4, 5); item 6 touches the first
        // story through one member only (mean 0.8 / 3, below the join threshold) and the
        // second not at all; item 7 touches both alike.
        let mut edges = vec![edge(0, 6, 0.8), edge(1, 7, 0.7), edge(4, 7, 0.7)];
        for story in [[0, 1, 2], [3, 4, 5]] {
            edges.extend([
                edge(story[0], story[1], 0.9),
                edge(story[0], story[2], 0.9),
                edge(story[1], story[2], 0.9),
            ]);
        }
        let groups = average_linkage(8, &edges, &[], &RULES);
        assert_eq!(groups.len(), 4);
        let joined = attach_leftovers(groups, &edges, &[], &RULES);
        assert_eq!(joined, vec![vec![0, 1, 2, 6], vec![3, 4, 5], vec![7]]);
    }

    #[test]
    fn a_leftover_dated_apart_from_the_story_stays_out() {
        let mut edges = vec![edge(0, 1, 0.9), edge(0, 2, 0.9), edge(1, 2, 0.9)];
        edges.extend([(0, 3), (1, 3)].map(|(a, b)| Edge {
            dates: OwnDates::Apart,
            ..edge(a, b, 0.4)
        }));
        let groups = average_linkage(4, &edges, &[], &RULES);
        assert_eq!(groups, vec![vec![0, 1, 2], vec![3]]);
        assert_eq!(
            attach_leftovers(groups.clone(), &edges, &[], &RULES),
            groups
        );
        // One dated member near it is enough: the story spans the leftover's days.
        edges.push(Edge {
            dates: OwnDates::Near,
            ..edge(2, 3, 0.1)
        });
        assert_eq!(
            attach_leftovers(groups, &edges, &[], &RULES),
            vec![vec![0, 1, 2, 3]]
        );
    }

    #[test]
    fn a_leftover_with_other_figures_stays_out() {
        // A story of three (0, 1, 2); a pair (3, 4) touching it through item 3 (mean 1.8 / 6,
        // enough to join it as a leftover).
        let edges = [
            edge(0, 1, 0.9),
            edge(0, 2, 0.9),
            edge(1, 2, 0.9),
            edge(1, 3, 0.9),
            edge(2, 3, 0.9),
            edge(3, 4, 0.9),
        ];
        // Items 3 and 4 state 44; the story states 46 three times.
        let figures: [&[Figure]; 5] = [&[46], &[46], &[46], &[44], &[44]];
        let groups = average_linkage(5, &edges, &figures, &RULES);
        assert_eq!(groups, vec![vec![0, 1, 2], vec![3, 4]]);
        assert_eq!(
            attach_leftovers(groups.clone(), &edges, &figures, &RULES),
            groups
        );
        assert_eq!(
            attach_leftovers(groups, &edges, &[], &RULES),
            vec![vec![0, 1, 2, 3, 4]]
        );
    }
}
