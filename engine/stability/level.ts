/**
 * The quota boundary along one side of a share move: the k-th largest total among the regions
 * counted for a quota, as a piecewise-linear function of the distance (the k-level of the
 * regions' totals). With simple grading (grading.ts) a region is kept out of the first level by
 * the quota exactly while that boundary is strictly above its own total (c ≥ k), so its grade
 * can change only where its total crosses the boundary or a threshold. The boundary is followed
 * kinetically: from the region holding it, to the next region that crosses that one.
 */
import { sameValue } from "../ops/column.js";
import { changesAgainst, changesInto, valueAt, type ChangeList, type SideModel, type SignChange } from "./pwl.js";

/** A piecewise-linear function of the distance on one side (breakpoints, ascending). */
export interface Pwl {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

/** The slope of region r's total just after distance d. */
function slopeAfter(m: SideModel, r: number, d: number): number {
  const end = m.off[r + 1]! - 1;
  let k = m.off[r]!;
  while (k < end - 1 && m.xs[k + 1]! <= d) k++;
  const dx = m.xs[k + 1]! - m.xs[k]!;
  return dx > 0 ? (m.ys[k + 1]! - m.ys[k]!) / dx : 0;
}

/** Where a candidate stands against the level at the current distance: certainly above or below it (by its chord bounds), or read exactly. */
const ABOVE = 1, BELOW = -1, EXACT = 0;

/**
 * The region at the k-th place (1-based) among `cand` at distance d, ties ordered by the slope
 * after d: among the regions tied with `level` (the k-th value), the one at place k. Only
 * candidates [from, to) are looked at (those before are above, those after below); those marked
 * ABOVE or BELOW in `where` are certainly not tied; the others have their value in y.
 */
function holder(m: SideModel, cand: Int32Array, y: Float64Array, where: Int8Array, from: number, to: number, k: number, d: number, level: number): number {
  let above = from;
  const tied: number[] = [];
  for (let i = from; i < to; i++) {
    if (where[i] === ABOVE) above++;
    else if (where[i] === BELOW) continue;
    else if (sameValue(y[i]!, level)) tied.push(i);
    else if (y[i]! > level) above++;
  }
  if (tied.length === 1) return cand[tied[0]!]!;
  const sl = new Map(tied.map((i) => [i, slopeAfter(m, cand[i]!, d)] as const));
  tied.sort((i, j) => sl.get(j)! - sl.get(i)! || y[j]! - y[i]!);
  return cand[tied[Math.min(tied.length - 1, Math.max(0, k - 1 - above))]!]!;
}

/**
 * Sorts the candidates against `level` at distance d without reading most of their values: a
 * total lies between v0 + lowChord·d and v0 + highChord·d, so one whose bounds clear the level by
 * more than the tie tolerance (with room for rounding) is ABOVE or BELOW; the rest are read.
 * Returns how far each certain one is from the level at least (in `low`).
 */
function place(c: CandBounds, m: SideModel, cand: Int32Array, from: number, to: number, d: number, level: number, y: Float64Array, where: Int8Array, low: Float64Array): void {
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
 * The candidates' values at d = 0, chord slopes and extreme slopes, in candidate order (read
 * once, scanned at every event); their extremes; and whether the candidates come best first.
 */
interface CandBounds {
  v0: Float64Array; low: Float64Array; high: Float64Array; min: Float64Array; max: Float64Array;
  lowest: number; highest: number; rate: number; big: number; sorted: boolean;
}

/** Buffers reused by every `kthLevel` (one runs to its end before the next starts): five for the bounds, two for y and low. */
let scratch = new Float64Array(0);
let scratchWhere = new Int8Array(0);

/** Lane k (0..6) of the scratch buffers, n long. */
function lane(k: number, n: number): Float64Array {
  if (scratch.length < 7 * n) scratch = new Float64Array(7 * n);
  return scratch.subarray(k * n, (k + 1) * n);
}

function candBounds(m: SideModel, cand: Int32Array): CandBounds {
  const n = cand.length;
  const v0 = lane(0, n), low = lane(1, n), high = lane(2, n), min = lane(3, n), max = lane(4, n);
  let lowest = Infinity, highest = -Infinity, big = 1, sorted = true;
  let smin = Infinity;
  let smax = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = cand[i]!;
    const v = m.ys[m.off[r]!]!;
    const lc = m.lowChord[r]!;
    const hc = m.highChord[r]!;
    v0[i] = v;
    low[i] = lc;
    high[i] = hc;
    min[i] = m.minSlope[r]!;
    max[i] = m.maxSlope[r]!;
    if (lc < lowest) lowest = lc;
    if (hc > highest) highest = hc;
    if (min[i]! < smin) smin = min[i]!;
    if (max[i]! > smax) smax = max[i]!;
    big = Math.max(big, (Math.abs(v) + Math.max(Math.abs(lc), Math.abs(hc)) * m.length) * (1 + 1e-9));
    if (i > 0 && !(v <= v0[i - 1]!)) sorted = false;
  }
  return { v0, low, high, min, max, lowest, highest, rate: smax - smin, big, sorted };
}

/**
 * The candidates [from, to) the event at d must look at, the others being certainly above (before
 * `from`) or below (from `to`) the level by a gap no candidate can close before the side's end:
 * with candidates best first, a candidate's total is at least v0 + lowest·d and at most
 * v0 + highest·d, and any gap closes at most at `rate` (the group's slope spread).
 */
