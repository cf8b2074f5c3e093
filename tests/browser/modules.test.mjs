// The page's plain-data modules in Node (no browser): batch limits, corrections, exports,
// the layout of diffs and story timelines.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Batch, Status } from "../../www/js/batch.js";
import { alignParagraphs, foldUnchanged, inlineSegments, paragraphSegments } from "../../www/js/diff-layout.js";
import { describeGap, formatDate, timelineOf } from "../../www/js/timeline.js";
import { cleanedPlainText, quotesCsv } from "../../www/js/export.js";
import { LIMITS, articleFromTransfer, checkArticle, fitIntoBatch } from "../../www/js/input.js";
import { decodeHtml } from "../../www/js/html-text.js";

test("a batch takes articles up to its limits and says which limit stopped the rest", () => {
  const article = (length) => ({ name: "a.txt", text: "x".repeat(length), source: "file" });
  const three = [article(10), article(10), article(10)];
  assert.deepEqual(fitIntoBatch(three, { count: 0, characters: 0 }), { accepted: three, problem: null });

  const byCount = fitIntoBatch(three, { count: LIMITS.articles - 2, characters: 0 });
  assert.equal(byCount.accepted.length, 2);
  assert.equal(byCount.problem, "1 article not added: a batch holds at most 1,000 articles. Remove some first.");

  const byText = fitIntoBatch(three, { count: 0, characters: LIMITS.batchCharacters - 15 });
  assert.equal(byText.accepted.length, 1);
  assert.equal(byText.problem, "2 articles not added: a batch holds at most 50,000,000 characters of text. Remove some first.");
});

test("ids stay unique, and a correction contradicts the cleaner or is dropped", () => {
  const batch = new Batch();
  const entries = batch.createEntries([{ name: "a.txt", text: "A" }, { name: "a.txt", text: "B" }, { text: "C" }, { text: "D" }]);
  assert.deepEqual(entries.map((entry) => entry.id), ["a.txt", "a (2).txt", "pasted-1", "pasted-2"]);
  batch.add(entries);
  batch.setArticle({ id: "a.txt", blocks: [{ kept: false }, { kept: true }], quotes: [] });
  assert.equal(batch.state("a.txt").status, Status.analysed);

  assert.deepEqual(batch.toggleBlock("a.txt", 0).overrides, [{ block: 0, kept: true }]);
  assert.deepEqual(batch.toggleBlock("a.txt", 1).overrides, [{ block: 0, kept: true }, { block: 1, kept: false }]);
  assert.deepEqual(batch.toggleBlock("a.txt", 0).overrides, [{ block: 1, kept: false }], "toggling again goes back to the cleaner");

  // A removed article brought back returns to its place.
  const [first] = batch.entries;
  batch.remove(first.id);
  batch.add([first]);
  assert.deepEqual(batch.entries.map((entry) => entry.id), ["a.txt", "a (2).txt", "pasted-1", "pasted-2"]);
});

