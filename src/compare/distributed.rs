//! The cross-article work as separate steps, for running it on many machines the way the
//! field does (text-dedup's Spark MinHash: signatures on the executors, LSH bands as shuffle
//! keys, candidate pairs, then grouping): per-article summaries as compact bytes, global
//! statistics that are reduces of mergeable counts, keys that become shuffle keys, pairs
//! scored where they land, and only the sparse graph of pairs that pass gathered in one
//! place for the final grouping.
//!
//! [`Batch::cross_article`](super::Batch::cross_article) runs these very steps on one
//! machine, so a distributed run that follows them gives the same duplicates, story groups
//! and quote groups by construction. Articles are named by their position in the batch's
//! id order (ids compared as bytes, as Rust and Spark both sort strings); every order the
//! steps depend on is an order of the data (ids, positions, scores), never of arrival.
//!
//! Who runs what, in a Spark job (`python -m article_analyzer.spark`):
//!
//! | step | input → output | side |
//! |---|---|---|
//! | analyse and summarise | document → [`Article`](crate::report::Article), [`ArticleSummary`] as bytes ([`Fingerprint::to_bytes`], [`StorySummary::to_bytes`], [`QuoteSummary::to_bytes`]) | executors |
//! | positions | ids → position in id order | Spark (sort, index) |
//! | **duplicates** | | |
//! | exact-copy sets | [`Fingerprint::exact_key`] → sets of positions | executors, then a shuffle by key |
//! | exact pairs | one set → [`exact_pairs`] | executors |
//! | band keys | each set's first member: [`Fingerprint::band_keys`] (band, key) | executors |
//! | candidates | the members of one (band, key) → [`bucket_pairs`] | shuffle by key, executors |
//! | scores | two fingerprints → [`near_similarity`] | executors (a join brings both) |
//! | near pairs | two copy sets and a score → [`near_pairs`] | executors |
//! | **story groups** | | |
//! | statistics | term counts: per part [`DocumentFrequencies::count`], added up ([`DocumentFrequencies::merge`], or a count by term and [`DocumentFrequencies::from_counts`]), [`DocumentFrequencies::without_single_holders`] | reduce, then the driver broadcasts [`DocumentFrequencies::to_bytes`] |
//! | keys | summary + statistics → [`story_keys`] | executors |
//! | candidates | the members of one key → [`bucket_pairs`] (a key has at most 200 holders: [`candidate_keys`]) | shuffle by key, executors |
//! | scores | two summaries + statistics → [`story_edge`] | executors |
//! | grouping | scored edges, duplicate pairs, the figures of the articles they touch → [`StoryGraph::groups`] | driver |
//! | partition | stories of two or more + every other article alone → [`partition`] | Spark (join) or driver |
//! | **quote groups** | | |
//! | statistics | stem counts of groupable quotes ([`QuoteSummary::stems`], [`QuoteStatistics`]); the stems counted more than [`QuoteStatistics::common_limit`] → [`CommonStems`] | reduce, then the driver broadcasts [`CommonStems::to_bytes`] |
//! | keys | quote + common stems → [`CommonStems::filing_keys`] | executors |
//! | candidates | the members of one key → [`bucket_pairs`] with the cap [`QUOTE_MAX_POSTING`] (the key's count over the whole batch) | shuffle by key, executors |
//! | matches | two quotes + common stems → [`CommonStems::quotes_match`] | executors |
//! | stars | matching pairs with their [`RankedQuote`]s → [`QuoteGraph::stars`] | driver |
//! | changes | each member against its centre → [`quote_change`], the centre → [`quote_reference`] | executors |
//!
//! The driver holds only the graphs: a scored story edge, a duplicate pair or a quote match
//! is a few dozen bytes, and a batch has a few of each per article (`docs/spark.md` has the
//! sizes).

pub use super::candidates::{bucket_pairs, pairs_sharing_a_key};
pub use super::duplicates::{
    copy_sets, exact_pairs, first_shared_band, near_pairs, near_similarity, sort_pairs,
    Fingerprint, IndexPair, Settings as DuplicateSettings,
};
pub use super::linkage::{Edge, OwnDates};
pub use super::quote_changes::{compare as quote_change, reference as quote_reference};
pub use super::quote_groups::{
    CommonStems, Grouping as QuoteGrouping, QuoteGraph, QuoteId, QuoteStatistics, QuoteSummary,
    RankedQuote, MAX_POSTING as QUOTE_MAX_POSTING,
};
pub use super::stories::{
    candidate_keys, partition, score as story_edge, similarity as story_similarity, story_keys,
    DocumentFrequencies, StoryGraph, StoryGraphError, StoryVector,
};
pub use super::story_summary::{StorySummary, StoryTerm};
pub use super::summary::ArticleSummary;
pub use super::summary_bytes::{BytesProblem, SummaryBytesError, SummaryKind};
pub use crate::text::figures::Figure;

