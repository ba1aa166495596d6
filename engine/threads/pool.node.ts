/**
 * A pool of worker threads kept for the life of the process (idle workers do not keep it
 * alive). A parallel run posts the job to as many workers as it uses — with the run itself the
 * first time a worker sees it — and takes units on this thread too while they start; results
 * come back by unit number. A worker that fails is dropped and its units run here, so a run
 * loses nothing and a bug in a job still throws, on this thread.
 */
import type { Worker } from "node:worker_threads";
import type { Results } from "../results.js";
import type { ThreadJob } from "./job.js";
import { JOBS, type JobName, type ParamsOf, type ResultOf } from "./jobs.js";
import { copyOfRun, type RunCopy } from "./run-copy.js";
import { defaultThreads, spawnWorker } from "./spawn.node.js";
import { WorkQueue } from "./work-queue.js";
import type { FromWorker, ToWorker } from "./worker.node.js";

export { defaultThreads };

/** How a parallel run uses threads. */
export interface ThreadOptions {
  /** Threads in all, this one included (default: one per core). */
  readonly threads?: number;
  /** False: every unit on `threads` workers, this thread only those no worker could do — it stays free for a server's requests (default true). */
  readonly workHere?: boolean;
  /** Called as units finish: how many of how many. */
  readonly progress?: (done: number, total: number) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  /** The run this worker was last sent (−1: none). */
  sentRun: number;
  /** Jobs posted to it that may still need it (it keeps the process alive while any does). */
  busy: number;
}

const runIds = new WeakMap<Results, number>();
let lastRunId = 0;
/** Numbers the jobs posted, so a worker's messages are read by the job they answer. */
let lastSeq = 0;

function runIdOf(base: Results): number {
  let id = runIds.get(base);
  if (id === undefined) runIds.set(base, (id = ++lastRunId));
  return id;
}

/** Lets pending worker messages in between two units on this thread. */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Worker threads that run jobs (jobs.ts) on copies of the main thread's runs. */
export class ThreadPool {
  private readonly workers: PoolWorker[] = [];

  /** Runs units 0..units−1 of a job on the threads `how` asks for; the results by unit. */
  async run<N extends JobName>(name: N, base: Results, params: ParamsOf<N>, units: number, how: ThreadOptions = {}): Promise<ResultOf<N>[]> {
    const threads = how.threads ?? defaultThreads();
    const here = how.workHere ?? true;
    const job = JOBS[name] as unknown as ThreadJob<ParamsOf<N>, ResultOf<N>>;
    const out = new Array<ResultOf<N>>(units);
    const have = new Uint8Array(units);
    let missing = units;
    let allIn = () => {};
    const arrived = new Promise<void>((resolve) => { allIn = resolve; });
    const put = (k: number, r: unknown) => {
      if (have[k]) return;
      out[k] = r as ResultOf<N>;
      have[k] = 1;
      how.progress?.(units - --missing, units);
      if (missing === 0) allIn();
    };
    const queue = new WorkQueue(units);
    const id = runIdOf(base);
    let copy: RunCopy | null = null;
    const started = this.take(Math.min(here ? threads - 1 : threads, units)).map((w) => {
      const run = w.sentRun === id ? null : (copy ??= copyOfRun(base));
      const arrive = job.receive ? (k: number, r: unknown) => put(k, job.receive!(r as ResultOf<N>)) : put;
      return this.start(w, { job: name, seq: ++lastSeq, runId: id, run, params, queue: queue.shared, units }, arrive);
    });
    for (let k = here ? queue.take() : -1; k >= 0; k = queue.take()) {
      put(k, job.run(base, params, k));
      if (started.length > 0) await yieldToMessages();
    }
    // Every unit in, or every worker done (one that failed leaves its units to this thread).
    await Promise.race([arrived, Promise.all(started.map((p) => p.done))]);
    for (const p of started) p.release();
    for (let k = 0; k < units; k++) if (!have[k]) put(k, job.run(base, params, k));
    return out;
  }

  /** Stops every worker (tests; a process may also just exit). */
  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }

  private take(count: number): PoolWorker[] {
    while (this.workers.length < count) {
      const worker = spawnWorker("./worker.node", import.meta.url);
      worker.unref();
      this.workers.push({ worker, sentRun: -1, busy: 0 });
    }
    return this.workers.slice(0, Math.max(0, count));
  }

  /**
   * Posts one job to a worker. `done` resolves when it is done or has failed (then the worker is
   * dropped); until then, or until `release`, the worker keeps the process alive.
   */
  private start(w: PoolWorker, message: ToWorker, onUnit: (k: number, result: unknown) => void): Posted {
    const worker = w.worker;
    let held = true;
    const release = () => {
      if (held && --w.busy === 0) worker.unref();
      held = false;
    };
    const done = new Promise<void>((resolve) => {
      const finish = (broken: boolean) => {
        worker.off("message", onMessage).off("error", onBroken).off("exit", onBroken);
        release();
        if (broken) {
          const at = this.workers.indexOf(w);
          if (at >= 0) this.workers.splice(at, 1);
          void worker.terminate();
        }
        resolve();
      };
      const onMessage = (m: FromWorker) => {
        if (m.seq !== message.seq) return;
        if (m.type === "unit") onUnit(m.k, m.result);
        else finish(m.type === "error");
      };
      const onBroken = () => finish(true);
      worker.on("message", onMessage).on("error", onBroken).on("exit", onBroken);
    });
    if (w.busy++ === 0) worker.ref();
    worker.postMessage(message);
    w.sentRun = message.runId;
    return { done, release };
  }
}

/** A job posted to one worker. */
interface Posted {
  readonly done: Promise<void>;
  /** Lets the process exit without waiting for this job's end (its results are no longer needed). */
  readonly release: () => void;
}

let shared: ThreadPool | null = null;

/** The process's pool (created on first use). */
export function threadPool(): ThreadPool {
  return (shared ??= new ThreadPool());
}
