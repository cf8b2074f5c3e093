// The page: wires the input (paste, files, drop, samples), the batch and its storage, the
// analyzer worker and the views together. Article text is only ever shown with textContent
// (see js/dom.js), never as HTML.

import { AnalyzerClient } from "./js/analyzer-client.js";
import { ArticleView } from "./js/article-view.js";
import { Batch, Status } from "./js/batch.js";
import { BatchListView } from "./js/batch-view.js";
import { ComparisonView } from "./js/compare-view.js";
import { CrossView } from "./js/cross-view.js";
import { countOf, formatCount } from "./js/dom.js";
import { watchDrops } from "./js/drop-zone.js";
import { cleanedMarkdown, cleanedPlainText, copyText, download, quotesCsv, reportJson } from "./js/export.js";
import { htmlToText } from "./js/html-text.js";
import { ACCEPTED_FILES, articleFromTransfer, charactersOf, checkArticle, fitIntoBatch, readFiles } from "./js/input.js";
import { offerInstallation, registerServiceWorker, requestPersistentStorage } from "./js/offline.js";
import { SAMPLE_ARTICLES } from "./js/samples.js";
import { StatusView } from "./js/status-view.js";
import { openArticleStore } from "./js/store.js";

const byId = (id) => document.getElementById(id);
const elements = {
  form: byId("paste-form"),
  input: byId("article-input"),
  fileInput: byId("file-input"),
  workspace: byId("workspace"),
  batchCount: byId("batch-count"),
  crossPanel: byId("cross-panel"),
  exportPanel: byId("export-panel"),
  exportScope: byId("export-scope"),
  clearConfirm: byId("clear-confirm"),
  dropOverlay: byId("drop-overlay"),
};

const batch = new Batch();
const storeReady = openArticleStore();
/** The article shown in the article panel (an id), or null. */
let selectedId = null;
/** Ids sent to the worker and not answered yet, and how many were sent since it was last idle. */
const inFlight = new Set();
let runTotal = 0;
/** Reasons articles given during this run were not added, repeated in the final summary. */
let runProblems = [];
/** The article whose time from paste to results is being measured: {id, start}. */
let timing = null;
/** Where the keyboard goes once an article analysed again after a correction comes back. */
let pendingFocus = null;

const status = new StatusView(
  {
    status: byId("status"),
    actions: byId("status-actions"),
    progressArea: byId("progress-area"),
    progress: byId("progress"),
    progressLabel: byId("progress-label"),
    cancelButton: byId("cancel-button"),
  },
  () => analyzer.cancel(),
);

const batchView = new BatchListView(byId("batch-list"), {
  onSelect: (id) => selectArticle(id),
  onRemove: (id) => removeArticle(id),
});
const articleView = new ArticleView(byId("article-view"), {
  onToggleBlock: (id, blockIndex) => toggleBlock(id, blockIndex),
  onAnalyse: (id) => analyse(batch.entries.filter((entry) => entry.id === id)),
  onCopyText: (article) => copy(article.text, "the cleaned text"),
  onSwitchFormat: (id) => switchFormat(id),
});
const crossView = new CrossView(byId("cross-view"), {
  onOpenArticle: (id) => selectArticle(id, { focusArticle: true }),
  onOpenQuote: (id, quoteIndex) => selectArticle(id, { focusArticle: true, quote: quoteIndex }),
  onCompareArticles(idA, idB, opener) {
    const pair = [batch.state(idA)?.article, batch.state(idB)?.article];
    if (pair.includes(undefined)) return;
    // The older article on the left (then the one added first): changes read as what the copy did.
    const place = (article) => batch.entries.findIndex((entry) => entry.id === article.id);
    const key = (article) => [article.date ?? "9999", place(article)];
    pair.sort((x, y) => (key(x)[0] === key(y)[0] ? key(x)[1] - key(y)[1] : key(x)[0] < key(y)[0] ? -1 : 1));
    comparisonView.showArticles(pair[0], pair[1], opener);
  },
  onCompareQuotes: (group, opener) => comparisonView.showQuoteGroup(group, analysedById(), opener),
});
const comparisonView = new ComparisonView(byId("compare-panel"), {
  requestDiff: (kind, pairs) => analyzer.diff(kind, pairs),
  onOpenArticle: (id) => selectArticle(id, { focusArticle: true }),
});

