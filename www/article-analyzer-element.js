// <article-analyzer>: the analyzer as a custom element another site drops in with one script tag.
//
//   <script type="module" src="https://your.site/analyzer/article-analyzer-element.js"></script>
//   <article-analyzer text="Headline&#10;&#10;First paragraph…"></article-analyzer>
//   <article-analyzer>Headline
//
//     First paragraph…</article-analyzer>
//
// The article is the `text` attribute (or property) or, without it, the element's own text
// content (each line trimmed). With `format="html"`, the `text` attribute (or property) is a
// page's HTML, which the analyzer reads for its structure (nothing in it is run or fetched;
// the element's own content is never read as HTML). The element shows, in its shadow DOM, the title, author, date,
// the cleaned text with the quotes marked, the quotes with their speakers and the removed
// blocks with their reasons, and dispatches `analyzed` (a CustomEvent whose `detail` is the
// report, the contract's shape; it bubbles out of the shadow DOM) after every analysis, or
// `analyzer-error` (detail: {message}) when the text could not be analysed.
//
// The wasm package is loaded relative to this file (./pkg/), so the element works from any
// directory or origin that serves www/. It runs on the host page's main thread (one article
// takes a few milliseconds; a worker cannot be started from another origin's script). The host
// page's Content-Security-Policy must allow this script's origin in script-src and connect-src
// (the .wasm is fetched) and 'wasm-unsafe-eval' in script-src. Article text is shown as text only.
// Styling: the custom properties --article-analyzer-accent and --article-analyzer-mark, and
// the parts title, byline, text, quotes and removed.

import { element } from "./js/dom.js";
import { textWithQuotes } from "./js/highlight.js";

const PACKAGE_URL = new URL("./pkg/article_analyzer.js", import.meta.url);
const WASM_URL = new URL("./pkg/article_analyzer_bg.wasm", import.meta.url);

let analyzerLoading = null;

/** The wasm package, loaded and initialised once for every element of the page. */
function loadAnalyzer() {
  analyzerLoading ??= import(PACKAGE_URL.href).then(async (analyzer) => {
    await analyzer.default({ module_or_path: WASM_URL });
    return analyzer;
  });
  return analyzerLoading;
}

const STYLES = `
:host { display: block; color: inherit; font: inherit; line-height: 1.5;
  --accent: var(--article-analyzer-accent, #1a56b0); --mark: var(--article-analyzer-mark, #fff0b3); }
:host([hidden]) { display: none; }
.title { font-size: 1.25em; margin: 0 0 0.25em; overflow-wrap: anywhere; }
.byline, .note { margin: 0 0 0.75em; opacity: 0.8; }
.text p { margin: 0 0 0.75em; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: inherit; background: var(--mark); border-radius: 2px; }
h3 { font-size: 1em; margin: 1em 0 0.25em; }
ol { margin: 0; padding-left: 1.25em; }
li { margin-bottom: 0.25em; overflow-wrap: anywhere; }
.speaker { font-weight: 600; }
summary { cursor: pointer; font-weight: 600; color: var(--accent); }
summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.kind { font-size: 0.8em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; }
.error { color: #a8231b; font-weight: 600; }
`;

let sharedSheet = null;

/** One constructed stylesheet for every element (not an inline <style>: a host's CSP may forbid those). */
function styleSheet() {
  if (sharedSheet === null) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(STYLES);
  }
  return sharedSheet;
}

/** The <article-analyzer> element. */
export class ArticleAnalyzerElement extends HTMLElement {
  static observedAttributes = ["text", "article-id", "format"];

  #output;
  #report = null;
  #analysis = 0;
  #scheduled = false;
  #contentObserver = new MutationObserver(() => this.#schedule());

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [styleSheet()];
    this.#output = element("div", { attributes: { "aria-live": "polite" } });
    root.append(this.#output);
  }

  /** The article text: the `text` attribute, else the element's own text with each line trimmed. */
  get text() {
    const attribute = this.getAttribute("text");
    if (attribute !== null) return attribute;
    return this.textContent.split("\n").map((line) => line.trim()).join("\n").trim();
  }

  set text(value) {
    this.setAttribute("text", String(value));
  }

  /** The report of the last analysis (the contract's shape), or null before the first one. */
  get report() {
    return this.#report;
  }

  connectedCallback() {
    this.#contentObserver.observe(this, { childList: true, characterData: true, subtree: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#contentObserver.disconnect();
  }

  attributeChangedCallback() {
    this.#schedule();
  }

  /** Analyses once after a burst of changes (attributes and content set together). */
  #schedule() {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#analyse();
    });
  }

  async #analyse() {
    const analysis = ++this.#analysis;
    const text = this.text;
    if (text.trim() === "") {
      this.#output.replaceChildren(element("p", { className: "note" }, "No article text to analyse."));
      return;
    }
    this.#output.replaceChildren(element("p", { className: "note" }, "Analysing…"));
    let report;
    try {
      const analyzer = await loadAnalyzer();
      if (analysis !== this.#analysis) return; // a newer text arrived meanwhile
      // HTML only from the attribute: the element's content is text the host page shows.
      const format = this.getAttribute("format") === "html" && this.hasAttribute("text") ? "html" : "text";
      report = analyzer.analyze([{ id: this.getAttribute("article-id") || "article", text, format }]);
    } catch (error) {
      if (analysis !== this.#analysis) return;
      const message = `The article could not be analysed: ${error.message}`;
      this.#output.replaceChildren(element("p", { className: "error", attributes: { role: "alert" } }, message));
      this.dispatchEvent(new CustomEvent("analyzer-error", { detail: { message }, bubbles: true, composed: true }));
      return;
    }
    this.#report = report;
    const [article] = report.articles;
    // For HTML, offsets refer to the page's visible text the analyzer returns as `source`.
    this.#output.replaceChildren(renderArticle(article, article.source ?? text));
    this.dispatchEvent(new CustomEvent("analyzed", { detail: report, bubbles: true, composed: true }));
  }
}

function renderArticle(article, input) {
  const kept = article.blocks.filter((block) => block.kept);
  const removed = article.blocks.filter((block) => !block.kept);
  const byline = [article.author && `By ${article.author}`, article.date].filter(Boolean).join(" · ");
  return element(
    "article",
    {},
    element("h2", { className: "title", attributes: { part: "title" } }, article.title ?? "Untitled article"),
    byline === "" ? null : element("p", { className: "byline", attributes: { part: "byline" } }, byline),
    element(
      "div",
      { className: "text", attributes: { part: "text" } },
      kept.map((block) => element("p", {}, textWithQuotes(input, block.start, block.end, article.quotes))),
    ),
    article.quotes.length === 0
      ? null
      : element(
          "section",
          { attributes: { part: "quotes" } },
          element("h3", {}, `Quotes (${article.quotes.length})`),
          element(
            "ol",
            {},
            article.quotes.map((quote) =>
              element("li", {}, element("span", { className: "speaker" }, quote.speaker ?? "Not attributed"), quote.cue ? ` (${quote.cue})` : "", `: “${quote.text}”`),
            ),
          ),
        ),
    removed.length === 0
      ? null
      : element(
          "details",
          { attributes: { part: "removed" } },
          element("summary", {}, `Removed blocks (${removed.length})`),
          element(
            "ol",
            {},
            removed.map((block) =>
              element("li", {}, element("span", { className: "kind" }, block.kind), ` ${block.reason}: `, input.slice(block.start, block.end)),
            ),
          ),
        ),
  );
}

if (customElements.get("article-analyzer") === undefined) {
  customElements.define("article-analyzer", ArticleAnalyzerElement);
}
