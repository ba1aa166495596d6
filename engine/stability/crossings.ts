/**
 * Where regions' totals cross, found without comparing every pair: regions are sorted by their
 * total at the current share, and a scan outward from region r stops once the gap to the next
 * region is too wide to close before the best crossing found so far (a gap g closes no sooner
 * than g / (|slope of r| + the largest |slope| of its group)).
 */
import type { Grouping } from "../ops/column.js";
import { BUCKET, envelopeTree, firstMeet, type EnvelopeTree } from "./envelope.js";
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
  const min = new Float64Array(g.ids.length);
  const max = new Float64Array(g.ids.length);
  for (let r = 0; r < g.ids.length; r++) {
    min[r] = lo[g.ids[r]!]!;
    max[r] = hi[g.ids[r]!]!;
  }
  return { min, max };
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
 * reverse (so r's rank changes there); Infinity when none does on the side. The regions above r
 * (before it in `go.order`) and below it are searched through envelope trees of slope bounds
 * (`RankIndex`), so only the few that can cross first are walked exactly.
 */
export function firstRankChange(m: SideModel, v0: Float64Array, go: GroupOrder, ix: RankIndex, r: number, seed = Infinity): number {
  return ix.first(m, v0, go, r, seed);
}

/**
 * True when every group of `fine` lies within one group of `coarse`: r's first rank change in
 * `coarse` then comes no later than in `fine` (every crossing within its fine group is one within
 * its coarse group), so the fine answer seeds the coarse search (`firstRankChange`'s `seed`).
 */
export function refines(fine: Grouping, coarse: Grouping): boolean {
  const to = new Int32Array(fine.count).fill(-1);
  for (let r = 0; r < fine.ids.length; r++) {
    const f = fine.ids[r]!;
    if (to[f] === -1) to[f] = coarse.ids[r]!;
    else if (to[f] !== coarse.ids[r]) return false;
  }
  return true;
}

/**
 * Lower bounds on when two regions can cross, indexed by position in a group order. For s above
 * r the gap v_s − v_r closes no sooner than the first d with v_s − tol + minSlope_s·d ≤ v_r +
 * maxSlope_r·d (tol covers the tie tolerance); for s below r symmetrically. The bounds of a whole
 * range of positions come from the lower envelope of those lines (envelope.ts).
 */
export class RankIndex {
  private readonly up: EnvelopeTree;
  private readonly down: EnvelopeTree;
  private readonly upFar: Float64Array;
  private readonly downFar: Float64Array;
  private best = Infinity;
  /** Set once nothing further out on the side being searched can change the answer. */
  private stop = false;
  private r = 0;
  private a = 0;
  private b = 0;
  private m: SideModel | null = null;
  private order: Int32Array = new Int32Array(0);

  constructor(m: SideModel, v0: Float64Array, go: GroupOrder) {
    const n = go.order.length;
    let scale = 1;
    for (let k = 0; k < m.ys.length; k++) scale = Math.max(scale, Math.abs(m.ys[k]!));
    const tol = 4e-9 * scale;
    const uc = new Float64Array(n), us = new Float64Array(n), dc = new Float64Array(n), ds = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const s = go.order[k]!;
      uc[k] = v0[s]! - tol;
      us[k] = m.lowChord[s]!;
      dc[k] = -(v0[s]! + tol);
      ds[k] = -m.highChord[s]!;
    }
    this.up = envelopeTree(uc, us);
    this.down = envelopeTree(dc, ds);
    // The smallest slope from the start of each group to each position (up), and from each position to the group's end (down).
    this.upFar = new Float64Array(n);
    this.downFar = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const s = go.order[k]!;
      this.upFar[k] = k > go.start[s]! ? Math.min(this.upFar[k - 1]!, us[k]!) : us[k]!;
    }
    for (let k = n - 1; k >= 0; k--) {
      const s = go.order[k]!;
      this.downFar[k] = k + 1 < go.end[s]! ? Math.min(this.downFar[k + 1]!, ds[k]!) : ds[k]!;
    }
  }

  /** firstRankChange for region r; `seed` bounds the answer from above (a flip known to change r's rank). */
  first(m: SideModel, v0: Float64Array, go: GroupOrder, r: number, seed = Infinity): number {
    this.m = m;
    this.order = go.order;
    this.r = r;
    this.best = seed;
    const p = go.pos[r]!;
    this.a = v0[r]!;
    this.b = m.highChord[r]!;
    this.outwards(this.up, go.start[r]!, p, true);
    this.a = -v0[r]!;
    this.b = -m.lowChord[r]!;
    this.outwards(this.down, p + 1, go.end[r]!, false);
    return this.best;
  }

  /**
   * Searches positions [lo, hi) from the end next to r outwards: the lines of the bucket next to
   * r, then the sibling subtrees met going up from that bucket, nearest first.
   */
  private outwards(t: EnvelopeTree, lo: number, hi: number, leftwards: boolean): void {
    if (lo >= hi) return;
    const bucket = Math.floor((leftwards ? hi - 1 : lo) / BUCKET);
    let node = t.leaves + bucket;
    let nlo = bucket * BUCKET;
    let nhi = nlo + BUCKET;
    this.stop = false;
    this.lines(t, Math.max(lo, nlo), Math.min(hi, nhi), leftwards);
    let size = BUCKET;
    while (!this.stop && node > 1 && (leftwards ? nlo > lo : nhi < hi)) {
      // Every line further out starts no lower than the nearest one left and falls no faster than the steepest of all.
      if (leftwards ? this.beyond(t, nlo - 1, this.upFar[nlo - 1]!) : this.beyond(t, nhi, this.downFar[nhi]!)) break;
      if (leftwards && node & 1) {
        this.visit(t, node - 1, nlo - size, nlo, lo, hi, true);
        nlo -= size;
      } else if (!leftwards && !(node & 1)) {
        this.visit(t, node + 1, nhi, nhi + size, lo, hi, false);
        nhi += size;
      }
      node >>= 1;
      size *= 2;
    }
  }

  /**
   * True when no line at position k or further from r can meet r's line before the best flip so
   * far: the lines there start at or above line k's (the order is by total) and fall no faster
   * than `far`, the smallest slope among them (a little slack keeps rounding on the safe side).
   */
  private beyond(t: EnvelopeTree, k: number, far: number): boolean {
    const c = t.c[k]!;
    if (c <= this.a) return false;
    const limit = Math.min(this.best, this.m!.length * (1 + 1e-9) + 1e-12) * (1 + 1e-9);
    return !(far < this.b) || (c - this.a) / (this.b - far) >= limit;
  }

  /** Looks at the lines of positions [from, to) one by one (nearest to r first), walking those that may cross first. */
  private lines(t: EnvelopeTree, from: number, to: number, rightFirst: boolean): void {
    const reach = this.m!.length * (1 + 1e-9) + 1e-12;
    const far = rightFirst ? this.upFar : this.downFar;
    for (let i = 0; i < to - from; i++) {
      const k = rightFirst ? to - 1 - i : from + i;
      // This line and every one further out cannot meet r's line in time: the side is done.
      if (i > 0 && this.beyond(t, k, far[k]!)) { this.stop = true; return; }
      const c = t.c[k]!;
      const sl = t.s[k]!;
      const bound = c <= this.a ? 0 : sl < this.b ? (c - this.a) / (this.b - sl) : Infinity;
      if (bound >= this.best || bound > reach) continue;
      const d = firstAboveFlip(this.m!, this.r, this.order[k]!, Math.min(this.best, this.m!.length));
      if (d < this.best) this.best = d;
    }
  }

  /** Branch and bound over the positions [lo, hi) of node `node` (covering [nlo, nhi)), nearest to r first. */
  private visit(t: EnvelopeTree, node: number, nlo: number, nhi: number, lo: number, hi: number, rightFirst: boolean): void {
    if (this.stop || nhi <= lo || nlo >= hi) return;
    const reach = this.m!.length * (1 + 1e-9) + 1e-12;
    if (firstMeet(t, node, this.a, this.b, Math.min(this.best, reach)) >= this.best) return;
    if (node >= t.leaves) {
      this.lines(t, Math.max(lo, nlo), Math.min(hi, nhi), rightFirst);
      return;
    }
    const mid = (nlo + nhi) >>> 1;
    if (rightFirst) {
      this.visit(t, 2 * node + 1, mid, nhi, lo, hi, rightFirst);
      this.visit(t, 2 * node, nlo, mid, lo, hi, rightFirst);
    } else {
      this.visit(t, 2 * node, nlo, mid, lo, hi, rightFirst);
      this.visit(t, 2 * node + 1, mid, nhi, lo, hi, rightFirst);
    }
  }
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
