// Trunk's post-build hook: writes a brotli (.br) and a gzip (.gz) copy beside each text and
// WebAssembly file of a release build, so that `portal serve` (and a static host that reads them)
// sends the smallest file a browser accepts without compressing on every request. A copy that
// would not be smaller is not written. Node's own zlib does both: no tool beyond the Node.js that
// installs wasm-opt.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as trunk's post_build hook");

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
