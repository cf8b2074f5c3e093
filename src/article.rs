//! One article from its document: the size limit, cleaning, then quote extraction. No
//! cross-article work.
//!
//! May use the cleaning and quote rooms (and text, report); the comparing room builds on it.

use crate::clean::{clean_article, clean_page, looks_binary, Cleaned};
use crate::markup::read_page;
use crate::report::{Article, Document, InputFormat, Options};
use crate::text::ArticleWords;

/// Largest article text analysed by default, in UTF-8 bytes (64 MiB). Text past it is not
/// analysed and the article carries a warning naming the limit.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;

/// Cleans one document (with its overrides) and extracts its quotes: no cross-article work.
pub fn analyze_one(doc: &Document, options: &Options) -> Article {
    analyze_one_with_words(doc, options).0
}

/// [`analyze_one`], with the words of the article's paragraphs as the cleaner found them, so
/// that what reads the cleaned text's words next (the story summary and the duplicate
/// fingerprint) need not scan it again.
pub fn analyze_one_with_words(doc: &Document, options: &Options) -> (Article, ArticleWords) {
    match doc.format {
        InputFormat::Text => analyze_text(doc, options),
        InputFormat::Html => analyze_html(doc, options),
    }
}

fn limit(options: &Options) -> usize {
    options
        .max_article_bytes
        .unwrap_or(DEFAULT_MAX_ARTICLE_BYTES)
}

/// A page's HTML: read into its visible text and structure, then cleaned. The size limit
/// applies to the visible text (the markup around it costs only reading time, which is
/// linear).
fn analyze_html(doc: &Document, options: &Options) -> (Article, ArticleWords) {
    let mut page = read_page(&doc.text);
    let limit = limit(options);
    let mut warnings = Vec::new();
    let length = page.source.len();
    if page.truncate(limit) {
        warnings.push(format!(
            "the page's text is {length} bytes long, over the limit of {limit} bytes: only the first {} bytes were analysed",
            page.source.len(),
        ));
    }
    // Binary bytes read as a page leave little visible text (stray '<'s open tags that
    // swallow it), so the markup is looked at too: HTML holds no control characters.
    if looks_binary(&doc.text) || looks_binary(&page.source) {
        warnings.push(
            "the page looks like binary data (many control or undecodable characters), not HTML; the result is probably meaningless"
                .to_string(),
        );
    }
    let Cleaned {
        mut article,
        words,
        kept_spans,
    } = clean_page(&page, &doc.overrides);
    if options.quotes.unwrap_or(true) {
        article.quotes = crate::quotes::extract_with_spans(&page.source, &kept_spans);
    }
    article.id = doc.id.clone();
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    article.source = Some(page.source);
    (article, words)
}

fn analyze_text(doc: &Document, options: &Options) -> (Article, ArticleWords) {
    let (id, text) = (doc.id.as_str(), doc.text.as_str());
    let limit = limit(options);
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
    let Cleaned {
        mut article,
        words,
        kept_spans,
    } = clean_article(accepted, &doc.overrides);
    if options.quotes.unwrap_or(true) {
        article.quotes = crate::quotes::extract_with_spans(accepted, &kept_spans);
    }
    article.id = id.to_string();
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    (article, words)
}

/// The largest character boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::{extract, extract_with_spans};
    use crate::report::{BlockOverride, Quote};

    /// An invented article whose quotes sit after characters of one, two, three and four
    /// UTF-8 bytes (and two UTF-16 units), so a byte span and a UTF-16 offset differ.
    const ARTICLE: &str = "Harbour wall repaired after the winter storms\n\nBy Zoë Alvarez\n\n\
        The harbour wall at Ménière was repaired this week. “The work took longer than we \
        planned,” said Émile Durand, the harbour master. 😀 Boats returned on Tuesday.\n\n\
        Fishers were pleased. “We can sail again,” said Ana Sørensen, who leads the \
        cooperative. “It has been a long winter.”\n\n\
        The council said the repairs cost €40,000 and that a second wall would follow \
        next year, once the budget allows it.\n\n\
        Related: Storm damage in pictures";

    /// The quotes from the cleaner's byte spans, and from the blocks' UTF-16 offsets.
    fn both_ways(input: &str, cleaned: &Cleaned) -> (Vec<Quote>, Vec<Quote>) {
        (
            extract_with_spans(input, &cleaned.kept_spans),
            extract(input, &cleaned.article.blocks),
        )
    }

    #[test]
    fn the_cleaners_spans_give_the_quotes_the_blocks_offsets_give() {
        let cleaned = clean_article(ARTICLE, &[]);
        let (from_spans, from_blocks) = both_ways(ARTICLE, &cleaned);
        assert!(
            from_spans.len() >= 2,
            "the article's quotes are found: {from_spans:?}"
        );
        assert_eq!(from_spans, from_blocks);
        // The user's corrections change which blocks are kept: every block in turn
        // restored or dropped.
        for block in 0..cleaned.article.blocks.len() {
            let kept = !cleaned.article.blocks[block].kept;
            let corrected = clean_article(ARTICLE, &[BlockOverride { block, kept }]);
            let (from_spans, from_blocks) = both_ways(ARTICLE, &corrected);
            assert_eq!(from_spans, from_blocks, "with block {block} kept: {kept}");
        }
    }

    #[test]
    fn a_pages_spans_give_the_quotes_its_blocks_offsets_give() {
        let html: String = ARTICLE
            .split("\n\n")
            .map(|paragraph| format!("<p>{paragraph}</p>\n"))
            .collect();
        let page = read_page(&format!(
            "<html><body><article>{html}</article></body></html>"
        ));
        let cleaned = clean_page(&page, &[]);
        let (from_spans, from_blocks) = both_ways(&page.source, &cleaned);
        assert!(
            from_spans.len() >= 2,
            "the page's quotes are found: {from_spans:?}"
        );
        assert_eq!(from_spans, from_blocks);
    }
}
