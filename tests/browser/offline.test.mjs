// Offline use, installation and the page's requests, in Debian's Chromium: after a first visit
// the page (and the embedding example) works with the server gone and the network off; the
// browser finds it installable; it asks for nothing but its own files.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COUNCIL_ARTICLE, COUNCIL_TITLE, FESTIVAL_ARTICLE } from "./articles.mjs";
import {
  WWW, assertNoProblems, launchBrowser, launchPersistentBrowser, listedTitles, newContext, openAnalyzer,
  paste, serveWww, waitForDone,
} from "./helpers.mjs";

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Waits until a service worker controls the page (it claims the page once activated). */
function waitForServiceWorker(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller === null) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

/** The files the service worker caches, as pkg/precache.js lists them. */
async function precachedFiles() {
  const source = await readFile(join(WWW, "pkg", "precache.js"), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)).files;
}

test("after the first visit the page works with the server gone and the network off", async () => {
  const server = await serveWww();
  const { context, problems } = await newContext(browser, server.origin);
  const page = await openAnalyzer(context, server.origin);
  await waitForServiceWorker(page);
  await paste(page, COUNCIL_ARTICLE);
  await waitForDone(page);

  await server.close();
  await context.setOffline(true);
  const requestsOnline = server.requestedPaths.length;

  await page.reload();
  await waitForDone(page);
  assert.deepEqual(await listedTitles(page), [COUNCIL_TITLE], "the stored batch was not analysed offline");
  await paste(page, FESTIVAL_ARTICLE);
  await page.waitForFunction(() => document.querySelectorAll("#batch-list li").length === 2);
  await waitForDone(page);

  // The embeddable element and its example page too.
  const embed = await context.newPage();
  await embed.goto(`${server.origin}/embed-example.html`);
  await embed.waitForFunction(() => document.querySelectorAll("#event-log li").length === 2);

  assert.equal(server.requestedPaths.length, requestsOnline, "the server was asked for something after it closed");
  await assertNoProblems(problems, [page, embed]);
  await context.close();
});

test("the browser finds the page installable: manifest, icons, service worker", async () => {
  const server = await serveWww();
  // Installing needs a profile on disk: Chromium never installs apps from an incognito context.
  const userDataDir = await mkdtemp(join(tmpdir(), "article-analyzer-profile-"));
  const context = await launchPersistentBrowser(userDataDir);
  const page = await openAnalyzer(context, server.origin);
  await waitForServiceWorker(page);
  const cdp = await context.newCDPSession(page);
  const { errors: manifestErrors, data } = await cdp.send("Page.getAppManifest");
  assert.deepEqual(manifestErrors, [], "the web app manifest has errors");
  assert.equal(JSON.parse(data).name, "Article analyzer");
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, [], "Chromium would not offer to install the page");
  await context.close();
  await server.close();
  await rm(userDataDir, { recursive: true, force: true });
});

test("no request leaves the origin: the page asks only for its own files", async () => {
  const server = await serveWww();
  const { context, problems } = await newContext(browser, server.origin);
  const page = await openAnalyzer(context, server.origin);
  await waitForServiceWorker(page);
  await page.getByRole("button", { name: "Try the sample articles" }).click();
  await waitForDone(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  await download.path();
  const embed = await context.newPage();
  await embed.goto(`${server.origin}/embed-example.html`);
  await embed.waitForFunction(() => document.querySelectorAll("#event-log li").length === 2);

  await assertNoProblems(problems, [page, embed]);
  const ownFiles = new Set(["/", "/sw.js", "/pkg/precache.js", ...(await precachedFiles()).map((file) => `/${file}`)]);
  const asked = new Set(problems.requests.filter((url) => url.startsWith("http")).map((url) => new URL(url).pathname));
  assert.deepEqual([...asked].filter((path) => !ownFiles.has(path)), [], "the page asked for files that are not its own");
  assert.deepEqual(server.requestedPaths.filter((path) => !ownFiles.has(path)), []);
  await context.close();
  await server.close();
});
