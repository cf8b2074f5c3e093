//! One article from its document: the size limit, cleaning, then quote extraction. No
//! cross-article work.
//!
//! May use the cleaning and quote rooms (and text, report); the comparing room builds on it.

use crate::clean::clean_article;
use crate::report::{Article, Document, Options};

/// Largest article text analysed by default, in UTF-8 bytes (64 MiB). Text past it is not
/// analysed and the article carries a warning naming the limit.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;

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
    let mut article = clean_article(accepted, &doc.overrides);
    if options.quotes.unwrap_or(true) {
        article.quotes = crate::quotes::extract(accepted, &article.blocks);
    }
    article.id = id.to_string();
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    article
}

/// The largest character boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
