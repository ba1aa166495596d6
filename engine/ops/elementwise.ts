/**
 * Element-wise column kernels: each loops once over its columns and writes a fresh column.
 * Numerics (documented in engine/README.md): division by zero gives 0; arithmetic overflow saturates
 * at ±1.8e308; `ln`/`log10` of a value ≤ 0
 * give 0; `sqrt` of a negative value gives 0; a missing operand gives a missing result;
 * comparisons and logic are three-valued (true 1, false 0, unknown NaN), so `false and unknown`
 * is false and `true or unknown` is true.
 */
import type { BinaryOp } from "../../dsl/ast.js";
import { sameValue } from "./column.js";

/** Applies a binary operator to two columns of equal length. */
export function binary(op: BinaryOp, a: Float64Array, b: Float64Array): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  switch (op) {
    case "+": for (let i = 0; i < n; i++) out[i] = saturate(a[i]! + b[i]!); break;
    case "-": for (let i = 0; i < n; i++) out[i] = saturate(a[i]! - b[i]!); break;
    case "*": for (let i = 0; i < n; i++) out[i] = saturate(a[i]! * b[i]!); break;
    case "/": for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? (a[i]! === a[i]! ? 0 : NaN) : saturate(a[i]! / b[i]!); break;
    case "<": for (let i = 0; i < n; i++) out[i] = a[i]! < b[i]! ? 1 : a[i]! >= b[i]! ? 0 : NaN; break;
    case "<=": for (let i = 0; i < n; i++) out[i] = a[i]! <= b[i]! ? 1 : a[i]! > b[i]! ? 0 : NaN; break;
    case ">": for (let i = 0; i < n; i++) out[i] = a[i]! > b[i]! ? 1 : a[i]! <= b[i]! ? 0 : NaN; break;
    case ">=": for (let i = 0; i < n; i++) out[i] = a[i]! >= b[i]! ? 1 : a[i]! < b[i]! ? 0 : NaN; break;
    case "==": for (let i = 0; i < n; i++) out[i] = equal(a[i]!, b[i]!); break;
    case "!=": for (let i = 0; i < n; i++) out[i] = 1 - equal(a[i]!, b[i]!); break;
    case "and": for (let i = 0; i < n; i++) out[i] = and(a[i]!, b[i]!); break;
    case "or": for (let i = 0; i < n; i++) out[i] = or(a[i]!, b[i]!); break;
  }
  return out;
}

/** Each operator on one pair of numbers, with the same numerics as `binary`'s loops. */
const SCALAR: Readonly<Record<BinaryOp, (a: number, b: number) => number>> = {
  "+": (a, b) => saturate(a + b),
  "-": (a, b) => saturate(a - b),
  "*": (a, b) => saturate(a * b),
  "/": (a, b) => (b === 0 ? (a === a ? 0 : NaN) : saturate(a / b)),
  "<": (a, b) => (a < b ? 1 : a >= b ? 0 : NaN),
  "<=": (a, b) => (a <= b ? 1 : a > b ? 0 : NaN),
  ">": (a, b) => (a > b ? 1 : a <= b ? 0 : NaN),
  ">=": (a, b) => (a >= b ? 1 : a < b ? 0 : NaN),
  "==": (a, b) => equal(a, b),
  "!=": (a, b) => 1 - equal(a, b),
  and: (a, b) => and(a, b),
  or: (a, b) => or(a, b),
};

/** A binary operator between a column and a constant (`right`: the constant is the right operand), without filling a column for it. */
export function binaryConstant(op: BinaryOp, a: Float64Array, c: number, right: boolean): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  // The common operators loop without a call per element (the same numerics as `SCALAR`).
  if (right) {
    switch (op) {
      case "+": for (let i = 0; i < n; i++) out[i] = saturate(a[i]! + c); return out;
      case "-": for (let i = 0; i < n; i++) out[i] = saturate(a[i]! - c); return out;
      case "*": for (let i = 0; i < n; i++) out[i] = saturate(a[i]! * c); return out;
      case "<": for (let i = 0; i < n; i++) out[i] = a[i]! < c ? 1 : a[i]! >= c ? 0 : NaN; return out;
      case "<=": for (let i = 0; i < n; i++) out[i] = a[i]! <= c ? 1 : a[i]! > c ? 0 : NaN; return out;
      case ">": for (let i = 0; i < n; i++) out[i] = a[i]! > c ? 1 : a[i]! <= c ? 0 : NaN; return out;
      case ">=": for (let i = 0; i < n; i++) out[i] = a[i]! >= c ? 1 : a[i]! < c ? 0 : NaN; return out;
      default: break;
    }
  }
  const f = SCALAR[op];
  if (right) for (let i = 0; i < n; i++) out[i] = f(a[i]!, c);
  else for (let i = 0; i < n; i++) out[i] = f(c, a[i]!);
  return out;
}

