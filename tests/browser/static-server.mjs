// A tiny static file server for browser tests: serves one directory on 127.0.0.1 at a free
// port, with the content types the page needs (application/wasm for streaming compilation).

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves `root` on 127.0.0.1. Resolves to {origin, requestedPaths, close()}; requestedPaths
 * lists every path asked for, in order. `cors: true` lets pages of any origin load the files
 * (as a site hosting the embeddable element for others must).
 */
export async function startStaticServer(root, { cors = false } = {}) {
  const rootDirectory = resolve(root);
  const requestedPaths = [];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    requestedPaths.push(path);
    const file = resolve(join(rootDirectory, path.endsWith("/") ? `${path}index.html` : path));
    if (file !== rootDirectory && !file.startsWith(rootDirectory + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...(cors ? { "Access-Control-Allow-Origin": "*" } : {}),
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(0, "127.0.0.1", resolveListen);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requestedPaths,
    // Open keep-alive connections too: after close() nothing answers (an offline test relies on it).
    close: () =>
      new Promise((resolveClose) => {
        server.close(resolveClose);
        server.closeAllConnections();
      }),
  };
}
