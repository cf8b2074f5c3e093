// Runs the analyzer (the wasm package in ./pkg) off the main thread, so the page never freezes.
// It mirrors the page's batch in one AnalysisBatch: the page says which articles join, change
// or leave; the worker analyses waiting articles one at a time, reports each as it is done,
// and, once nothing waits, the cross-article results of the whole batch.
//
// Page -> worker:
//   {type: "add", docs: [{id, text, format?, overrides}]}
//                                                   queue articles, in order (format "html": text is HTML)
//   {type: "replace", doc}                          analyse an article again (new overrides), first in line
//   {type: "remove", ids: [id]}                     take articles out (waiting or analysed)
//   {type: "cancel"}                                drop every waiting article
//   {type: "clear"}                                 empty the batch
//   {type: "diff", request, kind, pairs}            compare [a, b] pairs: kind "articles" (Article
//                                                   objects, diffArticles) or "texts" (diffTexts)
// Worker -> page:
//   {type: "article", article, waiting}             one article analysed; `waiting` still queued
//   {type: "failed", id, message}                   this article could not be analysed
//   {type: "cancelled", ids}                        these waiting articles were dropped
//   {type: "cross", cross, size}                    nothing waits: cross-article results of the batch
//   {type: "crashed", id, message}                  the analyzer broke on this article; restart me
//   {type: "fatal", message}                        the analyzer could not be loaded
//   {type: "diffed", request, diffs}                 the diffs of a "diff" request, in order
//   {type: "diffFailed", request, message}          a "diff" request could not be answered

import init, { AnalysisBatch, clean, cleanHtml, diffArticles, diffTexts } from "./pkg/article_analyzer.js";
import { nextTask } from "./js/tasks.js";

/**
 * Cleaned once as soon as the analyzer has loaded: the browser compiles each WebAssembly
 * function on its first call, so the person's first article would otherwise pay for it
 * (about 30 ms on a slow machine).
 */
const WARM_UP_ARTICLE = [
  "Warm-Up Headline For The Analyzer",
  "By Test Writer, The Example Post",
  "March 3, 2025",
  "The analyzer reads this short text once when it starts, so that the first real article is answered quickly, the page's worker said on Monday.",
  "\u201cIt is only practice,\u201d said Ada Example, who wrote it. \u201cNobody will ever see it.\u201d",
  "Photo: Example Agency",
  "More news",
  "Another headline that leads elsewhere",
].join("\n\n");

/** The same warm-up for the HTML reader, which a dropped page or a rich paste goes through. */
const WARM_UP_PAGE = (([headline, ...paragraphs]) =>
  `<!doctype html><title>${headline}</title><nav><a href="/">Home</a></nav><article><h1>${headline}</h1>` +
  `${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join("")}</article>`)(WARM_UP_ARTICLE.split("\n\n"));

/** @type {AnalysisBatch | null} */
let batch = null;
/** Articles waiting to be analysed, first in line first. */
const waiting = [];
/** Whether the batch changed since the last cross-article results were sent. */
let changed = false;
let working = false;
/** Set once the analyzer broke: later messages are ignored until the page restarts the worker. */
let broken = false;

const ready = init().then(
  () => {
    batch = new AnalysisBatch();
    clean(WARM_UP_ARTICLE);
    cleanHtml(WARM_UP_PAGE);
  },
  (error) => {
    broken = true;
    self.postMessage({ type: "fatal", message: messageOf(error) });
  },
);

const handlers = {
  add({ docs }) {
    waiting.push(...docs);
  },
  replace({ doc }) {
    dropWaiting([doc.id]);
    if (batch.remove(doc.id)) changed = true;
    waiting.unshift(doc);
  },
  remove({ ids }) {
    dropWaiting(ids);
    for (const id of ids) batch.remove(id);
    changed = true; // even when only waiting articles left: the page waits for new results
  },
  cancel() {
    const ids = waiting.splice(0).map((doc) => doc.id);
    self.postMessage({ type: "cancelled", ids });
  },
  clear() {
    waiting.length = 0;
    batch.free();
    batch = new AnalysisBatch();
    changed = true;
  },
  // Answered at once, between two articles of a batch being analysed.
  diff({ request, kind, pairs }) {
    const compare = kind === "articles" ? diffArticles : diffTexts;
    try {
      self.postMessage({ type: "diffed", request, diffs: pairs.map(([a, b]) => compare(a, b)) });
    } catch (error) {
      self.postMessage({ type: "diffFailed", request, message: messageOf(error) });
    }
  },
};

self.addEventListener("message", async (event) => {
  await ready;
  if (broken) return;
  const handle = handlers[event.data.type];
  if (handle === undefined) {
    console.error(`worker.js: unknown message type ${JSON.stringify(event.data.type)}`);
    return;
  }
  handle(event.data);
  work();
});

/** Analyses waiting articles until none is left, letting messages in between articles. */
async function work() {
  if (working) return;
  working = true;
  try {
    while (waiting.length > 0 && !broken) {
      analyse(waiting.shift());
      // Between two articles, let "cancel", "remove"... arrive (a macrotask, unclamped).
      await nextTask();
    }
    if (changed && !broken) {
      changed = false;
      self.postMessage({ type: "cross", cross: batch.crossArticle(), size: batch.size });
    }
  } finally {
    working = false;
  }
}

function analyse(doc) {
  let article;
  try {
    article = batch.add(doc);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // A trap (a panic under panic = "abort") can leave the wasm memory inconsistent: stop
      // here and let the page restart a fresh worker without this article.
      broken = true;
      self.postMessage({ type: "crashed", id: doc.id, message: messageOf(error) });
    } else {
      self.postMessage({ type: "failed", id: doc.id, message: messageOf(error) });
    }
    return;
  }
  changed = true;
  self.postMessage({ type: "article", article, waiting: waiting.length });
}

function dropWaiting(ids) {
  const dropped = new Set(ids);
  for (let index = waiting.length - 1; index >= 0; index--) {
    if (dropped.has(waiting[index].id)) waiting.splice(index, 1);
  }
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
