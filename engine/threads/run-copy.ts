/**
 * What a worker thread needs to rebuild a run of the main thread — the checked scheme, the
 * dataset and last period's — and the rebuild, which is accepted only when its totals equal
 * the original's bit for bit (a run that is not a plain evaluation, e.g. a what-if's, is not
 * rebuilt from its scheme and data; the main thread then does the work itself).
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import { evaluate } from "../evaluate.js";
import { buildProgram } from "../program.js";
import type { Results } from "../results.js";
import type { ColumnarData } from "../runtime.js";

/** A run as plain data that can be posted to a worker. */
export interface RunCopy {
  readonly scheme: CheckedScheme;
  readonly data: ColumnarData;
  readonly prev: ColumnarData | null;
  /** The original's totals, to check the rebuild against. */
  readonly total: Float64Array;
}

/** The plain data of a finished run. */
export function copyOfRun(base: Results): RunCopy {
  const rt = base.runtime;
  return { scheme: base.program.scheme, data: rt.data, prev: rt.prevData, total: Float64Array.from(base.total) };
}

/** Evaluates the copy again; a string says why it does not reproduce the original. */
export function rebuildRun(copy: RunCopy): Results | string {
  const { program } = buildProgram(copy.scheme);
  const results = program ? evaluate(program, copy.data, { prev: copy.prev }).results : null;
  if (!results) return "the run did not evaluate again";
  const t = results.total;
  if (t.length !== copy.total.length) return "the run evaluated again has other regions";
  for (let r = 0; r < t.length; r++) {
    if (!Object.is(t[r], copy.total[r])) return `the run evaluated again gives region ${results.regions[r]} another total`;
  }
  return results;
}
