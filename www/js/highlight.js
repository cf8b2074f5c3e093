// Shows a stretch of the input with its quotations marked. Offsets are UTF-16 code units, as
// the analyzer returns them, so String.prototype.slice cuts exactly at them.

/**
 * The nodes showing `input.slice(start, end)`, with each part of a quote inside it wrapped
 * in <mark class="quote" data-quote="INDEX"> (INDEX into `quotes`). A quote running over
 * several blocks gets one mark in each. Text is added as text nodes only.
 */
export function textWithQuotes(input, start, end, quotes) {
  const nodes = [];
  let cursor = start;
  const inside = quotes
    .map((quote, index) => ({ quote, index }))
    .filter(({ quote }) => quote.start < end && quote.end > start)
    .sort((a, b) => a.quote.start - b.quote.start);
  for (const { quote, index } of inside) {
    const markStart = Math.max(quote.start, cursor);
    const markEnd = Math.min(quote.end, end);
    if (markEnd <= markStart) continue; // overlaps a quote already marked
    if (markStart > cursor) nodes.push(document.createTextNode(input.slice(cursor, markStart)));
    const mark = document.createElement("mark");
    mark.className = "quote";
    mark.dataset.quote = String(index);
    mark.textContent = input.slice(markStart, markEnd);
    nodes.push(mark);
    cursor = markEnd;
  }
  if (cursor < end) nodes.push(document.createTextNode(input.slice(cursor, end)));
  return nodes;
}
