//! JavaScript bindings (compiled only for `wasm32`): converts JS values to the engine's types,
//! calls the same functions as the CLI, and converts the results back. No analysis here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Article, Batch, BlockOverride, Document, InputFormat, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A user's correction of one block: restore a removed block (`kept: true`) or remove a kept one. */
export interface BlockOverride { block: number; kept: boolean; }
/** What an input's `text` holds: plain text (the default) or a page's HTML. */
export type InputFormat = "text" | "html";
/** One article handed to `analyze`; `format` (optional, default "text") says whether `text`
 *  is plain text or HTML; `overrides` (optional) correct the cleaner's verdicts. */
export interface ArticleInput { id: string; text: string; format?: InputFormat; overrides?: BlockOverride[]; }
/** Options of `analyze`; every field is optional. */
export interface AnalyzeOptions {
  /** Largest article text analysed, in UTF-8 bytes; longer text is cut with a warning. */
  maxArticleBytes?: number;
  /** Whether to extract quotes (default true); false only cleans, faster. */
  quotes?: boolean;
}
/** What the cleaner decided a block is. */
export type BlockKind = "title" | "byline" | "date" | "body" | "heading" | "caption"
  | "credit" | "related" | "boilerplate" | "duplicate";
/** One paragraph of the input; offsets are UTF-16 code units (`input.slice(start, end)`; for
 *  HTML input, `article.source.slice(start, end)`). */
export interface Block { start: number; end: number; kind: BlockKind; kept: boolean; reason: string; }
/** A quotation with its speaker; offsets are UTF-16 code units. */
export interface Quote {
  text: string; speaker: string | null; cue: string | null;
  start: number; end: number; kind: "direct" | "partial" | "block";
}
/** One analysed article. For HTML input, `source` is the page's visible text (one block per
 *  paragraph, separated by blank lines) that block and quote offsets refer to; it is absent
 *  for text input, whose offsets refer to the input itself. */
export interface Article {
  id: string; title: string | null; author: string | null; date: string | null;
  text: string; blocks: Block[]; quotes: Quote[]; warnings: string[]; source?: string;
}
/** A pair of duplicate articles. */
export interface DuplicatePair { a: string; b: string; similarity: number; kind: "exact" | "near"; }
/** What one outlet did to a statement, against its quote group's reference (longest) quote. */
export type QuoteChangeLabel = "reference" | "identical" | "shortened" | "extended" | "reworded"
  | "differentTranslation";
/** How a quote of a group differs from the group's reference quote (words lowercase, no punctuation). */
export interface QuoteChange {
  label: QuoteChangeLabel;
  /** Reference words also in this quote, in order. */
  wordsShared: number;
  /** Words of this quote not in the reference, beyond replacements. */
  wordsAdded: number;
  /** Reference words left out, beyond replacements. */
  wordsDropped: number;
  /** Reference words replaced by others. */
  wordsChanged: number;
  /** The speaker is written differently ("Merkel" / "Angela Merkel"). */
  speakerDiffers: boolean;
  /** Another reporting verb ("said" / "warned"; "said" and "says" are one verb). */
  cueDiffers: boolean;
}
/** A reference to one quote of one article; in quote groups, with how it differs from the group's reference. */
export interface QuoteRef { article: string; quote: number; change?: QuoteChange; }
/** The cross-article part of a report. */
export interface CrossArticle { storyGroups: string[][]; duplicates: DuplicatePair[]; quoteGroups: QuoteRef[][]; }
/** One run of a diff: kept, deleted from text `a` or inserted into text `b`. Offsets are
 *  UTF-16 code units (`a.slice(op.aStart, op.aEnd)`); the side a change does not touch has an
 *  empty range where the change stands. */
