// End-to-end test of the page in Debian's Chromium (driven by playwright-core): paste an
// article, see the cleaned body and the removed blocks, and check that article text can never
// run as HTML and that the page talks to no other origin.
//
//   python3 scripts/build_wasm.py --target web   # the page needs www/pkg
//   node --test tests/browser/
//
// Saves screenshots to test-output/page.png and test-output/page-phone.png.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startStaticServer } from "./static-server.mjs";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WWW = join(REPO_ROOT, "www");
const SCREENSHOT = join(REPO_ROOT, "test-output", "page.png");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const XSS = "<img src=x onerror=alert(1)>";
const BODY = [
  "The city council voted seven to two on Tuesday to turn the disused rail yard along the river into a public park, ending a debate that began almost ten years ago.",
  "Supporters said the park would give the east side of the city its first large green space, with playing fields, a boat ramp and a path linking the two bridges.",
  `Residents who typed ${XSS} into the council's online feedback form saw it printed back as plain text, the city's web team said, and no data was lost.`,
];
const CREDIT = "Photo: Jane Smith / City Herald";
const RELATED_LINES = ["Related:", "- City budget passes after late-night session", "- Bike lanes planned for Main Street"];
const RELATED = RELATED_LINES.join("\n");
const ARTICLE = [
  "Council Approves Riverside Park After Decade of Debate",
  "By Maria Lopez",
  "March 4, 2025",
  ...BODY,
  CREDIT,
  RELATED,
].join("\n\n");

/** A second article, pasted after the first, with emoji so UTF-16 offsets matter. */
const SECOND_ARTICLE = [
  "Festival 🎉 Draws Record Crowd",
  "By Sam Lee",
  "The summer festival 🎶 drew more than forty thousand visitors over three days, organisers said on Sunday.",
  "Food stalls 🍜 ran out of supplies by Saturday evening, and the organisers promised more vendors next year.",
  "Photo: Festival Press Office",
].join("\n\n");

let server;
let browserContext;
let userDataDir;

before(async () => {
  if (!existsSync(join(WWW, "pkg", "article_analyzer_bg.wasm"))) {
    throw new Error("www/pkg is missing: run `python3 scripts/build_wasm.py --target web` first");
  }
  server = await startStaticServer(WWW);
  userDataDir = await mkdtemp(join(tmpdir(), "article-analyzer-chromium-"));
  browserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1000, height: 800 },
  });
});

after(async () => {
  await browserContext?.close();
  await server?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** Opens the page and records what would show a problem: dialogs, errors, foreign requests. */
async function openPage() {
  const page = await browserContext.newPage();
  const problems = { dialogs: [], errors: [], foreignRequests: [] };
  page.on("dialog", (dialog) => {
    problems.dialogs.push(dialog.message());
    dialog.dismiss();
  });
  page.on("pageerror", (error) => problems.errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.errors.push(message.text());
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== server.origin && url.protocol !== "data:") problems.foreignRequests.push(request.url());
  });
  await page.goto(`${server.origin}/`);
  return { page, problems };
}

/** Waits until the status line reports a finished analysis (or a failure). */
async function waitForAnalysis(page, { titleBecomes } = {}) {
  await page.waitForFunction(
    (expectedTitle) => {
      const status = document.getElementById("status");
      if (status.classList.contains("error")) return true;
      if (!status.textContent.startsWith("Done")) return false;
      return expectedTitle === null || document.getElementById("article-title").textContent === expectedTitle;
    },
    titleBecomes ?? null,
  );
  const status = page.locator("#status");
  assert.equal(await status.evaluate((element) => element.classList.contains("error")), false,
    `the analysis failed: ${await status.textContent()}`);
}

