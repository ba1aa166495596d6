/**
 * First rank changes of every region of a grouping at once, along one side. Regions are taken in
 * their order at the current share (best first), their numbers laid out in that order (`Lanes`).
 * For region r:
 *
 * - the regions within `NEAR` places of it: the first step of every such pair's walk (up to the
 *   pair's first breakpoint) is taken for all pairs at once (`pairSteps`); most flips are found
 *   there. A pair left undecided is walked on (`firstAboveFlip`) only when its bounds leave room
 *   for a flip before the best one found;
 * - the regions further above: one lower envelope of their bound lines (v_s − tol + lowChord_s·d,
 *   the bound crossings.ts uses) says whether any of them could flip before the best flip found
 *   (hull.ts); the regions further below likewise, in a pass from the bottom. Only then are they
 *   scanned outwards one by one, until the rest cannot flip in time (`beyond`), or, after `SCAN`
 *   places, by the branch-and-bound search of crossings.ts.
 *
 * Every step uses `firstAboveFlip`'s arithmetic and flips do not depend on the search (pwl.ts), so
 * the answer is the earliest flip over every pair of the group, bit for bit, however it is found.
 */
import type { GroupOrder } from "./crossings.js";
import { PrefixHull } from "./hull.js";
import { firstAboveFlip, type SideModel } from "./pwl.js";

/** Places on each side of r whose pairs with r are stepped before the envelope of the rest is asked. */
const NEAR = 4;
/** Places scanned outwards one by one, when the envelope says a region further out may flip first, before the tree search takes over (by default). */
const SCAN = 128;

/** The rounding room added to every bound: four times the tie tolerance at the side's largest total (as RankIndex). */
export function boundSlack(m: SideModel): number {
  let scale = 1;
  for (let k = 0; k < m.ys.length; k++) scale = Math.max(scale, Math.abs(m.ys[k]!));
  return 4e-9 * scale;
}

/** What the sweep needs: the side's model, the order, the slack, and the search to fall back on. */
export interface SweepInput {
  readonly m: SideModel;
  readonly go: GroupOrder;
  readonly tol: number;
  /** The branch-and-bound search for region r seeded with a flip already found (built only when first needed). */
  readonly fallback: (r: number, seed: number) => number;
  /** Places a scan looks at before it hands over to `fallback` (default SCAN). */
  readonly scan?: number;
}

/**
 * For every region with `want[r]`, the first distance at which some region of its group flips
 * between above it and not (Infinity: none on the side), written to out[r]; `seed[r]`, when
 * given, is a flip known to change r's rank (the answer in a grouping that refines this one).
 */
export function firstRankChanges(inp: SweepInput, want: Uint8Array, seed: Float64Array | null, out: Float64Array): void {
  const go = inp.go;
  const order = go.order;
  const n = order.length;
  const ln = new Lanes(inp);
  const sw = new Sweep(inp, ln);
  const steps = pairSteps(ln, go, inp.m.length);
  const hull = new PrefixHull();
  const { v, low, high } = ln;
  const tol = inp.tol;
  for (let st = 0; st < n; st = go.end[order[st]!]!) {
    const en = go.end[order[st]!]!;
    // From the top: the pairs nearby, then the envelope of the places further above.
    hull.clear();
    let next = st;
    for (let p = st; p < en; p++) {
      for (; next < p - NEAR; next++) hull.add(v[next]! - tol, low[next]!);
      const r = order[p]!;
      if (!want[r]) continue;
      let best = seed ? seed[r]! : Infinity;
      const at = p * 2 * NEAR;
      let undecided = false;
      for (let i = 0; i < 2 * NEAR; i++) {
        const d = steps[at + i]!;
        if (d < best) {
          if (d >= 0) best = d;
          else undecided = true;
        }
      }
      // Pairs undecided by their first step (no flip up to −d) matter only when the best flip so far lies beyond.
      if (undecided) {
        for (let i = 0; i < 2 * NEAR; i++) {
          const d = steps[at + i]!;
          if (d < 0 && -d < best) best = sw.walkOn(p, i < NEAR ? p - 1 - i : p + 1 + i - NEAR, best);
        }
      }
      if (hull.meet(v[p]!, high[p]!, Math.min(best, sw.reach)) < best) best = sw.scan(p, p - NEAR - 1, st, -1, best);
      out[r] = best;
    }
    // From the bottom: the envelope of the places further below.
    hull.clear();
    next = en - 1;
    for (let p = en - 1; p >= st; p--) {
      for (; next > p + NEAR; next--) hull.add(-(v[next]! + tol), -high[next]!);
      const r = order[p]!;
      if (!want[r]) continue;
      const best = out[r]!;
      if (hull.meet(-v[p]!, -low[p]!, Math.min(best, sw.reach)) < best) out[r] = sw.scan(p, p + NEAR + 1, en, 1, best);
    }
  }
}

