/**
 * The worker-thread side of a parallel sensitivity run: receives the model (and, for rule
 * perturbation, the scheme and data to rebuild the run) with the run's shared chunk counter,
 * takes chunks from it until none is left — posting each chunk's floating-point sums — then
 * posts the counts of all its chunks (integers, so their order does not matter), their
 * buffers transferred rather than copied.
 */
import { parentPort } from "node:worker_threads";
import type { CheckedScheme } from "../../dsl/check/types.js";
import { evaluate } from "../evaluate.js";
import { buildProgram } from "../program.js";
import type { ColumnarData } from "../runtime.js";
import { ChunkRunner, type SamplerRequest } from "./chunk.js";
import type { SensitivityModel } from "./model.js";
import type { ResolvedOptions } from "./options.js";
import { ruleContext } from "./rules.js";
import { emptyCounts, type Counts, type Sums } from "./stats.js";
import { WorkQueue } from "../threads/work-queue.js";

/** What the main thread sends: one message that starts the work. */
export interface ToWorker {
  readonly type: "init";
  readonly model: SensitivityModel;
  readonly options: ResolvedOptions;
  readonly sampler: SamplerRequest;
  readonly run: { scheme: CheckedScheme; data: ColumnarData; prev: ColumnarData | null } | null;
  /** The next chunk to take (one Int32, advanced atomically by every thread), and how many there are. */
  readonly queue: SharedArrayBuffer;
  readonly chunks: number;
}

/** What a worker sends back: each chunk's sums, then its counts, or an error. */
export type FromWorker =
  | { type: "sums"; k: number; sums: Sums }
  | { type: "counts"; counts: Counts }
  | { type: "error"; message: string };

function runner(m: ToWorker): ChunkRunner {
  let rules = null;
  if (m.run) {
    const { program } = buildProgram(m.run.scheme);
    const results = program ? evaluate(program, m.run.data, { prev: m.run.prev }).results : null;
    if (!results) throw new Error("engine bug: the scheme evaluated on the main thread did not evaluate in a worker");
    rules = ruleContext(results, m.model);
  }
  return new ChunkRunner(m.model, m.options, rules, m.sampler);
}

function work(m: ToWorker): void {
  const r = runner(m);
  const counts = emptyCounts(m.model.n);
  const queue = new WorkQueue(m.chunks, m.queue);
  for (let k = queue.take(); k >= 0; k = queue.take()) {
    parentPort!.postMessage({ type: "sums", k, sums: r.run(k, counts) } satisfies FromWorker);
  }
  parentPort!.postMessage({ type: "counts", counts } satisfies FromWorker, [counts.hist.buffer as ArrayBuffer, counts.gradeChanged.buffer as ArrayBuffer, counts.shift.buffer as ArrayBuffer]);
}

parentPort!.on("message", (m: ToWorker) => {
  try {
    work(m);
  } catch (e) {
    parentPort!.postMessage({ type: "error", message: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies FromWorker);
  }
});
