//! A page's HTML: any bytes, decoded as the CLI decodes an `.html` file (`read_html_bytes`:
//! byte order mark, UTF-8, declared charset, windows-1252), then analysed as HTML. The
//! report must keep the invariants of `tests/common`, each article checked against its
//! `source` (the page's visible text, which its offsets refer to), and `clean_html` must give
//! what `analyze` gives for the same page (one code path).
#![no_main]

use article_analyzer::{analyze, clean_html, read_html_bytes, Document, Options};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let decoded = read_html_bytes(data);
    let docs = [Document::html("page", decoded.text.as_str())];
    let report =
        analyze(&docs, &Options::default()).expect("one article with an id is a valid batch");
    let problems = common::report_violations(&docs, &report);
    assert!(problems.is_empty(), "the report breaks invariants: {problems:?}");
    let article = &report.articles[0];
    let source = article
        .source
        .as_deref()
        .expect("an HTML article carries its source");
    common::assert_invariants(source, article);
    common::assert_quote_invariants(source, &article.blocks, &article.quotes);
    let mut from_clean = clean_html(&decoded.text);
    from_clean.id = "page".into();
    assert_eq!(&from_clean, article, "clean_html and analyze disagree");
});
