//! Sizes of what a distributed run of the cross-article steps moves and holds, measured on a
//! corpus: bytes per summary, keys per article, candidate pairs and the pairs that pass, per
//! result (duplicates, stories, quotes). The figures behind `docs/spark.md`.
//!
//! ```text
//! cargo run --release --example distributed_sizes -- target/bench/dup-100000-seed7.jsonl
//! ```
//!
//! Runs the steps of `article_analyzer::distributed` on one machine, as `Batch::cross_article`
//! does, counting as it goes.

use std::io::BufRead;
use std::process::ExitCode;

use article_analyzer::distributed::{
    copy_sets, near_similarity, pairs_sharing_a_key, story_edge, story_keys, ArticleSummary,
    DocumentFrequencies, DuplicateSettings, QuoteStatistics, StoryVector, QUOTE_MAX_POSTING,
};
use article_analyzer::{analyze_one, Document, Options};

/// Mean and largest of a list of counts, for printing.
fn spread(values: &[usize]) -> String {
    let total: usize = values.iter().sum();
    let mean = total as f64 / values.len().max(1) as f64;
    let largest = values.iter().max().copied().unwrap_or(0);
    format!("mean {mean:.1}, largest {largest}, total {total}")
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: distributed_sizes CORPUS.jsonl");
        return ExitCode::FAILURE;
    };
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(error) => {
            eprintln!("distributed_sizes: cannot read {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut summaries: Vec<(String, ArticleSummary)> = Vec::new();
    for (number, line) in std::io::BufReader::new(file).lines().enumerate() {
        let Ok(line) = line else {
            eprintln!("distributed_sizes: {path}, line {}: not UTF-8", number + 1);
            return ExitCode::FAILURE;
        };
        let doc: Document = match serde_json::from_str(&line) {
            Ok(doc) => doc,
            Err(error) => {
                eprintln!("distributed_sizes: {path}, line {}: {error}", number + 1);
                return ExitCode::FAILURE;
            }
        };
        let article = analyze_one(&doc, &Options::default());
        summaries.push((doc.id, ArticleSummary::of(&article)));
    }
    summaries.sort_by(|a, b| a.0.cmp(&b.0));
    let count = summaries.len();
    println!("{count} articles from {path}");

    let fingerprint_bytes: Vec<usize> = summaries
        .iter()
        .map(|(_, s)| s.fingerprint.to_bytes().len())
        .collect();
    let story_bytes: Vec<usize> = summaries
        .iter()
        .map(|(_, s)| s.story.to_bytes().len())
        .collect();
    let quote_bytes: Vec<usize> = summaries
        .iter()
        .flat_map(|(_, s)| s.quotes.iter().map(|q| q.to_bytes().len()))
        .collect();
    let quotes_per_article: Vec<usize> = summaries.iter().map(|(_, s)| s.quotes.len()).collect();
    let id_bytes: Vec<usize> = summaries.iter().map(|(id, _)| id.len()).collect();
    println!("bytes per id: {}", spread(&id_bytes));
    println!("bytes per fingerprint: {}", spread(&fingerprint_bytes));
    println!("bytes per story summary: {}", spread(&story_bytes));
    println!(
        "quote summaries per article: {}",
        spread(&quotes_per_article)
    );
    println!("bytes per quote summary: {}", spread(&quote_bytes));

    // Duplicates.
    let settings = DuplicateSettings::DEFAULT;
    let fingerprints: Vec<_> = summaries.iter().map(|(_, s)| &s.fingerprint).collect();
    let copies = copy_sets(&fingerprints);
    let copied: usize = copies
        .iter()
        .filter(|set| set.len() > 1)
        .map(Vec::len)
        .sum();
    println!(
        "duplicates: {} copy sets ({copied} articles in sets of two or more), {} band keys per representative",
        copies.len(),
        settings.bands
    );
    let mut candidates = Vec::new();
    for band in 0..settings.bands {
        let entries: Vec<(u64, usize)> = copies
            .iter()
            .filter_map(|set| {
                Some((
                    fingerprints[set[0]]
                        .band_keys(&settings)
                        .get(band)
                        .copied()?,
                    set[0],
                ))
            })
            .collect();
        candidates.extend(pairs_sharing_a_key(entries, usize::MAX));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let near = candidates
        .iter()
        .filter(|&&(a, b)| near_similarity(fingerprints[a], fingerprints[b], &settings).is_some())
        .count();
    println!(
        "duplicates: {} candidate pairs of representatives, {near} near pairs",
        candidates.len()
    );

    // Stories.
    let stories: Vec<_> = summaries.iter().map(|(_, s)| &s.story).collect();
    let all_terms = DocumentFrequencies::count(stories.iter().copied());
    let frequencies = all_terms.clone().without_single_holders();
    println!(
        "stories: {} distinct terms, {} held by two or more ({} bytes broadcast)",
        all_terms.terms(),
        frequencies.terms(),
        frequencies.to_bytes().len()
    );
    let keys: Vec<Vec<u32>> = stories
        .iter()
        .map(|story| story_keys(story, &frequencies))
        .collect();
    let key_counts: Vec<usize> = keys.iter().map(Vec::len).collect();
    println!("stories: keys per article: {}", spread(&key_counts));
    let entries: Vec<(u32, usize)> = keys
        .iter()
        .enumerate()
        .flat_map(|(item, keys)| keys.iter().map(move |&key| (key, item)))
        .collect();
    let pairs = pairs_sharing_a_key(entries, usize::MAX);
    let vectors: Vec<StoryVector> = stories
        .iter()
        .map(|story| StoryVector::weigh(story, &frequencies))
        .collect();
    let edges = pairs
        .iter()
        .filter(|&&(a, b)| {
            story_edge((a, stories[a], &vectors[a]), (b, stories[b], &vectors[b])).is_some()
        })
        .count();
    println!(
        "stories: {} candidate pairs, {edges} scored edges (similarity above 0)",
        pairs.len()
    );

    // Quotes.
    let quotes: Vec<(usize, &_)> = summaries
        .iter()
        .enumerate()
        .flat_map(|(article, (_, s))| s.quotes.iter().map(move |quote| (article, quote)))
        .filter(|(_, quote)| quote.is_groupable())
        .collect();
    let statistics = QuoteStatistics::count(quotes.iter().map(|&(_, quote)| quote));
    let common = statistics.common_stems();
    println!(
        "quotes: {} groupable quotes, limit {} quotes a stem, {} common stems ({} bytes broadcast)",
        quotes.len(),
        QuoteStatistics::common_limit(quotes.len()),
        common.len(),
        common.to_bytes().len()
    );
    let quote_keys: Vec<Vec<u64>> = quotes
        .iter()
        .map(|(_, quote)| common.filing_keys(quote))
        .collect();
    let key_counts: Vec<usize> = quote_keys.iter().map(Vec::len).collect();
    println!("quotes: keys per groupable quote: {}", spread(&key_counts));
    let entries: Vec<(u64, usize)> = quote_keys
        .iter()
        .enumerate()
        .flat_map(|(number, keys)| keys.iter().map(move |&key| (key, number)))
        .collect();
    let pairs = pairs_sharing_a_key(entries, QUOTE_MAX_POSTING);
    let matches = pairs
        .iter()
        .filter(|&&(x, y)| common.quotes_match(quotes[x], quotes[y]))
        .count();
    println!("quotes: {} candidate pairs, {matches} matches", pairs.len());
    ExitCode::SUCCESS
}
