// The page's side of worker.js: sends the batch's changes to the analyzer worker and passes
// what it reports to the handlers the page gives. The message protocol is described at the
// top of worker.js.

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
    this.start();
  }

  /** Queues articles ({id, text, overrides}) for analysis, in this order. */
  add(docs) {
    if (docs.length > 0) this.post({ type: "add", docs });
  }

  /** Analyses an article again (e.g. with new overrides), before anything else queued. */
  replace(doc) {
    this.post({ type: "replace", doc });
  }

  /** Takes articles out of the batch, whether queued or analysed. */
  remove(ids) {
    this.post({ type: "remove", ids });
  }

  /** Drops every queued article; onCancelled reports which. */
  cancel() {
    this.post({ type: "cancel" });
  }

  /** Empties the batch. */
  clear() {
    this.post({ type: "clear" });
  }

  /** Replaces the worker by a fresh one (an empty batch) and queues `docs` in it. */
  restart(docs) {
    this.worker?.terminate();
    this.start();
    this.add(docs);
  }

  start() {
    const worker = new Worker(this.workerUrl, { type: "module" });
    worker.addEventListener("message", (event) => this.receive(event.data));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      const message = event.message || "the analyzer's script could not be loaded";
      worker.terminate();
      if (this.worker === worker) this.handlers.onFatal(message);
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
        this.handlers.onCrash(message.id, message.message);
        break;
      case "fatal":
        this.handlers.onFatal(message.message);
        break;
      default:
        console.error(`analyzer-client: unknown message ${JSON.stringify(message.type)}`);
    }
  }
}
