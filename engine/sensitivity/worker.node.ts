/**
 * The worker-thread side of a parallel sensitivity run: receives the model (and, for rule
 * perturbation, the scheme and data to rebuild the run), runs the chunks it is sent — posting
 * each chunk's floating-point sums — and on `finish` posts the counts of all its chunks
 * (integers, so their order does not matter), their buffers transferred rather than copied.
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
import { emptyCounts, type Counts } from "./stats.js";

/** What the main thread sends. */
export type ToWorker =
  | { readonly type: "init"; readonly model: SensitivityModel; readonly options: ResolvedOptions; readonly sampler: SamplerRequest; readonly run: { scheme: CheckedScheme; data: ColumnarData; prev: ColumnarData | null } | null }
  | { readonly type: "chunk"; readonly k: number }
  | { readonly type: "finish" };

let runner: ChunkRunner | null = null;
let counts: Counts | null = null;

function init(m: Extract<ToWorker, { type: "init" }>): void {
  let rules = null;
  if (m.run) {
    const { program } = buildProgram(m.run.scheme);
    const results = program ? evaluate(program, m.run.data, { prev: m.run.prev }).results : null;
    if (!results) throw new Error("engine bug: the scheme evaluated on the main thread did not evaluate in a worker");
    rules = ruleContext(results, m.model);
  }
  runner = new ChunkRunner(m.model, m.options, rules, m.sampler);
  counts = emptyCounts(m.model.n);
}

parentPort!.on("message", (m: ToWorker) => {
  try {
    if (m.type === "init") {
      init(m);
      parentPort!.postMessage({ type: "ready" });
    } else if (m.type === "chunk") {
      const sums = runner!.run(m.k, counts!);
      parentPort!.postMessage({ type: "sums", k: m.k, sums });
    } else {
      const c = counts!;
      parentPort!.postMessage({ type: "counts", counts: c }, [c.hist.buffer as ArrayBuffer, c.gradeChanged.buffer as ArrayBuffer, c.shift.buffer as ArrayBuffer]);
    }
  } catch (e) {
    parentPort!.postMessage({ type: "error", message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
