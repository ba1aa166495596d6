/**
 * The practical limit for the county workload: a hand-written Float64Array kernel that knows the
 * scheme's shape (200 leaves of 0.5 points, three methods, the bonus and deduction items, one
 * veto, one quota) and nothing else. Column loops straight into the total, no allocation per
 * region, one sort for grades and both rankings. It follows the engine's documented semantics:
 * `missing mean` over all regions' present values, min-max full marks on a zero range, goalposts
 * clamped, first band that holds, unknown conditions never fire, competition ranks with ties up
 * to a relative 1e-9, and an `at most` quota whose boundary tie sends the tied regions below.
 */
import type { ColumnarData } from "../engine/runtime.js";
import { LEAF_POINTS, type CountyOutcome, type CountySpec } from "./county-workload.js";

/** Type codes of the `area` typology. */
const URBAN = 0;
const MOUNTAIN = 1;
const RURAL = 2;

function column(d: ColumnarData, name: string): Float64Array {
  const c = d.columns.get(name);
  if (!c) throw new Error(`county kernel: no column ${name}`);
  return c;
}

function classify(d: ColumnarData, spec: CountySpec, n: number): Int32Array {
  const urban = column(d, "urban_rate");
  const mountain = column(d, "mountain_share");
  const type = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = urban[i]!;
    type[i] = u >= spec.urban ? URBAN : u < spec.urban && mountain[i]! >= spec.mountain ? MOUNTAIN : RURAL;
  }
  return type;
}

/** An indicator's statistics over the present values: mean (for `missing mean`), min and max. */
interface Stats { mean: number; lo: number; hi: number }

function stats(x: Float64Array, extremes: boolean, out: Stats): void {
  let sum = 0;
  let count = 0;
  let lo = Infinity;
  let hi = -Infinity;
  if (extremes) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v !== v) continue;
      sum += v;
      count++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  } else {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v === v) { sum += v; count++; }
    }
  }
  out.mean = sum / count;
  out.lo = lo;
  out.hi = hi;
}

/** Adds min-max scores of regions from..to-1 (missing → the mean) to `total`; a zero range gives full marks. */
function minmax(x: Float64Array, higher: boolean, s: Stats, from: number, to: number, total: Float64Array): void {
  const scale = s.hi === s.lo ? 0 : (higher ? LEAF_POINTS : -LEAF_POINTS) / (s.hi - s.lo);
  const origin = higher ? s.lo : s.hi;
  const base = s.hi === s.lo ? LEAF_POINTS : 0;
  const mean = s.mean;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    total[i] = total[i]! + base + ((v === v ? v : mean) - origin) * scale;
  }
}

/** Adds goalposts scores; `mountainTarget` (or NaN) replaces the target for mountain regions. */
function goalposts(x: Float64Array, floor: number, target: number, mountainTarget: number, mean: number, type: Int32Array, from: number, to: number, total: Float64Array): void {
  const inv = 1 / (target - floor);
  const invM = mountainTarget === mountainTarget ? 1 / (mountainTarget - floor) : inv;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    const f = ((v === v ? v : mean) - floor) * (type[i] === MOUNTAIN ? invM : inv);
    // clamp(f, 0, 1) without branches: (|f| − |f − 1| + 1)/2 (random data mispredicts branches).
    total[i] = total[i]! + (Math.abs(f) - Math.abs(f - 1) + 1) * (0.5 * LEAF_POINTS);
  }
}

/**
 * Adds banded scores: three thresholds (`>=` descending, or `<=` ascending), first match wins.
 * The first band that holds is the (3 − c)-th, c the number of thresholds met: counted, not
 * branched. `table` holds the three band points and the `else` points.
 */
function bands(x: Float64Array, higher: boolean, t: Float64Array, table: Float64Array, mean: number, from: number, to: number, total: Float64Array): void {
  const [t0, t1, t2] = [t[0]!, t[1]!, t[2]!];
  if (higher) {
    for (let i = from; i < to; i++) {
      const v0 = x[i]!;
      const v = v0 === v0 ? v0 : mean;
      total[i] = total[i]! + table[3 - (+(v >= t0) + +(v >= t1) + +(v >= t2))]!;
    }
  } else {
    for (let i = from; i < to; i++) {
      const v0 = x[i]!;
      const v = v0 === v0 ? v0 : mean;
      total[i] = total[i]! + table[3 - (+(v <= t0) + +(v <= t1) + +(v <= t2))]!;
    }
  }
}

/** Regions per block of the scoring pass: the block's totals stay in the first-level cache. */
const BLOCK = 2048;

/** The tree's score: statistics per indicator first, then every indicator block by block into `total`. */
function tree(d: ColumnarData, spec: CountySpec, type: Int32Array, total: Float64Array): void {
  const n = total.length;
  const ind = spec.indicators;
  const cols = ind.map((i) => column(d, i.name));
  const st = ind.map((i, k) => { const s = { mean: 0, lo: 0, hi: 0 }; stats(cols[k]!, i.method === "minmax", s); return s; });
  const thresholds = ind.map((i) => Float64Array.from(i.bands, (b) => b.threshold));
  const tables = ind.map((i) => Float64Array.from([...i.bands.map((b) => b.points), i.otherwise]));
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    for (let k = 0; k < ind.length; k++) {
      const i = ind[k]!;
      const x = cols[k]!;
      if (i.method === "minmax") minmax(x, i.higher, st[k]!, from, to, total);
      else if (i.method === "goalposts") goalposts(x, i.floor, i.target, i.mountainTarget ?? NaN, st[k]!.mean, type, from, to, total);
      else bands(x, i.higher, thresholds[k]!, tables[k]!, st[k]!.mean, from, to, total);
    }
  }
}

