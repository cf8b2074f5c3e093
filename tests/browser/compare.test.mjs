// What changed, in Debian's Chromium: a duplicate pair opened side by side with its edits
// marked, a quote group's wording compared with its reference, a story group on a timeline in
// date order; at 360 px and in dark mode too, the marks' colours at AA contrast. Screenshots
// of each view in test-output/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { SAMPLE_ARTICLES } from "../../www/js/samples.js";
import { OUTPUT, dropFiles, useBrowserAndServer, waitForDone, withAnalyzer } from "./helpers.mjs";

const shared = useBrowserAndServer();

/** An invented article: the Harbour Times on a ferry timetable. */
const FERRY_BODY = [
  "The harbour council approved the new ferry timetable on Monday after a long debate.",
  "Ferries will leave every twenty minutes in summer and every forty minutes in winter.",
  "\u201cPeople asked for this for years,\u201d said councillor Mira Holm.",
  "The first boats on the new timetable sail on June 1.",
  "Fares stay the same until the end of the year, the council said.",
];
const FERRY = ["Council approves new ferry timetable", "By Jonas Weber, Harbour Times", "March 3, 2025", ...FERRY_BODY].join("\n\n");
/** Its copy elsewhere: a new headline, two words changed, the last paragraph cut. */
const FERRY_COPY = [
  "Ferries to run more often",
  "By Jonas Weber, Harbour Times",
  "March 4, 2025",
  FERRY_BODY[0],
  FERRY_BODY[1].replace("twenty", "fifteen"),
  FERRY_BODY[2],
  FERRY_BODY[3].replace("June", "July"),
].join("\n\n");

/** Saves a screenshot of `locator` as test-output/NAME.png. */
async function shoot(locator, name) {
  await mkdir(OUTPUT, { recursive: true });
  await locator.screenshot({ path: join(OUTPUT, `${name}.png`) });
}

/** Texts of the marks of `kind` ("del" or "ins") inside `locator`, each with its spoken prefix. */
function markTexts(locator, kind) {
  return locator.locator(kind).allTextContents();
}

/**
 * Checks that each mark's text stands out from its background at WCAG AA (4.5:1), and that it
 * is marked by more than colour (a line through or under it, or an outline for a move).
 */
async function assertMarksReadable(page) {
  const problems = await page.evaluate(() => {
    const rgb = (color) => color.match(/[\d.]+/g).slice(0, 4).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    /** The colour behind `node`: its own background, else its ancestors' (opaque ones). */
    const background = (node) => {
      for (let at = node; at !== null; at = at.parentElement) {
        const color = rgb(getComputedStyle(at).backgroundColor);
        if (color.length < 4 || color[3] > 0) return color;
      }
      return [255, 255, 255];
    };
    const found = [];
    for (const mark of document.querySelectorAll("#compare-panel ins, #compare-panel del")) {
      const style = getComputedStyle(mark);
      const [l1, l2] = [luminance(rgb(style.color)), luminance(background(mark))].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) found.push(`${mark.tagName} "${mark.textContent}": contrast ${ratio.toFixed(2)}`);
      const line = style.textDecorationLine;
      const outlined = style.outlineStyle !== "none";
      if (!(line.includes(mark.tagName === "DEL" ? "line-through" : "underline") || (mark.classList.contains("moved") && outlined))) {
        found.push(`${mark.tagName} "${mark.textContent}" is marked by colour only`);
      }
    }
    return found;
  });
  assert.deepEqual(problems, []);
}

test("a duplicate pair opens side by side with exactly its edits marked, and closes with Escape", () =>
  withAnalyzer(shared, async ({ page }) => {
    await dropFiles(page, [
      { name: "harbour-times.txt", text: FERRY, type: "text/plain" },
      { name: "coast-post.txt", text: FERRY_COPY, type: "text/plain" },
    ]);
    await waitForDone(page);
    const compare = page.getByRole("button", { name: "Compare Ferries to run more often with Council approves new ferry timetable" });
    await compare.click();
    const panel = page.locator("#compare-panel");
    await panel.locator(".diff-grid").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "compare-panel", "the keyboard follows to the comparison");

    assert.equal(await panel.locator(".diff-summary").textContent(), "Headline changed, 1 paragraph removed from the end, 2 words changed.");
    assert.equal(
      await panel.getByRole("status").textContent(),
      "Comparison ready: Headline changed, 1 paragraph removed from the end, 2 words changed.",
      "screen readers hear that the comparison is ready, not the whole panel",
    );
    // The older article (March 3) stands on the left.
    assert.deepEqual(await panel.locator(".diff-head .link-button").allTextContents(), ["Council approves new ferry timetable", "Ferries to run more often"]);
    const left = panel.locator(".diff-row:not(.diff-head) .side-a");
    const right = panel.locator(".diff-row:not(.diff-head) .side-b");
    assert.deepEqual(await markTexts(left, "del"), [
      "removed: Council approves new ferry timetable",
      "removed: twenty",
      "removed: June",
      `removed: ${FERRY_BODY[4]}`,
    ]);
    assert.deepEqual(await markTexts(right, "ins"), ["added: Ferries to run more often", "added: fifteen", "added: July"]);
    assert.deepEqual(await panel.locator(".change-badge").allTextContents(), ["Headline, changed", "Headline, changed", "Edited", "Edited", "Edited", "Edited", "Removed"]);
    await assertMarksReadable(page);
    await shoot(panel, "compare-articles");

    await page.setViewportSize({ width: 360, height: 800 });
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal(await panel.locator(".cell-label").first().isVisible(), true, "on a phone each cell names its column");
    await assertMarksReadable(page);
    await shoot(panel, "compare-articles-phone-dark");

    await page.keyboard.press("Escape");
    assert.equal(await panel.isHidden(), true);
    assert.equal(await compare.evaluate((node) => node === document.activeElement), true, "the keyboard is back on the Compare button");
  }));

