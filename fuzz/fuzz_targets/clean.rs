//! `clean` over one article (any bytes, invalid UTF-8 replaced): the article's blocks,
//! text and quotes must keep the invariants of `tests/common`, and `clean` must give what
//! `analyze` gives for the same text (one code path).
#![no_main]

use article_analyzer::{analyze, clean, Document, Options};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let article = clean(&input);
    common::assert_invariants(&input, &article);
    common::assert_quote_invariants(&input, &article.blocks, &article.quotes);
    let report = analyze(&[Document::new("x", input.as_ref())], &Options::default())
        .expect("one article with an id is a valid batch");
    let mut from_analyze = report.articles.into_iter().next().expect("one article");
    from_analyze.id.clear();
    assert_eq!(article, from_analyze, "clean and analyze disagree");
});
