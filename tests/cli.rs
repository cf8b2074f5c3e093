//! The command-line tool as a user runs it: `article-analyzer analyze FILE...`, `-` for
//! stdin, `--jsonl`, `--pretty`, `--format`, HTML files and `--input-format`, `--help`,
//! `--version`, `diff A B`, and its errors (unreadable files, bad JSONL, usage errors with
//! exit status 2), checked against the report
//! shape of `../shared/contract.md` and, for the exports, against the page's own export
//! functions run in Node.
// Native only: it runs the command-line binary.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use article_analyzer::{clean, clean_html};
use serde_json::Value;

const BINARY: &str = env!("CARGO_BIN_EXE_article-analyzer");

/// A short article with a headline, a byline, a date and two body paragraphs.
const FERRY_ARTICLE: &str = "Island Ferry Adds Late Crossing for Summer\n\n\
By Tom Baker\n\n\
June 2, 2025\n\n\
The island ferry will run an extra crossing at ten in the evening from July, the operator said on Monday, after islanders asked for a later return from the mainland.\n\n\
The new crossing will run every day until the end of September and will carry cars as well as foot passengers, the company said in a statement.\n";

/// Another article, on a different event.
const ORCHARD_ARTICLE: &str = "Community Orchard Planted on Old Allotments\n\n\
Volunteers planted forty apple and pear trees on Saturday on the site of the old allotments behind the primary school, which had been empty for a decade.\n\n\
The orchard will be looked after by the school's gardening club, and the fruit will be shared among the families who helped to plant it.\n";

/// A fresh directory for one test's files, under Cargo's scratch directory for tests.
fn scratch_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-tests")
        .join(test);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove the previous run's scratch directory");
    }
    std::fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

fn write_file(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write a test input file");
    path
}

/// Runs the tool with `args`, feeding `stdin` (empty when `None`).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BINARY)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the article-analyzer binary");
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // Write from another thread so a large report on stdout cannot deadlock the pipes; a
    // tool that exits without reading stdin closes the pipe, which is not a failure here.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait for article-analyzer");
    writer.join().expect("stdin writer thread");
    output
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The report printed by a successful run.
fn report_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "article-analyzer failed ({}): {}",
        output.status,
        stderr_of(output)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "stdout is not one JSON report ({error}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// Asserts a failed run: exit status 1, nothing on stdout, and stderr mentioning each of
/// `mentions`.
fn assert_failure(output: &Output, mentions: &[&str]) {
    assert_eq!(
        output.status.code(),
        Some(1),
        "expected exit status 1; stderr: {}",
        stderr_of(output)
    );
    assert!(
        output.stdout.is_empty(),
        "a failed run must print nothing on stdout, got: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stderr = stderr_of(output);
    for mention in mentions {
        assert!(
            stderr.contains(mention),
            "stderr should mention {mention:?}: {stderr}"
        );
    }
}

fn articles(report: &Value) -> &Vec<Value> {
    report["articles"].as_array().expect("articles is an array")
}

fn ids(report: &Value) -> Vec<&str> {
    articles(report)
        .iter()
        .map(|article| article["id"].as_str().expect("id is a string"))
        .collect()
}

/// Checks the report's shape against the contract: its four fields, each article's fields
/// and types, each block's fields, and story groups partitioning the article ids.
fn assert_report_shape(report: &Value) {
    for field in ["articles", "storyGroups", "duplicates", "quoteGroups"] {
        assert!(
            report[field].is_array(),
            "report.{field} should be an array: {report}"
        );
    }
    for article in articles(report) {
        assert!(article["id"].is_string(), "id: {article}");
        for field in ["title", "author", "date"] {
            assert!(
                article[field].is_string() || article[field].is_null(),
                "{field} should be a string or null: {article}"
            );
        }
        if let Some(date) = article["date"].as_str() {
            let bytes = date.as_bytes();
            assert!(
                bytes.len() == 10
                    && bytes[4] == b'-'
                    && bytes[7] == b'-'
                    && date.replace('-', "").bytes().all(|b| b.is_ascii_digit()),
                "date should be YYYY-MM-DD: {date}"
            );
        }
        assert!(article["text"].is_string(), "text: {article}");
        for field in ["blocks", "quotes", "warnings"] {
            assert!(article[field].is_array(), "{field} should be an array");
        }
        for block in article["blocks"].as_array().expect("blocks") {
            assert!(block["start"].is_u64() && block["end"].is_u64(), "{block}");
            assert!(
                block["kind"].is_string() && block["kept"].is_boolean(),
                "{block}"
            );
            assert!(block["reason"].is_string(), "{block}");
        }
        for warning in article["warnings"].as_array().expect("warnings") {
            assert!(warning.is_string(), "warnings are strings: {warning}");
        }
    }
    let mut grouped: Vec<&str> = report["storyGroups"]
        .as_array()
        .expect("storyGroups")
        .iter()
        .flat_map(|group| group.as_array().expect("a story group is an array"))
        .map(|id| id.as_str().expect("story group members are ids"))
        .collect();
    let mut all = ids(report);
    grouped.sort_unstable();
    all.sort_unstable();
    assert_eq!(
        grouped, all,
        "storyGroups must hold every article id exactly once"
    );
}

/// The library's article for a page's `html`, as JSON with the given id.
fn library_html_article(id: &str, html: &str) -> Value {
    let mut article = clean_html(html);
    article.id = id.to_string();
    serde_json::to_value(article).expect("an article serialises")
}

/// A short page: a site menu, an article with its headline, byline and two paragraphs, and
/// a footer. `{charset}` is the declared charset, `{place}` a place name in the body.
fn page(charset: &str, place: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"{charset}\"><title>Bridge Reopens | Valley Post</title></head>\n\
<body><nav><ul><li><a href=\"/\">Home</a><li><a href=\"/news\">News</a><li><a href=\"/sport\">Sport</a></ul></nav>\n\
<article><h1>Bridge Reopens After Repairs</h1>\n\
<p class=\"byline\">By Ruth Ellis</p>\n\
<p>The old stone bridge at {place} reopened to traffic on Tuesday after nine months of repairs to its arches, the county council said.</p>\n\
<p>Drivers had faced a detour of twelve miles while the work went on, and shops in the village said trade had fallen by a third.</p>\n\
</article><footer><p>Copyright Valley Post. All rights reserved.</p></footer></body></html>\n"
    )
}

/// The library's article for `text`, as JSON with the given id: the CLI must agree with it.
fn library_article(id: &str, text: &str) -> Value {
    let mut article = clean(text);
    article.id = id.to_string();
    serde_json::to_value(article).expect("an article serialises")
}

