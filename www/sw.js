// The service worker: keeps the page, its scripts, styles and the .wasm in a cache so that,
// after the first visit, the page works with the network off. Cache first: a cached file is
// answered from the cache, anything else goes to the network (only this origin is ever asked).
//
// pkg/precache.js, written by scripts/build_wasm.py, lists the files and a version (a hash of
// their contents); a new build changes the version, the browser installs this worker again
// and the new cache replaces the old one.

importScripts("./pkg/precache.js"); /* global PRECACHE */

const CACHE_PREFIX = "article-analyzer-";
const CACHE_NAME = `${CACHE_PREFIX}${PRECACHE.version}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE_NAME);
      // "reload": fetch each file from the server, not from the HTTP cache of an older build.
      await cache.addAll(PRECACHE.files.map((file) => new Request(file, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(cacheFirst(event.request, url));
});

async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE_NAME);
  // A directory is its index.html; the query string never names another file.
  const key = url.pathname.endsWith("/") ? new URL("index.html", url).href : url.href;
  return (await cache.match(key, { ignoreSearch: true })) ?? fetch(request);
}
