//! The core's limits (docs/limits.md): an article longer than `Options::max_article_bytes`
//! (default [`DEFAULT_MAX_ARTICLE_BYTES`]) is analysed up to the limit, exactly as that part
//! would be on its own, and gets a warning naming the limit; a batch of more than
//! [`MAX_DOCUMENTS`] articles is refused with an error naming the limit. The command line's
//! limits are tested in tests/cli.rs. No test asserts a time.
// Native only: the wasm API is tested in tests/wasm_api.rs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use article_analyzer::{
    analyze, clean, AnalyzeError, Document, Options, DEFAULT_MAX_ARTICLE_BYTES, MAX_DOCUMENTS,
};

use common::{accepted_prefix, assert_report_invariants};

/// An article with a headline, a byline, quotations (one over two paragraphs) and
/// characters of one to four bytes, so that limits fall inside characters and quotes.
const ARTICLE: &str = "Caf\u{e9} Owners Celebrate Forty Years \u{1F389}\n\n\
By Ann Lake\n\n\
March 3, 2025\n\n\
The caf\u{e9} on the harbour front opened in 1985 and has not closed for a single day since, its owners said on Monday, as regulars gathered for a party that ran late into the evening.\n\n\
\u{201c}We never thought it would last this long,\u{201d} said Marta Silva, who runs the caf\u{e9} with her brother. \u{201c}Every winter we wondered whether the town would still come.\n\n\
\u{201c}It always did,\u{201d} she added.\n\n\
Her brother, Jo\u{e3}o Silva, said the secret was the bread: \"We bake it every morning at four, and we have never bought a loaf.\"\n\n\
The town council gave the owners a plaque, and the mayor said the caf\u{e9} had become \u{2018}the living room of the harbour\u{2019} for three generations.\n";

/// The report's one article for `text` analysed with a limit of `limit` bytes.
fn analysed_with_limit(text: &str, limit: usize) -> article_analyzer::Article {
    let docs = [Document::new("cafe", text)];
    let options = Options {
        max_article_bytes: Some(limit),
        ..Options::default()
    };
    let report = analyze(&docs, &options).expect("one article with an id is a valid batch");
    assert_report_invariants(&docs, limit, &report);
    report.articles.into_iter().next().expect("one article")
}

#[test]
fn an_article_over_the_limit_is_analysed_up_to_it_as_if_alone() {
    // Every 7th byte as the limit: cuts inside multi-byte characters, words, quotations
    // (the one over two paragraphs included) and between paragraphs.
    for limit in (0..ARTICLE.len()).step_by(7) {
        let article = analysed_with_limit(ARTICLE, limit);
        let accepted = accepted_prefix(ARTICLE, limit);
        let alone = clean(accepted);
        assert_eq!(
            article.warnings[0],
            format!(
                "the text is {} bytes long, over the limit of {limit} bytes: only the first {} bytes were analysed",
                ARTICLE.len(),
                accepted.len()
            ),
            "the first warning names the limit"
        );
        assert_eq!(&article.warnings[1..], &alone.warnings[..]);
        assert_eq!(article.blocks, alone.blocks, "limit {limit}: blocks");
        assert_eq!(article.text, alone.text, "limit {limit}: text");
        assert_eq!(article.quotes, alone.quotes, "limit {limit}: quotes");
        assert_eq!(
            (&article.title, &article.author, &article.date),
            (&alone.title, &alone.author, &alone.date),
            "limit {limit}: metadata"
        );
    }
}

#[test]
fn an_article_at_the_limit_is_whole_and_has_no_warning() {
    let article = analysed_with_limit(ARTICLE, ARTICLE.len());
    assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    assert_eq!(article.text, clean(ARTICLE).text);
    assert!(article.text.contains("living room of the harbour"));
}

#[test]
fn the_default_limit_applies_without_options() {
    // White space is the cheapest text to analyse, so 64 MiB of it stays quick.
    let text = format!("{}past the limit", " ".repeat(DEFAULT_MAX_ARTICLE_BYTES));
    let report = analyze(&[Document::new("big", text)], &Options::default()).expect("valid");
    let warnings = &report.articles[0].warnings;
    assert!(
        warnings[0].contains(&format!(
            "over the limit of {DEFAULT_MAX_ARTICLE_BYTES} bytes"
        )),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("only white space")),
        "the accepted part (white space) is analysed: {warnings:?}"
    );
    assert_eq!(
        report.articles[0].text, "",
        "the text past the limit is left out"
    );
}

#[test]
fn a_batch_over_the_document_limit_is_an_error_naming_it() {
    let docs: Vec<Document> = (0..=MAX_DOCUMENTS)
        .map(|index| Document::new(index.to_string(), ""))
        .collect();
    let error = analyze(&docs, &Options::default()).expect_err("one document too many");
    assert_eq!(
        error,
        AnalyzeError::TooManyDocuments {
            given: MAX_DOCUMENTS + 1,
            limit: MAX_DOCUMENTS
        }
    );
    let message = error.to_string();
    assert!(
        message.contains(&MAX_DOCUMENTS.to_string()) && message.contains("split"),
        "the message names the limit and what to do: {message}"
    );
}