export interface DiffOp {
  kind: "equal" | "delete" | "insert";
  aStart: number; aEnd: number; bStart: number; bEnd: number;
  /** Words in the run. */
  words: number;
  /** A whole paragraph deleted here and inserted word for word elsewhere (both ops marked). */
  moved: boolean;
}
/** One paragraph of one text and what became of it; `other` is its counterpart's index in the other text. */
export interface ParagraphChange {
  start: number; end: number;
  status: "unchanged" | "changed" | "added" | "removed" | "moved";
  other: number | null;
}
/** Where added or removed paragraphs stand. */
export type Place = "start" | "end" | "middle" | "several";
/** A diff's counts and a sentence saying them. Word counts are inside edited paragraphs. */
export interface DiffSummary {
  identical: boolean; titleChanged: boolean;
  paragraphsAdded: number; paragraphsAddedAt: Place | null;
  paragraphsRemoved: number; paragraphsRemovedAt: Place | null;
  paragraphsMoved: number; paragraphsChanged: number; paragraphsUnchanged: number;
  wordsAdded: number; wordsRemoved: number; wordsChanged: number;
  /** "Headline changed, 1 paragraph removed from the end, 2 words changed." */
  sentence: string;
}
/** What changed from text `a` to text `b` (`diffTexts`). */
export interface TextDiff {
  ops: DiffOp[]; aParagraphs: ParagraphChange[]; bParagraphs: ParagraphChange[]; summary: DiffSummary;
}
/** What changed from article `a` to article `b` (`diffArticles`): the bodies' diff, and the titles' in `titleOps`. */
export interface ArticleDiff extends TextDiff { a: string; b: string; titleOps: DiffOp[]; }
/** What `diffArticles` reads of an article: a whole `Article` will do. */
export interface ArticleText { id?: string; title?: string | null; text: string; }
/** The report every front door returns. */
export interface Report {
  articles: Article[]; storyGroups: string[][]; duplicates: DuplicatePair[]; quoteGroups: QuoteRef[][];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The options argument: `Option<AnalyzeOptionsArgument>` makes it optional in the
    /// TypeScript signatures (`options?: AnalyzeOptions`).
    #[wasm_bindgen(typescript_type = "AnalyzeOptions")]
    pub type AnalyzeOptionsArgument;
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Analyses a batch of `{id, text, format?}` articles (`format: "html"` for a page's HTML)
/// and returns the report. Throws an `Error` saying what was wrong when the arguments are
/// not of that shape.
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Report")]
pub fn analyze_js(
    #[wasm_bindgen(unchecked_param_type = "ArticleInput[]")] docs: JsValue,
    options: Option<AnalyzeOptionsArgument>,
) -> Result<JsValue, JsError> {
    if !js_sys::Array::is_array(&docs) {
        return Err(JsError::new(
            "analyze expects an array of {id, text} objects as its first argument",
        ));
    }
    let docs: Vec<Document> = js_sys::Array::from(&docs)
        .iter()
        .map(|doc| read_document(&doc))
        .collect::<Result<_, _>>()
        .map_err(|problem| {
            JsError::new(&format!(
                "analyze expects an array of {{id: string, text: string, format?: \"text\" | \"html\"}} objects: {problem}"
            ))
        })?;
    let options = parse_options(options)?;
    let report =
        crate::analyze(&docs, &options).map_err(|error| JsError::new(&error.to_string()))?;
    to_js(&report)
}

/// Cleans one article and returns it (no cross-article work). Throws an `Error` when `text`
/// is not a string.
#[wasm_bindgen(js_name = clean, unchecked_return_type = "Article")]
pub fn clean_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let text = expect_string("clean", text)?;
    to_js(&crate::clean(&text))
}

/// Cleans one page given as HTML and returns its article (no cross-article work): the
/// engine reads the page's visible text and its structure; block and quote offsets refer to
/// the article's `source`. Nothing in the HTML is run or fetched. Throws an `Error` when
/// `html` is not a string.
#[wasm_bindgen(js_name = cleanHtml, unchecked_return_type = "Article")]
pub fn clean_html_js(
    #[wasm_bindgen(unchecked_param_type = "string")] html: JsValue,
) -> Result<JsValue, JsError> {
    let html = html.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "cleanHtml expects the page's HTML as a string, got {}",
            type_name(&html)
        ))
    })?;
    to_js(&crate::clean_html(&html))
}