const cap = (v: number, m: number): number => (v > m ? m : v);
const per = (amount: number, count: number, max: number): number => (count > 0 ? cap(amount * count, max) : 0);

/** Adds the bonus block (10 items, capped at 5) and subtracts the deduction block (5 capped items, capped at 8). */
function rules(d: ColumnarData, prev: ColumnarData, spec: CountySpec, total: Float64Array): void {
  const c = (name: string) => column(d, name);
  const [nat, prov, city, promo, pilot, projects] = ["award_national", "award_provincial", "award_city", "promo_level", "pilot", "projects"].map(c);
  const [safety, env, petitions, audit, dataErr] = ["safety_incidents", "env_violations", "petitions", "audit_issues", "data_errors"].map(c);
  const [f0, f1, f2, f3] = spec.prevFields.map(c);
  const [q0, q1, q2, q3] = spec.prevFields.map((f) => column(prev, f));
  const eco = spec.indicators.find((i) => i.name === spec.prevFields[3])!.mu;
  for (let i = 0; i < total.length; i++) {
    const lvl = promo![i]!;
    let bonus = per(1, nat![i]!, 2) + per(0.5, prov![i]!, 1.5) + per(0.2, city![i]!, 1)
      + (lvl >= 3 ? 2 : lvl >= 2 ? 1 : lvl >= 1 ? 0.5 : 0) + (pilot![i]! ? 1 : 0) + per(0.3, projects![i]!, 1.2);
    // A comparison with a missing (NaN) operand is false in JavaScript, as "unknown does not fire" wants.
    if (f0![i]! > q0![i]!) bonus += 1;
    if (f1![i]! - q1![i]! >= 2) bonus += 0.5;
    if (f2![i]! > q2![i]! + 1) bonus += 0.5;
    if (f3![i]! > q3![i]! && f3![i]! >= eco) bonus += 0.5;
    const deduction = per(1, safety![i]!, 3) + per(0.5, env![i]!, 2) + per(0.2, petitions![i]!, 1) + per(0.5, audit![i]!, 2) + per(0.5, dataErr![i]!, 1.5);
    total[i] = total[i]! + cap(bonus, 5) - cap(deduction, 8);
  }
}

/** Region indices by total, best first, equal totals in dataset order (a typed bottom-up merge sort). */
function order(total: Float64Array): Int32Array {
  const n = total.length;
  let src = new Int32Array(n);
  let dst = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let a = lo;
      let b = mid;
      for (let k = lo; k < hi; k++) dst[k] = a < mid && (b >= hi || total[src[a]!]! >= total[src[b]!]!) ? src[a++]! : src[b++]!;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Ranks overall and within type, from one best-first order. */
function rank(total: Float64Array, ord: Int32Array, type: Int32Array): { rank: Int32Array; rankWithin: Int32Array } {
  const n = total.length;
  const rk = new Int32Array(n);
  const within = new Int32Array(n);
  const pos = new Int32Array(3);
  const last = new Int32Array(3);
  const prevTotal = new Float64Array(3);
  let r = 0;
  for (let k = 0; k < n; k++) {
    const i = ord[k]!;
    const v = total[i]!;
    if (k === 0 || !same(v, total[ord[k - 1]!]!)) r = k + 1;
    rk[i] = r;
    const t = type[i]!;
    pos[t] = pos[t]! + 1;
    if (pos[t] === 1 || !same(v, prevTotal[t]!)) last[t] = pos[t]!;
    within[i] = last[t]!;
    prevTotal[t] = v;
  }
  return { rank: rk, rankWithin: within };
}

/**
 * Grades: 优秀 to the best regions meeting its threshold, at most ⌊20% of n⌋ of them, a tie at
 * the boundary kept out; a vetoed region (forced to the lowest grade) still holds the place its
 * total would have taken (no `refill`). The rest by threshold.
 */
function grades(total: Float64Array, ord: Int32Array, veto: Uint8Array, spec: CountySpec): Int32Array {
  const n = total.length;
  const [g0, g1, g2] = spec.grades;
  const meets = (v: number, t: number) => v >= t || same(v, t);
  let cands = 0;
  while (cands < n && meets(total[ord[cands]!]!, g0)) cands++;
  let limit = Math.min(cands, Math.floor((spec.quotaPercent * n) / 100 + 1e-9));
  if (limit < cands) while (limit > 0 && same(total[ord[limit - 1]!]!, total[ord[limit]!]!)) limit--;
  const level = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = total[i]!;
    level[i] = veto[i] ? 3 : meets(v, g1) ? 1 : meets(v, g2) ? 2 : 3;
  }
  for (let k = 0; k < limit; k++) {
    const i = ord[k]!;
    if (!veto[i]) level[i] = 0;
  }
  return level;
}

/** Evaluates the county workload on a dataset and last period's. */
export function countyKernel(spec: CountySpec, d: ColumnarData, prev: ColumnarData): CountyOutcome {
  const n = d.regions.length;
  const type = classify(d, spec, n);
  const total = new Float64Array(n);
  tree(d, spec, type, total);
  rules(d, prev, spec, total);
  const major = column(d, "major_accidents");
  const veto = new Uint8Array(n);
  for (let i = 0; i < n; i++) veto[i] = major[i]! >= 1 ? 1 : 0;
  const ord = order(total);
  return { total, grade: grades(total, ord, veto, spec), ...rank(total, ord, type) };
}
