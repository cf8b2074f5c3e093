// The <article-analyzer> custom element, in Debian's Chromium: in the example host page
// (text attribute, slotted text, the `analyzed` event, hostile text, a page's HTML) and in a host page of
// another origin that adds one script tag and the CSP the README documents.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStaticServer } from "./static-server.mjs";
import {
  FESTIVAL_ARTICLE, HOSTILE_ARTICLE, LIGHTHOUSE_BODY, LIGHTHOUSE_CAPTION, LIGHTHOUSE_HTML, LIGHTHOUSE_TITLE, XSS,
} from "./articles.mjs";
import { WWW, analyzeInPage, assertNoProblems, newContext, screenshot, useBrowserAndServer } from "./helpers.mjs";

const shared = useBrowserAndServer();

test("the element analyses its text attribute or its content, shows the result and reports it with an event", async () => {
  const { context, problems } = await newContext(shared.browser, shared.server.origin);
  const page = await context.newPage();
  await page.goto(`${shared.server.origin}/embed-example.html`);
  await page.waitForFunction(() => document.querySelectorAll("#event-log li").length === 2);

  // Playwright's CSS locators look inside open shadow roots.
  const fromAttribute = page.locator("#from-attribute");
  assert.equal(await fromAttribute.locator(".title").textContent(), "Ferry service returns to Port Elm after storm repairs");
  assert.equal(await fromAttribute.locator(".byline").textContent(), "By Rhea Castell · 2025-05-06");
  assert.match(await fromAttribute.locator("mark").first().textContent(), /^We rebuilt the pier in record time/);
  assert.match(await fromAttribute.locator("[part=removed] summary").textContent(), /^Removed blocks \(\d+\)$/);

  const fromContent = page.locator("#from-content");
  assert.equal(await fromContent.locator(".title").textContent(), "Market hall reopens with forty stalls");
  assert.equal(await fromContent.locator("[part=quotes] .speaker").textContent(), "Mina Osei");

  // The element's report is analyze()'s for its text, and the event carries it.
  const { report, text } = await fromAttribute.evaluate((element) => ({ report: element.report, text: element.getAttribute("text") }));
  assert.deepEqual(report, await analyzeInPage(page, [{ id: "harbour-ferry", text }]));
  // The two elements report in whichever order their analyses end.
  assert.deepEqual((await page.locator("#event-log li").allTextContents()).sort(), [
    "analyzed from #from-attribute: “Ferry service returns to Port Elm after storm repairs”, 1 quote(s), 5 block(s) removed",
    "analyzed from #from-content: “Market hall reopens with forty stalls”, 1 quote(s), 3 block(s) removed",
  ]);
  await screenshot(page, "embed");

  // New text: analysed again, and hostile markup stays characters inside the shadow DOM.
  const eventDetail = page.evaluate(() => new Promise((resolve) => {
    document.getElementById("from-attribute").addEventListener("analyzed", (event) => resolve(event.detail), { once: true });
  }));
  await fromAttribute.evaluate((element, hostile) => { element.text = hostile; }, HOSTILE_ARTICLE);
  const detail = await eventDetail;
  assert.match(detail.articles[0].title, /^Hostile headline/);
  assert.ok((await fromAttribute.locator("[part=text]").textContent()).includes(XSS));
  assert.equal(await fromAttribute.evaluate((element) => element.shadowRoot.querySelectorAll("img, script, iframe, b, i, a").length), 0);

  // format="html": the text attribute is a page's HTML; the quote is marked in its visible text.
  const htmlDetail = page.evaluate(() => new Promise((resolve) => {
    document.getElementById("from-attribute").addEventListener("analyzed", (event) => resolve(event.detail), { once: true });
  }));
  await fromAttribute.evaluate((element, html) => {
    element.setAttribute("format", "html");
    element.text = html;
  }, LIGHTHOUSE_HTML);
  assert.deepEqual(await htmlDetail, await analyzeInPage(page, [{ id: "harbour-ferry", text: LIGHTHOUSE_HTML, format: "html" }]));
  assert.equal(await fromAttribute.locator(".title").textContent(), LIGHTHOUSE_TITLE);
  assert.equal(await fromAttribute.locator("mark").first().textContent(), "Every ship that passes will see that somebody still looks after this coast,");
  assert.deepEqual(await fromAttribute.locator("[part=text] p").allTextContents(), LIGHTHOUSE_BODY);
  assert.ok((await fromAttribute.locator("[part=removed]").textContent()).includes(LIGHTHOUSE_CAPTION));

  // Text set as content works the same.
  await fromContent.evaluate((element, festival) => { element.textContent = festival; }, FESTIVAL_ARTICLE);
  await page.waitForFunction(() => document.querySelector("#from-content").shadowRoot.querySelector(".title")?.textContent.startsWith("Festival"));
  await assertNoProblems(problems, [page]);
  await context.close();
});

test("a host page of another origin embeds it with one script tag and the CSP the README gives", async () => {
  // The analyzer's site serves www/ to other origins (CORS), as a site offering the element must.
  const analyzerSite = await startStaticServer(WWW, { cors: true });
  const hostDirectory = await mkdtemp(join(tmpdir(), "article-analyzer-host-"));
  await writeFile(join(hostDirectory, "index.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' ${analyzerSite.origin} 'wasm-unsafe-eval'; connect-src ${analyzerSite.origin}">
<title>A newsroom tool</title>
<script type="module" src="${analyzerSite.origin}/article-analyzer-element.js"></script>
<script type="module" src="host.js"></script>
</head><body><h1>Our newsroom</h1>
<article-analyzer id="embedded" text="${FESTIVAL_ARTICLE.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"></article-analyzer>
</body></html>`);
  await writeFile(join(hostDirectory, "host.js"), `document.addEventListener("analyzed", (event) => {
  document.body.dataset.analyzedTitle = event.detail.articles[0].title;
});`);
  const host = await startStaticServer(hostDirectory);
  const { context, problems } = await newContext(shared.browser, host.origin, { alsoAllowed: [analyzerSite.origin] });
  const page = await context.newPage();
  await page.goto(`${host.origin}/`);
  await page.waitForFunction(() => document.body.dataset.analyzedTitle !== undefined);
  assert.equal(await page.evaluate(() => document.body.dataset.analyzedTitle), "Festival \u{1f389} Draws Record Crowd");
  assert.equal(await page.locator("#embedded .title").textContent(), "Festival \u{1f389} Draws Record Crowd");
  assert.ok(analyzerSite.requestedPaths.includes("/pkg/article_analyzer_bg.wasm"));
  await assertNoProblems(problems, [page]);
  await context.close();
  await host.close();
  await analyzerSite.close();
  await rm(hostDirectory, { recursive: true, force: true });
});
