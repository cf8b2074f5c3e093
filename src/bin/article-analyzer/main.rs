//! The `article-analyzer` command-line tool: a thin layer that reads files or JSONL, calls
//! [`article_analyzer::analyze`] and prints the report as JSON.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use article_analyzer::{
    AnalyzeError, Article, Batch, CrossArticle, Document, Options, Report,
    DEFAULT_MAX_ARTICLE_BYTES, MAX_DOCUMENTS,
};

/// The help text, with the limits of the core spelled out.
fn usage() -> String {
    format!(
        "\
usage: article-analyzer analyze [OPTIONS] FILE...       one article per file; \"-\" reads stdin
       article-analyzer analyze [OPTIONS] --jsonl [FILE] one {{\"id\",\"text\"}} object per line
                                                        (from FILE or stdin)
Options: --pretty indents the JSON; --no-quotes only cleans (no quote extraction, faster);
         --max-article-bytes N analyses at most N bytes of each article (default
         {DEFAULT_MAX_ARTICLE_BYTES}); the rest is left out and the article gets a warning.
At most {MAX_DOCUMENTS} articles at once. Prints one report as JSON on standard output.
With --jsonl the corpus streams: each article is printed as soon as it is analysed; a line
that is not an {{\"id\",\"text\"}} object (or repeats an id) is skipped with a message naming
it, and the run ends with exit status 1."
    )
}

/// What went wrong on the command line, with the message printed to the user.
#[derive(Debug)]
enum CliError {
    Usage(String),
    Read {
        name: String,
        source: io::Error,
    },
    Jsonl {
        name: String,
        line: usize,
        message: String,
    },
    /// More documents than [`MAX_DOCUMENTS`]: reading stops at the first one too many.
    TooManyArticles {
        name: String,
        line: usize,
    },
    Analyze(AnalyzeError),
    Write(io::Error),
    /// Lines of a JSONL corpus that were skipped; the report holds every other article.
    Skipped(Vec<CliError>),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(message) => write!(f, "{message}\n\n{}", usage()),
            CliError::Read { name, source } => write!(f, "cannot read {name}: {source}"),
            CliError::Jsonl { name, line, message } => write!(
                f,
                "{name}, line {line}: skipped: expected a JSON object {{\"id\": string, \"text\": string}} with an id not used before: {message}"
            ),
            CliError::TooManyArticles { name, line } => write!(
                f,
                "{name}, line {line}: more than {MAX_DOCUMENTS} articles; at most {MAX_DOCUMENTS} can be analysed at once: split the input into several runs (e.g. split -l {MAX_DOCUMENTS})"
            ),
            CliError::Analyze(error) => write!(f, "{error}"),
            CliError::Write(error) => write!(f, "cannot write the report: {error}"),
            CliError::Skipped(errors) => {
                for error in errors {
                    writeln!(f, "{error}")?;
                }
                write!(
                    f,
                    "{} line(s) skipped; the report holds every other article",
                    errors.len()
                )
            }
        }
    }
}

struct Arguments {
    pretty: bool,
    no_quotes: bool,
    jsonl: bool,
    max_article_bytes: Option<usize>,
    inputs: Vec<String>,
}

fn parse_arguments(args: &[String]) -> Result<Arguments, CliError> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("analyze") => {}
        Some("-h" | "--help" | "help") => return Err(CliError::Usage(String::new())),
        Some(other) => return Err(CliError::Usage(format!("unknown command {other:?}"))),
        None => return Err(CliError::Usage("no command given".into())),
    }
    let mut parsed = Arguments {
        pretty: false,
        no_quotes: false,
        jsonl: false,
        max_article_bytes: None,
        inputs: Vec::new(),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--max-article-bytes" => {
                let value = args.next().map(String::as_str);
                parsed.max_article_bytes = Some(parse_byte_count(value)?);
            }
            "--pretty" => parsed.pretty = true,
            "--no-quotes" => parsed.no_quotes = true,
            "--jsonl" => parsed.jsonl = true,
            "-" => parsed.inputs.push(arg.clone()),
            option if option.starts_with("--") => {
                return Err(CliError::Usage(format!("unknown option {option:?}")))
            }
            _ => parsed.inputs.push(arg.clone()),
        }
    }
    if parsed.jsonl && parsed.inputs.len() > 1 {
        return Err(CliError::Usage("--jsonl reads one file (or stdin)".into()));
    }
    if !parsed.jsonl && parsed.inputs.is_empty() {
        return Err(CliError::Usage(
            "no input files (use \"-\" for stdin)".into(),
        ));
    }
    Ok(parsed)
}

