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
//! distinct headlines (an archive page) and a run of photo credit lines. Each is
//! built at a quarter, half and all of `--max-mb` megabytes (the single line at 1/4, 1/2 and
//! 1 MB times `--max-mb`/50, so 1 MB at the default), and cleaned once; the line shows the
//! seconds and MB/s per size. Linear time means MB/s stays about the same across a row.

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

    use article_analyzer::clean;

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
        println!("case                                          size MB   seconds     MB/s");
        for (name, full, build) in cases {
            for share in [4, 2, 1] {
                let text = build(full / share);
                let seconds = time(&text);
                let mb = text.len() as f64 / megabyte as f64;
                println!("{name:<44} {mb:>8.2} {seconds:>9.3} {:>8.1}", mb / seconds);
            }
        }
    }
}