test("a quote group shows each outlet's label, and its wording compared with the reference", () =>
  withAnalyzer(shared, async ({ page }) => {
    await page.getByRole("button", { name: "Try the sample articles" }).click();
    await waitForDone(page);
    const group = page.locator(".quote-group-item").first();
    assert.deepEqual(await group.locator(".quote-card .change-label").allTextContents(), ["Reference (longest)", "Reworded", "Identical"]);

    await group.getByRole("button", { name: "Compare the wording of quote group 1" }).click();
    const panel = page.locator("#compare-panel");
    await panel.locator(".quote-compare").waitFor();
    assert.equal(await panel.locator("h2").textContent(), "How Ana Ruiz was quoted");
    const items = panel.locator(".quote-compare-item");
    assert.equal(await items.count(), 3);
    assert.deepEqual(await items.locator(".change-label").allTextContents(), ["Reference (longest)", "Reworded", "Identical"]);
    const reworded = items.nth(1);
    assert.deepEqual(await markTexts(reworded.locator("blockquote"), "del"), ["removed: Tonight the", "removed: to do", "removed: not one"]);
    assert.deepEqual(await markTexts(reworded.locator("blockquote"), "ins"), ["added: The", "added: for", "added: no"]);
    assert.match(await reworded.locator(".quote-notes").textContent(), /reported with “told” \(reference: “said”\)/);
    assert.equal(await items.nth(2).locator("ins, del").count(), 0, "the identical quote has nothing marked");
    await assertMarksReadable(page);
    await shoot(panel, "compare-quotes");

    await page.setViewportSize({ width: 360, height: 800 });
    await page.emulateMedia({ colorScheme: "dark" });
    await assertMarksReadable(page);
    await shoot(panel, "compare-quotes-phone-dark");

    // The article link opens the article.
    await reworded.getByRole("button", { name: "Flood gates close as Alder River reaches three metres" }).click();
    assert.equal(await page.locator("#article-heading").textContent(), "Flood gates close as Alder River reaches three metres");
  }));

test("a story group's articles stand on a timeline by date, undated ones last in the order added", () =>
  withAnalyzer(shared, async ({ page }) => {
    const [courier, riverside, ledger] = SAMPLE_ARTICLES;
    const undated = riverside.text.replace("Published April 14, 2025\n\n", "");
    // Added newest first: the timeline must not follow the order added.
    await dropFiles(page, [
      { name: "ledger.txt", text: ledger.text, type: "text/plain" },
      { name: "riverside.txt", text: riverside.text, type: "text/plain" },
      { name: "courier.txt", text: courier.text, type: "text/plain" },
      { name: "riverside-undated.txt", text: undated, type: "text/plain" },
    ]);
    await waitForDone(page);
    const story = page.locator(".story-group").first();
    assert.match(await story.locator(".group-title").textContent(), /4 articles · 14 Apr 2025 to 15 Apr 2025$/);
    const entries = story.locator(".timeline-entry");
    assert.deepEqual(await entries.locator(".timeline-source").allTextContents(), [
      " riverside.txt · Omar Haddad",
      " courier.txt · Helen Marsh",
      " ledger.txt · Helen Marsh",
      " riverside-undated.txt · Omar Haddad",
    ]);
    assert.deepEqual(await entries.locator(".timeline-date").allTextContents(), [
      "14 Apr 2025",
      "14 Apr 2025 · same day",
      "15 Apr 2025 · 1 day later",
      "Date not given",
    ]);
    assert.deepEqual(await entries.locator("time").evaluateAll((times) => times.map((time) => time.dateTime)), ["2025-04-14", "2025-04-14", "2025-04-15"]);
    await shoot(story, "story-timeline");

    await page.setViewportSize({ width: 360, height: 800 });
    await page.emulateMedia({ colorScheme: "dark" });
    await shoot(story, "story-timeline-phone-dark");

    // Keyboard: the title opens its article.
    await entries.nth(2).getByRole("button").focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#article-heading").textContent(), "Riverton flood barrier passes its first real test");
  }));
