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
import { Extremes } from "./extremes.js";
import type { Results } from "../results.js";
import type { FieldModel, Part } from "./field-model.js";
import { levelReachedNear } from "./need.js";
import type { Target } from "./search.js";

/** What the lite probe tells at one value; `delta`: every region's change of total (shared by every probe: the next call of any overwrites it). */
export interface LiteOutcome { readonly total: number; readonly reaches: boolean; readonly delta: Float64Array }

/** Region r's outcome at a value of the field, or null when this probe does not apply. */
export function liteProbe(base: Results, m: FieldModel, r: number, t: Target): ((v: number) => LiteOutcome) | null {
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
  return (v) => {
    const delta = deltaColumn(totals.length);
    for (let k = 0; k < fixed.length; k++) delta[r] = delta[r]! + fixed[k]!.exact(r, v) - fixed[k]!.current(r);
    let reach = 0;
    for (let k = 0; k < moving.length; k++) {
      const most = moving[k]!(r, v, delta);
      if (most < 0) return { total: NaN, reaches: false, delta };
      reach += most;
    }
    const total = totals[r]! + delta[r]!;
    return { total, reaches: levelReachedNear(base, r, total, t.level, delta, reach) === true, delta };
  };
}

let shared = new Float64Array(0);

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
type ColumnScorer = (r: number, v: number, delta: Float64Array) => number;

/** Each part's column scorer (null: it does not apply), built once per part. */
const scorers = new WeakMap<Part, ColumnScorer | null>();

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
  const members = groupMembers(d.transformed, d.missing, gMean.ids);
  const score = d.score;
  const capC = v0.cap ? v0.cap.constant! : null;
  const floorC = v0.floor ? v0.floor.constant! : null;
  const scored = d.transformed.slice();
  d.missing.forEach((i, k) => { scored[i] = d.imputed[k]!; });
  const xs = new Float64Array(scored.length);
  const ends = gRange && gRange.count === 1 && (gMean.count === 1 || !p.imputes) ? keptExtremes(scored, d.missing, p.imputes) : null;
  return (r, v, delta) => {
    xs.set(scored);
    xs[r] = v;
    let mean = NaN;
    const g = members(gMean.ids[r]!);
    if (p.imputes) {
      const here = g.present;
      let s = 0;
      for (let k = 0; k < here.length; k++) s += xs[here[k]!]!;
      mean = s / here.length;
      for (let k = 0; k < g.missing.length; k++) xs[g.missing[k]!] = mean;
    }
    if (minmax) {
      // The overall range from the kept extremes (the imputed regions all at the mean), else by a pass.
      const fast = ends ? ends.rangeWith(r, v, p.imputes && g.missing.length > 0, mean) : null;
      const { lo, hi } = fast ? { lo: [fast.lo], hi: [fast.hi] } : groupRange(xs, gRange!);
      const k = gRange!.count === 1 ? 0 : gRange!.ids[r]!;
      const line = minmaxLine(lo[k]!, hi[k]!, higher);
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
}

/** The extremes of the scored values the probe does not overwrite (all but the imputed ones when the part imputes). */
function keptExtremes(scored: Float64Array, missing: Int32Array, imputes: boolean): Extremes {
  const keep = new Uint8Array(scored.length).fill(1);
  if (imputes) for (const i of missing) keep[i] = 0;
  return new Extremes(scored, keep);
}

/** A group's regions with a value (ascending) and its missing ones (in `missing`'s order). */
interface Members { readonly present: Int32Array; readonly missing: Int32Array }

/** Each group's members, listed once per group on first use. */
function groupMembers(value: Float64Array, missing: Int32Array, ids: Int32Array): (gid: number) => Members {
  const known = new Map<number, Members>();
  return (gid) => {
    let m = known.get(gid);
    if (m) return m;
    const present: number[] = [];
    for (let i = 0; i < value.length; i++) if (value[i] === value[i] && ids[i] === gid) present.push(i);
    m = { present: Int32Array.from(present), missing: missing.filter((i) => ids[i] === gid) };
    known.set(gid, m);
    return m;
  };
}
