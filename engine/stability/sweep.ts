/**
 * First rank changes of every region of a grouping at once, along one side. Regions are taken in
 * their order at the current share (best first), their numbers laid out in that order (`Lanes`).
 * For region r:
 *
 * - the regions within `NEAR` places of it: the first step of every such pair's walk (up to the
 *   pair's first breakpoint) is taken once for both regions of the pair (`PairSteps`); most flips
 *   are found there. A pair left undecided is walked on (`firstAboveFlip`) only when its bounds
 *   leave room for a flip before the best one found;
 * - the regions further above, then further below: scanned outwards until the rest cannot flip
 *   in time (`beyond`: their bound lines v_s − tol + lowChord_s·d, as crossings.ts uses, against
 *   r's), a block of `BLOCK` places at a time skipped when the block's extreme chord slope cannot
 *   close the gap in time, the other places stepped one by one; after `SCAN` places stepped, the
 *   branch-and-bound search of crossings.ts takes over.
 *
 * Every step uses `firstAboveFlip`'s arithmetic and flips do not depend on the search (pwl.ts), so
 * the answer is the earliest flip over every pair of the group, bit for bit, however it is found.
 */
import type { GroupOrder } from "./crossings.js";
import { aboveFlipFrom, firstAboveFlip, type SideModel } from "./pwl.js";

