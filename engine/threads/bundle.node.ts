/**
 * A worker's TypeScript entry bundled into one JavaScript module, so that a worker started from
 * source (under tsx or vitest) loads one file instead of registering tsx and compiling each
 * module through it: ≈ 45 ms to start instead of ≈ 210 ms. The bundle is built with esbuild (the
 * compiler tsx itself uses) into node_modules/.cache/yardstick, and built again whenever a file
 * it was built from has changed (a hash of their contents is kept beside it).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** What a bundle was built from: its inputs (relative to the project) and the hash of their contents. */
interface Stamp {
  readonly inputs: readonly string[];
  readonly hash: string;
}

/** The parts of esbuild's API used here (imported at run time: a missing esbuild leaves workers on tsx). */
interface Esbuild {
  buildSync(options: Record<string, unknown>): { outputFiles: { contents: Uint8Array }[]; metafile: { inputs: Record<string, unknown> } };
}

/** Bundles already checked in this process, by entry file. */
const ready = new Map<string, URL | null>();

/**
 * The bundled module for a `.ts` worker entry, built or rebuilt when needed; null when it cannot
 * be (no esbuild, a read-only tree, a build error): the caller then starts the worker on tsx.
 */
export function bundledEntry(entry: URL): URL | null {
  const file = fileURLToPath(entry);
  let url = ready.get(file);
  if (url === undefined) ready.set(file, (url = freshBundle(entry)));
  return url;
}

/** As `bundledEntry`, checking the sources again rather than trusting this process's earlier answer. */
export function freshBundle(entry: URL): URL | null {
  try {
    return bundle(fileURLToPath(entry));
  } catch {
    return null;
  }
}

function bundle(file: string): URL | null {
  const require = createRequire(file);
  let esbuild: Esbuild;
  try {
    esbuild = require("esbuild") as Esbuild;
  } catch {
    return null;
  }
  // The project is the folder holding the node_modules esbuild came from; bare imports resolve from the cache inside it.
  const modules = resolve(require.resolve("esbuild"), "../../..");
  const root = dirname(modules);
  const cache = join(modules, ".cache", "yardstick");
  const name = `${basename(file, ".ts")}-${createHash("sha256").update(file).digest("hex").slice(0, 12)}`;
  const out = join(cache, `${name}.mjs`);
  const stampFile = join(cache, `${name}.json`);
  if (current(root, stampFile)) return pathToFileURL(out);
  const built = esbuild.buildSync({
    entryPoints: [file], absWorkingDir: root, bundle: true, platform: "node", format: "esm", target: "node20",
    packages: "external", write: false, metafile: true, outfile: out, logLevel: "silent",
  });
  const inputs = Object.keys(built.metafile.inputs);
  mkdirSync(cache, { recursive: true });
  // Written beside and renamed: a process starting a worker meanwhile reads the old bundle or the new one, never half of one.
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, built.outputFiles[0]!.contents);
  renameSync(tmp, out);
  writeFileSync(`${stampFile}.${process.pid}.tmp`, JSON.stringify({ inputs, hash: hashOf(root, inputs) } satisfies Stamp));
  renameSync(`${stampFile}.${process.pid}.tmp`, stampFile);
  return pathToFileURL(out);
}

/** True when the stamp exists and every input still has the contents it was built from. */
function current(root: string, stampFile: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8")) as Stamp;
    return stamp.hash === hashOf(root, stamp.inputs);
  } catch {
    return false;
  }
}

function hashOf(root: string, inputs: readonly string[]): string {
  const h = createHash("sha256");
  for (const input of inputs) h.update(input).update("\0").update(readFileSync(join(root, input))).update("\0");
  return h.digest("hex");
}
