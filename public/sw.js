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

// The build before this one is kept too: a tab still running it (only the tab whose person chose
// Reload reloads) fetches its pages' pieces at their first use, from its own build's cache, the
// server having moved on. Older builds are deleted. `BUILDS` lists the builds kept, newest last.
const BUILDS = "portal-builds";
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const builds = await caches.open(BUILDS);
      const listed = await builds.match("/builds");
      const kept = [...(listed ? await listed.json() : []).filter((name) => name !== VERSION), VERSION].slice(-2);
      await builds.put("/builds", new Response(JSON.stringify(kept)));
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name !== BUILDS && !kept.includes(name)).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

// The page's "Reload" for a new build.
self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

// The API (/v2/...) and other origins go to the network as they are. A page address (the
// router's deep links) is fetched from the network first, so that a new build is seen at once,
// and is this build's index.html when the network is away; a file is this build's copy, or the
// build before's (every file but index.html is named after its content, so the two can't
// disagree). A copy matches whatever the request's headers (`ignoreVary`): the server varies on
// Origin and Accept-Encoding, which a module script's request and the install's fetch set
// differently.
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
    caches
      .match(request, { cacheName: VERSION, ignoreVary: true })
      .then((cached) => cached || caches.match(request, { ignoreVary: true }))
      .then((cached) => cached || fetch(request)),
  );
});
