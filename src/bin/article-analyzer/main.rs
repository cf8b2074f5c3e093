//! The `article-analyzer` command-line tool: a thin layer over the library's [`Batch`] (the
//! same code path as `analyze` and the page). It reads the command line (`arguments`), the
//! articles (`inputs`), analyses them (`--jobs` at once) and writes the report (`output`, the
//! JSON of its articles by `json`), articles in input order; `diff` cleans two articles and
//! prints what changed between them (`diff`).
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
mod json;
#[cfg(not(target_arch = "wasm32"))]
mod output;

#[cfg(not(target_arch = "wasm32"))]
use std::io::{self, Write};
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use article_analyzer::{Batch, Options, Streamed, MAX_DOCUMENTS};

#[cfg(not(target_arch = "wasm32"))]
use arguments::{AnalyzeArguments, Invocation};
#[cfg(not(target_arch = "wasm32"))]
use errors::CliError;
#[cfg(not(target_arch = "wasm32"))]
use inputs::JsonlLines;
#[cfg(not(target_arch = "wasm32"))]
use output::{Prepared, ReportWriter};

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
    let mut writer = ReportWriter::new(
        io::BufWriter::new(standard_output()),
        arguments.format,
        arguments.pretty,
    )?;
    let mut skipped = Vec::new();
    if let Some(corpus) = corpus {
        skipped = analyze_jsonl(corpus, &mut batch, arguments.jobs, &mut writer)?;
    } else {
        let mut files = files.into_iter();
        let form = writer.form();
        let jobs = arguments.jobs;
        batch.add_streamed(
            jobs,
            ARTICLES_IN_FLIGHT_PER_JOB * jobs,
            |_held| {
                let input = files.next()?;
                Some(Streamed::Document(input.document, input.warning))
            },
            |result, warning| {
                let mut article = result.map_err(CliError::Analyze)?;
                if let Some(warning) = warning {
                    article.warnings.insert(0, warning);
                }
                Ok(form.prepare(article))
            },
            |prepared: Result<Prepared, CliError>| {
                writer.prepared(prepared?).map_err(CliError::from)
            },
        )?;
    }
    writer.finish(batch.cross_article_on(arguments.jobs))?;
    // The process ends once this returns, and its memory goes back all at once: freeing
    // each article's summary first would be some 4,000 instructions an article on one
    // thread, after the report is written. Sound only while `analyze` is the last work of
    // the process: a caller that went on would keep the batch's memory to its end.
    std::mem::forget(batch);
    match skipped.len() {
        0 => Ok(()),
        _ => Err(CliError::Skipped(skipped)),
    }
}

/// Standard output for the report, behind the caller's own buffer. On Unix a file of its own
/// (a duplicate of its descriptor): the standard library's handle buffers by line, searching
/// every block the report's buffer hands it for its last line end, and a JSON report is one
/// line of megabytes, so each block was searched whole for nothing (about an instruction a
/// byte of the report). The bytes and the moments they are written are the buffer's either
/// way. Elsewhere, or when the descriptor cannot be duplicated (standard output closed, where
/// the standard library's handle takes the writes as done), that handle.
#[cfg(not(target_arch = "wasm32"))]
fn standard_output() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(descriptor) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(descriptor));
        }
    }
    Box::new(io::stdout().lock())
}

/// Articles read ahead for each thread: enough that the workers always find an article
/// waiting while the oldest one in flight is still being analysed (a long article holds back
/// only the writing, not the other workers), few enough that memory holds only a handful of
/// articles per core (each at most `--max-article-bytes`) whatever the corpus's size.
#[cfg(not(target_arch = "wasm32"))]
const ARTICLES_IN_FLIGHT_PER_JOB: usize = 16;

/// Analyses a JSONL corpus line by line, `jobs` articles at once, writing them in the
/// corpus's order (each article made ready for the report by the thread that analysed it).
/// A line that is not a `{"id", "text"}` object, or repeats an id, is skipped and returned;
/// past [`MAX_DOCUMENTS`] articles the reading stops. The report holds every article
/// analysed, exactly as one article after another would give it.
#[cfg(not(target_arch = "wasm32"))]
fn analyze_jsonl<W: Write>(
    mut corpus: JsonlLines,
    batch: &mut Batch,
    jobs: usize,
    writer: &mut ReportWriter<W>,
) -> Result<Vec<CliError>, CliError> {
    let mut skipped = Vec::new();
    let mut read_error = None;
    let mut too_many = None;
    let name = corpus.name().to_string();
    let form = writer.form();
    batch.add_streamed(
        jobs,
        ARTICLES_IN_FLIGHT_PER_JOB * jobs,
        |held| {
            let line = match corpus.next_line() {
                Ok(line) => line?,
                // What was read before is written first, as it would have been one by one.
                Err(error) => {
                    read_error = Some(error);
                    return None;
                }
            };
            if held == MAX_DOCUMENTS {
                too_many = Some(CliError::TooManyArticles {
                    name: corpus.name().to_string(),
                    line: line.number,
                });
                return None;
            }
            Some(match line.parsed {
                Ok(input) => Streamed::Document(input.document, (line.number, input.warning)),
                Err(error) => Streamed::Ready(Err(error)),
            })
        },
        |result, (number, warning)| match result {
            Ok(mut article) => {
                if let Some(warning) = warning {
                    article.warnings.insert(0, warning);
                }
                Ok(form.prepare(article))
            }
            Err(error) => Err(CliError::Jsonl {
                name: name.clone(),
                line: number,
                message: error.to_string(),
            }),
        },
        |prepared| match prepared {
            Ok(prepared) => writer.prepared(prepared).map_err(CliError::from),
            Err(error) => {
                skipped.push(error);
                Ok(())
            }
        },
    )?;
    if let Some(error) = read_error {
        return Err(error);
    }
    skipped.extend(too_many);
    Ok(skipped)
}
