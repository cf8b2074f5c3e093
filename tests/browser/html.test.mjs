// HTML input on the page, in Debian's Chromium: a dropped saved page and a rich paste go to the
// analyzer as HTML (format "html"); the cleaned text, a quote's highlight and a restored block
// come from the page's visible text the analyzer returns (article.source); the person can read
// the article as plain text instead, and back. Screenshots in test-output/, wide and at 360 px.
//
//   python3 scripts/build_wasm.py --target web && node --test tests/browser/html.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  LIGHTHOUSE_BODY, LIGHTHOUSE_CAPTION, LIGHTHOUSE_HTML, LIGHTHOUSE_TITLE, windows1252Bytes,
} from "./articles.mjs";
import { OUTPUT, analyzeInPage, dropFiles, screenshot, useBrowserAndServer, waitForDone, withAnalyzer } from "./helpers.mjs";

const shared = useBrowserAndServer();

/** The text of the kept blocks (the cleaned text as shown), in order. */
function keptTexts(page) {
  return page.locator("#article-blocks .block.kept .block-text").allTextContents();
}

/** Waits until the shown article is analysed again and read as `reading` ("HTML" or "plain text"). */
async function waitForReading(page, reading) {
  await page.waitForFunction((wanted) => document.querySelector(".reading span")?.textContent.startsWith(`Read as ${wanted}`), reading);
  await waitForDone(page);
}

/** Dispatches a paste of `html` with its `plain` text into the empty article box, as a rich copy does. */
function pasteRich(page, html, plain) {
  return page.evaluate(([richText, plainText]) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/html", richText);
    clipboardData.setData("text/plain", plainText);
    const box = document.getElementById("article-input");
    box.focus();
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, [html, plain]);
}

test("a dropped .html page is read as HTML: cleaned text, quote highlight, restored caption, JSON export", () =>
  withAnalyzer(shared, async ({ page }) => {
    await dropFiles(page, [{ name: "lighthouse.html", bytes: windows1252Bytes(LIGHTHOUSE_HTML), type: "text/html" }]);
    await waitForReading(page, "HTML");

    assert.equal(await page.locator("#article-heading").textContent(), LIGHTHOUSE_TITLE);
    assert.equal(await page.locator(".metadata dd").first().textContent(), "Elodie Marchand");
    assert.equal(await page.locator(".metadata dd").nth(1).textContent(), "2025-05-17");
    // Navigation, caption, the list of other articles and the footer are gone; the body stays,
    // its entities and windows-1252 quotation marks decoded.
    assert.deepEqual(await keptTexts(page), LIGHTHOUSE_BODY);

    // The highlight is the quote's span of the page's visible text.
    await page.locator(".quote-list .quote-button").first().click();
    assert.equal(
      await page.locator("mark.quote.selected").textContent(),
      "Every ship that passes will see that somebody still looks after this coast,",
    );
    assert.match(await page.locator(".quote-list .quote-meta").first().textContent(), /^Morag Ferrie · said$/);

    // Removed blocks show their text from the page; the byline keeps the decoded "é" and "—".
    await page.getByLabel(/Show removed blocks/).check();
    const removed = await page.locator("#article-blocks .block.removed .block-text").allTextContents();
    assert.ok(removed.some((text) => text.includes("Coast Gazette café desk") && text.includes("\u2014")), JSON.stringify(removed));
    assert.ok(removed.includes("Seal pups counted on the northern beaches"), JSON.stringify(removed));

    // Restoring the caption brings its text back in its place, between the first two paragraphs.
    const caption = page.locator("#article-blocks .block", { hasText: LIGHTHOUSE_CAPTION });
    assert.equal(await caption.getAttribute("data-kind"), "caption");
    await caption.getByRole("button", { name: /^Restore/ }).click();
    await page.waitForFunction((text) =>
      [...document.querySelectorAll("#article-blocks .block.kept .block-text")].some((block) => block.textContent === text), LIGHTHOUSE_CAPTION);
    await waitForDone(page);
    assert.deepEqual(await keptTexts(page), [LIGHTHOUSE_BODY[0], LIGHTHOUSE_CAPTION, ...LIGHTHOUSE_BODY.slice(1)]);
    assert.match(await caption.locator(".block-reason").textContent(), /^restored by you/);
    await screenshot(page, "html-dropped-page");

    // The JSON export is analyze()'s report for the same HTML and correction, `source` included.
    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
    const exported = JSON.parse(await readFile(await jsonDownload.path(), "utf8"));
    const blockIndex = Number(await caption.getAttribute("data-block"));
    const [article] = exported.articles;
    assert.ok(article.source.includes(LIGHTHOUSE_CAPTION));
    const expected = await analyzeInPage(page, [
      { id: "lighthouse.html", text: LIGHTHOUSE_HTML, format: "html", overrides: [{ block: blockIndex, kept: true }] },
    ]);
    assert.deepEqual(exported, expected, "the exported JSON is not the report analyze() returns for the HTML");

    // At phone width, the reading line and its button wrap inside the column.
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, "the page scrolls sideways at 360 px");
    await screenshot(page, "html-dropped-page-phone");
    // The article's top as a phone shows it (the full page is too long to read at this width).
    await page.locator("#article-view").evaluate((view) => view.scrollIntoView());
    await page.screenshot({ path: join(OUTPUT, "html-dropped-page-phone-article.png") });
  }));

