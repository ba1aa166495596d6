/**
 * The contract of work that a parallel run splits into units: every thread — the main one and
 * each worker, on its own rebuilt copy of the run — takes unit numbers from one queue and runs
 * them; the results come back by unit number, so they do not depend on who ran what.
 */
import type { Results } from "../results.js";

/** A kind of parallel work, the same code on every thread. */
export interface ThreadJob<P, R> {
  /** Runs unit k (0 ≤ k < units) on a run. */
  run(base: Results, params: P, k: number): R;
  /** The buffers of a result to move to the main thread instead of copying. */
  transfer(result: R): ArrayBuffer[];
  /** The form a worker posts a result in, when another is cheaper to copy than the result itself… */
  post?(result: R): R;
  /** …and the result again, on arrival (this thread unpacks while the workers still run). */
  receive?(posted: R): R;
}