/** The per-region numbers the sweep reads, in the group order (neighbours are read in sequence). */
class Lanes {
  /** One scratch buffer shared by every sweep (a sweep runs to its end before the next starts). */
  private static scratch = new Float64Array(0);
  /** Total at d = 0, and the first breakpoint after it (distance and total). */
  readonly v: Float64Array;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  /** Chord bounds, and the extreme slopes of the pieces. */
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly minS: Float64Array;
  readonly maxS: Float64Array;
  /** The smallest lowChord from the group's start to each place, and the largest highChord from each place to the group's end. */
  readonly upMin: Float64Array;
  readonly downMax: Float64Array;

  constructor(inp: SweepInput) {
    const { m, go } = inp;
    const order = go.order;
    const n = order.length;
    if (Lanes.scratch.length < 9 * n) Lanes.scratch = new Float64Array(9 * n);
    const lane = (k: number) => Lanes.scratch.subarray(k * n, (k + 1) * n);
    [this.v, this.x1, this.y1, this.low, this.high, this.minS, this.maxS, this.upMin, this.downMax] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(lane) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    for (let k = 0; k < n; k++) {
      const r = order[k]!;
      const at = m.off[r]!;
      this.v[k] = m.ys[at]!;
      this.x1[k] = m.xs[at + 1]!;
      this.y1[k] = m.ys[at + 1]!;
      this.low[k] = m.lowChord[r]!;
      this.high[k] = m.highChord[r]!;
      this.minS[k] = m.minSlope[r]!;
      this.maxS[k] = m.maxSlope[r]!;
      this.upMin[k] = k > go.start[r]! ? Math.min(this.upMin[k - 1]!, this.low[k]!) : this.low[k]!;
    }
    for (let k = n - 1; k >= 0; k--) {
      this.downMax[k] = k + 1 < go.end[order[k]!]! ? Math.max(this.downMax[k + 1]!, this.high[k]!) : this.high[k]!;
    }
  }
}

let stepBuf = new Float64Array(0);

/**
 * The first step of `firstAboveFlip` (up to the pair's first breakpoint) for every pair of
 * places within NEAR of each other in a group, both ways at once, with the same arithmetic. For
 * place p, entry p·2·NEAR + i is its pair with place p − 1 − i (i < NEAR) or p + 1 + i − NEAR:
 * the flip when that step finds it (≥ 0); Infinity when there is none on the whole side (or no
 * such place); else −x, x being how far the step showed there is none.
 */
function pairSteps(ln: Lanes, go: GroupOrder, L: number): Float64Array {
  const n = go.order.length;
  if (stepBuf.length < n * 2 * NEAR) stepBuf = new Float64Array(n * 2 * NEAR);
  const out = stepBuf;
  out.fill(Infinity, 0, n * 2 * NEAR);
  const { v, x1, y1 } = ln;
  for (let st = 0; st < n; st = go.end[go.order[st]!]!) {
    const en = go.end[go.order[st]!]!;
    for (let j = 1; j <= NEAR; j++) {
      for (let p = st; p + j < en; p++) {
        // p above (its total is at least q's), q below.
        const q = p + j;
        const fa = v[p]!;
        const ga = v[q]!;
        const xr = x1[p]!;
        const xq = x1[q]!;
        const xb = xr < xq ? xr : xq;
        const fb = xb >= xr ? y1[p]! : fa + ((y1[p]! - fa) * xb) / xr;
        const gb = xb >= xq ? y1[q]! : ga + ((y1[q]! - ga) * xb) / xq;
        const tA = tied(fa, ga);
        const tB = tied(fb, gb);
        const none = xb >= L ? Infinity : -xb;
        // For p: "q strictly above p".
        const qAbove = ga > fa && !tA;
        const qNow = gb > fb && !tB;
        out[p * 2 * NEAR + NEAR + j - 1] = qNow !== qAbove ? (!qAbove && tA ? 0 : qAbove && tB ? xb : (xb * (ga - fa)) / (ga - fa - (gb - fb))) : none;
        // For q: "p strictly above q".
        const pAbove = fa > ga && !tA;
        const pNow = fb > gb && !tB;
        out[q * 2 * NEAR + j - 1] = pNow !== pAbove ? (!pAbove && tA ? 0 : pAbove && tB ? xb : (xb * (fa - ga)) / (fa - ga - (fb - gb))) : none;
      }
    }
  }
  return out;
}

