// The page's plain-data modules in Node (no browser): batch limits, corrections, exports.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Batch, Status } from "../../www/js/batch.js";
import { cleanedPlainText, quotesCsv } from "../../www/js/export.js";
import { LIMITS, fitIntoBatch } from "../../www/js/input.js";

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