/** The analysed articles by id. */
function analysedById() {
  return new Map(batch.analysedArticles().map((article) => [article.id, article]));
}

const analyzer = new AnalyzerClient(new URL("./worker.js", import.meta.url), {
  onArticle(article) {
    inFlight.delete(article.id);
    if (!batch.setArticle(article)) return;
    if (article.id === selectedId) dirty.article = true;
    dirty.list = true;
    scheduleRender();
  },
  onFailed(id, message) {
    inFlight.delete(id);
    batch.setFailed(id, message);
    if (id === selectedId) dirty.article = true;
    dirty.list = true;
    scheduleRender();
  },
  onCancelled(ids) {
    for (const id of ids) inFlight.delete(id);
    batch.setStatus(ids, Status.stopped);
    dirty.article = dirty.list = true;
    scheduleRender();
    if (inFlight.size === 0) status.endProgress();
    if (ids.length > 0) announceStopped();
  },
  onCross(cross) {
    batch.cross = cross;
    dirty.cross = true;
    // Once idle, "Done" waits until everything is drawn (it never stands beside a stale list).
    finishWhenDrawn = inFlight.size === 0;
    scheduleRender({ throttle: !finishWhenDrawn });
  },
  onCrash(id, message) {
    if (id !== null) batch.setFailed(id, `the analyzer broke on this article (${message})`);
    // A fresh worker gets every article but the one it broke on.
    const again = batch.entries.filter((entry) => batch.state(entry.id).status !== Status.failed && batch.state(entry.id).status !== Status.stopped);
    batch.setStatus(again.map((entry) => entry.id), Status.waiting);
    inFlight.clear();
    runTotal = 0;
    dirty.article = dirty.list = true;
    scheduleRender();
    analyse(again, { restart: true });
  },
  onFatal(message) {
    status.endProgress();
    status.show(
      `The analyzer could not start (${message}). Reload the page; if this keeps happening, this browser may not run WebAssembly in a worker.`,
      { error: true },
    );
  },
});

// ---------------------------------------------------------------------------------------
// Rendering: changes mark what is out of date; one animation frame redraws it, however many
// articles arrived since the last frame.

const dirty = { list: false, article: false, cross: false };
/** Set when the analysis went idle: the run is announced as done once all is drawn. */
let finishWhenDrawn = false;
let renderScheduled = false;
let lastRender = 0;
/**
 * While a batch is being analysed, the page redraws at most this often: every redraw is a
 * main-thread task, and fewer of them leave more of the machine to the analysis.
 */
const BATCH_REDRAW_INTERVAL_MS = 150;

let renderTimer = null;

/** Redraws what is out of date at the next frame (a little later while a batch runs). */
function scheduleRender({ throttle = true } = {}) {
  const wait = throttle && inFlight.size > 1 ? lastRender + BATCH_REDRAW_INTERVAL_MS - performance.now() : 0;
  // A redraw already waiting for its frame stays; one waiting for the interval is brought forward.
  if (renderScheduled && (renderTimer === null || wait > 0)) return;
  clearTimeout(renderTimer);
  renderTimer = null;
  renderScheduled = true;
  if (wait > 0) {
    renderTimer = setTimeout(() => {
      renderTimer = null;
      requestAnimationFrame(render);
    }, wait);
  } else requestAnimationFrame(render);
}

