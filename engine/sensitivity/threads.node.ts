/**
 * Parallel sensitivity on Node worker threads. The chunks and their random streams are the
 * same as on one thread; each chunk's floating-point sums are merged in chunk order and the
 * integer counts summed, so the result is identical whatever the number of threads. The main
 * thread runs chunks too (while the workers start up, and after): every thread takes the next
 * chunk from one shared counter, so no chunk waits for a message round trip.
 * Node-only; `index.ts` is the portable version.
 */
import type { Worker } from "node:worker_threads";
import type { Results } from "../results.js";
import { chunkCount, ChunkRunner, type SamplerRequest } from "./chunk.js";
import { chooseSampler } from "./fast-model.js";
import { finishResult, sensitivity, type Progress, type SensitivityResult } from "./index.js";
import { buildModel, type SensitivityModel } from "./model.js";
import { resolveOptions, type ResolvedOptions, type SensitivityOptions } from "./options.js";
import { ruleContext } from "./rules.js";
import { addCounts, emptyCounts, emptySums, mergeSums, type Counts, type Sums } from "./stats.js";
import type { FromWorker, ToWorker } from "./worker.node.js";
import { defaultThreads, spawnWorker } from "../threads/spawn.node.js";
import { WorkQueue } from "../threads/work-queue.js";

export { defaultThreads };

/** What the threads produced: each chunk's sums, by chunk index, and each thread's counts. */
interface Collected { readonly sums: Sums[]; readonly counts: Counts[] }

/** Starts one worker on the queue; resolves with its counts once the queue is empty. */
function startWorker(w: Worker, init: ToWorker, out: Collected, onSums: (s: Sums) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    w.on("message", (m: FromWorker) => {
      if (m.type === "error") reject(new Error(`sensitivity worker failed: ${m.message}`));
      else if (m.type === "sums") { out.sums[m.k] = m.sums; onSums(m.sums); }
      else { out.counts.push(m.counts); resolve(); }
    });
    w.on("error", reject);
    w.postMessage(init);
  });
}

/** Runs chunks from the queue on this thread, yielding between chunks so that worker messages arrive. */
async function runHere(base: Results, model: SensitivityModel, o: ResolvedOptions, sampler: SamplerRequest, queue: WorkQueue, out: Collected, onSums: (s: Sums) => void): Promise<void> {
  const runner = new ChunkRunner(model, o, o.rules ? ruleContext(base, model) : null, sampler);
  const counts = emptyCounts(model.n);
  for (let k = queue.take(); k >= 0; k = queue.take()) {
    out.sums[k] = runner.run(k, counts);
    onSums(out.sums[k]!);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  out.counts.push(counts);
}

/** Runs every chunk on `threads` threads: this one (unless `workOnMain` is false) and workers. */
async function runOnThreads(base: Results, model: SensitivityModel, o: ResolvedOptions, sampler: SamplerRequest, threads: number, workOnMain: boolean, onProgress?: Progress): Promise<Collected> {
  const queue = new WorkQueue(chunkCount(o.samples));
  const out: Collected = { sums: new Array<Sums>(queue.count), counts: [] };
  const rt = base.runtime;
  const run = o.rules ? { scheme: base.program.scheme, data: rt.data, prev: rt.prevData } : null;
  let done = 0;
  const onSums = (s: Sums) => { done += s.samples; onProgress?.(done, o.samples); };
  const workerCount = Math.min(workOnMain ? threads - 1 : threads, queue.count);
  const workers = Array.from({ length: workerCount }, () => spawnWorker("./worker.node", import.meta.url));
  try {
    const init: ToWorker = { type: "init", model, options: o, sampler, run, queue: queue.shared, chunks: queue.count };
    const running = workers.map((w) => startWorker(w, init, out, onSums));
    if (workOnMain) await runHere(base, model, o, sampler, queue, out, onSums);
    await Promise.all(running);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}

/**
 * Runs a sensitivity analysis on `threads` threads (1: on this thread only). `workOnMain: false`
 * leaves this thread idle and runs every chunk on workers (for tests of the worker path).
 */
export async function sensitivityParallel(base: Results, options: SensitivityOptions, threads = defaultThreads(), onProgress?: Progress, sampler: SamplerRequest = "auto", workOnMain = true): Promise<SensitivityResult> {
  if (threads <= 1 && workOnMain) return sensitivity(base, options, onProgress, sampler);
  const { options: o, issues } = resolveOptions(options);
  const model = buildModel(base);
  const collected = await runOnThreads(base, model, o, sampler, Math.max(1, threads), workOnMain, onProgress);
  const [first, ...rest] = collected.counts;
  const tally = { counts: first ?? emptyCounts(model.n), sums: emptySums(model.leaves.length) };
  for (const s of collected.sums) mergeSums(tally.sums, s);
  for (const c of rest) addCounts(tally.counts, c);
  const choice = sampler === "auto" ? chooseSampler(model, o).choice : { kind: "general" as const, reason: "the general sampler was requested" };
  return finishResult(base, model, o, tally, choice, issues, options);
}
