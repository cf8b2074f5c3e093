// The selected article: its metadata, the cleaned text (removed blocks on demand, with their
// kind and reason and a button to restore them, kept blocks with a button to remove them),
// its quotes (choosing one highlights it in the text) and its speakers with their quotes.

import { Status } from "./batch.js";
import { button, countOf, element } from "./dom.js";
import { textWithQuotes } from "./highlight.js";

/** The speaker name shown for quotes the article does not attribute. */
const UNATTRIBUTED = "Not attributed";

/** Shows one article of the batch in `container` (the article panel). */
export class ArticleView {
  /**
   * `actions`: onToggleBlock(id, blockIndex) to restore or remove a block; onAnalyse(id) to
   * analyse a stopped article; onCopyText(article) to copy its cleaned text; onSwitchFormat(id)
   * to read an article that came as HTML the other way (HTML or plain text).
   */
  constructor(container, actions) {
    this.container = container;
    this.actions = actions;
    this.showRemoved = false;
    this.entry = null;
    this.article = null;
    this.selectedQuote = null;
  }

  /** Shows `entry` in its `state` ({status, article, message}); null shows the empty view. */
  show(entry, state) {
    const sameArticle = this.entry?.id === entry?.id;
    this.entry = entry;
    this.article = state?.status === Status.analysed ? state.article : null;
    if (!sameArticle || this.article === null || this.selectedQuote >= this.article.quotes.length) {
      this.selectedQuote = null;
    }
    if (entry === null) {
      this.container.replaceChildren(element("p", { className: "empty" }, "Choose an article in the list."));
      return;
    }
    if (this.article === null) {
      this.container.replaceChildren(...this.pendingView(entry, state));
      return;
    }
    const parts = [
      this.header(this.article, entry),
      this.reading(entry),
      this.warnings(this.article),
      element("div", { className: "article-columns" }, this.cleanedSection(this.article, entry), this.quotesSection(this.article)),
    ];
    this.container.replaceChildren(...parts.filter((part) => part !== null));
    if (this.selectedQuote !== null) this.markSelectedQuote(false);
  }

  /** Highlights quote `index` in the text (and its buttons), scrolling it into view. */
  selectQuote(index) {
    if (this.article === null || this.article.quotes[index] === undefined) return;
    this.selectedQuote = index;
    this.markSelectedQuote(true);
  }

  /** Moves the keyboard focus to the restore/remove button of block `blockIndex`. */
  focusBlockToggle(blockIndex) {
    this.container.querySelector(`.block[data-block="${blockIndex}"] .block-toggle`)?.focus();
  }

  pendingView(entry, state) {
    const heading = element("h2", { id: "article-heading" }, entry.name);
    if (state?.status === Status.failed) {
      return [heading, element("p", { className: "error" }, `This article could not be analysed: ${state.message}`)];
    }
    if (state?.status === Status.stopped) {
      return [
        heading,
        element("p", {}, "This article was not analysed: the analysis was cancelled before its turn."),
        button("Analyse it now", () => this.actions.onAnalyse(entry.id)),
      ];
    }
    return [heading, element("p", { className: "muted" }, "Analysing…")];
  }

  header(article, entry) {
    const field = (label, value) =>
      element("div", {}, element("dt", {}, label), element("dd", { className: value == null ? "missing" : "" }, value ?? "not found"));
    return element(
      "header",
      { className: "article-header" },
      element("h2", { id: "article-heading", className: article.title == null ? "missing" : "" }, article.title ?? "No headline found"),
      element(
        "dl",
        { className: "metadata" },
        field("Author", article.author),
        field("Date", article.date),
        field("Article id", entry.id),
      ),
    );
  }

  /**
   * How an article that came as HTML (a saved page, a rich paste) was read, and a button to
   * read it the other way: HTML brings the page's structure, but a person who sees a worse
   * result than the text they copied needs a way back to that text. Null for plain text.
   */
  reading(entry) {
    if (entry.html === undefined) return null;
    const asHtml = entry.format === "html";
    return element(
      "p",
      { className: "reading small-text" },
      element("span", {}, asHtml ? "Read as HTML (the page's structure)." : "Read as plain text."),
      " ",
      button(asHtml ? "Read as plain text instead" : "Read as HTML instead", () => this.actions.onSwitchFormat(entry.id), {
        className: "secondary small",
        attributes: { "aria-describedby": "article-heading" },
      }),
    );
  }

  warnings(article) {
    if (article.warnings.length === 0) return null;
    return element("ul", { className: "warnings", attributes: { "aria-label": "Warnings" } }, article.warnings.map((warning) => element("li", {}, warning)));
  }

