//! Speed, memory and duplicate-detection quality of the whole batch analysis over a
//! generated corpus (`examples/generate_corpus.rs`), scored against its planted copies.
//!
//! ```text
//! cargo run --release --example bench_duplicates -- CORPUS.jsonl [--sweep]
//! ```
//!
//! Streams `CORPUS.jsonl` through [`article_analyzer::Batch`] (cleaning, quotes and the
//! per-article summaries), then computes the cross-article results, and prints the time of
//! each phase, the peak resident memory of the process, and precision and recall of the
//! duplicate pairs against `CORPUS.jsonl.truth.json`: recall over the planted
//! (copy, original) pairs, precision over the reported pairs (a pair of two copies of one
//! original counts as right). `scripts/bench_duplicates.sh` runs it at 1k, 10k and 100k
//! articles, one process per size so that the memory figures are separate.
//!
//! `--sweep` also measures other duplicate-search settings (shingle size, signature length,
//! bands) over the same cleaned texts: the measurement behind `Settings::DEFAULT`.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::ExitCode;
use std::time::Instant;

use article_analyzer::duplicates::{self, Fingerprint, Settings};
use article_analyzer::{
    AnalyzeError, Article, Batch, Document, DuplicateKind, DuplicatePair, Options,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Truth {
    duplicates: Vec<Planted>,
}

#[derive(Deserialize)]
struct Planted {
    id: String,
    original: String,
    kind: String,
}

/// The planted copies: which family (original) each id belongs to, and the planted pairs.
struct Families {
    family: HashMap<String, String>,
    planted: Vec<(String, String, String)>,
}

impl Families {
    fn read(path: &str) -> Result<Families, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let truth: Truth = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        let mut family = HashMap::new();
        let mut planted = Vec::new();
        for copy in truth.duplicates {
            // Originals are never copies themselves, so one level is enough.
            let root = family
                .get(&copy.original)
                .cloned()
                .unwrap_or_else(|| copy.original.clone());
            family.insert(copy.original.clone(), root.clone());
            family.insert(copy.id.clone(), root);
            planted.push((copy.id, copy.original, copy.kind));
        }
        Ok(Families { family, planted })
    }

    fn same_family(&self, a: &str, b: &str) -> bool {
        matches!((self.family.get(a), self.family.get(b)), (Some(x), Some(y)) if x == y)
    }
}

/// Precision, recall, and the share of found planted pairs with the planted kind.
struct Score {
    reported: usize,
    precision: f64,
    recall: f64,
    near_recall: f64,
    kinds_right: f64,
}

