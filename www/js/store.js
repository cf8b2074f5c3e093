// Keeps the batch in the browser's own storage (IndexedDB), so that it survives a reload or
// a closed tab. Only what the person gave is stored: each article's text (and HTML), name, corrections
// (block overrides) and place in the batch; analysis results are recomputed on load.

import { nextTask } from "./tasks.js";

const DATABASE_NAME = "article-analyzer";
const DATABASE_VERSION = 1;
const ARTICLES = "articles";
/** Articles saved per transaction: saving copies their texts on the page's thread. */
const ARTICLES_PER_TRANSACTION = 50;

/**
 * A stored article: {id, name, text, format ("text" | "html"; absent in articles stored
 * before HTML was read, meaning "text"), html (the HTML it came as, when it did), source
 * ("paste" | "file" | "sample" | "drop"), overrides: [{block, kept}] (block indexes of the
 * reading `format` names), order (its place in the batch), addedAt (ms since 1970)}.
 */

/** Storage failed; `message` says what happened and what the person can do. */
export class StorageError extends Error {}

/**
 * Opens the batch's storage. Resolves to an IndexedDB-backed store, or, when the browser
 * refuses storage (some private modes), to a store that keeps nothing, with `persistent`
 * false and `problem` saying why, so the page can warn that a reload loses the batch.
 */
export async function openArticleStore() {
  try {
    const database = await openDatabase();
    return new IndexedDbArticleStore(database);
  } catch (error) {
    return new MemoryArticleStore(`this browser does not let the page store data (${describe(error)})`);
  }
}

function openDatabase() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new Error("IndexedDB is not available"));
      return;
    }
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(ARTICLES)) {
        request.result.createObjectStore(ARTICLES, { keyPath: "id" });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("another tab holds an older version of the page open"));
  });
}

class IndexedDbArticleStore {
  constructor(database) {
    this.database = database;
    this.persistent = true;
    this.problem = null;
    // Another tab upgrading the database: let it, this tab's later writes will say so.
    database.onversionchange = () => database.close();
  }

  /** Every stored article, in batch order. */
  async loadAll() {
    const transaction = this.database.transaction(ARTICLES, "readonly");
    const all = await requestResult(transaction.objectStore(ARTICLES).getAll());
    return all.sort((a, b) => a.order - b.order);
  }

  /**
   * Saves (adds or replaces) these articles, ARTICLES_PER_TRANSACTION per transaction (each
   * saves all its articles or none); rejects at the first transaction that fails.
   */
  async put(articles) {
    for (let start = 0; start < articles.length; start += ARTICLES_PER_TRANSACTION) {
      if (start > 0) await nextTask();
      await this.write((store) => {
        for (const article of articles.slice(start, start + ARTICLES_PER_TRANSACTION)) store.put(article);
      });
    }
  }

  /** Deletes the articles with these ids. */
  delete(ids) {
    return this.write((store) => {
      for (const id of ids) store.delete(id);
    });
  }

  /** Deletes every stored article. */
  clear() {
    return this.write((store) => store.clear());
  }

  write(change) {
    return new Promise((resolve, reject) => {
      let transaction;
      try {
        transaction = this.database.transaction(ARTICLES, "readwrite");
        change(transaction.objectStore(ARTICLES));
      } catch (error) {
        reject(storageError(error));
        return;
      }
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(storageError(transaction.error));
      transaction.onerror = (event) => event.preventDefault(); // reported by onabort
    });
  }
}

/** The stand-in when the browser refuses storage: it keeps nothing and loads nothing. */
class MemoryArticleStore {
  constructor(problem) {
    this.persistent = false;
    this.problem = problem;
  }

  async loadAll() {
    return [];
  }

  async put() {}

  async delete() {}

  async clear() {}
}

function requestResult(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(storageError(request.error));
  });
}

function storageError(cause) {
  if (cause?.name === "QuotaExceededError") {
    return new StorageError(
      "the browser's storage for this page is full; remove articles you no longer need, or export your results",
    );
  }
  return new StorageError(`the browser could not save the batch (${describe(cause)})`);
}

function describe(error) {
  return error?.message || error?.name || String(error);
}
