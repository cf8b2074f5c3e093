//! article-analyzer: cleans pasted news articles, extracts quotes with their speakers and
//! finds duplicates across articles.
//!
//! The crate is a pure engine: [`analyze`] and [`clean`] take text and return the report
//! described in `../shared/contract.md`. The command-line tool (`src/main.rs`) and the wasm
//! bindings (`src/wasm.rs`, compiled only for `wasm32`) are thin layers over these same
//! functions, so the page, the CLI and the tests cannot disagree.

mod attribution;
mod batch;
mod clean;
mod dates;
pub mod duplicates;
mod error;
mod features;
mod lexicon;
mod metadata;
mod noise;
mod offsets;
mod quote_groups;
mod quote_lexicon;
mod quotes;
mod repeats;
mod report;
mod segment;
mod speakers;
mod stories;
mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use batch::Batch;
pub use error::AnalyzeError;
pub use offsets::{utf16_len, Utf16Cursor};
pub use report::{
    Article, Block, BlockKind, BlockOverride, CrossArticle, Document, DuplicateKind, DuplicatePair,
    Options, Quote, QuoteKind, QuoteRef, Report,
};

/// Largest article text analysed by default, in UTF-8 bytes (64 MiB). Text past it is not
/// analysed and the article carries a warning naming the limit.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;

/// Largest number of articles in one batch.
pub const MAX_DOCUMENTS: usize = 1_000_000;

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

/// The quotations of one article with their speakers, found in its cleaned body (the same
/// quotes [`clean`] puts in `Article::quotes`).
pub fn extract_quotes(text: &str) -> Vec<Quote> {
    clean(text).quotes
}

/// The quotations of the kept blocks of an article already cleaned from `text` (its
/// `blocks`, as [`clean`] returns them): quote extraction without cleaning again.
pub fn extract_quotes_from_blocks(text: &str, blocks: &[Block]) -> Vec<Quote> {
    quotes::extract(text, blocks)
}

/// Cleans one document (with its overrides) and extracts its quotes: no cross-article work.
pub fn analyze_one(doc: &Document, options: &Options) -> Article {
    let (id, text) = (doc.id.as_str(), doc.text.as_str());
    let limit = options
        .max_article_bytes
        .unwrap_or(DEFAULT_MAX_ARTICLE_BYTES);
    let mut warnings = Vec::new();
    let accepted = if text.len() > limit {
        let cut = floor_char_boundary(text, limit);
        warnings.push(format!(
            "the text is {} bytes long, over the limit of {limit} bytes: only the first {cut} bytes were analysed",
            text.len(),
        ));
        &text[..cut]
    } else {
        text
    };
    let mut article = clean::clean_article(accepted, &doc.overrides);
    if options.quotes.unwrap_or(true) {
        article.quotes = quotes::extract(accepted, &article.blocks);
    }
    article.id = id.to_string();
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    article
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

/// The largest character boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
