// Turns the analyzer's diffs (diffArticles / diffTexts: ops with UTF-16 offsets, paragraphs
// with their status) into what the comparison view draws: the stretches of one paragraph kept,
// deleted or inserted; the rows that put each paragraph beside its counterpart; a quote read
// as the reference edited into it. Plain data, no DOM, so it is tested in Node.

/**
 * The stretches of `text[start, end)` (one paragraph of side "a" or "b") as
 * [{text, kind: "equal" | "delete" | "insert", moved}], marking what `ops` delete from side a
 * or insert into side b. Offsets are UTF-16 code units, as JavaScript's `slice` counts.
 */
export function paragraphSegments(text, ops, side, start, end) {
  const changeKind = side === "a" ? "delete" : "insert";
  const [from, to] = side === "a" ? ["aStart", "aEnd"] : ["bStart", "bEnd"];
  const segments = [];
  let at = start;
  for (const op of ops) {
    if (op.kind !== changeKind || op[to] <= start || op[from] >= end) continue;
    const markStart = Math.max(op[from], start);
    const markEnd = Math.min(op[to], end);
    if (markStart > at) segments.push({ text: text.slice(at, markStart), kind: "equal", moved: false });
    segments.push({ text: text.slice(markStart, markEnd), kind: changeKind, moved: op.moved });
    at = markEnd;
  }
  if (at < end) segments.push({ text: text.slice(at, end), kind: "equal", moved: false });
  return segments;
}

/**
 * Text `b` read as `a` edited into it: [{text, kind, moved}] in order, kept and inserted
 * stretches from `b`, deleted ones from `a`, each with the white space before it in its own
 * text. For one line of a quote comparison, or a title.
 */
export function inlineSegments(a, b, ops) {
  const segments = [];
  let aAt = 0;
  let bAt = 0;
  for (const op of ops) {
    const fromA = op.kind === "delete";
    const gap = fromA ? a.slice(aAt, op.aStart) : b.slice(bAt, op.bStart);
    // A deletion and the insertion replacing it read best side by side: "[-big-]{+small+}".
    const previous = segments[segments.length - 1];
    if (gap !== "" && !(op.kind === "insert" && previous?.kind === "delete")) {
      segments.push({ text: gap, kind: "equal", moved: false });
    }
    const text = fromA ? a.slice(op.aStart, op.aEnd) : b.slice(op.bStart, op.bEnd);
    if (text !== "") segments.push({ text, kind: op.kind, moved: op.moved });
    aAt = op.aEnd;
    bAt = op.bEnd;
  }
  if (bAt < b.length) segments.push({ text: b.slice(bAt), kind: "equal", moved: false });
  return segments;
}

/**
 * Rows putting the paragraphs of two texts side by side: [{a, b}] with a paragraph index or
 * null on each side. Unchanged and changed paragraphs share a row with their counterpart;
 * removed ones stand alone on the left, added ones on the right, a moved one alone at its
 * place in each text. Every paragraph is in exactly one row, in text order on both sides.
 */
export function alignParagraphs(aParagraphs, bParagraphs) {
  const rows = [];
  let i = 0;
  let j = 0;
  const alone = (paragraph, statuses) => paragraph !== undefined && statuses.includes(paragraph.status);
  while (i < aParagraphs.length || j < bParagraphs.length) {
    const a = aParagraphs[i];
    const b = bParagraphs[j];
    if (alone(a, ["removed", "moved"]) || b === undefined) {
      rows.push({ a: i++, b: null });
    } else if (alone(b, ["added", "moved"]) || a === undefined) {
      rows.push({ a: null, b: j++ });
    } else if (a.other === j || b.other === i) {
      rows.push({ a: i++, b: j++ });
    } else if (a.other !== null && a.other > j) {
      // A paragraph split in two: the part before a's counterpart gets a row of its own.
      rows.push({ a: null, b: j++ });
    } else {
      rows.push({ a: i++, b: null });
    }
  }
  return rows;
}

/**
 * Rows with long runs of unchanged paragraphs folded: [{rows}] groups, each either the
 * changed rows and up to `context` unchanged rows around them, or `{folded: rows}` for a run
 * of unchanged rows beyond that.
 */
export function foldUnchanged(rows, aParagraphs, context = 1) {
  const unchanged = (row) => row.a !== null && row.b !== null && aParagraphs[row.a].status === "unchanged";
  const near = rows.map((row, index) => {
    for (let k = Math.max(0, index - context); k <= Math.min(rows.length - 1, index + context); k++) {
      if (!unchanged(rows[k])) return true;
    }
    return false;
  });
  const groups = [];
  for (const [index, row] of rows.entries()) {
    const shown = near[index] || !unchanged(row);
    const last = groups[groups.length - 1];
    if (shown) {
      if (last?.rows) last.rows.push(row);
      else groups.push({ rows: [row] });
    } else if (last?.folded) last.folded.push(row);
    else groups.push({ folded: [row] });
  }
  return groups;
}