#[test]
fn analyzes_files_with_their_base_names_as_ids() {
    let dir = scratch_dir("base_names");
    let ferry = write_file(&dir, "ferry-late-crossing.txt", FERRY_ARTICLE.as_bytes());
    let orchard = write_file(&dir, "orchard", ORCHARD_ARTICLE.as_bytes());
    let output = run(
        &[
            "analyze",
            ferry.to_str().expect("UTF-8 path"),
            orchard.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    let report = report_of(&output);
    assert_report_shape(&report);
    assert_eq!(ids(&report), ["ferry-late-crossing.txt", "orchard"]);
    assert_eq!(
        articles(&report)[0],
        library_article("ferry-late-crossing.txt", FERRY_ARTICLE),
        "the CLI and the library must give the same article"
    );
    assert_eq!(
        articles(&report)[1],
        library_article("orchard", ORCHARD_ARTICLE)
    );
}

#[test]
fn analyzes_a_fixture_from_a_relative_path() {
    let output = Command::new(BINARY)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["analyze", "tests/fixtures/council_budget.txt"])
        .output()
        .expect("run article-analyzer");
    let report = report_of(&output);
    assert_report_shape(&report);
    assert_eq!(ids(&report), ["council_budget.txt"]);
    let input = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/council_budget.txt"),
    )
    .expect("read the fixture");
    assert_eq!(
        articles(&report)[0],
        library_article("council_budget.txt", &input)
    );
}

#[test]
fn dash_reads_stdin_with_id_stdin() {
    let output = run(&["analyze", "-"], Some(FERRY_ARTICLE.as_bytes()));
    let report = report_of(&output);
    assert_report_shape(&report);
    assert_eq!(ids(&report), ["stdin"]);
    assert_eq!(
        articles(&report)[0],
        library_article("stdin", FERRY_ARTICLE)
    );
}

#[test]
fn jsonl_from_stdin_uses_the_given_ids() {
    let lines = format!(
        "{}\n{}\n\n",
        serde_json::json!({"id": "ferry", "text": FERRY_ARTICLE}),
        serde_json::json!({"id": "orchard", "text": ORCHARD_ARTICLE}),
    );
    let output = run(&["analyze", "--jsonl"], Some(lines.as_bytes()));
    let report = report_of(&output);
    assert_report_shape(&report);
    assert_eq!(ids(&report), ["ferry", "orchard"]);
    assert_eq!(
        articles(&report)[0],
        library_article("ferry", FERRY_ARTICLE)
    );
    assert_eq!(
        articles(&report)[1],
        library_article("orchard", ORCHARD_ARTICLE)
    );
}

#[test]
fn jsonl_from_a_file() {
    let dir = scratch_dir("jsonl_file");
    let lines = format!(
        "{}\n",
        serde_json::json!({"id": "only-one", "text": ORCHARD_ARTICLE})
    );
    let path = write_file(&dir, "docs.jsonl", lines.as_bytes());
    let output = run(
        &["analyze", "--jsonl", path.to_str().expect("UTF-8 path")],
        None,
    );
    let report = report_of(&output);
    assert_report_shape(&report);
    assert_eq!(ids(&report), ["only-one"]);
}

/// Every article of `tests/batches/` (the summits, the calls, the quakes: duplicates, story
/// groups and quote groups), one JSONL line each, with a line that is not JSON and a
/// repeated id among them.
fn batch_corpus() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/batches");
    let mut paths = Vec::new();
    for dir in [root.clone(), root.join("calls"), root.join("quakes")] {
        for entry in std::fs::read_dir(&dir).expect("tests/batches is readable") {
            let path = entry.expect("readable entry").path();
            if path.extension().is_some_and(|ext| ext == "txt") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut lines = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("UTF-8 batch article");
        let id = path.file_name().unwrap().to_string_lossy().into_owned();
        lines.push(serde_json::json!({"id": id, "text": text}).to_string());
    }
    let repeated = serde_json::json!({"id": lines.len().to_string(), "text": FERRY_ARTICLE});
    lines.insert(4, repeated.to_string());
    lines.insert(6, "{\"id\": \"broken\"".to_string());
    lines.push(repeated.to_string());
    lines.join("\n") + "\n"
}

/// A failed write ends the run with the system's reason, whatever the number of jobs, even
/// while standard input stays open (here until the run has ended: a run that went on waiting
/// for more input would hang).
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_whatever_the_jobs() {
    // 40 articles of about 4.6 KB of JSON each, more than the output's buffer holds, so the
    // write fails before the input's end.
    let text = [FERRY_ARTICLE, ORCHARD_ARTICLE].repeat(4).join("\n");
    let corpus: String = (0..40)
        .map(|index| {
            serde_json::json!({"id": format!("article-{index}"), "text": text}).to_string() + "\n"
        })
        .collect();
    for jobs in ["1", "2"] {
        let mut child = Command::new(BINARY)
            .args(["analyze", "--jsonl", "--jobs", jobs])
            .stdin(Stdio::piped())
            .stdout(std::fs::File::create("/dev/full").expect("open /dev/full"))
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the article-analyzer binary");
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let input = corpus.clone().into_bytes();
        let (ended, run_ended) = std::sync::mpsc::channel::<()>();
        // The tool may stop reading once the write fails: a closed pipe is no failure here.
        let writer = std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
            // Standard input stays open until the run has ended.
            let _ = run_ended.recv();
        });
        let output = child.wait_with_output().expect("wait for article-analyzer");
        drop(ended);
        writer.join().expect("stdin writer thread");
        assert_eq!(output.status.code(), Some(1), "--jobs {jobs}");
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains("cannot write the report: No space left on device"),
            "--jobs {jobs}: {stderr}"
        );
    }
}

