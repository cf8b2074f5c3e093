//! Reading the articles: whole files (or standard input) as one article each, or a JSONL
//! corpus line by line. Text bytes that are not UTF-8 are replaced and the article is told
//! so; HTML files and standard input go through the library's charset layer
//! ([`read_html_bytes`]), which warns in the same way.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use article_analyzer::{read_html_bytes, AnalyzeError, BlockOverride, Document, InputFormat};
use serde::Deserialize;

use crate::errors::CliError;
use crate::json;

/// The name that stands for standard input.
const STDIN: &str = "-";

/// One article to analyse, with a warning about its bytes when they were not UTF-8.
pub struct Input {
    /// The article.
    pub document: Document,
    /// "The file is not valid UTF-8; ..." when bytes were replaced.
    pub warning: Option<String>,
}

/// Reads every file (or standard input for "-") as one article whose id is the file's name
/// (`stdin` for standard input), in `format` when given, else by the file's name
/// ([`format_of_path`]). All are read before any is analysed, so an unreadable file fails
/// the run before anything is printed; two files of the same name fail it too.
pub fn read_files(paths: &[PathBuf], format: Option<InputFormat>) -> Result<Vec<Input>, CliError> {
    let mut inputs = Vec::with_capacity(paths.len());
    for path in paths {
        inputs.push(read_file(path, format)?);
    }
    let mut seen = std::collections::HashSet::new();
    for input in &inputs {
        if !seen.insert(input.document.id.as_str()) {
            let id = input.document.id.clone();
            return Err(CliError::Analyze(AnalyzeError::DuplicateId(id)));
        }
    }
    Ok(inputs)
}

/// Reads one file (or standard input for "-") as an article whose id is the file's name
/// (`stdin` for standard input), in `format` when given, else by the file's name
/// ([`format_of_path`]): text decoded as UTF-8 (undecodable bytes replaced), HTML through
/// the charset layer. For `analyze` and `diff` alike.
pub fn read_file(path: &Path, format: Option<InputFormat>) -> Result<Input, CliError> {
    let bytes = read_bytes(path)?;
    let id = file_id(path);
    Ok(match format.unwrap_or_else(|| format_of_path(path)) {
        InputFormat::Text => {
            let (text, warning) = decode_lossy(bytes);
            Input {
                document: Document::new(id, text),
                warning,
            }
        }
        InputFormat::Html => {
            let decoded = read_html_bytes(&bytes);
            Input {
                document: Document::html(id, decoded.text),
                warning: decoded.warning,
            }
        }
    })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    let result = if is_stdin(path) {
        io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes))
    };
    result.map_err(|source| CliError::Read {
        name: display_name(Some(path)),
        source,
    })?;
    Ok(bytes)
}

