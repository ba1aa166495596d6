/**
 * Starting a worker thread on one of the engine's modules, whether the engine runs compiled
 * (a `.js` entry) or from its TypeScript source under tsx or vitest (a `.ts` entry: bundled into
 * one module, bundle.node.ts, or else the worker registers tsx before it loads the entry), and
 * how many threads to use by default.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { bundledEntry } from "./bundle.node.js";

/** The default number of threads: one per core, at most 8. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/** Starts a worker on the module next to `from` named `name` (without extension), e.g. `./worker.node`. */
export function spawnWorker(name: string, from: string): Worker {
  const ts = from.endsWith(".ts");
  const url = new URL(`${name}.${ts ? "ts" : "js"}`, from);
  if (!ts) return new Worker(url);
  // This thread's `--import tsx` is not inherited: a bundle needs none, and the boot registers it itself (twice is slower).
  const bundled = bundledEntry(url);
  if (bundled) return new Worker(bundled, { execArgv: [] });
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, execArgv: [] });
}
