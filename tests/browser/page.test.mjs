// The page with one article at a time, in Debian's Chromium: paste -> results, quotes and
// their highlight, removed blocks shown on demand and restored, hostile text shown as text,
// limits, keyboard use and phone width. Screenshots in test-output/.
//
//   python3 scripts/build_wasm.py --target web && node --test tests/browser/

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  COUNCIL_ARTICLE, COUNCIL_BODY, COUNCIL_CREDIT, COUNCIL_RELATED, COUNCIL_TITLE, FESTIVAL_ARTICLE,
  HOSTILE_ARTICLE, HOSTILE_HTML, XSS,
} from "./articles.mjs";
import {
  dropFiles, listedTitles, paste, pasteAndWait, screenshot, useBrowserAndServer, waitForDone, withAnalyzer,
} from "./helpers.mjs";

const shared = useBrowserAndServer();

/** The text of the kept blocks (the cleaned text as shown), in order. */
function keptTexts(page) {
  return page.locator("#article-blocks .block.kept .block-text").allTextContents();
}

test("a pasted article shows at once: title, author, date, cleaned text and quotes", () =>
  withAnalyzer(shared, async ({ page }) => {
    await pasteAndWait(page, COUNCIL_ARTICLE);

    assert.equal(await page.locator("#article-heading").textContent(), COUNCIL_TITLE);
    const metadata = await page.locator(".metadata dd").allTextContents();
    assert.deepEqual(metadata, ["Maria Lopez", "2025-03-04", "pasted-1"]);
    assert.deepEqual(await keptTexts(page), COUNCIL_BODY, "the cleaned text is exactly the four body paragraphs");
    assert.equal(await page.getByLabel("Paste an article").inputValue(), "", "the box is emptied for the next article");
    assert.deepEqual(await listedTitles(page), [COUNCIL_TITLE]);

    const quotes = page.locator(".quote-list .quote-button");
    assert.equal(await quotes.count(), 1);
    assert.match(await quotes.first().textContent(), /green space it has waited a generation for/);
    assert.match(await quotes.first().locator(".quote-meta").textContent(), /^Dana Whitlock · said$/);
    assert.equal(await page.locator(".speaker-list .speaker-name").first().textContent(), "Dana Whitlock (1 quote)");

    // Paste -> results is measured by the page itself (scripts/bench_page.mjs reports it).
    const measured = await page.evaluate(() => performance.getEntriesByName("article-analyzer:time-to-results").length);
    assert.equal(measured, 1, "the time from paste to results was not measured");

    // A second paste adds a second article, which becomes the one shown.
    await paste(page, FESTIVAL_ARTICLE);
    await page.waitForFunction(() => document.getElementById("article-heading")?.textContent.startsWith("Festival"));
    await waitForDone(page);
    assert.deepEqual(await listedTitles(page), [COUNCIL_TITLE, "Festival \u{1f389} Draws Record Crowd"]);
  }));

test("choosing a quote highlights it in the text, from the quote list and the speaker list", () =>
  withAnalyzer(shared, async ({ page }) => {
    await pasteAndWait(page, FESTIVAL_ARTICLE);

    const expected = "We never expected \u{1f60a} this many people,";
    assert.equal(await page.locator("mark.quote.selected").count(), 0, "no quote is highlighted before one is chosen");
    await page.locator(".quote-list .quote-button").first().click();
    // The highlight is the quote's span of the input (UTF-16 offsets, emoji included).
    assert.equal(await page.locator("mark.quote.selected").textContent(), expected);
    assert.equal(await page.locator(".quote-list .quote-button").first().getAttribute("aria-pressed"), "true");
    assert.ok(await page.locator("mark.quote.selected").isVisible());

    // The same quote from the speaker list, with the keyboard.
    await page.locator(".quote-list .quote-button").first().click(); // still selected
    await page.locator(".speaker-list button").first().focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(".speaker-list button").first().getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator("mark.quote.selected").textContent(), expected);
  }));

