/**
 * The quota boundary's candidates at one event (level.ts): their values at d = 0, chord and
 * extreme slopes read once per side, and, at each event, where each stands against the level —
 * certainly above or below it by its chord bounds, or read exactly. Candidates are also taken in
 * blocks of BLOCK with the block's extremes: a block whose bounds clear the level is certainly
 * above or below as a whole, each of its candidates as its own bounds would place it (the
 * arithmetic is monotone), so it is placed one candidate at a time only when it is read.
 */
import { valueAt, type SideModel } from "./pwl.js";

/** Where a candidate (or a whole block) stands against the level: certainly above or below it, or read exactly (a block: placed one by one). */
export const ABOVE = 1, BELOW = -1, EXACT = 0;

/** Candidates per block (a power of two: block b holds candidates [b·BLOCK, (b + 1)·BLOCK)). */
export const SHIFT = 4;
const BLOCK = 1 << SHIFT;

/**
 * The candidates' values at d = 0, chord slopes and extreme slopes, in candidate order (read
 * once, scanned at every event); their extremes overall and per block; and whether the
 * candidates come best first.
 */
export interface CandBounds {
  v0: Float64Array; low: Float64Array; high: Float64Array; min: Float64Array; max: Float64Array;
  /** Per block: the smallest and largest v0, the smallest chord and slope, the largest chord and slope. */
  bv0: Float64Array; bv1: Float64Array; blow: Float64Array; bmin: Float64Array; bhigh: Float64Array; bmax: Float64Array;
  lowest: number; highest: number; rate: number; big: number; sorted: boolean;
}

/** Buffers reused by every side (one runs to its end before the next starts). */
let scratch = new Float64Array(0);
let blockScratch = new Float64Array(0);

/** Lane k (0..6) of the candidate scratch buffer, n long (grown as needed). */
function lane(k: number, n: number): Float64Array {
  if (scratch.length < 7 * n) scratch = new Float64Array(7 * n);
  return scratch.subarray(k * n, (k + 1) * n);
}

/** Lane k (0..5) of the per-block buffers, nb long. */
function blockLane(k: number, nb: number): Float64Array {
  if (blockScratch.length < 6 * nb) blockScratch = new Float64Array(6 * nb);
  return blockScratch.subarray(k * nb, (k + 1) * nb);
}

/** Two more lanes of the candidate scratch (values read, gaps below the level), for `kthLevel`. */
export function valueLanes(n: number): [Float64Array, Float64Array] {
  return [lane(5, n), lane(6, n)];
}

/** Each candidate array's inverse: the place of each region among the candidates (−1: not one), for n regions. */
const places = new WeakMap<Int32Array, Int32Array>();

function placesOf(cand: Int32Array, n: number): Int32Array {
  let p = places.get(cand);
  if (!p || p.length !== n) {
    p = new Int32Array(n).fill(-1);
    for (let i = 0; i < cand.length; i++) p[cand[i]!] = i;
    places.set(cand, p);
  }
  return p;
}

/** Reads the candidates' bounds from the side model in region order (the model's own order), and each block's extremes. */
export function candBounds(m: SideModel, cand: Int32Array): CandBounds {
  const n = cand.length;
  const v0 = lane(0, n), low = lane(1, n), high = lane(2, n), min = lane(3, n), max = lane(4, n);
  let lowest = Infinity, highest = -Infinity, big = 1, sorted = true;
  let smin = Infinity;
  let smax = -Infinity;
  const regions = m.off.length - 1;
  const at = placesOf(cand, regions);
  const { off, ys, lowChord, highChord, minSlope, maxSlope } = m;
  for (let r = 0; r < regions; r++) {
    const i = at[r]!;
    if (i < 0) continue;
    const v = ys[off[r]!]!;
    const lc = lowChord[r]!;
    const hc = highChord[r]!;
    const mi = minSlope[r]!;
    const ma = maxSlope[r]!;
    v0[i] = v;
    low[i] = lc;
    high[i] = hc;
    min[i] = mi;
    max[i] = ma;
    if (lc < lowest) lowest = lc;
    if (hc > highest) highest = hc;
    if (mi < smin) smin = mi;
    if (ma > smax) smax = ma;
    big = Math.max(big, (Math.abs(v) + Math.max(Math.abs(lc), Math.abs(hc)) * m.length) * (1 + 1e-9));
  }
  for (let i = 1; i < n; i++) if (!(v0[i]! <= v0[i - 1]!)) { sorted = false; break; }
  const c = { v0, low, high, min, max, lowest, highest, rate: smax - smin, big, sorted } as CandBounds;
  blockExtremes(c, n);
  return c;
}

