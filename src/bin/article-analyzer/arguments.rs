//! The command line's grammar: commands, options, their help, and what a run was asked to do.
//! Parsing is clap's (help, `--version`, usage errors with exit status 2); the checks clap
//! cannot express (`--jsonl` with one file, `--pretty` with JSON only) are made here, as clap
//! errors, so every usage error looks and exits the same.

use std::ffi::OsString;
use std::path::PathBuf;

use article_analyzer::{InputFormat, DEFAULT_MAX_ARTICLE_BYTES, MAX_DOCUMENTS};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{value_parser, Arg, ArgAction, ArgMatches, Command};

/// What the command line asks for.
#[derive(Debug)]
pub enum Invocation {
    /// `article-analyzer analyze ...`
    Analyze(AnalyzeArguments),
    /// `article-analyzer diff A B`
    Diff(DiffArguments),
}

/// The options of `analyze`.
#[derive(Debug)]
pub struct AnalyzeArguments {
    /// Article files ("-" for standard input); with `jsonl`, at most one JSONL file.
    pub inputs: Vec<PathBuf>,
    /// Whether the input is JSONL, one `{"id", "text"}` object per line.
    pub jsonl: bool,
    /// What is printed.
    pub format: Format,
    /// Indent the JSON report.
    pub pretty: bool,
    /// Clean only, without extracting quotes.
    pub no_quotes: bool,
    /// Bytes of each article analysed; the library's default when `None`.
    pub max_article_bytes: Option<usize>,
    /// What the inputs hold (`--input-format`); when `None`, a file's name decides
    /// (`.html`/`.htm` are HTML) and standard input and JSONL lines are text.
    pub input_format: Option<InputFormat>,
    /// How many articles are analysed at once (threads), at least 1.
    pub jobs: usize,
}

/// The names `--input-format` accepts, with their help.
const INPUT_FORMATS: [(&str, InputFormat, &str); 2] = [
    (
        "text",
        InputFormat::Text,
        "plain text, as pasted (the default, except for .html and .htm files)",
    ),
    (
        "html",
        InputFormat::Html,
        "a page's HTML: its visible text and structure are read, bytes decoded by the page's charset",
    ),
];

/// The input format of a name the parser accepted (only those of [`INPUT_FORMATS`]).
fn input_format_from_name(name: String) -> InputFormat {
    INPUT_FORMATS
        .iter()
        .find(|(known, _, _)| *known == name)
        .map_or(InputFormat::Text, |&(_, format, _)| format)
}

/// The options of `diff`.
#[derive(Debug)]
pub struct DiffArguments {
    /// The article compared from ("-" for standard input).
    pub a: PathBuf,
    /// The article compared to ("-" for standard input, when `a` is not).
    pub b: PathBuf,
    /// What is printed.
    pub format: DiffFormat,
}

/// What `diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// The edits for a person: each changed paragraph with its words marked, then the summary.
    Text,
    /// The structure `diffArticles` gives on the page (the fields of `diffTexts`, with the
    /// ids and the headline's ops).
    Json,
}

impl DiffFormat {
    const NAMES: [(&'static str, DiffFormat, &'static str); 2] = [
        (
            "text",
            DiffFormat::Text,
            "the changed paragraphs, words marked [-deleted-]{+inserted+}, then a summary",
        ),
        (
            "json",
            DiffFormat::Json,
            "the diff's structure: titleOps, ops, aParagraphs, bParagraphs, summary (UTF-16 offsets)",
        ),
    ];

    /// The format of a name the parser accepted (it accepts only the names of [`Self::NAMES`]).
    fn from_name(name: String) -> DiffFormat {
        DiffFormat::NAMES
            .iter()
            .find(|(known, _, _)| *known == name)
            .map_or(DiffFormat::Text, |&(_, format, _)| format)
    }
}

/// What `analyze` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The report, as the analysis contract describes it (what the page's "Download JSON" gives).
    Json,
    /// One row per quote: article, speaker, cue, quote (the page's "Download CSV").
    Csv,
    /// The cleaned articles as Markdown (the page's "Download Markdown").
    Markdown,
    /// The cleaned articles as plain text (the page's "Download plain text").
    Text,
}

