/**
 * The quota boundary along one side of a share move: the k-th largest total among the regions
 * counted for a quota, as a piecewise-linear function of the distance (the k-level of the
 * regions' totals). With simple grading (grading.ts) a region is kept out of the first level by
 * the quota exactly while that boundary is strictly above its own total (c ≥ k), so its grade
 * can change only where its total crosses the boundary or a threshold. The boundary is followed
 * kinetically: from the region holding it, to the next region that crosses that one.
 */
import { sameValue } from "../ops/column.js";
import { sign3, valueAt, type SideModel, type SignChange } from "./pwl.js";

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
 * after d: among the regions tied with `level` (the k-th value), the one at place k.
 */
function holder(m: SideModel, cand: Int32Array, y: Float64Array, k: number, d: number, level: number): number {
  let above = 0;
  const tied: number[] = [];
  for (let i = 0; i < cand.length; i++) {
    if (sameValue(y[i]!, level)) tied.push(i);
    else if (y[i]! > level) above++;
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
  let da = valueAt(m, s, x) - valueAt(m, a, x);
  let together = false;
  while (x < limit) {
    const xb = Math.min(m.xs[i + 1]!, m.xs[j + 1]!, limit);
    const db = valueAt(m, s, xb) - valueAt(m, a, xb);
    const tiedA = sameValue(da + valueAt(m, a, x), valueAt(m, a, x));
    const tiedB = sameValue(db + valueAt(m, a, xb), valueAt(m, a, xb));
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
  const y = new Float64Array(cand.length);
  const xs: number[] = [];
  const ys: number[] = [];
  let d = 0;
  let a = -1;
  for (let guard = 0; guard < 100 * cand.length + 100; guard++) {
    for (let i = 0; i < cand.length; i++) y[i] = valueAt(m, cand[i]!, d);
    // The boundary is continuous: after an event its value is the previous holder's.
    a = holder(m, cand, y, k, d, a < 0 ? kth(y, k) : valueAt(m, a, d));
    const ya = valueAt(m, a, d);
    xs.push(d);
    ys.push(ya);
    let next = Infinity;
    for (let i = 0; i < cand.length; i++) {
      const s = cand[i]!;
      if (s === a) continue;
      const rate = Math.max(m.maxSlope[s]! - m.minSlope[a]!, m.maxSlope[a]! - m.minSlope[s]!);
      const gap = Math.abs(y[i]! - ya) - 1e-9 * Math.max(1, Math.abs(ya));
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
  const out: SignChange[] = [];
  const rEnd = m.off[r + 1]! - 1;
  const fEnd = f.xs.length - 1;
  let i = m.off[r]!;
  let j = 0;
  let x = 0;
  let fa = m.ys[i]!;
  let ga = f.ys[0]!;
  let sa = sign3(fa, ga);
  while (x < limit) {
    const xr = i < rEnd ? m.xs[i + 1]! : Infinity;
    const xq = j < fEnd ? f.xs[j + 1]! : Infinity;
    let xb = Math.min(xr, xq, limit);
    if (!(xb > x)) xb = x;
    const fb = valueAt(m, r, xb);
    const gb = pwlAt(f, j, xb);
    const sb = sign3(fb, gb);
    if (sb !== sa) {
      const da = fa - ga;
      const db = fb - gb;
      out.push({ d: sa !== 0 && sb !== 0 ? x + ((xb - x) * da) / (da - db) : sa === 0 ? x : xb, after: sb });
    }
    if (xb >= limit || xb === Infinity) break;
    if (xb === xr) i++;
    if (xb === xq) j++;
    x = xb;
    fa = fb;
    ga = gb;
    sa = sb;
  }
  return out;
}

/** f at x on its piece starting at breakpoint j. */
function pwlAt(f: Pwl, j: number, x: number): number {
  const x0 = f.xs[j]!;
  const x1 = f.xs[j + 1];
  if (x1 === undefined || x <= x0 || x1 === x0) return f.ys[j]!;
  if (x >= x1) return f.ys[j + 1]!;
  return f.ys[j]! + ((f.ys[j + 1]! - f.ys[j]!) * (x - x0)) / (x1 - x0);
}

/** A constant function over the side (the boundary when the quota is 0 or exceeds the regions counted). */
export function constantPwl(length: number, value: number): Pwl {
  return { xs: Float64Array.of(0, length), ys: Float64Array.of(value, value) };
}
