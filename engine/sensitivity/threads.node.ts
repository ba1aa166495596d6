/**
 * Parallel sensitivity on Node worker threads. The chunks and their random streams are the
 * same as on one thread; each chunk's floating-point sums are merged in chunk order and the
 * integer counts summed, so the result is identical whatever the number of threads.
 * Node-only; `index.ts` is the portable version.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Results } from "../results.js";
import { chunkCount, type SamplerRequest } from "./chunk.js";
import { chooseSampler } from "./fast-model.js";
import { finishResult, sensitivity, type Progress, type SensitivityResult } from "./index.js";
import { buildModel, type SensitivityModel } from "./model.js";
import { resolveOptions, type ResolvedOptions, type SensitivityOptions } from "./options.js";
import { addCounts, emptyCounts, emptySums, mergeSums, type Counts, type Sums } from "./stats.js";
import type { ToWorker } from "./worker.node.js";

type FromWorker =
  | { type: "ready" }
  | { type: "sums"; k: number; sums: Sums }
  | { type: "counts"; counts: Counts }
  | { type: "error"; message: string };

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

/** What the workers sent: each chunk's sums, by chunk index, and each worker's counts. */
interface Collected { readonly sums: Sums[]; readonly counts: Counts[] }

/** Runs chunks on `threads` workers, each taking the next chunk as soon as it is free. */
async function runOnWorkers(base: Results, model: SensitivityModel, o: ResolvedOptions, sampler: SamplerRequest, threads: number, onProgress?: Progress): Promise<Collected> {
  const chunks = chunkCount(o.samples);
  const out: Collected = { sums: new Array<Sums>(chunks), counts: [] };
  const rt = base.runtime;
  const run = o.rules ? { scheme: base.program.scheme, data: rt.data, prev: rt.prevData } : null;
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(threads, chunks) }, spawn);
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      const send = () => w.postMessage(next < chunks ? { type: "chunk", k: next++ } satisfies ToWorker : { type: "finish" } satisfies ToWorker);
      w.on("message", (m: FromWorker) => {
        if (m.type === "error") { reject(new Error(`sensitivity worker failed: ${m.message}`)); return; }
        if (m.type === "counts") { out.counts.push(m.counts); resolve(); return; }
        if (m.type === "sums") {
          out.sums[m.k] = m.sums;
          done += m.sums.samples;
          onProgress?.(done, o.samples);
        }
        send();
      });
      w.on("error", reject);
      w.postMessage({ type: "init", model, options: o, sampler, run } satisfies ToWorker);
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}

/** Runs a sensitivity analysis on `threads` worker threads (1: on this thread). */
export async function sensitivityParallel(base: Results, options: SensitivityOptions, threads = defaultThreads(), onProgress?: Progress, sampler: SamplerRequest = "auto"): Promise<SensitivityResult> {
  if (threads <= 1) return sensitivity(base, options, onProgress, sampler);
  const { options: o, issues } = resolveOptions(options);
  const model = buildModel(base);
  const collected = await runOnWorkers(base, model, o, sampler, threads, onProgress);
  const tally = { counts: emptyCounts(model.n), sums: emptySums(model.leaves.length) };
  for (const s of collected.sums) mergeSums(tally.sums, s);
  for (const c of collected.counts) addCounts(tally.counts, c);
  const choice = sampler === "auto" ? chooseSampler(model, o).choice : { kind: "general" as const, reason: "the general sampler was requested" };
  return finishResult(base, model, o, tally, choice, issues, options);
}
