/**
 * The min-max collapse solved directly, for one field whose only moving part is a min-max
 * indicator: past the others' range end, region r's value v is the group's new end and every
 * other region's score — an imputed one too, its value following the mean — is affine in
 * u = 1/(new width) (dir > 0: u = 1/(v − lo); dir < 0: u = 1/(hi − v)). Every region's total is
 * read from the lite probe at the range end and at the bound, taken affine in u, and checked at
 * a third point; the others cross r's total at known u, and the first crossing after which r
 * reaches (simple grading on the modelled totals, bisected over the sorted crossings) gives the
 * value. The lite probe confirms it: r reaches there and not 5e-8 of the change before. Null
 * whenever a step does not hold (the caller runs the search's steps instead).
 */
import type { Results } from "../results.js";
import type { FieldModel } from "./field-model.js";
import type { LiteProbe } from "./lite.js";
import { levelReached } from "./need.js";
import type { Target } from "./search.js";

/** The solved change: d (null when the bound does not reach) and the lite outcome's total there. */
export interface Collapse { readonly d: number | null; readonly outcome: { readonly total: number } }

/** The smallest reaching change of field m for region r from x in direction dir up to `bound`, or null when this solve does not apply. */
export function collapseSolve(base: Results, m: FieldModel, r: number, x: number, dir: 1 | -1, bound: number, t: Target, at: LiteProbe): Collapse | null {
  if (t.kind !== "grade") return null;
  const moving = m.parts.filter((p) => p.node && (p.range || p.imputes));
  const part = moving[0];
  if (moving.length !== 1 || !part!.range) return null;
  const { lo, hi } = part!.range(r);
  const end = dir > 0 ? Math.max(x, hi) : Math.min(x, lo);
  const uOf = (v: number) => 1 / (dir > 0 ? v - lo : hi - v);
  const vOf = (u: number) => (dir > 0 ? lo + 1 / u : hi - 1 / u);
  const uEnd = uOf(end);
  const uFar = uOf(bound);
  if (!((bound - end) * dir > 0) || !Number.isFinite(uEnd) || !(uEnd > uFar && uFar > 0)) return null;
  const totals = base.total;
  const buf = buffers(totals.length);
  // Whether the bound reaches needs r's total and grade only; its changes are read when it does.
  const reached = at(bound);
  if (!reached.reaches) return { d: null, outcome: { total: reached.total } };
  const far = at(bound, buf.dFar);
  if (!far.reaches) return { d: null, outcome: { total: far.total } };
  const e = at(end, buf.dEnd);
  if (e.reaches || e.total !== e.total) return null;
  // r's probed totals at the range end and the bound (as the lines' pass reads them).
  const own = totals[r]! + e.delta[r]!;
  if (!close(totals[r]! + far.delta[r]!, own)) return null;
  const uMid = (uEnd + uFar) / 2;
  const lines = linesThrough(totals, far.delta, e.delta, uEnd, uFar, uMid, at(vOf(uMid), buf.dMid).delta, buf);
  if (!lines) return null;
  const u = crossing(base, r, own, t.level, lines, uEnd, uFar, buf.delta);
  if (u === null) return null;
  return confirm(x, dir, Math.abs(vOf(u) - x), Math.abs(bound - x), at);
}

/**
 * Every region's modelled total alpha + beta·u, its probed totals at the range end and the bound,
 * and bounds for `nearby`: the largest probed change of a region with a total (NaN: unknown) and
 * the largest |alpha| + |beta|·uEnd.
 */
interface Lines { readonly alpha: Float64Array; readonly beta: Float64Array; readonly tEnd: Float64Array; readonly tFar: Float64Array; readonly moved: number; readonly size: number }

/**
 * In one pass: the probed totals at the range end and the bound (totals + their deltas), every
 * region's line through them, and whether each line agrees with the probe at uMid (else null) —
 * the arithmetic of the separate passes it replaces, in their order.
 */
function linesThrough(totals: Float64Array, dFar: Float64Array, dEnd: Float64Array, uEnd: number, uFar: number, uMid: number, dMid: Float64Array, buf: Buffers): Lines | null {
  const { alpha, beta, tEnd, tFar } = buf;
  let moved = 0;
  let size = 0;
  for (let i = 0; i < totals.length; i++) {
    const t0 = totals[i]!;
    const tf = t0 + dFar[i]!;
    const te = t0 + dEnd[i]!;
    const b = (tf - te) / (uFar - uEnd);
    const a = te - b * uEnd;
    tFar[i] = tf;
    tEnd[i] = te;
    beta[i] = b;
    alpha[i] = a;
    const got = t0 + dMid[i]!;
    if (got === got && !close(a + b * uMid, got)) return null;
    if (t0 !== t0) continue;
    // Once NaN, both stay NaN (no bound known).
    const c = Math.max(Math.abs(dFar[i]!), Math.abs(dEnd[i]!));
    if (c > moved || c !== c) moved = c;
    const z = Math.abs(a) + Math.abs(b) * uEnd;
    if (z > size || z !== z) size = z;
  }
  return { alpha, beta, tEnd, tFar, moved, size };
}