/// The quotations of one article with their speakers (as in `clean(text).quotes`). Throws
/// an `Error` when `text` is not a string.
#[wasm_bindgen(js_name = extractQuotes, unchecked_return_type = "Quote[]")]
pub fn extract_quotes_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let text = expect_string("extractQuotes", text)?;
    to_js(&crate::extract_quotes(&text))
}

/// What changed from article `a` to article `b` (two `Article` objects as `analyze` and
/// `AnalysisBatch.add` return them; only `id`, `title` and `text` are read): the word-level
/// diff of the cleaned texts and of the titles, paragraphs added, removed, moved or edited,
/// and a summary. Throws an `Error` saying which argument is wrong.
#[wasm_bindgen(js_name = diffArticles, unchecked_return_type = "ArticleDiff")]
pub fn diff_articles_js(
    #[wasm_bindgen(unchecked_param_type = "ArticleText")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ArticleText")] b: JsValue,
) -> Result<JsValue, JsError> {
    let a = article_for_diff("first", a)?;
    let b = article_for_diff("second", b)?;
    to_js(&crate::diff_articles(&a, &b))
}

/// What changed from text `a` to text `b` (paragraphs separated by blank lines). Throws an
/// `Error` when either is not a string.
#[wasm_bindgen(js_name = diffTexts, unchecked_return_type = "TextDiff")]
pub fn diff_texts_js(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> Result<JsValue, JsError> {
    let describe = |which: &str, value: &JsValue| {
        JsError::new(&format!(
            "diffTexts expects two strings; the {which} argument is {}",
            type_name(value)
        ))
    };
    let a_text = a.as_string().ok_or_else(|| describe("first", &a))?;
    let b_text = b.as_string().ok_or_else(|| describe("second", &b))?;
    to_js(&crate::diff_texts(&a_text, &b_text))
}

fn article_for_diff(which: &str, value: JsValue) -> Result<Article, JsError> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(JsError::new(&format!(
            "diffArticles expects two Article objects (as analyze returns them); the {which} argument is {}",
            type_name(&value)
        )));
    }
    // The part of an article `diffArticles` compares: `text`, and `id` and `title` if given.
    let read = || -> Result<(String, Option<String>, String), String> {
        let id = optional_string(&value, "id")?.unwrap_or_default();
        let title = optional_string(&value, "title")?;
        let text = required_string(&value, "text")?;
        Ok((id, title, text))
    };
    let (id, title, text) = read().map_err(|problem| {
        JsError::new(&format!(
            "diffArticles: the {which} article is not an {{id, title, text}} object: {problem}"
        ))
    })?;
    Ok(Article {
        id,
        title,
        text,
        ..Article::default()
    })
}

/// "a string", "a number", "an array", "null", "missing"... for error messages.
fn type_name(value: &JsValue) -> String {
    if value.is_undefined() {
        "missing".into()
    } else if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        let name = value.js_typeof().as_string().unwrap_or_default();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }
}

/// A batch analysed one article at a time, for progress reports and for editing a batch:
/// `add` analyses an article and returns it, `remove` takes one out, `crossArticle` gives
/// the story groups, duplicates and quote groups of what the batch holds. The same results
/// as `analyze` over the same articles.
#[wasm_bindgen(js_name = AnalysisBatch)]
pub struct AnalysisBatch {
    batch: Batch,
}