#[test]
fn any_number_of_jobs_gives_the_report_of_one() {
    let corpus = batch_corpus();
    let one = run(
        &["analyze", "--jsonl", "--jobs", "1"],
        Some(corpus.as_bytes()),
    );
    let report: Value = serde_json::from_slice(&one.stdout).expect("a whole JSON report");
    assert_report_shape(&report);
    assert!(
        ["duplicates", "quoteGroups"]
            .iter()
            .all(|key| report[key].as_array().is_some_and(|list| !list.is_empty()))
            && report["storyGroups"].as_array().is_some_and(|groups| groups
                .iter()
                .any(|group| group.as_array().unwrap().len() > 1)),
        "the batch has duplicates, quote groups and stories of several articles"
    );
    let stderr = stderr_of(&one);
    assert!(
        stderr.contains("line 7") && stderr.contains("line 20"),
        "{stderr}"
    );
    for jobs in ["2", "3", "16"] {
        let many = run(
            &["analyze", "--jsonl", "--jobs", jobs],
            Some(corpus.as_bytes()),
        );
        assert_eq!(many.status.code(), one.status.code(), "--jobs {jobs}");
        assert!(
            many.stdout == one.stdout,
            "--jobs {jobs} changed the report"
        );
        assert_eq!(stderr_of(&many), stderr, "--jobs {jobs}");
    }
    for format in ["csv", "markdown"] {
        let outputs: Vec<Output> = ["1", "3"]
            .iter()
            .map(|jobs| {
                run(
                    &["analyze", "--jsonl", "--format", format, "--jobs", jobs],
                    Some(corpus.as_bytes()),
                )
            })
            .collect();
        assert!(outputs[0].stdout == outputs[1].stdout, "--format {format}");
    }
}

/// Articles of very different lengths, so that the threads finish out of order: long ones
/// (the whole test batch's text in one article) among many short ones, a line that holds no
/// article and a repeated id between them. Every report and every message is one thread's.
#[test]
fn articles_of_very_different_lengths_give_the_report_of_one_thread() {
    let batch = batch_corpus();
    let long_text: String = batch
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|line| line["text"].as_str().map(String::from))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut lines = Vec::new();
    for index in 0..60 {
        let text = match index % 20 {
            0 | 7 => long_text.as_str(),
            index if index % 2 == 0 => FERRY_ARTICLE,
            _ => ORCHARD_ARTICLE,
        };
        lines.push(serde_json::json!({"id": format!("article-{index}"), "text": text}).to_string());
    }
    lines.insert(3, "not json".to_string());
    lines.insert(
        30,
        serde_json::json!({"id": "article-5", "text": FERRY_ARTICLE}).to_string(),
    );
    let corpus = lines.join("\n") + "\n";
    for format in ["json", "csv", "text"] {
        let one = run(
            &["analyze", "--jsonl", "--format", format, "--jobs", "1"],
            Some(corpus.as_bytes()),
        );
        let stderr = stderr_of(&one);
        assert!(
            stderr.contains("line 4") && stderr.contains("line 31"),
            "{stderr}"
        );
        for jobs in ["2", "3"] {
            let many = run(
                &["analyze", "--jsonl", "--format", format, "--jobs", jobs],
                Some(corpus.as_bytes()),
            );
            assert_eq!(many.status.code(), one.status.code(), "--jobs {jobs}");
            assert!(
                many.stdout == one.stdout,
                "--format {format} --jobs {jobs} changed the output"
            );
            assert_eq!(stderr_of(&many), stderr, "--jobs {jobs}");
        }
    }
}

