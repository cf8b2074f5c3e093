//! `analyze` over one article: any bytes, decoded as the CLI decodes a file (invalid UTF-8
//! replaced), with the default options. The report and the article must keep every invariant
//! of `tests/common` (offsets, blocks, text, quotes, groups).
#![no_main]

use article_analyzer::{analyze, Document, Options, DEFAULT_MAX_ARTICLE_BYTES};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let docs = [Document::new("article", String::from_utf8_lossy(data))];
    let report =
        analyze(&docs, &Options::default()).expect("one article with an id is a valid batch");
    common::assert_report_invariants(&docs, DEFAULT_MAX_ARTICLE_BYTES, &report);
});
