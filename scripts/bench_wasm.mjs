// Measures the wasm package's cleaning throughput in Node, on one thread.
//
//   node scripts/bench_wasm.mjs CORPUS.jsonl [--iterations N] [--package PATH] [--json] [--html]
//
// Loads the nodejs package (default target/wasm/node/article_analyzer.js, built by
// `python3 scripts/build_wasm.py --target nodejs`), reads the JSONL corpus ({"id", "text"}
// per line) and calls clean(text) on every article (cleaning and quotes), then
// analyze([{id, text}], {quotes: false}) on every article (cleaning alone), then
// analyze([{id, text}]) on every article (the whole analysis: cleaning, quotes, the story
// summary and the cross-article step of a one-article batch), --iterations times each
// (default 5). Prints
// input megabytes (10^6 UTF-8 bytes) per second of wall time: the median run, with the slowest
// and fastest. The time includes crossing the JS/wasm boundary both ways (copying the text
// in, building the Article object out), which is what the page pays. It also prints MB per
// second of the process's CPU time (`process.cpuUsage()`, all threads), which a busy machine
// disturbs far less than wall time. V8 compiles the .wasm again, optimised, on background
// threads during the first seconds, and that CPU time lands in the first run; to compare
// builds by one run each, start Node with `--no-liftoff --no-wasm-lazy-compilation`, which
// compiles the module fully before anything is timed (it halved the CPU time of a single
// pass over the real-text corpus).
//
// With --html every document is a page's HTML (e.g. from `bench_html --make-pages`):
// cleanHtml(html) stands for clean(text), and the documents handed to analyze carry
// format: "html"; megabytes are then of HTML.

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

import { DEFAULT_PACKAGE, loadPackage } from "./wasm_package.mjs";

const USAGE =
  "usage: node scripts/bench_wasm.mjs CORPUS.jsonl [--iterations N] [--package PATH] [--json] [--html]";

function parseArguments(argv) {
  const parsed = { corpus: null, iterations: 5, packagePath: DEFAULT_PACKAGE, json: false, html: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--iterations") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`--iterations needs a whole number >= 1, got ${argv[i]}`);
      parsed.iterations = value;
    } else if (arg === "--package") {
      if (argv[i + 1] === undefined) throw new Error("--package needs a path");
      parsed.packagePath = argv[++i];
    } else if (arg === "--json") {
      parsed.json = true;
    } else if (arg === "--html") {
      parsed.html = true;
    } else if (arg.startsWith("--")) {
      throw new Error(`unknown option ${arg}`);
    } else if (parsed.corpus === null) {
      parsed.corpus = arg;
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  if (parsed.corpus === null) throw new Error("no corpus given");
  return parsed;
}

function median(sorted) {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main() {
  let args;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`bench_wasm: ${error.message}\n${USAGE}`);
    process.exit(2);
  }

  const analyzer = loadPackage(args.packagePath, "bench_wasm");

  const texts = [];
  let bytes = 0;
  const lines = readFileSync(args.corpus, "utf8").split("\n");
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    let doc;
    try {
      doc = JSON.parse(line);
    } catch (error) {
      throw new Error(`${args.corpus}, line ${index + 1}: ${error.message}`);
    }
    texts.push(doc.text);
    bytes += Buffer.byteLength(doc.text, "utf8");
  });
  if (texts.length === 0) {
    console.error(`bench_wasm: ${args.corpus} holds no articles`);
    process.exit(1);
  }

  let sink = 0;
  // Times one way of analysing every article, --iterations times; returns sorted MB/s of wall
  // time, and sorted MB/s of CPU time as `cpu`.
  const measure = (analyseOne) => {
    const rates = [];
    const cpuRates = [];
    for (let run = 0; run < args.iterations; run++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      for (const text of texts) {
        sink += analyseOne(text);
      }
      const cpu = process.cpuUsage(cpuStarted);
      const seconds = (performance.now() - started) / 1000;
      rates.push(bytes / 1e6 / seconds);
      cpuRates.push(bytes / 1e6 / ((cpu.user + cpu.system) / 1e6));
    }
    rates.sort((a, b) => a - b);
    rates.cpu = cpuRates.sort((a, b) => a - b);
    return rates;
  };
  const cleanOne = args.html ? (text) => analyzer.cleanHtml(text) : (text) => analyzer.clean(text);
  const format = args.html ? "html" : "text";
  const rates = measure((text) => cleanOne(text).blocks.length);
  // Cleaning alone: the same article through analyze() with quote extraction off.
  const cleaningOnly = { quotes: false };
  const cleaningRates = measure(
    (text) => analyzer.analyze([{ id: "a", text, format }], cleaningOnly).articles[0].blocks.length,
  );

  // The whole analysis, one article per call: what issue 14's "wasm in Node" figure measures.
  const wholeRates = measure((text) => analyzer.analyze([{ id: "a", text, format }]).articles[0].blocks.length);

  const megabytes = bytes / 1e6;
  if (args.json) {
    console.log(JSON.stringify({
      corpus: args.corpus, format, articles: texts.length, megabytes: Number(megabytes.toFixed(3)),
      iterations: args.iterations, clean_mb_per_s: Number(median(rates).toFixed(2)),
      cleaning_only_mb_per_s: Number(median(cleaningRates).toFixed(2)),
      clean_mb_per_cpu_s: Number(median(rates.cpu).toFixed(2)),
      cleaning_only_mb_per_cpu_s: Number(median(cleaningRates.cpu).toFixed(2)),
      whole_analysis_mb_per_s: Number(median(wholeRates).toFixed(2)),
      whole_analysis_mb_per_cpu_s: Number(median(wholeRates.cpu).toFixed(2)),
    }));
  } else {
    console.log(
      `corpus ${args.corpus}: ${texts.length} articles, ${megabytes.toFixed(1)} MB of ${args.html ? "HTML" : "text"}; ` +
        `${args.iterations} runs, Node ${process.version}, one thread (${sink > 0 ? "ok" : "no blocks?"})`,
    );
    console.log(
      `  wasm ${args.html ? "cleanHtml" : "clean"} (per article) median ${median(rates).toFixed(1).padStart(7)} MB/s   ` +
        `(slowest ${rates[0].toFixed(1)}, fastest ${rates[rates.length - 1].toFixed(1)})`,
    );
    console.log(
      `  wasm cleaning only       median ${median(cleaningRates).toFixed(1).padStart(7)} MB/s   ` +
        `(slowest ${cleaningRates[0].toFixed(1)}, fastest ${cleaningRates[cleaningRates.length - 1].toFixed(1)})`,
    );
    console.log(
      `  wasm whole analysis      median ${median(wholeRates).toFixed(1).padStart(7)} MB/s   ` +
        `(slowest ${wholeRates[0].toFixed(1)}, fastest ${wholeRates[wholeRates.length - 1].toFixed(1)})`,
    );
    console.log(
      `  per second of CPU time: ${args.html ? "cleanHtml" : "clean"} ${median(rates.cpu).toFixed(1)} MB/s, ` +
        `cleaning only ${median(cleaningRates.cpu).toFixed(1)} MB/s, ` +
        `whole analysis ${median(wholeRates.cpu).toFixed(1)} MB/s (medians)`,
    );
  }
}

main();
