// What the articles of the batch have in common: story groups (articles on one event) on a
// timeline, duplicates with their similarity and a button comparing the two copies, and quote
// groups (one statement quoted in several articles), each group's quotes side by side with
// how each differs from the group's reference and a button comparing their wording. Long
// lists show their start and a button for the rest, so a batch of hundreds of articles
// renders quickly.

import { button, countOf, element } from "./dom.js";
import { shorten } from "./article-view.js";
import { CHANGE_LABELS, describeWordChanges } from "./compare-view.js";
import { describeGap, formatDate, timelineOf } from "./timeline.js";

/** Groups (and duplicate pairs) each list shows before its "Show all" button. */
const FIRST_ITEMS = 20;
/** Articles of one group shown before its own "Show all" button. */
const FIRST_MEMBERS = 8;

/** The "Across articles" panel in `container`. */
export class CrossView {
  /**
   * `actions`: onOpenArticle(id), onOpenQuote(id, quoteIndex), onCompareArticles(idA, idB,
   * opener), onCompareQuotes(group, opener); `opener` is the button pressed.
   */
  constructor(container, actions) {
    this.container = container;
    this.actions = actions;
    /** Lists the person expanded, kept across updates of the batch. */
    this.expanded = new Set();
  }

  /** Shows the cross-article part of `report` (the contract's Report). */
  render(report) {
    const articles = new Map(report.articles.map((article) => [article.id, article]));
    if (articles.size < 2) {
      this.container.replaceChildren(
        element("p", { className: "empty" }, "Add a second article to see story groups, duplicates and quotes repeated across articles."),
      );
      return;
    }
    /** Each article's place in the batch: the order of the timeline's undated articles. */
    const order = new Map(report.articles.map((article, index) => [article.id, index]));
    this.container.replaceChildren(
      this.storyGroups(report.storyGroups, articles, order),
      this.duplicates(report.duplicates, articles),
      this.quoteGroups(report.quoteGroups, articles),
    );
  }

  storyGroups(groups, articles, order) {
    const shared = groups.filter((group) => group.length > 1);
    const alone = groups.filter((group) => group.length === 1).map(([id]) => id);
    const list = this.limitedList("stories", "ol", shared, (group, index) => {
      const timeline = timelineOf(group, articles, order);
      const dated = timeline.filter((entry) => entry.date !== null);
      const span =
        dated.length === 0
          ? "no dates given"
          : dated[0].date === dated[dated.length - 1].date
            ? formatDate(dated[0].date)
            : `${formatDate(dated[0].date)} to ${formatDate(dated[dated.length - 1].date)}`;
      return element(
        "li",
        { className: "story-group" },
        element("p", { className: "group-title" }, `Story ${index + 1} · ${countOf(group.length, "article")} · ${span}`),
        this.limitedList(`story-${group[0]}`, "ol", timeline, (entry) => this.timelineEntry(entry, articles), {
          first: FIRST_MEMBERS,
          className: "timeline",
        }),
      );
    });
    return element(
      "section",
      { className: "cross-section", attributes: { "aria-labelledby": "story-groups-heading" } },
      element("h3", { id: "story-groups-heading" }, "Story groups"),
      element(
        "p",
        { className: "muted" },
        `${countOf(groups.length, "story", "stories")} in ${countOf(articles.size, "article")}: ${countOf(shared.length, "story", "stories")} covered more than once, each on a timeline by date (articles without a date last, in the order added).`,
      ),
      shared.length > 0 ? list : null,
      alone.length > 0
        ? element(
            "details",
            { className: "alone" },
            element("summary", {}, `Articles on a story of their own (${alone.length})`),
            this.limitedList("alone", "ul", alone, (id) => element("li", {}, this.articleButton(id, articles))),
          )
        : null,
    );
  }

  /** One article of a story's timeline: its date (or none), how long after the one before, title and file name. */
  timelineEntry(entry, articles) {
    const article = articles.get(entry.id);
    return element(
      "li",
      { className: entry.date === null ? "timeline-entry undated" : "timeline-entry" },
      element(
        "p",
        { className: "timeline-date" },
        entry.date === null
          ? "Date not given"
          : element("time", { attributes: { datetime: entry.date } }, formatDate(entry.date)),
        entry.daysAfterPrevious !== null ? element("span", { className: "muted small-text" }, ` · ${describeGap(entry.daysAfterPrevious)}`) : null,
      ),
      button(article?.title ?? entry.id, () => this.actions.onOpenArticle(entry.id), { className: "link-button" }),
      element("span", { className: "muted small-text timeline-source" }, ` ${entry.id}${article?.author ? ` · ${article.author}` : ""}`),
    );
  }