/// The format a file's name tells: HTML for `.html` and `.htm` (in any case), text for
/// everything else, standard input included (it has no name to tell).
pub fn format_of_path(path: &Path) -> InputFormat {
    let is_html = path.extension().is_some_and(|extension| {
        extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
    });
    if is_html && !is_stdin(path) {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// How an input is named in messages: its path as given, or "standard input".
pub fn display_name(path: Option<&Path>) -> String {
    match path {
        Some(path) if !is_stdin(path) => path.display().to_string(),
        _ => "standard input".to_string(),
    }
}

/// The text of `bytes`, with undecodable sequences replaced by U+FFFD, and a warning saying
/// how many were replaced when there were any.
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

/// An article's id from its file: the file's name, `stdin` for standard input.
fn file_id(path: &Path) -> String {
    if is_stdin(path) {
        return "stdin".into();
    }
    path.file_name()
        .map(|base| base.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The most room the line buffer keeps from one line to the next: more than any article's
/// line needs (a long article is well under 1 MB of JSON), so the usual line reuses it, while
/// one line of hundreds of megabytes does not hold that memory until the run ends.
const KEPT_LINE_ROOM: usize = 4 << 20;

/// A JSONL corpus read one line at a time (blank lines are passed over).
pub struct JsonlLines {
    name: String,
    reader: Box<dyn BufRead>,
    line_number: usize,
    format: InputFormat,
    /// The line being read, its room kept from line to line.
    line: Vec<u8>,
}

/// One line of a JSONL corpus: a [`Document`] whose `format` may be missing, so that the
/// command line's `--input-format` can stand in for it (a line's own format wins). The
/// fields are the document's own, read the same way.
#[derive(Deserialize)]
struct JsonlDocument {
    id: String,
    text: String,
    #[serde(default)]
    format: Option<InputFormat>,
    #[serde(default)]
    overrides: Vec<BlockOverride>,
}

impl JsonlDocument {
    fn into_document(self, default_format: InputFormat) -> Document {
        Document {
            id: self.id,
            text: self.text,
            format: self.format.unwrap_or(default_format),
            overrides: self.overrides,
        }
    }
}

/// One non-blank line of a JSONL corpus.
pub struct JsonlLine {
    /// Its number in the file, from 1.
    pub number: usize,
    /// The article it holds, or why it holds none (the line is then skipped).
    pub parsed: Result<Input, CliError>,
}

impl JsonlLines {
    /// Opens the JSONL file at `path`, or standard input for `None` or "-"; a line without
    /// a `"format"` of its own holds `format` (text unless `--input-format` says otherwise).
    pub fn open(path: Option<&Path>, format: Option<InputFormat>) -> Result<JsonlLines, CliError> {
        let name = display_name(path);
        let reader: Box<dyn BufRead> = match path {
            Some(path) if !is_stdin(path) => {
                let file = std::fs::File::open(path).map_err(|source| CliError::Read {
                    name: name.clone(),
                    source,
                })?;
                Box::new(io::BufReader::new(file))
            }
            _ => Box::new(io::stdin().lock()),
        };
        Ok(JsonlLines {
            name,
            reader,
            line_number: 0,
            format: format.unwrap_or(InputFormat::Text),
            line: Vec::new(),
        })
    }

    /// How the corpus is named in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The next non-blank line, `None` at the end, or the error that stopped the reading.
    pub fn next_line(&mut self) -> Result<Option<JsonlLine>, CliError> {
        loop {
            if self.line.capacity() > KEPT_LINE_ROOM {
                // Room a rare huge line took is given back, not kept for the rest of the run.
                self.line = Vec::new();
            } else {
                self.line.clear();
            }
            let read =
                read_line(&mut *self.reader, &mut self.line).map_err(|source| CliError::Read {
                    name: self.name.clone(),
                    source,
                })?;
            if read == 0 {
                return Ok(None);
            }
            self.line_number += 1;
            if self.line.last() == Some(&b'\n') {
                self.line.pop();
            }
            // Read where it is when it is UTF-8 (nearly always), else from a decoded copy.
            let (line, warning) = match std::str::from_utf8(&self.line) {
                Ok(line) => (Cow::Borrowed(line), None),
                Err(_) => {
                    let (line, warning) = decode_lossy(self.line.clone());
                    (Cow::Owned(line), warning)
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let document = match json::read_id_and_text(&line) {
                Some((id, text)) => Ok(JsonlDocument {
                    id,
                    text,
                    format: None,
                    overrides: Vec::new(),
                }),
                None => serde_json::from_str::<JsonlDocument>(&line),
            };
            let parsed = document
                .map(|document| Input {
                    document: document.into_document(self.format),
                    warning: warning.map(|warning| warning.replace("the file is", "the line is")),
                })
                .map_err(|error| self.line_error(error.to_string()));
            return Ok(Some(JsonlLine {
                number: self.line_number,
                parsed,
            }));
        }
    }

    /// The message for the line just read, when it is skipped.
    pub fn line_error(&self, message: String) -> CliError {
        CliError::Jsonl {
            name: self.name.clone(),
            line: self.line_number,
            message,
        }
    }
}

/// Appends the bytes of `reader` up to and including the next line end (or to the end) to
/// `line`, and says how many: what `BufRead::read_until(b'\n', ...)` does, with the line end
/// found by the `memchr` crate's vector search rather than the standard library's word at a
/// time (about a tenth of the instructions a byte, on the thread that reads while the
/// articles are analysed).
fn read_line(reader: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let (taken, ended) = match memchr::memchr(b'\n', available) {
            Some(end) => (end + 1, true),
            None => (available.len(), available.is_empty()),
        };
        line.extend_from_slice(&available[..taken]);
        reader.consume(taken);
        read += taken;
        if ended {
            return Ok(read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_file_names() {
        assert_eq!(file_id(Path::new("news/2024/ferry.txt")), "ferry.txt");
        assert_eq!(file_id(Path::new("-")), "stdin");
        assert_eq!(display_name(Some(Path::new("-"))), "standard input");
        assert_eq!(display_name(None), "standard input");
    }

    #[test]
    fn html_files_are_told_by_their_names() {
        for name in ["page.html", "PAGE.HTM", "saved/page.htm"] {
            assert_eq!(format_of_path(Path::new(name)), InputFormat::Html, "{name}");
        }
        for name in ["page.txt", "html", "page.html.txt", "-", "page.xhtml"] {
            assert_eq!(format_of_path(Path::new(name)), InputFormat::Text, "{name}");
        }
    }

    #[test]
    fn a_huge_line_gives_its_room_back_for_the_next() {
        let huge = format!(
            "{{\"id\":\"a\",\"text\":\"{}\"}}\n",
            "x".repeat(KEPT_LINE_ROOM + 1)
        );
        let small = "{\"id\":\"b\",\"text\":\"short\"}\n";
        let mut lines = JsonlLines {
            name: "test".into(),
            reader: Box::new(io::Cursor::new(format!("{huge}{small}").into_bytes())),
            line_number: 0,
            format: InputFormat::Text,
            line: Vec::new(),
        };
        let first = lines.next_line().unwrap().unwrap();
        assert_eq!(
            first.parsed.unwrap().document.text.len(),
            KEPT_LINE_ROOM + 1
        );
        assert!(lines.line.capacity() > KEPT_LINE_ROOM);
        let second = lines.next_line().unwrap().unwrap();
        assert_eq!(second.parsed.unwrap().document.text, "short");
        assert!(
            lines.line.capacity() <= KEPT_LINE_ROOM,
            "{}",
            lines.line.capacity()
        );
    }

    #[test]
    fn lines_are_read_as_read_until_reads_them() {
        // Lines of every length around a small reader's buffer (so that a line spans several
        // fills), with and without a last line end, blank lines among them.
        for capacity in [1, 2, 3, 7, 16] {
            for lengths in [&[0usize, 0][..], &[1, 5, 0, 17], &[15, 16, 17, 3], &[40]] {
                let mut text: Vec<u8> = Vec::new();
                for (index, &length) in lengths.iter().enumerate() {
                    text.extend((0..length).map(|place| b'a' + (place % 26) as u8));
                    if index + 1 < lengths.len() || length % 2 == 0 {
                        text.push(b'\n');
                    }
                }
                let mut ours = io::BufReader::with_capacity(capacity, text.as_slice());
                let mut theirs = io::BufReader::with_capacity(capacity, text.as_slice());
                loop {
                    let (mut our_line, mut their_line) = (b"kept".to_vec(), b"kept".to_vec());
                    let read = read_line(&mut ours, &mut our_line).unwrap();
                    let expected = theirs.read_until(b'\n', &mut their_line).unwrap();
                    assert_eq!((read, &our_line), (expected, &their_line), "{lengths:?}");
                    if read == 0 {
                        break;
                    }
                }
            }
        }
    }

    #[test]
    fn undecodable_bytes_are_replaced_and_counted() {
        let (text, warning) = decode_lossy(b"caf\xe9 \xff".to_vec());
        assert_eq!(text, "caf\u{FFFD} \u{FFFD}");
        assert!(warning.is_some_and(|w| w.contains("2 undecodable")));
        assert_eq!(decode_lossy(b"fine".to_vec()), ("fine".to_string(), None));
    }
}