function render() {
  renderScheduled = false;
  lastRender = performance.now();
  elements.workspace.hidden = batch.size === 0;
  let listComplete = true;
  let listGrew = false;
  if (dirty.list) {
    const itemsBefore = batchView.items.size;
    listComplete = batchView.sync(batch, selectedId);
    listGrew = batchView.items.size - itemsBefore > 10;
    elements.batchCount.textContent = `(${formatCount(batch.size)})`;
  }
  // Heavy parts get frames of their own, so that no frame of a large batch is a long task:
  // the article waits while the list grows by many items, the cross-article view waits for
  // both (a single pasted article is drawn at once).
  const articleWaits = dirty.article && listGrew;
  if (dirty.article && !articleWaits) {
    articleView.show(batch.get(selectedId) ?? null, batch.state(selectedId));
    restorePendingFocus();
    measureTimeToResults();
  }
  const crossWaits = dirty.cross && (dirty.list || dirty.article);
  if (dirty.cross && !crossWaits) {
    crossView.render(batch.report());
    comparisonView.refresh(analysedById());
  }
  if (dirty.list || dirty.cross) {
    const analysed = batch.withStatus(Status.analysed).length;
    elements.crossPanel.hidden = analysed === 0;
    elements.exportPanel.hidden = analysed === 0;
    const notAnalysed = batch.size - analysed;
    elements.exportScope.textContent =
      `The exports hold the ${countOf(analysed, "analysed article")}` +
      (notAnalysed > 0 ? `; ${countOf(notAnalysed, "article")} not analysed ${notAnalysed === 1 ? "is" : "are"} left out.` : ".");
  }
  if (inFlight.size > 0) status.progress(runTotal - inFlight.size, runTotal);
  dirty.article = articleWaits;
  dirty.cross = crossWaits;
  dirty.list = !listComplete;
  if (dirty.list || dirty.article || dirty.cross) scheduleRender({ throttle: !finishWhenDrawn });
  else if (finishWhenDrawn && inFlight.size === 0) {
    finishWhenDrawn = false;
    finishRun();
  }
}

function restorePendingFocus() {
  if (pendingFocus === null || pendingFocus.id !== selectedId || inFlight.has(selectedId)) return;
  articleView.focusBlockToggle(pendingFocus.blockIndex);
  pendingFocus = null;
}

/** Records "article-analyzer:time-to-results" (paste to results drawn) for scripts/bench_page.mjs. */
function measureTimeToResults() {
  if (timing === null || timing.id !== selectedId || batch.state(selectedId)?.status !== Status.analysed) return;
  const { start } = timing;
  timing = null;
  // The next frame starts after this one is painted.
  requestAnimationFrame(() => performance.measure("article-analyzer:time-to-results", { start, end: performance.now() }));
}

// ---------------------------------------------------------------------------------------
// The batch: adding, analysing, selecting, correcting, removing, clearing.

const restored = restoreBatch();

/** Loads the stored batch and analyses it again. */
async function restoreBatch() {
  const store = await storeReady;
  if (!store.persistent) {
    status.show(`Your articles cannot be kept: ${store.problem}. They are lost when you close the tab; export what you need.`, { error: true });
  }
  let stored;
  try {
    stored = (await store.loadAll()).filter(isStoredArticle);
  } catch (error) {
    status.show(`Your saved articles could not be read: ${error.message}.`, { error: true });
    return;
  }
  if (stored.length === 0) return;
  batch.add(stored);
  selectedId = stored[0].id;
  status.show(`Restoring your ${countOf(stored.length, "article")}…`);
  analyse(stored);
}

function isStoredArticle(value) {
  const readable = value?.format === "html" ? typeof value.html === "string" : value?.format === undefined || value.format === "text";
  return readable && typeof value.id === "string" && typeof value.text === "string" && Array.isArray(value.overrides) && Number.isFinite(value.order);
}

/**
 * Adds articles ({name?, text, format?, html?, source}) to the batch, saves them and analyses
 * them; the first becomes the shown article. `problems` are reasons other articles were not added.
 */
