//! Measures the whole analysis of HTML input on one thread, in megabytes of HTML per second.
//!
//! ```text
//! cargo run --release --example bench_html -- --make-pages CORPUS.jsonl PAGES.jsonl
//! cargo run --release --example bench_html -- PAGES.jsonl [--iterations N] [--json]
//! ```
//!
//! `--make-pages` turns a text corpus (`{"id", "text"}` per line, e.g. from the
//! `generate_corpus` example) into pages (`{"id", "text", "format": "html"}` per line): each
//! article's first paragraph becomes its `<h1>`, the others `<p>`s inside `<article>`, framed
//! by what news pages carry around it (a head with meta tags, JSON-LD, a stylesheet and a
//! script; a header with a menu; a list of related stories; a footer), so that markup makes
//! up most of the bytes, as on real pages.
//!
//! Measuring reads such a file (or any of HTML documents), then runs, `--iterations` times
//! each (default 5): the page's bytes decoded ([`read_html_bytes`]) and analysed
//! ([`clean_html`]: reading, cleaning, metadata and quotes) per page, the same with quotes
//! off (`analyze` per page), and [`analyze`] on the whole batch. Prints HTML megabytes
//! (10^6 bytes) per second of wall time: the median run, with the slowest and fastest.
//!
//! Native only (the wasm speed: `node scripts/bench_wasm.mjs PAGES.jsonl --html`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    eprintln!(
        "bench_html measures native speed; run it with `cargo run --release --example bench_html`"
    );
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "shared/throughput.rs"]
mod throughput;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::fmt::Write as _;
    use std::hint::black_box;
    use std::io::Write;
    use std::process::ExitCode;

    use article_analyzer::{analyze, clean_html, read_html_bytes, Document, InputFormat, Options};

    use crate::throughput::{measure, median, read_documents};

    const USAGE: &str = "usage: bench_html PAGES.jsonl [--iterations N] [--json]\n       \
                         bench_html --make-pages CORPUS.jsonl PAGES.jsonl";

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }

    /// What a news site's pages share around the article: a head with a stylesheet and a
    /// script, a header with a menu, and a footer. About 6 KB, in the range of real pages'
    /// markup around an article of a few kilobytes.
    struct Frame {
        head: String,
        header: String,
        footer: &'static str,
    }

    fn frame() -> Frame {
        let mut head = String::from(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <link rel=\"stylesheet\" href=\"/static/site.css\"><style>",
        );
        for rule in 0..60 {
            let _ = writeln!(
                head,
                ".block-{rule} {{ margin: {rule}px 0; padding: 0 {rule}px; color: #333; }}"
            );
        }
        head.push_str("</style><script>window.dataLayer = window.dataLayer || [];");
        for event in 0..20 {
            let _ = writeln!(
                head,
                "dataLayer.push({{'event': 'view-{event}', 'section': 'news', 'html': '<p>{event}</p>'}});"
            );
        }
        head.push_str("</script>");
        let mut header = String::from(
            "<body class=\"page page-article\"><header class=\"site-header\"><a class=\"logo\" href=\"/\">The Daily Example</a>\
             <nav class=\"main-menu\"><ul>",
        );
        for section in [
            "News", "World", "Business", "Politics", "Science", "Health", "Sport", "Culture",
            "Travel", "Opinion", "Weather", "Video",
        ] {
            let _ = write!(
                header,
                "<li class=\"menu-item\"><a href=\"/{}\">{section}</a></li>",
                section.to_lowercase()
            );
        }
        header.push_str("</ul></nav><form class=\"search\" action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"Search\"><button>Go</button></form></header><main>");
        let footer = "</main><footer class=\"site-footer\"><ul><li><a href=\"/about\">About us</a></li>\
             <li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy policy</a></li>\
             <li><a href=\"/terms\">Terms of use</a></li></ul><p>&copy; 2025 The Daily Example. All rights reserved.</p></footer>\
             <script src=\"/static/app.js\" defer></script></body></html>";
        Frame {
            head,
            header,
            footer,
        }
    }

    /// One article of a text corpus as a page.
    fn page_of(doc: &Document, frame: &Frame, others: &[&str]) -> String {
        let mut paragraphs = doc
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let raw_title = paragraphs.next().unwrap_or("Untitled");
        let title = escape(raw_title);
        // In a script, JSON is not HTML-escaped; "</" would end it, so it is broken up.
        let json_title = serde_json::to_string(raw_title)
            .unwrap_or_default()
            .replace("</", "<\\/");
        let mut html = String::with_capacity(doc.text.len() * 3 + 8192);
        html.push_str(&frame.head);
        let _ = write!(
            html,
            "<title>{title} | The Daily Example</title><meta property=\"og:title\" content=\"{title}\">\
             <meta property=\"og:type\" content=\"article\"><meta name=\"description\" content=\"{title}\">\
             <script type=\"application/ld+json\">{{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \
             \"headline\": {json_title}, \"datePublished\": \"2025-05-03T08:00:00Z\"}}</script></head>"
        );
        html.push_str(&frame.header);
        let _ = write!(
            html,
            "<article class=\"story\"><header><h1 class=\"headline\">{title}</h1>\
             <p class=\"meta\"><time datetime=\"2025-05-03T08:00:00Z\">3 May 2025</time></p></header>\
             <div class=\"story-body\">"
        );
        for paragraph in paragraphs {
            let _ = writeln!(html, "<p>{}</p>", escape(paragraph));
        }
        html.push_str("</div><div class=\"share\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a> <a href=\"#\">Email</a></div></article>");
        html.push_str("<aside class=\"related\"><h2>Related stories</h2><ul>");
        for (index, other) in others.iter().enumerate() {
            let _ = write!(
                html,
                "<li><a href=\"/news/{index}\">{}</a></li>",
                escape(other)
            );
        }
        html.push_str("</ul></aside>");
        html.push_str(frame.footer);
        html
    }

    fn make_pages(corpus: &str, out: &str) -> Result<(), String> {
        let docs = read_documents(corpus, "")?;
        let titles: Vec<&str> = docs
            .iter()
            .map(|doc| doc.text.split("\n\n").next().unwrap_or("").trim())
            .collect();
        let frame = frame();
        let file =
            std::fs::File::create(out).map_err(|error| format!("cannot write {out}: {error}"))?;
        let mut writer = std::io::BufWriter::new(file);
        let (mut text_bytes, mut html_bytes) = (0, 0);
        for (index, doc) in docs.iter().enumerate() {
            let others: Vec<&str> = (1..=5)
                .map(|step| titles[(index + step * 7) % titles.len()])
                .collect();
            let page = Document::html(format!("{}.html", doc.id), page_of(doc, &frame, &others));
            text_bytes += doc.text.len();
            html_bytes += page.text.len();
            let line = serde_json::to_string(&page).map_err(|error| error.to_string())?;
            writeln!(writer, "{line}").map_err(|error| format!("cannot write {out}: {error}"))?;
        }
        writer
            .flush()
            .map_err(|error| format!("cannot write {out}: {error}"))?;
        eprintln!(
            "bench_html: {} pages, {:.1} MB of HTML around {:.1} MB of article text, in {out}",
            docs.len(),
            html_bytes as f64 / 1e6,
            text_bytes as f64 / 1e6
        );
        Ok(())
    }

    fn measure_pages(path: &str, iterations: usize, json: bool) -> Result<(), String> {
        let mut docs = read_documents(path, "")?;
        for doc in &mut docs {
            doc.format = InputFormat::Html;
        }
        let bytes: usize = docs.iter().map(|doc| doc.text.len()).sum();
        let whole = measure(bytes, iterations, || {
            for doc in &docs {
                let decoded = read_html_bytes(black_box(doc.text.as_bytes()));
                black_box(clean_html(&decoded.text));
            }
        });
        let cleaning_only = Options {
            quotes: Some(false),
            ..Options::default()
        };
        let cleaning = measure(bytes, iterations, || {
            for doc in &docs {
                black_box(analyze(std::slice::from_ref(black_box(doc)), &cleaning_only).ok());
            }
        });
        let options = Options::default();
        let batch = measure(bytes, iterations, || {
            black_box(analyze(black_box(&docs), &options).ok());
        });
        let megabytes = bytes as f64 / 1e6;
        if json {
            println!(
                "{{\"pages\": {:?}, \"documents\": {}, \"megabytes\": {megabytes:.3}, \"iterations\": {iterations}, \
                 \"whole_mb_per_s\": {:.2}, \"cleaning_only_mb_per_s\": {:.2}, \"batch_mb_per_s\": {:.2}}}",
                path,
                docs.len(),
                median(&whole),
                median(&cleaning),
                median(&batch)
            );
            return Ok(());
        }
        println!(
            "pages {path}: {} documents, {megabytes:.1} MB of HTML; {iterations} runs each, one thread",
            docs.len()
        );
        for (name, rates) in [
            ("decode + clean_html (whole analysis)", &whole),
            ("analyze per page, quotes off", &cleaning),
            ("analyze on the batch", &batch),
        ] {
            println!(
                "  {name:<38} median {:>7.1} MB/s   (slowest {:.1}, fastest {:.1})",
                median(rates),
                rates[0],
                rates[rates.len() - 1]
            );
        }
        Ok(())
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let result = match args
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["--make-pages", corpus, out] => make_pages(corpus, out),
            [pages, rest @ ..] if !pages.starts_with("--") => {
                let mut iterations = 5;
                let mut json = false;
                let mut rest = rest.iter();
                let mut parsed = Ok(());
                while let Some(option) = rest.next() {
                    match *option {
                        "--json" => json = true,
                        "--iterations" => match rest.next().and_then(|v| v.parse().ok()) {
                            Some(n) if n >= 1 => iterations = n,
                            _ => parsed = Err("--iterations needs a whole number >= 1".to_string()),
                        },
                        other => parsed = Err(format!("unknown option {other:?}")),
                    }
                }
                parsed.and_then(|()| measure_pages(pages, iterations, json))
            }
            _ => Err(String::new()),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                if !message.is_empty() {
                    eprintln!("bench_html: {message}");
                }
                eprintln!("{USAGE}");
                ExitCode::from(2)
            }
        }
    }
}
