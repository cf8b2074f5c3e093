// Analyses JSONL articles with the wasm package in Node, one article at a time as the page
// does, and prints the articles and the time spent, for scripts/bench_peers.py.
//
//   node scripts/analyze_wasm.mjs [--no-quotes] [--package PATH] < articles.jsonl
//
// Reads {"id", "text", "format"?} per line from standard input ("format": "html" for a page's
// HTML), loads the nodejs package (default target/wasm/node/article_analyzer.js, built by
// `python3 scripts/build_wasm.py --target nodejs`), calls analyze([{id, text, format}], {quotes})
// on each article and prints one JSON object:
// {"seconds": time spent in analyze (boundary crossing included, loading and JSON excluded),
//  "bytes": UTF-8 bytes of all texts, "articles": [Article, ...]}.

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

import { DEFAULT_PACKAGE, loadPackage } from "./wasm_package.mjs";

const USAGE = "usage: node scripts/analyze_wasm.mjs [--no-quotes] [--package PATH] < articles.jsonl";

function parseArguments(argv) {
  const parsed = { quotes: true, packagePath: DEFAULT_PACKAGE };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-quotes") {
      parsed.quotes = false;
    } else if (argv[i] === "--package" && argv[i + 1] !== undefined) {
      parsed.packagePath = argv[++i];
    } else {
      throw new Error(`unexpected argument ${argv[i]}`);
    }
  }
  return parsed;
}

function readDocuments() {
  const lines = readFileSync(0, "utf8").split("\n");
  const documents = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      documents.push(JSON.parse(line));
    } catch (error) {
      throw new Error(`standard input, line ${index + 1}: not JSON: ${error.message}`);
    }
  });
  return documents;
}

function main() {
  let args;
  let documents;
  try {
    args = parseArguments(process.argv.slice(2));
    documents = readDocuments();
  } catch (error) {
    console.error(`analyze_wasm: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  const analyzer = loadPackage(args.packagePath, "analyze_wasm");
  const options = { quotes: args.quotes };
  const articles = [];
  let seconds = 0;
  let bytes = 0;
  for (const doc of documents) {
    bytes += Buffer.byteLength(doc.text, "utf8");
    const started = performance.now();
    const report = analyzer.analyze([{ id: doc.id, text: doc.text, format: doc.format ?? "text" }], options);
    seconds += (performance.now() - started) / 1000;
    articles.push(report.articles[0]);
  }
  process.stdout.write(JSON.stringify({ seconds, bytes, articles }) + "\n");
}

main();
