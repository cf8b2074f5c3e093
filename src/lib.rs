//! article-analyzer: cleans pasted news articles, extracts quotes with their speakers and
//! finds duplicates across articles.
//!
//! The crate is a pure engine: [`analyze`] and [`clean()`] take text (or a page's HTML:
//! [`clean_html`], [`InputFormat`]) and return the report described in
//! `../shared/contract.md`. The command-line tool (`src/bin/article-analyzer/`) and the
//! wasm bindings (`src/wasm.rs`, compiled only for `wasm32`) are thin layers over these
//! same functions, so the page, the CLI and the tests cannot disagree.
//!
//! Inside, the engine is a stack of rooms, each using only the ones below it (checked by
//! `tests/layout.rs`; `docs/architecture.md` describes them): `text` (words, dates,
//! patterns, offsets), `markup` (a page's HTML read into visible text, blocks with their
//! structure, metadata candidates), `clean` (which paragraphs are the article), `quotes`
//! (quotations and their speakers), `article` (one document: limit, clean, quotes) and
//! `compare` (what the articles of a batch share). `report` and `error` hold the types
//! every room shares.

mod article;
mod clean;
mod compare;
mod error;
mod markup;
mod quotes;
mod report;
mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::{analyze_one, DEFAULT_MAX_ARTICLE_BYTES};
pub use compare::diff::{
    diff_articles, diff_texts, ArticleDiff, DiffKind, DiffOp, DiffSummary, ParagraphChange,
    ParagraphStatus, Place, TextDiff,
};
pub use compare::distributed;
pub use compare::duplicates;
#[cfg(not(target_arch = "wasm32"))]
pub use compare::Streamed;
pub use compare::{Batch, MAX_DOCUMENTS};
pub use error::AnalyzeError;
pub use markup::{read_html_bytes, read_page, DecodedHtml, Page, PageBlock};
pub use report::{
    Article, Block, BlockKind, BlockOverride, CrossArticle, Document, DuplicateKind, DuplicatePair,
    InputFormat, Options, Quote, QuoteChange, QuoteChangeLabel, QuoteKind, QuoteRef, Report,
};
pub use text::offsets::{utf16_len, Utf16Cursor};

/// Analyses a batch of articles: cleans each one, extracts its quotes, and finds story
/// groups, duplicates and quote groups across them. Articles come back in input order; the
/// cross-article results do not depend on that order.
///
/// Fails only when the batch itself is malformed (an empty or repeated id, too many
/// documents); problems with one article's text become warnings on that article. To stream
/// a large corpus instead of holding every article, use [`Batch`].
pub fn analyze(docs: &[Document], options: &Options) -> Result<Report, AnalyzeError> {
    validate_batch(docs)?;
    let mut batch = Batch::new(options.clone());
    let mut articles = Vec::with_capacity(docs.len());
    for doc in docs {
        articles.push(batch.add(doc)?);
    }
    let CrossArticle {
        story_groups,
        duplicates,
        quote_groups,
    } = batch.cross_article();
    Ok(Report {
        articles,
        story_groups,
        duplicates,
        quote_groups,
    })
}

/// Cleans one article with default options: metadata, kept body, and every block's verdict.
/// The article's id is empty.
pub fn clean(text: &str) -> Article {
    analyze_one(&Document::new("", text), &Options::default())
}

/// Cleans one page given as HTML, with default options: the engine reads the page's visible
/// text and its structure (see [`read_page`]). Block and quote offsets refer to the
/// article's `source`, the page's text. For a page's bytes, decode them with
/// [`read_html_bytes`] first. The article's id is empty.
pub fn clean_html(html: &str) -> Article {
    analyze_one(&Document::html("", html), &Options::default())
}

/// The quotations of one article with their speakers, found in its cleaned body (the same
/// quotes [`clean()`] puts in `Article::quotes`).
pub fn extract_quotes(text: &str) -> Vec<Quote> {
    clean(text).quotes
}

/// The quotations of the kept blocks of an article already cleaned from `text` (its
/// `blocks`, as [`clean()`] returns them): quote extraction without cleaning again.
pub fn extract_quotes_from_blocks(text: &str, blocks: &[Block]) -> Vec<Quote> {
    quotes::extract(text, blocks)
}

fn validate_batch(docs: &[Document]) -> Result<(), AnalyzeError> {
    if docs.len() > MAX_DOCUMENTS {
        return Err(AnalyzeError::TooManyDocuments {
            given: docs.len(),
            limit: MAX_DOCUMENTS,
        });
    }
    let mut seen = std::collections::HashSet::with_capacity(docs.len());
    for (index, doc) in docs.iter().enumerate() {
        if doc.id.is_empty() {
            return Err(AnalyzeError::EmptyId { index });
        }
        if !seen.insert(doc.id.as_str()) {
            return Err(AnalyzeError::DuplicateId(doc.id.clone()));
        }
    }
    Ok(())
}