use crate::text::sorting;

/// One LSH bucket's candidates scored where the bucket lands: `members` are the copy sets'
/// representatives (position, fingerprint) filed under one key of band `band`; the result is
/// each pair (smaller position first, sorted) whose estimated similarity makes them near
/// duplicates, with that similarity. A pair that shares several bands lands in several
/// buckets; it is scored only in the bucket of the lowest band it shares, so over all
/// buckets every candidate pair (the pairs [`duplicates::find`](super::duplicates::find)
/// scores) is scored exactly once, and no shuffle of the candidate pairs is needed to bring
/// their fingerprints together.
pub fn bucket_near_pairs(
    band: usize,
    members: &[(usize, &Fingerprint)],
    settings: &DuplicateSettings,
) -> Vec<(usize, usize, f64)> {
    let mut members = members.to_vec();
    sorting::sort_by_key(&mut members, |&(position, _)| position);
    members.dedup_by_key(|&mut (position, _)| position);
    let mut pairs = Vec::new();
    for (first, (a, a_print)) in members.iter().enumerate() {
        for (b, b_print) in members.iter().skip(first + 1) {
            if first_shared_band(a_print, b_print, settings) != Some(band) {
                continue;
            }
            if let Some(similarity) = near_similarity(a_print, b_print, settings) {
                pairs.push((*a, *b, similarity));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::analyze_one;
    use crate::report::{Document, Options};

    const REPORT: &str = "Harbour council closes ferry pier\n\nBy Mira Holm\n\n\
        The harbour council voted on Tuesday to close the old ferry pier after engineers found \
        cracks in three of its pillars.\n\n\"The pier cannot carry passengers safely any \
        longer, and repairs would cost more than it earns,\" said council finance chief Anton \
        Reyes.\n\nFerry services move to the north quay next month.";

    #[test]
    fn an_article_summary_survives_its_bytes() {
        let article = analyze_one(&Document::new("a", REPORT), &Options::default());
        let summary = ArticleSummary::of(&article);
        assert_eq!(summary.quotes.len(), 1);
        let fingerprint = Fingerprint::from_bytes(&summary.fingerprint.to_bytes()).unwrap();
        let story = StorySummary::from_bytes(&summary.story.to_bytes()).unwrap();
        let quotes: Vec<QuoteSummary> = summary
            .quotes
            .iter()
            .map(|quote| QuoteSummary::from_bytes(&quote.to_bytes()).unwrap())
            .collect();
        assert_eq!(
            ArticleSummary {
                fingerprint,
                story,
                quotes
            },
            summary
        );
    }

    #[test]
    fn buckets_scored_apart_give_the_near_pairs_of_one_machine() {
        use crate::compare::duplicates::{find, fingerprint};
        use crate::report::DuplicateKind;
        // Near copies of one text, each with another word changed, share many bands.
        let texts: Vec<String> = (0..6)
            .map(|edit| {
                REPORT
                    .split_whitespace()
                    .enumerate()
                    .map(|(n, word)| {
                        if n == edit * 7 {
                            format!("changed{edit}")
                        } else {
                            word.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .chain(["An unrelated note on the weather.".to_string()])
            .collect();
        let fingerprints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
        let refs: Vec<&Fingerprint> = fingerprints.iter().collect();
        let settings = DuplicateSettings::DEFAULT;
        let mut buckets: std::collections::BTreeMap<(usize, u64), Vec<(usize, &Fingerprint)>> =
            Default::default();
        for (position, print) in refs.iter().enumerate() {
            for (band, key) in print.band_keys(&settings).into_iter().enumerate() {
                buckets
                    .entry((band, key))
                    .or_default()
                    .push((position, print));
            }
        }
        let mut scored: Vec<(usize, usize, f64)> = buckets
            .iter()
            .flat_map(|(&(band, _), members)| bucket_near_pairs(band, members, &settings))
            .collect();
        scored.sort_by_key(|&(a, b, _)| (a, b));
        let expected: Vec<(usize, usize, f64)> = find(&refs, &settings)
            .into_iter()
            .filter(|pair| pair.kind == DuplicateKind::Near)
            .map(|pair| (pair.a, pair.b, pair.similarity))
            .collect();
        assert!(expected.len() >= 10, "{expected:?}");
        assert_eq!(scored, expected);
    }

    #[test]
    fn bytes_of_one_kind_are_refused_as_another() {
        let article = analyze_one(&Document::new("a", REPORT), &Options::default());
        let summary = ArticleSummary::of(&article);
        let error = Fingerprint::from_bytes(&summary.story.to_bytes()).unwrap_err();
        assert_eq!(error.problem, BytesProblem::OtherKind(SummaryKind::Story));
        assert!(QuoteSummary::from_bytes(b"").is_err());
        assert!(CommonStems::from_bytes(&[b'C', 1, 2, 5]).is_err());
    }
}
