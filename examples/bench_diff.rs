//! Speed of `diff_texts` / `diff_articles` on two 10,000-word texts: the common case (a near
//! copy) and the worst ones (unrelated texts, the same words in another order).
//!
//! ```text
//! cargo run --release --example bench_diff [-- --words N --runs R --seed S]
//! ```
//! or `scripts/bench_diff.sh`. Texts are generated here from an invented vocabulary (no
//! article text): common function words at their English frequencies between content words
//! drawn from a few thousand made-up ones, in paragraphs of 30 to 120 words. Each case is
//! diffed `--runs` times; the median and the slowest run are printed with the summary
//! sentence. Budgets: a near copy under 10 ms, any case under 1 s (two unrelated texts
//! "must not take seconds"); the program exits with status 1 when one is missed.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use article_analyzer::{diff_articles, diff_texts, Article, DiffSummary};

const USAGE: &str = "usage: bench_diff [--words N] [--runs R] [--seed S]";

/// A near copy of two 10,000-word articles diffs in less than this.
const NEAR_COPY_BUDGET: Duration = Duration::from_millis(10);
/// No case may take longer than this.
const WORST_CASE_BUDGET: Duration = Duration::from_secs(1);

/// SplitMix64: a small, good PRNG so that the same seed gives the same texts.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The most frequent English words, most frequent first: they make up about half of the
/// words of news text, so two unrelated texts share them as real ones do.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "had", "are", "but", "from", "or", "have", "an", "they",
    "which", "one", "were", "said", "her", "all", "she", "there", "would", "their", "we",
    "him", "been", "has", "when", "who", "will", "no", "more", "if", "out", "so", "up",
];
#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ka", "ron", "vel", "mi", "sta", "dor", "lin", "pe", "gra", "tos", "quen", "bal", "fi",
    "mor", "zu", "ten", "har", "lo", "wen", "tri", "sol", "an", "ber", "cu", "nor", "ped",
];

