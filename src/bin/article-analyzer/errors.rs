//! What can go wrong in a run once the command line is understood (usage errors are clap's,
//! see `arguments`), with the message printed to the user.

use std::fmt;
use std::io;

use article_analyzer::{AnalyzeError, MAX_DOCUMENTS};

/// Why a run failed, or what it had to leave out. Every one ends the run with exit status 1.
#[derive(Debug)]
pub enum CliError {
    /// An input could not be read.
    Read {
        /// The file, or "standard input".
        name: String,
        /// What the system said.
        source: io::Error,
    },
    /// A JSONL line that holds no article; it is skipped.
    Jsonl {
        /// The corpus.
        name: String,
        /// The line's number, from 1.
        line: usize,
        /// What was wrong with it.
        message: String,
    },
    /// More documents than [`MAX_DOCUMENTS`]: reading stops at the first one too many.
    TooManyArticles {
        /// The corpus.
        name: String,
        /// The line of the first article too many.
        line: usize,
    },
    /// The analyzer refused the batch.
    Analyze(AnalyzeError),
    /// The report could not be written.
    Write(io::Error),
    /// Lines of a JSONL corpus that were skipped; the report holds every other article.
    Skipped(Vec<CliError>),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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

impl From<io::Error> for CliError {
    fn from(error: io::Error) -> Self {
        CliError::Write(error)
    }
}
