/**
 * The search's probe without a full evaluation, for a field the model reads whose change moves
 * other regions (min-max ranges, `missing mean` imputations): at a value v of region r, each
 * such indicator's scores are recomputed over r's group by the engine's kernels (the scored
 * column with r's value and the new group mean laid over it, the group's range, `minmaxFixed`
 * and `finish`), the other parts of r by their own kernels; the totals move by those score
 * changes (the tree adds scores up), and r's grade is read by simple grading against the others'
 * new totals. Used where the analytic solve cannot decide alone (others' moves could close the
 * gap); grades only, single-variant indicators only (else null: the engine searches).
 */
import { groupRange, minmaxLine, type MinmaxLine } from "../ops/scoring.js";
import type { Grouping } from "../ops/column.js";
import { keptOf, LineReader, nearBound } from "./lite-near.js";
import { Extremes } from "./extremes.js";
import type { Results } from "../results.js";
import type { FieldModel, Part } from "./field-model.js";
import { levelReachedLazy, levelReachedNear } from "./need.js";
import type { Target } from "./search.js";

/**
 * What the lite probe tells at one value; `delta`: every region's change of total when the probe
 * was given a column (`into`) — without one it may read only the regions near r's total, and
 * `delta` is then not to be read.
 */
export interface LiteOutcome { readonly total: number; readonly reaches: boolean; readonly delta: Float64Array }

/** The probe at value v, its changes written into `into` when given (zeroed first). */
export type LiteProbe = (v: number, into?: Float64Array) => LiteOutcome;

/** Region r's outcome at a value of the field, or null when this probe does not apply. */
export function liteProbe(base: Results, m: FieldModel, r: number, t: Target): LiteProbe | null {
  if (t.kind !== "grade") return null;
  const moving: ColumnScorer[] = [];
  for (const p of m.parts) {
    if (!p.node || (!p.range && !p.imputes)) continue;
    let col = scorers.get(p);
    if (col === undefined) scorers.set(p, (col = columnScorer(base, p)));
    if (!col) return null;
    moving.push(col);
  }
  const totals = base.total;
  const fixed = m.parts.filter((p) => !p.node || (!p.range && !p.imputes));
  const near = moving.length === 1 ? moving[0]!.near : null;
  return (v, into) => {
    if (near && !into) {
      // Grade and total only: the others' changes read near r's total (lite-near.ts).
      const most = near(r, v);
      if (most >= 0) {
        let own = 0;
        for (let k = 0; k < fixed.length; k++) own = own + fixed[k]!.exact(r, v) - fixed[k]!.current(r);
        const total = totals[r]! + (own + reader.raw(r));
        const reaches = levelReachedLazy(base, r, total, t.level, most, changeOf);
        if (reaches !== null) return { total, reaches, delta: NONE };
      }
    }
    const delta = into ? into.fill(0) : deltaColumn(totals.length);
    for (let k = 0; k < fixed.length; k++) delta[r] = delta[r]! + fixed[k]!.exact(r, v) - fixed[k]!.current(r);
    let reach = 0;
    for (let k = 0; k < moving.length; k++) {
      const most = moving[k]!.add(r, v, delta);
      if (most < 0) return { total: NaN, reaches: false, delta };
      reach += most;
    }
    const total = totals[r]! + delta[r]!;
    return { total, reaches: levelReachedNear(base, r, total, t.level, delta, reach) === true, delta };
  };
}

let shared = new Float64Array(0);

/** The changes of a near probe: not given (its outcome's total and grade only). */
const NONE = new Float64Array(0);

/** Region i's change on the line the near probe readied. */
const changeOf = (i: number): number => reader.change(i);

/** The zeroed column of changes every probe fills (one probe runs at a time; its outcome's `delta` is read before the next). */
function deltaColumn(n: number): Float64Array {
  if (shared.length !== n) shared = new Float64Array(n);
  else shared.fill(0);
  return shared;
}

/**
 * Adds each present group member's min-max score change into delta, in place (every region's
 * when `ids` is null: one group): the same products as `minmaxFixed` (one points value per
 * region) and the same clamps as `finish` (to the points and 0, or to the cap and floor) —
 * without the columns they allocate.
 */
