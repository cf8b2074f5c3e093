//! JavaScript bindings (compiled only for `wasm32`): converts JS values to the engine's types,
//! calls the same functions as the CLI, and converts the results back. No analysis here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Batch, Document, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A user's correction of one block: restore a removed block (`kept: true`) or remove a kept one. */
export interface BlockOverride { block: number; kept: boolean; }
/** One article handed to `analyze`; `overrides` (optional) correct the cleaner's verdicts. */
export interface ArticleInput { id: string; text: string; overrides?: BlockOverride[]; }
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
/** One paragraph of the input; offsets are UTF-16 code units (`input.slice(start, end)`). */
export interface Block { start: number; end: number; kind: BlockKind; kept: boolean; reason: string; }
/** A quotation with its speaker; offsets are UTF-16 code units. */
export interface Quote {
  text: string; speaker: string | null; cue: string | null;
  start: number; end: number; kind: "direct" | "partial" | "block";
}
/** One analysed article. */
export interface Article {
  id: string; title: string | null; author: string | null; date: string | null;
  text: string; blocks: Block[]; quotes: Quote[]; warnings: string[];
}
/** A pair of duplicate articles. */
export interface DuplicatePair { a: string; b: string; similarity: number; kind: "exact" | "near"; }
/** A reference to one quote of one article. */
export interface QuoteRef { article: string; quote: number; }
/** The cross-article part of a report. */
export interface CrossArticle { storyGroups: string[][]; duplicates: DuplicatePair[]; quoteGroups: QuoteRef[][]; }
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

/// Analyses a batch of `{id, text}` articles and returns the report. Throws an `Error`
/// saying what was wrong when the arguments are not of that shape.
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
    let docs: Vec<Document> = serde_wasm_bindgen::from_value(docs).map_err(|error| {
        JsError::new(&format!(
            "analyze expects an array of {{id: string, text: string}} objects: {}",
            plain_message(&error)
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

/// The quotations of one article with their speakers (as in `clean(text).quotes`). Throws
/// an `Error` when `text` is not a string.
#[wasm_bindgen(js_name = extractQuotes, unchecked_return_type = "Quote[]")]
pub fn extract_quotes_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let text = expect_string("extractQuotes", text)?;
    to_js(&crate::extract_quotes(&text))
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

    /// Analyses one `{id, text, overrides?}` article, keeps it in the batch and returns it.
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
        let doc: Document = serde_wasm_bindgen::from_value(doc).map_err(|error| {
            JsError::new(&format!(
                "AnalysisBatch.add expects an {{id: string, text: string, overrides?: {{block: number, kept: boolean}}[]}} object: {}",
                plain_message(&error)
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
    serde_wasm_bindgen::from_value(options).map_err(|error| {
        JsError::new(&format!(
            "analyze: invalid options: {}",
            plain_message(&error)
        ))
    })
}

/// serde-wasm-bindgen's message without the "Error: " its Display puts in front.
fn plain_message(error: &serde_wasm_bindgen::Error) -> String {
    let message = error.to_string();
    message
        .strip_prefix("Error: ")
        .map(str::to_string)
        .unwrap_or(message)
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
