//! The `article-analyzer` command-line tool: a thin layer over the library's [`Batch`] (the
//! same code path as `analyze` and the page). It reads the command line (`arguments`), the
//! articles (`inputs`), analyses them (`--jobs` at once) and writes the report (`output`),
//! articles in input order; `diff` cleans two articles and prints what changed between them
//! (`diff`).
//!
//! Exit status: 0 when every input was analysed (or compared), 1 when an input could not be
//! read, the output could not be written or JSONL lines were skipped, 2 for a usage error.
//!
//! Native only: its argument parser is a native dependency (the wasm build, which compiles
//! every target for its tests, gets a `main` that says so).

#[cfg(not(target_arch = "wasm32"))]
mod arguments;
#[cfg(not(target_arch = "wasm32"))]
mod diff;
#[cfg(not(target_arch = "wasm32"))]
mod errors;
#[cfg(not(target_arch = "wasm32"))]
mod inputs;
#[cfg(not(target_arch = "wasm32"))]
mod output;

#[cfg(not(target_arch = "wasm32"))]
use std::io::{self, Write};
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use article_analyzer::{Batch, Document, Options, MAX_DOCUMENTS};

#[cfg(not(target_arch = "wasm32"))]
use arguments::{AnalyzeArguments, Invocation};
#[cfg(not(target_arch = "wasm32"))]
use errors::CliError;
#[cfg(not(target_arch = "wasm32"))]
use inputs::{Input, JsonlLines};
#[cfg(not(target_arch = "wasm32"))]
use output::ReportWriter;

