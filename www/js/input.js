// What the page accepts as articles, and reading them: pasted or dropped text or rich text, and
// .txt, .md and .html files. An article is {name?, text, format, html?, source}: `format`
// "html" when the analyzer reads `html` (a page or a rich paste; `text` then holds the plain
// text the clipboard gave, or "" until the person asks for a reading as text). Each problem is
// a sentence naming the file and the limit, for the status line.

import { countOf, formatBytes, formatCount } from "./dom.js";
import { decodeHtml } from "./html-text.js";

/** The page's limits; the README's "The page" section states them too. */
export const LIMITS = Object.freeze({
  /** Largest file read, in bytes (an HTML page is mostly markup, hence more than the text limit). */
  fileBytes: 5_000_000,
  /** Longest article text, in characters (UTF-16 code units). */
  articleCharacters: 1_000_000,
  /** Longest HTML of one article, in characters: as much as the largest file holds. */
  htmlCharacters: 5_000_000,
  /** Most articles in a batch. */
  articles: 1000,
  /** Most text in a batch, in characters: what the browser's memory and storage hold well. */
  batchCharacters: 50_000_000,
});

/** How each accepted file extension becomes an article ({text, format, html?}) from its bytes. */
const readText = (bytes) => ({ text: new TextDecoder().decode(bytes), format: "text" });
const readHtml = (bytes) => ({ text: "", format: "html", html: decodeHtml(bytes) });
const FILE_READERS = {
  txt: readText,
  text: readText,
  md: readText,
  markdown: readText,
  html: readHtml,
  htm: readHtml,
};

/** The `accept` attribute of the file picker. */
export const ACCEPTED_FILES = ".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html";

/**
 * Reads files into articles. Resolves to {articles: [{name, text, format, html?, source}], problems: [string]}:
 * a file of another type, too large, unreadable or without text becomes a problem, not an
 * article. `source` is given by the caller ("file" for the picker, "drop" for a drop).
 */
export async function readFiles(files, source) {
  const articles = [];
  const problems = [];
  for (const file of files) {
    const read = FILE_READERS[extensionOf(file)] ?? readerForType(file.type);
    if (read === undefined) {
      problems.push(`“${file.name}” was not added: only .txt, .md and .html files are read.`);
      continue;
    }
    if (file.size > LIMITS.fileBytes) {
      problems.push(`“${file.name}” was not added: it is ${formatBytes(file.size)}, over the limit of ${formatBytes(LIMITS.fileBytes)} per file.`);
      continue;
    }
    let article;
    try {
      article = read(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      problems.push(`“${file.name}” could not be read (${error.message}).`);
      continue;
    }
    const problem = checkArticle(`“${file.name}”`, article);
    if (problem !== null) problems.push(problem);
    else articles.push({ name: file.name, ...article, source });
  }
  return { articles, problems };
}

/**
 * The article a clipboard or drag-and-drop offers ({text, format, html?}), or null when it
 * offers no text. Rich text (text/html) is read as HTML, the analyzer then sees the page's
 * structure (headings, captions, lists of links); the plain text comes along, so that the
 * person can switch to it when the HTML reads worse.
 */
export function articleFromTransfer(dataTransfer) {
  const plain = dataTransfer.getData("text/plain");
  const html = dataTransfer.getData("text/html");
  if (html.trim() !== "") return { text: plain, format: "html", html };
  return plain.trim() === "" ? null : { text: plain, format: "text" };
}

/**
 * The first of `articles` that fit in a batch already holding `count` articles of `characters`
 * characters in all: {accepted, problem}, `problem` saying why the rest was not added (null
 * when all fit).
 */
export function fitIntoBatch(articles, { count, characters }) {
  const accepted = [];
  let total = characters;
  for (const article of articles) {
    if (count + accepted.length >= LIMITS.articles || total + charactersOf(article) > LIMITS.batchCharacters) break;
    accepted.push(article);
    total += charactersOf(article);
  }
  const left = articles.length - accepted.length;
  if (left === 0) return { accepted, problem: null };
  const limit = count + accepted.length >= LIMITS.articles
    ? `a batch holds at most ${formatCount(LIMITS.articles)} articles`
    : `a batch holds at most ${formatCount(LIMITS.batchCharacters)} characters of text`;
  return { accepted, problem: `${countOf(left, "article")} not added: ${limit}. Remove some first.` };
}

/** The characters an article ({text, html?}) holds, both readings counted: what the batch stores. */
export function charactersOf(article) {
  return article.text.length + (article.html?.length ?? 0);
}

/**
 * Why this article ({text, format, html?}) cannot be analysed, as a sentence starting with
 * `label` (“story.html”, "The pasted text"), or null when it can.
 */
export function checkArticle(label, article) {
  if (article.format !== "html") return checkArticleText(label, article.text);
  if (article.html.trim() === "") return `${label} was not added: it holds no text.`;
  if (article.html.length > LIMITS.htmlCharacters) {
    return `${label} was not added: its HTML is ${formatCount(article.html.length)} characters long, over the limit of ${formatCount(LIMITS.htmlCharacters)} per article.`;
  }
  return null;
}

/**
 * Why this text cannot be an article, as a sentence starting with `label` (“story.html”,
 * "The pasted text"), or null when it can.
 */
export function checkArticleText(label, text) {
  if (text.trim() === "") return `${label} was not added: it holds no text.`;
  if (text.length > LIMITS.articleCharacters) {
    return `${label} was not added: its text is ${formatCount(text.length)} characters long, over the limit of ${formatCount(LIMITS.articleCharacters)} per article.`;
  }
  return null;
}

function extensionOf(file) {
  const dot = file.name.lastIndexOf(".");
  return dot < 0 ? "" : file.name.slice(dot + 1).toLowerCase();
}

function readerForType(type) {
  if (type === "text/html") return readHtml;
  if (type === "text/plain" || type === "text/markdown") return readText;
  return undefined;
}
