/**
 * Piecewise-linear totals along one side of a share move. A `SideModel` holds, for every region,
 * its total as a function of the distance d ≥ 0 the share moved (towards 1 on the right side,
 * towards 0 on the left), as breakpoints (d, total) from d = 0 to the side's length. Between
 * breakpoints the total is exactly linear; the walkers below find where one region's total
 * meets another's, or a threshold, by solving those linear pieces.
 */
import { sameValue } from "../ops/column.js";

/** Every region's total along one side, as flat breakpoint arrays. */
export interface SideModel {
  /** How far the share can move on this side (1 − w on the right, w on the left). */
  readonly length: number;
  /** Region r's breakpoints are at indices off[r] .. off[r+1]−1 (at least two: 0 and length). */
  readonly off: Int32Array;
  /** Distances, ascending per region. */
  readonly xs: Float64Array;
  /** Totals at those distances. */
  readonly ys: Float64Array;
  /** Each region's largest |slope| (total per unit of share) on this side. */
  readonly slope: Float64Array;
  /** Each region's smallest and largest (signed) slope on this side. */
  readonly minSlope: Float64Array;
  readonly maxSlope: Float64Array;
  /**
   * The smallest and largest chord slope from d = 0 to each breakpoint: total(d) stays between
   * total(0) + lowChord·d and total(0) + highChord·d on the whole side (tighter than the slopes
   * when a total has many kinks).
   */
  readonly lowChord: Float64Array;
  readonly highChord: Float64Array;
}

/** Region r's total at distance d (0 ≤ d ≤ length). */
export function valueAt(m: SideModel, r: number, d: number): number {
  let lo = m.off[r]!;
  let hi = m.off[r + 1]! - 1;
  if (d <= m.xs[lo]!) return m.ys[lo]!;
  if (d >= m.xs[hi]!) return m.ys[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (m.xs[mid]! <= d) lo = mid;
    else hi = mid;
  }
  const x0 = m.xs[lo]!;
  const x1 = m.xs[hi]!;
  return x1 === x0 ? m.ys[hi]! : m.ys[lo]! + ((m.ys[hi]! - m.ys[lo]!) * (d - x0)) / (x1 - x0);
}

/** Every region's total at distance d. */
export function totalsAt(m: SideModel, d: number): Float64Array {
  const n = m.off.length - 1;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = valueAt(m, r, d);
  return out;
}

/** The sign of a − b with ties (equal up to 1e-9 relative, as ranks and grades read them) as 0. */
export function sign3(a: number, b: number): number {
  if (sameValue(a, b)) return 0;
  return a > b ? 1 : -1;
}

/** Where a status changes: at distance `d` (a crossing's zero, or where a tie starts or ends) it becomes `after`. */
export interface SignChange {
  readonly d: number;
  readonly after: number;
}

/** A reusable list of sign changes (distance, and the sign after it), filled by `changesInto`. */
export class ChangeList {
  d = new Float64Array(16);
  after = new Int8Array(16);
  size = 0;

  push(d: number, after: number): void {
    if (this.size === this.d.length) {
      const d2 = new Float64Array(this.size * 2);
      const a2 = new Int8Array(this.size * 2);
      d2.set(this.d);
      a2.set(this.after);
      this.d = d2;
      this.after = a2;
    }
    this.d[this.size] = d;
    this.after[this.size++] = after;
  }
}

/**
 * The changes of sign3(f(d), g(d)) on [0, limit], where f is region `r`'s total and g either
 * region `s`'s total (s ≥ 0) or the constant `level` (s < 0). Each change is placed where the
 * difference crosses zero (solved on the linear piece), or where it reaches or leaves a tie.
 * Stops after the first change when `first` is set.
 */
export function signChanges(m: SideModel, r: number, s: number, level: number, limit: number, first: boolean): SignChange[] {
  if (s >= 0) return changesAgainst(m, r, m.xs, m.ys, m.off[s]!, m.off[s + 1]! - 1, limit, first);
  return changesAgainst(m, r, Float64Array.of(0), Float64Array.of(level), 0, 0, limit, first);
}

/**
 * As `signChanges`, with g the piecewise-linear function whose breakpoints are xs[from..end]
 * and values ys[from..end] (a region's total in the model, or a function of its own).
 */
export function changesAgainst(m: SideModel, r: number, xs: Float64Array, ys: Float64Array, from: number, end: number, limit: number, first: boolean): SignChange[] {
  const list = new ChangeList();
  changesInto(m, r, xs, ys, from, end, limit, first, list);
  return Array.from({ length: list.size }, (_, k) => ({ d: list.d[k]!, after: list.after[k]! }));
}

const levelXs = Float64Array.of(0);
const levelYs = new Float64Array(1);

