//! `analyze` over several articles: the input is split into articles at the ASCII record
//! separator (0x1E), each decoded with invalid UTF-8 replaced, with ids "a0", "a1", ...
//! Options: quotes on, and a small size limit so that cutting an article at a character
//! boundary is fuzzed too. The report (story groups, duplicates, quote groups) and every
//! article must keep the invariants of `tests/common`.
#![no_main]

use article_analyzer::{analyze, Document, Options};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

/// Byte that separates two articles in the fuzz input.
const SEPARATOR: u8 = 0x1E;

/// Size limit per article: small enough that -max_len inputs get cut.
const MAX_ARTICLE_BYTES: usize = 16 * 1024;

fuzz_target!(|data: &[u8]| {
    let docs: Vec<Document> = data
        .split(|&byte| byte == SEPARATOR)
        .enumerate()
        .map(|(index, part)| Document::new(format!("a{index}"), String::from_utf8_lossy(part)))
        .collect();
    let options = Options {
        max_article_bytes: Some(MAX_ARTICLE_BYTES),
        quotes: Some(true),
    };
    let report = analyze(&docs, &options).expect("distinct non-empty ids are a valid batch");
    common::assert_report_invariants(&docs, MAX_ARTICLE_BYTES, &report);
});
