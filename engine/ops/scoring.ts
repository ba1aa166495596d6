/**
 * Scoring-method kernels. Each takes the indicator's value column and writes a column: either a
 * fraction of the item's points (0..1 before caps) or points directly (bands, rank points).
 * A missing value gives a missing score, which the missing-data policy resolves later.
 * Numerics, as documented in engine/README.md:
 * - min-max over a zero range gives everyone full marks;
 * - z-score with zero spread gives z = 0, i.e. Φ(0) = half marks (everyone is average);
 * - goalposts / efficacy whose two posts coincide score all-or-nothing on the target;
 * - any division by zero gives 0, except that the best region itself always gets full marks
 *   under "ratio to best".
 */
import { sameValue, type Grouping } from "./column.js";
import { groupExtreme, groupMeans } from "./cross.js";
import { competitionRanks } from "./rank.js";

/** min-max: (x − min)/(max − min), or (max − x)/(max − min) when lower is better; times `points` when given. */
export function minmax(x: Float64Array, g: Grouping, higher: boolean, points?: Float64Array): Float64Array {
  const { lo, hi } = groupRange(x, g);
  if (g.count === 1) return minmaxOverall(x, lo[0]!, hi[0]!, higher, points);
  const out = new Float64Array(x.length);
  const ids = g.ids;
  for (let i = 0; i < x.length; i++) {
    const k = ids[i]!;
    const range = hi[k]! / 2 - lo[k]! / 2;
    const v = x[i]!;
    const f = v !== v ? NaN : range === 0 ? 1 : higher ? (v / 2 - lo[k]! / 2) / range : (hi[k]! / 2 - v / 2) / range;
    out[i] = points ? f * points[i]! : f;
  }
  return out;
}

/** min-max over all regions: one scale for everyone, so the loop is a multiply-add. */
function minmaxOverall(x: Float64Array, lo: number, hi: number, higher: boolean, points?: Float64Array): Float64Array {
  // A range so small that its inverse overflows: divide instead (the general loop does).
  return minmaxFixed(x, lo, hi, higher, points) ?? minmax(x, { ids: new Int32Array(x.length), count: 2 }, higher, points);
}

/**
 * min-max's line through a range (the present values' lo and hi, NaN when none): each score is
 * (x·h − origin)·scale·points, or full marks when `flat` (a zero or unknown range). Null when the
 * range is so small that its inverse overflows (the general loop divides).
 */
export interface MinmaxLine {
  readonly flat: boolean;
  readonly h: number;
  readonly origin: number;
  readonly scale: number;
}

/** The line min-max scores on for a given range (see `MinmaxLine`), or null when its inverse overflows. */
export function minmaxLine(lo: number, hi: number, higher: boolean): MinmaxLine | null {
  if (hi === lo || hi !== hi) return { flat: true, h: 1, origin: 0, scale: 0 };
  // Work in halves so that a range wider than the largest double (values near ±1.8e308) cannot overflow.
  const h = Number.isFinite(hi - lo) ? 1 : 0.5;
  const scale = (higher ? 1 : -1) / (hi * h - lo * h);
  return Number.isFinite(scale) ? { flat: false, h, origin: (higher ? lo : hi) * h, scale } : null;
}

/** min-max on a line for regions from..to−1 into out[i − shift], the points one value `p`. */
export function minmaxInto(x: Float64Array, from: number, to: number, m: MinmaxLine, p: number, out: Float64Array, shift = 0): void {
  const { h, origin, scale } = m;
  if (m.flat) for (let i = from; i < to; i++) out[i - shift] = x[i] !== x[i] ? NaN : p;
  else for (let i = from; i < to; i++) out[i - shift] = (x[i]! * h - origin) * scale * p;
}

/** As `minmaxInto`, adding k × each score to out[i − shift] instead of writing it. */
export function minmaxAdd(x: Float64Array, from: number, to: number, m: MinmaxLine, p: number, k: number, out: Float64Array, shift: number): void {
  const { h, origin, scale } = m;
  if (m.flat) for (let i = from; i < to; i++) out[i - shift] = out[i - shift]! + k * (x[i] !== x[i] ? NaN : p);
  else for (let i = from; i < to; i++) out[i - shift] = out[i - shift]! + k * ((x[i]! * h - origin) * scale * p);
}

