/**
 * The shared vocabulary of column kernels: a column is one Float64Array holding one value per
 * region, in dataset order. Inside the engine `NaN` means "missing" and nothing else; every
 * kernel defines what it does with a missing value, and the results never hold a NaN.
 * Booleans are 1/0 with NaN for "unknown" (a comparison involving a missing value), and
 * category values are codes into the run's string table.
 */

/** Regions split into groups (the types of a typology, or one group for "overall"). */
export interface Grouping {
  /** Group index of each region, 0..count-1. */
  readonly ids: Int32Array;
  /** How many groups there are. */
  readonly count: number;
}

/** Where a compiled expression reads its columns from at run time. */
export interface ExprEnv {
  /** Number of regions. */
  readonly n: number;
  /** The value column of a graph node (input, derived value, table, typology codes, score …). */
  slot(id: number): Float64Array;
  /** The grouping of regions by one typology's types. */
  grouping(typology: number): Grouping;
  /** The current indicator's value (`x`). */
  local(): Float64Array;
  /** Last period's column of an input (all missing when no previous dataset was given). */
  prev(input: number): Float64Array;
  /** A column holding the same value for every region. */
  fill(value: number): Float64Array;
}

/** A compiled expression: a closure computing a whole column at once. */
export interface ColumnExpr {
  /** Computes the column; the result must not be mutated by the caller (it may be a shared input). */
  readonly run: (env: ExprEnv) => Float64Array;
  /** The value when the expression is the same for every region (a literal, or folded), else null. */
  readonly constant: number | null;
}

/** A compiled expression returning the same value everywhere. */
export function constantExpr(value: number): ColumnExpr {
  return { run: (env) => env.fill(value), constant: value };
}

/** The grouping that puts every region in one group. */
export function overall(n: number): Grouping {
  return { ids: new Int32Array(n), count: 1 };
}

/** True when two numbers are equal up to rounding noise (relative 1e-9), as ranks and ties need. */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A finite number, or `fallback` for NaN and ±Infinity. */
export function finite(x: number, fallback = 0): number {
  return Number.isFinite(x) ? x : fallback;
}

/** A copy of a column with every NaN or infinity replaced by `fallback` (results never hold NaN). */
export function sanitized(col: Float64Array, fallback = 0): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    out[i] = v - v === 0 ? v : fallback;
  }
  return out;
}

/** 1 where the column is missing (NaN), else 0. */
export function missingMask(col: Float64Array): Uint8Array {
  const out = new Uint8Array(col.length);
  for (let i = 0; i < col.length; i++) out[i] = col[i]! !== col[i]! ? 1 : 0;
  return out;
}

/** True when a condition column value is "true" (non-zero); false (0) and unknown (NaN) are not. */
export function isTrue(v: number): boolean {
  return v !== 0 && v === v;
}

/** 1 where a condition holds, else 0 (unknown counts as not holding). */
export function truth(cond: Float64Array): Float64Array {
  const out = new Float64Array(cond.length);
  for (let i = 0; i < cond.length; i++) out[i] = cond[i] !== 0 && cond[i] === cond[i] ? 1 : 0;
  return out;
}

/** A column as 0/1 bytes (non-zero → 1). */
export function bytes(col: Float64Array): Uint8Array {
  const out = new Uint8Array(col.length);
  for (let i = 0; i < col.length; i++) out[i] = col[i] !== 0 && col[i] === col[i] ? 1 : 0;
  return out;
}