#[test]
fn files_analysed_on_several_threads_come_out_in_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/batches/calls");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/batches/calls is readable")
        .map(|entry| entry.expect("readable entry").path().display().to_string())
        .collect();
    files.sort();
    // The last first: the output follows the command line, not the file names.
    files.rotate_right(1);
    let arguments = |jobs: &'static str| {
        let mut arguments = vec!["analyze", "--jobs", jobs];
        arguments.extend(files.iter().map(String::as_str));
        arguments
    };
    let one = run(&arguments("1"), None);
    let two = run(&arguments("2"), None);
    let report = report_of(&one);
    let names: Vec<String> = files
        .iter()
        .map(|file| {
            Path::new(file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(ids(&report), names);
    assert!(one.stdout == two.stdout);
}

#[test]
fn pretty_output_is_the_same_report() {
    let compact = report_of(&run(&["analyze", "-"], Some(FERRY_ARTICLE.as_bytes())));
    let output = run(
        &["analyze", "--pretty", "-"],
        Some(FERRY_ARTICLE.as_bytes()),
    );
    let pretty = report_of(&output);
    assert_eq!(pretty, compact);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        printed.lines().count() > 10 && printed.contains("\n  "),
        "--pretty should indent the JSON over several lines: {printed}"
    );
}

#[test]
fn text_with_escapes_is_written_whole() {
    // The compact report writes each article's JSON itself (the indented one through
    // serde_json): a quotation mark or a backslash followed by the bytes just above them
    // must come out whole in both.
    let text = "The ferry is now rated \"#1\" by the harbour board.\n\n\
                Its path C:\\]tmp was set by the harbour master after a long survey.\n\n\
                The board met on Tuesday and voted for a new ticket office at the pier.";
    let compact = report_of(&run(&["analyze", "-"], Some(text.as_bytes())));
    let pretty = report_of(&run(&["analyze", "--pretty", "-"], Some(text.as_bytes())));
    assert_eq!(compact, pretty);
    let cleaned = articles(&compact)[0]["text"].as_str().unwrap_or_default();
    for kept in ["\"#1\"", "C:\\]tmp"] {
        assert!(
            cleaned.contains(kept),
            "{kept:?} should be kept whole: {cleaned:?}"
        );
    }
}

#[test]
fn missing_file_fails_naming_it_and_prints_nothing() {
    let dir = scratch_dir("missing_file");
    let present = write_file(&dir, "present.txt", FERRY_ARTICLE.as_bytes());
    let missing = dir.join("no-such-article.txt");
    let output = run(
        &[
            "analyze",
            present.to_str().expect("UTF-8 path"),
            missing.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    assert_failure(&output, &["no-such-article.txt"]);
}

#[test]
fn unreadable_file_fails_naming_it_and_prints_nothing() {
    // A directory opens on Linux but cannot be read as a file (and, unlike file
    // permissions, this also holds when the tests run as root).
    let dir = scratch_dir("unreadable_file");
    let directory = dir.join("looks-like-an-article.txt");
    std::fs::create_dir(&directory).expect("create a directory");
    let output = run(&["analyze", directory.to_str().expect("UTF-8 path")], None);
    assert_failure(&output, &["looks-like-an-article.txt"]);
}

#[test]
fn non_utf8_bytes_are_replaced_with_a_warning_on_that_article() {
    let dir = scratch_dir("non_utf8");
    let mut latin1 = b"Town Hall Clock Repaired\n\n".to_vec();
    latin1.extend_from_slice(
        b"The clock on the town hall in Sant\xe9 has been repaired and will strike again from Sunday, the council said on Friday after a year of silence.\n",
    );
    let broken = write_file(&dir, "latin1.txt", &latin1);
    let fine = write_file(&dir, "fine.txt", ORCHARD_ARTICLE.as_bytes());
    let output = run(
        &[
            "analyze",
            broken.to_str().expect("UTF-8 path"),
            fine.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    let report = report_of(&output);
    assert_report_shape(&report);
    let broken_article = &articles(&report)[0];
    assert!(
        broken_article["text"]
            .as_str()
            .expect("text")
            .contains("Sant\u{FFFD} has been repaired"),
        "the undecodable byte should become U+FFFD in the kept text: {broken_article}"
    );
    let warnings = broken_article["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("UTF-8"))),
        "the article should warn that its bytes were not UTF-8: {warnings:?}"
    );
    let fine_warnings = articles(&report)[1]["warnings"]
        .as_array()
        .expect("warnings");
    assert!(
        fine_warnings.is_empty(),
        "only the broken file gets a warning: {fine_warnings:?}"
    );
}

#[test]
fn non_utf8_stdin_is_replaced_with_a_warning() {
    let mut bytes = FERRY_ARTICLE.as_bytes().to_vec();
    bytes.extend_from_slice(b"\nPrices start at \x80\x81 five pounds for foot passengers.\n");
    let report = report_of(&run(&["analyze", "-"], Some(&bytes)));
    let warnings = articles(&report)[0]["warnings"]
        .as_array()
        .expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("UTF-8"))),
        "stdin that is not UTF-8 should give a warning: {warnings:?}"
    );
}

#[test]
fn non_utf8_jsonl_line_is_replaced_with_a_warning_on_that_article() {
    let mut bytes = format!(
        "{}\n",
        serde_json::json!({"id": "clean", "text": ORCHARD_ARTICLE})
    )
    .into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"The caf\xe9 on the square reopened on Monday after a fire closed it for most of the winter, its owner said.\"}\n");
    let report = report_of(&run(&["analyze", "--jsonl"], Some(&bytes)));
    assert_eq!(ids(&report), ["clean", "latin1"]);
    let latin1 = &articles(&report)[1];
    assert!(
        latin1["text"]
            .as_str()
            .expect("text")
            .contains("caf\u{FFFD}"),
        "the undecodable byte should become U+FFFD: {latin1}"
    );
    let warnings = latin1["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("UTF-8"))),
        "an article whose JSONL line was not UTF-8 should say so: {warnings:?}"
    );
    assert!(
        articles(&report)[0]["warnings"]
            .as_array()
            .expect("warnings")
            .is_empty(),
        "only the broken line's article gets the warning"
    );
}

/// Asserts a run that skipped bad JSONL lines: exit status 1, stderr naming each of
/// `mentions`, and a whole report on stdout holding the articles of the good lines.
fn assert_skipped(output: &Output, mentions: &[&str], kept_ids: &[&str]) {
    assert_eq!(
        output.status.code(),
        Some(1),
        "expected exit status 1; stderr: {}",
        stderr_of(output)
    );
    let stderr = stderr_of(output);
    for mention in mentions {
        assert!(
            stderr.contains(mention),
            "stderr should mention {mention:?}: {stderr}"
        );
    }
    let report: Value = serde_json::from_slice(&output.stdout).expect("a whole JSON report");
    assert_report_shape(&report);
    assert_eq!(ids(&report), kept_ids);
}

#[test]
fn bad_jsonl_line_is_skipped_naming_its_line_and_the_rest_is_reported() {
    let lines = format!(
        "{}\n{{\"id\": \"broken\", \"text\": \n{}\n",
        serde_json::json!({"id": "ferry", "text": FERRY_ARTICLE}),
        serde_json::json!({"id": "orchard", "text": ORCHARD_ARTICLE}),
    );
    let output = run(&["analyze", "--jsonl"], Some(lines.as_bytes()));
    assert_skipped(
        &output,
        &["line 2", "1 line(s) skipped"],
        &["ferry", "orchard"],
    );
}

#[test]
fn jsonl_object_without_text_is_skipped_naming_its_line() {
    let lines = format!(
        "{}\n\n{}\n",
        serde_json::json!({"id": "ferry", "text": FERRY_ARTICLE}),
        serde_json::json!({"id": "no-text"}),
    );
    let output = run(&["analyze", "--jsonl"], Some(lines.as_bytes()));
    assert_skipped(&output, &["line 3", "text"], &["ferry"]);
}

#[test]
fn repeated_jsonl_id_is_skipped_naming_the_id() {
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "same-name", "text": FERRY_ARTICLE}),
        serde_json::json!({"id": "same-name", "text": ORCHARD_ARTICLE}),
    );
    let output = run(&["analyze", "--jsonl"], Some(lines.as_bytes()));
    assert_skipped(&output, &["same-name", "line 2"], &["same-name"]);
}

#[test]
fn two_files_with_one_base_name_fail_naming_it_and_print_nothing() {
    let first = scratch_dir("same_base_a");
    let second = scratch_dir("same_base_b");
    let a = write_file(&first, "story.txt", FERRY_ARTICLE.as_bytes());
    let b = write_file(&second, "story.txt", ORCHARD_ARTICLE.as_bytes());
    let output = run(
        &[
            "analyze",
            a.to_str().expect("UTF-8"),
            b.to_str().expect("UTF-8"),
        ],
        None,
    );
    assert_failure(&output, &["story.txt"]);
}

