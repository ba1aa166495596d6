/**
 * The quota boundary along one side of a share move: the k-th largest total among the regions
 * counted for a quota, as a piecewise-linear function of the distance (the k-level of the
 * regions' totals). With simple grading (grading.ts) a region is kept out of the first level by
 * the quota exactly while that boundary is strictly above its own total (c ≥ k), so its grade
 * can change only where its total crosses the boundary or a threshold. The boundary is followed
 * kinetically: from the region holding it, to the next region that crosses that one.
 */
import { sameValue } from "../ops/column.js";
import { ABOVE, BELOW, candBounds, EXACT, place, placeBlocks, SHIFT, valueLanes, window } from "./level-cands.js";
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

/**
 * The region at the k-th place (1-based) among `cand` at distance d, ties ordered by the slope
 * after d: among the regions tied with `level` (the k-th value), the one at place k. Only
 * candidates [from, to) are looked at (those before are above, those after below); blocks
 * marked ABOVE or BELOW in `state`, and candidates so marked in `where`, are certainly not tied;
 * the others have their value in y.
 */
function holder(m: SideModel, cand: Int32Array, y: Float64Array, where: Int8Array, state: Int8Array, from: number, to: number, k: number, d: number, level: number): number {
  let above = from;
  const tied: number[] = [];
  for (let b = from >> SHIFT, last = (to - 1) >> SHIFT; b <= last; b++) {
    const i0 = Math.max(from, b << SHIFT);
    const i1 = Math.min(to, (b + 1) << SHIFT);
    if (state[b] === ABOVE) above += i1 - i0;
    if (state[b] !== EXACT) continue;
    for (let i = i0; i < i1; i++) {
      if (where[i] === ABOVE) above++;
      else if (where[i] === BELOW) continue;
      else if (sameValue(y[i]!, level)) tied.push(i);
      else if (y[i]! > level) above++;
    }
  }
  if (tied.length === 1) return cand[tied[0]!]!;
  const sl = new Map(tied.map((i) => [i, slopeAfter(m, cand[i]!, d)] as const));
  tied.sort((i, j) => sl.get(j)! - sl.get(i)! || y[j]! - y[i]!);
  return cand[tied[Math.min(tied.length - 1, Math.max(0, k - 1 - above))]!]!;
}

/** The k-th largest of the values (1-based). */
function kth(y: Float64Array, k: number): number {
  return Float64Array.from(y).sort().reverse()[k - 1]!;
}

/**
 * valueAt(m, r, d) for r's breakpoints lo..hi, the piece found by stepping on from breakpoint k
 * (xs[k] ≤ d) instead of a binary search: the same piece, so the same number.
 */
function valueFrom(m: SideModel, lo: number, hi: number, k: number, d: number): number {
  const xs = m.xs;
  const ys = m.ys;
  if (d <= xs[lo]!) return ys[lo]!;
  if (d >= xs[hi]!) return ys[hi]!;
  while (xs[k + 1]! <= d) k++;
  const x0 = xs[k]!;
  const x1 = xs[k + 1]!;
  return x1 === x0 ? ys[k + 1]! : ys[k]! + ((ys[k + 1]! - ys[k]!) * (d - x0)) / (x1 - x0);
}

/**
 * The first distance in (from, limit] where regions a and s cross (their difference changes
 * strict sign, touches zero, or stops coinciding); Infinity when they do not.
 */
