// Building DOM nodes from data. Text always goes in as text nodes (never parsed as HTML), so
// article content can contain markup and still only ever be shown as characters.

/**
 * Creates an element. `properties` are assigned to the element (className, type, hidden,
 * onclick...), except `dataset` and `attributes`, whose entries are set one by one; each
 * child is a Node or a string (added as a text node); null, undefined and false are skipped.
 */
export function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === "dataset") Object.assign(node.dataset, value);
    else if (name === "attributes") {
      for (const [attribute, attributeValue] of Object.entries(value)) node.setAttribute(attribute, attributeValue);
    } else node[name] = value;
  }
  appendChildren(node, children);
  return node;
}

/** Appends children as `element` does: Nodes as they are, strings as text, nothing for null/false. */
export function appendChildren(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** A button of type "button" (never a form submit) with its label and click handler. */
export function button(label, onClick, properties = {}) {
  return element("button", { type: "button", onclick: onClick, ...properties }, label);
}

/** "1 quote", "2 quotes", "1,200 articles": a count with its noun, singular or plural. */
export function countOf(count, singular, plural = `${singular}s`) {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/**
 * A whole number with thousands separators: "1,200". Not toLocaleString: its first call
 * loads the locale data, over 10 ms on a slow machine, right when the first article arrives.
 */
export function formatCount(count) {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A byte count for people: "830 bytes", "12.4 KB", "3.1 MB" (1 KB = 1000 bytes). */
export function formatBytes(bytes) {
  if (bytes < 1000) return countOf(bytes, "byte");
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