function addMinmax(xs: Float64Array, ids: Int32Array | null, gid: number, m: MinmaxLine, points: Float64Array, cap: number | null, floor: number | null, score: Float64Array, delta: Float64Array): number {
  const bounded = cap !== null || floor !== null;
  if (ids === null && !bounded && !m.flat) return addLine(xs, m, points, score, delta);
  let most = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if ((ids !== null && ids[i] !== gid) || x !== x) continue;
    const p = points[i]!;
    let s = m.flat ? p : (x * m.h - m.origin) * m.scale * p;
    if (bounded) {
      const hi = cap ?? p;
      const lo = floor ?? 0;
      if (s > hi) s = hi;
      if (s < lo) s = lo;
    } else if (s > p) s = p;
    else if (s < 0) s = 0;
    const c = s - score[i]!;
    delta[i] = delta[i]! + c;
    const a = Math.abs(c);
    // Once NaN, `most` stays NaN (no bound known).
    if (a > most || a !== a) most = a;
  }
  return most;
}

/** `addMinmax` over every region (one group), on a sloped line, clamped to the points and 0: the same arithmetic with the line's numbers held in locals. */
function addLine(xs: Float64Array, m: MinmaxLine, points: Float64Array, score: Float64Array, delta: Float64Array): number {
  const { h, origin, scale } = m;
  let most = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x !== x) continue;
    const p = points[i]!;
    let s = (x * h - origin) * scale * p;
    if (s > p) s = p;
    else if (s < 0) s = 0;
    const c = s - score[i]!;
    delta[i] = delta[i]! + c;
    const a = Math.abs(c);
    if (a > most || a !== a) most = a;
  }
  return most;
}

/** Adds the score changes of a moving indicator part at region r's value v into `delta`: the largest change given any region (NaN: not known), or −1 when the part cannot be scored. */
type AddScores = (r: number, v: number, delta: Float64Array) => number;

/**
 * A moving part's column scorer: `add` as above; `near` (null when it does not apply) readies
 * the min-max line at r's value v in `reader` without scoring the column and gives a bound on
 * every other region's change (lite-near.ts), or −1 when no bound is known (`add` must run).
 */
interface ColumnScorer { readonly add: AddScores; readonly near: ((r: number, v: number) => number) | null }

/** Each part's column scorer (null: it does not apply), built once per part. */
const scorers = new WeakMap<Part, ColumnScorer | null>();

/** The line the near probes read (one probe at a time). */
const reader = new LineReader();

/** The column scorer of a moving part; null when it has several variants or a typology-bound mean. */
function columnScorer(base: Results, p: Part): ColumnScorer | null {
  const node = p.node!;
  const d = p.detail!;
  const variants = node.plan.variants;
  const v0 = variants[0]!;
  const minmax = v0.method!.kind === "minmax" ? (v0.method as { within: number }) : null;
  // Min-max columns are recomputed for one variant only; other methods score region by region.
  if ((minmax && (variants.length !== 1 || d.variant)) || (p.imputes && !p.imputation)) return null;
  const rt = base.runtime;
  const within = p.imputation ? p.imputation.within : v0.missingWithin;
  const gMean = rt.grouping(within);
  const gRange = minmax ? rt.grouping(minmax.within) : null;
  const higher = node.plan.direction === "higher";
  const scored = d.transformed.slice();
  d.missing.forEach((i, k) => { scored[i] = d.imputed[k]!; });
  const members = groupMembers(d.transformed, scored, d.missing, gMean.ids);
  const score = d.score;
  const capC = v0.cap ? v0.cap.constant! : null;
  const floorC = v0.floor ? v0.floor.constant! : null;
  // The scored column with the last call's region and imputed regions overwritten (put back at the next call).
  const xs = scored.slice();
  let last: Members | null = null;
  let lastR = -1;
  const keep = keptMask(scored, d.missing, p.imputes);
  const ends = gRange && gRange.count === 1 && (gMean.count === 1 || !p.imputes) ? new Extremes(scored, keep) : null;
  /** Lays r's value and the new mean over xs; the mean (NaN when the part does not impute). */
  const lay = (r: number, v: number): number => {
    if (last) restore(xs, scored, lastR, last.missing);
    const g = members(gMean.ids[r]!);
    last = g;
    lastR = r;
    xs[r] = v;
    if (!p.imputes) return NaN;
    const mean = meanWith(g, xs, r, v);
    for (let k = 0; k < g.missing.length; k++) xs[g.missing[k]!] = mean;
    return mean;
  };
  /** The min-max line at r's value v (xs laid), null when its range's inverse overflows. */
  const lineAt = (r: number, v: number, mean: number): MinmaxLine | null => {
    // The overall range from the kept extremes (the imputed regions all at the mean), else by a pass.
    const fast = ends ? ends.rangeWith(r, v, p.imputes && last!.missing.length > 0, mean) : null;
    const { lo, hi } = fast ? { lo: [fast.lo], hi: [fast.hi] } : groupRange(xs, gRange!);
    const k = gRange!.count === 1 ? 0 : gRange!.ids[r]!;
    return minmaxLine(lo[k]!, hi[k]!, higher);
  };
  const add: AddScores = (r, v, delta) => {
    const mean = lay(r, v);
    const g = last!;
    if (minmax) {
      const line = lineAt(r, v, mean);
      if (!line) return -1;
      return addMinmax(xs, gRange!.count === 1 ? null : gRange!.ids, gRange!.ids[r]!, line, d.points, capC, floorC, score, delta);
    }
    const own = p.exact(r, v) - p.current(r);
    delta[r] = delta[r]! + own;
    let most = Math.abs(own);
    if (mean === mean) {
      for (let k = 0; k < g.missing.length; k++) {
        const i = g.missing[k]!;
        const c = p.exact(i, mean) - p.current(i);
        delta[i] = delta[i]! + c;
        const a = Math.abs(c);
        if (a > most || a !== a) most = a;
      }
    }
    return most;
  };
  // Near probes: one group, no cap or floor (addLine's case), the run's line known.
  const line0 = minmax && ends && capC === null && floorC === null ? runLine(scored, gRange!, higher) : null;
  const kept = line0 ? keptOf(scored, keep, d.points, score, line0) : null;
  if (!kept || !(kept.stray < Infinity)) return { add, near: null };
  const near = (r: number, v: number): number => {
    const mean = lay(r, v);
    const line = lineAt(r, v, mean);
    if (!line || line.flat) return -1;
    reader.set(xs, line, d.points, score);
    let most = nearBound(kept, line);
    // The imputed regions' values follow the mean: their changes as they are.
    const missing = p.imputes ? last!.missing : NO_REGIONS;
    for (let k = 0; k < missing.length; k++) {
      const a = Math.abs(reader.change(missing[k]!));
      if (a > most || a !== a) most = a;
    }
    return most < Infinity ? most : -1;
  };
  return { add, near };
}

