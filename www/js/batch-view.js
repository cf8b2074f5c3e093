// The list of the batch's articles: each shows its title (or name while it waits), what the
// analysis found, and a button to remove it. Updated in place, so a batch of hundreds of
// articles arriving one by one never rebuilds the whole list.

import { Status } from "./batch.js";
import { button, countOf, element } from "./dom.js";

const STATUS_LABELS = {
  [Status.waiting]: "waiting for analysis",
  [Status.failed]: "could not be analysed",
  [Status.stopped]: "not analysed (cancelled)",
};

/** The article list in `list` (an <ol>). */
export class BatchListView {
  /** `actions`: onSelect(id) when an article is chosen, onRemove(id) to take it out. */
  constructor(list, actions) {
    this.list = list;
    this.actions = actions;
    /** id -> {item, key}: the <li> of each article and what it shows, to skip unchanged ones. */
    this.items = new Map();
  }

  /**
   * Makes the list show `batch` in order, with `selectedId` marked as the current article.
   * Creates at most `newItemBudget` new items, so that a batch of hundreds arriving at once
   * is drawn over several frames; returns false when items are still missing (call again).
   */
  sync(batch, selectedId, newItemBudget = 30) {
    const present = new Set(batch.entries.map((entry) => entry.id));
    for (const [id, { item }] of this.items) {
      if (!present.has(id)) {
        item.remove();
        this.items.delete(id);
      }
    }
    let created = 0;
    let previous = null;
    for (const entry of batch.entries) {
      if (!this.items.has(entry.id) && created++ >= newItemBudget) return false;
      const state = batch.state(entry.id);
      const key = `${state.status}|${entry.id === selectedId}|${entry.overrides.length}|${state.article?.quotes.length}`;
      let known = this.items.get(entry.id);
      if (known === undefined) {
        known = { item: this.createItem(entry.id), key: null };
        this.items.set(entry.id, known);
      }
      if (known.key !== key) {
        known.key = key;
        this.fill(known.item, entry, state, entry.id === selectedId);
      }
      const expectedPlace = previous === null ? this.list.firstElementChild : previous.nextElementSibling;
      if (expectedPlace !== known.item) this.list.insertBefore(known.item, expectedPlace);
      previous = known.item;
    }
    return true;
  }

  /** Focuses the select button of article `id` (after the one before it was removed). */
  focus(id) {
    this.items.get(id)?.item.querySelector(".select-article")?.focus();
  }

  /** An empty item; its buttons stay for its lifetime, so the keyboard focus never drops. */
  createItem(id) {
    const select = button(
      [element("span", { className: "item-title" }), element("span", { className: "item-details" })],
      () => this.actions.onSelect(id),
      { className: "select-article" },
    );
    const remove = button("Remove", () => this.actions.onRemove(id), { className: "remove-article secondary small" });
    return element("li", { className: "batch-item" }, select, remove);
  }

  fill(item, entry, state, selected) {
    const article = state.article;
    const title = article?.title ?? entry.name;
    const details = article
      ? [article.author, article.date, countOf(article.quotes.length, "quote"), entry.overrides.length > 0 ? countOf(entry.overrides.length, "correction") : null]
      : [STATUS_LABELS[state.status]];
    item.className = `batch-item status-${state.status}${selected ? " selected" : ""}`;
    item.querySelector(".item-title").textContent = title;
    item.querySelector(".item-details").textContent = details.filter(Boolean).join(" · ");
    const select = item.querySelector(".select-article");
    if (selected) select.setAttribute("aria-current", "true");
    else select.removeAttribute("aria-current");
    item.querySelector(".remove-article").setAttribute("aria-label", `Remove ${title}`);
  }
}
