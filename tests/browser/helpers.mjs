// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, one static
// server over www/, a fresh browser context (empty storage, no service worker) per test, and
// a record of everything that would show a problem: dialogs (article text running as script),
// page errors, CSP violations and requests to any other origin.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startStaticServer } from "./static-server.mjs";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WWW = join(REPO_ROOT, "www");
export const OUTPUT = join(REPO_ROOT, "test-output");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Chromium flags: quiet, and no name resolves except 127.0.0.1, so nothing can leave the machine. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/** Fails early, with the fix, when the page's wasm package has not been built. */
export function requireBuiltPackage() {
  for (const file of ["article_analyzer_bg.wasm", "precache.js"]) {
    if (!existsSync(join(WWW, "pkg", file))) {
      throw new Error(`www/pkg/${file} is missing: run \`python3 scripts/build_wasm.py --target web\` first`);
    }
  }
}

/** Launches Chromium. */
export function launchBrowser() {
  requireBuiltPackage();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Launches Chromium with a profile on disk in `userDataDir` (not incognito, as installing an
 * app needs) and returns its one context.
 */
export function launchPersistentBrowser(userDataDir) {
  requireBuiltPackage();
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Serves www/ on 127.0.0.1 (a free port): {origin, requestedPaths, close()}. */
export function serveWww() {
  return startStaticServer(WWW);
}

/**
 * A fresh context (its own storage and service workers) recording problems:
 * {context, problems: {dialogs, errors, foreignRequests, requests}}. `requests` lists every
 * URL the pages, workers and service workers of the context asked for; a request to an
 * origin other than `origin` (or those in `alsoAllowed`) is a foreign request.
 */
export async function newContext(browser, origin, { alsoAllowed = [] } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const problems = { dialogs: [], errors: [], foreignRequests: [], requests: [] };
  const allowed = [origin, ...alsoAllowed].map((allowedOrigin) => `${allowedOrigin}/`);
  context.on("request", (request) => {
    const url = request.url();
    problems.requests.push(url);
    const { protocol } = new URL(url);
    if (!allowed.some((prefix) => url.startsWith(prefix)) && protocol !== "data:" && protocol !== "blob:") {
      problems.foreignRequests.push(url);
    }
  });
  context.on("page", (page) => watchPage(page, problems));
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  return { context, problems };
}

function watchPage(page, problems) {
  page.on("dialog", (dialog) => {
    problems.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => problems.errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.errors.push(`console: ${message.text()}`);
  });
  // CSP violations are reported to the page as events: collect them where the test can read them.
  page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

/**
 * Chromium checks the inline handlers and styles of an HTML file parsed with DOMParser
 * against the page's Content-Security-Policy and logs a "blocked" message for each, though
 * such a document never runs them: expected when a test reads hostile HTML as plain text.
 */
const INLINE_BLOCKED = /^console: (Executing inline event handler|Applying inline style) violates/;

/**
 * Asserts that nothing ran from article text, nothing failed and nothing left the origin.
 * `parsedHostileHtml`: the test parsed an HTML file with inline handlers and styles (an HTML
 * article read as plain text goes through DOMParser), so CSP messages about blocked inline
 * code are expected (and nothing else is).
 */
export async function assertNoProblems(problems, pages = [], { parsedHostileHtml = false } = {}) {
  assert.deepEqual(problems.dialogs, [], "a dialog opened: article text ran as script");
  const errors = problems.errors.filter((error) => !(parsedHostileHtml && INLINE_BLOCKED.test(error)));
  assert.deepEqual(errors, [], "the page reported errors");
  assert.deepEqual(problems.foreignRequests, [], "a request left the page's origin");
  for (const page of pages) {
    if (page.isClosed()) continue;
    const violations = (await page.evaluate(() => window.__cspViolations ?? []))
      .filter((violation) => !(parsedHostileHtml && / inline$/.test(violation)));
    assert.deepEqual(violations, [], "the Content-Security-Policy blocked something");
  }
}

/**
 * For the tests of one file: launches Chromium and serves www/ before them, closes both after.
 * Returns an object whose `browser` and `server` are set once the tests start.
 */
export function useBrowserAndServer() {
  const shared = { browser: null, server: null };
  before(async () => {
    shared.browser = await launchBrowser();
    shared.server = await serveWww();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * Runs `body({context, page, problems})` with the analyzer open in a fresh context of
 * `shared.browser`, then asserts that nothing went wrong on any page still open (see
 * assertNoProblems; `options` are its options) and closes the context.
 */
export async function withAnalyzer(shared, body, options = {}) {
  const { context, problems } = await newContext(shared.browser, shared.server.origin);
  try {
    const page = await openAnalyzer(context, shared.server.origin);
    await body({ context, page, problems });
    await assertNoProblems(problems, context.pages(), options);
  } finally {
    await context.close();
  }
}

/** Opens the analyzer page in `context` and waits until its script has run. */
export async function openAnalyzer(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById("status") !== null);
  return page;
}

/** Waits until the status line says the analysis is done (fails on an error message). */
export async function waitForDone(page, { timeout = 15_000 } = {}) {
  await page.waitForFunction(
    () => {
      const status = document.getElementById("status");
      return status.classList.contains("error") || status.textContent.startsWith("Done");
    },
    null,
    { timeout },
  );
  const status = page.locator("#status");
  assert.equal(await status.evaluate((element) => element.classList.contains("error")), false, `the analysis failed: ${await status.textContent()}`);
}

/** Pastes `text` into the article box through the real clipboard and Ctrl+V. */
export async function paste(page, text) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.getByLabel("Paste an article").focus();
  await page.keyboard.press("Control+V");
}

/** Pastes `text` and waits for its analysis to be done. */
export async function pasteAndWait(page, text) {
  await paste(page, text);
  await waitForDone(page);
}

/**
 * Drops files on the page as a person dragging them from the file manager would:
 * `files` is [{name, text, type}], or [{name, bytes, type}] with `bytes` an array of numbers
 * (a file in another encoding than UTF-8).
 */
export async function dropFiles(page, files) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const { name, text, bytes, type } of list) {
      transfer.items.add(new File([bytes === undefined ? text : new Uint8Array(bytes)], name, { type }));
    }
    return transfer;
  }, files);
  await page.locator("main").dispatchEvent("dragenter", { dataTransfer });
  await page.locator("main").dispatchEvent("dragover", { dataTransfer });
  await page.locator("main").dispatchEvent("drop", { dataTransfer });
}

/** The titles shown in the article list, in order. */
export function listedTitles(page) {
  return page.locator("#batch-list .item-title").allTextContents();
}

/** Saves a full-page screenshot as test-output/NAME.png. */
export async function screenshot(page, name) {
  await mkdir(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

/** The report the wasm package's analyze() gives for `docs`, computed in the page itself. */
export function analyzeInPage(page, docs) {
  return page.evaluate(async (input) => {
    const analyzer = await import("/pkg/article_analyzer.js");
    await analyzer.default();
    return analyzer.analyze(input);
  }, docs);
}
