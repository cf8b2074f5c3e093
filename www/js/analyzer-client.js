// The page's side of worker.js: sends the batch's changes to the analyzer worker and passes
// what it reports to the handlers the page gives. The message protocol is described at the
// top of worker.js.

import { nextTask } from "./tasks.js";

/**
 * Articles sent to the worker per message. Posting copies the texts on the page's thread: a
 * batch of hundreds goes in several messages, one task each, so the page stays responsive.
 */
const ARTICLES_PER_MESSAGE = 25;

/**
 * Talks to the analyzer worker. `handlers` (all functions):
 * - onArticle(article, waiting): an article was analysed; `waiting` are still queued;
 * - onFailed(id, message): that article could not be analysed (bad input);
 * - onCancelled(ids): these queued articles were dropped after cancel();
 * - onCross(cross, size): nothing waits; the cross-article results of the whole batch;
 * - onCrash(id, message): the analyzer broke on that article (id may be null); the worker
 *   is gone, call restart() with the articles to analyse again;
 * - onFatal(message): the analyzer could not be loaded at all.
 */
export class AnalyzerClient {
  constructor(workerUrl, handlers) {
    this.workerUrl = workerUrl;
    this.handlers = handlers;
    this.worker = null;
    /** Articles queued here, not yet posted to the worker (see ARTICLES_PER_MESSAGE). */
    this.unsent = [];
    this.sending = false;
    /** Diff requests waiting for their answer: request number -> {resolve, reject}. */
    this.pendingDiffs = new Map();
    this.nextRequest = 0;
    this.start();
  }

  /**
   * Compares pairs [a, b] in the worker: kind "articles" (Article objects; diffArticles) or
   * "texts" (strings; diffTexts). Resolves to the diffs in order.
   */
  diff(kind, pairs) {
    const request = ++this.nextRequest;
    return new Promise((resolve, reject) => {
      this.pendingDiffs.set(request, { resolve, reject });
      this.post({ type: "diff", request, kind, pairs });
    });
  }

  /** Queues articles ({id, text, format?, overrides}) for analysis, in this order. */
  add(docs) {
    this.unsent.push(...docs);
    this.send();
  }

  /** Analyses an article again (e.g. with new overrides), before anything else queued. */
  replace(doc) {
    this.dropUnsent([doc.id]);
    this.post({ type: "replace", doc });
  }

  /** Takes articles out of the batch, whether queued or analysed. */
  remove(ids) {
    this.dropUnsent(ids);
    this.post({ type: "remove", ids });
  }

  /** Drops every queued article; onCancelled reports which (in one or two calls). */
  cancel() {
    const notSent = this.unsent.splice(0).map((doc) => doc.id);
    this.post({ type: "cancel" });
    if (notSent.length > 0) this.handlers.onCancelled(notSent);
  }

  /** Empties the batch. */
  clear() {
    this.unsent = [];
    this.post({ type: "clear" });
  }

  /** Replaces the worker by a fresh one (an empty batch) and queues `docs` in it. */
  restart(docs) {
    this.worker?.terminate();
    this.failPendingDiffs("the analyzer was restarted");
    this.unsent = [];
    this.start();
    this.add(docs);
  }

  /** Posts the queued articles, ARTICLES_PER_MESSAGE per task. */
  async send() {
    if (this.sending) return;
    this.sending = true;
    while (this.unsent.length > 0) {
      this.post({ type: "add", docs: this.unsent.splice(0, ARTICLES_PER_MESSAGE) });
      await nextTask();
    }
    this.sending = false;
  }

  dropUnsent(ids) {
    const dropped = new Set(ids);
    this.unsent = this.unsent.filter((doc) => !dropped.has(doc.id));
  }

  failPendingDiffs(message) {
    for (const { reject } of this.pendingDiffs.values()) reject(new Error(message));
    this.pendingDiffs.clear();
  }

  settleDiff(request, settle) {
    const pending = this.pendingDiffs.get(request);
    if (pending === undefined) return;
    this.pendingDiffs.delete(request);
    settle(pending);
  }

  start() {
    const worker = new Worker(this.workerUrl, { type: "module" });
    worker.addEventListener("message", (event) => this.receive(event.data));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      const message = event.message || "the analyzer's script could not be loaded";
      worker.terminate();
      if (this.worker === worker) {
        this.failPendingDiffs(message);
        this.handlers.onFatal(message);
      }
    });
    this.worker = worker;
  }

  post(message) {
    this.worker.postMessage(message);
  }

  receive(message) {
    switch (message.type) {
      case "article":
        this.handlers.onArticle(message.article, message.waiting);
        break;
      case "failed":
        this.handlers.onFailed(message.id, message.message);
        break;
      case "cancelled":
        this.handlers.onCancelled(message.ids);
        break;
      case "cross":
        this.handlers.onCross(message.cross, message.size);
        break;
      case "crashed":
        this.worker.terminate();
        this.failPendingDiffs(`the analyzer broke (${message.message})`);
        this.handlers.onCrash(message.id, message.message);
        break;
      case "fatal":
        this.failPendingDiffs(message.message);
        this.handlers.onFatal(message.message);
        break;
      case "diffed":
        this.settleDiff(message.request, ({ resolve }) => resolve(message.diffs));
        break;
      case "diffFailed":
        this.settleDiff(message.request, ({ reject }) => reject(new Error(message.message)));
        break;
      default:
        console.error(`analyzer-client: unknown message ${JSON.stringify(message.type)}`);
    }
  }
}
