/**
 * A worker thread of the pool: rebuilds the run it is sent (kept for the next job on the same
 * run), then takes units of the job from the shared queue until none is left, posting each
 * result, and says when it is done. A run that does not rebuild to the same totals takes no units.
 */
import { parentPort } from "node:worker_threads";
import type { Results } from "../results.js";
import type { ThreadJob } from "./job.js";
import { JOBS, type JobName } from "./jobs.js";
import { rebuildRun, type RunCopy } from "./run-copy.js";
import { WorkQueue } from "./work-queue.js";

/** What the pool sends: one message per job. */
export interface ToWorker {
  readonly job: JobName;
  /** The job's number, echoed in every answer. */
  readonly seq: number;
  readonly runId: number;
  /** The run, when this worker has not been sent it before. */
  readonly run: RunCopy | null;
  readonly params: unknown;
  readonly queue: SharedArrayBuffer;
  readonly units: number;
}

/** What a worker sends back: each unit's result, then that it is done (with why it took nothing), or an error. */
export type FromWorker = { readonly seq: number } & (
  | { readonly type: "unit"; readonly k: number; readonly result: unknown }
  | { readonly type: "done"; readonly refused: string | null }
  | { readonly type: "error"; readonly message: string });

let kept: { id: number; base: Results | string } | null = null;

function runOf(m: ToWorker): Results | string {
  if (m.run) kept = { id: m.runId, base: rebuildRun(m.run) };
  if (!kept || kept.id !== m.runId) return "the worker was not sent the run";
  return kept.base;
}

function work(m: ToWorker): void {
  const base = runOf(m);
  if (typeof base === "string") {
    parentPort!.postMessage({ seq: m.seq, type: "done", refused: base } satisfies FromWorker);
    return;
  }
  const job: ThreadJob<unknown, unknown> = JOBS[m.job];
  const queue = new WorkQueue(m.units, m.queue);
  for (let k = queue.take(); k >= 0; k = queue.take()) {
    const done = job.run(base, m.params, k);
    const result = job.post ? job.post(done) : done;
    parentPort!.postMessage({ seq: m.seq, type: "unit", k, result } satisfies FromWorker, job.transfer(result));
  }
  parentPort!.postMessage({ seq: m.seq, type: "done", refused: null } satisfies FromWorker);
}

parentPort!.on("message", (m: ToWorker) => {
  try {
    work(m);
  } catch (e) {
    parentPort!.postMessage({ seq: m.seq, type: "error", message: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies FromWorker);
  }
});