#[wasm_bindgen(js_class = AnalysisBatch)]
impl AnalysisBatch {
    /// An empty batch; `options` as for `analyze`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<AnalyzeOptionsArgument>) -> Result<AnalysisBatch, JsError> {
        Ok(AnalysisBatch {
            batch: Batch::new(parse_options(options)?),
        })
    }

    /// Analyses one `{id, text, format?, overrides?}` article, keeps it in the batch and
    /// returns it.
    /// Throws when the id is empty or already in the batch (remove it first to replace it).
    #[wasm_bindgen(unchecked_return_type = "Article")]
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ArticleInput")] doc: JsValue,
    ) -> Result<JsValue, JsError> {
        if !doc.is_object() || js_sys::Array::is_array(&doc) {
            return Err(JsError::new(
                "AnalysisBatch.add expects one {id, text} object",
            ));
        }
        let doc = read_document(&doc).map_err(|problem| {
            JsError::new(&format!(
                "AnalysisBatch.add expects an {{id: string, text: string, format?: \"text\" | \"html\", overrides?: {{block: number, kept: boolean}}[]}} object: {problem}"
            ))
        })?;
        let article = self
            .batch
            .add(&doc)
            .map_err(|error| JsError::new(&error.to_string()))?;
        to_js(&article)
    }

    /// Takes the article with this id out of the batch; false when there was none.
    pub fn remove(&mut self, id: &str) -> bool {
        self.batch.remove(id)
    }

    /// Number of articles in the batch.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.batch.len()
    }

    /// Story groups, duplicates and quote groups of the articles in the batch.
    #[wasm_bindgen(js_name = crossArticle, unchecked_return_type = "CrossArticle")]
    pub fn cross_article(&self) -> Result<JsValue, JsError> {
        to_js(&self.batch.cross_article())
    }
}

/// Names of the options `analyze` accepts (the fields of [`Options`], in camelCase).
const OPTION_NAMES: &[&str] = &["maxArticleBytes", "quotes"];

/// Reads `analyze`'s options; none (undefined or null) means the defaults. serde-wasm-bindgen
/// only looks up known fields, so unknown ones (a typo such as `maxArticleSize`) are caught
/// here instead of silently ignored.
fn parse_options(options: Option<AnalyzeOptionsArgument>) -> Result<Options, JsError> {
    let Some(options) = options.map(JsValue::from) else {
        return Ok(Options::default());
    };
    if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(JsError::new(
            "analyze: options must be an object such as {maxArticleBytes: 1000000}",
        ));
    }
    let object = js_sys::Object::from(options.clone());
    for key in js_sys::Object::keys(&object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "analyze: unknown option {key:?}; known options: {}",
                OPTION_NAMES.join(", ")
            )));
        }
    }
    let read = || -> Result<Options, String> {
        Ok(Options {
            max_article_bytes: optional_whole_number(&options, "maxArticleBytes")?,
            quotes: optional_bool(&options, "quotes")?,
        })
    };
    read().map_err(|problem| JsError::new(&format!("analyze: invalid options: {problem}")))
}

// Reading the arguments. These readers take JavaScript values field by field rather than
// through serde (serde-wasm-bindgen's Deserializer): the derived Deserialize code, the
// deserializer and the float formatting of its messages were about 20 KB of the page's
// .wasm (docs/benchmarks.md). Their messages follow serde's wording: "missing field `text`",
// "invalid type: number, expected a string".

/// One `{id, text, overrides?}` article; other fields are ignored, as serde did.
fn read_document(value: &JsValue) -> Result<Document, String> {
    expect_object(value, "an {id, text} object")?;
    let overrides = field(value, "overrides")?;
    let overrides = if overrides.is_undefined() {
        Vec::new()
    } else if js_sys::Array::is_array(&overrides) {
        js_sys::Array::from(&overrides)
            .iter()
            .map(|item| read_override(&item))
            .collect::<Result<_, _>>()?
    } else {
        return Err(invalid_type(&overrides, "a sequence"));
    };
    Ok(Document {
        id: required_string(value, "id")?,
        text: required_string(value, "text")?,
        format: read_format(value)?,
        overrides,
    })
}