/// The value of `--max-article-bytes`: a whole number of bytes.
fn parse_byte_count(value: Option<&str>) -> Result<usize, CliError> {
    let value = value.ok_or_else(|| {
        CliError::Usage("--max-article-bytes needs a number of bytes, e.g. 1000000".into())
    })?;
    value.parse().map_err(|_| {
        CliError::Usage(format!(
            "--max-article-bytes takes a whole number of bytes (such as {DEFAULT_MAX_ARTICLE_BYTES}), not {value:?}"
        ))
    })
}

/// Reads one input as text. Bytes that are not UTF-8 are replaced and reported as a warning.
fn read_text(name: &str) -> Result<(String, Option<String>), CliError> {
    let mut bytes = Vec::new();
    let result = if name == "-" {
        io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(name).and_then(|mut file| file.read_to_end(&mut bytes))
    };
    let display = if name == "-" {
        "standard input".to_string()
    } else {
        name.to_string()
    };
    result.map_err(|source| CliError::Read {
        name: display,
        source,
    })?;
    Ok(decode_lossy(bytes))
}

fn decode_lossy(bytes: Vec<u8>) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let bytes = error.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count();
            let warning = format!(
                "the file is not valid UTF-8; {replaced} undecodable byte sequence(s) were replaced by \u{FFFD}"
            );
            (text, Some(warning))
        }
    }
}

