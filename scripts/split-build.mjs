// The page's module split at its lazily loaded views (`src/ui/lazy.rs`), for trunk's post-build
// hook. trunk 0.21 runs wasm-bindgen and wasm-opt on the whole module; this step redoes those
// two from cargo's output with the split in between, as wasm-split needs:
// 1. wasm-split reads cargo's module (linked with --emit-relocs: build.rs) and writes the main
//    module, a module per group of views and chunks of code that several groups share, and the
//    loader (`__wasm_split.js`) that fetches them at a view's first use;
// 2. wasm-bindgen makes the main module's JavaScript in place of trunk's; in a release build
//    wasm-opt -Oz shrinks every module (binaryen's own API);
// 3. each piece, the loader and the main module are named after their content's hash, as trunk
//    names its files, so that `portal serve` and `_headers` cache them for a year; index.html
//    names the main module's files again, with their integrity.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync,
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
  const dir = dirname(dirname(realpathSync(bin)));
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, "utf8")).name !== "binaryen") {
    throw new Error(`the wasm-opt on the PATH (${bin}) is not npm's binaryen: put scripts/setup's PATH first`);
  }
  return pathToFileURL(join(dir, "index.js"));
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

// Where cargo wrote its output, as cargo itself says (CARGO_TARGET_DIR, a config's target-dir).
function cargoTargetDir() {
  const result = spawnSync("cargo", ["metadata", "--no-deps", "--format-version", "1"], {
    cwd: process.env.TRUNK_SOURCE_DIR ?? ".",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`cargo metadata failed: ${result.stderr}`);
  return JSON.parse(result.stdout).target_directory;
}

/// Splits the module trunk built into `dir` (its staging directory).
export async function splitModule(dir, release) {
  const script = readdirSync(dir).find((name) => /^portal-app-[0-9a-f]+\.js$/.test(name));
  if (!script) throw new Error(`no portal-app-<hash>.js in ${dir}: is index.html's rust link there?`);
  const trunkName = script.slice(0, -".js".length);
  const built = join(cargoTargetDir(), "wasm32-unknown-unknown", release ? "release" : "debug", "portal-app.wasm");
  if (!existsSync(built)) throw new Error(`cargo wrote no ${built}`);

  const work = mkdtempSync(join(tmpdir(), "portal-split-"));
  try {
    run("wasm-split-cli", [built, work, "--target", "web", "--out-name", trunkName]);
    const bindgen = join(work, "bindgen");
    run("wasm-bindgen", [
      "--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
      "--out-dir", bindgen, "--out-name", trunkName, join(work, `${trunkName}.wasm`),
    ]);
    const pieces = readdirSync(work).filter((file) => /^(chunk|split)_\w+\.wasm$/.test(file));
    const main = join(bindgen, `${trunkName}_bg.wasm`);
    if (release) await optimiseAll([main, ...pieces.map((file) => join(work, file))]);

    let loader = readFileSync(join(work, LOADER), "utf8");
    for (const piece of pieces) {
      const bytes = readFileSync(join(work, piece));
      const hashed = `${piece.slice(0, -".wasm".length)}-${hashOf(bytes)}.wasm`;
      writeFileSync(join(dir, hashed), bytes);
      loader = replaceOnce(loader, `"./${piece}"`, `"./${hashed}"`, LOADER);
    }
    // trunk named the main module after cargo's output; what is served also depends on this
    // step's tools, so it is named after what is served: the module, its glue and the loader
    // (which names every piece).
    const mainBytes = readFileSync(main);
    const glue = readFileSync(join(bindgen, `${trunkName}.js`), "utf8");
    const name = `portal-app-${createHash("sha256").update(mainBytes).update(glue).update(loader).digest("hex").slice(0, 16)}`;
    loader = replaceOnce(loader, `"./${trunkName}.js"`, `"./${name}.js"`, LOADER);
    const loaderName = `__wasm_split-${hashOf(loader)}.js`;
    writeFileSync(join(dir, loaderName), loader);
    // Only where the file is fetched: the main module still names its imports "./__wasm_split.js".
    const from = `from "./${LOADER}"`;
    if (!glue.includes(from)) throw new Error(`${trunkName}.js does not import ${LOADER}`);
    // Only that: the module's imports of the glue's own functions keep the name they were made
    // under ("./portal-app-<cargo's hash>_bg.js"), and the glue answers to it.
    writeFileSync(join(dir, `${name}.js`), glue.replaceAll(from, `from "./${loaderName}"`));
    writeFileSync(join(dir, `${name}_bg.wasm`), mainBytes);
    rmSync(join(dir, script));
    rmSync(join(dir, `${trunkName}_bg.wasm`));

    const index = join(dir, "index.html");
    let html = readFileSync(index, "utf8");
    if (!html.includes(trunkName)) throw new Error(`index.html does not name ${trunkName}`);
    html = html.replaceAll(trunkName, name);
    for (const file of [`${name}.js`, `${name}_bg.wasm`]) {
      const link = new RegExp(`(href="/${file}"[^>]*integrity=")sha384-[^"]+(")`);
      if (!link.test(html)) throw new Error(`index.html has no integrity for /${file} to make again`);
      html = html.replace(link, `$1${integrityOf(readFileSync(join(dir, file)))}$2`);
    }
    writeFileSync(index, html);
    console.log(`[split] ${name}: the main module and ${pieces.length} pieces loaded at first use`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function replaceOnce(text, from, to, what) {
  if (!text.includes(from)) throw new Error(`${what} does not name ${from}`);
  return text.replaceAll(from, to);
}
