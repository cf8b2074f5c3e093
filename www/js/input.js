// What the page accepts as articles, and reading them: pasted or dropped text, and .txt, .md
// and .html files. Each problem is a sentence naming the file and the limit, for the status line.

import { countOf, formatBytes, formatCount } from "./dom.js";
import { htmlToText } from "./html-text.js";

/** The page's limits; the README's "The page" section states them too. */
export const LIMITS = Object.freeze({
  /** Largest file read, in bytes (an HTML page is mostly markup, hence more than the text limit). */
  fileBytes: 5_000_000,
  /** Longest article text, in characters (UTF-16 code units), after HTML is turned into text. */
  articleCharacters: 1_000_000,
  /** Most articles in a batch. */
  articles: 1000,
  /** Most text in a batch, in characters: what the browser's memory and storage hold well. */
  batchCharacters: 50_000_000,
});

/** How each accepted file extension becomes text. */
const FILE_READERS = {
  txt: (text) => text,
  text: (text) => text,
  md: (text) => text,
  markdown: (text) => text,
  html: htmlToText,
  htm: htmlToText,
};

/** The `accept` attribute of the file picker. */
export const ACCEPTED_FILES = ".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html";

/**
 * Reads files into articles. Resolves to {articles: [{name, text, source}], problems: [string]}:
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
    let text;
    try {
      text = read(await file.text());
    } catch (error) {
      problems.push(`“${file.name}” could not be read (${error.message}).`);
      continue;
    }
    const problem = checkArticleText(`“${file.name}”`, text);
    if (problem !== null) problems.push(problem);
    else articles.push({ name: file.name, text, source });
  }
  return { articles, problems };
}

/**
 * The article text a clipboard or drag-and-drop offers: its plain text, or when it offers
 * only HTML, that HTML's text. "" when it offers neither.
 */
export function textFromTransfer(dataTransfer) {
  const plain = dataTransfer.getData("text/plain");
  if (plain.trim() !== "") return plain;
  const html = dataTransfer.getData("text/html");
  return html.trim() === "" ? "" : htmlToText(html);
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
    if (count + accepted.length >= LIMITS.articles || total + article.text.length > LIMITS.batchCharacters) break;
    accepted.push(article);
    total += article.text.length;
  }
  const left = articles.length - accepted.length;
  if (left === 0) return { accepted, problem: null };
  const limit = count + accepted.length >= LIMITS.articles
    ? `a batch holds at most ${formatCount(LIMITS.articles)} articles`
    : `a batch holds at most ${formatCount(LIMITS.batchCharacters)} characters of text`;
  return { accepted, problem: `${countOf(left, "article")} not added: ${limit}. Remove some first.` };
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
  if (type === "text/html") return htmlToText;
  if (type === "text/plain" || type === "text/markdown") return FILE_READERS.txt;
  return undefined;
}
