//! Writing what a run found, in the format asked for: the JSON report, or what the page
//! exports (`www/js/export.js`): the quotes as CSV, the cleaned articles as Markdown or plain
//! text. The same report gives the same bytes here and on the page; `tests/cli.rs` runs the
//! page's functions in Node to check it.
//!
//! Articles are written as they come, so a JSONL corpus streams through in little memory;
//! the cross-article results, which only the JSON report holds, come at the end.

use std::io::{self, Write};

use article_analyzer::{Article, CrossArticle, Report};

use crate::arguments::Format;
use crate::json;

/// Where the report goes, article by article.
pub struct ReportWriter<W: Write> {
    out: W,
    form: ReportForm,
    /// Whether an article's bytes were written, so that the next one is preceded by the
    /// format's separator. (The articles `--pretty` gathers are written with the rest of
    /// the report, by serde_json, and never need it.)
    wrote_an_article: bool,
    /// With `--pretty`, the articles wait here to be indented with the rest of the report.
    gathered: Vec<Article>,
}

/// The format and layout of a report's articles, to make an article ready for the report on
/// the thread that analysed it ([`ReportForm::prepare`]).
#[derive(Debug, Clone, Copy)]
pub struct ReportForm {
    format: Format,
    pretty: bool,
}

/// An article ready for [`ReportWriter::prepared`].
pub enum Prepared {
    /// The article itself, kept to be indented with the whole report (`--pretty`).
    Article(Article),
    /// The article's bytes in the report's format, without the separator before it.
    Bytes(Vec<u8>),
}

impl ReportForm {
    /// Whether the articles wait for the end of the run, to be written with the whole report
    /// (the indented JSON of `--pretty`), rather than as they come.
    fn gathers_articles(self) -> bool {
        self.format == Format::Json && self.pretty
    }

    /// The article as the writer writes it: its bytes, made on the thread that analysed it
    /// (so that the thread writing the report only copies them), or for `--pretty` the
    /// article itself.
    pub fn prepare(self, article: Article) -> Prepared {
        if self.gathers_articles() {
            return Prepared::Article(article);
        }
        Prepared::Bytes(match self.format {
            Format::Json => {
                let mut bytes = Vec::new();
                json::write_article(&article, &mut bytes);
                bytes
            }
            Format::Csv => quote_rows(&article).into_bytes(),
            Format::Markdown => markdown(&article).into_bytes(),
            Format::Text => plain_text(&article).into_bytes(),
        })
    }
}

/// Columns of the quotes CSV, as the page writes them.
const CSV_HEADER: &str = "article,speaker,cue,quote\r\n";

/// Between two articles in Markdown.
const MARKDOWN_SEPARATOR: &str = "\n\n---\n\n";

/// Between two articles in plain text: a blank line, a rule of 40 "=", a blank line.
const TEXT_SEPARATOR: &str = "\n\n========================================\n\n";

impl<W: Write> ReportWriter<W> {
    /// Starts the output (the opening of the JSON report, the CSV header).
    pub fn new(mut out: W, format: Format, pretty: bool) -> io::Result<Self> {
        let form = ReportForm { format, pretty };
        match format {
            Format::Json if !form.gathers_articles() => out.write_all(b"{\"articles\":[")?,
            Format::Csv => out.write_all(CSV_HEADER.as_bytes())?,
            _ => {}
        }
        Ok(ReportWriter {
            out,
            form,
            wrote_an_article: false,
            gathered: Vec::new(),
        })
    }

    /// What the report's articles look like, for [`ReportForm::prepare`] on other threads.
    pub fn form(&self) -> ReportForm {
        self.form
    }

    /// Writes one article as [`ReportForm::prepare`] made it ready (or keeps it, for
    /// `--pretty`).
    pub fn prepared(&mut self, prepared: Prepared) -> io::Result<()> {
        match prepared {
            Prepared::Article(article) => {
                self.gathered.push(article);
                Ok(())
            }
            Prepared::Bytes(bytes) => {
                self.separate()?;
                self.out.write_all(&bytes)
            }
        }
    }

    /// What comes before the next article: nothing before the first, else the format's
    /// separator (the CSV's rows end with their own line ends).
    fn separate(&mut self) -> io::Result<()> {
        if !std::mem::replace(&mut self.wrote_an_article, true) {
            return Ok(());
        }
        match self.form.format {
            Format::Json => self.out.write_all(b","),
            Format::Csv => Ok(()),
            Format::Markdown => self.out.write_all(MARKDOWN_SEPARATOR.as_bytes()),
            Format::Text => self.out.write_all(TEXT_SEPARATOR.as_bytes()),
        }
    }