impl Format {
    const NAMES: [(&'static str, Format, &'static str); 4] = [
        (
            "json",
            Format::Json,
            "the report: each article (cleaned text, blocks, quotes...), then storyGroups, duplicates, quoteGroups",
        ),
        (
            "csv",
            Format::Csv,
            "the quotes, one row each: article,speaker,cue,quote (RFC 4180)",
        ),
        (
            "markdown",
            Format::Markdown,
            "the cleaned articles: a heading, the author and date, the text",
        ),
        (
            "text",
            Format::Text,
            "the cleaned articles as plain text, apart by a line of '='",
        ),
    ];

    /// The format of a name the parser accepted (it accepts only the names of [`Self::NAMES`]).
    fn from_name(name: String) -> Format {
        Format::NAMES
            .iter()
            .find(|(known, _, _)| *known == name)
            .map_or(Format::Json, |&(_, format, _)| format)
    }
}

/// The whole command line: the tool and its commands.
pub fn command() -> Command {
    Command::new("article-analyzer")
        .version(env!("CARGO_PKG_VERSION"))
        .about(
            "Cleans pasted news articles, extracts their quotes with the speakers, and compares\n\
             articles (duplicates, story groups, quote groups).",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(analyze_command())
        .subcommand(diff_command())
}

fn analyze_command() -> Command {
    Command::new("analyze")
        .about("Analyse articles and print one report")
        .long_about(
            "Analyse articles and print one report: each article cleaned (title, author, date,\n\
             the body's text, every block with what it is and why it was kept or removed) with\n\
             its quotes and their speakers, then what the articles share (story groups,\n\
             duplicates, quote groups).",
        )
        .arg(
            Arg::new("inputs")
                .value_name("FILE")
                .num_args(1..)
                .value_parser(value_parser!(PathBuf))
                .required_unless_present("jsonl")
                .help("Article files, one article each; \"-\" reads standard input")
                .long_help(
                    "Article files, one article each, its id the file's name (\"stdin\" for \"-\",\n\
                     which reads standard input). With --jsonl: one JSONL file, or standard\n\
                     input when none is given.",
                ),
        )
        .arg(
            Arg::new("jsonl")
                .long("jsonl")
                .action(ArgAction::SetTrue)
                .help("Read one {\"id\", \"text\"} JSON object per line (from FILE or standard input)")
                .long_help(
                    "Read one {\"id\", \"text\"} JSON object per line, from FILE or standard input.\n\
                     The corpus streams: each article is printed as soon as it is analysed. A\n\
                     line that is not such an object, or repeats an id, is skipped with a message\n\
                     naming it; the report holds every other article and the exit status is 1.",
                ),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .default_value("json")
                .value_parser(
                    PossibleValuesParser::new(Format::NAMES.map(|(name, _, help)| {
                        PossibleValue::new(name).help(help)
                    }))
                    .map(Format::from_name),
                )
                .help("What to print: the report, the quotes, or the cleaned articles"),
        )
        .arg(
            Arg::new("pretty")
                .long("pretty")
                .action(ArgAction::SetTrue)
                .help("Indent the JSON report (with --format json)"),
        )
        .arg(
            Arg::new("input-format")
                .long("input-format")
                .value_name("FORMAT")
                .value_parser(
                    PossibleValuesParser::new(
                        INPUT_FORMATS.map(|(name, _, help)| PossibleValue::new(name).help(help)),
                    )
                    .map(input_format_from_name),
                )
                .help("What the inputs hold: text or html [default: by file name; text for stdin and JSONL]")
                .long_help(
                    "What the inputs hold: text or html. Without it, files named .html or .htm are\n\
                     read as HTML and everything else (standard input, JSONL lines) as text. HTML\n\
                     files and standard input are read as bytes and decoded by the page's charset\n\
                     (byte order mark, UTF-8, <meta charset>, windows-1252). A JSONL line's own\n\
                     \"format\" field wins over this option. For HTML, block and quote offsets refer\n\
                     to the article's \"source\", the page's visible text.",
                ),
        )
        .arg(
            Arg::new("no-quotes")
                .long("no-quotes")
                .action(ArgAction::SetTrue)
                .help("Only clean: no quote extraction (faster)"),
        )
        .arg(
            Arg::new("max-article-bytes")
                .long("max-article-bytes")
                .value_name("BYTES")
                .allow_hyphen_values(true)
                .value_parser(parse_byte_count)
                .help(format!(
                    "Analyse at most BYTES of each article [default: {DEFAULT_MAX_ARTICLE_BYTES}]"
                ))
                .long_help(format!(
                    "Analyse at most BYTES bytes of each article (default {DEFAULT_MAX_ARTICLE_BYTES}).\n\
                     The text is cut at the last character boundary at or before the limit;\n\
                     that part is analysed as it would be on its own, and the article gets a\n\
                     warning naming the limit."
                )),
        )
        .arg(
            Arg::new("jobs")
                .long("jobs")
                .short('j')
                .value_name("N")
                .allow_hyphen_values(true)
                .value_parser(parse_jobs)
                .help("Analyse N articles at once [default: the available cores]")
                .long_help(
                    "Analyse N articles at once, on N threads (default: as many as the machine\n\
                     has cores available). The report is the same whatever N: articles come out\n\
                     in input order, and only a few per thread are held in memory at a time.",
                ),
        )
        .after_help(format!(
            "Limits: at most {MAX_DOCUMENTS} articles in one run; each article is cut at\n\
             --max-article-bytes ({DEFAULT_MAX_ARTICLE_BYTES} bytes unless given).\n\
             Exit status: 0 when every input was analysed; 1 when an input cannot be read or\n\
             JSONL lines were skipped; 2 for a usage error."
        ))
        .after_long_help(format!(
            "Limits: at most {MAX_DOCUMENTS} articles in one run (with --jsonl, the articles before\n\
             the limit are reported, then the run stops with a message and exit status 1); each\n\
             article is cut at --max-article-bytes ({DEFAULT_MAX_ARTICLE_BYTES} bytes unless given).\n\n\
             Files are read whole before anything is printed, so an unreadable file fails the run\n\
             with nothing on standard output. In text, bytes that are not UTF-8 are replaced by\n\
             U+FFFD and the article gets a warning; HTML is decoded by its charset (a warning\n\
             says when bytes had to be replaced or a charset is not supported).\n\n\
             Exit status: 0 when every input was analysed; 1 when an input cannot be read, the\n\
             report cannot be written, or JSONL lines were skipped; 2 for a usage error.\n\n\
             Examples:\n  \
             article-analyzer analyze --pretty article.txt other.txt\n  \
             article-analyzer analyze --jsonl articles.jsonl > report.json\n  \
             article-analyzer analyze saved-page.html\n  \
             curl -s URL | article-analyzer analyze --input-format html -\n  \
             article-analyzer analyze --format csv --jsonl < articles.jsonl > quotes.csv"
        ))
}

fn diff_command() -> Command {
    let file = |name: &'static str, value_name: &'static str, help: &'static str| {
        Arg::new(name)
            .value_name(value_name)
            .required(true)
            .value_parser(value_parser!(PathBuf))
            .help(help)
    };
    Command::new("diff")
        .about("Show what changed between two articles, after cleaning both")
        .long_about(
            "Show what changed from article A to article B: both are cleaned as `analyze`\n\
             cleans them, then their bodies are compared word by word (and their headlines,\n\
             when they differ). Paragraphs are said to be changed, added, removed or moved;\n\
             inside a changed one, words are marked [-deleted-]{+inserted+}. A sentence\n\
             sums it up (\"Headline changed, 1 paragraph removed from the end, 2 words\n\
             changed.\").",
        )
        .arg(file(
            "a",
            "A",
            "The article compared from; \"-\" reads standard input",
        ))
        .arg(file(
            "b",
            "B",
            "The article compared to; \"-\" reads standard input",
        ))
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .default_value("text")
                .value_parser(
                    PossibleValuesParser::new(
                        DiffFormat::NAMES
                            .map(|(name, _, help)| PossibleValue::new(name).help(help)),
                    )
                    .map(DiffFormat::from_name),
                )
                .help("What to print: the edits for reading, or their structure as JSON"),
        )
        .after_help(
            "Exit status: 0 when both articles were compared (whether or not they differ);\n\
             1 when a file cannot be read; 2 for a usage error.",
        )
        .after_long_help(
            "The text: a --- and a +++ line naming A and B; the headline's word diff when it\n\
             differs; then one @@ line per paragraph of the bodies (a run of unchanged ones\n\
             folded into one), where -N is paragraph N of A and +M paragraph M of B (-2,3:\n\
             three from the second), followed by the paragraph with its edits marked; a\n\
             paragraph split in two or two merged into one share an @@ line, the break\n\
             marked {+¶+} or [-¶-]; a moved one is shown at its new place. Last, the summary.\n\n\
             Bytes that are not UTF-8 are replaced by U+FFFD, with a warning on standard error.\n\
             The JSON is what the page's diffArticles gives for the two cleaned articles (ids:\n\
             the files' names): offsets are UTF-16 code units into each article's cleaned\n\
             text (or title), as `analyze` reports it.\n\n\
             Exit status: 0 when both articles were compared (whether or not they differ);\n\
             1 when a file cannot be read or the result cannot be written; 2 for a usage error.\n\n\
             Examples:\n  \
             article-analyzer diff original.txt copy.txt\n  \
             article-analyzer diff --format json original.txt copy.txt > edits.json\n  \
             curl -s https://example.org/copy.txt | article-analyzer diff original.txt -",
        )
}