fn score(families: &Families, pairs: &[DuplicatePair]) -> Score {
    let found: HashMap<(&str, &str), DuplicateKind> = pairs
        .iter()
        .map(|p| ((p.a.as_str(), p.b.as_str()), p.kind))
        .collect();
    let lookup = |a: &str, b: &str| found.get(&(a.min(b), a.max(b))).copied();
    let correct = pairs
        .iter()
        .filter(|p| families.same_family(&p.a, &p.b))
        .count();
    let (mut hit, mut near, mut near_hit, mut kind_right) = (0, 0, 0, 0);
    for (id, original, kind) in &families.planted {
        let got = lookup(id, original);
        if kind == "near" {
            near += 1;
            near_hit += usize::from(got.is_some());
        }
        if let Some(got) = got {
            hit += 1;
            let expected = if kind == "exact" {
                DuplicateKind::Exact
            } else {
                DuplicateKind::Near
            };
            kind_right += usize::from(got == expected);
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Score {
        reported: pairs.len(),
        precision: ratio(correct, pairs.len()),
        recall: ratio(hit, families.planted.len()),
        near_recall: ratio(near_hit, near),
        kinds_right: ratio(kind_right, hit),
    }
}

/// Peak resident memory of this process in MB (Linux), if known.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time this thread has run, in seconds (Linux's `/proc/thread-self/schedstat`), if
/// known: the cross-article phase runs on this thread alone, so the difference across it is
/// its CPU time, which a machine shared with other work does not inflate as it does the
/// wall time.
fn thread_cpu_seconds() -> Option<f64> {
    let schedstat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = schedstat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds / 1e9)
}

fn sweep(ids: &[String], texts: &[String], families: &Families) {
    println!("\nsweep over the cleaned texts (fingerprints + search; time for all articles)");
    println!("shingle hashes bands rows |  time s | reported | precision | recall | near recall");
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let sorted_ids: Vec<&str> = order.iter().map(|&i| ids[i].as_str()).collect();
    for shingle_words in [3, 4, 5, 7, 9] {
        for (hashes, bands) in [(64, 16), (128, 16), (128, 32), (128, 42), (256, 64)] {
            let settings = Settings {
                shingle_words,
                hashes,
                bands,
                ..Settings::DEFAULT
            };
            let started = Instant::now();
            let fingerprints: Vec<Fingerprint> = order
                .iter()
                .map(|&i| duplicates::fingerprint_with(&texts[i], &settings))
                .collect();
            let refs: Vec<&Fingerprint> = fingerprints.iter().collect();
            let pairs: Vec<DuplicatePair> = duplicates::find(&refs, &settings)
                .iter()
                .map(|p| p.with_ids(&sorted_ids))
                .collect();
            let seconds = started.elapsed().as_secs_f64();
            let s = score(families, &pairs);
            println!(
                "{shingle_words:7} {hashes:6} {bands:5} {:4} | {seconds:7.3} | {:8} | {:9.4} | {:6.4} | {:.4}",
                hashes / bands,
                s.reported,
                s.precision,
                s.recall,
                s.near_recall
            );
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = args
        .iter()
        .enumerate()
        .find(|(at, a)| !a.starts_with("--") && (*at == 0 || args[at - 1] != "--jobs"))
        .map(|(_, a)| a)
        .ok_or("usage: bench_duplicates CORPUS.jsonl [--sweep] [--jobs N]")?
        .clone();
    let sweep_too = args.iter().any(|a| a == "--sweep");
    // Articles analysed at once (`--jobs N`, default 1: the one-thread figures).
    let jobs = match args.iter().position(|a| a == "--jobs") {
        Some(at) => args
            .get(at + 1)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&n| n >= 1)
            .ok_or("--jobs needs a whole number >= 1")?,
        None => 1,
    };
    let families = Families::read(&format!("{corpus}.truth.json"))?;
    let file = std::fs::File::open(&corpus).map_err(|e| format!("cannot read {corpus}: {e}"))?;

    let started = Instant::now();
    let mut batch = Batch::new(Options::default());
    let (mut bytes, mut quotes) = (0usize, 0usize);
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut lines = BufReader::new(file).lines();
    loop {
        // A few articles per thread at a time, as the command line reads them.
        let mut docs = Vec::with_capacity(16 * jobs);
        for line in lines.by_ref().take(16 * jobs) {
            let line = line.map_err(|e| format!("{corpus}: {e}"))?;
            let doc: Document =
                serde_json::from_str(&line).map_err(|e| format!("{corpus}: {e}"))?;
            bytes += doc.text.len();
            docs.push(doc);
        }
        if docs.is_empty() {
            break;
        }
        for article in add_all(&mut batch, &docs, jobs) {
            let article = article.map_err(|e| e.to_string())?;
            quotes += article.quotes.len();
            if sweep_too {
                kept.push((article.id, article.text));
            }
        }
    }
    let state = batch.state_bytes();
    let per_article = started.elapsed().as_secs_f64();
    // The peak so far, and a mark on standard error when the phase starts: whether the
    // whole run's peak is set by the analysis or by the cross-article phase, and where a
    // profiler watching the output may start recording the phase alone.
    let peak_before = peak_memory_mb();
    eprintln!("bench_duplicates: cross-article phase starts");
    let started = Instant::now();
    let cpu_before = thread_cpu_seconds();
    let cross = batch.cross_article();
    let across = started.elapsed().as_secs_f64();
    let across_cpu = thread_cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let peak = peak_memory_mb();

    let articles = batch.len();
    let s = score(&families, &cross.duplicates);
    let ids: HashSet<&String> = cross.story_groups.iter().flatten().collect();
    assert_eq!(ids.len(), articles, "story groups are a partition");
    println!("corpus       {corpus}");
    println!(
        "articles     {articles} ({:.1} MB, {quotes} quotes)",
        bytes as f64 / 1e6
    );
    println!(
        "state        {:.0} bytes per article kept for the cross-article results ({:.1} MB)",
        state as f64 / articles.max(1) as f64,
        state as f64 / 1e6
    );
    println!(
        "time         {:.2} s in all: {per_article:.2} s cleaning, quotes and summaries on {jobs} thread(s) ({:.1} MB/s), {across:.3} s across articles{}",
        per_article + across,
        bytes as f64 / 1e6 / per_article,
        across_cpu.map_or(String::new(), |cpu| format!(" ({cpu:.3} s of CPU)"))
    );
    match (peak, peak_before) {
        (Some(mb), Some(before)) => println!(
            "peak memory  {mb:.0} MB (resident, whole process; {before:.0} MB before the cross-article phase)"
        ),
        _ => println!("peak memory  unknown (no /proc/self/status)"),
    }
    println!(
        "duplicates   {} reported; precision {:.4}, recall {:.4} (near copies {:.4}) of {} planted; kind right {:.4}",
        s.reported,
        s.precision,
        s.recall,
        s.near_recall,
        families.planted.len(),
        s.kinds_right
    );
    println!(
        "groups       {} story groups, {} quote groups",
        cross.story_groups.len(),
        cross.quote_groups.len()
    );
    if sweep_too {
        let (ids, texts): (Vec<String>, Vec<String>) = kept.into_iter().unzip();
        sweep(&ids, &texts, &families);
    }
    Ok(())
}

/// The documents added on `jobs` threads ([`Batch::add_many`]); the wasm build, which
/// compiles the examples for its tests, has one thread and adds them in turn.
fn add_all(
    batch: &mut Batch,
    docs: &[Document],
    jobs: usize,
) -> Vec<Result<Article, AnalyzeError>> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        batch.add_many(docs, jobs)
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = jobs;
        docs.iter().map(|doc| batch.add(doc)).collect()
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_duplicates: {message}");
            ExitCode::FAILURE
        }
    }
}