/// Asserts a usage error: exit status 2, nothing on stdout, and on stderr each of `mentions`
/// and a pointer to the help (the usage, or "try '--help'").
fn assert_usage_error(output: &Output, mentions: &[&str]) {
    assert_eq!(
        output.status.code(),
        Some(2),
        "a usage error exits with status 2; stderr: {}",
        stderr_of(output)
    );
    assert!(
        output.stdout.is_empty(),
        "a usage error prints nothing on stdout, got: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stderr = stderr_of(output);
    assert!(
        stderr.contains("Usage:") || stderr.contains("try '--help'"),
        "point to the usage: {stderr}"
    );
    for mention in mentions {
        assert!(
            stderr.contains(mention),
            "stderr should mention {mention:?}: {stderr}"
        );
    }
}

#[test]
fn unknown_option_fails_with_usage() {
    let output = run(
        &["analyze", "--colour", "-"],
        Some(FERRY_ARTICLE.as_bytes()),
    );
    assert_usage_error(&output, &["--colour"]);
}

#[test]
fn missing_command_or_inputs_fail_with_usage() {
    for (args, mention) in [
        (&[][..], "analyze"),
        (&["summarise"][..], "summarise"),
        (&["analyze"][..], "FILE"),
    ] {
        assert_usage_error(&run(args, None), &[mention]);
    }
}

#[test]
fn conflicting_or_bad_option_values_fail_with_usage() {
    for (args, mentions) in [
        (
            &["analyze", "--format", "yaml", "-"][..],
            &["yaml", "json, csv, markdown, text"][..],
        ),
        (&["analyze", "--format"][..], &["--format"][..]),
        (
            &["analyze", "--jsonl", "a.jsonl", "b.jsonl"][..],
            &["--jsonl reads one file"][..],
        ),
        (
            &["analyze", "--pretty", "--format", "csv", "-"][..],
            &["--pretty", "--format json"][..],
        ),
    ] {
        assert_usage_error(&run(args, Some(FERRY_ARTICLE.as_bytes())), mentions);
    }
}

#[test]
fn help_and_version_go_to_stdout_with_status_0() {
    let version = run(&["--version"], None);
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("article-analyzer {}", env!("CARGO_PKG_VERSION"))
    );
    for args in [&["--help"][..], &["-h"][..], &["help"][..]] {
        let help = run(args, None);
        assert!(help.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(text.contains("Usage: article-analyzer <COMMAND>"), "{text}");
        assert!(text.contains("analyze"), "{text}");
    }
    let mut mentions: Vec<String> = [
        "--jsonl",
        "--format",
        "--pretty",
        "--no-quotes",
        "--max-article-bytes",
        "Exit status",
        "2 for a usage error",
    ]
    .map(String::from)
    .to_vec();
    // The limits, spelled out.
    mentions.push(article_analyzer::MAX_DOCUMENTS.to_string());
    mentions.push(article_analyzer::DEFAULT_MAX_ARTICLE_BYTES.to_string());
    for args in [
        &["analyze", "--help"][..],
        &["analyze", "-h"][..],
        &["help", "analyze"][..],
    ] {
        let help = run(args, None);
        assert!(help.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&help.stdout);
        for mention in &mentions {
            assert!(
                text.contains(mention.as_str()),
                "{args:?} should mention {mention:?}: {text}"
            );
        }
    }
}

// Limits (docs/limits.md): --max-article-bytes, and at most MAX_DOCUMENTS articles.

#[test]
fn max_article_bytes_cuts_each_file_with_a_warning_naming_the_limit() {
    let dir = scratch_dir("max_article_bytes");
    let ferry = write_file(&dir, "ferry.txt", FERRY_ARTICLE.as_bytes());
    let orchard = write_file(&dir, "orchard.txt", ORCHARD_ARTICLE.as_bytes());
    let limit = 200;
    let output = run(
        &[
            "analyze",
            "--max-article-bytes",
            &limit.to_string(),
            ferry.to_str().unwrap(),
            orchard.to_str().unwrap(),
        ],
        None,
    );
    let report = report_of(&output);
    for (article, text) in articles(&report)
        .iter()
        .zip([FERRY_ARTICLE, ORCHARD_ARTICLE])
    {
        let warnings = article["warnings"].as_array().expect("warnings");
        assert!(
            warnings[0]
                .as_str()
                .is_some_and(|w| w.contains(&format!("over the limit of {limit} bytes"))),
            "the warning names the limit: {warnings:?}"
        );
        let alone = library_article("x", &text[..limit]);
        assert_eq!(
            article["text"], alone["text"],
            "the accepted part is analysed whole"
        );
        assert_eq!(article["blocks"], alone["blocks"]);
    }
}

#[test]
fn max_article_bytes_needs_a_whole_number() {
    for value in ["ten", "-5", "1.5", ""] {
        let output = run(
            &["analyze", "--max-article-bytes", value, "-"],
            Some(FERRY_ARTICLE.as_bytes()),
        );
        assert_usage_error(&output, &["--max-article-bytes", "whole number"]);
    }
    let output = run(&["analyze", "--max-article-bytes"], None);
    assert_usage_error(
        &output,
        &["--max-article-bytes <BYTES>", "value is required"],
    );
}

#[test]
fn jsonl_over_the_document_limit_stops_naming_the_limit_and_line() {
    let limit = article_analyzer::MAX_DOCUMENTS;
    let mut lines = String::with_capacity((limit + 1) * 24);
    for index in 0..=limit {
        lines.push_str(&format!("{{\"id\":\"{index}\",\"text\":\"\"}}\n"));
    }
    let output = run(&["analyze", "--jsonl"], Some(lines.as_bytes()));
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    for mention in [
        format!("line {}", limit + 1),
        format!("at most {limit} can be analysed"),
    ] {
        assert!(
            stderr.contains(&mention),
            "stderr should mention {mention:?}: {stderr}"
        );
    }
    // The articles accepted before the limit are all in a whole report (not parsed here:
    // a million articles make a large document).
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("{\"articles\":["));
    assert!(stdout.trim_end().ends_with("}"));
    assert_eq!(stdout.matches("{\"id\":").count(), limit);
}

// --format: what the page exports, from the same report.

/// An article with quotes (commas inside them, a speaker for each, a non-ASCII word).
const BRIDGE_ARTICLE: &str = "Council Approves New Bridge Over the River\n\n\
By Ana Ruiz\n\n\
March 3, 2025\n\n\
The city council approved a new bridge over the river on Monday after two years of debate, and work will start in the spring.\n\n\
\"It will carry cars, bikes and buses, and it will open in 2027,\" said Mayor Jane Doe, who has backed the plan since her election.\n\n\
\"We said no to tolls, because a bridge is a street like any other,\" she added.\n\n\
Opponents said the money would be better spent on the ferry. \"The ferry already works - why replace it?\" asked Tom Baker, who runs a café by the pier.\n";

/// A JSONL corpus whose ids put every CSV rule to work (commas, quote marks, line breaks,
/// cells a spreadsheet would run as formulas) and whose articles have all, some or none of
/// title, author, date and text.
fn export_corpus() -> String {
    [
        ("bridge, \"the\" vote", BRIDGE_ARTICLE),
        ("=HYPERLINK(\"x\")", BRIDGE_ARTICLE),
        ("-ferry", FERRY_ARTICLE),
        ("@orchard\nnext line", ORCHARD_ARTICLE),
        ("\tempty", ""),
        ("+plain", "just a few words without a headline"),
    ]
    .iter()
    .map(|(id, text)| format!("{}\n", serde_json::json!({"id": id, "text": text})))
    .collect()
}