  cleanedSection(article, entry) {
    const removedCount = article.blocks.filter((block) => !block.kept).length;
    const blocks = element("div", { className: `blocks${this.showRemoved ? " show-removed" : ""}`, id: "article-blocks" });
    const toggle = element("input", {
      type: "checkbox",
      id: "show-removed",
      checked: this.showRemoved,
      onchange: () => {
        this.showRemoved = toggle.checked;
        blocks.classList.toggle("show-removed", this.showRemoved);
      },
    });
    const overridden = new Set(entry.overrides.map((override) => override.block));
    // Offsets refer to the page's visible text for HTML, to the input itself for text.
    const shown = article.source ?? entry.text;
    blocks.append(...article.blocks.map((block, index) => this.blockView(article, shown, block, index, overridden.has(index))));
    if (article.text === "") {
      const other = entry.html === undefined ? "" : entry.format === "html" ? ", or read the article as plain text" : ", or read the article as HTML";
      blocks.prepend(element("p", { className: "empty" }, `No body text was found. Show the removed blocks to restore some${other}.`));
    }
    return element(
      "section",
      { className: "cleaned" },
      element(
        "div",
        { className: "section-header" },
        element("h3", {}, "Cleaned text"),
        element("label", { className: "toggle" }, toggle, ` Show removed blocks (${removedCount})`),
        button("Copy text", () => this.actions.onCopyText(article), { className: "secondary small" }),
      ),
      blocks,
    );
  }

  blockView(article, input, block, index, overridden) {
    const text = element("p", { className: "block-text" }, textWithQuotes(input, block.start, block.end, article.quotes));
    const label = block.kept ? "Remove block" : "Restore";
    const toggle = button(overridden ? "Undo" : label, () => this.actions.onToggleBlock(this.entry.id, index), {
      className: "block-toggle secondary small",
      attributes: { "aria-label": `${overridden ? "Undo your change to" : label} block ${index + 1} (${block.kind})` },
    });
    const classes = ["block", block.kept ? "kept" : "removed", overridden ? "overridden" : ""].join(" ").trim();
    const about = element(
      "p",
      { className: "block-about" },
      element("span", { className: "block-kind" }, block.kind),
      " ",
      element("span", { className: "block-reason" }, block.reason),
    );
    const head = element("div", { className: "block-head" }, about, toggle);
    return element("div", { className: classes, dataset: { block: String(index), kind: block.kind } }, head, text);
  }

  quotesSection(article) {
    const quoteList = element(
      "ol",
      { className: "quote-list" },
      article.quotes.map((quote, index) =>
        element(
          "li",
          {},
          button(
            [
              element("span", { className: "quote-text" }, `“${quote.text}”`),
              element("span", { className: "quote-meta" }, [quote.speaker ?? UNATTRIBUTED, quote.cue].filter(Boolean).join(" · ")),
            ],
            () => this.selectQuote(index),
            { className: "quote-button", dataset: { quote: String(index) }, attributes: { "aria-pressed": "false" } },
          ),
        ),
      ),
    );
    const speakers = speakersOf(article.quotes);
    return element(
      "section",
      { className: "quotes" },
      element("h3", {}, `Quotes (${article.quotes.length})`),
      article.quotes.length === 0 ? element("p", { className: "empty" }, "No quotations found in the cleaned text.") : quoteList,
      element("h3", {}, `Speakers (${speakers.filter((speaker) => speaker.name !== null).length})`),
      speakers.length === 0
        ? element("p", { className: "empty" }, "No speakers.")
        : element("ul", { className: "speaker-list" }, speakers.map((speaker) => this.speakerView(speaker))),
    );
  }

  speakerView({ name, quotes }) {
    return element(
      "li",
      {},
      element("p", { className: "speaker-name" }, name ?? UNATTRIBUTED, " ", element("span", { className: "muted" }, `(${countOf(quotes.length, "quote")})`)),
      element(
        "ol",
        {},
        quotes.map(({ quote, index }) =>
          element(
            "li",
            {},
            button(`“${shorten(quote.text, 90)}”`, () => this.selectQuote(index), {
              className: "link-button",
              dataset: { quote: String(index) },
              attributes: { "aria-pressed": "false" },
            }),
          ),
        ),
      ),
    );
  }

  markSelectedQuote(scroll) {
    const selected = String(this.selectedQuote);
    for (const mark of this.container.querySelectorAll("mark.quote")) mark.classList.toggle("selected", mark.dataset.quote === selected);
    for (const control of this.container.querySelectorAll("button[data-quote]")) {
      control.setAttribute("aria-pressed", String(control.dataset.quote === selected));
    }
    const first = this.container.querySelector(`mark.quote[data-quote="${selected}"]`);
    if (scroll && first !== null) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }
}

/** The article's speakers, in order of first quote, each with its quotes and their indexes. */
function speakersOf(quotes) {
  const bySpeaker = new Map();
  quotes.forEach((quote, index) => {
    const key = quote.speaker ?? null;
    if (!bySpeaker.has(key)) bySpeaker.set(key, []);
    bySpeaker.get(key).push({ quote, index });
  });
  return [...bySpeaker].map(([name, speakerQuotes]) => ({ name, quotes: speakerQuotes }));
}

/** `text` cut at a word boundary to at most `length` characters, with an ellipsis when cut. */
export function shorten(text, length) {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
