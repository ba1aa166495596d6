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
import type { Results } from "../results.js";
import type { FieldModel, Part } from "./field-model.js";
import { levelReached } from "./need.js";
import type { Target } from "./search.js";

/** What the lite probe tells at one value; `delta`: every region's change of total (shared: the next call overwrites it). */
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
  const delta = new Float64Array(totals.length);
  return (v) => {
    delta.fill(0);
    for (const p of fixed) delta[r] = delta[r]! + p.exact(r, v) - p.current(r);
    for (const f of moving) if (!f(r, v, delta)) return { total: NaN, reaches: false, delta };
    const total = totals[r]! + delta[r]!;
    return { total, reaches: levelReached(base, r, total, t.level, delta) === true, delta };
  };
}

/**
 * Adds each present group member's min-max score change into delta, in place: the same products
 * as `minmaxFixed` (one points value per region) and the same clamps as `finish` (to the points
 * and 0, or to the cap and floor) — without the columns they allocate.
 */
function addMinmax(xs: Float64Array, ids: Int32Array, gid: number, m: MinmaxLine, points: Float64Array, cap: number | null, floor: number | null, score: Float64Array, delta: Float64Array): void {
  const bounded = cap !== null || floor !== null;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (ids[i] !== gid || x !== x) continue;
    const p = points[i]!;
    let s = m.flat ? p : (x * m.h - m.origin) * m.scale * p;
    if (bounded) {
      const hi = cap ?? p;
      const lo = floor ?? 0;
      if (s > hi) s = hi;
      if (s < lo) s = lo;
    } else if (s > p) s = p;
    else if (s < 0) s = 0;
    delta[i] = delta[i]! + s - score[i]!;
  }
}

/** Adds the score changes of a moving indicator part at region r's value v into `delta`. */
type ColumnScorer = (r: number, v: number, delta: Float64Array) => boolean;

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
  const present = new Map<number, number[]>();
  for (let i = 0; i < rt.n; i++) {
    if (d.transformed[i] !== d.transformed[i]) continue;
    const k = gMean.ids[i]!;
    const list = present.get(k);
    if (list) list.push(i);
    else present.set(k, [i]);
  }
  const score = d.score;
  const capC = v0.cap ? v0.cap.constant! : null;
  const floorC = v0.floor ? v0.floor.constant! : null;
  const scored = d.transformed.slice();
  d.missing.forEach((i, k) => { scored[i] = d.imputed[k]!; });
  const xs = new Float64Array(scored.length);
  return (r, v, delta) => {
    xs.set(scored);
    xs[r] = v;
    let mean = NaN;
    if (p.imputes) {
      const here = present.get(gMean.ids[r]!) ?? [];
      let s = 0;
      for (const i of here) s += xs[i]!;
      mean = s / here.length;
      for (const i of d.missing) if (gMean.ids[i] === gMean.ids[r]) xs[i] = mean;
    }
    if (minmax) {
      const { lo, hi } = groupRange(xs, gRange!);
      const k = gRange!.count === 1 ? 0 : gRange!.ids[r]!;
      const line = minmaxLine(lo[k]!, hi[k]!, higher);
      if (!line) return false;
      addMinmax(xs, gRange!.ids, gRange!.ids[r]!, line, d.points, capC, floorC, score, delta);
      return true;
    }
    delta[r] = delta[r]! + p.exact(r, v) - p.current(r);
    if (mean === mean) for (const i of d.missing) if (gMean.ids[i] === gMean.ids[r]) delta[i] = delta[i]! + p.exact(i, mean) - p.current(i);
    return true;
  };
}
