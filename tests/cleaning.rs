//! Data-driven tests of the cleaner: every article in `tests/fixtures/` (format described in
//! `tests/fixtures/README.md`) is cleaned with `article_analyzer::clean` and checked against
//! its `.expected.json`: metadata, kept and dropped text, the kinds of removed blocks, and
//! the invariants every article satisfies. One test per fixture, so a failure names it.
// Native only: it reads the fixture files from disk (the wasm API is tested in
// tests/wasm_api.rs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use article_analyzer::{clean, Article, Block};
use serde::Deserialize;

use common::{assert_invariants, describe_blocks, excerpt, utf16_offset};

/// What a fixture's `.expected.json` says about its cleaned article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    drop: Vec<String>,
    #[serde(default)]
    once: Vec<String>,
    #[serde(default)]
    kinds: BTreeMap<String, String>,
    #[serde(default)]
    same_block: Vec<[String; 2]>,
    #[serde(default)]
    text: Option<String>,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read fixture {}: {error}", path.display()))
}

fn load_expected(name: &str) -> Expected {
    let path = fixtures_dir().join(format!("{name}.expected.json"));
    let json = read(&path);
    let value: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
    for field in ["title", "author", "date"] {
        assert!(
            value.get(field).is_some(),
            "{} must state \"{field}\" (null when the article has none)",
            path.display()
        );
    }
    serde_json::from_value(value)
        .unwrap_or_else(|error| panic!("{} does not match the format: {error}", path.display()))
}

/// Splits a `kinds` key into the substring and which occurrence of it (1-based) is meant.
fn parse_kind_key(key: &str) -> (&str, usize) {
    match key.rsplit_once("@@") {
        Some((needle, occurrence)) => {
            let occurrence = occurrence
                .parse()
                .unwrap_or_else(|_| panic!("bad occurrence number in kinds key {key:?}"));
            assert!(occurrence >= 1, "occurrences count from 1 in {key:?}");
            (needle, occurrence)
        }
        None => (key, 1),
    }
}

/// Byte span of the `occurrence`-th (1-based) occurrence of `needle` in `input`.
fn find_occurrence(input: &str, needle: &str, occurrence: usize) -> Option<(usize, usize)> {
    input
        .match_indices(needle)
        .nth(occurrence - 1)
        .map(|(start, found)| (start, start + found.len()))
}

/// The block whose UTF-16 span holds the UTF-16 span `[start, end)`.
fn block_holding(article: &Article, start: usize, end: usize) -> Option<&Block> {
    article
        .blocks
        .iter()
        .find(|block| block.start <= start && end <= block.end)
}

/// The block holding the input's byte span, converted to UTF-16 here, independently of the
/// crate.
fn block_holding_bytes<'a>(
    input: &str,
    article: &'a Article,
    (start, end): (usize, usize),
) -> Option<&'a Block> {
    block_holding(
        article,
        utf16_offset(input, start),
        utf16_offset(input, end),
    )
}

