//! Times cleaning on hostile input, each case at three sizes, to show the cost grows linearly
//! with the input (a benchmark, not a test: it prints figures and asserts nothing).
//!
//! ```text
//! cargo run --release --example bench_bad_input -- [--max-mb N]   (default 50)
//! ```
//!
//! Cases, generated here: a huge paste (many articles pasted as one text), a single line
//! without any newline, binary bytes decoded lossily (as the CLI does), unbalanced markup
//! (`**`, `<b`, `&amp` never closed), thousands of quote marks, white space only, a list of
//! distinct headlines (an archive page) and a run of photo credit lines. Then hostile HTML,
//! read as a page (`clean_html`; bytes through `read_html_bytes`): a huge page, nested
//! elements never closed (100,000 at 1/5 of the default size), megabyte-long attributes,
//! binary bytes, a page of scripts only, an unclosed comment, `<plaintext>` and broken
//! character references. Each is built at a quarter, half and all of its size (`--max-mb`
//! megabytes or a fifth of it; the single line at 1/4, 1/2 and 1 MB times `--max-mb`/50, so
//! 1 MB at the default), and cleaned once; the line shows the seconds and MB/s per size.
//! Linear time means MB/s stays about the same across a row.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Instant;

    use article_analyzer::{clean, clean_html, read_html_bytes};

    /// A short article that repeats to make a huge paste.
    const ARTICLE: &str = "Council Approves Harbour Budget\n\nBy Jane Example, Example News\n\nMay 3, 2025\n\n\
        The town council approved the harbour budget on Tuesday after a debate that ran late into the night, officials said.\n\n\
        \"We have waited long enough for this,\" said the mayor, who has pushed for the repairs since her election.\n\n\
        The repairs will start in the autumn and last two years, according to the harbour board.\n\n\
        More Local News\n\nLibrary Extends Opening Hours\nMay 2, 2025\nNew Bus Route Starts Monday\nMay 1, 2025\n\n\
        © 2025 Example News. All rights reserved.\n\n";

    fn repeat_to(unit: &str, bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + unit.len());
        while text.len() < bytes {
            text.push_str(unit);
        }
        text
    }

    /// Lines of `template` with `{n}` replaced by a running number, up to `bytes` bytes.
    fn numbered_lines(template: &str, bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + template.len() + 10);
        let mut number = 0;
        while text.len() < bytes {
            text.push_str(&template.replace("{n}", &number.to_string()));
            text.push('\n');
            number += 1;
        }
        text
    }

    /// Bytes from a small linear congruential generator, decoded lossily like the CLI does.
    fn binary(bytes: usize) -> String {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let raw: Vec<u8> = (0..bytes)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                (state >> 56) as u8
            })
            .collect();
        String::from_utf8_lossy(&raw).into_owned()
    }

    fn time(text: &str) -> f64 {
        let started = Instant::now();
        black_box(clean(black_box(text)));
        started.elapsed().as_secs_f64()
    }

    /// Seconds to decode a page's bytes and clean it.
    fn time_html(html: &str) -> f64 {
        let started = Instant::now();
        let decoded = read_html_bytes(black_box(html.as_bytes()));
        black_box(clean_html(&decoded.text));
        started.elapsed().as_secs_f64()
    }

    /// A page of the article's paragraphs, each a `<p>` (repeated: the cleaner drops the
    /// repeats, as on a page that lists one story many times).
    fn html_page(bytes: usize) -> String {
        let mut html = String::from("<html><head><title>Harbour Budget</title></head><body><nav><a href=\"/\">Home</a></nav><article>");
        let paragraphs: String = ARTICLE
            .split("\n\n")
            .map(|paragraph| format!("<p class=\"story\">{paragraph}</p>\n"))
            .collect();
        html.push_str(&repeat_to(&paragraphs, bytes));
        html.push_str("</article></body></html>");
        html
    }

    /// Elements opened and never closed, a paragraph of text every hundred.
    fn nested(bytes: usize) -> String {
        repeat_to(
            &format!("{}<p>The council met again.", "<div><span>".repeat(50)),
            bytes,
        )
    }

    /// Paragraphs whose attributes are a megabyte long each.
    fn long_attributes(bytes: usize) -> String {
        let value = "x".repeat(1_000_000);
        repeat_to(
            &format!("<p class=\"{value}\" data-x='{value}'>The council met again.</p><a href={value}>more</a>"),
            bytes,
        )
    }

    fn html_binary(bytes: usize) -> String {
        // Read as windows-1252, as the charset layer reads bytes that are not UTF-8.
        binary(bytes)
            .chars()
            .map(|c| if c == '\u{FFFD}' { '\u{FF}' } else { c })
            .collect()
    }

    type Builder = fn(usize) -> String;

    pub fn main() {
        let mut max_mb = 50usize;
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--max-mb" => max_mb = args.next().and_then(|v| v.parse().ok()).unwrap_or(50),
                _ => {
                    eprintln!("usage: bench_bad_input [--max-mb N]");
                    std::process::exit(2);
                }
            }
        }
        let megabyte = 1_000_000;
        let big = max_mb * megabyte;
        let cases: [(&str, usize, Builder); 8] = [
            ("huge paste (articles pasted as one text)", big, |n| {
                repeat_to(ARTICLE, n)
            }),
            ("single line without newlines", big / 50, |n| {
                repeat_to("The council met again and the debate went on. ", n)
            }),
            ("binary bytes (lossy UTF-8)", big / 5, binary),
            ("unbalanced markup (** <b &amp #)", big / 5, |n| {
                repeat_to(
                    "**Bold never closed <b <span class=\"x\" &amp &#99999999; # \n",
                    n,
                )
            }),
            ("thousands of quote marks", big / 5, |n| {
                repeat_to("\"“”‘’' «» ", n)
            }),
            ("white space only", big / 5, |n| repeat_to(" \n\t\n", n)),
            ("a list of distinct headlines", big / 5, |n| {
                numbered_lines("Council Approves Budget Number {n}", n)
            }),
            ("photo credit lines", big / 5, |n| {
                numbered_lines("Photo: Sam Lee{n} / Reuters", n)
            }),
        ];
        let html_cases: [(&str, usize, Builder); 8] = [
            ("HTML: a huge page", big, html_page),
            ("HTML: nested elements never closed", big / 5, nested),
            ("HTML: megabyte-long attributes", big / 5, long_attributes),
            ("HTML: binary bytes", big / 5, html_binary),
            ("HTML: scripts only", big / 5, |n| {
                repeat_to("<script>var a = '<p>' + \"</p>\";</script>", n)
            }),
            ("HTML: an unclosed comment", big / 5, |n| {
                format!("<p>Text.</p><!-- {}", repeat_to("<p>hidden</p> ", n))
            }),
            ("HTML: <plaintext>", big / 5, |n| {
                format!(
                    "<plaintext>{}",
                    repeat_to("<p>The council met again.</p>\n\n", n)
                )
            }),
            ("HTML: broken character references", big / 5, |n| {
                repeat_to(
                    "<p>&amp &#99999999; &#xD800; &nosuch; &#x; &notit; &;</p>",
                    n,
                )
            }),
        ];
        println!("case                                          size MB   seconds     MB/s");
        for (name, full, build) in cases {
            for share in [4, 2, 1] {
                let text = build(full / share);
                let seconds = time(&text);
                let mb = text.len() as f64 / megabyte as f64;
                println!("{name:<44} {mb:>8.2} {seconds:>9.3} {:>8.1}", mb / seconds);
            }
        }
        for (name, full, build) in html_cases {
            for share in [4, 2, 1] {
                let html = build(full / share);
                let seconds = time_html(&html);
                let mb = html.len() as f64 / megabyte as f64;
                println!("{name:<44} {mb:>8.2} {seconds:>9.3} {:>8.1}", mb / seconds);
            }
        }
    }
}
