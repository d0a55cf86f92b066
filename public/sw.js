// Clientele's service worker: the app opens offline and updates cleanly.
//
// - Pages (navigations) are network-first: online, a new deployment is picked up at
//   once; offline, the cached index.html is served.
// - Everything else of ours is cache-first. Trunk gives the wasm and JS hashed names,
//   so a new version never collides with an old one.
// - After each successful fetch of index.html, the assets it names are cached and any
//   cached asset it no longer names is dropped: old versions do not pile up.
const CACHE = "clientele-v1";
const SHELL = ["/", "/index.html", "/manifest.webmanifest", "/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png"];

function assetsOf(html) {
  const urls = new Set();
  for (const m of html.matchAll(/(?:href|src)="([^"]+\.(?:js|wasm|css))"/g)) urls.add(new URL(m[1], self.location).pathname);
  // The JS loader imports the wasm by name.
  for (const m of html.matchAll(/['"]([^'"]+_bg\.wasm)['"]/g)) urls.add(new URL(m[1], self.location).pathname);
  return [...urls];
}

async function refreshShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  await cache.put("/index.html", response.clone());
  const assets = assetsOf(html);
  await Promise.all(assets.map(async (url) => {
    if (!(await cache.match(url))) {
      const r = await fetch(url, { cache: "no-cache" });
      if (r.ok) await cache.put(url, r);
    }
  }));
  const keep = new Set([...SHELL, ...assets]);
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (!keep.has(path) && /\.(js|wasm|css)$/.test(path)) await cache.delete(req);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL.filter((u) => u !== "/index.html"));
    const r = await fetch("/index.html", { cache: "no-cache" });
    if (r.ok) await refreshShell(r);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    event.respondWith((async () => {
      try {
        const r = await fetch("/index.html", { cache: "no-cache" });
        if (r.ok) {
          event.waitUntil(refreshShell(r.clone()));
          return r;
        }
        throw new Error("bad status " + r.status);
      } catch (_) {
        const cached = await caches.match("/index.html");
        return cached || new Response("Clientele is offline and not cached yet.", { status: 503 });
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(url.pathname);
    if (cached) return cached;
    const r = await fetch(req);
    if (r.ok && /\.(js|wasm|css|png|svg|webmanifest)$/.test(url.pathname)) {
      const cache = await caches.open(CACHE);
      await cache.put(url.pathname, r.clone());
    }
    return r;
  })());
});