/** The tie test of ranks (sameValue). */
function tied(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The work for one place at a time: pairs walked on, and scans outwards. */
class Sweep {
  readonly reach: number;
  private readonly length: number;
  private readonly scanLimit: number;

  constructor(private readonly inp: SweepInput, private readonly ln: Lanes) {
    this.length = inp.m.length;
    this.reach = this.length * (1 + 1e-9) + 1e-12;
    this.scanLimit = inp.scan ?? SCAN;
  }

  /** The smaller of `best` and the first flip of "the region at place k is strictly above the one at p". */
  flip(p: number, k: number, best: number): number {
    const limit = best < this.length ? best : this.length;
    if (!(limit > 0)) return best;
    const { v, x1, y1 } = this.ln;
    const fa = v[p]!;
    const ga = v[k]!;
    const xr = x1[p]!;
    const xq = x1[k]!;
    const xb = xr < xq ? xr : xq;
    const fb = xb >= xr ? y1[p]! : fa + ((y1[p]! - fa) * xb) / xr;
    const gb = xb >= xq ? y1[k]! : ga + ((y1[k]! - ga) * xb) / xq;
    const above = ga > fa && !tied(fa, ga);
    const now = gb > fb && !tied(fb, gb);
    if (now !== above) {
      const tieA = !above && tied(fa, ga);
      const tieB = above && tied(fb, gb);
      const d = tieA ? 0 : tieB ? xb : (xb * (ga - fa)) / (ga - fa - (gb - fb));
      return d <= limit && d < best ? d : best;
    }
    return xb >= limit ? best : this.walkOn(p, k, best);
  }

  /**
   * For a pair with no flip in its first step: the smaller of `best` and its flip, walked on only
   * when neither that step's end, nor its chord bound, nor the pair's extreme slopes after that
   * step rule out a flip before `best`.
   */
  walkOn(p: number, k: number, best: number): number {
    const limit = best < this.length ? best : this.length;
    const { v, x1, y1, low, high, minS, maxS } = this.ln;
    const xr = x1[p]!;
    const xq = x1[k]!;
    const xb = xr < xq ? xr : xq;
    if (!(limit > 0) || xb >= limit) return best;
    const tol = this.inp.tol;
    const gap = k < p ? v[k]! - tol - v[p]! : v[p]! - v[k]! - tol;
    const close = k < p ? high[p]! - low[k]! : high[k]! - low[p]!;
    if (gap > 0 && !(close > 0 && gap / close < limit)) return best;
    // From xb on, the gap there closes no faster than the pair's extreme slopes allow.
    const fb = xb >= xr ? y1[p]! : v[p]! + ((y1[p]! - v[p]!) * xb) / xr;
    const gb = xb >= xq ? y1[k]! : v[k]! + ((y1[k]! - v[k]!) * xb) / xq;
    const gap2 = k < p ? gb - fb - tol : fb - gb - tol;
    const close2 = k < p ? maxS[p]! - minS[k]! : maxS[k]! - minS[p]!;
    if (gap2 > 0 && !(close2 > 0 && xb + gap2 / close2 < limit)) return best;
    const order = this.inp.go.order;
    const d = firstAboveFlip(this.inp.m, order[p]!, order[k]!, limit);
    return d < best ? d : best;
  }

  /** The smaller of `best` and the earliest flip with the places from `from` outwards in direction `dir` (−1 up, +1 down) until `stop`. */
  scan(p: number, from: number, stop: number, dir: -1 | 1, best: number): number {
    let count = 0;
    for (let k = from; dir < 0 ? k >= stop : k < stop; k += dir) {
      if (this.beyond(p, k, dir, best)) return best;
      if (++count > this.scanLimit) return this.inp.fallback(this.inp.go.order[p]!, best);
      best = this.flip(p, k, best);
    }
    return best;
  }

  /**
   * True when no region at place k or further from p can flip with it before `best`: their lines
   * start no closer than k's (the order is by total) and close the gap no faster than the extreme
   * chord slope out there (a little slack keeps rounding on the safe side).
   */
  private beyond(p: number, k: number, dir: -1 | 1, best: number): boolean {
    const { v, low, high, upMin, downMax } = this.ln;
    const gap = dir < 0 ? v[k]! - this.inp.tol - v[p]! : v[p]! - v[k]! - this.inp.tol;
    if (gap <= 0) return false;
    const close = dir < 0 ? high[p]! - upMin[k]! : downMax[k]! - low[p]!;
    const limit = Math.min(best, this.reach) * (1 + 1e-9);
    return !(close > 0) || gap / close >= limit;
  }
}