/**
 * min-max against a given range, region by region; null when the range's inverse overflows (see
 * `minmaxLine`). `samePoints`: `points` holds one value for every region.
 */
export function minmaxFixed(x: Float64Array, lo: number, hi: number, higher: boolean, points?: Float64Array, samePoints = false): Float64Array | null {
  const m = minmaxLine(lo, hi, higher);
  if (!m) return null;
  const out = new Float64Array(x.length);
  // One points value for every region (`samePoints`): the same products, without reading the column.
  if (!points || samePoints) minmaxInto(x, 0, x.length, m, points ? points[0]! : 1, out);
  else if (m.flat) for (let i = 0; i < x.length; i++) out[i] = x[i] !== x[i] ? NaN : points[i]!;
  else for (let i = 0; i < x.length; i++) out[i] = (x[i]! * m.h - m.origin) * m.scale * points[i]!;
  return out;
}

/** Smallest and largest present value of each group, in one pass (NaN for a group with none). */
export function groupRange(x: Float64Array, g: Grouping): { lo: Float64Array; hi: Float64Array } {
  if (g.count === 1) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return lo > hi ? { lo: Float64Array.of(NaN), hi: Float64Array.of(NaN) } : { lo: Float64Array.of(lo), hi: Float64Array.of(hi) };
  }
  return { lo: groupExtreme(x, g, -1), hi: groupExtreme(x, g, 1) };
}

/** Standard normal cumulative distribution Φ (Hart 1968, as given by West 2005; double precision, Φ(0) = 0.5 exactly). */
export function normalCdf(z: number): number {
  const a = Math.abs(z);
  let c = 0;
  if (a <= 37) {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      const num = ((((((0.0352624965998911 * a + 0.700383064443688) * a + 6.37396220353165) * a + 33.912866078383) * a + 112.079291497871) * a + 221.213596169931) * a + 220.206867912376);
      const den = (((((((0.0883883476483184 * a + 1.75566716318264) * a + 16.064177579207) * a + 86.7807322029461) * a + 296.564248779674) * a + 637.333633378831) * a + 793.826512519948) * a + 440.413735824752);
      c = (e * num) / den;
    } else {
      c = e / (a + 1 / (a + 2 / (a + 3 / (a + 4 / (a + 0.65))))) / 2.506628274631;
    }
  }
  return z > 0 ? 1 - c : c;
}

/** z-score: Φ((x − mean)/sd) with the population standard deviation; negated z when lower is better. */
export function zscore(x: Float64Array, g: Grouping, higher: boolean, points?: Float64Array): Float64Array {
  const means = groupMeans(x, g);
  const sq = new Float64Array(g.count);
  const counts = new Float64Array(g.count);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    const d = v - means[g.ids[i]!]!;
    sq[g.ids[i]!]! += d * d;
    counts[g.ids[i]!]!++;
  }
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const k = g.ids[i]!;
    const sd = Math.sqrt(sq[k]! / counts[k]!);
    const v = x[i]!;
    const z = sd > 1e-12 * Math.max(1, Math.abs(means[k]!)) ? (v - means[k]!) / sd : 0;
    const f = v !== v ? NaN : normalCdf(higher ? z : -z);
    out[i] = points ? f * points[i]! : f;
  }
  return out;
}