fn file_id(name: &str) -> String {
    if name == "-" {
        return "stdin".into();
    }
    std::path::Path::new(name)
        .file_name()
        .map(|base| base.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

/// Where the report goes: articles are written as they are analysed (so a corpus streams
/// through in little memory), the cross-article results once all are in. With `--pretty`
/// the report is gathered and indented at the end instead.
struct ReportWriter<W: Write> {
    out: W,
    pretty: bool,
    articles_written: usize,
    gathered: Vec<Article>,
}

impl<W: Write> ReportWriter<W> {
    fn new(mut out: W, pretty: bool) -> Result<Self, CliError> {
        if !pretty {
            out.write_all(b"{\"articles\":[").map_err(CliError::Write)?;
        }
        Ok(ReportWriter {
            out,
            pretty,
            articles_written: 0,
            gathered: Vec::new(),
        })
    }

    fn article(&mut self, article: Article) -> Result<(), CliError> {
        if self.pretty {
            self.gathered.push(article);
            return Ok(());
        }
        if self.articles_written > 0 {
            self.out.write_all(b",").map_err(CliError::Write)?;
        }
        serde_json::to_writer(&mut self.out, &article)
            .map_err(|error| CliError::Write(error.into()))?;
        self.articles_written += 1;
        Ok(())
    }

    fn finish(mut self, cross: CrossArticle) -> Result<(), CliError> {
        let written = if self.pretty {
            let report = Report {
                articles: std::mem::take(&mut self.gathered),
                story_groups: cross.story_groups,
                duplicates: cross.duplicates,
                quote_groups: cross.quote_groups,
            };
            serde_json::to_writer_pretty(&mut self.out, &report)
        } else {
            self.out
                .write_all(b"],")
                .map_err(serde_json::Error::io)
                .and_then(|()| {
                    let cross = serde_json::to_string(&cross)?;
                    // `cross` is `{...}`: its fields continue the report's object.
                    self.out
                        .write_all(&cross.as_bytes()[1..])
                        .map_err(serde_json::Error::io)
                })
        };
        written.map_err(|error| CliError::Write(error.into()))?;
        writeln!(self.out)
            .and_then(|()| self.out.flush())
            .map_err(CliError::Write)
    }
}

/// Analyses the JSONL documents of `name` (or stdin) one line at a time. A line that is not
/// a `{"id", "text"}` object, or repeats an id, is skipped with a message naming it; the
/// report still holds every other article, and the run ends with exit status 1.
fn analyze_jsonl<W: Write>(
    name: Option<&str>,
    batch: &mut Batch,
    writer: &mut ReportWriter<W>,
) -> Result<Vec<CliError>, CliError> {
    let display = name
        .filter(|n| *n != "-")
        .unwrap_or("standard input")
        .to_string();
    let reader: Box<dyn BufRead> = match name {
        None | Some("-") => Box::new(io::stdin().lock()),
        Some(path) => Box::new(io::BufReader::new(std::fs::File::open(path).map_err(
            |source| CliError::Read {
                name: display.clone(),
                source,
            },
        )?)),
    };
    let mut skipped = Vec::new();
    for (index, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|source| CliError::Read {
            name: display.clone(),
            source,
        })?;
        let (line, warning) = decode_lossy(line);
        if line.trim().is_empty() {
            continue;
        }
        if batch.len() == MAX_DOCUMENTS {
            skipped.push(CliError::TooManyArticles {
                name: display,
                line: index + 1,
            });
            break;
        }
        let line_error = |message: String| CliError::Jsonl {
            name: display.clone(),
            line: index + 1,
            message,
        };
        let doc: Document = match serde_json::from_str(&line) {
            Ok(doc) => doc,
            Err(error) => {
                skipped.push(line_error(error.to_string()));
                continue;
            }
        };
        let mut article = match batch.add(&doc) {
            Ok(article) => article,
            Err(error) => {
                skipped.push(line_error(error.to_string()));
                continue;
            }
        };
        if let Some(warning) = warning {
            article
                .warnings
                .insert(0, warning.replace("the file is", "the line is"));
        }
        writer.article(article)?;
    }
    Ok(skipped)
}

fn run(args: &[String]) -> Result<(), CliError> {
    let arguments = parse_arguments(args)?;
    let options = Options {
        quotes: Some(!arguments.no_quotes),
        max_article_bytes: arguments.max_article_bytes,
    };
    let mut batch = Batch::new(options);
    // Files are all read before anything is printed, so an unreadable one fails the run
    // with nothing on stdout.
    let mut files = Vec::new();
    if !arguments.jsonl {
        for name in &arguments.inputs {
            let (text, warning) = read_text(name)?;
            files.push((Document::new(file_id(name), text), warning));
        }
        let mut seen = std::collections::HashSet::new();
        for (doc, _) in &files {
            if !seen.insert(doc.id.as_str()) {
                return Err(CliError::Analyze(AnalyzeError::DuplicateId(doc.id.clone())));
            }
        }
    }
    let stdout = io::stdout();
    let mut writer = ReportWriter::new(io::BufWriter::new(stdout.lock()), arguments.pretty)?;
    let mut skipped = Vec::new();
    if arguments.jsonl {
        skipped = analyze_jsonl(
            arguments.inputs.first().map(String::as_str),
            &mut batch,
            &mut writer,
        )?;
    } else {
        for (doc, warning) in files {
            let mut article = batch.add(&doc).map_err(CliError::Analyze)?;
            if let Some(warning) = warning {
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(message)) if message.is_empty() => {
            println!("{}", usage());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("article-analyzer: {error}");
            ExitCode::FAILURE
        }
    }
}
