// Loads the wasm package's Node build for the scripts that measure or run it
// (bench_wasm.mjs, analyze_wasm.mjs).

import { createRequire } from "node:module";
import { resolve } from "node:path";

/** The default place of the Node package, built by `python3 scripts/build_wasm.py --target nodejs`. */
export const DEFAULT_PACKAGE = "target/wasm/node/article_analyzer.js";

/**
 * Loads the package at `packagePath` with require(); when it cannot be loaded, says so as
 * `tool` with how to build it, and exits with status 1.
 */
export function loadPackage(packagePath, tool) {
  const path = resolve(packagePath);
  try {
    return createRequire(import.meta.url)(path);
  } catch (error) {
    console.error(
      `${tool}: cannot load ${path}: ${error.message}\n` +
        "build it with: python3 scripts/build_wasm.py --target nodejs",
    );
    process.exit(1);
  }
}