/// An invented content word (two or three syllables), the same for the same number.
fn content_word(number: usize) -> String {
    let mut word = String::new();
    let mut n = number;
    for _ in 0..2 + number % 2 {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    word
}

/// Paragraphs of about `words` words in all.
fn paragraphs(random: &mut Random, words: usize) -> Vec<String> {
    let vocabulary: Vec<String> = (0..4000).map(content_word).collect();
    let mut paragraphs = Vec::new();
    let mut written = 0;
    while written < words {
        let length = 30 + random.below(91);
        let mut paragraph = String::new();
        for index in 0..length {
            if index > 0 {
                paragraph.push(' ');
            }
            // About half function words, skewed to the frequent ones (min of two draws).
            let word = if random.below(2) == 0 {
                let rank = random
                    .below(FUNCTION_WORDS.len())
                    .min(random.below(FUNCTION_WORDS.len()));
                FUNCTION_WORDS[rank].to_string()
            } else {
                vocabulary[random.below(vocabulary.len())].clone()
            };
            paragraph.push_str(&word);
            if index + 1 == length {
                paragraph.push('.');
            } else if random.below(12) == 0 {
                paragraph.push(',');
            }
        }
        written += length;
        paragraphs.push(paragraph);
    }
    paragraphs
}

fn article(id: &str, title: &str, paragraphs: &[String]) -> Article {
    Article {
        id: id.into(),
        title: Some(title.into()),
        text: paragraphs.join("\n\n"),
        ..Article::default()
    }
}

/// A syndicated copy: a new headline, five words changed, a paragraph added in the middle,
/// one moved, the last two dropped.
fn near_copy(random: &mut Random, original: &[String]) -> Vec<String> {
    let mut copy: Vec<String> = original.to_vec();
    for _ in 0..5 {
        let paragraph = random.below(copy.len());
        let mut words: Vec<String> = copy[paragraph].split(' ').map(String::from).collect();
        let at = random.below(words.len().saturating_sub(1).max(1));
        words[at] = "changed".into();
        copy[paragraph] = words.join(" ");
    }
    let middle = copy.len() / 2;
    copy.insert(
        middle,
        "An added paragraph with a few words of its own.".into(),
    );
    let moved = copy.remove(3);
    copy.insert(copy.len() - 5, moved);
    copy.truncate(copy.len() - 2);
    copy
}

/// The words of `paragraphs` shuffled into one paragraph: the same vocabulary in another
/// order, the longest edit script for texts that share every word.
fn shuffled_words(random: &mut Random, paragraphs: &[String]) -> String {
    let mut words: Vec<&str> = paragraphs.iter().flat_map(|p| p.split(' ')).collect();
    for index in (1..words.len()).rev() {
        words.swap(index, random.below(index + 1));
    }
    words.join(" ")
}

struct Case {
    name: &'static str,
    budget: Duration,
    run: Box<dyn Fn() -> DiffSummary>,
}

fn measure(case: &Case, runs: usize) -> (Duration, Duration, DiffSummary) {
    let mut times = Vec::with_capacity(runs);
    let mut summary = None;
    for _ in 0..runs {
        let start = Instant::now();
        let result = (case.run)();
        times.push(start.elapsed());
        summary = Some(result);
    }
    times.sort();
    (
        times[times.len() / 2],
        times[times.len() - 1],
        summary.expect("at least one run"),
    )
}

fn run() -> Result<bool, String> {
    let mut words = 10_000;
    let mut runs = 21;
    let mut seed = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number\n{USAGE}"))
        };
        match arg.as_str() {
            "--words" => words = value("--words")?,
            "--runs" => runs = value("--runs")?.max(1),
            "--seed" => seed = value("--seed")? as u64,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let mut random = Random(seed);
    let original = paragraphs(&mut random, words);
    let unrelated = paragraphs(&mut random, words);
    let copy = near_copy(&mut random, &original);
    let mut reordered = original.clone();
    for index in (1..reordered.len()).rev() {
        reordered.swap(index, random.below(index + 1));
    }
    let edited_everywhere: Vec<String> = original
        .iter()
        .map(|p| p.replacen(' ', " also ", 1))
        .collect();
    let one_paragraph = original.join(" ");
    let shuffled = shuffled_words(&mut random, &original);

    let a = article("a", "Council approves the harbour plan", &original);
    let b = article("b", "Harbour plan wins approval", &copy);
    let original_text = a.text.clone();
    let unrelated_text = unrelated.join("\n\n");
    let reordered_text = reordered.join("\n\n");
    let edited_text = edited_everywhere.join("\n\n");
    let unrelated_one = unrelated.join(" ");
    let cases = [
        Case {
            name: "near copy (headline, 5 words, 1 paragraph added, 1 moved, 2 cut)",
            budget: NEAR_COPY_BUDGET,
            run: Box::new(move || diff_articles(&a, &b).summary),
        },
        Case {
            name: "one word added to every paragraph",
            budget: WORST_CASE_BUDGET,
            run: {
                let (x, y) = (original_text.clone(), edited_text);
                Box::new(move || diff_texts(&x, &y).summary)
            },
        },
        Case {
            name: "unrelated texts",
            budget: WORST_CASE_BUDGET,
            run: {
                let (x, y) = (original_text.clone(), unrelated_text);
                Box::new(move || diff_texts(&x, &y).summary)
            },
        },
        Case {
            name: "unrelated texts, each one paragraph",
            budget: WORST_CASE_BUDGET,
            run: {
                let (x, y) = (one_paragraph.clone(), unrelated_one);
                Box::new(move || diff_texts(&x, &y).summary)
            },
        },
        Case {
            name: "the same paragraphs in random order",
            budget: WORST_CASE_BUDGET,
            run: {
                let (x, y) = (original_text.clone(), reordered_text);
                Box::new(move || diff_texts(&x, &y).summary)
            },
        },
        Case {
            name: "the same words in random order, one paragraph",
            budget: WORST_CASE_BUDGET,
            run: {
                let (x, y) = (one_paragraph, shuffled);
                Box::new(move || diff_texts(&x, &y).summary)
            },
        },
    ];
    println!(
        "diff of two texts of about {words} words ({} paragraphs), {runs} runs each, seed {seed}",
        original.len()
    );
    let mut all_met = true;
    for case in &cases {
        let (median, slowest, summary) = measure(case, runs);
        let met = median < case.budget;
        all_met &= met;
        println!(
            "{:<66} median {:>9.3} ms, slowest {:>9.3} ms (budget {} ms{})\n    {}",
            case.name,
            median.as_secs_f64() * 1e3,
            slowest.as_secs_f64() * 1e3,
            case.budget.as_millis(),
            if met { "" } else { ", MISSED" },
            summary.sentence
        );
    }
    Ok(all_met)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("bench_diff: a budget was missed");
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("bench_diff: {message}");
            ExitCode::from(2)
        }
    }
}
