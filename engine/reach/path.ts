/**
 * A region's gain along one field in one direction, read from its total's function (the sum of
 * the field's parts): the breakpoints met on the way as distances from the current value, and
 * the gain at, just after and just before each; between two of them the gain is linear.
 */
import { below, limitAt, valueAt, type ValueFn } from "./value-fn.js";

/** Distances (ascending, from 0 to the span) and the gain at, just after and just before each. */
export interface GainPath {
  readonly ds: number[];
  readonly at: number[];
  readonly after: number[];
  readonly before: number[];
}

/** The path of f from x over distances 0..span in direction dir. */
export function gainPath(f: ValueFn, x: number, dir: 1 | -1, span: number): GainPath {
  const fx = valueAt(f, x);
  const p: GainPath = { ds: [], at: [], after: [], before: [] };
  push(p, f, x, dir, fx, 0);
  const end = x + dir * span;
  if (dir > 0) for (let k = below(f, x, true); k < f.bs.length && f.bs[k]! < end; k++) push(p, f, x, dir, fx, f.bs[k]! - x);
  else for (let k = below(f, x, false) - 1; k >= 0 && f.bs[k]! > end; k--) push(p, f, x, dir, fx, x - f.bs[k]!);
  push(p, f, x, dir, fx, span);
  return p;
}

/** Adds distance d (when past the last) with the gains at, after and before it. */
function push(p: GainPath, f: ValueFn, x: number, dir: 1 | -1, fx: number, d: number): void {
  if (p.ds.length && !(d > p.ds[p.ds.length - 1]!)) return;
  const v = x + dir * d;
  p.ds.push(d);
  p.at.push(valueAt(f, v) - fx);
  p.after.push(limitAt(f, v, dir) - fx);
  p.before.push(limitAt(f, v, dir > 0 ? -1 : 1) - fx);
}

/** The gain at distance d on a path. */
export function gainAt(g: GainPath, d: number): number {
  let k = 0;
  while (k + 1 < g.ds.length && g.ds[k + 1]! <= d) k++;
  if (g.ds[k] === d) return g.at[k]!;
  const d0 = g.ds[k]!;
  const d1 = g.ds[k + 1]!;
  return g.after[k]! + ((g.before[k + 1]! - g.after[k]!) * (d - d0)) / (d1 - d0);
}

/** The largest gain anywhere on the path (at, just after or just before a breakpoint). */
export function maxGain(g: GainPath): number {
  let m = -Infinity;
  for (let k = 0; k < g.ds.length; k++) m = Math.max(m, g.at[k]!, g.after[k]!, g.before[k]!);
  return m;
}