test("a saved page's bytes are decoded as a browser would: BOM, <meta charset> prescan, UTF-8, windows-1252", () => {
  const latin = (text) => Uint8Array.from([...text].map((character) => character.charCodeAt(0)));
  const page = (head, body) => new Uint8Array([...latin(`<html><head>${head}</head><body>`), ...body, ...latin("</body></html>")]);
  const cafe = [0x63, 0x61, 0x66, 0xe9]; // "café" in windows-1252 and ISO-8859-1
  assert.match(decodeHtml(page('<meta charset="windows-1252">', cafe)), /café/);
  assert.match(decodeHtml(page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', cafe)), /café/);
  // Shift_JIS: a declared charset other than the Latin ones is honoured too.
  assert.match(decodeHtml(page("<meta charset=shift_jis>", [0x93, 0xfa, 0x96, 0x7b])), /日本/);
  // Undeclared: UTF-8 when the bytes are valid UTF-8, else windows-1252.
  assert.match(decodeHtml(page("", new TextEncoder().encode("café \u2014 \u{1f600}"))), /café \u2014 \u{1f600}/u);
  // (Bytes 0x80-0x9f, where windows-1252 differs from ISO-8859-1, are checked in Chromium by
  // html.test.mjs: Node's decoder reads them as ISO-8859-1.)
  assert.match(decodeHtml(page("", cafe)), /café/);
  // A label nobody knows is ignored; UTF-16 declared in ASCII bytes is read as UTF-8.
  assert.match(decodeHtml(page("<meta charset=no-such-charset>", new TextEncoder().encode("café"))), /café/);
  assert.match(decodeHtml(page("<meta charset=utf-16>", new TextEncoder().encode("café"))), /café/);
  // A byte order mark wins over any declaration.
  const utf16 = [0xff, 0xfe, ...[..."<p>café</p>"].flatMap((character) => [character.charCodeAt(0), 0])];
  assert.equal(decodeHtml(Uint8Array.from(utf16)), "<p>café</p>");
});

test("rich pastes are read as HTML with their plain text kept; plain pastes stay text", () => {
  const transfer = (data) => ({ getData: (type) => data[type] ?? "" });
  assert.deepEqual(articleFromTransfer(transfer({ "text/html": "<p>Hi</p>", "text/plain": "Hi" })), { text: "Hi", format: "html", html: "<p>Hi</p>" });
  assert.deepEqual(articleFromTransfer(transfer({ "text/html": "<p>Hi</p>" })), { text: "", format: "html", html: "<p>Hi</p>" });
  assert.deepEqual(articleFromTransfer(transfer({ "text/plain": "Hi" })), { text: "Hi", format: "text" });
  assert.equal(articleFromTransfer(transfer({ "text/html": "  ", "text/plain": " " })), null);

  assert.equal(checkArticle("“a.html”", { text: "", format: "html", html: "<p>x</p>" }), null);
  assert.equal(checkArticle("“a.html”", { text: "", format: "html", html: " \n " }), "“a.html” was not added: it holds no text.");
  assert.match(checkArticle("“a.html”", { text: "", format: "html", html: "x".repeat(LIMITS.htmlCharacters + 1) }), /its HTML is 5,000,001 characters long, over the limit of 5,000,000/);
  // Both readings count towards the batch's characters.
  const { accepted } = fitIntoBatch([{ text: "x".repeat(10), html: "y".repeat(20) }], { count: 0, characters: LIMITS.batchCharacters - 25 });
  assert.equal(accepted.length, 0);
});

test("an HTML article goes to the analyzer as HTML, and switching its reading drops its corrections", () => {
  const batch = new Batch();
  const [page, pasted, typed] = batch.createEntries([
    { name: "page.html", text: "", format: "html", html: "<h1>T</h1><p>Body</p>" },
    { text: "T\n\nBody", format: "html", html: "<p>T</p><p>Body</p>" },
    { text: "Plain" },
  ]);
  batch.add([page, pasted, typed]);
  assert.deepEqual(Batch.documentOf(page), { id: "page.html", text: "<h1>T</h1><p>Body</p>", format: "html", overrides: [] });
  assert.deepEqual(Batch.documentOf(typed), { id: "pasted-2", text: "Plain", overrides: [] });

  page.overrides = [{ block: 0, kept: true }];
  const plainText = (html) => html.replace(/<[^>]+>/g, " ").trim();
  assert.equal(batch.switchFormat("page.html", plainText), page);
  assert.deepEqual(Batch.documentOf(page), { id: "page.html", text: "T  Body", overrides: [] }, "the page's text, made once");
  batch.switchFormat("page.html", plainText);
  assert.equal(page.format, "html");
  // A rich paste switches to the clipboard's own plain text.
  batch.switchFormat(pasted.id, plainText);
  assert.equal(Batch.documentOf(pasted).text, "T\n\nBody");
  assert.equal(batch.switchFormat(typed.id, plainText), undefined, "plain text has no other reading");
});

test("the quotes CSV quotes what needs quoting and never starts a cell with a formula", () => {
  const report = {
    articles: [
      {
        id: "a.txt",
        title: "T",
        author: null,
        date: null,
        text: "Body.",
        quotes: [
          { text: 'He said "no", then left', speaker: "Ana Ruiz", cue: "said" },
          { text: "=HYPERLINK(\"http://x\")", speaker: null, cue: null },
        ],
      },
    ],
  };
  assert.equal(
    quotesCsv(report),
    'article,speaker,cue,quote\r\na.txt,Ana Ruiz,said,"He said ""no"", then left"\r\na.txt,,,"\'=HYPERLINK(""http://x"")"\r\n',
  );
  assert.equal(cleanedPlainText(report), "T\n\nBody.\n");
});

test("a diff's ops mark the stretches of each paragraph and read as one line", () => {
  const a = "The cat sat.\n\nIt rained.";
  const b = "The black cat sat.\n\nIt rained.";
  const ops = [
    { kind: "equal", aStart: 0, aEnd: 3, bStart: 0, bEnd: 3, words: 1, moved: false },
    { kind: "insert", aStart: 3, aEnd: 3, bStart: 4, bEnd: 9, words: 1, moved: false },
    { kind: "equal", aStart: 4, aEnd: 24, bStart: 10, bEnd: 30, words: 4, moved: false },
  ];
  assert.deepEqual(paragraphSegments(b, ops, "b", 0, 18), [
    { text: "The ", kind: "equal", moved: false },
    { text: "black", kind: "insert", moved: false },
    { text: " cat sat.", kind: "equal", moved: false },
  ]);
  assert.deepEqual(paragraphSegments(a, ops, "a", 0, 12), [{ text: "The cat sat.", kind: "equal", moved: false }]);

  const replaced = [
    { kind: "equal", aStart: 0, aEnd: 3, bStart: 0, bEnd: 3, words: 1, moved: false },
    { kind: "delete", aStart: 4, aEnd: 7, bStart: 3, bEnd: 3, words: 1, moved: false },
    { kind: "insert", aStart: 7, aEnd: 7, bStart: 4, bEnd: 9, words: 1, moved: false },
    { kind: "equal", aStart: 8, aEnd: 11, bStart: 10, bEnd: 13, words: 1, moved: false },
  ];
  const line = inlineSegments("the big dog", "the small dog", replaced);
  assert.deepEqual(
    line.map(({ text, kind }) => `${kind}:${text}`),
    ["equal:the", "equal: ", "delete:big", "insert:small", "equal: ", "equal:dog"],
  );
});

test("paragraphs are put side by side with their counterparts, moves and splits on rows of their own", () => {
  const p = (status, other) => ({ start: 0, end: 1, status, other });
  const rows = alignParagraphs(
    [p("unchanged", 0), p("moved", 3), p("changed", 1), p("removed", null)],
    [p("unchanged", 0), p("changed", 2), p("added", null), p("moved", 1)],
  );
  assert.deepEqual(rows, [
    { a: 0, b: 0 },
    { a: 1, b: null },
    { a: 2, b: 1 },
    { a: 3, b: null },
    { a: null, b: 2 },
    { a: null, b: 3 },
  ]);
  // A paragraph split in two, most of it in the second half: the first half gets a row of
  // its own, the second stands beside the paragraph.
  assert.deepEqual(alignParagraphs([p("changed", 1)], [p("changed", null), p("changed", 0)]), [
    { a: null, b: 0 },
    { a: 0, b: 1 },
  ]);
  const unchanged = Array.from({ length: 6 }, (_, i) => p("unchanged", i));
  const groups = foldUnchanged(
    unchanged.map((_, i) => ({ a: i, b: i })),
    [...unchanged.slice(0, 5), p("changed", 5)],
  );
  assert.deepEqual(groups.map((group) => (group.rows ? `shown ${group.rows.length}` : `folded ${group.folded.length}`)), ["folded 4", "shown 2"]);
});

test("a story's timeline is in date order, undated articles last in the order added", () => {
  const articles = new Map([
    ["late", { date: "2025-04-16" }],
    ["undated-first", { date: null }],
    ["early", { date: "2025-04-14" }],
    ["same-day", { date: "2025-04-14" }],
    ["undated-second", { date: "not a date" }],
  ]);
  const order = new Map([...articles.keys()].map((id, index) => [id, index]));
  const timeline = timelineOf(["undated-second", "late", "same-day", "undated-first", "early"], articles, order);
  assert.deepEqual(
    timeline.map(({ id, daysAfterPrevious }) => [id, daysAfterPrevious]),
    [["early", null], ["same-day", 0], ["late", 2], ["undated-first", null], ["undated-second", null]],
  );
  assert.equal(formatDate("2025-04-09"), "9 Apr 2025");
  assert.deepEqual([0, 1, 2].map(describeGap), ["same day", "1 day later", "2 days later"]);
});