/** The largest u in (uFar, uEnd] at which r (total `own`) reaches on the modelled totals: just past one of the others' crossings. */
function crossing(base: Results, r: number, own: number, level: number, lines: Lines, uEnd: number, uFar: number, delta: Float64Array): number | null {
  const { alpha, beta } = lines;
  // Simple grading counts a total within 1e-9 (relative) of r's as at or above it.
  const tol = 1.001e-9 * Math.max(1, Math.abs(own));
  let m = 0;
  const totals = base.total;
  if (crossings.length < alpha.length) crossings = new Float64Array(alpha.length);
  nearList.length = 0;
  const look = nearby(base, lines, own);
  const count = look ? look.length : alpha.length;
  for (let j = 0; j < count; j++) {
    const i = look ? look[j]! : j;
    if (i === r) continue;
    if (isNear(totals, lines, i, own, uEnd)) nearList.push(i);
    if (beta[i] === 0) continue;
    // Where i's total falls just past that tolerance below r's.
    const ui = (own - tol - alpha[i]!) / beta[i]!;
    if (ui > uFar && ui <= uEnd) crossings[m++] = ui;
  }
  // The crossings largest first (read backwards from the typed array's ascending sort: the same numbers as a descending sort), then uFar.
  const asc = crossings.subarray(0, m).sort();
  const uAt = (k: number) => (k < m ? asc[m - 1 - k]! : uFar);
  const only = nearList;
  const ok = (u: number) => {
    for (let j = 0; j < only.length; j++) { const i = only[j]!; delta[i] = alpha[i]! + beta[i]! * u - totals[i]!; }
    return levelReached(base, r, own, level, delta, only) === true;
  };
  if (!ok(uFar)) return null;
  let a = 0;
  let b = m;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (ok(uAt(mid))) b = mid;
    else a = mid + 1;
  }
  return uAt(a);
}

/** Every region by base total (ascending; NaN totals apart), and the largest |total|, kept per run. */
interface ByTotal { readonly order: Int32Array; readonly sorted: Float64Array; readonly nan: Int32Array; readonly most: number }
const byTotals = new WeakMap<Float64Array, ByTotal>();

function byTotal(totals: Float64Array): ByTotal {
  let o = byTotals.get(totals);
  if (o) return o;
  const ids: number[] = [];
  const nan: number[] = [];
  let most = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!;
    if (t !== t) nan.push(i);
    else { ids.push(i); if (Math.abs(t) > most) most = Math.abs(t); }
  }
  ids.sort((a, b) => (totals[a]! < totals[b]! ? -1 : totals[a]! > totals[b]! ? 1 : a - b));
  o = { order: Int32Array.from(ids), sorted: Float64Array.from(ids, (i) => totals[i]!), nan: Int32Array.from(nan), most };
  byTotals.set(totals, o);
  return o;
}

/** The regions `nearby` lists (shared: the next call overwrites it). */
const lookList: number[] = [];

/**
 * The regions `isNear` can keep: those whose totals lie within the lines' largest move and
 * `isNear`'s largest margin of `own`, and those without a total — the rest keep their side of
 * `own`, and no line of theirs crosses it. Null when a bound is not known (every region is read).
 */
function nearby(base: Results, lines: Lines, own: number): number[] | null {
  const o = byTotal(base.total);
  // isNear's margin for any region is at most 1e-8·(1 + |own| + size + most); widened far past rounding.
  const w = (lines.moved + 1e-8 * (1 + Math.abs(own) + lines.size + o.most)) * (1 + 1e-6);
  if (!(w < Infinity)) return null;
  lookList.length = 0;
  for (let j = firstAtLeast(o.sorted, own - w); j < o.sorted.length && o.sorted[j]! <= own + w; j++) lookList.push(o.order[j]!);
  for (let j = 0; j < o.nan.length; j++) lookList.push(o.nan[j]!);
  return lookList;
}

/** The first position of an ascending column whose value is at least v. */
function firstAtLeast(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid]! < v) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The crossings' column, reused by every `crossing` (grown to the regions' count). */
let crossings = new Float64Array(0);

/** The regions `isNear` keeps, listed by `crossing` (shared: the next call overwrites it). */
const nearList: number[] = [];

/**
 * True when region i's modelled total may fall on either side of `own` for some u in (0, uEnd]:
 * between its probed totals at the ends (and its base total), widened far past rounding and
 * simple grading's tolerance for ties. The others keep their side of `own`, so grading need not
 * read them.
 */
function isNear(totals: Float64Array, lines: Lines, i: number, own: number, uEnd: number): boolean {
  const { alpha, beta, tEnd, tFar } = lines;
  const t0 = totals[i]!;
  const lo = Math.min(t0, tEnd[i]!, tFar[i]!);
  const hi = Math.max(t0, tEnd[i]!, tFar[i]!);
  const m = 1e-8 * (1 + Math.abs(own) + Math.abs(alpha[i]!) + Math.abs(beta[i]!) * uEnd + Math.abs(t0));
  // NaN anywhere keeps the region (neither test holds).
  return !(lo > own + m || hi < own - m);
}

/** The change d confirmed by the lite probe (nudged up to 1e-8 of itself), and not reaching 5e-8 before it; null otherwise. */
function confirm(x: number, dir: 1 | -1, d: number, span: number, at: LiteProbe): Collapse | null {
  for (const nudge of [0, 1e-12, 1e-10, 1e-8]) {
    const dd = Math.min(span, d * (1 + nudge) + nudge);
    const o = at(x + dir * dd);
    if (!o.reaches) continue;
    const total = o.total;
    if (at(x + dir * dd * (1 - 5e-8)).reaches) return null;
    return { d: dd, outcome: { total } };
  }
  return null;
}

/** Columns of n reused by every solve (one solve runs at a time; each fills what it reads). */
interface Buffers { readonly dFar: Float64Array; readonly dEnd: Float64Array; readonly dMid: Float64Array; readonly tFar: Float64Array; readonly tEnd: Float64Array; readonly alpha: Float64Array; readonly beta: Float64Array; readonly delta: Float64Array }
let shared: Buffers | null = null;

function buffers(n: number): Buffers {
  if (!shared || shared.tFar.length !== n) {
    const col = () => new Float64Array(n);
    shared = { dFar: col(), dEnd: col(), dMid: col(), tFar: col(), tEnd: col(), alpha: col(), beta: col(), delta: col() };
  }
  return shared;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