#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    eprintln!("article-analyzer is a native command-line tool; in a browser, use the page (www/)");
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let invocation = match arguments::parse(std::env::args_os()) {
        Ok(invocation) => invocation,
        // Help and --version are "errors" too in clap's terms, printed on stdout with status
        // 0; usage errors go to stderr with status 2.
        Err(error) => {
            // Nothing more can be said when even the usage cannot be printed.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let result = match invocation {
        Invocation::Analyze(arguments) => analyze(&arguments),
        Invocation::Diff(arguments) => diff::run(&arguments),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("article-analyzer: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `article-analyzer analyze`: every article through one [`Batch`], each written as soon as
/// it is analysed, then the cross-article results.
#[cfg(not(target_arch = "wasm32"))]
fn analyze(arguments: &AnalyzeArguments) -> Result<(), CliError> {
    let options = Options {
        quotes: Some(!arguments.no_quotes),
        max_article_bytes: arguments.max_article_bytes,
    };
    let mut batch = Batch::new(options);
    // Files are all read (a JSONL corpus opened) before anything is printed, so an
    // unreadable one fails the run with nothing on stdout.
    let (files, corpus) = if arguments.jsonl {
        let path = arguments.inputs.first().map(|path| path.as_path());
        (
            Vec::new(),
            Some(JsonlLines::open(path, arguments.input_format)?),
        )
    } else {
        (
            inputs::read_files(&arguments.inputs, arguments.input_format)?,
            None,
        )
    };
    let stdout = io::stdout();
    let mut writer = ReportWriter::new(
        io::BufWriter::new(stdout.lock()),
        arguments.format,
        arguments.pretty,
    )?;
    let mut skipped = Vec::new();
    if let Some(corpus) = corpus {
        skipped = analyze_jsonl(corpus, &mut batch, arguments.jobs, &mut writer)?;
    } else {
        for chunk in files.chunks(ARTICLES_IN_FLIGHT_PER_JOB * arguments.jobs) {
            let documents: Vec<_> = chunk.iter().map(|input| input.document.clone()).collect();
            for (input, result) in chunk.iter().zip(batch.add_many(&documents, arguments.jobs)) {
                let mut article = result.map_err(CliError::Analyze)?;
                if let Some(warning) = &input.warning {
                    article.warnings.insert(0, warning.clone());
                }
                writer.article(article)?;
            }
        }
    }
    writer.finish(batch.cross_article_on(arguments.jobs))?;
    match skipped.len() {
        0 => Ok(()),
        _ => Err(CliError::Skipped(skipped)),
    }
}

/// Articles read ahead for each thread: enough that a thread finding a long article does not
/// leave the others idle for long, few enough that memory holds only a handful of articles
/// per core (each at most `--max-article-bytes`) whatever the corpus's size.
#[cfg(not(target_arch = "wasm32"))]
const ARTICLES_IN_FLIGHT_PER_JOB: usize = 16;

/// Analyses a JSONL corpus a few lines at a time, `jobs` articles at once, writing them in
/// the corpus's order. A line that is not a `{"id", "text"}` object, or repeats an id, is
/// skipped and returned; past [`MAX_DOCUMENTS`] articles the reading stops. The report holds
/// every article analysed, exactly as one article after another would give it.
#[cfg(not(target_arch = "wasm32"))]
fn analyze_jsonl<W: Write>(
    mut corpus: JsonlLines,
    batch: &mut Batch,
    jobs: usize,
    writer: &mut ReportWriter<W>,
) -> Result<Vec<CliError>, CliError> {
    let in_flight = ARTICLES_IN_FLIGHT_PER_JOB * jobs;
    let mut skipped = Vec::new();
    // The lines read and not yet analysed: each one's number and its article, or why it is
    // skipped (kept in place, so that the skipped lines are listed in the corpus's order).
    let mut pending: Vec<(usize, Result<Input, CliError>)> = Vec::with_capacity(in_flight);
    let mut articles_pending = 0;
    loop {
        let line = match corpus.next_line() {
            Ok(line) => line,
            // What was read before is written first, as it would have been one by one.
            Err(error) => {
                analyze_pending(&corpus, batch, jobs, &mut pending, &mut skipped, writer)?;
                return Err(error);
            }
        };
        let full = batch.len() + articles_pending >= MAX_DOCUMENTS;
        if line.is_none() || full || articles_pending == in_flight {
            analyze_pending(&corpus, batch, jobs, &mut pending, &mut skipped, writer)?;
            articles_pending = 0;
        }
        let Some(line) = line else { break };
        // Articles before the limit may have been refused (a repeated id), so the batch is
        // asked again once they are analysed.
        if batch.len() == MAX_DOCUMENTS {
            skipped.push(CliError::TooManyArticles {
                name: corpus.name().to_string(),
                line: line.number,
            });
            break;
        }
        articles_pending += usize::from(line.parsed.is_ok());
        pending.push((line.number, line.parsed));
    }
    Ok(skipped)
}

/// Analyses the lines read so far, on `jobs` threads, and writes their articles in order.
#[cfg(not(target_arch = "wasm32"))]
fn analyze_pending<W: Write>(
    corpus: &JsonlLines,
    batch: &mut Batch,
    jobs: usize,
    pending: &mut Vec<(usize, Result<Input, CliError>)>,
    skipped: &mut Vec<CliError>,
    writer: &mut ReportWriter<W>,
) -> Result<(), CliError> {
    let documents: Vec<Document> = pending
        .iter_mut()
        .filter_map(|(_, parsed)| parsed.as_mut().ok())
        // The text moves to the analysis; the input keeps only its warning.
        .map(|input| std::mem::replace(&mut input.document, Document::new("", "")))
        .collect();
    let mut results = batch.add_many(&documents, jobs).into_iter();
    for (number, parsed) in pending.drain(..) {
        let input = match parsed {
            Ok(input) => input,
            Err(error) => {
                skipped.push(error);
                continue;
            }
        };
        // One result per document, in the order they were taken.
        let result = results.next().expect("add_many answers every document");
        let mut article = match result {
            Ok(article) => article,
            Err(error) => {
                skipped.push(corpus.line_error_at(number, error.to_string()));
                continue;
            }
        };
        if let Some(warning) = input.warning {
            article.warnings.insert(0, warning);
        }
        writer.article(article)?;
    }
    Ok(())
}