test("removed blocks show on demand with kind and reason; restoring and removing blocks updates the results", () =>
  withAnalyzer(shared, async ({ page }) => {
    await pasteAndWait(page, COUNCIL_ARTICLE);

    const removed = page.locator("#article-blocks .block.removed");
    assert.equal(await removed.first().isVisible(), false, "removed blocks start hidden");
    await page.getByLabel(/Show removed blocks/).check();
    assert.equal(await removed.first().isVisible(), true);
    const removedBlocks = await removed.evaluateAll((blocks) =>
      blocks.map((block) => ({
        kind: block.querySelector(".block-kind").textContent,
        reason: block.querySelector(".block-reason").textContent,
        text: block.querySelector(".block-text").textContent,
      })),
    );
    const kindOf = (text) => removedBlocks.find((block) => block.text === text)?.kind;
    assert.equal(kindOf(COUNCIL_TITLE), "title");
    assert.equal(kindOf("By Maria Lopez"), "byline");
    assert.equal(kindOf("March 4, 2025"), "date");
    assert.equal(kindOf(COUNCIL_CREDIT), "credit");
    for (const line of COUNCIL_RELATED) assert.ok(removedBlocks.some((block) => block.text === line), `"${line}" is not listed as removed`);
    for (const block of removedBlocks) assert.notEqual(block.reason, "", `a ${block.kind} block has no reason`);
    assert.match(await page.getByLabel(/Show removed blocks/).evaluate((input) => input.parentElement.textContent), new RegExp(`\\(${removedBlocks.length}\\)`));

    // Restore the photo credit: the article is analysed again and the credit is in the text.
    const credit = page.locator("#article-blocks .block", { hasText: COUNCIL_CREDIT });
    await credit.getByRole("button", { name: /^Restore/ }).click();
    await page.waitForFunction((text) =>
      [...document.querySelectorAll("#article-blocks .block.kept .block-text")].some((block) => block.textContent === text), COUNCIL_CREDIT);
    assert.deepEqual(await keptTexts(page), [...COUNCIL_BODY, COUNCIL_CREDIT]);
    assert.match(await credit.locator(".block-reason").textContent(), /^restored by you/);
    assert.match(await page.locator("#batch-list .item-details").first().textContent(), /1 correction/);
    // The keyboard stays on the block that was changed.
    assert.equal(await page.evaluate(() => document.activeElement?.closest(".block")?.dataset.kind), "credit");

    // Remove a kept body paragraph: it leaves the text, and so does its quote.
    const quoteParagraph = page.locator("#article-blocks .block", { hasText: "Dana Whitlock" });
    await quoteParagraph.getByRole("button", { name: /^Remove block/ }).click();
    await page.waitForFunction(() => document.querySelectorAll(".quote-list .quote-button").length === 0);
    assert.ok(!(await keptTexts(page)).some((text) => text.includes("Dana Whitlock")));
    assert.match(await page.locator("#batch-list .item-details").first().textContent(), /2 corrections/);

    // Undo the credit's restoration: back to the cleaner's verdict.
    await credit.getByRole("button", { name: /^Undo/ }).click();
    await page.waitForFunction((text) =>
      ![...document.querySelectorAll("#article-blocks .block.kept .block-text")].some((block) => block.textContent === text), COUNCIL_CREDIT);
    assert.match(await page.locator("#batch-list .item-details").first().textContent(), /1 correction/);

    await screenshot(page, "page-removed-blocks");
  }));

test("pasted and dropped markup is shown as characters and runs nothing", () =>
  withAnalyzer(shared, async ({ page }) => {
    await pasteAndWait(page, HOSTILE_ARTICLE);
    // The title comes without markup (the contract), and what is left is shown as characters.
    assert.equal(await page.locator("#article-heading").textContent(), 'Hostile headline <script>alert("title")</script>');
    const text = (await keptTexts(page)).join("\n");
    assert.ok(text.includes(XSS), "the <img> markup is not shown as text");
    assert.ok(text.includes("<script>alert(2)</script>"));
    assert.ok((await page.locator(".quote-list").textContent()).includes("<iframe src=javascript:alert(3)></iframe>"));

    await dropFiles(page, [{ name: "saved-page.html", text: HOSTILE_HTML, type: "text/html" }]);
    await page.waitForFunction(() => document.getElementById("article-heading")?.textContent === "Harbour Cranes Replaced After Forty Years");
    await waitForDone(page);
    // The page's text, by paragraphs; its scripts and styles are not text.
    const kept = await keptTexts(page);
    assert.ok(kept.some((paragraph) => paragraph.startsWith("The port of Saltmere replaced")), JSON.stringify(kept));
    assert.ok(!kept.join(" ").includes("alert"), "script text reached the article");
    assert.equal(await page.locator(".metadata dd").first().textContent(), "Ines Duarte");

    await page.getByLabel(/Show removed blocks/).check();
    // Nothing of the hostile content became an element of the page.
    for (const selector of ["main img", "main iframe", "main script", "main b", "main i", "main a[href^=javascript]"]) {
      assert.equal(await page.locator(selector).count(), 0, `article text became a ${selector} element`);
    }
    await screenshot(page, "page-hostile");

    // Read as plain text, the page goes through the browser's inert DOMParser: still nothing runs.
    await page.getByRole("button", { name: "Read as plain text instead" }).click();
    await page.waitForFunction(() => document.querySelector(".reading span")?.textContent === "Read as plain text.");
    await waitForDone(page);
    const asText = await keptTexts(page);
    assert.ok(asText.some((paragraph) => paragraph.startsWith("The port of Saltmere replaced")), JSON.stringify(asText));
    assert.ok(!asText.join(" ").includes("alert"), "script text reached the article read as text");
    for (const selector of ["main img", "main iframe", "main script"]) {
      assert.equal(await page.locator(selector).count(), 0, `article text became a ${selector} element`);
    }
    assert.ok(!shared.server.requestedPaths.includes("/x"), "an <img src=x> from article text was requested");
  }, { parsedHostileHtml: true }));