    /// Ends the output: the cross-article results of the JSON report, the last line end of
    /// the others.
    pub fn finish(mut self, cross: CrossArticle) -> io::Result<()> {
        match self.form.format {
            Format::Json if self.form.gathers_articles() => {
                let report = Report {
                    articles: std::mem::take(&mut self.gathered),
                    story_groups: cross.story_groups,
                    duplicates: cross.duplicates,
                    quote_groups: cross.quote_groups,
                };
                serde_json::to_writer_pretty(&mut self.out, &report)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out.write_all(b"],")?;
                let cross = serde_json::to_string(&cross)?;
                // `cross` is `{...}`: its fields continue the report's object.
                self.out.write_all(&cross.as_bytes()[1..])?;
                self.out.write_all(b"\n")?;
            }
            // The CSV's rows each end with their own line end.
            Format::Csv => {}
            Format::Markdown | Format::Text => self.out.write_all(b"\n")?,
        }
        self.out.flush()
    }
}

/// The CSV rows of an article's quotes: article id, speaker, cue, quote.
fn quote_rows(article: &Article) -> String {
    let mut rows = String::new();
    for quote in &article.quotes {
        let cells = [
            article.id.as_str(),
            quote.speaker.as_deref().unwrap_or_default(),
            quote.cue.as_deref().unwrap_or_default(),
            quote.text.as_str(),
        ];
        for (index, cell) in cells.into_iter().enumerate() {
            if index > 0 {
                rows.push(',');
            }
            push_csv_cell(cell, &mut rows);
        }
        rows.push_str("\r\n");
    }
    rows
}

/// One CSV cell (RFC 4180): quoted when it holds a quote mark, comma or line break. A cell
/// that a spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`, or a tab
/// or carriage return that some spreadsheets skip before one) gets a leading apostrophe.
fn push_csv_cell(value: &str, out: &mut String) {
    let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = value.contains(['"', ',', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    if quoted {
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// "By Helen Marsh · 2025-04-14" from what the article has; "" when neither is known.
fn metadata_line(article: &Article) -> String {
    let author = article
        .author
        .as_deref()
        .filter(|author| !author.is_empty())
        .map(|author| format!("By {author}"));
    let date = article.date.clone().filter(|date| !date.is_empty());
    [author, date]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The article's title, or its id when it has none.
fn heading(article: &Article) -> &str {
    article.title.as_deref().unwrap_or(&article.id)
}

/// An article in Markdown: "# title", "*By author · date*", the text; blank lines between.
fn markdown(article: &Article) -> String {
    let about = metadata_line(article);
    let parts = [
        format!("# {}", heading(article)),
        if about.is_empty() {
            String::new()
        } else {
            format!("*{about}*")
        },
        article.text.clone(),
    ];
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An article in plain text: the title and the metadata line, a blank line, the text.
fn plain_text(article: &Article) -> String {
    let heading = [heading(article).to_string(), metadata_line(article)]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if article.text.is_empty() {
        heading
    } else {
        format!("{heading}\n\n{}", article.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: &str) -> String {
        let mut out = String::new();
        push_csv_cell(value, &mut out);
        out
    }

    #[test]
    fn csv_cells_are_quoted_and_defused_as_the_page_does() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-1, or so"), "\"'-1, or so\"");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell(""), "");
    }

    fn article(
        title: Option<&str>,
        author: Option<&str>,
        date: Option<&str>,
        text: &str,
    ) -> Article {
        Article {
            id: "a.txt".into(),
            title: title.map(String::from),
            author: author.map(String::from),
            date: date.map(String::from),
            text: text.into(),
            ..Article::default()
        }
    }

    #[test]
    fn articles_as_markdown_and_text() {
        let full = article(
            Some("Ferry"),
            Some("Tom Baker"),
            Some("2025-06-02"),
            "Body.",
        );
        assert_eq!(
            markdown(&full),
            "# Ferry\n\n*By Tom Baker · 2025-06-02*\n\nBody."
        );
        assert_eq!(
            plain_text(&full),
            "Ferry\nBy Tom Baker · 2025-06-02\n\nBody."
        );
        let bare = article(None, None, None, "");
        assert_eq!(markdown(&bare), "# a.txt");
        assert_eq!(plain_text(&bare), "a.txt");
        let empty_title = article(Some(""), None, Some("2025-06-02"), "Body.");
        assert_eq!(markdown(&empty_title), "# \n\n*2025-06-02*\n\nBody.");
        assert_eq!(plain_text(&empty_title), "2025-06-02\n\nBody.");
    }
}