/** Linear from `lo` (0) to `hi` (1), clamped; coinciding posts score 1 when the target is reached. */
function between(v: number, lo: number, hi: number, higher: boolean): number {
  if (v !== v || lo !== lo || hi !== hi) return NaN;
  if (hi === lo) return (higher ? v >= hi : v <= hi) ? 1 : 0;
  const f = (v - lo) / (hi - lo);
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/** Goalposts: 0 at the floor, 1 at the target, linear and clamped between (either order). */
export function goalposts(x: Float64Array, floor: Float64Array, target: Float64Array, higher: boolean, points?: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = between(x[i]!, floor[i]!, target[i]!, higher) * (points ? points[i]! : 1);
  return out;
}

/** True when constant goalposts score linearly: two distinct posts whose span's inverse is finite (otherwise all-or-nothing). */
export function linearPosts(floor: number, target: number): boolean {
  return floor !== target && floor === floor && target === target && Number.isFinite(1 / (target - floor));
}

/** Goalposts with a constant floor and target (the usual case); `samePoints`: `points` holds one value. */
export function goalpostsConstant(x: Float64Array, floor: number, target: number, higher: boolean, points: Float64Array, samePoints = false): Float64Array {
  if (!linearPosts(floor, target)) return goalposts(x, new Float64Array(x.length).fill(floor), new Float64Array(x.length).fill(target), higher, points);
  const out = new Float64Array(x.length);
  if (samePoints) goalpostsInto(x, 0, x.length, floor, target, points[0]!, out);
  else goalpostsColumn(x, floor, target, points, out);
  return out;
}

/** clamp(f, 0, 1), exact, NaN kept (a score is never below 0 or above its points by rounding). */
function unit(f: number): number {
  return f > 0 ? (f < 1 ? f : 1) : f === f ? 0 : f;
}

/** Linear constant goalposts for regions from..to−1 into out[i − shift], the points one value `p`. */
export function goalpostsInto(x: Float64Array, from: number, to: number, floor: number, target: number, p: number, out: Float64Array, shift = 0): void {
  const scale = 1 / (target - floor);
  for (let i = from; i < to; i++) out[i - shift] = unit((x[i]! - floor) * scale) * p;
}

/** As `goalpostsInto`, adding k × each score to out[i − shift] instead of writing it. */
export function goalpostsAdd(x: Float64Array, from: number, to: number, floor: number, target: number, p: number, k: number, out: Float64Array, shift: number): void {
  const scale = 1 / (target - floor);
  for (let i = from; i < to; i++) out[i - shift] = out[i - shift]! + k * (unit((x[i]! - floor) * scale) * p);
}

/** As `goalpostsInto` over every region, with points per region. */
function goalpostsColumn(x: Float64Array, floor: number, target: number, points: Float64Array, out: Float64Array): void {
  const scale = 1 / (target - floor);
  for (let i = 0; i < x.length; i++) out[i] = unit((x[i]! - floor) * scale) * points[i]!;
}

/** Efficacy coefficient (功效系数): 0.6 + 0.4 × the clamped position between disallowed and satisfactory. */
export function efficacy(x: Float64Array, satisfactory: Float64Array, disallowed: Float64Array, higher: boolean, points?: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (0.6 + 0.4 * between(x[i]!, disallowed[i]!, satisfactory[i]!, higher)) * (points ? points[i]! : 1);
  return out;
}

/** Target met (达标得满分): 1 when met, else 0 or the proportion achieved (x/T, or T/x when lower is better). */
export function targetMet(x: Float64Array, target: Float64Array, higher: boolean, proportional: boolean, points?: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = target[i]!;
    if (v !== v || t !== t) out[i] = NaN;
    else if (higher ? v >= t : v <= t) out[i] = 1;
    else out[i] = proportional ? Math.min(1, Math.max(0, ratio(higher ? v : t, higher ? t : v))) : 0;
  }
  if (points) for (let i = 0; i < x.length; i++) out[i] = out[i]! * points[i]!;
  return out;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Proportional (完成率×分值): x/T, or T/x when lower is better; not clamped here (the item's cap does that). */
export function proportional(x: Float64Array, to: Float64Array, higher: boolean, points?: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (higher ? ratio(x[i]!, to[i]!) : ratio(to[i]!, x[i]!)) * (points ? points[i]! : 1);
  return out;
}

/** Ratio to the best region (of the group): x/max, or min/x when lower is better; the best itself gets 1. */
export function ratioToBest(x: Float64Array, g: Grouping, higher: boolean, points?: Float64Array): Float64Array {
  const best = groupExtreme(x, g, higher ? 1 : -1);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const b = best[g.ids[i]!]!;
    out[i] = (v !== v ? NaN : sameValue(v, b) ? 1 : higher ? ratio(v, b) : ratio(b, v)) * (points ? points[i]! : 1);
  }
  return out;
}

/** One band of a banded score: when `value op threshold`, score `points`. */
export interface BandColumns {
  readonly op: ">=" | ">" | "<=" | "<";
  readonly threshold: Float64Array;
  readonly points: Float64Array;
}

/** Banded score (分档赋分): the points of the first band that matches, else `otherwise`. */
export function bands(x: Float64Array, list: readonly BandColumns[], otherwise: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) { out[i] = NaN; continue; }
    let s = otherwise[i]!;
    for (const b of list) {
      const t = b.threshold[i]!;
      if (b.op === ">=" ? v >= t : b.op === ">" ? v > t : b.op === "<=" ? v <= t : v < t) { s = b.points[i]!; break; }
    }
    out[i] = s;
  }
  return out;
}