/** The changes of sign3(total of r, the constant `level`) on [0, limit], appended to `out` (as `signChanges`). */
export function levelChangesInto(m: SideModel, r: number, level: number, limit: number, out: ChangeList): void {
  levelYs[0] = level;
  changesInto(m, r, levelXs, levelYs, 0, 0, limit, false, out);
}

/** As `changesAgainst`, appending to `out` without allocating. */
export function changesInto(m: SideModel, r: number, xs: Float64Array, ys: Float64Array, from: number, end: number, limit: number, first: boolean, out: ChangeList): void {
  const rEnd = m.off[r + 1]! - 1;
  let i = m.off[r]!;
  let j = from;
  let x = 0;
  let fa = m.ys[i]!;
  let ga = ys[j]!;
  let sa = sign3(fa, ga);
  while (x < limit) {
    // The next breakpoint of either function.
    const xr = i < rEnd ? m.xs[i + 1]! : Infinity;
    const xq = j < end ? xs[j + 1]! : Infinity;
    let xb = Math.min(xr, xq, limit);
    if (!(xb > x)) xb = x;
    const fb = pieceAt(m.xs, m.ys, i, xb);
    const gb = pieceAt(xs, ys, j, xb);
    const sb = sign3(fb, gb);
    if (sb !== sa) {
      const da = fa - ga;
      const db = fb - gb;
      // Strictly opposite signs: the zero of the linear difference; else at the end that is tied.
      const d = sa !== 0 && sb !== 0 ? x + ((xb - x) * da) / (da - db) : sa === 0 ? x : xb;
      out.push(d, sb);
      if (first) return;
    }
    if (xb >= limit || xb === Infinity) break;
    if (xb === xr) i++;
    if (xb === xq) j++;
    x = xb;
    fa = fb;
    ga = gb;
    sa = sb;
  }
}

/** The value on the piece of (xs, ys) that starts at breakpoint k, at distance x. */
function pieceAt(xs: Float64Array, ys: Float64Array, k: number, x: number): number {
  const x0 = xs[k]!;
  if (x <= x0) return ys[k]!;
  // Past the last breakpoint (checked by index: an out-of-range read would box every value).
  if (k + 1 >= xs.length) return ys[k]!;
  const x1 = xs[k + 1]!;
  if (x1 === x0) return ys[k]!;
  if (x >= x1) return ys[k + 1]!;
  return ys[k]! + ((ys[k + 1]! - ys[k]!) * (x - x0)) / (x1 - x0);
}

/**
 * The first distance, at most `limit`, where "region s is strictly above region r" stops or starts
 * holding (ties count as not above); Infinity when it does not. Pieces are interpolated whole (the
 * limit only ends the walk), so the answer does not depend on the limit: the same pair gives the
 * same distance to every search. The allocation-free walk the rank search runs for every pair.
 */
export function firstAboveFlip(m: SideModel, r: number, s: number, limit: number): number {
  const i = m.off[r]!;
  const j = m.off[s]!;
  const fa = m.ys[i]!;
  const ga = m.ys[j]!;
  return aboveFlipFrom(m, r, s, limit, i, j, 0, fa, ga, ga > fa && !tied(fa, ga));
}

/**
 * `firstAboveFlip` resumed at distance x: r on its piece from breakpoint i with total fa there, s
 * on its piece from j with ga, `above` whether s was strictly above r at d = 0 (no flip before x).
 * A walk stopped after some steps goes on here with the same numbers as one walked from d = 0.
 */
export function aboveFlipFrom(m: SideModel, r: number, s: number, limit: number, i: number, j: number, x: number, fa: number, ga: number, above: boolean): number {
  const rEnd = m.off[r + 1]! - 1;
  const sEnd = m.off[s + 1]! - 1;
  const xs = m.xs;
  const ys = m.ys;
  while (x < limit && (i < rEnd || j < sEnd)) {
    const xr = i < rEnd ? xs[i + 1]! : Infinity;
    const xq = j < sEnd ? xs[j + 1]! : Infinity;
    const xb = xr < xq ? xr : xq;
    const fb = pieceAt(xs, ys, i, xb);
    const gb = pieceAt(xs, ys, j, xb);
    const now = gb > fb && !tied(fb, gb);
    if (now !== above) {
      const da = ga - fa;
      const db = gb - fb;
      // As signChanges places them: at the zero between strict opposite signs, else at the tied end.
      const tieA = !above && tied(fa, ga);
      const tieB = above && tied(fb, gb);
      const d = tieA ? x : tieB ? xb : x + ((xb - x) * da) / (da - db);
      return d <= limit ? d : Infinity;
    }
    if (xb === xr) i++;
    if (xb === xq) j++;
    x = xb;
    fa = fb;
    ga = gb;
  }
  return Infinity;
}

function tied(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