const NO_REGIONS = new Int32Array(0);

/** The min-max line of the run's own scored column over one group (null when flat or overflowing). */
function runLine(scored: Float64Array, g: Grouping, higher: boolean): MinmaxLine | null {
  const { lo, hi } = groupRange(scored, g);
  const line = minmaxLine(lo[0]!, hi[0]!, higher);
  return line && !line.flat ? line : null;
}

/** The regions whose scored values the probe does not overwrite (all but the imputed ones when the part imputes). */
function keptMask(scored: Float64Array, missing: Int32Array, imputes: boolean): Uint8Array {
  const keep = new Uint8Array(scored.length).fill(1);
  if (imputes) for (const i of missing) keep[i] = 0;
  return keep;
}

/** Puts back the scored values of region r and of the imputed regions. */
function restore(xs: Float64Array, scored: Float64Array, r: number, missing: Int32Array): void {
  xs[r] = scored[r]!;
  for (let k = 0; k < missing.length; k++) xs[missing[k]!] = scored[missing[k]!]!;
}

/**
 * The mean of the group's present values with r's set to v (xs holds them), summed in index
 * order as a plain loop does: the partial sum before r is read from the group's kept prefix sums
 * (the same additions), the rest added on.
 */
function meanWith(g: Members, xs: Float64Array, r: number, v: number): number {
  const here = g.present;
  const j = positionOf(here, r);
  let s = 0;
  let k = 0;
  if (j >= 0) {
    s = g.prefix[j]! + v;
    k = j + 1;
  }
  for (; k < here.length; k++) s += xs[here[k]!]!;
  return s / here.length;
}

/** The position of r in an ascending list, or −1. */
function positionOf(list: Int32Array, r: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (list[mid]! < r) lo = mid + 1; else hi = mid; }
  return lo < list.length && list[lo] === r ? lo : -1;
}

/** A group's regions with a value (ascending), their values' running sums from 0 (prefix[k]: the first k added in order), and its missing ones (in `missing`'s order). */
interface Members { readonly present: Int32Array; readonly prefix: Float64Array; readonly missing: Int32Array }

/** Each group's members (present: `value` not NaN; summed: `scored`), listed once per group on first use. */
function groupMembers(value: Float64Array, scored: Float64Array, missing: Int32Array, ids: Int32Array): (gid: number) => Members {
  const known = new Map<number, Members>();
  return (gid) => {
    let m = known.get(gid);
    if (m) return m;
    const present: number[] = [];
    for (let i = 0; i < value.length; i++) if (value[i] === value[i] && ids[i] === gid) present.push(i);
    const prefix = new Float64Array(present.length + 1);
    let s = 0;
    for (let k = 0; k < present.length; k++) prefix[k + 1] = s += scored[present[k]!]!;
    m = { present: Int32Array.from(present), prefix, missing: missing.filter((i) => ids[i] === gid) };
    known.set(gid, m);
    return m;
  };
}
