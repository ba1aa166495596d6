/**
 * The analytic path: a field's needed value solved on the region's piecewise-linear total
 * (field-model.ts) against the needed total (need.ts), and the cheapest combination as a
 * fractional knapsack over piecewise-linear gains — each field's gain against its cost
 * (distance / scale) is replaced by its upper concave hull, the hulls' segments are taken best
 * gain-per-cost first, and at every step the cheapest finish by one field from there is noted;
 * the cheapest finished combination wins. The caller checks every answer with one engine evaluation.
 */
import { gainAt, type GainPath } from "./path.js";
import { hullSegments, RatioQueue } from "./hull.js";
import { meets, type Need } from "./need.js";

/** The smallest distance on the path from `from` at which the total meets the need, or null. */
export function solve(g: GainPath, total: number, need: Need, from = 0): number | null {
  // From the start, only a gain at, after or before a point can meet the need: none does when even the largest falls short far past `meets`' tolerance.
  if (from === 0 && surelyBelow(total + g.top, need.value)) return null;
  const want = (need.strict ? need.value + 2e-9 * Math.max(1, Math.abs(need.value)) : need.value) - total;
  for (let k = 0; k < g.n; k++) {
    const d0 = g.d(k);
    if (k + 1 < g.n && g.d(k + 1) <= from) continue;
    if (d0 >= from && d0 > 0 && meets(total + g.at(k), need)) return d0;
    if (k + 1 === g.n) break;
    const d1 = g.d(k + 1);
    const start = Math.max(d0, from);
    const a = start === d0 ? g.after(k) : gainAt(g, start);
    const b = g.before(k + 1);
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

/** True when t falls short of v by more than ten times `meets`' tolerance (never for NaN), so no total up to t meets a need of v. */
function surelyBelow(t: number, v: number): boolean {
  return t + 1e-8 * Math.max(1, Math.abs(t), Math.abs(v)) < v;
}

/** A tiny step (relative 1e-12) that moves a value strictly past a breakpoint. */
function nudge(d: number): number {
  return 1e-12 * Math.max(1, Math.abs(d));
}

/** The segments, best ratio first (reused). */
const queue = new RatioQueue();

/** Reused columns of the greedy (per field: its distance, its gain there, its most gain). */
let dAt = new Float64Array(0);
let here = new Float64Array(0);
let most = new Float64Array(0);

/**
 * The distances of a greedy combination reaching the need (null when all the fields together
 * cannot): hull segments best ratio first; before each, the cheapest way to finish from there
 * with one field is noted, and the cheapest of those finishes is kept.
 */
export function combineAnalytic(paths: readonly GainPath[], scales: readonly number[], total: number, need: Need): number[] | null {
  const J = paths.length;
  const segs = hullSegments(paths, scales);
  queue.start(segs);
  if (dAt.length < J) { dAt = new Float64Array(2 * J); here = new Float64Array(2 * J); most = new Float64Array(2 * J); }
  // An upper bound on every field's headroom most − here (raised whenever a here falls) and on |here| + |most|.
  let room = -Infinity;
  let size = 0;
  for (let j = 0; j < J; j++) {
    const p = paths[j]!;
    dAt[j] = 0;
    here[j] = gainAt(p, 0);
    most[j] = p.most;
    room = Math.max(room, most[j]! - here[j]!);
    size = Math.max(size, 2 * (p.large + Math.abs(most[j]!)));
  }
  let gained = 0;
  let spent = 0;
  let best: { d: number[]; cost: number } | null = null;
  for (let k = 0; k <= segs.n; k++) {
    const now = total + gained;
    const fin = surelyShort(now, room, size, need) ? null : finish(paths, scales, now, need);
    if (fin && (!best || spent + fin.cost < best.cost)) {
      const d: number[] = new Array(J);
      for (let j = 0; j < J; j++) d[j] = dAt[j]!;
      best = { d, cost: spent + fin.cost };
      best.d[fin.j] = fin.d;
    }
    if (k === segs.n || meets(now, need)) break;
    const s = queue.next();
    const j = segs.j[s]!;
    const d1 = segs.d1[s]!;
    const after = gainAt(paths[j]!, d1);
    gained += after - here[j]!;
    spent += (d1 - dAt[j]!) / scales[j]!;
    dAt[j] = d1;
    here[j] = after;
    // The hull's point may lie above the gain there (a jump's other side): here can fall.
    room = Math.max(room, most[j]! - after);
  }
  return best ? best.d : null;
}

/**
 * True when no field can finish from `now`: every field's `now − here + most` (each at most
 * now + room, up to rounding of the sizes involved) falls short of the need by more than any
 * tolerance `meets` allows. A shortcut only: false means "look at every field".
 */
function surelyShort(now: number, room: number, size: number, need: Need): boolean {
  const margin = 1e-8 * (1 + Math.abs(now) + size + Math.abs(need.value));
  return now + room + margin < need.value - margin;
}

/** The field that reaches the need most cheaply from the distances in `dAt` (their gains in `here`; the others' gains in `now`). */
function finish(paths: readonly GainPath[], scales: readonly number[], now: number, need: Need): { j: number; d: number; cost: number } | null {
  let best: { j: number; d: number; cost: number } | null = null;
  for (let j = 0; j < paths.length; j++) {
    const h = here[j]!;
    if (!meets(now - h + most[j]!, need)) continue;
    const d0 = dAt[j]!;
    const x = solve(paths[j]!, now - h, need, d0);
    if (x !== null && (!best || (x - d0) / scales[j]! < best.cost)) best = { j, d: x, cost: (x - d0) / scales[j]! };
  }
  return best;
}