/// The value of `--max-article-bytes`: a whole number of bytes.
fn parse_byte_count(value: &str) -> Result<usize, String> {
    value.parse().map_err(|_| {
        format!("a whole number of bytes is needed, such as {DEFAULT_MAX_ARTICLE_BYTES}")
    })
}

/// The value of `--jobs`: a whole number of threads, at least 1.
fn parse_jobs(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(jobs) if jobs >= 1 => Ok(jobs),
        _ => Err(
            "a whole number of articles analysed at once is needed, 1 or more, such as 4".into(),
        ),
    }
}

/// How many articles are analysed at once without `--jobs`: the cores this process may use
/// (1 when the system cannot say).
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |cores| cores.get())
}

/// Reads the command line. `args` starts with the program's name, as `std::env::args_os()`
/// does.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, clap::Error> {
    let mut command = command();
    let matches = command.try_get_matches_from_mut(args)?;
    match matches.subcommand() {
        Some(("analyze", analyze)) => {
            let subcommand = command
                .find_subcommand_mut("analyze")
                .expect("analyze is declared in command()");
            analyze_arguments(analyze, subcommand).map(Invocation::Analyze)
        }
        Some(("diff", diff)) => {
            let subcommand = command
                .find_subcommand_mut("diff")
                .expect("diff is declared in command()");
            diff_arguments(diff, subcommand).map(Invocation::Diff)
        }
        // `subcommand_required` makes clap refuse a command line without a known command.
        _ => Err(command.error(ErrorKind::MissingSubcommand, "no command given")),
    }
}

