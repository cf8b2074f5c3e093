//! The `article-analyzer` command-line tool: a thin layer over the library's [`Batch`] (the
//! same code path as `analyze` and the page). It reads the command line (`arguments`), the
//! articles (`inputs`), analyses them one at a time and writes the report (`output`); `diff`
//! cleans two articles and prints what changed between them (`diff`).
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
use article_analyzer::{Batch, Options, MAX_DOCUMENTS};

#[cfg(not(target_arch = "wasm32"))]
use arguments::{AnalyzeArguments, Invocation};
#[cfg(not(target_arch = "wasm32"))]
use errors::CliError;
#[cfg(not(target_arch = "wasm32"))]
use inputs::JsonlLines;
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
        (Vec::new(), Some(JsonlLines::open(path)?))
    } else {
        (inputs::read_files(&arguments.inputs)?, None)
    };
    let stdout = io::stdout();
    let mut writer = ReportWriter::new(
        io::BufWriter::new(stdout.lock()),
        arguments.format,
        arguments.pretty,
    )?;
    // `--jobs N` will analyse several articles at once here, writing them in input order.
    let mut skipped = Vec::new();
    if let Some(corpus) = corpus {
        skipped = analyze_jsonl(corpus, &mut batch, &mut writer)?;
    } else {
        for input in files {
            let mut article = batch.add(&input.document).map_err(CliError::Analyze)?;
            if let Some(warning) = input.warning {
                article.warnings.insert(0, warning);
            }
            writer.article(article)?;
        }
    }
    writer.finish(batch.cross_article())?;
    match skipped.len() {
        0 => Ok(()),
        _ => Err(CliError::Skipped(skipped)),
    }
}

/// Analyses a JSONL corpus one line at a time. A line that is not a `{"id", "text"}` object,
/// or repeats an id, is skipped and returned; past [`MAX_DOCUMENTS`] articles the reading
/// stops. The report holds every article analysed.
#[cfg(not(target_arch = "wasm32"))]
fn analyze_jsonl<W: Write>(
    mut corpus: JsonlLines,
    batch: &mut Batch,
    writer: &mut ReportWriter<W>,
) -> Result<Vec<CliError>, CliError> {
    let mut skipped = Vec::new();
    while let Some(line) = corpus.next_line()? {
        if batch.len() == MAX_DOCUMENTS {
            skipped.push(CliError::TooManyArticles {
                name: corpus.name().to_string(),
                line: line.number,
            });
            break;
        }
        let input = match line.parsed {
            Ok(input) => input,
            Err(error) => {
                skipped.push(error);
                continue;
            }
        };
        let mut article = match batch.add(&input.document) {
            Ok(article) => article,
            Err(error) => {
                skipped.push(corpus.line_error(error.to_string()));
                continue;
            }
        };
        if let Some(warning) = input.warning {
            article.warnings.insert(0, warning);
        }
        writer.article(article)?;
    }
    Ok(skipped)
}