async function addArticles(articles, problems = []) {
  await restored;
  const characters = batch.entries.reduce((sum, entry) => sum + charactersOf(entry), 0);
  const { accepted, problem } = fitIntoBatch(articles, { count: batch.size, characters });
  const refusedProblems = problem === null ? problems : [...problems, problem];
  const entries = batch.createEntries(accepted);
  batch.add(entries);
  if (entries.length > 0) {
    selectedId = entries[0].id;
    if (timing !== null && timing.id === null) timing.id = entries[0].id;
  }
  dirty.list = dirty.article = true; // the cross-article view changes when the worker says
  scheduleRender();
  const addedMessage = entries.length === 0 ? "Nothing was added." : `Added ${countOf(entries.length, "article")}; analysing…`;
  status.show(addedMessage, { error: refusedProblems.length > 0 && entries.length === 0, problems: refusedProblems });
  if (entries.length > 0) runProblems.push(...refusedProblems);
  analyse(entries);
  await save(entries);
  requestPersistentStorage();
}

/** Saves entries; on failure says so (they stay on the page until it is closed). */
async function save(entries) {
  if (entries.length === 0) return;
  try {
    await (await storeReady).put(entries);
  } catch (error) {
    status.show(
      `${countOf(entries.length, "article")} could not be saved: ${error.message}. They stay on this page until you close it.`,
      { error: true },
    );
  }
}

/** Sends entries to the worker; `restart` replaces the worker first (after a crash). */
function analyse(entries, { restart = false } = {}) {
  const docs = entries.map(Batch.documentOf);
  finishWhenDrawn = false;
  if (inFlight.size === 0) runTotal = 0;
  runTotal += docs.length;
  for (const doc of docs) inFlight.add(doc.id);
  batch.setStatus(docs.map((doc) => doc.id), Status.waiting);
  if (restart) analyzer.restart(docs);
  else analyzer.add(docs);
  if (runTotal > 1) status.progress(runTotal - inFlight.size, runTotal);
}

/** The analysis went idle: every article sent has been answered. */
function finishRun() {
  status.endProgress();
  if (runTotal === 0) return;
  runTotal = 0;
  const stopped = batch.withStatus(Status.stopped).length;
  if (stopped > 0) {
    announceStopped();
    return;
  }
  const failed = batch.withStatus(Status.failed).length;
  const summary = summarise(batch.report());
  const problems = runProblems;
  runProblems = [];
  status.show(failed > 0 ? `${summary} ${countOf(failed, "article")} could not be analysed.` : summary, { error: failed > 0, problems });
}

/** "Done: …" for the status line: the shown article alone, or the batch's groups. */
function summarise(report) {
  if (report.articles.length === 1) {
    const [article] = report.articles;
    const kept = article.blocks.filter((block) => block.kept).length;
    return `Done: “${article.title ?? article.id}”, kept ${kept} of ${countOf(article.blocks.length, "block")}, ${countOf(article.quotes.length, "quote")}.`;
  }
  return `Done: ${countOf(report.articles.length, "article")}, ${countOf(report.storyGroups.length, "story", "stories")}, ${countOf(report.duplicates.length, "duplicate")}, ${countOf(report.quoteGroups.length, "quote group")}.`;
}

function announceStopped() {
  const stopped = batch.withStatus(Status.stopped);
  if (stopped.length === 0) return;
  status.show(`Cancelled: ${countOf(stopped.length, "article")} ${stopped.length === 1 ? "was" : "were"} not analysed. They stay in the batch.`, {
    actions: [
      { label: `Analyse the ${countOf(stopped.length, "remaining article")}`, run: () => analyse(batch.withStatus(Status.stopped)) },
      { label: "Remove them", run: () => removeArticles(batch.withStatus(Status.stopped).map((entry) => entry.id)) },
    ],
  });
}

