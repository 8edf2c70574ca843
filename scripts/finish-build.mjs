// Trunk's post-build hook, on the staging directory of a build:
// 0. splits the page's module at its lazily loaded views (split-build.mjs);
// 1. fills in the service worker (public/sw.js) with this build's files and a version named
//    after them (every file but index.html carries its content's hash in its name);
// 2. in a release build, writes a brotli (.br) and a gzip (.gz) copy beside each text and
//    WebAssembly file, so that `portal serve` (and a static host that reads them) sends the
//    smallest file a browser accepts without compressing on every request. A copy that would not
//    be smaller is not written.
// Node's own crypto and zlib do both: no tool beyond the Node.js that installs wasm-opt.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { splitModule } from "./split-build.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as trunk's post_build hook");
const release = process.env.TRUNK_PROFILE === "release";

await splitModule(dir, release);

const worker = join(dir, "sw.js");
const files = readdirSync(dir)
  .filter((name) => name !== "sw.js" && name !== "_headers")
  .sort();
const version = createHash("sha256");
for (const name of files) version.update(name).update(readFileSync(join(dir, name)));
const filled = readFileSync(worker, "utf8")
  .replace('const VERSION = "portal-unbuilt";', `const VERSION = "portal-${version.digest("hex").slice(0, 16)}";`)
  .replace("const FILES = [];", `const FILES = ${JSON.stringify(files.map((name) => `/${name}`))};`);
if (!filled.includes("const FILES = [\"/")) throw new Error("sw.js has no FILES to fill in");
writeFileSync(worker, filled);

if (release) {
  const compressible = /\.(wasm|js|css|html|svg|json|txt)$/;
  for (const name of readdirSync(dir)) {
    if (!compressible.test(name)) continue;
    const file = readFileSync(join(dir, name));
    const copies = {
      br: brotliCompressSync(file, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
          [constants.BROTLI_PARAM_SIZE_HINT]: file.length,
        },
      }),
      gz: gzipSync(file, { level: constants.Z_BEST_COMPRESSION }),
    };
    for (const [extension, copy] of Object.entries(copies)) {
      if (copy.length < file.length) writeFileSync(join(dir, `${name}.${extension}`), copy);
    }
  }
}
