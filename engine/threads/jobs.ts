/**
 * Every kind of work the thread pool runs, by name: the same table on the main thread and in
 * each worker, so a job posted by name runs the same code everywhere.
 */
import { reachJob } from "../reach/thread-job.js";
import { stabilityJob } from "../stability/thread-job.js";
import type { ThreadJob } from "./job.js";

/** The jobs, by name. */
export const JOBS = { stability: stabilityJob, reach: reachJob } as const;

/** A job's name. */
export type JobName = keyof typeof JOBS;
/** What a job's units are given. */
export type ParamsOf<N extends JobName> = (typeof JOBS)[N] extends ThreadJob<infer P, unknown> ? P : never;
/** What one unit of a job gives back. */
export type ResultOf<N extends JobName> = (typeof JOBS)[N] extends ThreadJob<never, infer R> ? R : never;
