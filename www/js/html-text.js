// HTML input on the page's side. The analyzer reads HTML itself (format "html"); the page only
// decodes a dropped file's bytes to a string (decodeHtml), and, when the person chooses to read
// an HTML article as plain text, makes that text with the browser's own parser (htmlToText). A
// document made by DOMParser is inert: its scripts never run, its images and styles never load.
// Block elements become paragraph breaks, so the cleaner sees the page's paragraphs.

/**
 * How far into a file the `<meta charset>` declaration is looked for: the HTML standard's
 * prescan reads the first 1024 bytes, so a page that a browser decodes right, we do too.
 */
const CHARSET_PRESCAN_BYTES = 1024;

/**
 * A saved page's bytes as a string, decoded as a browser would: a byte order mark first, then
 * a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
 * 1024 bytes, else UTF-8, and when the bytes are not valid UTF-8, windows-1252 (what browsers
 * assume for undeclared legacy pages). A label the browser does not know is ignored.
 */
export function decodeHtml(bytes) {
  const bom = bomCharset(bytes);
  if (bom !== null) return new TextDecoder(bom).decode(bytes);
  const declared = decoderFor(declaredCharset(bytes));
  if (declared !== null) return declared.decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function bomCharset(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

/** The charset a `<meta>` declares in the file's first bytes (read as ASCII), or null. */
function declaredCharset(bytes) {
  const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, CHARSET_PRESCAN_BYTES));
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const found = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta[0]);
    if (found !== null) return found[1];
  }
  return null;
}

/**
 * A decoder for `label`, or null when there is none or the browser does not know the label. A
 * page declaring UTF-16 in bytes that an ASCII prescan could read is not UTF-16: the standard
 * reads it as UTF-8.
 */
function decoderFor(label) {
  if (label === null) return null;
  try {
    const decoder = new TextDecoder(label);
    return decoder.encoding.startsWith("utf-16") ? new TextDecoder("utf-8") : decoder;
  } catch {
    return null;
  }
}

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
