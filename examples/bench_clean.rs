//! Measures cleaning throughput on one thread.
//!
//! ```text
//! cargo run --release --example bench_clean -- CORPUS.jsonl [--iterations N] [--json]
//! ```
//!
//! Reads a JSONL corpus (`{"id", "text"}` per line, e.g. from the `generate_corpus` example),
//! then runs, `--iterations` times each (default 5): [`article_analyzer::clean`] on every
//! article, and [`article_analyzer::analyze`] on the whole batch, and quote extraction alone
//! ([`article_analyzer::extract_quotes_from_blocks`] on the cleaned blocks), and cleaning
//! alone (`analyze` with the `quotes` option off). Prints the throughput of
//! each as input megabytes (10^6 bytes of UTF-8 text) per second of wall time: the median run,
//! with the slowest and fastest. Everything runs on the calling thread.
//!
//! Native only: on wasm32 there is no file system or clock (the wasm speed is measured by
//! `scripts/bench_wasm.mjs`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    eprintln!("bench_clean measures native speed; run it with `cargo run --release --example bench_clean`");
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "shared/throughput.rs"]
mod throughput;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::process::ExitCode;

    use article_analyzer::{analyze, clean, extract_quotes_from_blocks, Options};

    use crate::throughput::{measure, median, read_documents};

    const USAGE: &str =
        "usage: bench_clean CORPUS.jsonl [--iterations N] [--json]   (N >= 1, default 5)";

    struct Arguments {
        corpus: String,
        iterations: usize,
        json: bool,
    }

    fn parse_arguments() -> Result<Arguments, String> {
        let mut corpus = None;
        let mut iterations = 5;
        let mut json = false;
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--iterations" => {
                    let value = args.next().ok_or("--iterations needs a value")?;
                    iterations =
                        value.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                            format!("--iterations {value:?} is not a number >= 1")
                        })?;
                }
                "--json" => json = true,
                "-h" | "--help" => return Err(String::new()),
                other if other.starts_with("--") => {
                    return Err(format!("unknown option {other:?}"))
                }
                path if corpus.is_none() => corpus = Some(path.to_string()),
                extra => return Err(format!("unexpected argument {extra:?}")),
            }
        }
        let corpus = corpus.ok_or("no corpus given")?;
        Ok(Arguments {
            corpus,
            iterations,
            json,
        })
    }

    pub fn main() -> ExitCode {
        let arguments = match parse_arguments() {
            Ok(arguments) => arguments,
            Err(message) => {
                if !message.is_empty() {
                    eprintln!("bench_clean: {message}");
                }
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        };
        let docs = match read_documents(&arguments.corpus, " (generate one with `cargo run --release --example generate_corpus -- --out CORPUS.jsonl --bytes 50M`)") {
            Ok(docs) => docs,
            Err(message) => {
                eprintln!("bench_clean: {message}");
                return ExitCode::FAILURE;
            }
        };
        let bytes: usize = docs.iter().map(|doc| doc.text.len()).sum();

        let clean_rates = measure(bytes, arguments.iterations, || {
            for doc in &docs {
                black_box(clean(black_box(&doc.text)));
            }
        });
        let cleaned: Vec<_> = docs.iter().map(|doc| clean(&doc.text)).collect();
        let quote_rates = measure(bytes, arguments.iterations, || {
            for (doc, article) in docs.iter().zip(&cleaned) {
                black_box(extract_quotes_from_blocks(
                    black_box(&doc.text),
                    &article.blocks,
                ));
            }
        });
        let cleaning_only = Options {
            quotes: Some(false),
            ..Options::default()
        };
        let cleaning_rates = measure(bytes, arguments.iterations, || {
            black_box(analyze(black_box(&docs), &cleaning_only).ok());
        });
        let options = Options::default();
        let mut analyze_error = None;
        let analyze_rates = measure(bytes, arguments.iterations, || {
            if let Err(error) = black_box(analyze(black_box(&docs), &options)) {
                analyze_error = Some(error);
            }
        });
        if let Some(error) = analyze_error {
            eprintln!("bench_clean: analyze rejected the corpus: {error}");
            return ExitCode::FAILURE;
        }

        let megabytes = bytes as f64 / 1e6;
        if arguments.json {
            println!(
                "{{\"corpus\": {:?}, \"articles\": {}, \"megabytes\": {megabytes:.3}, \
                 \"iterations\": {}, \"clean_mb_per_s\": {:.2}, \"analyze_mb_per_s\": {:.2}, \"quotes_mb_per_s\": {:.2}, \"cleaning_only_mb_per_s\": {:.2}}}",
                arguments.corpus,
                docs.len(),
                arguments.iterations,
                median(&clean_rates),
                median(&analyze_rates),
                median(&quote_rates),
                median(&cleaning_rates)
            );
        } else {
            println!(
                "corpus {}: {} articles, {megabytes:.1} MB of text; {} runs each, one thread",
                arguments.corpus,
                docs.len(),
                arguments.iterations
            );
            for (name, rates) in [
                ("clean (per article)", &clean_rates),
                ("analyze (batch)", &analyze_rates),
                ("quotes only", &quote_rates),
                ("cleaning only", &cleaning_rates),
            ] {
                println!(
                    "  {name:<20} median {:7.1} MB/s   (slowest {:.1}, fastest {:.1})",
                    median(rates),
                    rates[0],
                    rates[rates.len() - 1]
                );
            }
        }
        ExitCode::SUCCESS
    }
}