/// The optional `format` field: "text" (the default when missing) or "html".
fn read_format(value: &JsValue) -> Result<InputFormat, String> {
    match optional_string(value, "format")?.as_deref() {
        None | Some("text") => Ok(InputFormat::Text),
        Some("html") => Ok(InputFormat::Html),
        Some(other) => Err(format!(
            "unknown variant `{other}`, expected `text` or `html`"
        )),
    }
}

/// One `{block, kept}` correction; any other field is an error, as the contract says.
fn read_override(value: &JsValue) -> Result<BlockOverride, String> {
    expect_object(value, "a {block, kept} object")?;
    for key in js_sys::Object::keys(&js_sys::Object::from(value.clone())).iter() {
        let key = key.as_string().unwrap_or_default();
        if key != "block" && key != "kept" {
            return Err(format!("unknown field `{key}`, expected `block` or `kept`"));
        }
    }
    let block = optional_whole_number(value, "block")?.ok_or("missing field `block`")?;
    let kept = optional_bool(value, "kept")?.ok_or("missing field `kept`")?;
    Ok(BlockOverride { block, kept })
}

fn expect_object(value: &JsValue, expected: &str) -> Result<(), String> {
    if value.is_object() && !js_sys::Array::is_array(value) {
        Ok(())
    } else {
        Err(invalid_type(value, expected))
    }
}

/// `object[name]`; a getter that throws is reported, not passed on.
fn field(object: &JsValue, name: &str) -> Result<JsValue, String> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| format!("field `{name}` could not be read"))
}

/// A field's value, or None when it is missing, `undefined` or `null` (all three mean "not
/// given" to the optional readers below).
fn present_field(object: &JsValue, name: &str) -> Result<Option<JsValue>, String> {
    let value = field(object, name)?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// A string field that must be there.
fn required_string(object: &JsValue, name: &str) -> Result<String, String> {
    optional_string(object, name)?.ok_or_else(|| format!("missing field `{name}`"))
}

/// A string field that may be missing, `undefined` or `null`.
fn optional_string(object: &JsValue, name: &str) -> Result<Option<String>, String> {
    let Some(value) = present_field(object, name)? else {
        return Ok(None);
    };
    match value.as_string() {
        Some(text) => Ok(Some(text)),
        None => Err(invalid_type(&value, "a string")),
    }
}

/// A boolean field that may be missing, `undefined` or `null`.
fn optional_bool(object: &JsValue, name: &str) -> Result<Option<bool>, String> {
    let Some(value) = present_field(object, name)? else {
        return Ok(None);
    };
    match value.as_bool() {
        Some(flag) => Ok(Some(flag)),
        None => Err(invalid_type(&value, "a boolean")),
    }
}

/// A field holding a whole number from 0 up (a count or an index), that may be missing,
/// `undefined` or `null`. Fractions, negative numbers and numbers past what `usize` holds
/// are refused rather than rounded.
fn optional_whole_number(object: &JsValue, name: &str) -> Result<Option<usize>, String> {
    let Some(value) = present_field(object, name)? else {
        return Ok(None);
    };
    let Some(number) = value.as_f64() else {
        return Err(invalid_type(&value, "a whole number"));
    };
    if number.fract() == 0.0 && number >= 0.0 && number <= usize::MAX as f64 {
        Ok(Some(number as usize))
    } else {
        Err(format!(
            "invalid value: `{name}` must be a whole number from 0 to {}",
            usize::MAX
        ))
    }
}

/// serde's "invalid type" message: what was found (by its JavaScript type), what was expected.
fn invalid_type(found: &JsValue, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", js_type(found))
}

/// "string", "number", "array", "null", "undefined"... of a value, for messages.
fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

fn expect_string(function: &str, value: JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "{function} expects the article text as a string, got {}",
            value.js_typeof().as_string().unwrap_or_default()
        ))
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&format!("could not convert the result: {error}")))
}
