// The portal's service worker: it keeps this build's files so that the page opens with no
// network (its state is in IndexedDB), and picks up a new build cleanly. scripts/finish-build.mjs
// writes the build's file list and version into the copy in dist/.
const VERSION = "portal-unbuilt";
const FILES = [];

// A new build's files are fetched before it takes over; the open tabs keep the build they run
// until the person chooses to reload (the page offers it when `waiting` is set).
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== VERSION).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The page's "Reload" for a new build.
self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

// The API (/v2/...) and other origins go to the network as they are. A page address (the
// router's deep links) is fetched from the network first, so that a new build is seen at once,
// and is this build's index.html when the network is away; a file is this build's copy. A copy
// matches whatever the request's headers (`ignoreVary`): the server varies on Origin and
// Accept-Encoding, which a module script's request and the install's fetch set differently.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/v2")) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match("/index.html", { cacheName: VERSION, ignoreVary: true })));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: VERSION, ignoreVary: true }).then((cached) => cached || fetch(request)),
  );
});
