/**
 * Messages between the page and the evaluation worker. The worker keeps one base run (scheme
 * compiled, dataset loaded, evaluated once); each what-if answers with the re-ranked outcome as
 * typed arrays, whose buffers are transferred, never copied or turned into objects.
 */

/** A stored dataset's content as the server keeps it, for the worker to load. */
export interface DataBytes {
  /** `NAME/PERIOD`, as issues name the file. */
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: ArrayBuffer;
}

/** Totals, grades and ranks of one run, a column per field, regions in dataset order. */
export interface Outcome {
  readonly total: Float64Array;
  /** Index into the grade labels; −1 when the scheme has no grades. */
  readonly grade: Int32Array;
  /** One column per ranking, in the order of `BaseRun.rankings` (0: unranked). */
  readonly ranks: readonly Int32Array[];
  /** Region indices, best first (by overall rank, else by total), ties in dataset order. */
  readonly order: Int32Array;
}

/** The base run: the regions, the names of the rankings and grades, and its outcome. */
export interface BaseRun extends Outcome {
  readonly regions: readonly string[];
  /** Null for the overall ranking, else the typology's name. */
  readonly rankings: readonly (string | null)[];
  readonly gradeLabels: readonly string[];
}

/** A what-if's outcome and how it differs from the base. */
export interface WhatIfOutcome extends Outcome {
  /** Base overall rank − new overall rank (positive: moved up); 0 without an overall ranking. */
  readonly rankChange: Int32Array;
  /** Regions whose overall rank changed, and whose grade changed. */
  readonly moved: number;
  readonly gradeChanged: number;
  /** Problems with the overrides (warnings say how one was read; errors left it out). */
  readonly issues: readonly { readonly severity: "error" | "warning"; readonly message: string; readonly override: string }[];
  /** Milliseconds the worker spent (what-if and compaction). */
  readonly workerMs: number;
}

/** Requests to the worker. */
export type EvalRequest =
  | { readonly type: "prepare"; readonly id: number; readonly source: string; readonly file: string; readonly data: DataBytes; readonly prev: DataBytes | null }
  | { readonly type: "whatif"; readonly id: number; readonly overrides: readonly string[] }
  | { readonly type: "xlsx"; readonly id: number };

/** Answers from the worker; `rejected` answers a what-if, `failed` any request. */
export type EvalReply =
  /** `receipt`: the base run's receipt (scheme text, data, engine), to compare with the server's. */
  | { readonly type: "ready"; readonly id: number; readonly base: BaseRun; readonly receipt: string; readonly ms: number }
  | { readonly type: "whatif"; readonly id: number; readonly outcome: WhatIfOutcome }
  | { readonly type: "xlsx"; readonly id: number; readonly bytes: ArrayBuffer }
  /** The overrides cannot be applied, or the run under them stopped on an error (the server would refuse too). */
  | { readonly type: "rejected"; readonly id: number; readonly message: string }
  /** The worker cannot answer (no base run, a bug): the page falls back to the server. */
  | { readonly type: "failed"; readonly id: number; readonly message: string };

/** The buffers of an outcome's columns, for `postMessage`'s transfer list. */
export function outcomeBuffers(o: Outcome & { readonly rankChange?: Int32Array }): ArrayBuffer[] {
  const cols = [o.total, o.grade, o.order, ...o.ranks, ...(o.rankChange ? [o.rankChange] : [])];
  return cols.map((c) => c.buffer as ArrayBuffer);
}
