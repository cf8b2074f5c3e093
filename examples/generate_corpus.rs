//! Writes a synthetic corpus of pasted news pages for benchmarks and duplicate-detection tests.
//!
//! ```text
//! cargo run --release --example generate_corpus -- --out target/bench/corpus.jsonl \
//!     [--articles N] [--bytes TARGET] [--seed S]
//! ```
//!
//! Each line of `--out` is a JSON object `{"id", "text"}`. A text looks like a whole news page
//! copied from a browser: navigation, headline, byline ("By Name Surname, Outlet Staff"), a
//! date line, 5–15 body paragraphs with quotations, a photo caption with its credit, a
//! "More News" region of headline/teaser/date items, share and subscribe prompts and a
//! copyright line. All words come from the small vocabulary below (no real article text).
//!
//! Generation stops after `--articles` pages or once the output reaches `--bytes` bytes,
//! whichever comes first (default: 100 articles when neither is given). The same seed gives
//! the same file. About 3% of the pages are exact copies and about 6% near copies of an
//! earlier page (syndicated: often a new headline, a few words changed, the ending trimmed
//! or extended by a paragraph or two, another outlet's page furniture); the
//! sidecar `FILE.truth.json` lists them:
//! `{"seed", "articles", "bytes", "duplicates": [{"id", "original", "kind": "exact"|"near"}]}`.
//!
//! Uses only the standard library: its own PRNG (SplitMix64) and JSON string escaping.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage: generate_corpus --out FILE [--articles N] [--bytes TARGET] [--seed S]
  --out FILE        JSONL output ({\"id\",\"text\"} per line); truth goes to FILE.truth.json
  --articles N      stop after N articles
  --bytes TARGET    stop once the output holds TARGET bytes (suffixes k, M, G allowed)
  --seed S          PRNG seed (default 1); the same seed gives the same corpus";

/// Share of pages that are exact copies of an earlier page, in per mille.
const EXACT_DUPLICATE_PER_MILLE: u64 = 30;
/// Share of pages that are near copies of an earlier page, in per mille.
const NEAR_DUPLICATE_PER_MILLE: u64 = 60;

// ------------------------------------------------------------------------------------------
// Vocabulary (invented for this generator). Kept in compact rows rather than one word per line.

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Anna", "Marcus", "Lena", "David", "Priya", "Tomas", "Grace", "Omar", "Sofia", "Daniel",
    "Mei", "Jonas", "Clara", "Samuel", "Amara", "Felix", "Nora", "Victor", "Elena", "Hugo",
    "Maya", "Rafael", "Ingrid", "Kofi", "Julia", "Pavel", "Rosa", "Ethan", "Hana", "Luca",
];
#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Whitfield", "Moreno", "Lindqvist", "Okafor", "Brennan", "Castellano", "Hargrove",
    "Nakamura", "Delacroix", "Petrov", "Ashworth", "Varga", "Mendel", "Quinlan", "Oyelaran",
    "Sorensen", "Bianchi", "Kowalski", "Fairbanks", "Takeda", "Rourke", "Halvorsen", "Adeyemi",
    "Lestrange", "Marchetti", "Vance", "Holloway", "Strand", "Ibarra", "Kessler",
];
#[rustfmt::skip]
const OUTLETS: &[&str] = &[
    "Daily Meridian", "Harbor Times", "Northern Ledger", "Capital Courier", "Valley Herald",
    "Evening Sentinel", "Coastal Post", "Metro Tribune",
];
#[rustfmt::skip]
const AGENCIES: &[&str] = &["AFP", "Reuters", "AP", "Bloomberg", "EPA", "NurPhoto"];
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "the director of", "an analyst at", "a senior official at", "the chair of",
    "a researcher at", "the chief executive of", "a board member of",
];
#[rustfmt::skip]
const CAPTION_SUBJECTS: &[&str] = &[
    "Residents", "Volunteers", "Commuters", "Protesters", "Rescue workers", "Fishermen",
    "Students", "Shop owners",
];
#[rustfmt::skip]
const ORGANISATIONS: &[&str] = &[
    "the city council", "the transport ministry", "the Riverside Institute",
    "the national weather service", "the port authority", "Halden Energy",
    "the teachers' union", "the regional health board", "the central bank",
    "the Greenway Trust",
];
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Port Avery", "Eastbridge", "the northern province", "Lake Morrow", "the capital",
    "Westfield county", "the river delta", "Kingsport", "the coastal region", "Millbrook",
];
#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "the council", "residents", "officials", "the company", "lawmakers", "investors",
    "the new plan", "the committee", "local farmers", "the ministry", "engineers",
    "the school board", "emergency crews", "the agency", "voters", "small businesses",
];
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "approved", "rejected", "delayed", "expanded", "questioned", "announced", "reviewed",
    "criticised", "funded", "postponed", "welcomed", "challenged", "proposed", "suspended",
];
#[rustfmt::skip]
const OBJECTS: &[&str] = &[
    "a new budget for the harbour", "the bridge repairs", "plans for a wind farm",
    "the water rationing rules", "a pilot program for electric buses", "the tax proposal",
    "the hospital expansion", "a review of school funding", "the housing scheme",
    "new flood defences", "the rail timetable", "a ban on night flights",
    "the recycling contract", "emergency loans for growers", "the airport runway project",
];
#[rustfmt::skip]
const ADVERBIALS: &[&str] = &[
    "on Tuesday", "after months of debate", "late on Friday", "earlier this week",
    "despite strong objections", "for the second time this year", "in a close vote",
    "without public consultation", "following heavy rains", "ahead of the winter season",
];
#[rustfmt::skip]
const REASONS: &[&str] = &[
    "costs had risen sharply", "the previous deadline was missed", "demand kept growing",
    "several audits found gaps", "the weather forecast worsened", "funding ran short",
    "the public response was strong", "new data changed the estimates",
];
#[rustfmt::skip]
const QUOTE_OPENERS: &[&str] = &[
    "We have waited long enough", "This is not the end of the discussion",
    "Nobody expected the numbers to move this quickly", "Our priority is keeping people safe",
    "It was the right decision at the right time", "We will keep asking hard questions",
    "The details still matter a great deal", "Families deserve a clear answer",
    "There is more work ahead of us", "Frankly, the plan needs another look",
];
#[rustfmt::skip]
const QUOTE_TAILS: &[&str] = &[
    "and we intend to see it through", "but the costs worry many people here",
    "even if it takes another year", "because the evidence is there",
    "and everyone in this town knows it", "so we are asking for patience",
];
#[rustfmt::skip]
const HEADLINE_TOPICS: &[&str] = &[
    "Storm damage", "Harbour budget", "School funding", "Rail strike", "Housing scheme",
    "Water rationing", "Airport expansion", "Bridge repair", "Energy price cap", "Flood barrier",
];
#[rustfmt::skip]
const HEADLINE_ENDINGS: &[&str] = &[
    "sparks debate in the council", "faces fresh delays", "wins narrow approval",
    "draws hundreds to public meeting", "leaves residents divided", "prompts a review",
    "returns to the agenda", "tops the list of voter concerns",
];
#[rustfmt::skip]
const SECTIONS: &[&str] = &[
    "Home", "World", "Politics", "Business", "Tech", "Science", "Sports", "Opinion",
    "Culture", "Travel", "Weather",
];
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];
#[rustfmt::skip]
const NEAR_EDIT_WORDS: &[&str] = &[
    "officials", "plan", "week", "residents", "council", "project", "budget", "town",
];

