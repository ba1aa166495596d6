/**
 * The worker-thread side of a parallel sensitivity run: receives the model (and, for rule
 * perturbation, the scheme and data to rebuild the run), then runs the chunks it is sent.
 */
import { parentPort } from "node:worker_threads";
import type { CheckedScheme } from "../../dsl/check/types.js";
import { evaluate } from "../evaluate.js";
import { buildProgram } from "../program.js";
import type { ColumnarData } from "../runtime.js";
import { runChunk } from "./chunk.js";
import type { SensitivityModel } from "./model.js";
import type { ResolvedOptions } from "./options.js";
import { ruleContext, type RuleContext } from "./rules.js";

/** What the main thread sends. */
export type ToWorker =
  | { readonly type: "init"; readonly model: SensitivityModel; readonly options: ResolvedOptions; readonly run: { scheme: CheckedScheme; data: ColumnarData; prev: ColumnarData | null } | null }
  | { readonly type: "chunk"; readonly k: number };

let model: SensitivityModel | null = null;
let options: ResolvedOptions | null = null;
let rules: RuleContext | null = null;

function init(m: Extract<ToWorker, { type: "init" }>): void {
  model = m.model;
  options = m.options;
  if (!m.run) return;
  const { program } = buildProgram(m.run.scheme);
  const results = program ? evaluate(program, m.run.data, { prev: m.run.prev }).results : null;
  if (!results) throw new Error("engine bug: the scheme evaluated on the main thread did not evaluate in a worker");
  rules = ruleContext(results, model);
}

parentPort!.on("message", (m: ToWorker) => {
  try {
    if (m.type === "init") {
      init(m);
      parentPort!.postMessage({ type: "ready" });
    } else {
      const partial = runChunk(model!, options!, m.k, rules);
      parentPort!.postMessage({ type: "partial", k: m.k, partial });
    }
  } catch (e) {
    parentPort!.postMessage({ type: "error", message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
