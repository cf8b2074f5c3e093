//! The duplicate search alone (`duplicates::find`) over the fingerprints of a generated
//! corpus, without analysing the corpus again each time.
//!
//! ```text
//! cargo run --release --example bench_duplicates_find -- dump CORPUS.jsonl FINGERPRINTS [--jobs N]
//! cargo run --release --example bench_duplicates_find -- find FINGERPRINTS [--runs N]
//! ```
//!
//! `dump` analyses every article of `CORPUS.jsonl` (`examples/generate_corpus.rs`) and writes
//! its id and its fingerprint's bytes ([`Fingerprint::to_bytes`]), 530 bytes or so an
//! article. `find` reads them back in the batch's order (ids as bytes), runs
//! [`duplicates::find`] `--runs` times (default 1) and prints the CPU time of each run, the
//! pairs found, a checksum of every pair (positions, similarity, kind), and the sizes of the
//! largest LSH buckets: the numbers that say whether a change to the search kept its output
//! and what it gained. A million articles' analysis takes minutes of both cores; their
//! search alone, seconds, so a change to the search can be measured at that size many times.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use article_analyzer::distributed::ArticleSummary;
use article_analyzer::duplicates::{self, Fingerprint, Settings};
use article_analyzer::{analyze_one, Document, Options};

/// CPU time of this thread in seconds (Linux's `/proc/thread-self/schedstat`), if known.
fn thread_cpu_seconds() -> Option<f64> {
    let schedstat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = schedstat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds / 1e9)
}

/// The fingerprints of `docs`, in their order, analysed on up to `jobs` threads.
fn fingerprints_of(docs: &[Document], jobs: usize) -> Vec<Fingerprint> {
    let options = Options::default();
    let one = |doc: &Document| ArticleSummary::of(&analyze_one(doc, &options)).fingerprint;
    #[cfg(not(target_arch = "wasm32"))]
    {
        let share = docs.len().div_ceil(jobs.max(1)).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = docs
                .chunks(share)
                .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = jobs;
        docs.iter().map(one).collect()
    }
}

fn dump(corpus: &str, out: &str, jobs: usize) -> Result<(), String> {
    let file = std::fs::File::open(corpus).map_err(|e| format!("cannot read {corpus}: {e}"))?;
    let target = std::fs::File::create(out).map_err(|e| format!("cannot write {out}: {e}"))?;
    let mut writer = BufWriter::new(target);
    let mut lines = BufReader::new(file).lines();
    let mut count = 0usize;
    loop {
        let mut docs = Vec::with_capacity(256 * jobs);
        for line in lines.by_ref().take(256 * jobs) {
            let line = line.map_err(|e| format!("{corpus}: {e}"))?;
            docs.push(
                serde_json::from_str::<Document>(&line).map_err(|e| format!("{corpus}: {e}"))?,
            );
        }
        if docs.is_empty() {
            break;
        }
        for (doc, fingerprint) in docs.iter().zip(fingerprints_of(&docs, jobs)) {
            let bytes = fingerprint.to_bytes();
            for field in [doc.id.as_bytes(), &bytes] {
                writer
                    .write_all(&(field.len() as u32).to_le_bytes())
                    .and_then(|()| writer.write_all(field))
                    .map_err(|e| format!("{out}: {e}"))?;
            }
            count += 1;
        }
    }
    writer.flush().map_err(|e| format!("{out}: {e}"))?;
    println!("{count} fingerprints written to {out}");
    Ok(())
}

/// The (id, fingerprint) records of a dump, sorted by id as the batch keeps them.
fn read_dump(path: &str) -> Result<Vec<(String, Fingerprint)>, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut records = Vec::new();
    let mut rest = &bytes[..];
    let field = |rest: &mut &[u8]| -> Result<Vec<u8>, String> {
        let (length, tail) = rest
            .split_first_chunk::<4>()
            .ok_or(format!("{path}: cut short"))?;
        let length = u32::from_le_bytes(*length) as usize;
        let (field, tail) = tail
            .split_at_checked(length)
            .ok_or(format!("{path}: cut short"))?;
        *rest = tail;
        Ok(field.to_vec())
    };
    while !rest.is_empty() {
        let id = String::from_utf8(field(&mut rest)?).map_err(|e| format!("{path}: {e}"))?;
        let fingerprint = Fingerprint::from_bytes(&field(&mut rest)?)
            .map_err(|e| format!("{path}: {id}: {e}"))?;
        records.push((id, fingerprint));
    }
    records.sort_by(|x, y| x.0.as_bytes().cmp(y.0.as_bytes()));
    Ok(records)
}