test("a rich paste is read as HTML, and can be read as its plain text instead and back", () =>
  withAnalyzer(shared, async ({ page }) => {
    // What a browser puts on the clipboard when a person selects an article on a news site:
    // the selection's HTML (here with a share bar and a caption) and its plain text.
    const html = [
      `<meta charset="utf-8"><h1>${LIGHTHOUSE_TITLE}</h1>`,
      `<div class="share-bar"><a href="/share/x">Share on X</a> <a href="/share/mail">Email</a></div>`,
      `<p>${LIGHTHOUSE_BODY[0]}</p>`,
      `<figure><figcaption>${LIGHTHOUSE_CAPTION}</figcaption></figure>`,
      ...LIGHTHOUSE_BODY.slice(1).map((paragraph) => `<p>${paragraph}</p>`),
    ].join("\n");
    const plain = [LIGHTHOUSE_TITLE, "Share on X Email", LIGHTHOUSE_BODY[0], LIGHTHOUSE_CAPTION, ...LIGHTHOUSE_BODY.slice(1)].join("\n\n");
    await pasteRich(page, html, plain);
    await waitForReading(page, "HTML");

    assert.equal(await page.locator("#article-heading").textContent(), LIGHTHOUSE_TITLE);
    assert.deepEqual(await keptTexts(page), LIGHTHOUSE_BODY);
    assert.equal(await page.getByLabel("Paste an article").inputValue(), "", "the box stays empty for the next article");
    await page.locator(".quote-list .quote-button").first().click();
    assert.match(await page.locator("mark.quote.selected").textContent(), /^Every ship that passes/);
    await screenshot(page, "html-rich-paste");

    // Read as the clipboard's plain text: the blocks now slice that text.
    await page.getByRole("button", { name: "Read as plain text instead" }).click();
    await waitForReading(page, "plain text");
    const asText = await keptTexts(page);
    assert.ok(asText.includes(LIGHTHOUSE_BODY[0]) && asText.includes(LIGHTHOUSE_BODY[3]), JSON.stringify(asText));
    await page.locator(".quote-list .quote-button").first().click();
    assert.match(await page.locator("mark.quote.selected").textContent(), /^Every ship that passes/);

    // The choice is stored with the article: after a reload it is still read as plain text.
    await page.reload();
    await waitForReading(page, "plain text");
    await page.getByRole("button", { name: "Read as HTML instead" }).click();
    await waitForReading(page, "HTML");
    assert.deepEqual(await keptTexts(page), LIGHTHOUSE_BODY);
  }));