fn analyze_arguments(
    matches: &ArgMatches,
    command: &mut Command,
) -> Result<AnalyzeArguments, clap::Error> {
    let arguments = AnalyzeArguments {
        inputs: matches
            .get_many::<PathBuf>("inputs")
            .map(|inputs| inputs.cloned().collect())
            .unwrap_or_default(),
        jsonl: matches.get_flag("jsonl"),
        format: matches
            .get_one::<Format>("format")
            .copied()
            .unwrap_or(Format::Json),
        pretty: matches.get_flag("pretty"),
        no_quotes: matches.get_flag("no-quotes"),
        max_article_bytes: matches.get_one::<usize>("max-article-bytes").copied(),
        input_format: matches.get_one::<InputFormat>("input-format").copied(),
        jobs: matches
            .get_one::<usize>("jobs")
            .copied()
            .unwrap_or_else(default_jobs),
    };
    if arguments.jsonl && arguments.inputs.len() > 1 {
        return Err(command.error(
            ErrorKind::TooManyValues,
            format!(
                "--jsonl reads one file (or standard input), but {} were given",
                arguments.inputs.len()
            ),
        ));
    }
    if arguments.pretty && arguments.format != Format::Json {
        return Err(command.error(
            ErrorKind::ArgumentConflict,
            "--pretty indents the JSON report: it goes with --format json only",
        ));
    }
    Ok(arguments)
}