test("limits: refused files are named with the limit, accepted ones are added", () =>
  withAnalyzer(shared, async ({ page }) => {
    const huge = "Huge headline\n\n" + "A long paragraph of words. ".repeat(200_000);
    await dropFiles(page, [
      { name: "notes.pdf", text: "%PDF-1.4", type: "application/pdf" },
      { name: "huge.txt", text: huge, type: "text/plain" },
      { name: "empty.md", text: "  \n\n ", type: "text/markdown" },
      { name: "festival.md", text: FESTIVAL_ARTICLE, type: "text/markdown" },
    ]);
    await waitForDone(page);
    const status = await page.locator("#status").textContent();
    assert.match(status, /“notes\.pdf” was not added: only \.txt, \.md and \.html files are read/);
    assert.match(status, /“huge\.txt” was not added: it is 5\.4 MB, over the limit of 5\.0 MB per file/);
    assert.match(status, /“empty\.md” was not added: it holds no text/);
    assert.deepEqual(await listedTitles(page), ["Festival \u{1f389} Draws Record Crowd"]);

    // The Add button with an empty box asks for text instead of adding nothing.
    await page.getByRole("button", { name: "Add article" }).click();
    assert.match(await page.locator("#status").textContent(), /Paste or type an article first/);
  }));

test("typing and Ctrl+Enter adds an article; the whole page works from the keyboard", () =>
  withAnalyzer(shared, async ({ page }) => {
    await page.getByLabel("Paste an article").fill(FESTIVAL_ARTICLE);
    await page.getByLabel("Paste an article").press("Control+Enter");
    await waitForDone(page);
    assert.deepEqual(await listedTitles(page), ["Festival \u{1f389} Draws Record Crowd"]);

    // Tab from the article box reaches the buttons in order, each with a visible focus ring.
    await page.getByLabel("Paste an article").focus();
    const reached = [];
    for (let step = 0; step < 4; step++) {
      await page.keyboard.press("Tab");
      reached.push(await page.evaluate(() => {
        const focused = document.activeElement;
        const style = getComputedStyle(focused);
        return { name: focused.textContent.trim(), outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
      }));
    }
    assert.deepEqual(reached.map((item) => item.name), ["Add article", "Choose files…", "Try the sample articles", "Festival \u{1f389} Draws Record CrowdSam Lee · 1 quote"]);
    assert.ok(reached.every((item) => item.outline), `focus is not visible on ${JSON.stringify(reached)}`);

    // Every control has an accessible name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll("button, input, textarea")]
        .filter((control) => !control.hidden && control.type !== "file")
        .filter((control) => !(control.getAttribute("aria-label") || control.labels?.length || control.textContent.trim()))
        .map((control) => control.outerHTML),
    );
    assert.deepEqual(unnamed, []);
  }));

test("the sample batch shows everything; screenshots of the main views, wide and at phone width", () =>
  withAnalyzer(shared, async ({ page }) => {
    await page.getByRole("button", { name: "Try the sample articles" }).click();
    await waitForDone(page);
    assert.equal((await listedTitles(page)).length, 4);
    await page.locator(".quote-list .quote-button").first().click();
    await screenshot(page, "page");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "page-dark");
    await page.emulateMedia({ colorScheme: "light" });

    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByLabel(/Show removed blocks/).check();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360px screen`);
    await screenshot(page, "page-phone");
  }));