// ------------------------------------------------------------------------------------------
// PRNG.

/// SplitMix64: small, fast and good enough for test data; deterministic for a given seed.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    /// True with probability `per_mille / 1000`.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }
}

// ------------------------------------------------------------------------------------------
// Page generation.

/// The parts of a page that stay with the story when another outlet republishes it.
#[derive(Clone)]
struct Story {
    title: String,
    author: String,
    date: (u64, usize, u64),
    paragraphs: Vec<String>,
    caption: String,
    credit: String,
    /// The people quoted: name, role, whether "she".
    speakers: Vec<(String, &'static str, bool)>,
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn statement(rng: &mut Rng) -> String {
    let mut sentence = format!(
        "{} {} {} {}",
        capitalise(rng.pick(SUBJECTS)),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(ADVERBIALS)
    );
    if rng.chance(500) {
        let _ = write!(sentence, " because {}", rng.pick(REASONS));
    }
    if rng.chance(300) {
        let _ = write!(
            sentence,
            ", according to figures from {}",
            rng.pick(ORGANISATIONS)
        );
    }
    sentence.push('.');
    sentence
}

fn quotation(rng: &mut Rng) -> String {
    format!("{}, {}", rng.pick(QUOTE_OPENERS), rng.pick(QUOTE_TAILS))
}

/// A body paragraph: plain statements, sometimes with a direct or reported quotation.
fn paragraph(rng: &mut Rng, speakers: &[(String, &'static str, bool)]) -> String {
    let mut text = String::new();
    for _ in 0..rng.range(1, 3) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&statement(rng));
    }
    let (name, role, female) = &speakers[(rng.next_u64() % speakers.len() as u64) as usize];
    let pronoun = if *female { "she" } else { "he" };
    let (open, close) = if rng.chance(800) {
        ('\u{201C}', '\u{201D}')
    } else {
        ('"', '"')
    };
    match rng.range(0, 4) {
        0 => {
            let _ = write!(text, " {open}{},{close} {pronoun} said.", quotation(rng));
        }
        1 => {
            let _ = write!(
                text,
                " {open}{},{close} said {name}, {role} {}.",
                quotation(rng),
                rng.pick(ORGANISATIONS)
            );
        }
        2 => {
            let surname = name.rsplit(' ').next().unwrap_or(name);
            let _ = write!(
                text,
                " {surname} told reporters in {} that {}.",
                rng.pick(PLACES),
                rng.pick(REASONS)
            );
        }
        _ => {}
    }
    text
}

fn new_story(rng: &mut Rng) -> Story {
    let speakers: Vec<(String, &'static str, bool)> = (0..rng.range(1, 3))
        .map(|_| {
            let female = rng.chance(500);
            let role = if rng.chance(300) {
                if female {
                    "a spokeswoman for"
                } else {
                    "a spokesman for"
                }
            } else {
                rng.pick(ROLES)
            };
            (person(rng), role, female)
        })
        .collect();
    let paragraphs = (0..rng.range(5, 15))
        .map(|_| paragraph(rng, &speakers))
        .collect();
    Story {
        title: format!(
            "{} in {} {}",
            rng.pick(HEADLINE_TOPICS),
            rng.pick(PLACES),
            rng.pick(HEADLINE_ENDINGS)
        ),
        author: person(rng),
        date: (
            rng.range(2015, 2025),
            rng.range(0, 11) as usize,
            rng.range(1, 28),
        ),
        paragraphs,
        caption: format!(
            "{} gather near the waterfront in {} {}.",
            rng.pick(CAPTION_SUBJECTS),
            rng.pick(PLACES),
            rng.pick(ADVERBIALS)
        ),
        credit: format!("({}/{} via Getty Images)", person(rng), rng.pick(AGENCIES)),
        speakers,
    }
}

fn date_line(rng: &mut Rng, (year, month, day): (u64, usize, u64)) -> String {
    let hour = rng.range(1, 12);
    let minute = rng.range(0, 59);
    match rng.range(0, 3) {
        0 => format!(
            "Published {} {day}, {year} at {hour}:{minute:02} p.m. ET",
            MONTHS[month]
        ),
        1 => format!("Updated {day} {} {year}", MONTHS[month]),
        2 => format!("{year}-{:02}-{day:02}", month + 1),
        _ => format!(
            "{} {day}, {year} / {hour}:{minute:02} AM",
            &MONTHS[month][..3]
        ),
    }
}

/// Lays a story out as a full page from `outlet`, with its navigation, related items and
/// footer.
fn render_page(rng: &mut Rng, story: &Story, outlet: &str) -> String {
    let mut page = String::with_capacity(6000);
    page.push_str("Skip to content\n");
    let _ = writeln!(page, "{outlet}");
    let sections: Vec<&str> = SECTIONS
        .iter()
        .copied()
        .filter(|_| rng.chance(700))
        .collect();
    if rng.chance(500) {
        let _ = writeln!(page, "{}", sections.join(" | "));
    } else {
        for section in &sections {
            let _ = writeln!(page, "  * {section}");
        }
    }
    page.push_str("Subscribe   Sign in\n\n");
    let _ = writeln!(page, "{}\n", story.title);
    let _ = writeln!(page, "By {}, {outlet} Staff", story.author);
    let _ = writeln!(page, "{}\n", date_line(rng, story.date));
    let caption_after = rng.range(0, 2) as usize;
    for (index, text) in story.paragraphs.iter().enumerate() {
        if index == caption_after {
            // Credits sit on the caption's line or on the next one, as pages differ.
            let separator = if rng.chance(600) { " " } else { "\n" };
            let _ = writeln!(page, "{}{separator}{}\n", story.caption, story.credit);
        }
        let _ = writeln!(page, "{text}\n");
        if index == 3 && rng.chance(400) {
            let _ = writeln!(page, "Advertisement\n");
        }
    }
    page.push_str("Share this article\nFacebook Twitter Email Copy link\n\n");
    page.push_str("More News\n\n");
    for _ in 0..rng.range(3, 6) {
        let _ = writeln!(
            page,
            "{} in {} {}",
            rng.pick(HEADLINE_TOPICS),
            rng.pick(PLACES),
            rng.pick(HEADLINE_ENDINGS)
        );
        let _ = writeln!(page, "{}", statement(rng));
        let (year, month, day) = (
            rng.range(2015, 2025),
            rng.range(0, 11) as usize,
            rng.range(1, 28),
        );
        let _ = writeln!(page, "{} {day}, {year}\n", MONTHS[month]);
    }
    let _ = writeln!(
        page,
        "Subscribe to the {outlet} newsletter for the day's top stories, delivered every morning.\n"
    );
    let _ = writeln!(
        page,
        "\u{00A9} {} {outlet}. All rights reserved.",
        story.date.0
    );
    page.push_str("Privacy Policy | Terms of Use | Contact Us\n");
    page
}

/// A syndicated copy of a story, as another outlet runs it: a new headline more often than
/// not, a few words changed, and the ending trimmed by one or two paragraphs or extended by
/// one or two (each about a third of the time). The page around it (navigation, related
/// items, footer) is the other outlet's.
fn edit_story(rng: &mut Rng, story: &Story) -> Story {
    let mut edited = story.clone();
    if rng.chance(600) {
        edited.title = format!(
            "{} in {} {}",
            rng.pick(HEADLINE_TOPICS),
            rng.pick(PLACES),
            rng.pick(HEADLINE_ENDINGS)
        );
    }
    for _ in 0..rng.range(1, 4) {
        let index = (rng.next_u64() % edited.paragraphs.len() as u64) as usize;
        let words: Vec<&str> = edited.paragraphs[index].split(' ').collect();
        let position = (rng.next_u64() % words.len() as u64) as usize;
        let replacement = rng.pick(NEAR_EDIT_WORDS);
        let rebuilt: Vec<&str> = words
            .iter()
            .enumerate()
            .map(|(i, word)| if i == position { replacement } else { word })
            .collect();
        edited.paragraphs[index] = rebuilt.join(" ");
    }
    match rng.range(0, 2) {
        0 if edited.paragraphs.len() > 6 => {
            for _ in 0..rng.range(1, 2) {
                edited.paragraphs.pop();
            }
        }
        1 => {
            for _ in 0..rng.range(1, 2) {
                let added = paragraph(rng, &edited.speakers);
                edited.paragraphs.push(added);
            }
        }
        _ => {}
    }
    edited
}

// ------------------------------------------------------------------------------------------
// Output.

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Arguments {
    out: String,
    articles: Option<u64>,
    bytes: Option<u64>,
    seed: u64,
}

fn parse_size(value: &str) -> Result<u64, String> {
    let (digits, factor) = match value.chars().last() {
        Some('k' | 'K') => (&value[..value.len() - 1], 1_000),
        Some('M') => (&value[..value.len() - 1], 1_000_000),
        Some('G') => (&value[..value.len() - 1], 1_000_000_000),
        _ => (value, 1),
    };
    digits
        .parse::<u64>()
        .map(|n| n * factor)
        .map_err(|_| format!("{value:?} is not a size (a number, optionally ending in k, M or G)"))
}

fn parse_arguments() -> Result<Arguments, String> {
    let mut args = std::env::args().skip(1);
    let mut parsed = Arguments {
        out: String::new(),
        articles: None,
        bytes: None,
        seed: 1,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--out" => parsed.out = value()?,
            "--articles" => parsed.articles = Some(parse_size(&value()?)?),
            "--bytes" => parsed.bytes = Some(parse_size(&value()?)?),
            "--seed" => {
                let seed = value()?;
                parsed.seed = seed
                    .parse()
                    .map_err(|_| format!("--seed {seed:?} is not a number"))?
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if parsed.out.is_empty() {
        return Err("--out FILE is required".into());
    }
    if parsed.articles.is_none() && parsed.bytes.is_none() {
        parsed.articles = Some(100);
    }
    Ok(parsed)
}

fn generate(arguments: &Arguments) -> std::io::Result<(u64, u64, String)> {
    let mut rng = Rng(arguments.seed);
    let mut writer = BufWriter::new(std::fs::File::create(&arguments.out)?);
    // Stories already written, with their id and page, for planting duplicates.
    let mut originals: Vec<(String, Story, String)> = Vec::new();
    let mut duplicates = String::new();
    let mut written_bytes = 0u64;
    let mut count = 0u64;
    let mut line = String::new();
    while arguments.articles.is_none_or(|n| count < n)
        && arguments.bytes.is_none_or(|n| written_bytes < n)
    {
        count += 1;
        let id = format!("gen-{count:06}");
        let roll = rng.range(0, 999);
        let (page, copied_from) = if !originals.is_empty() && roll < EXACT_DUPLICATE_PER_MILLE {
            let source = &originals[(rng.next_u64() % originals.len() as u64) as usize];
            (source.2.clone(), Some((source.0.clone(), "exact")))
        } else if !originals.is_empty()
            && roll < EXACT_DUPLICATE_PER_MILLE + NEAR_DUPLICATE_PER_MILLE
        {
            let index = (rng.next_u64() % originals.len() as u64) as usize;
            let story = edit_story(&mut rng, &originals[index].1);
            let outlet = rng.pick(OUTLETS);
            (
                render_page(&mut rng, &story, outlet),
                Some((originals[index].0.clone(), "near")),
            )
        } else {
            let story = new_story(&mut rng);
            let outlet = rng.pick(OUTLETS);
            let page = render_page(&mut rng, &story, outlet);
            // Keep a bounded pool of originals so memory stays small on large corpora.
            if originals.len() < 2000 {
                originals.push((id.clone(), story, page.clone()));
            } else {
                let slot = (rng.next_u64() % originals.len() as u64) as usize;
                originals[slot] = (id.clone(), story, page.clone());
            }
            (page, None)
        };
        if let Some((original, kind)) = copied_from {
            if !duplicates.is_empty() {
                duplicates.push_str(",\n    ");
            }
            let _ = write!(
                duplicates,
                "{{\"id\": \"{id}\", \"original\": \"{original}\", \"kind\": \"{kind}\"}}"
            );
        }
        line.clear();
        line.push_str("{\"id\":");
        push_json_string(&mut line, &id);
        line.push_str(",\"text\":");
        push_json_string(&mut line, &page);
        line.push_str("}\n");
        writer.write_all(line.as_bytes())?;
        written_bytes += line.len() as u64;
    }
    writer.flush()?;
    Ok((count, written_bytes, duplicates))
}

fn main() -> ExitCode {
    let arguments = match parse_arguments() {
        Ok(arguments) => arguments,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("generate_corpus: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (count, bytes, duplicates) = match generate(&arguments) {
        Ok(result) => result,
        Err(error) => {
            eprintln!("generate_corpus: cannot write {}: {error}", arguments.out);
            return ExitCode::FAILURE;
        }
    };
    let truth_path = format!("{}.truth.json", arguments.out);
    let truth = format!(
        "{{\n  \"seed\": {},\n  \"articles\": {count},\n  \"bytes\": {bytes},\n  \"duplicates\": [\n    {duplicates}\n  ]\n}}\n",
        arguments.seed
    );
    if let Err(error) = std::fs::write(&truth_path, truth) {
        eprintln!("generate_corpus: cannot write {truth_path}: {error}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {count} articles ({bytes} bytes) to {}; duplicates in {truth_path}",
        arguments.out
    );
    ExitCode::SUCCESS
}