/** Each block's extremes of the candidates' v0, chords and slopes. */
function blockExtremes(c: CandBounds, n: number): void {
  const nb = (n + BLOCK - 1) >> SHIFT;
  const bv0 = blockLane(0, nb), bv1 = blockLane(1, nb), blow = blockLane(2, nb), bmin = blockLane(3, nb), bhigh = blockLane(4, nb), bmax = blockLane(5, nb);
  for (let b = 0; b < nb; b++) {
    let v0 = Infinity, v1 = -Infinity, lo = Infinity, mi = Infinity, hi = -Infinity, ma = -Infinity;
    for (let i = b << SHIFT, end = Math.min(n, (b + 1) << SHIFT); i < end; i++) {
      const v = c.v0[i]!;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
      if (c.low[i]! < lo) lo = c.low[i]!;
      if (c.min[i]! < mi) mi = c.min[i]!;
      if (c.high[i]! > hi) hi = c.high[i]!;
      if (c.max[i]! > ma) ma = c.max[i]!;
    }
    bv0[b] = v0; bv1[b] = v1; blow[b] = lo; bmin[b] = mi; bhigh[b] = hi; bmax[b] = ma;
  }
  Object.assign(c, { bv0, bv1, blow, bmin, bhigh, bmax });
}

/**
 * Sorts the candidates [from, to) against `level` at distance d without reading most of their
 * values: a total lies between v0 + lowChord·d and v0 + highChord·d, so one whose bounds clear
 * the level by more than the tie tolerance (with room for rounding) is ABOVE or BELOW; the rest
 * are read. Records how far each certain one is from the level at least (in `low`).
 */
export function place(c: CandBounds, m: SideModel, cand: Int32Array, from: number, to: number, d: number, level: number, y: Float64Array, where: Int8Array, low: Float64Array): void {
  const lev = Math.max(1, Math.abs(level));
  for (let i = from; i < to; i++) {
    const v0 = c.v0[i]!;
    const lb = v0 + c.low[i]! * d;
    const ub = v0 + c.high[i]! * d;
    const margin = 3e-9 * Math.max(lev, Math.abs(lb), Math.abs(ub));
    if (lb - level > margin) { where[i] = ABOVE; low[i] = lb - level - margin; }
    else if (level - ub > margin) { where[i] = BELOW; low[i] = level - ub - margin; }
    else { where[i] = EXACT; y[i] = valueAt(m, cand[i]!, d); }
  }
}

/**
 * Places the blocks of candidates [from, to) against `level` at d: a block whose bounds clear
 * the level is ABOVE or BELOW as a whole (`state`; `gap`: how far at least), with its candidates
 * left unplaced; the others (EXACT) are placed one by one (`place`).
 */
export function placeBlocks(c: CandBounds, m: SideModel, cand: Int32Array, from: number, to: number, d: number, level: number, y: Float64Array, where: Int8Array, low: Float64Array, state: Int8Array, gap: Float64Array): void {
  const lev = Math.max(1, Math.abs(level));
  for (let b = from >> SHIFT, last = (to - 1) >> SHIFT; b <= last; b++) {
    const lb = c.bv0[b]! + c.blow[b]! * d;
    const ub = c.bv1[b]! + c.bhigh[b]! * d;
    const margin = 3e-9 * Math.max(lev, Math.abs(lb), Math.abs(ub));
    if (lb - level > margin) { state[b] = ABOVE; gap[b] = lb - level - margin; }
    else if (level - ub > margin) { state[b] = BELOW; gap[b] = level - ub - margin; }
    else {
      state[b] = EXACT;
      place(c, m, cand, Math.max(from, b << SHIFT), Math.min(to, (b + 1) << SHIFT), d, level, y, where, low);
    }
  }
}

/**
 * The candidates [from, to) the event at d must look at, the others being certainly above (before
 * `from`) or below (from `to`) the level by a gap no candidate can close before the side's end:
 * with candidates best first, a candidate's total is at least v0 + lowest·d and at most
 * v0 + highest·d, and any gap closes at most at `rate` (the group's slope spread).
 */
export function window(c: CandBounds, n: number, d: number, level: number, L: number): [number, number] {
  if (!c.sorted) return [0, n];
  const slack = 3e-9 * Math.max(1, Math.abs(level), c.big) + 1e-9 * Math.max(1, Math.abs(level), c.big);
  const far = (gap: number) => gap > 0 && (c.rate <= 0 || d + gap / c.rate >= L);
  // The first candidate not certainly far above, and the first certainly far below.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (far(c.v0[mid]! + c.lowest * d - level - slack)) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (far(level - (c.v0[mid]! + c.highest * d) - slack)) hi = mid;
    else lo = mid + 1;
  }
  return [from, lo];
}
