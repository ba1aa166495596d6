/**
 * Where regions' totals cross, found without comparing every pair: regions are sorted by their
 * total at the current share, and a scan outward from region r stops once the gap to the next
 * region is too wide to close before the best crossing found so far (a gap g closes no sooner
 * than g / (|slope of r| + the largest |slope| of its group)).
 */
import type { Grouping } from "../ops/column.js";
import { firstAboveFlip, signChanges, type SideModel } from "./pwl.js";

/** Regions sorted best first within each group, and each region's place in that order. */
export interface GroupOrder {
  /** Region indices, group by group, best total first. */
  readonly order: Int32Array;
  /** Position of each region in `order`. */
  readonly pos: Int32Array;
  /** Each region's group's first and one-past-last position. */
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** The order of regions by total (v0) within the groups of `g`. */
export function groupOrder(v0: Float64Array, g: Grouping): GroupOrder {
  const n = v0.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => g.ids[a]! - g.ids[b]! || v0[b]! - v0[a]! || a - b);
  const pos = new Int32Array(n);
  order.forEach((r, k) => { pos[r] = k; });
  const first = new Int32Array(g.count).fill(-1);
  const last = new Int32Array(g.count);
  order.forEach((r, k) => {
    const id = g.ids[r]!;
    if (first[id] === -1) first[id] = k;
    last[id] = k + 1;
  });
  return {
    order, pos,
    start: Int32Array.from({ length: n }, (_, r) => first[g.ids[r]!]!),
    end: Int32Array.from({ length: n }, (_, r) => last[g.ids[r]!]!),
  };
}

/** The smallest and largest slope of each region's group. */
export interface GroupSlopes {
  readonly min: Float64Array;
  readonly max: Float64Array;
}

/** The extreme slopes of each region's group (per region, for direct lookup). */
export function groupSlopes(m: SideModel, g: Grouping): GroupSlopes {
  const lo = new Float64Array(g.count).fill(Infinity);
  const hi = new Float64Array(g.count).fill(-Infinity);
  for (let r = 0; r < g.ids.length; r++) {
    const id = g.ids[r]!;
    lo[id] = Math.min(lo[id]!, m.minSlope[r]!);
    hi[id] = Math.max(hi[id]!, m.maxSlope[r]!);
  }
  return { min: Float64Array.from(g.ids, (id) => lo[id]!), max: Float64Array.from(g.ids, (id) => hi[id]!) };
}

/** How fast the gap to a region above r can close at most, and to a region below. */
function closing(m: SideModel, top: GroupSlopes, r: number): { up: number; down: number } {
  return { up: m.maxSlope[r]! - top.min[r]!, down: top.max[r]! - m.minSlope[r]! };
}

/** The earliest possible crossing of r with a region whose total differs by `gap`, given the slope bound. */
function soonest(gap: number, bound: number): number {
  if (gap <= 0) return 0;
  return bound > 0 ? gap / bound : Infinity;
}

/**
 * The first distance at which some region of r's group moves from above r to not above, or the
 * reverse (so r's rank changes there); Infinity when none does on the side.
 */
export function firstRankChange(m: SideModel, v0: Float64Array, go: GroupOrder, top: GroupSlopes, r: number): number {
  let best = Infinity;
  const { up, down } = closing(m, top, r);
  const p = go.pos[r]!;
  // Upwards (regions above r, best first order), then downwards.
  for (let k = p - 1; k >= go.start[r]!; k--) {
    const s = go.order[k]!;
    if (soonest(v0[s]! - v0[r]!, up) >= best) break;
    const d = firstAboveFlip(m, r, s, Math.min(best, m.length));
    if (d < best) best = d;
  }
  for (let k = p + 1; k < go.end[r]!; k++) {
    const s = go.order[k]!;
    if (soonest(v0[r]! - v0[s]!, down) >= best) break;
    const d = firstAboveFlip(m, r, s, Math.min(best, m.length));
    if (d < best) best = d;
  }
  return best;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** One change of whether s is above r: at distance d, s becomes above (+1) or stops being above (−1). */
export interface AboveChange {
  readonly d: number;
  readonly s: number;
  readonly delta: 1 | -1;
}

/** Every change of "s above r" for the regions s of r's group (those `counted`) before `limit`, sorted by distance. */
export function aboveChanges(m: SideModel, v0: Float64Array, go: GroupOrder, top: GroupSlopes, r: number, limit: number, counted: (s: number) => boolean): AboveChange[] {
  const out: AboveChange[] = [];
  const { up, down } = closing(m, top, r);
  const p = go.pos[r]!;
  for (const step of [-1, 1]) {
    for (let k = p + step; k >= go.start[r]! && k < go.end[r]!; k += step) {
      const s = go.order[k]!;
      if (soonest(step < 0 ? v0[s]! - v0[r]! : v0[r]! - v0[s]!, step < 0 ? up : down) > limit) break;
      if (!counted(s)) continue;
      let above = v0[s]! > v0[r]! && !near(v0[s]!, v0[r]!);
      for (const c of signChanges(m, r, s, 0, limit, false)) {
        const now = c.after < 0;
        if (now !== above) out.push({ d: c.d, s, delta: now ? 1 : -1 });
        above = now;
      }
    }
  }
  return out.sort((a, b) => a.d - b.d);
}
