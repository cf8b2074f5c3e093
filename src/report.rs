//! The report shape every front door returns (see `../shared/contract.md`): plain data with
//! serde derives, field names in the contract's camelCase. No analysis happens here.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// One article handed to `analyze`: an identifier chosen by the caller and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Caller's identifier (a file name in the CLI); reports refer to articles by it.
    pub id: String,
    /// The article as pasted (plain text, any language, any size the caller accepts), or
    /// the page's HTML when `format` is [`InputFormat::Html`].
    pub text: String,
    /// What `text` holds: plain text (the default) or HTML.
    #[serde(default, skip_serializing_if = "InputFormat::is_text")]
    pub format: InputFormat,
    /// The user's corrections of the cleaner: blocks to keep or drop whatever the cleaner
    /// decided. Optional; empty when the cleaner's verdicts stand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<BlockOverride>,
}

impl Document {
    /// Builds a document from an id and its text, without overrides.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            format: InputFormat::Text,
            overrides: Vec::new(),
        }
    }

    /// Builds a document from an id and a page's HTML, without overrides.
    pub fn html(id: impl Into<String>, html: impl Into<String>) -> Self {
        Document {
            format: InputFormat::Html,
            ..Document::new(id, html)
        }
    }
}

/// What a document's `text` holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text, as pasted: block offsets refer to it.
    #[default]
    Text,
    /// A page's HTML: the engine reads its visible text and its structure, and the article's
    /// `source` holds the text that block and quote offsets refer to.
    Html,
}

impl InputFormat {
    /// Whether this is plain text (the default, left out of serialised documents).
    pub fn is_text(&self) -> bool {
        *self == InputFormat::Text
    }

    /// The format's name in documents: `text` or `html`.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
        }
    }
}

/// A user's correction of one block's verdict: restore a removed block or remove a kept one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockOverride {
    /// Index into the article's `blocks` (as the cleaner returns them for the same text).
    pub block: usize,
    /// Whether the block is to be part of the cleaned text.
    pub kept: bool,
}

/// What the report holds across articles: story groups, duplicates and quote groups, the
/// part of a [`Report`] that needs the whole batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossArticle {
    /// A partition of all article ids: one group per news event.
    pub story_groups: Vec<Vec<String>>,
    /// Pairs of articles that are the same text or a light edit of each other.
    pub duplicates: Vec<DuplicatePair>,
    /// The same statement quoted in two or more articles.
    pub quote_groups: Vec<Vec<QuoteRef>>,
}

/// Settings for an analysis. Every field has a default, so `{}` (or no options) is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// Maximum size of one article's text in UTF-8 bytes; longer texts are cut at this
    /// limit (at a character boundary) and the article gets a warning naming the limit.
    /// `None` means the default, 64 MiB (`DEFAULT_MAX_ARTICLE_BYTES`).
    pub max_article_bytes: Option<usize>,
    /// Whether to extract quotes (`Article::quotes`); `None` means yes. Batch users who only
    /// want clean text can turn it off, which makes the analysis faster.
    pub quotes: Option<bool>,
}

/// The result of analysing a batch of articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// One entry per input document, in input order.
    pub articles: Vec<Article>,
    /// A partition of all article ids: one group per news event.
    pub story_groups: Vec<Vec<String>>,
    /// Pairs of articles that are the same text or a light edit of each other.
    pub duplicates: Vec<DuplicatePair>,
    /// The same statement quoted in two or more articles.
    pub quote_groups: Vec<Vec<QuoteRef>>,
}

/// One analysed article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// The document's id.
    pub id: String,
    /// The headline, without markup.
    pub title: Option<String>,
    /// Person(s) from the byline, without "By" and the outlet; several joined with "; ".
    pub author: Option<String>,
    /// Publication date as `YYYY-MM-DD`, when the text states it.
    pub date: Option<String>,
    /// The cleaned body: kept paragraphs, normalised, joined by a blank line.
    pub text: String,
    /// Every paragraph of the input, kept or not, in input order.
    pub blocks: Vec<Block>,
    /// Quotations found in the kept body.
    pub quotes: Vec<Quote>,
    /// Things the user should know about this article's input (cut, re-decoded, empty...).
    pub warnings: Vec<String>,
    /// For HTML input, the page's visible text that block and quote offsets refer to (one
    /// block per paragraph, separated by blank lines). Absent for text input, whose offsets
    /// refer to the input itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What a block of the input is, as decided by the cleaner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The article's headline.
    Title,
    /// The byline naming the author(s).
    Byline,
    /// A date, dateline or other metadata line ("Updated 3 hours ago", "date 2025-06-30").
    Date,
    /// A paragraph of the article body.
    Body,
    /// A section heading inside the article.
    Heading,
    /// A photo or video caption.
    Caption,
    /// A photo credit or image source line.
    Credit,
    /// Part of a related-content region (marker, headlines, teasers, their dates).
    Related,
    /// Navigation, share/subscribe prompts, cookie notices, copyright lines, markup debris.
    Boilerplate,
    /// A repeat of an earlier paragraph.
    Duplicate,
}

