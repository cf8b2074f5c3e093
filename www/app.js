// The page: sends the pasted article to the analyzer worker and shows what it kept and why it
// removed the rest. Every piece of article text is rendered with textContent, never as HTML.

/** Talks to worker.js: one promise per request, answered in any order. */
class AnalyzerClient {
  constructor(workerUrl) {
    this.worker = new Worker(workerUrl, { type: "module" });
    this.pending = new Map();
    this.nextId = 1;
    /** Set once the worker itself has failed (it could not load); later calls fail at once. */
    this.failure = null;
    this.worker.addEventListener("message", (event) => this.settle(event.data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.failure = new Error(event.message || "the analyzer could not be loaded");
      for (const request of this.pending.values()) request.reject(this.failure);
      this.pending.clear();
    });
  }

  /** Cleans one article text; resolves to an Article (see pkg/article_analyzer.d.ts). */
  clean(text) {
    return this.call("clean", [text]);
  }

  /** Analyses a batch of {id, text} articles; resolves to a Report. */
  analyze(docs, options) {
    return this.call("analyze", options === undefined ? [docs] : [docs, options]);
  }

  call(operation, args) {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, operation, args });
    });
  }

  settle({ id, ok, result, error }) {
    const request = this.pending.get(id);
    if (request === undefined) return;
    this.pending.delete(id);
    if (ok) request.resolve(result);
    else request.reject(new Error(error));
  }
}

const elements = {
  form: document.getElementById("article-form"),
  input: document.getElementById("article-input"),
  status: document.getElementById("status"),
  result: document.getElementById("result"),
  title: document.getElementById("article-title"),
  author: document.getElementById("article-author"),
  date: document.getElementById("article-date"),
  warnings: document.getElementById("warnings"),
  cleanedText: document.getElementById("cleaned-text"),
  removedSummary: document.getElementById("removed-summary"),
  removedList: document.getElementById("removed-list"),
  blockTemplate: document.getElementById("block-template"),
};

const analyzer = new AnalyzerClient(new URL("./worker.js", import.meta.url));

/** Numbers the analyses so a slow, older answer never replaces a newer one. */
let latestAnalysis = 0;

async function analyzeInput() {
  // Keep the exact string analysed: block offsets index into it, not into later edits.
  const input = elements.input.value;
  if (input.trim() === "") {
    setStatus("Paste or type an article first.");
    elements.input.focus();
    return;
  }
  const analysis = ++latestAnalysis;
  setStatus("Analysing…");
  elements.form.setAttribute("aria-busy", "true");
  try {
    const article = await analyzer.clean(input);
    if (analysis !== latestAnalysis) return;
    renderArticle(article, input);
    const removed = article.blocks.filter((block) => !block.kept).length;
    setStatus(`Done: kept ${article.blocks.length - removed} of ${article.blocks.length} blocks.`);
  } catch (error) {
    if (analysis !== latestAnalysis) return;
    setStatus(`The analysis failed: ${error.message}`, { error: true });
  } finally {
    if (analysis === latestAnalysis) elements.form.removeAttribute("aria-busy");
  }
}

/** Shows one Article; `input` is the text it was computed from. */
function renderArticle(article, input) {
  setOptionalText(elements.title, article.title);
  setOptionalText(elements.author, article.author);
  setOptionalText(elements.date, article.date);

  elements.warnings.replaceChildren(...article.warnings.map((warning) => listItem(warning)));
  elements.warnings.hidden = article.warnings.length === 0;

  const paragraphs = article.text === "" ? [] : article.text.split("\n\n");
  if (paragraphs.length === 0) {
    const empty = document.createElement("p");
    empty.className = "empty";
    empty.textContent = "No body text was found.";
    elements.cleanedText.replaceChildren(empty);
  } else {
    elements.cleanedText.replaceChildren(...paragraphs.map((paragraph) => {
      const element = document.createElement("p");
      element.textContent = paragraph;
      return element;
    }));
  }

  const removed = article.blocks.filter((block) => !block.kept);
  elements.removedSummary.textContent = `Removed blocks (${removed.length})`;
  elements.removedList.replaceChildren(...removed.map((block) => renderBlock(block, input)));

  elements.result.hidden = false;
}

/** One removed block: its kind, the reason, and its text sliced from the input (UTF-16 offsets). */
function renderBlock(block, input) {
  const item = elements.blockTemplate.content.firstElementChild.cloneNode(true);
  item.dataset.kind = block.kind;
  item.querySelector(".block-kind").textContent = block.kind;
  item.querySelector(".block-reason").textContent = block.reason;
  item.querySelector(".block-text").textContent = input.slice(block.start, block.end);
  return item;
}

function setOptionalText(element, value) {
  element.textContent = value ?? "not found";
  element.classList.toggle("missing", value == null);
}

function listItem(text) {
  const item = document.createElement("li");
  item.textContent = text;
  return item;
}

function setStatus(message, { error = false } = {}) {
  elements.status.textContent = message;
  elements.status.classList.toggle("error", error);
}

elements.form.addEventListener("submit", (event) => {
  event.preventDefault();
  analyzeInput();
});

// A paste is a whole article arriving: analyse it without waiting for the button.
elements.input.addEventListener("input", (event) => {
  if (event.inputType === "insertFromPaste") analyzeInput();
});

elements.input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    analyzeInput();
  }
});