/** Applies a binary operator to two numbers, with the same numerics as `binary`. */
export function binaryScalar(op: BinaryOp, a: number, b: number): number {
  return binary(op, Float64Array.of(a), Float64Array.of(b))[0]!;
}

/** Overflow saturates at ±1.8e308 (the largest double) instead of becoming ±Infinity. */
function saturate(r: number): number {
  return r - r === 0 || r !== r ? r : r > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

function equal(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return a === b || sameValue(a, b) ? 1 : 0;
}

function and(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return a !== a || b !== b ? NaN : 1;
}

function or(a: number, b: number): number {
  if ((a !== 0 && a === a) || (b !== 0 && b === b)) return 1;
  return a !== a || b !== b ? NaN : 0;
}

/** Arithmetic negation. */
export function negate(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = -a[i]!;
  return out;
}

/** Logical not: unknown stays unknown. */
export function not(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! !== a[i]! ? NaN : a[i] === 0 ? 1 : 0;
  return out;
}

/** `if c then a else b`: unknown conditions give a missing value. */
export function select(c: Float64Array, a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const v = c[i]!;
    out[i] = v !== v ? NaN : v !== 0 ? a[i]! : b[i]!;
  }
  return out;
}

/** `v in (o1, o2, …)`: true when v equals any option; unknown when v is missing. */
export function member(v: Float64Array, options: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x !== x) { out[i] = NaN; continue; }
    let hit = 0;
    for (const o of options) if (o[i] === x || sameValue(o[i]!, x)) { hit = 1; break; }
    out[i] = hit;
  }
  return out;
}

/** The element-wise functions the language offers, by name: `min max abs ln log10 sqrt round clamp ratio`. */
export const ELEMENTWISE: Record<string, { readonly min: number; readonly max: number; readonly fn: (args: readonly Float64Array[]) => Float64Array }> = {
  min: { min: 2, max: Infinity, fn: (a) => fold(a, Math.min) },
  max: { min: 2, max: Infinity, fn: (a) => fold(a, Math.max) },
  abs: { min: 1, max: 1, fn: ([a]) => map1(a!, Math.abs) },
  ln: { min: 1, max: 1, fn: ([a]) => map1(a!, (x) => (x > 0 ? Math.log(x) : x === x ? 0 : NaN)) },
  log10: { min: 1, max: 1, fn: ([a]) => map1(a!, (x) => (x > 0 ? Math.log10(x) : x === x ? 0 : NaN)) },
  sqrt: { min: 1, max: 1, fn: ([a]) => map1(a!, (x) => (x > 0 ? Math.sqrt(x) : x === x ? 0 : NaN)) },
  round: { min: 1, max: 2, fn: ([a, d]) => map2(a!, d, roundHalfAway) },
  clamp: { min: 3, max: 3, fn: ([a, lo, hi]) => clamp(a!, lo!, hi!) },
  ratio: { min: 2, max: 3, fn: ([a, b, d]) => ratio(a!, b!, d) },
};

function map1(a: Float64Array, f: (x: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]!);
  return out;
}

function map2(a: Float64Array, b: Float64Array | undefined, f: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]!, b ? b[i]! : 0);
  return out;
}

function fold(args: readonly Float64Array[], f: (x: number, y: number) => number): Float64Array {
  const out = Float64Array.from(args[0]!);
  for (const a of args.slice(1)) for (let i = 0; i < out.length; i++) out[i] = f(out[i]!, a[i]!);
  return out;
}

/** 四舍五入: rounds half away from zero to `digits` decimals, immune to 1.005-style float noise. */
export function roundHalfAway(x: number, digits: number): number {
  if (x !== x || digits !== digits) return NaN;
  const d = Math.max(0, Math.min(12, Math.trunc(digits)));
  const m = 10 ** d;
  const scaled = Math.abs(x) * m;
  const r = Math.floor(scaled + 0.5 + 1e-9 * Math.max(1, scaled)) / m;
  return x < 0 ? -r : r;
}

function clamp(a: Float64Array, lo: Float64Array, hi: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.min(Math.max(a[i]!, lo[i]!), hi[i]!);
  return out;
}

function ratio(a: Float64Array, b: Float64Array, d: Float64Array | undefined): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = b[i] === 0 ? (d ? d[i]! : 0) : a[i]! / b[i]!;
  return out;
}
