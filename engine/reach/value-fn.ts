/**
 * An indicator's score as a function of its own value v, for the regions that share one scoring
 * body (a variant, its points, and for min-max the range of its group): piecewise-linear with
 * jumps (bands, all-or-nothing targets) at breakpoints read from the compiled method. The
 * function is built once per class by running the engine's own kernels (`runMethod`, `finish`)
 * on one-element columns — the same formulas, nothing re-derived — at the breakpoints and at
 * points inside every piece; each piece's linearity is checked at a third point. Methods that
 * read other regions (min-max) are modelled with the group's range held fixed, which holds while
 * the region stays inside that range (see field-model.ts).
 */
import { runMethod } from "../exec-method.js";
import { finish } from "../ops/adjust.js";
import { overall, type ExprEnv } from "../ops/column.js";
import { minmaxLine, type MinmaxLine } from "../ops/scoring.js";
import type { MethodPlan, VariantPlan } from "../plan-types.js";

/** A piecewise-linear function of the value with breakpoints (jumps allowed there). */
export interface ValueFn {
  /** Breakpoints, ascending. */
  readonly bs: Float64Array;
  /** The value at each breakpoint. */
  readonly at: Float64Array;
  /** Piece k (k = 0 before bs[0], k = m after the last) is a[k] + b[k]·v. */
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** The number of breakpoints below v (or at most v with `orEqual`): the index of the piece holding v. */
export function below(f: ValueFn, v: number, orEqual: boolean): number {
  let lo = 0;
  let hi = f.bs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f.bs[mid]! < v || (orEqual && f.bs[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** f(v). */
export function valueAt(f: ValueFn, v: number): number {
  return valueIn(f, v, below(f, v, false));
}

/** `below(f, v, false)` found by walking from index k (any k: a step or two when v lies near breakpoint k). */
export function belowFrom(f: ValueFn, v: number, k: number): number {
  const bs = f.bs;
  if (v !== v) return below(f, v, false);
  while (k < bs.length && bs[k]! < v) k++;
  while (k > 0 && !(bs[k - 1]! < v)) k--;
  return k;
}

/** f(v), k being `below(f, v, false)`. */
export function valueIn(f: ValueFn, v: number, k: number): number {
  if (k < f.bs.length && f.bs[k] === v) return f.at[k]!;
  return f.a[k]! + f.b[k]! * v;
}

/** `below(f, v, true)` from k = `below(f, v, false)`: past the breakpoints equal to v. */
export function pastEqual(f: ValueFn, v: number, k: number): number {
  while (k < f.bs.length && f.bs[k] === v) k++;
  return k;
}

/** The limit of f just above v (side 1) or just below it (side −1). */
export function limitAt(f: ValueFn, v: number, side: 1 | -1): number {
  const k = below(f, v, side > 0);
  return f.a[k]! + f.b[k]! * v;
}

/** The breakpoints strictly between v0 and v1 (either order). */
export function breaksBetween(f: ValueFn, v0: number, v1: number, out: number[]): void {
  const lo = Math.min(v0, v1);
  const hi = Math.max(v0, v1);
  for (let k = below(f, lo, true); k < f.bs.length && f.bs[k]! < hi; k++) out.push(f.bs[k]!);
}

/** A one-region expression environment for constant parameters (constants only fill). */
const ONE: ExprEnv = {
  n: 1,
  slot: () => { throw new Error("engine bug: a constant parameter read a column"); },
  grouping: () => overall(1),
  local: () => { throw new Error("engine bug: a constant parameter read x"); },
  prev: () => { throw new Error("engine bug: a constant parameter read prev"); },
  fill: (value) => Float64Array.of(value),
};

/** The breakpoints a method puts in v (its posts, target, thresholds), or why its parameters are not constants. */
function methodBreaks(m: MethodPlan): number[] | string {
  const all = (...es: { constant: number | null }[]) => (es.every((e) => e.constant !== null) ? es.map((e) => e.constant!) : "its method's parameters vary by region");
  switch (m.kind) {
    case "goalposts": return all(m.floor, m.target);
    case "target": return all(m.target);
    case "proportional": return all(m.to);
    case "efficacy": return all(m.satisfactory, m.disallowed);
    case "bands": {
      const b = all(...m.bands.map((x) => x.threshold), ...m.bands.map((x) => x.points), m.otherwise);
      return typeof b === "string" ? b : b.slice(0, m.bands.length);
    }
    default: return `its method (${m.kind}) is not read from the value alone`;
  }
}

/** A status sink that keeps nothing (one value scored aside; made once: a closure made per call costs a name under tsx). */
const NO_SINK = { set: (): void => {} };

/** The score of one value under a variant with constant parameters (or min-max over a fixed range), by the engine's kernels. */
export function scorer(v: VariantPlan, higher: boolean, points: number, range: { lo: number; hi: number } | null): (x: number) => { base: number; score: number } {
  const line = range ? minmaxLine(range.lo, range.hi, higher) : null;
  if (line) {
    const one = minmaxOne(line, points, v.cap ? v.cap.constant! : null, v.floor ? v.floor.constant! : null);
    return (x) => ({ base: one.base(x), score: one.score(x) });
  }
  const p = Float64Array.of(points);
  const cap = v.cap ? Float64Array.of(v.cap.constant!) : null;
  const floor = v.floor ? Float64Array.of(v.floor.constant!) : null;
  return (x) => {
    const col = Float64Array.of(x);
    // A range whose line overflows: as the kernel would (minmaxFixed gives no column).
    if (range) throw new Error("engine bug: min-max over a range whose inverse overflows");
    const base = runMethod(v.method, col, p, higher, ONE).base;
    const done = finish({ base, owned: false, bounded: false, points: p, adds: null, deducts: null, exempt: null, zero: null, floor, cap }, NO_SINK);
    return { base: base[0]!, score: done.score[0]! };
  };
}

/**
 * The score of one value as `scorer` gives it, without a column: min-max over a fixed range by
 * the products of `minmaxFixed` and the clamps of `finish` (as lite.ts); other methods by the
 * kernels, each value asked remembered (regions of a class often ask the same breakpoints).
 */
export function scoreOf(v: VariantPlan, higher: boolean, points: number, range: { lo: number; hi: number } | null): (x: number) => number {
  const line = range ? minmaxLine(range.lo, range.hi, higher) : null;
  if (line) return minmaxOne(line, points, v.cap ? v.cap.constant! : null, v.floor ? v.floor.constant! : null).score;
  const s = scorer(v, higher, points, range);
  const seen = new Map<number, number>();
  return (x) => {
    let y = seen.get(x);
    if (y === undefined) seen.set(x, (y = s(x).score));
    return y;
  };
}

/** Min-max of one value on a line (`minmaxInto` with one points value), and its score as `finish` clamps it (to the points and 0, or to the cap and floor). */
function minmaxOne(m: MinmaxLine, p: number, cap: number | null, floor: number | null): { base: (x: number) => number; score: (x: number) => number } {
  const base = m.flat ? flatBase(p) : lineBase(m, p);
  return { base, score: cap === null && floor === null ? toPoints(base, p) : clamped(base, cap ?? p, floor ?? 0) };
}

// The closures below are returned unnamed: a named one costs a name set per class under tsx.

/** A flat line's base: the points (NaN stays NaN). */
function flatBase(p: number): (x: number) => number {
  return (x) => (x !== x ? NaN : p);
}

/** The base on a line, as `minmaxInto` computes it. */
function lineBase(m: MinmaxLine, p: number): (x: number) => number {
  const { h, origin, scale } = m;
  return (x) => (x * h - origin) * scale * p;
}

/** The base clamped to the points and 0 (the points first). */
function toPoints(base: (x: number) => number, p: number): (x: number) => number {
  return (x) => { const s = base(x); return s > p ? p : s < 0 ? 0 : s; };
}

/** The base clamped to the cap and floor (the cap first), as `finish` clamps it. */
function clamped(base: (x: number) => number, hi: number, lo: number): (x: number) => number {
  return (x) => { let s = base(x); if (s > hi) s = hi; if (s < lo) s = lo; return s; };
}

/** Why a variant's score is not a function of its value alone that this module can read, or null. */
export function unreadable(v: VariantPlan): string | null {
  if (v.transform) return "its value is transformed";
  if (v.adjustments.length > 0 || v.zeroWhen.length > 0 || v.exemptWhen.length > 0 || v.inapplicable) return "it has adjustments or conditions";
  if ((v.cap && v.cap.constant === null) || (v.floor && v.floor.constant === null)) return "its cap or floor is an expression";
  if (!v.method) return "it has no method";
  if (v.method.kind === "minmax") return null;
  const b = methodBreaks(v.method);
  return typeof b === "string" ? b : null;
}

/** The function of a readable variant at `points`; `range` is min-max's group range. Null when a piece is not linear. */
export function valueFn(v: VariantPlan, higher: boolean, points: number, range: { lo: number; hi: number } | null): ValueFn | null {
  const s = remembered(scorer(v, higher, points, range));
  const raw = range ? [range.lo, range.hi] : (methodBreaks(v.method!) as number[]);
  const bs = [...new Set([0, ...raw.filter(Number.isFinite)])].sort((x, y) => x - y);
  // Where the method's line meets the cap or the floor: kinks of the finished score.
  const lines = pieces(bs, (x) => s(x).base);
  if (!lines) return null;
  const hi = v.cap ? v.cap.constant! : points;
  const lo = v.floor ? v.floor.constant! : 0;
  const kinks: number[] = [];
  lines.a.forEach((a, k) => {
    const b = lines.b[k]!;
    if (b === 0) return;
    for (const c of [hi, lo]) {
      const x = (c - a) / b;
      if (Number.isFinite(x) && (k === 0 || x > bs[k - 1]!) && (k === bs.length || x < bs[k]!)) kinks.push(x);
    }
  });
  const all = [...new Set([...bs, ...kinks])].sort((x, y) => x - y);
  const fin = pieces(all, (x) => s(x).score);
  if (!fin) return null;
  return { bs: Float64Array.from(all), at: Float64Array.from(all, (x) => s(x).score), a: fin.a, b: fin.b };
}

/** A scorer that runs once per value (the pieces of the base and of the score mostly ask the same points); a zero is asked afresh (−0 and 0 share a key). */
function remembered<T>(s: (x: number) => T): (x: number) => T {
  const seen = new Map<number, T>();
  return (x) => {
    if (x === 0) return s(x);
    let y = seen.get(x);
    if (y === undefined) seen.set(x, (y = s(x)));
    return y;
  };
}

/** The line of each piece between breakpoints (and beyond the ends), checked at a third point; null when one is not linear. */
function pieces(bs: readonly number[], f: (x: number) => number): { a: Float64Array; b: Float64Array } | null {
  const m = bs.length;
  const a = new Float64Array(m + 1);
  const b = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) {
    const l = k === 0 ? null : bs[k - 1]!;
    const r = k === m ? null : bs[k]!;
    const w = Math.max(1, Math.abs(l ?? r ?? 0), Math.abs(r ?? l ?? 0));
    const [p, q, t] = l !== null && r !== null ? [l + (r - l) / 4, l + (3 * (r - l)) / 4, l + (r - l) / 2]
      : l !== null ? [l + w, l + 2 * w, l + 1000 * w] : r !== null ? [r - 2 * w, r - w, r - 1000 * w] : [0, 1, 1000];
    const fp = f(p);
    const fq = f(q);
    // A difference at the level of rounding (a branch-free clamp's last bit) is a flat piece.
    const slope = Math.abs(fq - fp) <= 1e-12 * Math.max(1, Math.abs(fp)) ? 0 : (fq - fp) / (q - p);
    a[k] = fp - slope * p;
    b[k] = slope;
    const ft = f(t);
    if (!(Math.abs(ft - (a[k]! + slope * t)) <= 1e-9 * Math.max(1, Math.abs(ft)))) return null;
  }
  return { a, b };
}

/**
 * The sum of several functions: breakpoints merged, values and pieces added. One merge over the
 * functions' sorted breakpoints, each function's piece followed by an index (`sumFnsPlain`'s sums,
 * in its order, bit for bit; a zero breakpoint is +0, as its set stores it).
 */
export function sumFns(fns: readonly ValueFn[]): ValueFn {
  const k = fns.length;
  const idx = new Int32Array(k);
  let m = 0;
  for (let v = nextBreak(fns, idx); v === v; v = nextBreak(fns, idx)) m++;
  const bs = new Float64Array(m);
  const at = new Float64Array(m);
  const a = new Float64Array(m + 1);
  const b = new Float64Array(m + 1);
  idx.fill(0);
  piece(fns, idx, a, b, 0);
  for (let j = 0; j < m; j++) {
    // Each function's value at the next breakpoint, then its pointer past it.
    const v = smallest(fns, idx);
    let s = 0;
    for (let i = 0; i < k; i++) {
      const f = fns[i]!;
      const c = idx[i]!;
      if (c < f.bs.length && f.bs[c] === v) { s += f.at[c]!; idx[i] = past(f, c, v); } else s += f.a[c]! + f.b[c]! * v;
    }
    bs[j] = v;
    at[j] = s;
    piece(fns, idx, a, b, j + 1);
  }
  return { bs, at, a, b };
}

/** The smallest breakpoint at the functions' pointers (a zero as +0, as a set stores it), NaN when none is left. */
function smallest(fns: readonly ValueFn[], idx: Int32Array): number {
  let v = NaN;
  for (let i = 0; i < fns.length; i++) { const f = fns[i]!; const c = idx[i]!; if (c < f.bs.length && !(f.bs[c]! >= v)) v = f.bs[c]!; }
  return v === 0 ? 0 : v;
}

/** Moves the pointers past the smallest next breakpoint and returns it (NaN when none is left). */
function nextBreak(fns: readonly ValueFn[], idx: Int32Array): number {
  const v = smallest(fns, idx);
  for (let i = 0; i < fns.length; i++) idx[i] = past(fns[i]!, idx[i]!, v);
  return v;
}

/** The index past breakpoint c of f and any equal to v from there. */
function past(f: ValueFn, c: number, v: number): number {
  while (c < f.bs.length && f.bs[c] === v) c++;
  return c;
}

/** Piece j of the sum: the pieces the pointers are at, added in the functions' order. */
function piece(fns: readonly ValueFn[], idx: Int32Array, a: Float64Array, b: Float64Array, j: number): void {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < fns.length; i++) { sa += fns[i]!.a[idx[i]!]!; sb += fns[i]!.b[idx[i]!]!; }
  a[j] = sa;
  b[j] = sb;
}

/** The sum as first written (a set of all breakpoints, sorted; each value and piece found by search): what `sumFns` must give. */
export function sumFnsPlain(fns: readonly ValueFn[]): ValueFn {
  const bs = Float64Array.from(new Set(fns.flatMap((f) => Array.from(f.bs)))).sort();
  const at = Float64Array.from(bs, (v) => fns.reduce((s, f) => s + valueAt(f, v), 0));
  const m = bs.length;
  const a = new Float64Array(m + 1);
  const b = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) {
    // Piece k starts after bs[k − 1]: each function's piece is the one after its breakpoints up to there.
    for (const f of fns) {
      const j = k === 0 ? 0 : below(f, bs[k - 1]!, true);
      a[k] = a[k]! + f.a[j]!;
      b[k] = b[k]! + f.b[j]!;
    }
  }
  return { bs, at, a, b };
}

/** The largest value f takes on [lo, hi] (at the ends, at the breakpoints inside, or just beside them). */
export function maxOn(f: ValueFn, lo: number, hi: number): number {
  let m = Math.max(valueAt(f, lo), valueAt(f, hi));
  for (let k = below(f, lo, true); k < f.bs.length && f.bs[k]! < hi; k++) {
    m = Math.max(m, f.at[k]!, limitAt(f, f.bs[k]!, 1), limitAt(f, f.bs[k]!, -1));
  }
  return m;
}
