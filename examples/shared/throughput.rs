//! What the native speed benchmarks share: reading a JSONL corpus of documents and timing
//! runs over it. Included by `bench_clean` and `bench_html` with `#[path]` (a file in a
//! subfolder of `examples/` is not an example of its own).

use std::io::BufRead;
use std::time::Instant;

use article_analyzer::Document;

/// The `{"id", "text"[, "format"]}` lines of `path`, blank lines skipped; `missing_hint`
/// follows the error when the file cannot be opened (how to make one).
pub fn read_documents(path: &str, missing_hint: &str) -> Result<Vec<Document>, String> {
    let file = std::fs::File::open(path)
        .map_err(|error| format!("cannot read {path}: {error}{missing_hint}"))?;
    let mut docs = Vec::new();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|error| format!("cannot read {path}: {error}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Document = serde_json::from_str(&line).map_err(|error| {
            format!(
                "{path}, line {}: expected {{\"id\", \"text\"}}: {error}",
                index + 1
            )
        })?;
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(format!("{path} holds no documents"));
    }
    Ok(docs)
}

/// Throughputs of the runs, sorted ascending, in MB/s.
pub fn measure(bytes: usize, iterations: usize, mut run: impl FnMut()) -> Vec<f64> {
    let mut rates: Vec<f64> = (0..iterations)
        .map(|_| {
            let started = Instant::now();
            run();
            bytes as f64 / 1e6 / started.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    rates
}

/// The median of sorted rates.
pub fn median(sorted: &[f64]) -> f64 {
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    }
}