  duplicates(pairs, articles) {
    const rows = this.limitedRows("duplicates", pairs, (pair) =>
      element(
        "tr",
        {},
        element("td", {}, this.articleButton(pair.a, articles)),
        element("td", {}, this.articleButton(pair.b, articles)),
        element("td", { className: "number" }, `${Math.round(pair.similarity * 100)}%`),
        element("td", {}, pair.kind === "exact" ? "exact copy" : "near copy"),
        element(
          "td",
          {},
          button("Compare", (event) => this.actions.onCompareArticles(pair.a, pair.b, event.currentTarget), {
            className: "secondary small",
            attributes: { "aria-label": `Compare ${articles.get(pair.a)?.title ?? pair.a} with ${articles.get(pair.b)?.title ?? pair.b}` },
          }),
        ),
      ),
    );
    return element(
      "section",
      { className: "cross-section", attributes: { "aria-labelledby": "duplicates-heading" } },
      element("h3", { id: "duplicates-heading" }, `Duplicates (${pairs.length})`),
      pairs.length === 0
        ? element("p", { className: "empty" }, "No article is a copy of another.")
        : element(
            "div",
            { className: "table-scroll" },
            element(
              "table",
              { className: "duplicates-table" },
              element("thead", {}, element("tr", {}, ["Article", "Copy", "Similarity", "Kind", "Differences"].map((name) => element("th", { scope: "col" }, name)))),
              rows.body,
            ),
            rows.more,
          ),
    );
  }

  quoteGroups(groups, articles) {
    const list = this.limitedList("quotes", "ol", groups, (group, index) => {
      const speakers = [...new Set(group.map((member) => articles.get(member.article)?.quotes[member.quote]?.speaker).filter(Boolean))];
      return element(
        "li",
        { className: "quote-group-item" },
        element(
          "div",
          { className: "section-header" },
          element("p", { className: "group-title" }, `Quote group ${index + 1} · ${speakers.join(", ") || "speaker not named"} · ${countOf(group.length, "article")}`),
          button("Compare the wording", (event) => this.actions.onCompareQuotes(group, event.currentTarget), {
            className: "secondary small",
            attributes: { "aria-label": `Compare the wording of quote group ${index + 1}` },
          }),
        ),
        this.limitedList(`quotes-${group[0].article}-${group[0].quote}`, "div", group, (member) => this.quoteCard(member, articles), {
          first: FIRST_MEMBERS,
          className: "quote-group",
        }),
      );
    });
    return element(
      "section",
      { className: "cross-section", attributes: { "aria-labelledby": "quote-groups-heading" } },
      element("h3", { id: "quote-groups-heading" }, `Quote groups (${groups.length})`),
      groups.length === 0 ? element("p", { className: "empty" }, "No statement is quoted in more than one article.") : list,
    );
  }

  quoteCard({ article: id, quote: index, change }, articles) {
    const quote = articles.get(id)?.quotes[index];
    if (quote === undefined) return null;
    const label = change?.label;
    return element(
      "figure",
      { className: "quote-card" },
      label === undefined
        ? null
        : element(
            "p",
            { className: "quote-change" },
            element("span", { className: `change-label label-${label}` }, CHANGE_LABELS[label] ?? label),
            label === "reference" ? null : element("span", { className: "muted small-text" }, ` ${describeWordChanges(change)}`),
          ),
      element("blockquote", {}, `“${quote.text}”`),
      element(
        "figcaption",
        {},
        element("span", { className: "quote-meta" }, [quote.speaker ?? "Not attributed", quote.cue].filter(Boolean).join(" · ")),
        button(`in ${shorten(articles.get(id).title ?? id, 60)}`, () => this.actions.onOpenQuote(id, index), {
          className: "link-button",
          attributes: { "aria-label": `Show this quote in ${articles.get(id).title ?? id}` },
        }),
      ),
    );
  }

  articleButton(id, articles) {
    const article = articles.get(id);
    return button(
      [element("span", {}, article?.title ?? id), article?.title ? element("span", { className: "muted small-text" }, ` (${id})`) : null],
      () => this.actions.onOpenArticle(id),
      { className: "link-button" },
    );
  }

  /**
   * A list (element `tag`) of `items` showing the first `first`, then a button for all of
   * them; `name` keeps the list expanded across updates once the person asked for all.
   */
  limitedList(name, tag, items, renderItem, { first = FIRST_ITEMS, className = `cross-list ${name}-list` } = {}) {
    const list = element(tag, { className });
    const fill = (count) => list.replaceChildren(...items.slice(0, count).map(renderItem).filter((item) => item !== null));
    fill(this.expanded.has(name) ? items.length : first);
    return element("div", {}, list, this.showAllButton(name, items.length, first, () => {
      fill(items.length);
      return list.children[first];
    }));
  }

  /** Table rows as limitedList: {body, more} with the tbody and its "Show all" button. */
  limitedRows(name, items, renderRow) {
    const body = element("tbody");
    const fill = (count) => body.replaceChildren(...items.slice(0, count).map(renderRow));
    fill(this.expanded.has(name) ? items.length : FIRST_ITEMS);
    return {
      body,
      more: this.showAllButton(name, items.length, FIRST_ITEMS, () => {
        fill(items.length);
        return body.children[FIRST_ITEMS];
      }),
    };
  }

  /** The "Show all" button of a list showing `first` of `total`; `showAll` fills it and returns the first item it added. */
  showAllButton(name, total, first, showAll) {
    if (total <= first || this.expanded.has(name)) return null;
    const more = button(`Show all ${total}`, () => {
      this.expanded.add(name);
      // The button goes away: keep the keyboard where the new items start.
      showAll()?.querySelector("button")?.focus();
      more.remove();
    }, { className: "secondary small" });
    return more;
  }
}
