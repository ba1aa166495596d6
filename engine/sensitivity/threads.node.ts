/**
 * Parallel sensitivity on Node worker threads. The chunks and their random streams are the
 * same as on one thread, and partial sums are merged in chunk order, so the result is identical
 * whatever the number of threads. Node-only; `index.ts` is the portable version.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Results } from "../results.js";
import { chunkCount } from "./chunk.js";
import { finishResult, sensitivity, type Progress, type SensitivityResult } from "./index.js";
import { buildModel, type SensitivityModel } from "./model.js";
import { resolveOptions, type ResolvedOptions, type SensitivityOptions } from "./options.js";
import { emptyPartial, mergeInto, type Partial } from "./stats.js";
import type { ToWorker } from "./worker.node.js";

type FromWorker = { type: "ready" } | { type: "partial"; k: number; partial: Partial } | { type: "error"; message: string };

/** The default number of threads: one per core, at most 8. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

function spawn(): Worker {
  const ts = import.meta.url.endsWith(".ts");
  const url = new URL(`./worker.node.${ts ? "ts" : "js"}`, import.meta.url);
  if (!ts) return new Worker(url);
  // Run from TypeScript source (tsx, vitest): the worker registers tsx before loading its entry.
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true });
}

/** Runs chunks on `threads` workers; resolves with each chunk's partial, by chunk index. */
async function runOnWorkers(base: Results, model: SensitivityModel, o: ResolvedOptions, threads: number, onProgress?: Progress): Promise<Partial[]> {
  const chunks = chunkCount(o.samples);
  const partials: Partial[] = new Array(chunks);
  const rt = base.runtime;
  const run = o.rules ? { scheme: base.program.scheme, data: rt.data, prev: rt.prevData } : null;
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(threads, chunks) }, spawn);
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= chunks) { resolve(); return; }
        w.postMessage({ type: "chunk", k: next++ } satisfies ToWorker);
      };
      w.on("message", (m: FromWorker) => {
        if (m.type === "error") { reject(new Error(`sensitivity worker failed: ${m.message}`)); return; }
        if (m.type === "partial") {
          partials[m.k] = m.partial;
          done += m.partial.samples;
          onProgress?.(done, o.samples);
        }
        send();
      });
      w.on("error", reject);
      w.postMessage({ type: "init", model, options: o, run } satisfies ToWorker);
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return partials;
}

/** Runs a sensitivity analysis on `threads` worker threads (1: on this thread). */
export async function sensitivityParallel(base: Results, options: SensitivityOptions, threads = defaultThreads(), onProgress?: Progress): Promise<SensitivityResult> {
  if (threads <= 1) return sensitivity(base, options, onProgress);
  const { options: o, issues } = resolveOptions(options);
  const model = buildModel(base);
  const partials = await runOnWorkers(base, model, o, threads, onProgress);
  const total = emptyPartial(model.n, model.leaves.length);
  for (const p of partials) mergeInto(total, p);
  return finishResult(base, model, o, total, issues, options);
}