function nextCross(m: SideModel, a: number, s: number, from: number, limit: number): number {
  const a0 = m.off[a]!;
  const s0 = m.off[s]!;
  const aEnd = m.off[a + 1]! - 1;
  const sEnd = m.off[s + 1]! - 1;
  let i = a0;
  let j = s0;
  while (i < aEnd - 1 && m.xs[i + 1]! <= from) i++;
  while (j < sEnd - 1 && m.xs[j + 1]! <= from) j++;
  let x = from;
  // a's value at x, carried from one step to the next (each value read once).
  let ax = valueFrom(m, a0, aEnd, i, x);
  let da = valueFrom(m, s0, sEnd, j, x) - ax;
  let together = false;
  while (x < limit) {
    const xb = Math.min(m.xs[i + 1]!, m.xs[j + 1]!, limit);
    const ab = valueFrom(m, a0, aEnd, i, xb);
    const db = valueFrom(m, s0, sEnd, j, xb) - ab;
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

/** Per-block states and gaps reused by every `kthLevel`. */
let blockState = new Int8Array(0);
let blockGap = new Float64Array(0);
let scratchWhere = new Int8Array(0);

/**
 * The k-th largest total among the regions `cand` along the side (k ≥ 1, k ≤ cand.length).
 * Events are found by scanning the candidates whose gap to the holder can close before the best
 * event so far (slope bounds), each walked exactly; a block of candidates certainly above or
 * below the level is passed over at once when its own bounds rule out every candidate in it.
 */
export function kthLevel(m: SideModel, cand: Int32Array, k: number): Pwl {
  const L = m.length;
  const n = cand.length;
  const eps = 1e-12 * Math.max(1, L);
  const cb = candBounds(m, cand);
  const [y, low] = valueLanes(n);
  if (scratchWhere.length < n) scratchWhere = new Int8Array(n);
  const where = scratchWhere.subarray(0, n);
  const nb = (n >> SHIFT) + 1;
  if (blockState.length < nb) [blockState, blockGap] = [new Int8Array(nb), new Float64Array(nb)];
  const state = blockState;
  const gapB = blockGap;
  const xs: number[] = [];
  const ys: number[] = [];
  let d = 0;
  let a = -1;
  for (let guard = 0; guard < 100 * n + 100; guard++) {
    // At the start the values are the totals (best first when sorted); after an event the boundary is continuous: the previous holder's value.
    if (a < 0) y.set(cb.v0);
    const level = a < 0 ? (cb.sorted ? y[k - 1]! : kth(y, k)) : valueAt(m, a, d);
    const [from, to] = window(cb, n, d, level, L);
    placeBlocks(cb, m, cand, from, to, d, level, y, where, low, state, gapB);
    a = holder(m, cand, y, where, state, from, to, k, d, level);
    const ya = valueAt(m, a, d);
    xs.push(d);
    ys.push(ya);
    let next = Infinity;
    const tol = 1e-9 * Math.max(1, Math.abs(ya));
    const aMin = m.minSlope[a]!;
    const aMax = m.maxSlope[a]!;
    for (let b = from >> SHIFT, last = (to - 1) >> SHIFT; b <= last; b++) {
      const i0 = Math.max(from, b << SHIFT);
      const i1 = Math.min(to, (b + 1) << SHIFT);
      if (state[b] !== EXACT) {
        // The whole block is certainly above or below: passed over when its bounds rule out each of its candidates, else placed one by one.
        // The gap closes only as the block's totals fall towards the holder's (above it) or rise (below it).
        const rate = state[b] === ABOVE ? aMax - cb.bmin[b]! : cb.bmax[b]! - aMin;
        const gap = gapB[b]! - tol;
        if (gap > 0 && (rate <= 0 || d + gap / rate >= Math.min(next, L))) continue;
        place(cb, m, cand, i0, i1, d, level, y, where, low);
      }
      for (let i = i0; i < i1; i++) {
        const s = cand[i]!;
        if (s === a) continue;
        if (where[i] !== EXACT) {
          // A lower bound on the gap (the holder's value is the level): skip as the exact gap would be skipped.
          const rate = where[i] === ABOVE ? aMax - cb.min[i]! : cb.max[i]! - aMin;
          const gap = low[i]! - tol;
          if (gap > 0 && (rate <= 0 || d + gap / rate >= Math.min(next, L))) continue;
          y[i] = valueAt(m, s, d);
        }
        const rate = y[i]! > ya ? aMax - cb.min[i]! : cb.max[i]! - aMin;
        const gap = Math.abs(y[i]! - ya) - tol;
        if (gap > 0 && (rate <= 0 || d + gap / rate >= Math.min(next, L))) continue;
        const t = nextCross(m, a, s, d, Math.min(next, L));
        if (t > d + eps && t < next) next = t;
      }
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
