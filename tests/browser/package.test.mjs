// The page's wasm package (www/pkg) used as an npm package: imported by its name from a
// project's node_modules, with its TypeScript types.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, requireBuiltPackage } from "./helpers.mjs";

// The package as published (www/pkg, unminified), not the page's minified copy of it.
const PACKAGE = join(REPO_ROOT, "www", "pkg");

test("the package imports by its name and analyses a batch", async () => {
  requireBuiltPackage();
  const project = await mkdtemp(join(tmpdir(), "article-analyzer-npm-"));
  try {
    await mkdir(join(project, "node_modules"));
    await symlink(PACKAGE, join(project, "node_modules", "article-analyzer"), "dir");
    await writeFile(join(project, "package.json"), JSON.stringify({ type: "module", private: true }));
    await writeFile(
      join(project, "main.js"),
      `import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { initSync, analyze, AnalysisBatch } from "article-analyzer";
const wasm = fileURLToPath(import.meta.resolve("article-analyzer/article_analyzer_bg.wasm"));
initSync({ module: readFileSync(wasm) });
const text = "Harbour Reopens\\n\\nBy Ana Lee\\n\\nThe harbour reopened on Monday after repairs to the main pier took three weeks, the port said.";
const report = analyze([{ id: "a", text }]);
const batch = new AnalysisBatch();
batch.add({ id: "a", text });
batch.add({ id: "b", text: text + " More boats are expected." });
console.log(JSON.stringify({ keys: Object.keys(report), title: report.articles[0].title, size: batch.size, cross: Object.keys(batch.crossArticle()) }));
`,
    );
    const output = JSON.parse(execFileSync("node", ["main.js"], { cwd: project, encoding: "utf8" }));
    assert.deepEqual(output, {
      keys: ["articles", "storyGroups", "duplicates", "quoteGroups"],
      title: "Harbour Reopens",
      size: 2,
      cross: ["storyGroups", "duplicates", "quoteGroups"],
    });
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});

test("the package declares its TypeScript types, options optional", async () => {
  const manifest = JSON.parse(await readFile(join(PACKAGE, "package.json"), "utf8"));
  assert.equal(manifest.name, "article-analyzer");
  assert.equal(manifest.types, "article_analyzer.d.ts");
  const types = await readFile(join(PACKAGE, manifest.types), "utf8");
  for (const declaration of [
    "export function analyze(docs: ArticleInput[], options?: AnalyzeOptions | null): Report;",
    "export function clean(text: string): Article;",
    "export function extractQuotes(text: string): Quote[];",
    "export class AnalysisBatch {",
    "constructor(options?: AnalyzeOptions | null);",
    "add(doc: ArticleInput): Article;",
    "crossArticle(): CrossArticle;",
    "export interface Report {",
  ]) {
    assert.ok(types.includes(declaration), `article_analyzer.d.ts lacks ${declaration}`);
  }
});