fn find(path: &str, runs: usize) -> Result<(), String> {
    let records = read_dump(path)?;
    let fingerprints: Vec<&Fingerprint> = records.iter().map(|(_, f)| f).collect();
    let settings = Settings::DEFAULT;
    println!("{} fingerprints from {path}", fingerprints.len());
    // The buckets of every band: how many hold more than a few members, and the largest.
    let mut sizes: Vec<usize> = Vec::new();
    // Each fingerprint's keys made once (they were made again for every band, which took
    // longer than the search itself at a million articles).
    let all_keys: Vec<Vec<u64>> = fingerprints
        .iter()
        .map(|f| f.band_keys(&settings))
        .collect();
    for band in 0..settings.bands {
        let mut keys: Vec<u64> = all_keys
            .iter()
            .filter_map(|keys| keys.get(band).copied())
            .collect();
        keys.sort_unstable();
        sizes.extend(keys.chunk_by(|x, y| x == y).map(<[u64]>::len));
    }
    drop(all_keys);
    sizes.sort_unstable_by(|x, y| y.cmp(x));
    let bucket_pairs: usize = sizes.iter().map(|&n| n * (n - 1) / 2).sum();
    println!(
        "buckets      largest {:?}; {} of 64 or more members; {bucket_pairs} pairs in all buckets",
        &sizes[..sizes.len().min(8)],
        sizes.iter().filter(|&&n| n >= 64).count()
    );
    for run in 0..runs {
        // The peak resident memory is reset (Linux: `clear_refs` 5) so that its growth over
        // the memory held before is what the search itself held at its peak.
        let resident_before = reset_peak_memory().then(|| memory_kb("VmRSS:")).flatten();
        let (started, cpu_before) = (Instant::now(), thread_cpu_seconds());
        let pairs = duplicates::find(&fingerprints, &settings);
        let wall = started.elapsed().as_secs_f64();
        let peak_growth = memory_kb("VmHWM:")
            .zip(resident_before)
            .map_or("unknown".to_string(), |(peak, before)| {
                format!("{} KB", peak.saturating_sub(before))
            });
        let cpu = thread_cpu_seconds()
            .zip(cpu_before)
            .map_or(f64::NAN, |(after, before)| after - before);
        // FNV-1a over every pair's fields: equal checksums, equal output.
        let checksum = pairs.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, pair| {
            [
                pair.a as u64,
                pair.b as u64,
                pair.similarity.to_bits(),
                u64::from(pair.kind == article_analyzer::DuplicateKind::Near),
            ]
            .iter()
            .fold(hash, |hash, &field| {
                (hash ^ field).wrapping_mul(0x0100_0000_01b3)
            })
        });
        println!(
            "run {run}        {cpu:.3} s of CPU ({wall:.3} s wall), {} pairs, checksum {checksum:016x}, peak memory +{peak_growth}",
            pairs.len()
        );
    }
    Ok(())
}

/// A line of this process's `/proc/self/status` in KB (`VmRSS:`, `VmHWM:`), if known.
fn memory_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets this process's peak resident memory to what it holds now (Linux); false if not.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn number_after(args: &[String], flag: &str, default: usize) -> Result<usize, String> {
    match args.iter().position(|a| a == flag) {
        Some(at) => args
            .get(at + 1)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&n| n >= 1)
            .ok_or(format!("{flag} needs a whole number >= 1")),
        None => Ok(default),
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench_duplicates_find dump CORPUS.jsonl OUT [--jobs N] | find FINGERPRINTS [--runs N]";
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["dump", corpus, out, ..] => dump(corpus, out, number_after(&args, "--jobs", 1)?),
        ["find", path, ..] => find(path, number_after(&args, "--runs", 1)?),
        _ => Err(usage.to_string()),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_duplicates_find: {message}");
            ExitCode::FAILURE
        }
    }
}