impl BlockKind {
    /// The contract's name for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Byline => "byline",
            BlockKind::Date => "date",
            BlockKind::Body => "body",
            BlockKind::Heading => "heading",
            BlockKind::Caption => "caption",
            BlockKind::Credit => "credit",
            BlockKind::Related => "related",
            BlockKind::Boilerplate => "boilerplate",
            BlockKind::Duplicate => "duplicate",
        }
    }
}

/// One paragraph of the input with the cleaner's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    /// Start offset in the input, UTF-16 code units.
    pub start: usize,
    /// End offset (exclusive) in the input, UTF-16 code units.
    pub end: usize,
    /// What the block is.
    pub kind: BlockKind,
    /// Whether the block is part of the cleaned `text`.
    pub kept: bool,
    /// A short human-readable why, shown to users deciding whether to restore it. Borrowed
    /// when the reason is a fixed phrase (most are), so a verdict allocates nothing; it
    /// serialises as the same string either way.
    pub reason: Cow<'static, str>,
}

/// Whether a quotation is a whole statement, a fragment inside reported speech, or runs
/// over several paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A quoted sentence or more.
    Direct,
    /// A few quoted words inside reported speech.
    Partial,
    /// A quotation spanning several paragraphs.
    Block,
}

impl QuoteKind {
    /// The contract's name for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Block => "block",
        }
    }
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The quoted words without the quote marks.
    pub text: String,
    /// Who said it, as the fullest name the article gives; `None` when not said.
    pub speaker: Option<String>,
    /// The reporting word or phrase ("said", "according to", ...).
    pub cue: Option<String>,
    /// Start offset of the quoted words in the input, UTF-16 code units.
    pub start: usize,
    /// End offset (exclusive), UTF-16 code units.
    pub end: usize,
    /// Direct, partial or block quotation.
    pub kind: QuoteKind,
}

/// Two articles whose texts are the same or nearly so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicatePair {
    /// Id of one article: the smaller of the two ids (so the pair does not depend on
    /// input order).
    pub a: String,
    /// Id of the other article.
    pub b: String,
    /// Estimated Jaccard similarity of the cleaned texts, 0.0 to 1.0.
    pub similarity: f64,
    /// `exact` or `near`.
    pub kind: DuplicateKind,
}

/// How close two duplicate articles are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateKind {
    /// The same text after normalisation.
    Exact,
    /// A light edit or syndicated copy.
    Near,
}

/// A reference to one quote of one article, as used in quote groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRef {
    /// The article's id.
    pub article: String,
    /// Index into that article's `quotes`.
    pub quote: usize,
    /// How this quote differs from its group's reference (the group's longest quote, whose
    /// own change says `reference`). Always given in quote groups the analyzer makes; absent
    /// from references built by hand or read from reports made before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<QuoteChange>,
}

impl QuoteRef {
    /// A reference to quote `quote` of article `article`, without a change.
    pub fn new(article: impl Into<String>, quote: usize) -> Self {
        QuoteRef {
            article: article.into(),
            quote,
            change: None,
        }
    }
}

/// What one outlet did to a statement another quotes at greater length, in a word a person
/// understands. Words are compared in lowercase, without punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QuoteChangeLabel {
    /// The group's reference quote (its longest), which the others are compared with.
    Reference,
    /// The same words in the same order (case and punctuation aside).
    Identical,
    /// An excerpt: fewer words, all of them the reference's in order (one word in ten may
    /// differ), cut at the ends or in at most two places.
    Shortened,
    /// The reference is an excerpt of this one (the same rules the other way round).
    Extended,
    /// At least half of the shorter quote's words stand in the other in the same order;
    /// the rest were replaced, added or dropped.
    Reworded,
    /// Fewer than half of the words are shared in order, though the content words' stems
    /// that grouped the quotes are: another translation (or a paraphrase) of the remark.
    DifferentTranslation,
}

/// How a quote of a group differs from the group's reference quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteChange {
    /// The kind of change, in a word.
    pub label: QuoteChangeLabel,
    /// Words of the reference also in this quote, in the same order.
    pub words_shared: usize,
    /// Words of this quote not in the reference, beyond those replacing reference words.
    pub words_added: usize,
    /// Words of the reference not in this quote, beyond those replaced.
    pub words_dropped: usize,
    /// Words of the reference replaced by others (in each run of dropped and added words,
    /// the smaller count).
    pub words_changed: usize,
    /// Whether the speaker is written differently ("Merkel" against "Angela Merkel").
    pub speaker_differs: bool,
    /// Whether the reporting verb differs ("said" against "warned"; "said" and "says" are
    /// one verb, not a difference).
    pub cue_differs: bool,
}
