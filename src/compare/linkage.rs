//! Average-linkage clustering over a sparse graph of scored pairs: the last step of story
//! grouping, and the only one that needs every scored pair at once (a driver's work when the
//! pairs are scored elsewhere).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// One scored pair of items: `a < b`, similarity in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// The first item.
    pub a: usize,
    /// The second item.
    pub b: usize,
    /// How alike the two are (0 = nothing in common).
    pub similarity: f64,
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

/// Average-linkage clustering of `count` items over a sparse similarity graph: repeatedly
/// joins the two groups with the highest mean pairwise similarity (pairs without an edge
/// count 0) while it is at least `threshold`. Ties go to the groups with the smallest
/// members, so the result is deterministic. Every item is in exactly one group; groups are
/// sorted and listed by their first member. Edges naming an item past `count` are ignored.
pub fn average_linkage(count: usize, edges: &[Edge], threshold: f64) -> Vec<Vec<usize>> {
    // Each group is named by its smallest member; `links[g]` sums edge similarities to
    // each neighbouring group.
    let mut members: Vec<Vec<usize>> = (0..count).map(|i| vec![i]).collect();
    let mut links: Vec<HashMap<usize, f64>> = vec![HashMap::new(); count];
    let mut versions = vec![0u32; count];
    let mut alive = vec![true; count];
    for edge in edges {
        if edge.a == edge.b || edge.a >= count || edge.b >= count {
            continue;
        }
        *links[edge.a].entry(edge.b).or_default() += edge.similarity;
        *links[edge.b].entry(edge.a).or_default() += edge.similarity;
    }
    let mut queue = BinaryHeap::new();
    let mean = |sum: f64, a: usize, b: usize, members: &[Vec<usize>]| {
        sum / (members[a].len() * members[b].len()) as f64
    };
    for (a, neighbours) in links.iter().enumerate() {
        for (&b, &sum) in neighbours {
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
    while let Some(merge) = queue.pop() {
        let (a, b) = (merge.a, merge.b);
        if !alive[a] || !alive[b] || merge.versions != (versions[a], versions[b]) {
            continue;
        }
        // Join b into a (a is the smaller name, so names stay the smallest member).
        alive[b] = false;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
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
        let mut neighbours: Vec<(usize, f64)> = links[a].iter().map(|(&n, &s)| (n, s)).collect();
        neighbours.sort_unstable_by_key(|&(n, _)| n);
        for (neighbour, sum) in neighbours {
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
    let mut groups: Vec<Vec<usize>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(mut group, _)| {
            group.sort_unstable();
            group
        })
        .collect();
    groups.sort_unstable_by_key(|group| group[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: usize, b: usize, similarity: f64) -> Edge {
        Edge { a, b, similarity }
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
            average_linkage(5, &edges, 0.5),
            vec![vec![0, 1, 2], vec![3, 4]]
        );
    }

    #[test]
    fn items_without_edges_stay_alone_and_bad_edges_are_ignored() {
        let edges = [edge(0, 9, 1.0), edge(1, 1, 1.0), edge(0, 2, 0.6)];
        assert_eq!(average_linkage(3, &edges, 0.5), vec![vec![0, 2], vec![1]]);
    }
}
