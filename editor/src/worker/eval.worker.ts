/**
 * The evaluation worker: the real `dsl/` and `engine/` off the page's thread. `prepare` keeps a
 * base run; `whatif` re-runs only what the overrides reach and answers with typed arrays whose
 * buffers are transferred; `xlsx` writes the base run's results table as a workbook.
 */
import { outcomeBuffers, type EvalReply, type EvalRequest } from "../eval/protocol.js";
import { prepare, runWhatIf, type Prepared } from "./eval-run.js";
import { resultsXlsx } from "./xlsx.js";

interface WorkerScope {
  onmessage: ((e: MessageEvent<EvalRequest>) => void) | null;
  postMessage(message: EvalReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
let current: Prepared = { ok: false, message: "nothing has been prepared" };

async function answer(req: EvalRequest): Promise<void> {
  if (req.type === "prepare") {
    const t0 = performance.now();
    current = await prepare(req.source, req.file, req.data, req.prev);
    if (!current.ok) return scope.postMessage({ type: "failed", id: req.id, message: current.message });
    // The base is posted as a copy: the worker keeps its own for the rank changes.
    return scope.postMessage({ type: "ready", id: req.id, base: current.base, receipt: current.results.receipt, ms: performance.now() - t0 });
  }
  if (!current.ok) return scope.postMessage({ type: "failed", id: req.id, message: current.message });
  if (req.type === "whatif") {
    const out = runWhatIf(current, req.overrides);
    if (typeof out === "string") return scope.postMessage({ type: "rejected", id: req.id, message: out });
    return scope.postMessage({ type: "whatif", id: req.id, outcome: out }, outcomeBuffers(out));
  }
  const bytes = await resultsXlsx(current.results);
  scope.postMessage({ type: "xlsx", id: req.id, bytes: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer]);
}

// Requests are answered one at a time, in order; a bug becomes a `failed` answer, not a dead worker.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  const req = e.data;
  queue = queue.then(() => answer(req)).catch((err: unknown) => {
    scope.postMessage({ type: "failed", id: req.id, message: err instanceof Error ? err.message : String(err) });
  });
};