/** A band whose threshold and points are the same for every region. */
export interface ConstantBand {
  readonly op: BandColumns["op"];
  readonly threshold: number;
  readonly points: number;
}

/**
 * True when the bands are monotone: all `>=` (or all `>`) with thresholds strictly descending,
 * or all `<=` (or all `<`) strictly ascending. Then a value that meets one band meets every later
 * one, so the first band met is found by counting.
 */
function monotone(list: readonly ConstantBand[]): boolean {
  const op = list[0]?.op;
  const down = op === ">=" || op === ">";
  return list.every((b, k) => b.op === op && (k === 0 || (down ? b.threshold < list[k - 1]!.threshold : b.threshold > list[k - 1]!.threshold)));
}

/** Constant bands ready to score: thresholds, the points of each band and then of `else`, and how to find the band. */
export interface PreparedBands {
  readonly thr: Float64Array;
  readonly table: Float64Array;
  /** The common op when the bands are monotone (see `monotone`), else null. */
  readonly monotoneOp: BandColumns["op"] | null;
  /** Op codes (0 ≥, 1 >, 2 ≤, 3 <) for the general search. */
  readonly ops: Uint8Array;
  /** Monotone bands of up to four thresholds: the thresholds padded to four with ones no value meets (null otherwise). */
  readonly four: readonly [number, number, number, number] | null;
}

/** Prepares constant bands for `bandsInto`. */
export function prepareBands(list: readonly ConstantBand[], otherwise: number): PreparedBands {
  const monotoneOp = list.length > 0 && monotone(list) ? list[0]!.op : null;
  const thr = Float64Array.from(list, (b) => b.threshold);
  return {
    thr, table: Float64Array.from([...list.map((b) => b.points), otherwise]),
    monotoneOp, ops: Uint8Array.from(list, (b) => [">=", ">", "<=", "<"].indexOf(b.op)),
    four: monotoneOp && list.length <= 4 ? padFour(thr, monotoneOp) : null,
  };
}

/** Up to four thresholds padded with ones no value meets (+∞ for ≥ and >, −∞ for ≤ and <). */
function padFour(thr: Float64Array, op: BandColumns["op"]): [number, number, number, number] {
  const pad = op === ">=" || op === ">" ? Infinity : -Infinity;
  return [0, 1, 2, 3].map((k) => (k < thr.length ? thr[k]! : pad)) as [number, number, number, number];
}

/** Banded score with constant thresholds and points (the usual case), without per-region columns. */
export function bandsConstant(x: Float64Array, list: readonly ConstantBand[], otherwise: number): Float64Array {
  const out = new Float64Array(x.length);
  bandsInto(x, 0, x.length, prepareBands(list, otherwise), out);
  return out;
}

/** Constant bands for regions from..to−1 into out[i − shift]. */
export function bandsInto(x: Float64Array, from: number, to: number, b: PreparedBands, out: Float64Array, shift = 0): void {
  if (b.monotoneOp) countBands(x, from, to, b.monotoneOp, b.thr, b.four, b.table, out, shift);
  else firstBand(x, from, to, b.ops, b.thr, b.table, out, shift);
}

/**
 * Monotone bands (see `monotone`): the first band met is the (m − c)-th, where c counts the
 * thresholds met; counting avoids the unpredictable early exit on random data. Up to four bands
 * are compared unrolled, padded with thresholds no value meets.
 */