function window(c: CandBounds, n: number, d: number, level: number, L: number): [number, number] {
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

/** The k-th largest of the values (1-based). */
function kth(y: Float64Array, k: number): number {
  return Float64Array.from(y).sort().reverse()[k - 1]!;
}

/**
 * The first distance in (from, limit] where regions a and s cross (their difference changes
 * strict sign, touches zero, or stops coinciding); Infinity when they do not.
 */
function nextCross(m: SideModel, a: number, s: number, from: number, limit: number): number {
  const aEnd = m.off[a + 1]! - 1;
  const sEnd = m.off[s + 1]! - 1;
  let i = m.off[a]!;
  let j = m.off[s]!;
  while (i < aEnd - 1 && m.xs[i + 1]! <= from) i++;
  while (j < sEnd - 1 && m.xs[j + 1]! <= from) j++;
  let x = from;
  // a's value at x, carried from one step to the next (each value read once).
  let ax = valueAt(m, a, x);
  let da = valueAt(m, s, x) - ax;
  let together = false;
  while (x < limit) {
    const xb = Math.min(m.xs[i + 1]!, m.xs[j + 1]!, limit);
    const ab = valueAt(m, a, xb);
    const db = valueAt(m, s, xb) - ab;
    const tiedA = sameValue(da + ax, ax);
    const tiedB = sameValue(db + ab, ab);
    if (together && !(tiedA && tiedB) && x > from) return x;
    // Zeros at the start (the crossing just left behind, up to rounding) do not count.
    if (da * db < 0) {
      const z = x + ((xb - x) * da) / (da - db);
      if (z > from + 1e-12 * Math.max(1, limit)) return z;
    }
    if (db === 0 && da !== 0 && xb > from) return xb;
    together = tiedA && tiedB;
    if (xb >= limit) break;
    if (xb >= m.xs[i + 1]! && i < aEnd - 1) i++;
    if (xb >= m.xs[j + 1]! && j < sEnd - 1) j++;
    x = xb;
    da = db;
    ax = ab;
  }
  return Infinity;
}

/** Region r's breakpoints strictly inside (from, to), appended with its values. */
function pushKinks(m: SideModel, r: number, from: number, to: number, xs: number[], ys: number[]): void {
  for (let k = m.off[r]!; k < m.off[r + 1]!; k++) {
    const x = m.xs[k]!;
    if (x > from && x < to) { xs.push(x); ys.push(m.ys[k]!); }
  }
}

/**
 * The k-th largest total among the regions `cand` along the side (k ≥ 1, k ≤ cand.length).
 * Events are found by scanning the candidates whose gap to the holder can close before the best
 * event so far (slope bounds), each walked exactly.
 */
export function kthLevel(m: SideModel, cand: Int32Array, k: number): Pwl {
  const L = m.length;
  const eps = 1e-12 * Math.max(1, L);
  const cb = candBounds(m, cand);
  const y = lane(5, cand.length);
  const low = lane(6, cand.length);
  if (scratchWhere.length < cand.length) scratchWhere = new Int8Array(cand.length);
  const where = scratchWhere.subarray(0, cand.length);
  const xs: number[] = [];
  const ys: number[] = [];
  let d = 0;
  let a = -1;
  for (let guard = 0; guard < 100 * cand.length + 100; guard++) {
    // At the start the values are the totals (best first when sorted); after an event the boundary is continuous: the previous holder's value.
    if (a < 0) y.set(cb.v0);
    const level = a < 0 ? (cb.sorted ? y[k - 1]! : kth(y, k)) : valueAt(m, a, d);
    const [from, to] = window(cb, cand.length, d, level, L);
    place(cb, m, cand, from, to, d, level, y, where, low);
    a = holder(m, cand, y, where, from, to, k, d, level);
    const ya = valueAt(m, a, d);
    xs.push(d);
    ys.push(ya);
    let next = Infinity;
    const tol = 1e-9 * Math.max(1, Math.abs(ya));
    const aMin = m.minSlope[a]!;
    const aMax = m.maxSlope[a]!;
    for (let i = from; i < to; i++) {
      const s = cand[i]!;
      if (s === a) continue;
      const rate = Math.max(cb.max[i]! - aMin, aMax - cb.min[i]!);
      if (where[i] !== EXACT) {
        // A lower bound on the gap below (the holder's value is the level): skip as the exact gap would be skipped.
        const gap = low[i]! - tol;
        if (gap > 0 && (rate <= 0 || d + gap / rate >= Math.min(next, L))) continue;
        y[i] = valueAt(m, s, d);
      }
      const gap = Math.abs(y[i]! - ya) - tol;
      if (gap > 0 && (rate <= 0 || d + gap / rate >= Math.min(next, L))) continue;
      const t = nextCross(m, a, s, d, Math.min(next, L));
      if (t > d + eps && t < next) next = t;
    }
    pushKinks(m, a, d, Math.min(next, L), xs, ys);
    if (!(next < L)) {
      xs.push(L);
      ys.push(valueAt(m, a, L));
      break;
    }
    d = next;
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/**
 * The changes of sign3(total of r, f) on [0, limit], placed as `signChanges` places them: at the
 * zero of the difference between strict opposite signs, else where a tie starts or ends.
 */
export function crossChanges(m: SideModel, r: number, f: Pwl, limit: number): SignChange[] {
  return changesAgainst(m, r, f.xs, f.ys, 0, f.xs.length - 1, limit, false);
}

/** As `crossChanges`, appending to `out` without allocating. */
export function crossChangesInto(m: SideModel, r: number, f: Pwl, limit: number, out: ChangeList): void {
  changesInto(m, r, f.xs, f.ys, 0, f.xs.length - 1, limit, false, out);
}

/** A constant function over the side (the boundary when the quota is 0 or exceeds the regions counted). */
export function constantPwl(length: number, value: number): Pwl {
  return { xs: Float64Array.of(0, length), ys: Float64Array.of(value, value) };
}
