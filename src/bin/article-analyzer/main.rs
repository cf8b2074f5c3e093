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
use std::io;
use std::process::ExitCode;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::mpsc;

#[cfg(not(target_arch = "wasm32"))]
use article_analyzer::{Article, Batch, CrossArticle, Document, Options, MAX_DOCUMENTS};

#[cfg(not(target_arch = "wasm32"))]
use arguments::{AnalyzeArguments, Invocation};
#[cfg(not(target_arch = "wasm32"))]
use errors::CliError;
#[cfg(not(target_arch = "wasm32"))]
use inputs::{Input, JsonlLine, JsonlLines};
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
    if let Some(corpus) = corpus {
        let skipped = if arguments.jobs > 1 {
            analyze_jsonl_with_helpers(corpus, &mut batch, arguments)?
        } else {
            analyze_jsonl_in_turn(corpus, &mut batch, arguments)?
        };
        return match skipped.len() {
            0 => Ok(()),
            _ => Err(CliError::Skipped(skipped)),
        };
    }
    let stdout = io::stdout();
    let mut writer = ReportWriter::new(
        io::BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, stdout.lock()),
        arguments.format,
        arguments.pretty,
    )?;
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
    writer.finish(batch.cross_article())?;
    Ok(())
}

/// The output buffer: a few articles' JSON (a few KB each) per write to standard output.
#[cfg(not(target_arch = "wasm32"))]
const OUTPUT_BUFFER_BYTES: usize = 64 * 1024;

/// A JSONL corpus on one thread: read a few lines, analyse them, write them, in turn.
#[cfg(not(target_arch = "wasm32"))]
fn analyze_jsonl_in_turn(
    mut corpus: JsonlLines,
    batch: &mut Batch,
    arguments: &AnalyzeArguments,
) -> Result<Vec<CliError>, CliError> {
    let stdout = io::stdout();
    let mut writer = ReportWriter::new(
        io::BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, stdout.lock()),
        arguments.format,
        arguments.pretty,
    )?;
    let name = corpus.name().to_string();
    let skipped = analyze_jsonl(
        &mut || corpus.next_line(),
        &name,
        batch,
        arguments.jobs,
        &mut |article| Ok(writer.article(article)?),
    )?;
    writer.finish(batch.cross_article())?;
    Ok(skipped)
}

/// What the analysis hands the writing thread.
#[cfg(not(target_arch = "wasm32"))]
enum ToWrite {
    /// The next articles, in order.
    Articles(Vec<Article>),
    /// The cross-article results: the end of the report.
    End(CrossArticle),
}

/// Lines, and articles, handed between threads in one message: one at a time, the threads
/// woke each other for every article (twenty times the context switches of one thread).
#[cfg(not(target_arch = "wasm32"))]
const ITEMS_PER_MESSAGE: usize = ARTICLES_IN_FLIGHT_PER_JOB;

