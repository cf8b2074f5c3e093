//! The `article-analyzer` command-line tool: a thin layer that reads files or JSONL, calls
//! [`article_analyzer::analyze`] and prints the report as JSON.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use article_analyzer::{analyze, Document, Options, DEFAULT_MAX_ARTICLE_BYTES, MAX_DOCUMENTS};

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
At most {MAX_DOCUMENTS} articles at once. Prints one report as JSON on standard output."
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
    Analyze(article_analyzer::AnalyzeError),
    Write(io::Error),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(message) => write!(f, "{message}\n\n{}", usage()),
            CliError::Read { name, source } => write!(f, "cannot read {name}: {source}"),
            CliError::Jsonl { name, line, message } => write!(
                f,
                "{name}, line {line}: expected a JSON object {{\"id\": string, \"text\": string}}: {message}"
            ),
            CliError::TooManyArticles { name, line } => write!(
                f,
                "{name}, line {line}: more than {MAX_DOCUMENTS} articles; at most {MAX_DOCUMENTS} can be analysed at once: split the input into several runs (e.g. split -l {MAX_DOCUMENTS})"
            ),
            CliError::Analyze(error) => write!(f, "{error}"),
            CliError::Write(error) => write!(f, "cannot write the report: {error}"),
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

/// Reads JSONL documents, each with the warning of a line that was not valid UTF-8.
fn read_jsonl(name: Option<&str>) -> Result<(Vec<Document>, Vec<Option<String>>), CliError> {
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
    let mut docs = Vec::new();
    let mut warnings = Vec::new();
    for (index, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|source| CliError::Read {
            name: display.clone(),
            source,
        })?;
        let (line, warning) = decode_lossy(line);
        if line.trim().is_empty() {
            continue;
        }
        if docs.len() == MAX_DOCUMENTS {
            return Err(CliError::TooManyArticles {
                name: display,
                line: index + 1,
            });
        }
        let doc: Document = serde_json::from_str(&line).map_err(|error| CliError::Jsonl {
            name: display.clone(),
            line: index + 1,
            message: error.to_string(),
        })?;
        docs.push(doc);
        warnings.push(warning.map(|w| w.replace("the file is", "the line is")));
    }
    Ok((docs, warnings))
}

fn run(args: &[String]) -> Result<(), CliError> {
    let arguments = parse_arguments(args)?;
    let mut decode_warnings = Vec::new();
    let docs = if arguments.jsonl {
        let (docs, warnings) = read_jsonl(arguments.inputs.first().map(String::as_str))?;
        decode_warnings = warnings;
        docs
    } else {
        let mut docs = Vec::with_capacity(arguments.inputs.len());
        for name in &arguments.inputs {
            let (text, warning) = read_text(name)?;
            decode_warnings.push(warning);
            docs.push(Document::new(file_id(name), text));
        }
        docs
    };
    let options = Options {
        quotes: Some(!arguments.no_quotes),
        max_article_bytes: arguments.max_article_bytes,
    };
    let mut report = analyze(&docs, &options).map_err(CliError::Analyze)?;
    for (article, warning) in report.articles.iter_mut().zip(decode_warnings) {
        if let Some(warning) = warning {
            article.warnings.insert(0, warning);
        }
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if arguments.pretty {
        serde_json::to_writer_pretty(&mut out, &report)
    } else {
        serde_json::to_writer(&mut out, &report)
    };
    written.map_err(|error| CliError::Write(error.into()))?;
    writeln!(out)
        .and_then(|()| out.flush())
        .map_err(CliError::Write)
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