test("a pasted article shows its metadata, cleaned body and removed blocks", async () => {
  const { page, problems } = await openPage();

  await page.getByLabel("Article text").fill(ARTICLE);
  await page.getByRole("button", { name: "Analyze" }).click();
  await waitForAnalysis(page);

  assert.equal(await page.locator("#article-title").textContent(), "Council Approves Riverside Park After Decade of Debate");
  assert.equal(await page.locator("#article-author").textContent(), "Maria Lopez");
  assert.equal(await page.locator("#article-date").textContent(), "2025-03-04");

  const paragraphs = await page.locator("#cleaned-text p").allTextContents();
  assert.deepEqual(paragraphs, BODY, "the cleaned text is exactly the three body paragraphs");

  // The XSS paragraph is text on the page, not an element, and nothing ran.
  assert.ok(paragraphs[2].includes(XSS));
  assert.equal(await page.locator("img").count(), 0, "article text became an <img> element");

  // Removed blocks are listed on demand: closed at first, opened from the keyboard.
  const removedList = page.locator("#removed-list");
  assert.equal(await removedList.isVisible(), false, "removed blocks should start collapsed");
  await page.locator("#removed-summary").focus();
  await page.keyboard.press("Enter");
  assert.equal(await removedList.isVisible(), true, "Enter on the summary should open the list");

  const removed = await removedList.locator("li").evaluateAll((items) =>
    items.map((item) => ({
      kind: item.querySelector(".block-kind").textContent,
      reason: item.querySelector(".block-reason").textContent,
      text: item.querySelector(".block-text").textContent,
    })),
  );
  // Each block's text is the input sliced at its offsets: whole lines, exactly.
  const removedTexts = removed.map((block) => block.text);
  const kindOf = (text) => removed.find((block) => block.text === text)?.kind;
  assert.equal(kindOf("Council Approves Riverside Park After Decade of Debate"), "title");
  assert.equal(kindOf("By Maria Lopez"), "byline");
  assert.equal(kindOf("March 4, 2025"), "date");
  assert.equal(kindOf(CREDIT), "credit");
  assert.equal(kindOf("Related:"), "related");
  for (const line of RELATED_LINES) assert.ok(removedTexts.includes(line), `"${line}" is not listed as removed`);
  for (const block of removed) assert.notEqual(block.reason, "", `block ${block.kind} has no reason`);
  assert.match(await page.locator("#removed-summary").textContent(), new RegExp(`\\(${removed.length}\\)`));

  await mkdir(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // Reading the result at phone width needs no sideways scrolling.
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360px screen`);
  await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-phone.png"), fullPage: true });

  assert.deepEqual(problems.dialogs, [], "a dialog opened: article text ran as script");
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreignRequests, [], "the page contacted another origin");
  assert.ok(server.requestedPaths.includes("/pkg/article_analyzer_bg.wasm"), "the wasm was not loaded from this origin");
  await page.close();
});

test("pasting analyses at once, and removed blocks slice the input by UTF-16 offsets", async () => {
  const { page, problems } = await openPage();
  const origin = server.origin;
  await browserContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin });

  const input = page.getByLabel("Article text");
  await input.focus();
  await page.evaluate((text) => navigator.clipboard.writeText(text), SECOND_ARTICLE);
  await page.keyboard.press("Control+V");
  await waitForAnalysis(page, { titleBecomes: "Festival 🎉 Draws Record Crowd" });

  assert.equal(await input.inputValue(), SECOND_ARTICLE, "the paste did not reach the textarea");
  const paragraphs = await page.locator("#cleaned-text p").allTextContents();
  assert.ok(paragraphs.some((paragraph) => paragraph.startsWith("Food stalls 🍜")));
  const removedTexts = await page.locator("#removed-list .block-text").allTextContents();
  assert.ok(removedTexts.includes("Photo: Festival Press Office"), `removed: ${JSON.stringify(removedTexts)}`);
  assert.ok(removedTexts.includes("By Sam Lee"), `removed: ${JSON.stringify(removedTexts)}`);

  assert.deepEqual(problems.dialogs, []);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await page.close();
});

test("an empty input asks for text instead of analysing", async () => {
  const { page, problems } = await openPage();
  await page.getByRole("button", { name: "Analyze" }).click();
  assert.match(await page.locator("#status").textContent(), /Paste or type an article/);
  assert.equal(await page.locator("#result").isVisible(), false);
  assert.deepEqual(problems.errors, []);
  await page.close();
});