/// A JSONL corpus on `--jobs` threads, with its reading (lines parsed from JSON) and its
/// writing (articles serialised to JSON) on a thread each, beside the analysis: on one
/// thread they took about 7% of the time, during which the analysis threads waited. The
/// same lines are analysed in the same groups and written in the same order as
/// [`analyze_jsonl_in_turn`] does, so the report is the same bytes; memory holds at most
/// one group of lines read ahead and one group of articles waiting to be written more.
#[cfg(not(target_arch = "wasm32"))]
fn analyze_jsonl_with_helpers(
    corpus: JsonlLines,
    batch: &mut Batch,
    arguments: &AnalyzeArguments,
) -> Result<Vec<CliError>, CliError> {
    let name = corpus.name().to_string();
    let (line_sender, lines) = mpsc::sync_channel::<Vec<_>>(arguments.jobs);
    // Not joined: when the analysis stops early (a write error, too many articles), the
    // reader may be waiting for input that never comes, and the run must end all the same,
    // as it does on one thread; dropping `lines` stops it at its next message otherwise.
    let mut reading = Some(std::thread::spawn(move || {
        let mut corpus = corpus;
        loop {
            let mut message = Vec::with_capacity(ITEMS_PER_MESSAGE);
            let mut last = false;
            // A line that needs more input is not read before the lines already taken are
            // sent: the analysis may need them to go on (standard input may pause).
            while message.len() < ITEMS_PER_MESSAGE
                && !last
                && (message.is_empty() || corpus.next_line_is_buffered())
            {
                let line = corpus.next_line();
                last = !matches!(line, Ok(Some(_)));
                message.push(line);
            }
            if line_sender.send(message).is_err() || last {
                break;
            }
        }
    }));
    let (article_sender, to_write) = mpsc::sync_channel(arguments.jobs);
    let (format, pretty) = (arguments.format, arguments.pretty);
    let writing = std::thread::spawn(move || -> Result<(), CliError> {
        let stdout = io::stdout();
        let mut writer = ReportWriter::new(
            io::BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, stdout.lock()),
            format,
            pretty,
        )?;
        for message in to_write {
            match message {
                ToWrite::Articles(articles) => {
                    for article in articles {
                        writer.article(article)?;
                    }
                }
                ToWrite::End(cross) => return Ok(writer.finish(cross)?),
            }
        }
        // No end (the reading failed): what was written stays, as on one thread.
        Ok(())
    });
    // A send fails only when the writing thread stopped on an error, which is returned below.
    let writer_stopped = || CliError::Write(io::ErrorKind::BrokenPipe.into());
    let mut received = Vec::new().into_iter();
    let mut analysed_articles = Vec::with_capacity(ITEMS_PER_MESSAGE);
    let analysed = analyze_jsonl(
        &mut || loop {
            if let Some(line) = received.next() {
                return line;
            }
            match lines.recv_timeout(WRITER_CHECK_INTERVAL) {
                Ok(message) => received = message.into_iter(),
                // The writing thread ends before the report's end only on an error. Standard
                // input may stay open without a line for long: the run stops at the failed
                // write all the same, as on one thread.
                Err(mpsc::RecvTimeoutError::Timeout) if writing.is_finished() => {
                    return Err(writer_stopped())
                }
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                // The reader sends its last line or error before it ends, so a closed
                // channel means it panicked: so does the run.
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    match reading.take().map(|reader| reader.join()) {
                        Some(Err(panic)) => std::panic::resume_unwind(panic),
                        _ => return Ok(None),
                    }
                }
            }
        },
        &name,
        batch,
        arguments.jobs,
        &mut |article| {
            analysed_articles.push(article);
            if analysed_articles.len() < ITEMS_PER_MESSAGE {
                return Ok(());
            }
            let articles = std::mem::replace(
                &mut analysed_articles,
                Vec::with_capacity(ITEMS_PER_MESSAGE),
            );
            article_sender
                .send(ToWrite::Articles(articles))
                .map_err(|_| writer_stopped())
        },
    );
    // What was analysed is written, also before an error (as on one thread); a failed send
    // leaves the writing thread's error to tell.
    let _ = article_sender.send(ToWrite::Articles(analysed_articles));
    let analysed = analysed.and_then(|skipped| {
        article_sender
            .send(ToWrite::End(batch.cross_article()))
            .map_err(|_| writer_stopped())?;
        Ok(skipped)
    });
    drop(lines);
    drop(article_sender);
    let written = writing
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    // The writing thread's own error says more than the closed channel it left.
    written.and(analysed)
}

/// How often the analysis, waiting for a line, looks whether the writing thread stopped on an
/// error: a fraction of a second is soon enough for a person, and costs nothing while lines
/// keep coming.
#[cfg(not(target_arch = "wasm32"))]
const WRITER_CHECK_INTERVAL: std::time::Duration = std::time::Duration::from_millis(100);

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
fn analyze_jsonl(
    next_line: &mut dyn FnMut() -> Result<Option<JsonlLine>, CliError>,
    corpus_name: &str,
    batch: &mut Batch,
    jobs: usize,
    write: &mut dyn FnMut(Article) -> Result<(), CliError>,
) -> Result<Vec<CliError>, CliError> {
    let in_flight = ARTICLES_IN_FLIGHT_PER_JOB * jobs;
    let mut skipped = Vec::new();
    // The lines read and not yet analysed: each one's number and its article, or why it is
    // skipped (kept in place, so that the skipped lines are listed in the corpus's order).
    let mut pending: Vec<(usize, Result<Input, CliError>)> = Vec::with_capacity(in_flight);
    let mut articles_pending = 0;
    loop {
        let line = match next_line() {
            Ok(line) => line,
            // What was read before is written first, as it would have been one by one.
            Err(error) => {
                analyze_pending(corpus_name, batch, jobs, &mut pending, &mut skipped, write)?;
                return Err(error);
            }
        };
        let full = batch.len() + articles_pending >= MAX_DOCUMENTS;
        if line.is_none() || full || articles_pending == in_flight {
            analyze_pending(corpus_name, batch, jobs, &mut pending, &mut skipped, write)?;
            articles_pending = 0;
        }
        let Some(line) = line else { break };
        // Articles before the limit may have been refused (a repeated id), so the batch is
        // asked again once they are analysed.
        if batch.len() == MAX_DOCUMENTS {
            skipped.push(CliError::TooManyArticles {
                name: corpus_name.to_string(),
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
fn analyze_pending(
    corpus_name: &str,
    batch: &mut Batch,
    jobs: usize,
    pending: &mut Vec<(usize, Result<Input, CliError>)>,
    skipped: &mut Vec<CliError>,
    write: &mut dyn FnMut(Article) -> Result<(), CliError>,
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
                skipped.push(inputs::line_error(corpus_name, number, error.to_string()));
                continue;
            }
        };
        if let Some(warning) = input.warning {
            article.warnings.insert(0, warning);
        }
        write(article)?;
    }
    Ok(())
}
