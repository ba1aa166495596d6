/**
 * A region's gain along one field in one direction, read from its total's function (the sum of
 * the field's parts): the breakpoints met on the way as distances from the current value, and
 * the gain at, just after and just before each; between two of them the gain is linear.
 */
import { below, limitAt, valueAt, type ValueFn } from "./value-fn.js";

/**
 * Distances (ascending, from 0 to the span) and the gain at, just after and just before each, in
 * one list (four numbers per point; a plain array: a small typed array costs far more to make).
 */
export class GainPath {
  /** The number of points. */
  n = 0;
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
  /** Appends a point. */
  push(d: number, at: number, after: number, before: number): void {
    const i = 4 * this.n++;
    const v = this.v;
    v[i] = d;
    v[i + 1] = at;
    v[i + 2] = after;
    v[i + 3] = before;
  }
}

/** The path of f from x over distances 0..span in direction dir (`fx`: f(x), when known). */
export function gainPath(f: ValueFn, x: number, dir: 1 | -1, span: number, fx = valueAt(f, x)): GainPath {
  const end = x + dir * span;
  const from = dir > 0 ? below(f, x, true) : below(f, x, false) - 1;
  // Room for the ends and the breakpoints strictly inside (an upper bound on the points pushed).
  const inside = dir > 0 ? below(f, end, false) - from : from - below(f, end, true) + 1;
  const p = new GainPath(2 + Math.max(0, inside));
  push(p, f, x, dir, fx, 0);
  if (dir > 0) for (let k = from; k < f.bs.length && f.bs[k]! < end; k++) push(p, f, x, dir, fx, f.bs[k]! - x);
  else for (let k = from; k >= 0 && f.bs[k]! > end; k--) push(p, f, x, dir, fx, x - f.bs[k]!);
  push(p, f, x, dir, fx, span);
  return p;
}

/** Adds distance d (when past the last) with the gains at, after and before it. */
function push(p: GainPath, f: ValueFn, x: number, dir: 1 | -1, fx: number, d: number): void {
  if (p.n && !(d > p.d(p.n - 1))) return;
  const v = x + dir * d;
  p.push(d, valueAt(f, v) - fx, limitAt(f, v, dir) - fx, limitAt(f, v, dir > 0 ? -1 : 1) - fx);
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
  let m = -Infinity;
  for (let k = 0; k < g.n; k++) m = Math.max(m, g.at(k), g.after(k), g.before(k));
  return m;
}
