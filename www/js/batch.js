// The batch as the page knows it: the articles the person gave, in their order, each with its
// analysis state and result, and the cross-article results. Plain data, no DOM, no storage.

/** Where an article stands: queued in the worker, done, refused by the analyzer, or stopped by Cancel. */
export const Status = Object.freeze({
  waiting: "waiting",
  analysed: "analysed",
  failed: "failed",
  stopped: "stopped",
});

/** The articles of the batch, their analysis and what they have in common. */
export class Batch {
  constructor() {
    /**
     * Stored articles in batch order: {id, name, text, format, html?, source, overrides,
     * order, addedAt}; `format` "html" when the analyzer reads `html` (see input.js).
     */
    this.entries = [];
    /** id -> {status, article (when analysed), message (when failed)} */
    this.states = new Map();
    /** The worker's last cross-article results: {storyGroups, duplicates, quoteGroups}. */
    this.cross = { storyGroups: [], duplicates: [], quoteGroups: [] };
    this.nextOrder = 0;
  }

  /** Number of articles in the batch. */
  get size() {
    return this.entries.length;
  }

  /**
   * New entries for `articles` ({name, text, format?, html?, source}), with ids unique in the
   * batch (the file name, "name (2).txt" when taken; "pasted-N" for pasted text). Not yet added.
   */
  createEntries(articles) {
    const taken = new Set(this.entries.map((entry) => entry.id));
    return articles.map(({ name, text, format = "text", html, source }) => {
      const id = uniqueId(name ?? "pasted", taken, name === undefined);
      taken.add(id);
      const entry = { id, name: name ?? id, text, format, source, overrides: [], order: this.nextOrder++, addedAt: Date.now() };
      if (html !== undefined) entry.html = html;
      return entry;
    });
  }

  /**
   * Adds entries (new, stored, or removed and brought back) at their place in the batch
   * (by `order`, so new ones go last), waiting for analysis.
   */
  add(entries) {
    for (const entry of entries) {
      const last = this.entries[this.entries.length - 1];
      if (last === undefined || last.order < entry.order) this.entries.push(entry);
      else this.entries.splice(this.entries.findIndex((other) => other.order > entry.order), 0, entry);
      this.states.set(entry.id, { status: Status.waiting });
      this.nextOrder = Math.max(this.nextOrder, entry.order + 1);
    }
  }

  /** The entry with this id, or undefined. */
  get(id) {
    return this.entries.find((entry) => entry.id === id);
  }

  /** The state of the article with this id: {status, article?, message?}. */
  state(id) {
    return this.states.get(id);
  }

  /** Takes an article out; returns its index in the batch (-1 when it was not there). */
  remove(id) {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index >= 0) {
      this.entries.splice(index, 1);
      this.states.delete(id);
    }
    return index;
  }

  /** Empties the batch. */
  clear() {
    this.entries = [];
    this.states.clear();
    this.cross = { storyGroups: [], duplicates: [], quoteGroups: [] };
  }

  /** Records an analysed article; false when it left the batch meanwhile. */
  setArticle(article) {
    if (!this.states.has(article.id)) return false;
    this.states.set(article.id, { status: Status.analysed, article });
    return true;
  }

  /** Records that the analyzer refused this article, with its message. */
  setFailed(id, message) {
    if (this.states.has(id)) this.states.set(id, { status: Status.failed, message });
  }

  /** Marks these articles as waiting (queued) or stopped (cancelled before their turn). */
  setStatus(ids, status) {
    for (const id of ids) if (this.states.has(id)) this.states.set(id, { status });
  }

  /** The entries whose status is `status`, in batch order. */
  withStatus(status) {
    return this.entries.filter((entry) => this.states.get(entry.id)?.status === status);
  }

  /** What the worker needs to analyse an entry: the HTML or the text, as the entry is read. */
  static documentOf(entry) {
    return entry.format === "html"
      ? { id: entry.id, text: entry.html, format: "html", overrides: entry.overrides }
      : { id: entry.id, text: entry.text, overrides: entry.overrides };
  }

  /**
   * Switches an entry that came as HTML between reading its HTML and reading its plain text,
   * and returns it (undefined when it has no HTML). `plainText(html)` makes the plain text
   * when the entry has none yet (a dropped page). The corrections go: they name blocks of the
   * other reading.
   */
  switchFormat(id, plainText) {
    const entry = this.get(id);
    if (entry?.html === undefined) return undefined;
    entry.format = entry.format === "html" ? "text" : "html";
    if (entry.format === "text" && entry.text.trim() === "") entry.text = plainText(entry.html);
    entry.overrides = [];
    return entry;
  }

  /**
   * Flips block `blockIndex` of an article between kept and removed and returns the entry.
   * An override always contradicts the cleaner, so flipping an overridden block just drops
   * its override (the cleaner's verdict comes back).
   */
  toggleBlock(id, blockIndex) {
    const entry = this.get(id);
    const block = this.states.get(id)?.article?.blocks[blockIndex];
    if (entry === undefined || block === undefined) return undefined;
    const overridden = entry.overrides.some((override) => override.block === blockIndex);
    entry.overrides = overridden
      ? entry.overrides.filter((override) => override.block !== blockIndex)
      : [...entry.overrides, { block: blockIndex, kept: !block.kept }].sort((a, b) => a.block - b.block);
    return entry;
  }

  /** The analysed articles (Article objects) in batch order. */
  analysedArticles() {
    return this.withStatus(Status.analysed).map((entry) => this.states.get(entry.id).article);
  }

  /** The report (the contract's shape) of the analysed articles, in batch order. */
  report() {
    const articles = this.analysedArticles();
    const present = new Set(articles.map((article) => article.id));
    const { storyGroups, duplicates, quoteGroups } = this.cross;
    // The worker may answer for a batch that changed since; keep to what is here now.
    return {
      articles,
      storyGroups: storyGroups.map((group) => group.filter((id) => present.has(id))).filter((group) => group.length > 0),
      duplicates: duplicates.filter((pair) => present.has(pair.a) && present.has(pair.b)),
      quoteGroups: quoteGroups.filter((group) => group.every((member) => present.has(member.article))),
    };
  }
}

/** `wanted` if free, else "wanted (2)", "wanted (3)"... before the extension; "pasted-N" for pastes. */
function uniqueId(wanted, taken, numbered) {
  if (!numbered && !taken.has(wanted)) return wanted;
  const dot = wanted.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ""];
  for (let number = numbered ? 1 : 2; ; number++) {
    const candidate = numbered ? `${stem}-${number}${extension}` : `${stem} (${number})${extension}`;
    if (!taken.has(candidate)) return candidate;
  }
}