/** Places on each side of r whose pairs with r are stepped (both ways at once) before the rest is scanned. */
const NEAR = 4;
/** Places per block whose extreme chord slopes let a scan skip the block at once (a power of two: 1 << SHIFT). */
const SHIFT = 3;
const BLOCK = 1 << SHIFT;
/** Places a scan steps one by one before the tree search takes over (by default). */
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
  const steps = new PairSteps(ln, inp.m.length);
  const mine = steps.mine;
  for (let st = 0; st < n; st = go.end[order[st]!]!) {
    const en = go.end[order[st]!]!;
    for (let p = st; p < en; p++) {
      // Every place's pairs are stepped (those below keep their half for later places), wanted or not.
      steps.at(p, st, en);
      const r = order[p]!;
      if (!want[r]) continue;
      let best = seed ? seed[r]! : Infinity;
      let undecided = false;
      for (let i = 0; i < 2 * NEAR; i++) {
        const d = mine[i]!;
        if (d < best) {
          if (d >= 0) best = d;
          else undecided = true;
        }
      }
      // Pairs undecided by their first step (no flip up to −d) matter only when the best flip so far lies beyond.
      if (undecided) {
        for (let i = 0; i < 2 * NEAR; i++) {
          const d = mine[i]!;
          if (d < 0 && -d < best) best = sw.walkOn(p, i < NEAR ? p - 1 - i : p + 1 + i - NEAR, best);
        }
      }
      // The places further above, then further below.
      best = sw.scan(p, p - NEAR - 1, st, -1, best);
      out[r] = sw.scan(p, p + NEAR + 1, en, 1, best);
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
  /** Chord bounds. */
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** The smallest lowChord from the group's start to each place, and the largest highChord from each place to the group's end. */
  readonly upMin: Float64Array;
  readonly downMax: Float64Array;
  /** The smallest lowChord and the largest highChord of each block of places k >> SHIFT. */
  readonly blockLow: Float64Array;
  readonly blockHigh: Float64Array;

  constructor(inp: SweepInput) {
    const { m, go } = inp;
    const order = go.order;
    const n = order.length;
    const nb = (n >> SHIFT) + 1;
    if (Lanes.scratch.length < 7 * n + 2 * nb) Lanes.scratch = new Float64Array(7 * n + 2 * nb);
    const b = Lanes.scratch;
    const v = (this.v = b.subarray(0, n));
    const x1 = (this.x1 = b.subarray(n, 2 * n));
    const y1 = (this.y1 = b.subarray(2 * n, 3 * n));
    const low = (this.low = b.subarray(3 * n, 4 * n));
    const high = (this.high = b.subarray(4 * n, 5 * n));
    const upMin = (this.upMin = b.subarray(5 * n, 6 * n));
    const downMax = (this.downMax = b.subarray(6 * n, 7 * n));
    const blockLow = (this.blockLow = b.subarray(7 * n, 7 * n + nb));
    const blockHigh = (this.blockHigh = b.subarray(7 * n + nb, 7 * n + 2 * nb));
    const { off, xs, ys, lowChord, highChord } = m;
    const start = go.start;
    const end = go.end;
    for (let k = 0; k < n; k++) {
      const r = order[k]!;
      const at = off[r]!;
      v[k] = ys[at]!;
      x1[k] = xs[at + 1]!;
      y1[k] = ys[at + 1]!;
      const lo = (low[k] = lowChord[r]!);
      const hi = (high[k] = highChord[r]!);
      upMin[k] = k > start[r]! ? Math.min(upMin[k - 1]!, lo) : lo;
      const bk = k >> SHIFT;
      if ((k & (BLOCK - 1)) === 0) {
        blockLow[bk] = lo;
        blockHigh[bk] = hi;
      } else {
        if (lo < blockLow[bk]!) blockLow[bk] = lo;
        if (hi > blockHigh[bk]!) blockHigh[bk] = hi;
      }
    }
    for (let k = n - 1; k >= 0; k--) {
      downMax[k] = k + 1 < end[order[k]!]! ? Math.max(downMax[k + 1]!, high[k]!) : high[k]!;
    }
  }
}

/** Ring slots of the pair steps kept for the places below (more than NEAR, a power of two). */
const RING = 8;

/**
 * The first step of `firstAboveFlip` (up to the pair's first breakpoint) for the pairs of a place
 * with the places within NEAR of it in its group, with the same arithmetic. `at(p)` fills `mine`:
 * entry i is p's pair with place p − 1 − i (i < NEAR) or p + 1 + i − NEAR: the flip when that
 * step finds it (≥ 0); Infinity when there is none on the whole side (or no such place); else
 * −x, x being how far the step showed there is none. Each pair is stepped once, both ways: the
 * half for the place below is kept in a ring until that place's turn (places in order).
 */
class PairSteps {
  readonly mine = new Float64Array(2 * NEAR);
  private readonly ring = new Float64Array(RING * NEAR);

  constructor(private readonly ln: Lanes, private readonly L: number) {}

  /** Fills `mine` for place p of the group [st, en); the places before p in the group must have had their turn. */
  at(p: number, st: number, en: number): void {
    const { v, x1, y1 } = this.ln;
    const mine = this.mine;
    const ring = this.ring;
    const L = this.L;
    const slot = (p & (RING - 1)) * NEAR;
    for (let i = 0; i < NEAR; i++) mine[i] = p - 1 - i >= st ? ring[slot + i]! : Infinity;
    const fa = v[p]!;
    const xr = x1[p]!;
    const yr = y1[p]!;
    for (let j = 1; j <= NEAR; j++) {
      const q = p + j;
      if (q >= en) {
        mine[NEAR + j - 1] = Infinity;
        continue;
      }
      // p above (its total is at least q's), q below.
      const ga = v[q]!;
      const xq = x1[q]!;
      const xb = xr < xq ? xr : xq;
      const fb = xb >= xr ? yr : fa + ((yr - fa) * xb) / xr;
      const gb = xb >= xq ? y1[q]! : ga + ((y1[q]! - ga) * xb) / xq;
      const tA = tied(fa, ga);
      const tB = tied(fb, gb);
      const none = xb >= L ? Infinity : -xb;
      // For p: "q strictly above p".
      const qAbove = ga > fa && !tA;
      const qNow = gb > fb && !tB;
      mine[NEAR + j - 1] = qNow !== qAbove ? (!qAbove && tA ? 0 : qAbove && tB ? xb : (xb * (ga - fa)) / (ga - fa - (gb - fb))) : none;
      // For q: "p strictly above q".
      const pAbove = fa > ga && !tA;
      const pNow = fb > gb && !tB;
      ring[(q & (RING - 1)) * NEAR + j - 1] = pNow !== pAbove ? (!pAbove && tA ? 0 : pAbove && tB ? xb : (xb * (fa - ga)) / (fa - ga - (fb - gb))) : none;
    }
  }
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

  /** The smaller of `best` and the first flip of "the region at place k is strictly above the one at p" (a scan's step). */
  flip(p: number, k: number, best: number): number {
    const limit = best < this.length ? best : this.length;
    if (!(limit > 0)) return best;
    const { v, x1, y1, low, high } = this.ln;
    const fa = v[p]!;
    const ga = v[k]!;
    // The pair's chord bounds first (as walkOn): a pair they keep apart until `limit` has no flip before it.
    const gap = k < p ? ga - this.inp.tol - fa : fa - ga - this.inp.tol;
    if (gap > 0) {
      const close = k < p ? high[p]! - low[k]! : high[k]! - low[p]!;
      if (!(close > 0 && gap / close < limit)) return best;
    }
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
    const { v, x1, y1, low, high } = this.ln;
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
    const order = this.inp.go.order;
    const { minSlope, maxSlope } = this.inp.m;
    const rp = order[p]!;
    const rk = order[k]!;
    const close2 = k < p ? maxSlope[rp]! - minSlope[rk]! : maxSlope[rk]! - minSlope[rp]!;
    if (gap2 > 0 && !(close2 > 0 && xb + gap2 / close2 < limit)) return best;
    // Resumed after that step (the same numbers as a walk from d = 0), unless it ended at d = 0.
    const m = this.inp.m;
    const above = v[k]! > v[p]! && !tied(v[p]!, v[k]!);
    const d =
      xb > 0
        ? aboveFlipFrom(m, rp, rk, limit, m.off[rp]! + (xb >= xr ? 1 : 0), m.off[rk]! + (xb >= xq ? 1 : 0), xb, fb, gb, above)
        : firstAboveFlip(m, rp, rk, limit);
    return d < best ? d : best;
  }

  /**
   * The smaller of `best` and the earliest flip with the places from `from` outwards in direction
   * `dir` (−1 up, +1 down) until `stop`: until the rest cannot flip in time (`beyond`), skipping
   * the blocks that cannot (`apart`), stepping the others' places one by one (`flip`), and after
   * `scanLimit` places handing over to the tree search.
   */
  scan(p: number, from: number, stop: number, dir: -1 | 1, best: number): number {
    let count = 0;
    let k = from;
    while (dir < 0 ? k >= stop : k < stop) {
      if (this.beyond(p, k, dir, best)) return best;
      // The places from k to the end of its block (towards stop).
      const b = k >> SHIFT;
      const edge = dir < 0 ? Math.max(stop, b << SHIFT) - 1 : Math.min(stop, (b + 1) << SHIFT);
      if (this.apart(p, k, b, dir, best)) {
        k = edge;
        continue;
      }
      for (let first = true; k !== edge; k += dir, first = false) {
        if (!first && this.beyond(p, k, dir, best)) return best;
        if (++count > this.scanLimit) return this.inp.fallback(this.inp.go.order[p]!, best);
        best = this.flip(p, k, best);
      }
    }
    return best;
  }

  /**
   * True when no region from place k to the end of its block b (away from p) can flip with it
   * before `best`: their lines start no closer than k's and close the gap no faster than the
   * block's extreme chord slope (the same slack as `beyond`).
   */
  private apart(p: number, k: number, b: number, dir: -1 | 1, best: number): boolean {
    return this.outOfReach(p, k, dir, best, dir < 0 ? this.ln.blockLow[b]! : this.ln.blockHigh[b]!);
  }

  /**
   * True when no region at place k or further from p can flip with it before `best`: their lines
   * start no closer than k's (the order is by total) and close the gap no faster than the extreme
   * chord slope out there (a little slack keeps rounding on the safe side).
   */
  private beyond(p: number, k: number, dir: -1 | 1, best: number): boolean {
    return this.outOfReach(p, k, dir, best, dir < 0 ? this.ln.upMin[k]! : this.ln.downMax[k]!);
  }

  /**
   * True when regions starting no closer to p than place k, whose chord slopes are at most (above
   * p) / at least (below) `slope`, cannot close the gap to p before `best` (with `beyond`'s slack).
   */
  private outOfReach(p: number, k: number, dir: -1 | 1, best: number, slope: number): boolean {
    const { v, low, high } = this.ln;
    const gap = dir < 0 ? v[k]! - this.inp.tol - v[p]! : v[p]! - v[k]! - this.inp.tol;
    if (gap <= 0) return false;
    const close = dir < 0 ? high[p]! - slope : slope - low[p]!;
    const limit = Math.min(best, this.reach) * (1 + 1e-9);
    return !(close > 0) || gap / close >= limit;
  }
}
