/**
 * The analytic path: a field's needed value solved on the region's piecewise-linear total
 * (field-model.ts) against the needed total (need.ts), and the cheapest combination as a
 * fractional knapsack over piecewise-linear gains — each field's gain against its cost
 * (distance / scale) is replaced by its upper concave hull, the hulls' segments are taken best
 * gain-per-cost first, and at every step the cheapest finish by one field from there is noted;
 * the cheapest finished combination wins. The caller checks every answer with one engine evaluation.
 */
import { gainAt, type GainPath } from "./path.js";
import { meets, type Need } from "./need.js";

/** The smallest distance on the path from `from` at which the total meets the need, or null. */
export function solve(g: GainPath, total: number, need: Need, from = 0): number | null {
  const want = (need.strict ? need.value + 2e-9 * Math.max(1, Math.abs(need.value)) : need.value) - total;
  for (let k = 0; k < g.ds.length; k++) {
    const d0 = g.ds[k]!;
    if (k + 1 < g.ds.length && g.ds[k + 1]! <= from) continue;
    if (d0 >= from && d0 > 0 && meets(total + g.at[k]!, need)) return d0;
    if (k + 1 === g.ds.length) break;
    const d1 = g.ds[k + 1]!;
    const start = Math.max(d0, from);
    const a = start === d0 ? g.after[k]! : gainAt(g, start);
    const b = g.before[k + 1]!;
    // Just past a jump (or the start of the piece) already meets it: the smallest step past it.
    if (meets(total + a, need)) return start + nudge(start);
    if (!meets(total + b, need) || b === a) continue;
    const t = start + ((want - a) / (b - a)) * (d1 - start);
    const d = Math.min(d1, Math.max(start, t) + nudge(t));
    if (meets(total + gainAt(g, d), need)) return d;
    if (d1 > d) return d1;
  }
  return null;
}

/** A tiny step (relative 1e-12) that moves a value strictly past a breakpoint. */
function nudge(d: number): number {
  return 1e-12 * Math.max(1, Math.abs(d));
}

/** A field for the combination: its path and the scale its cost is measured in. */
export interface Option {
  readonly path: GainPath;
  readonly scale: number;
}

/** Hull segment of field j from distance d0 to d1, gaining `gain` at `ratio` per unit of cost. */
interface Segment { readonly j: number; readonly d1: number; readonly gain: number; readonly ratio: number }

/** The upper concave hull of a path's (cost, gain) points from the origin: its rising segments. */
function hull(o: Option, j: number): Segment[] {
  const pts: { c: number; y: number; d: number }[] = [{ c: 0, y: 0, d: 0 }];
  const ds = o.path.ds;
  for (let k = 1; k < ds.length; k++) {
    const d = ds[k]!;
    const y = Math.max(o.path.at[k]!, o.path.before[k]!, k + 1 < ds.length ? o.path.after[k]! : -Infinity);
    const c = d / o.scale;
    while (pts.length >= 2) {
      const p = pts[pts.length - 2]!;
      const q = pts[pts.length - 1]!;
      if ((q.y - p.y) * (c - p.c) <= (y - p.y) * (q.c - p.c)) pts.pop();
      else break;
    }
    pts.push({ c, y, d });
  }
  const out: Segment[] = [];
  for (let k = 1; k < pts.length; k++) {
    const gain = pts[k]!.y - pts[k - 1]!.y;
    if (!(gain > 0)) break;
    out.push({ j, d1: pts[k]!.d, gain, ratio: gain / (pts[k]!.c - pts[k - 1]!.c) });
  }
  return out;
}

/**
 * The distances of a greedy combination reaching the need (null when all the fields together
 * cannot): hull segments best ratio first; before each, the cheapest way to finish from there
 * with one field is noted, and the cheapest of those finishes is kept.
 */
export function combineAnalytic(options: readonly Option[], total: number, need: Need): number[] | null {
  const segs = options.flatMap((o, j) => hull(o, j)).sort((a, b) => b.ratio - a.ratio);
  const most = options.map((o) => Math.max(...o.path.at, ...o.path.before));
  const d = options.map(() => 0);
  let gained = 0;
  let spent = 0;
  let best: { d: number[]; cost: number } | null = null;
  for (let k = 0; k <= segs.length; k++) {
    const fin = finish(options, d, most, total + gained, need);
    if (fin && (!best || spent + fin.cost < best.cost)) {
      best = { d: d.slice(), cost: spent + fin.cost };
      best.d[fin.j] = fin.d;
    }
    const s = segs[k];
    if (!s || meets(total + gained, need)) break;
    const o = options[s.j]!;
    const at = gainAt(o.path, d[s.j]!);
    gained += gainAt(o.path, s.d1) - at;
    spent += (s.d1 - d[s.j]!) / o.scale;
    d[s.j] = s.d1;
  }
  return best ? best.d : null;
}

/** The field that reaches the need most cheaply from the distances `d` (the others' gains in `now`). */
function finish(options: readonly Option[], d: readonly number[], most: readonly number[], now: number, need: Need): { j: number; d: number; cost: number } | null {
  let best: { j: number; d: number; cost: number } | null = null;
  for (let j = 0; j < options.length; j++) {
    const o = options[j]!;
    const here = gainAt(o.path, d[j]!);
    if (!meets(now - here + most[j]!, need)) continue;
    const x = solve(o.path, now - here, need, d[j]!);
    if (x !== null && (!best || (x - d[j]!) / o.scale < best.cost)) best = { j, d: x, cost: (x - d[j]!) / o.scale };
  }
  return best;
}
