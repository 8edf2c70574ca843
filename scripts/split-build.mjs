// The page's module split at its lazily loaded views (`src/ui/lazy.rs`), for trunk's post-build
// hook. trunk 0.21 runs wasm-bindgen and wasm-opt on the whole module; this step redoes those
// two from cargo's output with the split in between, as wasm-split needs:
// 1. wasm-split reads cargo's module (linked with --emit-relocs: build.rs) and writes the main
//    module, one module per view and chunks of code that several views share, and the loader
//    (`__wasm_split.js`) that fetches them at a view's first use;
// 2. wasm-bindgen makes the main module's JavaScript, under the names trunk chose, in place of
//    trunk's files; in a release build wasm-opt -Oz shrinks every module (binaryen's own API);
// 3. each piece and the loader are named after their content's hash, as trunk names its files,
//    so that `portal serve` and `_headers` cache them for a year; index.html's integrity
//    attributes are made again for the files that changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const LOADER = "__wasm_split.js";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message} (scripts/setup installs it)`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

// wasm-opt -Oz through binaryen's JavaScript API (the npm package whose wasm-opt is on the PATH):
// the command starts a new Node.js for each of the few hundred pieces, about a second each. Each
// worker thread loads binaryen once and takes its share of the bytes.
function binaryenModule() {
  const bin = (process.env.PATH ?? "").split(":").map((dir) => join(dir, "wasm-opt")).find(existsSync);
  if (!bin) throw new Error("wasm-opt is not on the PATH (scripts/setup installs it)");
  return pathToFileURL(join(dirname(dirname(realpathSync(bin))), "index.js"));
}

async function optimiseInThread(files) {
  const binaryen = (await import(binaryenModule())).default;
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  for (const file of files) {
    const module = binaryen.readBinary(readFileSync(file));
    module.optimize();
    if (!module.validate()) throw new Error(`${file} is not valid WebAssembly after wasm-opt`);
    writeFileSync(file, module.emitBinary());
    module.dispose();
  }
}

if (!isMainThread) {
  await optimiseInThread(workerData);
  parentPort.postMessage("done");
}

async function optimiseAll(files) {
  const shares = Array.from({ length: Math.max(1, availableParallelism()) }, () => ({ bytes: 0, files: [] }));
  const bySize = files.map((file) => [file, statSync(file).size]).sort((a, b) => b[1] - a[1]);
  for (const [file, size] of bySize) {
    const share = shares.reduce((least, next) => (next.bytes < least.bytes ? next : least));
    share.bytes += size;
    share.files.push(file);
  }
  await Promise.all(
    shares.map(
      ({ files }) =>
        new Promise((resolve, reject) => {
          new Worker(new URL(import.meta.url), { workerData: files })
            .on("message", resolve)
            .on("error", reject)
            .on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`wasm-opt worker exited ${code}`))));
        }),
    ),
  );
}

const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
const integrityOf = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/// Splits the module trunk built into `dir` (its staging directory).
export async function splitModule(dir, release) {
  const script = readdirSync(dir).find((name) => /^portal-app-[0-9a-f]+\.js$/.test(name));
  if (!script) throw new Error(`no portal-app-<hash>.js in ${dir}: is index.html's rust link there?`);
  const name = script.slice(0, -".js".length);
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(process.env.TRUNK_SOURCE_DIR ?? ".", "target");
  const built = join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", "portal-app.wasm");

  const work = mkdtempSync(join(tmpdir(), "portal-split-"));
  try {
    run("wasm-split-cli", [built, work, "--target", "web", "--out-name", name]);
    const bindgen = join(work, "bindgen");
    run("wasm-bindgen", [
      "--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
      "--out-dir", bindgen, "--out-name", name, join(work, `${name}.wasm`),
    ]);
    const pieces = readdirSync(work).filter((file) => /^(chunk|split)_\w+\.wasm$/.test(file));
    const main = join(bindgen, `${name}_bg.wasm`);
    if (release) await optimiseAll([main, ...pieces.map((file) => join(work, file))]);

    let loader = readFileSync(join(work, LOADER), "utf8");
    for (const piece of pieces) {
      const bytes = readFileSync(join(work, piece));
      const hashed = `${piece.slice(0, -".wasm".length)}-${hashOf(bytes)}.wasm`;
      writeFileSync(join(dir, hashed), bytes);
      const reference = `"./${piece}"`;
      if (!loader.includes(reference)) throw new Error(`${LOADER} does not name ${piece}`);
      loader = loader.replaceAll(reference, `"./${hashed}"`);
    }
    const loaderName = `__wasm_split-${hashOf(loader)}.js`;
    writeFileSync(join(dir, loaderName), loader);
    const glue = readFileSync(join(bindgen, `${name}.js`), "utf8");
    // Only where the file is fetched: the main module still names its imports "./__wasm_split.js".
    const from = `from "./${LOADER}"`;
    if (!glue.includes(from)) throw new Error(`${name}.js does not import ${LOADER}`);
    writeFileSync(join(dir, script), glue.replaceAll(from, `from "./${loaderName}"`));
    copyFileSync(main, join(dir, `${name}_bg.wasm`));

    const index = join(dir, "index.html");
    let html = readFileSync(index, "utf8");
    for (const file of [script, `${name}_bg.wasm`]) {
      const link = new RegExp(`(href="/${file}"[^>]*integrity=")sha384-[^"]+(")`);
      html = html.replace(link, `$1${integrityOf(readFileSync(join(dir, file)))}$2`);
    }
    writeFileSync(index, html);
    console.log(`[split] ${name}: the main module and ${pieces.length} pieces loaded at first use`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
