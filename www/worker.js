// Runs the analyzer (the wasm package in ./pkg) off the main thread so the page never freezes.
//
// Protocol: the page posts {id, operation, args}; the worker answers {id, ok: true, result}
// or {id, ok: false, error} where error is the message of the Error the analyzer threw.
// `operation` names a function of the package: "clean" (one text) or "analyze" (a batch).

import init, { analyze, clean } from "./pkg/article_analyzer.js";

/** The package functions the page may call, by name. */
const operations = { analyze, clean };

// Start loading and compiling the .wasm at once; every request waits for it.
const ready = init();

self.addEventListener("message", async (event) => {
  const { id, operation, args } = event.data;
  try {
    await ready;
    const run = operations[operation];
    if (run === undefined) {
      throw new Error(`unknown operation "${operation}"; expected one of ${Object.keys(operations).join(", ")}`);
    }
    self.postMessage({ id, ok: true, result: run(...args) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
