// The page with a batch of articles, in Debian's Chromium: dropped files and their story
// groups, duplicates and quote groups; exports (the JSON equals analyze()'s report); the batch
// surviving a reload, with its corrections; removing, undoing, clearing; a long batch with
// progress and Cancel.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { SAMPLE_ARTICLES } from "../../www/js/samples.js";
import { FESTIVAL_ARTICLE, syntheticArticles } from "./articles.mjs";
import {
  analyzeInPage, dropFiles, listedTitles, openAnalyzer, pasteAndWait, screenshot, useBrowserAndServer,
  waitForDone, withAnalyzer,
} from "./helpers.mjs";

const shared = useBrowserAndServer();

const [COURIER, , LEDGER, SPORT] = SAMPLE_ARTICLES;
const COURIER_TITLE = "Riverton\u2019s New Flood Barrier Holds Back First Spring Surge";
const LEDGER_TITLE = "Riverton flood barrier passes its first real test";
const SAMPLE_TITLES = [COURIER_TITLE, "Flood gates close as Alder River reaches three metres", LEDGER_TITLE, "Rowers from Riverton take the national eights title"];

async function addSamples(page) {
  await page.getByRole("button", { name: "Try the sample articles" }).click();
  await waitForDone(page);
  assert.deepEqual(await listedTitles(page), SAMPLE_TITLES);
}

test("dropping two files adds two articles with their story group, duplicate and quote groups", () =>
  withAnalyzer(shared, async ({ page }) => {
    await dropFiles(page, [
      { name: "courier.txt", text: COURIER.text, type: "text/plain" },
      { name: "ledger.md", text: LEDGER.text, type: "text/markdown" },
    ]);
    await waitForDone(page);
    assert.deepEqual(await listedTitles(page), [COURIER_TITLE, LEDGER_TITLE]);
    assert.match(await page.locator("#status").textContent(), /Done: 2 articles, 1 story, 1 duplicate, 2 quote groups/);

    const cross = page.locator("#cross-view");
    assert.deepEqual(await cross.locator(".story-group .timeline-entry .link-button").allTextContents(), [COURIER_TITLE, LEDGER_TITLE]);
    const duplicate = await cross.locator(".duplicates-table tbody tr td").allTextContents();
    assert.deepEqual(duplicate, [`${COURIER_TITLE} (courier.txt)`, `${LEDGER_TITLE} (ledger.md)`, "82%", "near copy", "Compare"]);
    const groups = cross.locator(".quote-group");
    assert.equal(await groups.count(), 2);
    assert.equal(await groups.first().locator(".quote-card").count(), 2, "the quote group shows one card per article, side by side");

    // A card opens its article with the quote highlighted.
    await groups.first().locator(".quote-card").nth(1).getByRole("button", { name: /^Show this quote in/ }).click();
    assert.equal(await page.locator("#article-heading").textContent(), LEDGER_TITLE);
    assert.match(await page.locator("mark.quote.selected").first().textContent(), /^Tonight the barrier did exactly/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "article-view", "the keyboard follows to the article");
  }));

test("the exported JSON equals the report analyze() gives for the same articles; CSV, Markdown and copy", () =>
  withAnalyzer(shared, async ({ page }) => {
    await addSamples(page);
    // A correction travels into the report: restore the sport article's photo credit.
    await page.locator("#batch-list .select-article").nth(3).click();
    await page.getByLabel(/Show removed blocks/).check();
    await page.locator("#article-blocks .block", { hasText: "Photo: Club handout" }).getByRole("button", { name: /^Restore/ }).click();
    await page.waitForFunction(() => document.querySelector("#batch-list li:nth-child(4) .item-details").textContent.includes("1 correction"));
    await waitForDone(page);

    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
    assert.equal(jsonDownload.suggestedFilename(), "article-analyzer-report.json");
    const exported = JSON.parse(await readFile(await jsonDownload.path(), "utf8"));

    const sportOverrides = [{ block: SPORT.text.split("\n\n").indexOf("Photo: Club handout"), kept: true }];
    const docs = SAMPLE_ARTICLES.map((sample) => ({
      id: sample.name,
      text: sample.text,
      ...(sample === SPORT ? { overrides: sportOverrides } : {}),
  }));
  const expected = await analyzeInPage(page, docs);
  assert.deepEqual(exported, expected, "the exported JSON is not the report analyze() returns");
  assert.deepEqual(Object.keys(exported), ["articles", "storyGroups", "duplicates", "quoteGroups"]);
  assert.deepEqual(
    exported.quoteGroups[0].map((member) => member.change.label),
    ["reference", "reworded", "identical"],
    "quote group members carry how each differs from the group's reference",
  );
  assert.ok(exported.articles[3].text.endsWith("Photo: Club handout"));

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  const csv = await readFile(await csvDownload.path(), "utf8");
  const lines = csv.trimEnd().split("\r\n");
  assert.equal(lines[0], "article,speaker,cue,quote");
  assert.equal(lines.length - 1, expected.articles.reduce((sum, article) => sum + article.quotes.length, 0));
  assert.equal(lines[1], 'sample-valley-courier.txt,Ana Ruiz,said,"Tonight the barrier did exactly what we built it to do, and not one house in the old town took on water,"');

  const [markdownDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Markdown" }).click()]);
  const markdown = await readFile(await markdownDownload.path(), "utf8");
  assert.ok(markdown.startsWith(`# ${COURIER_TITLE}\n\n*By Helen Marsh · 2025-04-14*\n\nThe steel flood barrier`), markdown.slice(0, 200));
  assert.ok(!markdown.includes("More news"), "removed blocks reached the Markdown");

  await page.locator("#export-panel").getByRole("button", { name: "Copy" }).first().click();
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Copied"));
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected);
  }));