/** Shows article `id`; `quote` highlights one of its quotes; `focusArticle` moves the keyboard there. */
function selectArticle(id, { focusArticle = false, quote = null } = {}) {
  selectedId = id;
  dirty.list = true;
  articleView.show(batch.get(id) ?? null, batch.state(id));
  scheduleRender();
  if (quote !== null) articleView.selectQuote(quote);
  if (focusArticle) articleView.container.focus({ preventScroll: quote !== null });
  else if (window.matchMedia("(max-width: 56rem)").matches) articleView.container.scrollIntoView({ behavior: "smooth" });
}

/** Restores a removed block or removes a kept one, and analyses the article again. */
function toggleBlock(id, blockIndex) {
  const entry = batch.toggleBlock(id, blockIndex);
  if (entry === undefined) return;
  pendingFocus = { id, blockIndex };
  reanalyse(entry);
}

/** Analyses a changed entry again, before anything else queued, and saves it. */
function reanalyse(entry) {
  finishWhenDrawn = false;
  if (inFlight.size === 0) runTotal = 0;
  runTotal++;
  inFlight.add(entry.id);
  analyzer.replace(Batch.documentOf(entry));
  save([entry]);
}

/**
 * Reads an article that came as HTML the other way (its HTML, or its plain text) and analyses
 * it again: a rich paste or a saved page can read worse as HTML than as the text it shows.
 */
function switchFormat(id) {
  const entry = batch.switchFormat(id, htmlToText);
  if (entry === undefined) return;
  reanalyse(entry);
  status.show(entry.format === "html" ? `Reading “${entry.name}” as HTML…` : `Reading “${entry.name}” as plain text…`);
}

/** Takes one article out of the batch, offering to undo. */
function removeArticle(id) {
  const entry = batch.get(id);
  if (entry === undefined) return;
  const title = batch.state(id).article?.title ?? entry.name;
  removeArticles([id]);
  status.show(`Removed “${title}”.`, { actions: [{ label: "Undo", run: () => undoRemove(entry) }] });
}

function removeArticles(ids) {
  // The article that takes the (first) removed one's place gets the focus and, when the
  // shown article went, the article panel.
  const firstIndex = Math.min(...ids.map((id) => batch.entries.findIndex((entry) => entry.id === id)).filter((index) => index >= 0));
  for (const id of ids) {
    batch.remove(id);
    inFlight.delete(id);
  }
  analyzer.remove(ids);
  storeReady.then((store) => store.delete(ids)).catch((error) => status.show(`The removal could not be saved: ${error.message}.`, { error: true }));
  const inPlace = batch.entries[Math.min(firstIndex, batch.size - 1)]?.id ?? null;
  if (!batch.get(selectedId)) selectedId = inPlace;
  dirty.list = dirty.article = dirty.cross = true;
  render();
  // The removed button had the focus.
  if (inPlace !== null) batchView.focus(inPlace);
  else elements.input.focus();
  if (inFlight.size === 0) finishRun();
}

function undoRemove(entry) {
  if (batch.get(entry.id) !== undefined) return;
  batch.add([entry]);
  selectedId = entry.id;
  dirty.list = dirty.article = dirty.cross = true;
  scheduleRender();
  analyse([entry]);
  save([entry]);
  status.show(`“${entry.name}” is back.`);
}

async function clearAll() {
  elements.clearConfirm.hidden = true;
  batch.clear();
  analyzer.clear();
  inFlight.clear();
  runTotal = 0;
  selectedId = null;
  status.endProgress();
  dirty.list = dirty.article = dirty.cross = true;
  render();
  elements.input.focus();
  status.show("Cleared: the batch is empty and nothing of it is stored in this browser.");
  try {
    await (await storeReady).clear();
  } catch (error) {
    status.show(`The batch is empty here, but the stored copy could not be deleted: ${error.message}.`, { error: true });
  }
}

// ---------------------------------------------------------------------------------------
// Input: paste, type, files (picker or drop), samples.

