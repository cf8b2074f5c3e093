// The comparison panel: two copies of an article side by side with what was added, removed,
// moved or edited marked, or the quotes of one quote group each read against the group's
// reference quote. The diffs come from the analyzer (diffArticles / diffTexts in the worker);
// text is only ever set with textContent. Marks never rely on colour alone: insertions are
// underlined, deletions struck through, moved paragraphs outlined and labelled, and each mark
// starts with words for screen readers.

import { button, countOf, element } from "./dom.js";
import { alignParagraphs, foldUnchanged, inlineSegments, paragraphSegments } from "./diff-layout.js";

/** How a quote of a group differs from the group's reference, for people. */
export const CHANGE_LABELS = {
  reference: "Reference (longest)",
  identical: "Identical",
  shortened: "Shortened",
  extended: "Extended",
  reworded: "Reworded",
  differentTranslation: "Different translation",
};

/** What screen readers hear at the start of each mark. */
const SPOKEN = { delete: "removed: ", insert: "added: ", movedDelete: "moved away: ", movedInsert: "moved here: " };

/** The "Comparison" panel. */
export class ComparisonView {
  /**
   * `panel`: the section (with its heading and close button inside); `actions`:
   * requestDiff(kind, pairs) → Promise of diffs, onOpenArticle(id).
   */
  constructor(panel, actions) {
    this.panel = panel;
    this.actions = actions;
    this.heading = panel.querySelector("h2");
    this.body = panel.querySelector(".compare-body");
    /** Says when a comparison is ready (the panel itself is too long to be announced). */
    this.status = panel.querySelector(".compare-status");
    this.opener = null;
    /** What is shown: {kind: "articles", a, b} or {kind: "quotes", group, articles}; null when closed. */
    this.subject = null;
    /** Counts requests, so that an answer to an older one is dropped. */
    this.generation = 0;
    panel.querySelector(".compare-close").addEventListener("click", () => this.close());
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  /** Compares article objects `a` and `b` side by side; `opener` gets the focus back on close. */
  showArticles(a, b, opener = null) {
    this.open({ kind: "articles", a, b }, opener, "Compare two copies");
    this.load("articles", [[a, b]], ([diff]) => this.articleDiff(a, b, diff));
  }

  /** Compares the quotes of `group` ([{article, quote, change}]) with its reference. */
  showQuoteGroup(group, articles, opener = null) {
    const members = group
      .map((member) => ({ ...member, article: articles.get(member.article), id: member.article }))
      .filter((member) => member.article?.quotes[member.quote] !== undefined);
    const reference = members.find((member) => member.change?.label === "reference") ?? members[0];
    if (reference === undefined) return;
    const others = members.filter((member) => member !== reference);
    const quoteOf = (member) => member.article.quotes[member.quote];
    this.open({ kind: "quotes", group, articles }, opener, `How ${quoteOf(reference).speaker ?? "the speaker"} was quoted`);
    const pairs = others.map((member) => [quoteOf(reference).text, quoteOf(member).text]);
    this.load("texts", pairs, (diffs) => this.quoteComparison(reference, others, diffs));
  }

  /** Keeps the panel true to the batch: closes it when a compared article left, shows it again when one was analysed anew. */
  refresh(articles) {
    const subject = this.subject;
    if (subject === null) return;
    if (subject.kind === "articles") {
      const a = articles.get(subject.a.id);
      const b = articles.get(subject.b.id);
      if (a === undefined || b === undefined) this.close({ restoreFocus: false });
      else if (a !== subject.a || b !== subject.b) this.showArticles(a, b, this.opener);
    } else if (subject.group.some((member) => !articles.has(member.article))) {
      this.close({ restoreFocus: false });
    } else if (subject.group.some((member) => articles.get(member.article) !== subject.articles.get(member.article))) {
      this.showQuoteGroup(subject.group, articles, this.opener);
    }
  }

  /** Hides the panel; the keyboard goes back to the button that opened it. */
  close({ restoreFocus = true } = {}) {
    if (this.subject === null) return;
    this.subject = null;
    this.generation++;
    this.panel.hidden = true;
    this.body.replaceChildren();
    this.status.textContent = "";
    if (restoreFocus && this.opener?.isConnected) this.opener.focus();
  }

  open(subject, opener, title) {
    const reopening = this.subject !== null && this.panel.contains(document.activeElement);
    this.subject = subject;
    this.opener = opener;
    this.heading.textContent = title;
    this.panel.hidden = false;
    if (!reopening) {
      this.panel.focus({ preventScroll: true });
      this.panel.scrollIntoView({ block: "start" });
    }
  }

  /** Asks the analyzer for diffs and draws them with `draw` (unless another request came since). */
  async load(kind, pairs, draw) {
    const generation = ++this.generation;
    this.body.replaceChildren(element("p", { className: "muted" }, "Comparing…"));
    this.status.textContent = "Comparing…";
    let diffs;
    try {
      diffs = await this.actions.requestDiff(kind, pairs);
    } catch (error) {
      if (generation === this.generation) {
        const message = `The comparison failed: ${error.message}`;
        this.body.replaceChildren(element("p", { className: "error" }, message));
        this.status.textContent = message;
      }
      return;
    }
    if (generation !== this.generation) return;
    this.body.replaceChildren(...draw(diffs));
    this.status.textContent =
      kind === "articles" ? `Comparison ready: ${diffs[0].summary.sentence}` : `Comparison ready: ${countOf(pairs.length + 1, "quote")}.`;
  }

  // -------------------------------------------------------------------------------------
  // Two articles.

  articleDiff(a, b, diff) {
    const name = (article) => article.title ?? article.id;
    const rows = alignParagraphs(diff.aParagraphs, diff.bParagraphs);
    const grid = element(
      "div",
      { className: "diff-grid", attributes: { "aria-label": `${name(a)} compared with ${name(b)}` } },
      element("div", { className: "diff-row diff-head" }, this.columnHead("A", a), this.columnHead("B", b)),
      this.titleRow(a, b, diff),
    );
    for (const group of foldUnchanged(rows, diff.aParagraphs)) {
      if (group.rows) {
        for (const row of group.rows) grid.append(this.paragraphRow(row, a, b, diff));
      } else {
        const folded = element(
          "details",
          { className: "unchanged-run" },
          element("summary", {}, `${countOf(group.folded.length, "unchanged paragraph")} (show)`),
        );
        // Drawn when opened: a long article folds hundreds of paragraphs.
        folded.addEventListener("toggle", () => {
          if (folded.open && folded.children.length === 1) {
            folded.append(...group.folded.map((row) => this.paragraphRow(row, a, b, diff)));
          }
        });
        grid.append(folded);
      }
    }
    return [
      element("p", { className: "diff-summary" }, diff.summary.sentence),
      element(
        "p",
        { className: "hint legend" },
        "Left: ",
        element("strong", {}, `A, ${a.id}`),
        "; right: ",
        element("strong", {}, `B, ${b.id}`),
        ". ",
        element("del", {}, "Struck through"),
        ": only in A. ",
        element("ins", {}, "Underlined"),
        ": only in B. Outlined: a paragraph that moved.",
      ),
      grid,
    ];
  }

  columnHead(letter, article) {
    return element(
      "div",
      { className: "diff-cell" },
      element("span", { className: "column-letter" }, letter),
      " ",
      button(article.title ?? article.id, () => this.actions.onOpenArticle(article.id), {
        className: "link-button",
        attributes: { "aria-label": `Open ${letter}: ${article.title ?? article.id}` },
      }),
      element("span", { className: "muted small-text" }, ` ${article.id}${article.date ? ` · ${article.date}` : ""}`),
    );
  }

  titleRow(a, b, diff) {
    const badge = diff.summary.titleChanged ? "Headline, changed" : "Headline";
    const cell = (letter, text, side) =>
      element(
        "div",
        { className: `diff-cell diff-title side-${side}` },
        this.cellLabel(letter),
        element("span", { className: "change-badge" }, badge),
        text === ""
          ? element("p", { className: "muted" }, "No headline")
          : element("p", {}, ...marks(paragraphSegments(text, diff.titleOps, side, 0, text.length))),
      );
    return element("div", { className: "diff-row" }, cell("A", a.title ?? "", "a"), cell("B", b.title ?? "", "b"));
  }

  paragraphRow(row, a, b, diff) {
    const cell = (index, article, paragraphs, side) => {
      const letter = side === "a" ? "A" : "B";
      if (index === null) {
        return element(
          "div",
          { className: `diff-cell empty-cell side-${side}` },
          this.cellLabel(letter),
          element("span", { className: "visually-hidden" }, "nothing here"),
        );
      }
      const paragraph = paragraphs[index];
      // An unchanged paragraph is read once: "A and B" on the left, the right for the eyes only.
      const unchanged = paragraph.status === "unchanged";
      return element(
        "div",
        {
          className: `diff-cell side-${side} status-${paragraph.status}`,
          attributes: unchanged && side === "b" ? { "aria-hidden": "true" } : {},
        },
        this.cellLabel(unchanged ? "A and B" : letter),
        paragraph.status === "unchanged" ? null : element("span", { className: "change-badge" }, describeStatus(paragraph, side)),
        element("p", {}, ...marks(paragraphSegments(article.text, diff.ops, side, paragraph.start, paragraph.end))),
      );
    };
    const unchanged = row.a !== null && diff.aParagraphs[row.a].status === "unchanged";
    return element(
      "div",
      { className: unchanged ? "diff-row unchanged" : "diff-row" },
      cell(row.a, a, diff.aParagraphs, "a"),
      cell(row.b, b, diff.bParagraphs, "b"),
    );
  }

  /** The column's letter: shown in each cell when the columns stack (phones), spoken always. */
  cellLabel(letter) {
    return element("span", { className: "cell-label" }, letter);
  }

  // -------------------------------------------------------------------------------------
  // A quote group.

  quoteComparison(reference, others, diffs) {
    const quote = (member) => member.article.quotes[member.quote];
    const referenceQuote = quote(reference);
    const items = [
      element(
        "li",
        { className: "quote-compare-item reference" },
        this.quoteOrigin(reference, referenceQuote, null),
        element("blockquote", {}, referenceQuote.text),
      ),
      ...others.map((member, index) =>
        element(
          "li",
          { className: "quote-compare-item" },
          this.quoteOrigin(member, quote(member), referenceQuote),
          element("blockquote", {}, ...marks(inlineSegments(referenceQuote.text, quote(member).text, diffs[index].ops))),
          element("p", { className: "muted small-text" }, describeWordChanges(member.change)),
        ),
      ),
    ];
    return [
      element(
        "p",
        { className: "hint legend" },
        "Each quote is read against the reference, the longest: ",
        element("del", {}, "struck through"),
        ", the reference's words it lacks; ",
        element("ins", {}, "underlined"),
        ", its own words.",
      ),
      element("ol", { className: "quote-compare" }, items),
    ];
  }

  quoteOrigin(member, quote, referenceQuote) {
    const label = member.change?.label ?? "reference";
    const notes = [];
    if (member.change?.speakerDiffers && referenceQuote !== null) {
      notes.push(`speaker given as “${quote.speaker ?? "nobody"}” (reference: “${referenceQuote.speaker ?? "nobody"}”)`);
    }
    if (member.change?.cueDiffers && referenceQuote !== null) {
      notes.push(`reported with “${quote.cue ?? "no verb"}” (reference: “${referenceQuote.cue ?? "no verb"}”)`);
    }
    return element(
      "p",
      { className: "quote-origin" },
      element("span", { className: `change-label label-${label}` }, CHANGE_LABELS[label] ?? label),
      " ",
      button(member.article.title ?? member.id, () => this.actions.onOpenArticle(member.id), { className: "link-button" }),
      element("span", { className: "muted small-text" }, ` ${member.id} · ${[quote.speaker ?? "not attributed", quote.cue].filter(Boolean).join(", ")}`),
      notes.length > 0 ? element("span", { className: "quote-notes small-text" }, notes.join("; ")) : null,
    );
  }
}

/** Nodes for segments: kept text as text, deletions as <del>, insertions as <ins>, each mark spoken. */
export function marks(segments) {
  return segments.map(({ text, kind, moved }) => {
    if (kind === "equal") return text;
    const tag = kind === "delete" ? "del" : "ins";
    const spoken = moved ? (kind === "delete" ? SPOKEN.movedDelete : SPOKEN.movedInsert) : SPOKEN[kind];
    return element(tag, { className: moved ? "moved" : "" }, element("span", { className: "visually-hidden" }, spoken), text);
  });
}

/** "Removed", "Added", "Edited", "Moved to paragraph 5 of B", "Unchanged". */
function describeStatus(paragraph, side) {
  switch (paragraph.status) {
    case "removed":
      return "Removed";
    case "added":
      return "Added";
    case "changed":
      return "Edited";
    case "moved":
      return side === "a" ? `Moved to paragraph ${paragraph.other + 1} of B` : `Moved from paragraph ${paragraph.other + 1} of A`;
    default:
      return "Unchanged";
  }
}

/** "10 words dropped", "2 words changed, 1 added", "the same words". */
export function describeWordChanges(change) {
  if (change === undefined) return "";
  const parts = [];
  for (const [count, what] of [
    [change.wordsChanged, "changed"],
    [change.wordsAdded, "added"],
    [change.wordsDropped, "dropped"],
  ]) {
    if (count > 0) parts.push(parts.length === 0 ? `${countOf(count, "word")} ${what}` : `${count} ${what}`);
  }
  const shared = `${countOf(change.wordsShared, "word")} shared`;
  return parts.length === 0 ? `The same words (${shared}).` : `${parts.join(", ")}; ${shared}.`;
}