/// Cleans fixture `name` and checks every expectation, reporting all failures at once.
fn check_fixture(name: &str) {
    let input = read(&fixtures_dir().join(format!("{name}.txt")));
    let expected = load_expected(name);
    let article = clean(&input);
    assert_invariants(&input, &article);

    let mut failures = Vec::new();
    for (field, want, got) in [
        ("title", &expected.title, &article.title),
        ("author", &expected.author, &article.author),
        ("date", &expected.date, &article.date),
    ] {
        if want != got {
            failures.push(format!("{field}: expected {want:?}, got {got:?}"));
        }
    }
    if let Some(text) = &expected.text {
        if *text != article.text {
            failures.push(format!(
                "text: expected exactly {:?}, got {:?}",
                excerpt(text),
                excerpt(&article.text)
            ));
        }
    }
    for needle in &expected.keep {
        if !article.text.contains(needle.as_str()) {
            failures.push(format!("text lacks kept text {needle:?}"));
        }
    }
    for needle in &expected.drop {
        if article.text.contains(needle.as_str()) {
            failures.push(format!("text still holds dropped text {needle:?}"));
        }
    }
    for needle in &expected.once {
        let count = article.text.matches(needle.as_str()).count();
        if count != 1 {
            failures.push(format!(
                "text holds {needle:?} {count} times, expected once"
            ));
        }
    }
    for (key, kinds) in &expected.kinds {
        let (needle, occurrence) = parse_kind_key(key);
        let span = find_occurrence(&input, needle, occurrence).unwrap_or_else(|| {
            panic!("fixture {name}: occurrence {occurrence} of {needle:?} is not in the input")
        });
        let accepted: Vec<&str> = kinds.split('|').collect();
        match block_holding_bytes(&input, &article, span) {
            None => failures.push(format!("no single block holds {key:?}")),
            Some(block) if !accepted.contains(&block.kind.as_str()) => failures.push(format!(
                "block holding {key:?} is {:?} ({}), expected {kinds:?}",
                block.kind.as_str(),
                block.reason
            )),
            Some(_) => {}
        }
    }
    for [first, second] in &expected.same_block {
        let first_span = find_occurrence(&input, first, 1)
            .unwrap_or_else(|| panic!("fixture {name}: {first:?} is not in the input"));
        let second_span = find_occurrence(&input, second, 1)
            .unwrap_or_else(|| panic!("fixture {name}: {second:?} is not in the input"));
        let together = block_holding_bytes(&input, &article, (first_span.0, second_span.1));
        if together.is_none() {
            failures.push(format!(
                "{first:?} and {second:?} are not in one block (wrapped lines not rejoined)"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "fixture {name}:\n- {}\n\ncleaned text:\n{}\n\nblocks:\n{}",
        failures.join("\n- "),
        article.text,
        describe_blocks(&input, &article)
    );
}

/// Declares one test per fixture, and a test that every fixture file is declared.
macro_rules! fixtures {
    ($($name:ident),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_fixture(stringify!($name));
            }
        )+

        /// A fixture without a test would silently never run.
        #[test]
        fn every_fixture_file_has_a_test() {
            let declared = [$(stringify!($name)),+];
            let mut missing = Vec::new();
            for entry in std::fs::read_dir(fixtures_dir()).expect("tests/fixtures is readable") {
                let file_name = entry.expect("directory entry").file_name();
                let file_name = file_name.to_string_lossy();
                if let Some(name) = file_name.strip_suffix(".txt") {
                    if !declared.contains(&name) {
                        missing.push(name.to_string());
                    }
                    let expected = fixtures_dir().join(format!("{name}.expected.json"));
                    assert!(expected.exists(), "{} is missing", expected.display());
                }
            }
            assert!(
                missing.is_empty(),
                "add these fixtures to the fixtures! list in tests/cleaning.rs: {missing:?}"
            );
        }
    };
}

fixtures! {
    more_news_on_the_same_topic,
    body_pasted_twice,
    code_sample_and_teasers,
    standfirst_bio_comments,
    caption_file_photo,
    council_budget,
    date_label_line,
    digest_ledes,
    duplicate_paragraph,
    german_article,
    hard_wrapped,
    headline_repeated_bold,
    last_updated_only,
    markdown_artifacts,
    navigation_menu,
    no_headline_name_lede,
    photo_credit_getty,
    related_inline_read_more,
    related_more_news,
    related_unmarked,
    related_you_may_also_like,
    share_subscribe_cookie,
    single_line,
    spanish_article,
    teaser_dates,
    teaser_dates_no_own_date,
    related_under_headline,
    two_authors_relative_date,
    leading_date_token,
    leading_published_token,
    leading_posted_token,
    bold_headline_after_standfirst,
    photo_title_line,
    photo_title_above_lead_photo,
}

/// Astral characters (emoji: one `char`, four UTF-8 bytes, two UTF-16 code units) before
/// and inside paragraphs: block offsets are UTF-16 code units, so that JavaScript's
/// `input.slice(start, end)` gives the paragraph.
#[test]
fn offsets_are_utf16_code_units_after_astral_characters() {
    let first = "🎉🎉 Festival Draws Record Crowd to the Harbour 🎉";
    let second = "The summer festival 🎶 drew more than forty thousand visitors over three days, organisers said on Sunday, the largest crowd since the event began.";
    let third = "Food stalls 🍜 ran out of supplies by Saturday evening, and the organisers promised more vendors and longer opening hours next year.";
    let input = format!("{first}\n\n{second}\n\n{third}\n");
    let article = clean(&input);
    assert_invariants(&input, &article);

    let utf16: Vec<u16> = input.encode_utf16().collect();
    for paragraph in [second, third] {
        let byte_start = input.find(paragraph).expect("paragraph is in the input");
        let start = utf16_offset(&input, byte_start);
        let end = start + paragraph.encode_utf16().count();
        // The test is only meaningful where the three ways of counting disagree.
        let chars = input[..byte_start].chars().count();
        assert!(start != byte_start && start != chars);
        let block = article
            .blocks
            .iter()
            .find(|block| block.start == start)
            .unwrap_or_else(|| {
                panic!(
                    "no block starts at UTF-16 offset {start} (byte {byte_start}, char {chars}):\n{}",
                    describe_blocks(&input, &article)
                )
            });
        assert_eq!(block.end, end, "block of {paragraph:?} ends elsewhere");
        assert_eq!(
            String::from_utf16(&utf16[block.start..block.end]).expect("slice is valid UTF-16"),
            paragraph
        );
        assert!(block.kept, "{paragraph:?} should be kept");
        assert!(article.text.contains(paragraph), "text lacks {paragraph:?}");
    }
}

/// The invariant checks must be able to fail: each kind of broken article is caught.
#[test]
fn invariant_checks_catch_broken_articles() {
    let input = "😀 Harbour Wall Repairs Finished Early\n\nRepairs to the harbour wall at Port Allen were finished two weeks early, the harbour board said on Monday.\n\nThe work cost less than expected because the contractors reused most of the original granite blocks.\n";
    let good = clean(input);
    assert!(
        common::invariant_violations(input, &good).is_empty(),
        "the unbroken article passes:\n{}",
        describe_blocks(input, &good)
    );
    assert!(good.blocks.len() >= 3 && good.blocks.iter().any(|block| !block.kept));
    let removed = good
        .blocks
        .iter()
        .position(|block| !block.kept)
        .expect("a removed block");

    let mut breakages: Vec<(&str, Article)> = Vec::new();
    let mut swapped = good.clone();
    swapped.blocks.swap(1, 2);
    breakages.push(("blocks out of order", swapped));
    let mut inside_surrogate = good.clone();
    inside_surrogate.blocks[0].start = 1;
    breakages.push(("offset inside a surrogate pair", inside_surrogate));
    let mut missing = good.clone();
    missing.blocks.remove(removed);
    breakages.push(("a paragraph in no block", missing));
    let mut wrong_text = good.clone();
    wrong_text.text.push_str("\n\nA paragraph from nowhere.");
    breakages.push(("text with an extra paragraph", wrong_text));
    let mut foreign_words = good.clone();
    foreign_words.text = foreign_words.text.replacen("Repairs", "Storms", 1);
    breakages.push(("text not from its block", foreign_words));
    let mut no_reason = good.clone();
    no_reason.blocks[removed].reason = "".into();
    breakages.push(("removed block without a reason", no_reason));
    let mut past_end = good.clone();
    if let Some(last) = past_end.blocks.last_mut() {
        last.end = common::utf16_len(input) + 5;
    }
    breakages.push(("block past the end", past_end));

    for (what, broken) in breakages {
        assert!(
            !common::invariant_violations(input, &broken).is_empty(),
            "the checks should catch: {what}"
        );
    }
}

/// The user's corrections: restoring a removed block keeps it (with its kind) and says so;
/// removing a kept block drops it; an index past the last block is ignored with a warning.
#[test]
fn overrides_restore_and_remove_blocks() {
    use article_analyzer::{analyze_one, BlockOverride, Document, Options};
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/more_news_on_the_same_topic.txt"),
    )
    .expect("fixture");
    let plain = clean(&text);
    let related = plain
        .blocks
        .iter()
        .position(|b| !b.kept && b.kind == article_analyzer::BlockKind::Related)
        .expect("a removed related block");
    let body = plain
        .blocks
        .iter()
        .position(|b| b.kept)
        .expect("a kept block");
    let doc = Document {
        overrides: vec![
            BlockOverride {
                block: related,
                kept: true,
            },
            BlockOverride {
                block: body,
                kept: false,
            },
            BlockOverride {
                block: 10_000,
                kept: true,
            },
        ],
        ..Document::new("corrected", text.clone())
    };
    let corrected = analyze_one(&doc, &Options::default());
    let restored = &corrected.blocks[related];
    assert!(restored.kept && restored.kind == article_analyzer::BlockKind::Related);
    assert!(
        restored.reason.starts_with("restored by you"),
        "{}",
        restored.reason
    );
    assert!(!corrected.blocks[body].kept);
    assert!(corrected.blocks[body].reason.starts_with("removed by you"));
    let span = |b: &Block| {
        let mut bytes = common::Utf16ToByte::new(&text);
        let start = bytes.byte_offset(b.start).expect("boundary");
        let end = bytes.byte_offset(b.end).expect("boundary");
        &text[start..end]
    };
    assert!(corrected.text.contains(span(restored).trim()));
    assert!(!corrected.text.contains(span(&plain.blocks[body]).trim()));
    assert_eq!(corrected.warnings.len(), 1, "{:?}", corrected.warnings);
    assert!(corrected.warnings[0].contains("block 10000"));
}