/// What the page's export functions (`www/js/export.js`) make of `report`, run in Node:
/// `(csv, markdown, text)`.
fn page_exports(report: &[u8]) -> (String, String, String) {
    let script = r#"
        import { pathToFileURL } from "node:url";
        const { quotesCsv, cleanedMarkdown, cleanedPlainText } =
            await import(pathToFileURL(process.env.EXPORT_JS).href);
        let input = "";
        for await (const chunk of process.stdin) input += chunk;
        const report = JSON.parse(input);
        process.stdout.write(JSON.stringify([
            quotesCsv(report), cleanedMarkdown(report), cleanedPlainText(report),
        ]));
    "#;
    let export_js = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/js/export.js");
    let mut child = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .env("EXPORT_JS", &export_js)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node: this test needs Node.js 18+ on PATH (scripts/setup.sh checks for it)");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = report.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("wait for node");
    writer
        .join()
        .expect("stdin writer thread")
        .expect("write the report to node");
    assert!(
        output.status.success(),
        "node failed to run the page's export functions: {}",
        stderr_of(&output)
    );
    serde_json::from_slice(&output.stdout).expect("node prints the three exports as JSON")
}

fn stdout_text(output: &Output) -> String {
    assert!(
        output.status.success(),
        "article-analyzer failed ({}): {}",
        output.status,
        stderr_of(output)
    );
    String::from_utf8(output.stdout.clone()).expect("the CLI writes UTF-8")
}

#[test]
fn formats_give_the_bytes_the_page_exports_for_the_same_report() {
    let corpus = export_corpus();
    let report = run(&["analyze", "--jsonl"], Some(corpus.as_bytes()));
    let json = report_of(&report);
    assert!(
        articles(&json)[0]["quotes"]
            .as_array()
            .is_some_and(|quotes| quotes.len() >= 2),
        "the corpus should give quotes to export: {json}"
    );
    let (csv, markdown, text) = page_exports(&report.stdout);
    // The corpus puts the CSV's rules to work: quoting, doubled quote marks, formula guard.
    for exercised in [
        "\r\n\"bridge, \"\"the\"\" vote\",Jane Doe,said,\"It will carry",
        "\r\n\"'=HYPERLINK(\"\"x\"\")\",",
    ] {
        assert!(csv.contains(exercised), "{exercised:?} in {csv}");
    }
    for (format, expected) in [("csv", csv), ("markdown", markdown), ("text", text)] {
        let output = run(
            &["analyze", "--jsonl", "--format", format],
            Some(corpus.as_bytes()),
        );
        assert_eq!(
            stdout_text(&output),
            expected,
            "--format {format} must print what the page exports"
        );
    }
    let json_format = run(
        &["analyze", "--jsonl", "--format", "json"],
        Some(corpus.as_bytes()),
    );
    assert_eq!(
        json_format.stdout, report.stdout,
        "json is the default format"
    );
}

#[test]
fn formats_of_files_and_of_no_article() {
    let dir = scratch_dir("formats_of_files");
    let bridge = write_file(&dir, "=bridge.txt", BRIDGE_ARTICLE.as_bytes());
    let ferry = write_file(&dir, "ferry.txt", FERRY_ARTICLE.as_bytes());
    let paths = [bridge.to_str().unwrap(), ferry.to_str().unwrap()];
    let report = run(&["analyze", paths[0], paths[1]], None);
    let (csv, markdown, text) = page_exports(&report.stdout);
    for (format, expected) in [("csv", csv), ("markdown", markdown), ("text", text)] {
        let output = run(&["analyze", "--format", format, paths[0], paths[1]], None);
        assert_eq!(stdout_text(&output), expected, "--format {format}");
    }
    let csv = stdout_text(&run(&["analyze", "--format", "csv", paths[0]], None));
    assert!(
        csv.starts_with(
            "article,speaker,cue,quote\r\n'=bridge.txt,Jane Doe,said,\"It will carry cars,"
        ),
        "{csv}"
    );
    // No article at all: the header alone, or an empty document.
    let empty = run(&["analyze", "--jsonl", "--format", "csv"], Some(b""));
    assert_eq!(stdout_text(&empty), "article,speaker,cue,quote\r\n");
    let empty = run(&["analyze", "--jsonl", "--format", "markdown"], Some(b""));
    assert_eq!(stdout_text(&empty), "\n");
}

#[test]
fn formats_stream_jsonl_and_report_skipped_lines() {
    let lines = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"id": "bridge", "text": BRIDGE_ARTICLE}),
        serde_json::json!({"id": "ferry", "text": FERRY_ARTICLE}),
    );
    let output = run(
        &["analyze", "--jsonl", "--format", "text"],
        Some(lines.as_bytes()),
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a skipped line ends with status 1"
    );
    assert!(
        stderr_of(&output).contains("line 2"),
        "{}",
        stderr_of(&output)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("Council Approves New Bridge Over the River\nBy Ana Ruiz · 2025-03-03\n\n")
            && text.contains("\n\n========================================\n\nIsland Ferry Adds Late Crossing for Summer\nBy Tom Baker · 2025-06-02\n\n")
            && text.ends_with(".\n"),
        "both articles, apart by a rule: {text}"
    );
}

#[test]
fn a_missing_jsonl_file_fails_naming_it_and_prints_nothing() {
    let dir = scratch_dir("missing_jsonl");
    let missing = dir.join("no-such-corpus.jsonl");
    let output = run(&["analyze", "--jsonl", missing.to_str().unwrap()], None);
    assert_failure(&output, &["no-such-corpus.jsonl"]);
}

// `article-analyzer diff A B`.

/// The invented pair of `tests/batches/copies/`: a syndicated copy with a new headline, its
/// last paragraph trimmed and two words changed.
fn copies(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/batches/copies")
        .join(name)
}

/// `text[start..end]` in UTF-16 code units, as JavaScript's `slice` reads it.
fn slice16(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).expect("offsets on boundaries")
}

/// The diff of the two files as the library gives it for their cleaned articles.
fn library_diff(a: &Path, b: &Path) -> Value {
    let article = |path: &Path| {
        let mut article = clean(&std::fs::read_to_string(path).expect("read a test article"));
        article.id = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        article
    };
    serde_json::to_value(article_analyzer::diff_articles(&article(a), &article(b)))
        .expect("a diff serialises")
}

