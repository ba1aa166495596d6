/**
 * Long analyses (sensitivity) run as jobs the client polls: `POST` answers 202 with the job's
 * URL, `GET` reports its state and progress (0..1) and, when done, its result or its problem.
 * Jobs live in this process's memory; finished ones are forgotten after `keepMs`.
 */
import { randomBytes } from "node:crypto";
import { ProblemError, type Problem } from "./problem.js";

/** What a client sees of a job. */
export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly state: "running" | "done" | "failed";
  /** Fraction done, 0..1. */
  readonly progress: number;
  /** Who started it (token id), so only they and admins can read it. */
  readonly owner: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly result?: unknown;
  readonly problem?: Problem;
}

interface Job {
  view: JobView;
  expires: number;
}

/** A job's body: does the work, calling `progress(f)` now and then; may throw a `ProblemError`. */
export type JobWork = (progress: (fraction: number) => void) => Promise<unknown>;

/** The process's job registry. */
export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private running = 0;

  constructor(private readonly keepMs = 60 * 60_000, private readonly onBug: (err: unknown) => void = () => undefined) {}

  /** Starts a job; returns its view at once (state `running`). */
  start(kind: string, owner: string, work: JobWork): JobView {
    this.sweep();
    const id = randomBytes(9).toString("base64url");
    const job: Job = { view: { id, kind, state: "running", progress: 0, owner, createdAt: new Date().toISOString(), finishedAt: null }, expires: Infinity };
    this.jobs.set(id, job);
    this.running++;
    const progress = (f: number): void => {
      if (job.view.state === "running") job.view = { ...job.view, progress: Math.max(job.view.progress, Math.min(1, f)) };
    };
    // let the 202 go out before the work starts
    setImmediate(() => void this.run(job, work, progress));
    return job.view;
  }

  private async run(job: Job, work: JobWork, progress: (f: number) => void): Promise<void> {
    try {
      const result = await work(progress);
      this.finish(job, { state: "done", progress: 1, result });
    } catch (e) {
      if (!(e instanceof ProblemError)) this.onBug(e);
      const p: Problem = e instanceof ProblemError ? e.problem : { type: "https://yardstick.dev/problems/internal", title: "internal error", status: 500, detail: "the job failed; it has been logged" };
      this.finish(job, { state: "failed", problem: p });
    }
  }

  private finish(job: Job, change: Partial<JobView>): void {
    job.view = { ...job.view, ...change, finishedAt: new Date().toISOString() };
    job.expires = Date.now() + this.keepMs;
    this.running--;
  }

  /** A job by id, or null (unknown or expired). */
  get(id: string): JobView | null {
    this.sweep();
    return this.jobs.get(id)?.view ?? null;
  }

  /** Jobs still running (graceful shutdown waits for them). */
  get active(): number {
    return this.running;
  }

  private sweep(now = Date.now()): void {
    for (const [id, job] of this.jobs) if (job.expires < now) this.jobs.delete(id);
  }
}
