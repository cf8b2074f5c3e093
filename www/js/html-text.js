// Turns an HTML page into plain text for the cleaner, with the browser's own parser. A document
// made by DOMParser is inert: its scripts never run, its images and styles never load. Block
// elements become paragraph breaks, so the cleaner sees the page's paragraphs.

/** Elements whose content is not text a reader sees. */
const SKIPPED = new Set([
  "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "SVG", "CANVAS",
  "HEAD", "SELECT", "BUTTON", "INPUT", "TEXTAREA", "AUDIO", "VIDEO", "MATH",
]);

/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "CAPTION", "DD", "DETAILS", "DIV", "DL", "DT",
  "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6",
  "HEADER", "HGROUP", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY",
  "TABLE", "UL",
]);

/** Elements that end a line (but not a paragraph). */
const LINE_BREAKS = new Set(["BR", "TR"]);

const PARAGRAPH_BREAK = "\n\n";

/**
 * The text of an HTML page: paragraphs (block elements) separated by a blank line, line
 * breaks kept, other white space collapsed as a browser shows it, scripts and styles left
 * out. When the body has no <h1>, the document's <title> comes first, as the headline.
 */
export function htmlToText(html) {
  const document = new DOMParser().parseFromString(html, "text/html");
  const parts = [];
  const title = document.title.trim();
  if (title !== "" && document.body?.querySelector("h1") == null) parts.push(title, PARAGRAPH_BREAK);
  if (document.body) collectText(document.body, parts);
  return normaliseBreaks(parts.join(""));
}

/** Walks the tree without recursion (a hostile page may nest elements very deeply). */
function collectText(root, parts) {
  // Each entry: a node to visit, or a string to emit once its element is done.
  const stack = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      parts.push(item);
      continue;
    }
    if (item.nodeType === Node.TEXT_NODE) {
      parts.push(insidePre(item) ? item.data : item.data.replace(/\s+/g, " "));
      continue;
    }
    if (item.nodeType !== Node.ELEMENT_NODE) continue;
    const name = item.nodeName.toUpperCase();
    if (SKIPPED.has(name)) continue;
    if (LINE_BREAKS.has(name)) {
      parts.push("\n");
      if (name === "BR") continue;
    }
    const isBlock = BLOCKS.has(name);
    if (isBlock) parts.push(PARAGRAPH_BREAK);
    else if (name === "TD" || name === "TH") parts.push(" ");
    if (isBlock) stack.push(PARAGRAPH_BREAK);
    for (let child = item.lastChild; child !== null; child = child.previousSibling) stack.push(child);
  }
}

function insidePre(textNode) {
  return textNode.parentElement?.closest("pre") != null;
}

/** Trims every line, and turns runs of blank lines into one paragraph break. */
function normaliseBreaks(text) {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