#[test]
fn diff_shows_a_copys_new_headline_trimmed_ending_and_two_changed_words() {
    let (original, copy) = (copies("ferry-original.txt"), copies("ferry-copy.txt"));
    let args = |format: &str| {
        [
            "diff".to_string(),
            format!("--format={format}"),
            original.display().to_string(),
            copy.display().to_string(),
        ]
    };
    let output = run(&args("text").each_ref().map(String::as_str), None);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(
        stderr_of(&output),
        "",
        "no warning for two clean UTF-8 files"
    );
    let expected = format!(
        "--- {}\n+++ {}\n\
         @@ headline @@\n\
         [-Island Ferry Adds Late Crossing for Summer-]{{+Islanders Get a Later Ferry Home This Summer+}}\n\
         @@ -1 +1 @@ changed\n\
         The island’s ferry will run an extra crossing at [-ten-]{{+eleven+}} in the evening from July, the operator said on Monday, after islanders asked for a later return from the mainland.\n\
         @@ -2 +2 @@ changed\n\
         The new crossing will run every day until the end of [-September-]{{+October+}} and will carry cars as well as foot passengers — the company said in a statement.\n\
         @@ -3 +3 @@ unchanged\n\
         @@ -4 @@ removed\n\
         [-Tickets for the late crossing go on sale next week at the harbour office and online.-]\n\
         \n\
         Headline changed, 1 paragraph removed from the end, 2 words changed.\n",
        original.display(),
        copy.display()
    );
    assert_eq!(stdout_text(&output), expected);

    let json = report_of(&run(&args("json").each_ref().map(String::as_str), None));
    assert_eq!(
        json,
        library_diff(&original, &copy),
        "the CLI's JSON is the library's diff"
    );
    let summary = &json["summary"];
    for (field, value) in [
        ("identical", Value::from(false)),
        ("titleChanged", Value::from(true)),
        ("paragraphsAdded", Value::from(0)),
        ("paragraphsRemoved", Value::from(1)),
        ("paragraphsRemovedAt", Value::from("end")),
        ("paragraphsMoved", Value::from(0)),
        ("paragraphsChanged", Value::from(2)),
        ("paragraphsUnchanged", Value::from(1)),
        ("wordsChanged", Value::from(2)),
        ("wordsAdded", Value::from(0)),
        ("wordsRemoved", Value::from(0)),
    ] {
        assert_eq!(summary[field], value, "summary.{field}: {summary}");
    }
    // Exactly those edits, read through the UTF-16 offsets from the cleaned texts (the
    // curly apostrophe and the dash before them are one UTF-16 unit but three bytes).
    let texts = [&original, &copy]
        .map(|path| clean(&std::fs::read_to_string(path).expect("read a test article")).text);
    let edits: Vec<(String, String, String)> = json["ops"]
        .as_array()
        .expect("ops")
        .iter()
        .filter(|op| op["kind"] != "equal")
        .map(|op| {
            let offset = |field: &str| op[field].as_u64().expect("an offset");
            (
                op["kind"].as_str().expect("kind").to_string(),
                slice16(&texts[0], offset("aStart"), offset("aEnd")),
                slice16(&texts[1], offset("bStart"), offset("bEnd")),
            )
        })
        .collect();
    let edit = |kind: &str, a: &str, b: &str| (kind.to_string(), a.to_string(), b.to_string());
    assert_eq!(
        edits,
        [
            edit("delete", "ten", ""),
            edit("insert", "", "eleven"),
            edit("delete", "September", ""),
            edit("insert", "", "October"),
            edit(
                "delete",
                "Tickets for the late crossing go on sale next week at the harbour office and online.",
                ""
            ),
        ]
    );
}

#[test]
fn diff_of_identical_articles_says_so() {
    let original = copies("ferry-original.txt");
    let path = original.to_str().expect("UTF-8 path");
    let bytes = std::fs::read(&original).expect("read a test article");
    let output = run(&["diff", path, "-"], Some(&bytes));
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(
        stdout_text(&output),
        format!(
            "--- {path}\n+++ standard input\nNo difference: the same words in the same order.\n"
        )
    );
    let json = report_of(&run(&["diff", "--format", "json", "-", path], Some(&bytes)));
    assert_eq!(json["a"], "stdin");
    assert_eq!(json["summary"]["identical"], true);
    assert!(json["ops"]
        .as_array()
        .expect("ops")
        .iter()
        .all(|op| op["kind"] == "equal"));
}