fn diff_arguments(
    matches: &ArgMatches,
    command: &mut Command,
) -> Result<DiffArguments, clap::Error> {
    let path = |name: &str| {
        matches
            .get_one::<PathBuf>(name)
            .cloned()
            .unwrap_or_default()
    };
    let arguments = DiffArguments {
        a: path("a"),
        b: path("b"),
        format: matches
            .get_one::<DiffFormat>("format")
            .copied()
            .unwrap_or(DiffFormat::Text),
    };
    if arguments.a.as_os_str() == "-" && arguments.b.as_os_str() == "-" {
        return Err(command.error(
            ErrorKind::ArgumentConflict,
            "A and B are both \"-\", but standard input holds one article: give at least one of them as a file",
        ));
    }
    Ok(arguments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Invocation, clap::Error> {
        parse(line.split_whitespace().map(OsString::from))
    }

    #[test]
    fn the_command_line_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn reads_analyze_options() {
        let Ok(Invocation::Analyze(arguments)) = parse_line(
            "article-analyzer analyze --format csv --no-quotes --max-article-bytes 10 --jobs 3 a.txt -",
        ) else {
            panic!("a valid command line");
        };
        assert_eq!(arguments.format, Format::Csv);
        assert!(arguments.no_quotes && !arguments.jsonl && !arguments.pretty);
        assert_eq!(arguments.max_article_bytes, Some(10));
        assert_eq!(arguments.input_format, None);
        assert_eq!(arguments.jobs, 3);
        assert_eq!(
            arguments.inputs,
            [PathBuf::from("a.txt"), PathBuf::from("-")]
        );
    }

    #[test]
    fn reads_the_input_format() {
        for (name, format) in [("html", InputFormat::Html), ("text", InputFormat::Text)] {
            let line = format!("article-analyzer analyze --input-format {name} --jsonl");
            let Ok(Invocation::Analyze(arguments)) = parse_line(&line) else {
                panic!("a valid command line: {line}");
            };
            assert_eq!(arguments.input_format, Some(format));
        }
    }

    #[test]
    fn reads_diff_options() {
        let Ok(Invocation::Diff(arguments)) =
            parse_line("article-analyzer diff --format json old.txt -")
        else {
            panic!("a valid command line");
        };
        assert_eq!(arguments.format, DiffFormat::Json);
        assert_eq!(
            (arguments.a, arguments.b),
            (PathBuf::from("old.txt"), PathBuf::from("-"))
        );
        let Ok(Invocation::Diff(arguments)) = parse_line("article-analyzer diff a b") else {
            panic!("a valid command line");
        };
        assert_eq!(arguments.format, DiffFormat::Text);
    }

    #[test]
    fn usage_errors_say_what_was_wrong() {
        for (line, kind) in [
            (
                "article-analyzer analyze --jsonl a b",
                ErrorKind::TooManyValues,
            ),
            (
                "article-analyzer analyze --pretty --format text a",
                ErrorKind::ArgumentConflict,
            ),
            (
                "article-analyzer analyze --format yaml a",
                ErrorKind::InvalidValue,
            ),
            (
                "article-analyzer analyze --input-format xml a",
                ErrorKind::InvalidValue,
            ),
            (
                "article-analyzer analyze --max-article-bytes -5 a",
                ErrorKind::ValueValidation,
            ),
            (
                "article-analyzer analyze --jobs 0 a",
                ErrorKind::ValueValidation,
            ),
            (
                "article-analyzer analyze --jobs many a",
                ErrorKind::ValueValidation,
            ),
            (
                "article-analyzer analyze",
                ErrorKind::MissingRequiredArgument,
            ),
            ("article-analyzer analyse a", ErrorKind::InvalidSubcommand),
            (
                "article-analyzer diff a",
                ErrorKind::MissingRequiredArgument,
            ),
            ("article-analyzer diff a b c", ErrorKind::UnknownArgument),
            ("article-analyzer diff - -", ErrorKind::ArgumentConflict),
            (
                "article-analyzer diff --format csv a b",
                ErrorKind::InvalidValue,
            ),
        ] {
            let error = parse_line(line).expect_err(line);
            assert_eq!(error.kind(), kind, "{line}: {error}");
            assert_eq!(error.exit_code(), 2, "{line}");
        }
    }
}