function countBands(x: Float64Array, from: number, to: number, op: BandColumns["op"], thr: Float64Array, four: PreparedBands["four"], table: Float64Array, out: Float64Array, shift: number): void {
  const m = thr.length;
  if (!four) {
    for (let i = from; i < to; i++) {
      const v = x[i]!;
      let c = m;
      for (let k = 0; k < m; k++) c -= +meetsOp(op, v, thr[k]!);
      out[i - shift] = table[c]! + (v - v);
    }
    return;
  }
  const [t0, t1, t2, t3] = four;
  // + (v − v): 0 for a value, NaN for a missing one — branch-free (a branch here costs 3×).
  if (op === ">=") for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = table[m - (+(v >= t0) + +(v >= t1) + +(v >= t2) + +(v >= t3))]! + (v - v); }
  else if (op === "<=") for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = table[m - (+(v <= t0) + +(v <= t1) + +(v <= t2) + +(v <= t3))]! + (v - v); }
  else if (op === ">") for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = table[m - (+(v > t0) + +(v > t1) + +(v > t2) + +(v > t3))]! + (v - v); }
  else for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = table[m - (+(v < t0) + +(v < t1) + +(v < t2) + +(v < t3))]! + (v - v); }
}

/**
 * As `bandsInto`, adding k × each score to out[i − shift] instead of writing it: for monotone
 * bands of up to four thresholds (the usual case); returns false, adding nothing, for others.
 */
export function bandsAdd(x: Float64Array, from: number, to: number, b: PreparedBands, k: number, out: Float64Array, shift: number): boolean {
  const { monotoneOp: op, four, table } = b;
  const m = b.thr.length;
  if (!op || !four) return false;
  const [t0, t1, t2, t3] = four;
  if (op === ">=") for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = out[i - shift]! + k * (table[m - (+(v >= t0) + +(v >= t1) + +(v >= t2) + +(v >= t3))]! + (v - v)); }
  else if (op === "<=") for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = out[i - shift]! + k * (table[m - (+(v <= t0) + +(v <= t1) + +(v <= t2) + +(v <= t3))]! + (v - v)); }
  else if (op === ">") for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = out[i - shift]! + k * (table[m - (+(v > t0) + +(v > t1) + +(v > t2) + +(v > t3))]! + (v - v)); }
  else for (let i = from; i < to; i++) { const v = x[i]!; out[i - shift] = out[i - shift]! + k * (table[m - (+(v < t0) + +(v < t1) + +(v < t2) + +(v < t3))]! + (v - v)); }
  return true;
}

function meetsOp(op: BandColumns["op"], v: number, t: number): boolean {
  return op === ">=" ? v >= t : op === ">" ? v > t : op === "<=" ? v <= t : v < t;
}

/** Any thresholds: the first band whose comparison holds (op codes 0 ≥, 1 >, 2 ≤, 3 <); the last table entry is `else`. */
function firstBand(x: Float64Array, from: number, to: number, ops: Uint8Array, thr: Float64Array, table: Float64Array, out: Float64Array, shift: number): void {
  const m = thr.length;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    let s = v !== v ? NaN : table[m]!;
    for (let k = 0; k < m && s === s; k++) {
      const t = thr[k]!;
      const op = ops[k]!;
      if (op === 0 ? v >= t : op === 1 ? v > t : op === 2 ? v <= t : v < t) { s = table[k]!; break; }
    }
    out[i - shift] = s;
  }
}

/**
 * Points by rank (按排名赋分): competition rank r (ties share the better rank and its points);
 * r ≤ list length → the r-th points; beyond it, the last points plus `step` per further place,
 * or `otherwise` (0 by default) when no step is given.
 */
export function rankPoints(
  x: Float64Array, g: Grouping, higher: boolean, points: readonly Float64Array[], step: Float64Array | null, otherwise: Float64Array,
): Float64Array {
  const ranks = competitionRanks(x, g, higher);
  const out = new Float64Array(x.length);
  const m = points.length;
  for (let i = 0; i < x.length; i++) {
    const r = ranks[i]!;
    if (r !== r) out[i] = NaN;
    else if (r <= m) out[i] = points[r - 1]![i]!;
    else out[i] = step ? points[m - 1]![i]! + step[i]! * (r - m) : otherwise[i]!;
  }
  return out;
}