#[test]
fn diff_reads_non_utf8_bytes_lossily_with_a_warning_naming_the_file() {
    let dir = scratch_dir("diff_non_utf8");
    let original = std::fs::read(copies("ferry-original.txt")).expect("read a test article");
    let mut latin1 = original.clone();
    latin1.extend_from_slice(b"\nThe first crossing leaves from Sant\xe9 pier.\n");
    let broken = write_file(&dir, "latin1.txt", &latin1);
    let fine = write_file(&dir, "fine.txt", &original);
    let output = run(
        &[
            "diff",
            fine.to_str().expect("UTF-8 path"),
            broken.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("fine.txt"),
        "only the broken file warns: {stderr}"
    );
    let text = stdout_text(&output);
    assert!(
        text.contains("{+The first crossing leaves from Sant\u{FFFD} pier.+}"),
        "{text}"
    );
}

#[test]
fn diff_of_an_unreadable_file_fails_naming_it_and_prints_nothing() {
    let dir = scratch_dir("diff_missing");
    let present = copies("ferry-original.txt");
    let missing = dir.join("no-such-copy.txt");
    let output = run(
        &[
            "diff",
            present.to_str().expect("UTF-8 path"),
            missing.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    assert_failure(&output, &["cannot read", "no-such-copy.txt"]);
}

#[test]
fn diff_usage_errors_exit_2_naming_what_was_wrong() {
    let path = copies("ferry-original.txt");
    let path = path.to_str().expect("UTF-8 path");
    for (args, mentions) in [
        (&["diff"][..], &["<A>", "<B>"][..]),
        (&["diff", path][..], &["<B>"][..]),
        (&["diff", path, path, path][..], &[path][..]),
        (&["diff", "-", "-"][..], &["both \"-\""][..]),
        (
            &["diff", "--format", "csv", path, path][..],
            &["csv", "text, json"][..],
        ),
        (&["diff", "--pretty", path, path][..], &["--pretty"][..]),
    ] {
        assert_usage_error(&run(args, Some(b"")), mentions);
    }
}

#[test]
fn diff_help_describes_the_marks_formats_and_exit_statuses() {
    for args in [&["diff", "--help"][..], &["help", "diff"][..]] {
        let help = run(args, None);
        assert!(help.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&help.stdout);
        for mention in [
            "Usage: article-analyzer diff",
            "[-deleted-]{+inserted+}",
            "--format",
            "json",
            "UTF-16",
            "Exit status",
            "2 for a usage error",
        ] {
            assert!(
                text.contains(mention),
                "{args:?} should mention {mention:?}: {text}"
            );
        }
    }
    let top = String::from_utf8_lossy(&run(&["--help"], None).stdout).into_owned();
    assert!(top.contains("diff"), "{top}");
}

#[test]
fn html_files_are_read_as_pages() {
    let dir = scratch_dir("html_files");
    let html = page("utf-8", "Millbrook");
    let saved = write_file(&dir, "bridge.html", html.as_bytes());
    let short_name = write_file(&dir, "BRIDGE2.HTM", html.as_bytes());
    let plain = write_file(&dir, "bridge.txt", FERRY_ARTICLE.as_bytes());
    let output = run(
        &[
            "analyze",
            saved.to_str().expect("UTF-8 path"),
            short_name.to_str().expect("UTF-8 path"),
            plain.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    let report = report_of(&output);
    assert_report_shape(&report);
    assert_eq!(
        articles(&report)[0],
        library_html_article("bridge.html", &html)
    );
    assert_eq!(
        articles(&report)[1],
        library_html_article("BRIDGE2.HTM", &html)
    );
    assert_eq!(
        articles(&report)[2],
        library_article("bridge.txt", FERRY_ARTICLE)
    );
    let article = &articles(&report)[0];
    let text = article["text"].as_str().expect("text");
    assert!(text.contains("stone bridge at Millbrook"), "{text}");
    assert!(!text.contains('<') && !text.contains("Sport"), "{text}");
    assert_eq!(article["title"], "Bridge Reopens After Repairs");
    assert_eq!(article["author"], "Ruth Ellis");
    assert!(
        article["source"].is_string(),
        "a page's article has its source: {article}"
    );
    assert!(
        articles(&report)[2].get("source").is_none(),
        "a text article has no source"
    );
}

#[test]
fn html_bytes_are_decoded_by_the_declared_charset() {
    let dir = scratch_dir("html_charset");
    // "Pontà" in windows-1252: the à is one byte, 0xE0, which is not UTF-8.
    let html = page("windows-1252", "Pont\u{e0}");
    let bytes: Vec<u8> = html.chars().map(|c| c as u32 as u8).collect();
    let path = write_file(&dir, "latin.html", &bytes);
    let report = report_of(&run(&["analyze", path.to_str().expect("UTF-8 path")], None));
    let article = &articles(&report)[0];
    assert!(
        article["text"]
            .as_str()
            .expect("text")
            .contains("bridge at Pont\u{e0} reopened"),
        "{article}"
    );
    assert!(
        article["warnings"].as_array().expect("warnings").is_empty(),
        "a declared charset the reader knows needs no warning: {article}"
    );
    // Read as text, the same bytes are not UTF-8: replaced, with a warning.
    let report = report_of(&run(
        &[
            "analyze",
            "--input-format",
            "text",
            path.to_str().expect("UTF-8 path"),
        ],
        None,
    ));
    let article = &articles(&report)[0];
    assert!(
        article.get("source").is_none(),
        "--input-format text wins: {article}"
    );
    assert!(article["warnings"][0]
        .as_str()
        .expect("a warning")
        .contains("UTF-8"));
}

#[test]
fn stdin_is_html_with_input_format_html() {
    let html = page("utf-8", "Millbrook");
    let report = report_of(&run(
        &["analyze", "--input-format", "html", "-"],
        Some(html.as_bytes()),
    ));
    assert_eq!(articles(&report)[0], library_html_article("stdin", &html));
    // Without the option, standard input is text: the markup is not read.
    let report = report_of(&run(&["analyze", "-"], Some(html.as_bytes())));
    assert_eq!(articles(&report)[0], library_article("stdin", &html));
    // An explicit format applies to named files too.
    let dir = scratch_dir("html_option_files");
    let path = write_file(&dir, "bridge.page", html.as_bytes());
    let report = report_of(&run(
        &[
            "analyze",
            "--input-format",
            "html",
            path.to_str().expect("UTF-8 path"),
        ],
        None,
    ));
    assert_eq!(
        articles(&report)[0],
        library_html_article("bridge.page", &html)
    );
}

#[test]
fn jsonl_lines_take_the_input_format_unless_they_give_their_own() {
    let html = page("utf-8", "Millbrook");
    let lines = [
        serde_json::json!({"id": "page", "text": html}),
        serde_json::json!({"id": "told-text", "text": html, "format": "text"}),
        serde_json::json!({"id": "told-html", "text": html, "format": "html"}),
        serde_json::json!({"id": "ferry", "text": FERRY_ARTICLE, "format": "text"}),
    ]
    .map(|line| format!("{line}\n"))
    .concat();
    let report = report_of(&run(
        &["analyze", "--jsonl", "--input-format", "html"],
        Some(lines.as_bytes()),
    ));
    assert_eq!(ids(&report), ["page", "told-text", "told-html", "ferry"]);
    assert_eq!(articles(&report)[0], library_html_article("page", &html));
    assert_eq!(articles(&report)[1], library_article("told-text", &html));
    assert_eq!(
        articles(&report)[2],
        library_html_article("told-html", &html)
    );
    assert_eq!(
        articles(&report)[3],
        library_article("ferry", FERRY_ARTICLE)
    );
    // Without the option, a line is text unless it says "html".
    let report = report_of(&run(&["analyze", "--jsonl"], Some(lines.as_bytes())));
    assert_eq!(articles(&report)[0], library_article("page", &html));
    assert_eq!(
        articles(&report)[2],
        library_html_article("told-html", &html)
    );
}

#[test]
fn jsonl_line_with_an_unknown_format_is_skipped_naming_it() {
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "odd", "text": "<p>Hello</p>", "format": "xml"}),
        serde_json::json!({"id": "ferry", "text": FERRY_ARTICLE}),
    );
    let output = run(&["analyze", "--jsonl"], Some(lines.as_bytes()));
    assert_skipped(&output, &["line 1", "xml", "html"], &["ferry"]);
}

#[test]
fn an_unknown_input_format_is_a_usage_error() {
    let output = run(&["analyze", "--input-format", "pdf", "-"], Some(b"text"));
    assert_usage_error(&output, &["--input-format", "pdf", "html"]);
}

#[test]
fn diff_reads_html_files_as_pages() {
    let dir = scratch_dir("diff_html");
    let a = write_file(&dir, "a.html", page("utf-8", "Millbrook").as_bytes());
    let b = write_file(&dir, "b.htm", page("utf-8", "Eastbrook").as_bytes());
    let output = run(
        &[
            "diff",
            a.to_str().expect("UTF-8 path"),
            b.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    // The pages' cleaned texts are compared: one word changed, no markup in sight.
    assert!(text.contains("[-Millbrook-]{+Eastbrook+}"), "{text}");
    assert!(!text.contains("<p>") && !text.contains("Sport"), "{text}");
}