/** Adds a pasted, typed or dropped article ({text, format, html?}) (or says why not). */
function addPasted(article, source) {
  const problem = checkArticle(source === "drop" ? "The dropped text" : "The pasted text", article);
  if (problem !== null) {
    status.show(problem, { error: true });
    return false;
  }
  addArticles([{ ...article, source }]);
  return true;
}

async function addFiles(files, source) {
  if (files.length === 0) return;
  status.show(`Reading ${countOf(files.length, "file")}…`);
  const { articles, problems } = await readFiles(files, source);
  await addArticles(articles, problems);
}

elements.input.addEventListener("paste", (event) => {
  // Pasting into the empty box is a whole article arriving; into a text being edited, a paste.
  if (elements.input.value.trim() !== "") return;
  const article = articleFromTransfer(event.clipboardData);
  if (article === null) return;
  event.preventDefault();
  timing = { id: null, start: performance.now() };
  addPasted(article, "paste");
});

elements.form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = elements.input.value;
  if (text.trim() === "") {
    status.show("Paste or type an article first.");
    elements.input.focus();
    return;
  }
  if (addPasted({ text, format: "text" }, "paste")) elements.input.value = "";
});

elements.input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    elements.form.requestSubmit();
  }
});

elements.fileInput.accept = ACCEPTED_FILES;
byId("choose-files-button").addEventListener("click", () => elements.fileInput.click());
elements.fileInput.addEventListener("change", async () => {
  const files = [...elements.fileInput.files];
  elements.fileInput.value = "";
  await addFiles(files, "file");
});

byId("sample-button").addEventListener("click", () =>
  addArticles(SAMPLE_ARTICLES.map((sample) => ({ ...sample, source: "sample" }))),
);

byId("add-another-button").addEventListener("click", () => {
  elements.input.scrollIntoView({ behavior: "smooth", block: "center" });
  elements.input.focus({ preventScroll: true });
});

byId("clear-button").addEventListener("click", () => {
  elements.clearConfirm.hidden = false;
  byId("clear-keep-button").focus();
});
byId("clear-keep-button").addEventListener("click", () => {
  elements.clearConfirm.hidden = true;
  byId("clear-button").focus();
});
byId("clear-confirm-button").addEventListener("click", clearAll);

watchDrops(document, {
  overlay: elements.dropOverlay,
  textBox: elements.input,
  onFiles: (files) => addFiles(files, "drop"),
  onText: (dataTransfer) => {
    const article = articleFromTransfer(dataTransfer);
    if (article !== null) addPasted(article, "drop");
  },
});

// ---------------------------------------------------------------------------------------
// Export.

const EXPORTS = {
  json: { make: reportJson, filename: "article-analyzer-report.json", type: "application/json", what: "the JSON report" },
  csv: { make: quotesCsv, filename: "article-analyzer-quotes.csv", type: "text/csv", what: "the quotes as CSV" },
  markdown: { make: cleanedMarkdown, filename: "cleaned-articles.md", type: "text/markdown", what: "the cleaned articles" },
  text: { make: cleanedPlainText, filename: "cleaned-articles.txt", type: "text/plain", what: "the cleaned articles" },
};

elements.exportPanel.addEventListener("click", (event) => {
  const control = event.target.closest("button[data-export]");
  if (control === null) return;
  const format = EXPORTS[control.dataset.export];
  const text = format.make(batch.report());
  if (control.dataset.action === "copy") copy(text, format.what);
  else {
    download(format.filename, text, format.type);
    status.show(`Saved ${format.what} as ${format.filename}.`);
  }
});

async function copy(text, what) {
  try {
    await copyText(text);
    status.show(`Copied ${what} to the clipboard.`);
  } catch (error) {
    status.show(`Could not copy ${what}: ${error.message}.`, { error: true });
  }
}

// ---------------------------------------------------------------------------------------
// Offline and installation.

registerServiceWorker(() =>
  status.show("A new version of the page is installed.", { actions: [{ label: "Reload to use it", run: () => location.reload() }] }),
);
offerInstallation(byId("install-button"));
