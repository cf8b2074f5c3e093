//! Times the analysis (cleaning and quote extraction) of one article of 1, 10 and 100 MB, to
//! show that time grows linearly with the input: MB/s should stay about level across sizes.
//! A benchmark, not a test: it prints figures and asserts nothing.
//!
//! ```text
//! cargo run --release --example bench_scaling -- [--sizes 1,10,100] [--runs N]
//! ```
//!
//! The article is built here: a headline, byline and date, then body paragraphs with
//! quotations (one over two paragraphs), section headings, photo captions with credits and
//! "Read more" lines, repeated with a word of their own so that no paragraph repeats another,
//! until the text reaches the size (MB = 10^6 bytes of UTF-8). It is analysed with
//! [`article_analyzer::analyze`] with quotes on and `max_article_bytes` set to its length, so
//! the whole text is analysed even past the default limit of 64 MiB (docs/limits.md). Each
//! size is analysed `--runs` times (default 3); the line shows the median seconds and MB/s,
//! with the number of blocks, kept blocks and quotes found as a check that the work was done.
//! Everything runs on the calling thread.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    eprintln!("bench_scaling measures native speed; run it with `cargo run --release --example bench_scaling`");
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::process::ExitCode;
    use std::time::Instant;

    use article_analyzer::{analyze, Document, Options};

    const USAGE: &str =
        "usage: bench_scaling [--sizes MB,MB,...] [--runs N]   (default 1,10,100 and 3)";

    const MEGABYTE: usize = 1_000_000;

    const HEADER: &str = "Home | World | Business | Sport\n\n\
        Harbour Town Marks Forty Years of Its Ferry Service\n\n\
        By Ann Lake, Coastal Post Staff\n\n\
        March 3, 2025\n\n";

    /// One section of the body; `{n}` becomes the section's own word (see [`section_word`]).
    const SECTION: &str = "At Pier {n} the ferry between the harbour and the island made its morning crossing on Monday, the operator said, and the captain sounded the horn as the boat left the quay in a light rain.\n\n\
        \u{201c}From Pier {n} we have carried fishermen, tourists and school classes, and we have never missed a winter,\u{201d} said Marta Silva, the operator\u{2019}s director, speaking on the quay. \u{201c}The island depends on this boat.\n\n\
        \u{201c}We intend to keep Pier {n} open for another forty years,\u{201d} she added.\n\n\
        Passengers at Pier {n}\n\n\
        Islanders at Pier {n} said the service had changed little over the years. \"The timetable is the same one my father used,\" said Jo\u{e3}o Pereira, who has taken the morning boat for thirty years, according to the operator.\n\n\
        Passengers board the morning ferry at Pier {n}.\n\
        (Jane Doe/AFP via Getty Images)\n\n\
        Read more: Island School Wins Award at Pier {n}\n\n\
        The council of Pier {n} said it would repaint the waiting room and replace the ramp before the summer, and that the fares would not rise this year, after a long debate in which several members asked about the cost of fuel. \u{1F6A2}\n\n";

    /// An article of at least `bytes` bytes.
    fn article(bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + SECTION.len() * 2);
        text.push_str(HEADER);
        let mut number = 0;
        while text.len() < bytes {
            number += 1;
            text.push_str(&SECTION.replace("{n}", &section_word(number)));
        }
        text
    }

    /// A word of its own for section `number` (its decimal digits as the letters a to j,
    /// capitalised): the cleaner takes paragraphs that differ only in numbers for repeats,
    /// so the sections must differ in a word.
    fn section_word(number: usize) -> String {
        let mut word: String = number
            .to_string()
            .bytes()
            .map(|digit| char::from(b'a' + (digit - b'0')))
            .collect();
        word[..1].make_ascii_uppercase();
        word
    }

    struct Arguments {
        sizes: Vec<usize>,
        runs: usize,
    }

    fn parse_arguments() -> Result<Arguments, String> {
        let mut arguments = Arguments {
            sizes: vec![1, 10, 100],
            runs: 3,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--sizes" => {
                    let value = args.next().ok_or("--sizes needs a list such as 1,10,100")?;
                    arguments.sizes = value
                        .split(',')
                        .map(|size| size.trim().parse::<usize>())
                        .collect::<Result<_, _>>()
                        .map_err(|_| {
                            format!("--sizes takes whole megabytes such as 1,10,100, not {value:?}")
                        })?;
                }
                "--runs" => {
                    let value = args.next().ok_or("--runs needs a number")?;
                    arguments.runs = value
                        .parse()
                        .ok()
                        .filter(|&runs| runs >= 1)
                        .ok_or_else(|| format!("--runs takes a number >= 1, not {value:?}"))?;
                }
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        if arguments.sizes.is_empty() || arguments.sizes.contains(&0) {
            return Err("--sizes needs sizes of at least 1 MB".into());
        }
        Ok(arguments)
    }

    pub fn main() -> ExitCode {
        let arguments = match parse_arguments() {
            Ok(arguments) => arguments,
            Err(message) => {
                eprintln!("bench_scaling: {message}\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        println!(
            "one article, cleaning + quotes, median of {} run(s), one thread",
            arguments.runs
        );
        println!(
            "{:>8} {:>10} {:>10} {:>10} {:>9} {:>9}",
            "size MB", "blocks", "kept", "quotes", "seconds", "MB/s"
        );
        for size in arguments.sizes {
            let text = article(size * MEGABYTE);
            let docs = [Document::new("article", text)];
            let options = Options {
                max_article_bytes: Some(docs[0].text.len()),
                quotes: Some(true),
            };
            let mut seconds = Vec::with_capacity(arguments.runs);
            let mut found = (0, 0, 0);
            for _ in 0..arguments.runs {
                let started = Instant::now();
                let report = analyze(black_box(&docs), &options).expect("a valid batch");
                seconds.push(started.elapsed().as_secs_f64());
                let article = &report.articles[0];
                let kept = article.blocks.iter().filter(|block| block.kept).count();
                found = (article.blocks.len(), kept, article.quotes.len());
                drop(black_box(report));
            }
            seconds.sort_by(f64::total_cmp);
            let median = seconds[seconds.len() / 2];
            let megabytes = docs[0].text.len() as f64 / MEGABYTE as f64;
            println!(
                "{megabytes:>8.1} {:>10} {:>10} {:>10} {median:>9.3} {:>9.1}",
                found.0,
                found.1,
                found.2,
                megabytes / median
            );
        }
        ExitCode::SUCCESS
    }
}