test("the batch survives a reload with its corrections; removals persist; Clear all empties it", () =>
  withAnalyzer(shared, async ({ context, page: firstPage }) => {
    let page = firstPage;
    await addSamples(page);
    await pasteAndWait(page, FESTIVAL_ARTICLE);
    // Remove the kept caption of the festival article... rather its last body paragraph.
    await page.getByLabel(/Show removed blocks/).check();
    await page.locator("#article-blocks .block", { hasText: "Food stalls" }).getByRole("button", { name: /^Remove block/ }).click();
    await page.waitForFunction(() => !document.getElementById("article-blocks").querySelector(".block.kept[data-block='4']"));
    const titles = [...SAMPLE_TITLES, "Festival \u{1f389} Draws Record Crowd"];

    await page.reload();
    await waitForDone(page);
    assert.deepEqual(await listedTitles(page), titles, "the batch did not survive the reload");
    assert.match(await page.locator("#batch-list .item-details").nth(4).textContent(), /1 correction/);
    await page.locator("#batch-list .select-article").nth(4).click();
    await page.getByLabel(/Show removed blocks/).check();
    assert.match(await page.locator("#article-blocks .block[data-block='4'] .block-reason").textContent(), /^removed by you/);

    // A closed tab too: a new page in the same browser profile.
    await page.getByRole("button", { name: `Remove ${SAMPLE_TITLES[1]}` }).click();
    await page.close();
    page = await openAnalyzer(context, shared.server.origin);
    await waitForDone(page);
    assert.deepEqual(await listedTitles(page), titles.filter((title) => title !== SAMPLE_TITLES[1]));

    await page.getByRole("button", { name: "Clear all" }).click();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Keep them", "the confirmation takes the focus");
    await page.getByRole("button", { name: "Yes, clear all" }).click();
    assert.match(await page.locator("#status").textContent(), /^Cleared/);
    assert.equal(await page.locator("#workspace").isVisible(), false);
    await page.reload();
    await page.waitForTimeout(300);
    assert.deepEqual(await listedTitles(page), []);
    assert.equal(await page.locator("#workspace").isVisible(), false);
  }));

test("removing an article updates the groups, and Undo puts it back in its place", () =>
  withAnalyzer(shared, async ({ page }) => {
    await addSamples(page);
    assert.equal(await page.locator(".duplicates-table tbody tr").count(), 1);

    await page.getByRole("button", { name: `Remove ${LEDGER_TITLE}` }).click();
    await page.waitForFunction(() => document.getElementById("duplicates-heading")?.textContent === "Duplicates (0)");
    assert.deepEqual(await listedTitles(page), SAMPLE_TITLES.filter((title) => title !== LEDGER_TITLE));
    // The keyboard moves to the article that took the removed one's place.
    assert.equal(await page.evaluate(() => document.activeElement.querySelector(".item-title")?.textContent), SAMPLE_TITLES[3]);

    await page.getByRole("button", { name: "Undo" }).click();
    await waitForDone(page);
    assert.deepEqual(await listedTitles(page), SAMPLE_TITLES);
    assert.equal(await page.locator(".duplicates-table tbody tr").count(), 1);
  }));

test("a long batch shows progress and can be cancelled; the rest stays and can be analysed later", () =>
  withAnalyzer(shared, async ({ page }) => {
    const articles = syntheticArticles(600, 20);
    await page.locator("#file-input").setInputFiles(
      articles.map(({ name, text }) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text) })),
    );
    // Press Cancel as soon as the progress bar shows a first article done (from inside the
    // page, so that the analysis cannot finish between seeing the bar and clicking).
    await page.waitForFunction(() => {
      const label = document.getElementById("progress-label");
      if (document.getElementById("progress-area").hidden || !/^Analysed [1-9]/.test(label.textContent)) return false;
      document.getElementById("cancel-button").click();
      return true;
    });
    await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Cancelled"));
    assert.equal(await page.locator("#progress-area").isVisible(), false);
    // The list is drawn a few dozen items per frame.
    await page.waitForFunction(() => document.querySelectorAll("#batch-list li").length === 600);
    const stopped = await page.locator("#batch-list .status-stopped").count();
    const analysed = await page.locator("#batch-list .status-analysed").count();
    assert.ok(stopped > 0 && analysed > 0, `cancel did not stop midway (${analysed} analysed, ${stopped} stopped)`);
    assert.equal(stopped + analysed, 600, "articles were lost on cancel");
    assert.match(await page.locator("#export-scope").textContent(), new RegExp(`${stopped} articles not analysed are left out`));
    await screenshot(page, "page-cancelled");

    await page.getByRole("button", { name: /^Analyse the \d+ remaining articles/ }).click();
    await waitForDone(page, { timeout: 60_000 });
    assert.equal(await page.locator("#batch-list .status-analysed").count(), 600);
    assert.match(await page.locator("#status").textContent(), /^Done: 600 articles/);
  }));
