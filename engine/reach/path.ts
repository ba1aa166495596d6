/**
 * A region's gain along one field in one direction, read from its total's function (the sum of
 * the field's parts): the breakpoints met on the way as distances from the current value, and
 * the gain at, just after and just before each; between two of them the gain is linear.
 */
import { below, belowFrom, pastEqual, valueAt, valueIn, type ValueFn } from "./value-fn.js";

/**
 * Distances (ascending, from 0 to the span) and the gain at, just after and just before each, in
 * one list (four numbers per point; a plain array: a small typed array costs far more to make).
 * Also kept as points are pushed: the largest gains the combination and the single change read.
 */
export class GainPath {
  /** The number of points. */
  n = 0;
  /** Math.max over every gain (at, after, before): `maxGain`. */
  top = -Infinity;
  /** Math.max over the gains at and just before each point. */
  most = -Infinity;
  /** Math.max over the gains' magnitudes (from 0). */
  large = 0;
  /** True when a gain at or just after a point is positive. */
  rises = false;
  private readonly v: number[];
  /** A path with room for `cap` points (it grows past them). */
  constructor(cap = 2) { this.v = new Array<number>(4 * cap); }
  /** The distance of point k. */
  d(k: number): number { return this.v[4 * k]!; }
  /** The gain at point k. */
  at(k: number): number { return this.v[4 * k + 1]!; }
  /** The gain just after point k. */
  after(k: number): number { return this.v[4 * k + 2]!; }
  /** The gain just before point k. */
  before(k: number): number { return this.v[4 * k + 3]!; }
  /** Empties the path for reuse (its storage kept). */
  clear(): void {
    this.n = 0;
    this.top = -Infinity;
    this.most = -Infinity;
    this.large = 0;
    this.rises = false;
  }
  /** Appends a point. */
  push(d: number, at: number, after: number, before: number): void {
    const i = 4 * this.n++;
    const v = this.v;
    v[i] = d;
    v[i + 1] = at;
    v[i + 2] = after;
    v[i + 3] = before;
    this.most = Math.max(this.most, at, before);
    this.top = Math.max(this.top, this.most, after);
    this.large = Math.max(this.large, Math.abs(at), Math.abs(after), Math.abs(before));
    if (at > 0 || after > 0) this.rises = true;
  }
}

/**
 * The path of f from x over distances 0..span in direction dir (`fx`: f(x), when known; `kx`:
 * `below(f, x, false)`, when known), written into `into` when given (cleared first) else into a
 * new path. Each point's piece is found by stepping from the last (the searches' indices).
 */
export function gainPath(f: ValueFn, x: number, dir: 1 | -1, span: number, fx = valueAt(f, x), into?: GainPath, kx = below(f, x, false)): GainPath {
  const end = x + dir * span;
  const from = dir > 0 ? pastEqual(f, x, kx) : kx - 1;
  let p: GainPath;
  if (into) (p = into).clear();
  // Room for the ends and the breakpoints strictly inside (an upper bound on the points pushed).
  else p = new GainPath(2 + Math.max(0, dir > 0 ? below(f, end, false) - from : from - below(f, end, true) + 1));
  push(p, f, x, dir, fx, 0, kx);
  let k = from;
  if (dir > 0) for (; k < f.bs.length && f.bs[k]! < end; k++) atBreak(p, f, x, dir, fx, k, f.bs[k]! - x);
  else for (; k >= 0 && f.bs[k]! > end; k--) atBreak(p, f, x, dir, fx, k, x - f.bs[k]!);
  push(p, f, x, dir, fx, span, Math.max(0, k));
  return p;
}

/**
 * Adds breakpoint k at distance d: where x + dir·d lands on it exactly (a lone breakpoint), the
 * gains are read from its index — what `valueAt` and `limitAt` find by searching; else as `push`.
 */
function atBreak(p: GainPath, f: ValueFn, x: number, dir: 1 | -1, fx: number, k: number, d: number): void {
  const bs = f.bs;
  const v = x + dir * d;
  if (v !== bs[k] || (k > 0 && bs[k - 1] === v) || (k + 1 < bs.length && bs[k + 1] === v)) return push(p, f, x, dir, fx, d, k);
  if (p.n && !(d > p.d(p.n - 1))) return;
  const left = f.a[k]! + f.b[k]! * v - fx;
  const right = f.a[k + 1]! + f.b[k + 1]! * v - fx;
  p.push(d, f.at[k]! - fx, dir > 0 ? right : left, dir > 0 ? left : right);
}

/**
 * Adds distance d (when past the last) with the gains at, after and before it — `valueAt` and
 * `limitAt` on each side, their piece found by stepping from index `near`.
 */
function push(p: GainPath, f: ValueFn, x: number, dir: 1 | -1, fx: number, d: number, near: number): void {
  if (p.n && !(d > p.d(p.n - 1))) return;
  const v = x + dir * d;
  const lo = belowFrom(f, v, near);
  const hi = pastEqual(f, v, lo);
  const left = f.a[lo]! + f.b[lo]! * v - fx;
  const right = f.a[hi]! + f.b[hi]! * v - fx;
  p.push(d, valueIn(f, v, lo) - fx, dir > 0 ? right : left, dir > 0 ? left : right);
}

/** The gain at distance d on a path. */
export function gainAt(g: GainPath, d: number): number {
  let k = 0;
  while (k + 1 < g.n && g.d(k + 1) <= d) k++;
  if (g.d(k) === d) return g.at(k);
  const d0 = g.d(k);
  const d1 = g.d(k + 1);
  return g.after(k) + ((g.before(k + 1) - g.after(k)) * (d - d0)) / (d1 - d0);
}

/** The largest gain anywhere on the path (at, just after or just before a breakpoint). */
export function maxGain(g: GainPath): number {
  return g.top;
}
