/**
 * An indicator's score as a function of its points P, per region, read from a finished run.
 * When the points of an indicator change (its own share, or a sibling's, moves), the engine
 * scores it again with the new points; for every method the result has the form
 *
 *   score(P) = zeroed ? 0 : max(min(β·P + c, cap), floor)
 *
 * where β is the method's fraction for fraction-valued methods (β·P is its score), 0 for methods
 * written in points (bands, rank points, custom scores: c holds their score), 1 with no method
 * (full marks); c adds the `add`/`deduct` amounts (not the exempted deductions); cap is the
 * written constant cap or P itself; floor the written constant floor or 0. A score that simply
 * scales with the points (what-if's `scalesWithPoints`) is β·P with no clamp. Each function is
 * checked against the run's own score; where it does not reproduce it, or where the form does
 * not hold (a cap or floor that is an expression, a dropped or inapplicable region scored from
 * its peers), the indicator is reported unsupported and the caller falls back to evaluation.
 */
import type { IndicatorNode } from "../graph.js";
import type { VariantPlan } from "../plan-types.js";
import type { Results } from "../results.js";
import { statusAt, type IndicatorDetail, type VariantRun } from "../indicator-detail.js";
import { STATUS } from "../ops/adjust.js";
import { sameValue } from "../ops/column.js";
import type { Runtime } from "../runtime.js";
import { scalesWithPoints } from "../whatif/rerun.js";

/** The score-of-points functions of one indicator, one per region. */
export interface ScoreFns {
  readonly beta: Float64Array;
  readonly c: Float64Array;
  /** The constant cap; NaN means "the points themselves"; +Infinity none. */
  readonly cap: Float64Array;
  /** −Infinity: none. */
  readonly floor: Float64Array;
  /** The points in the run (every region's; the function's reference). */
  readonly points: Float64Array;
}

const FRACTION_METHODS = new Set(["minmax", "zscore", "goalposts", "target", "proportional", "ratio-to-best", "efficacy", "scaled"]);

/** score(P) for region r. */
export function scoreAt(f: ScoreFns, r: number, p: number): number {
  const cap = f.cap[r]!;
  const hi = cap !== cap ? p : cap;
  let s = f.beta[r]! * p + f.c[r]!;
  if (s > hi) s = hi;
  if (s < f.floor[r]!) s = f.floor[r]!;
  return s;
}

/** The points (> 0) where region r's function has a kink (at most four), written into `out`; how many there are. */
export function kinks(f: ScoreFns, r: number, out: Float64Array): number {
  const b = f.beta[r]!;
  const c = f.c[r]!;
  const cap = f.cap[r]!;
  const lo = f.floor[r]!;
  let m = 0;
  if (cap !== cap) {
    if (b !== 1) m = pushKink(out, m, c / (1 - b));
    if (lo > -Infinity) m = pushKink(out, m, lo);
  } else if (cap < Infinity && b !== 0) m = pushKink(out, m, (cap - c) / b);
  if (lo > -Infinity && b !== 0) m = pushKink(out, m, (lo - c) / b);
  return m;
}

function pushKink(out: Float64Array, m: number, p: number): number {
  if (p > 0 && Number.isFinite(p)) out[m++] = p;
  return m;
}

/** Why an indicator's scores cannot be modelled, or its functions. */
export function scoreFns(node: IndicatorNode, rt: Runtime): ScoreFns | string {
  const d = rt.details[node.id] as IndicatorDetail;
  const n = rt.n;
  if (d.dropped) return dropped(node);
  const f: ScoreFns = {
    beta: new Float64Array(n), c: new Float64Array(n), cap: new Float64Array(n).fill(Infinity),
    floor: new Float64Array(n).fill(-Infinity), points: d.points,
  };
  const cols = columnsOf(node, d);
  for (let r = 0; r < n; r++) {
    const why = fill(node, d, cols, f, r, r) ?? mismatch(node, rt, f, r, r, cols);
    if (why) return why;
  }
  return f;
}

/** Why an indicator's scores cannot be modelled (null when they can): `scoreFns`' checks, region by region in one reused slot, its functions not kept. */
export function scoreFnsWhy(node: IndicatorNode, rt: Runtime): string | null {
  const d = rt.details[node.id] as IndicatorDetail;
  if (d.dropped) return dropped(node);
  const f: ScoreFns = { beta: new Float64Array(1), c: new Float64Array(1), cap: new Float64Array(1), floor: new Float64Array(1), points: d.points };
  const cols = columnsOf(node, d);
  for (let r = 0; r < rt.n; r++) {
    f.beta[0] = 0; f.c[0] = 0; f.cap[0] = Infinity; f.floor[0] = -Infinity;
    const why = fill(node, d, cols, f, r, 0) ?? mismatch(node, rt, f, r, 0, cols);
    if (why) return why;
  }
  return null;
}

function dropped(node: IndicatorNode): string {
  return `\`${node.tree.label}\` is dropped for some regions (its siblings are re-normalised)`;
}

/** The columns and each variant's shape, read once (a detail's columns may be getters). */
function columnsOf(node: IndicatorNode, d: IndicatorDetail): Columns {
  return { points: d.points, score: d.score, base: null, shapes: node.plan.variants.map((v, k) => shapeOf(node, v, d.variants[k])) };
}

/** Why region r's function (in slot `at` of f) does not reproduce its score in the run, else null. */
function mismatch(node: IndicatorNode, rt: Runtime, f: ScoreFns, r: number, at: number, cols: Columns): string | null {
  const s = scoreAt(f, at, cols.points[r]!);
  return sameValue(s, cols.score[r]!) ? null : `\`${node.tree.label}\` does not score as a function of its points for region ${rt.data.regions[r]}`;
}

/** What `fill` reads of one variant, the same for every region scored by it. */
interface Shape {
  readonly scales: boolean;
  /** Why a region scored by it (neither zeroed nor missing) cannot be modelled: a cap or floor that is an expression. */
  readonly why: string | null;
  readonly cap: number;
  readonly floor: number;
  /** 0: no method (β = 1); 1: a fraction-valued method; 2: a method written in points. */
  readonly method: 0 | 1 | 2;
  /** Its adjustments in the run (undefined: the run has no such variant). */
  readonly adjustments: VariantRun["adjustments"] | undefined;
}

/** An indicator's columns `fill` reads (`base` read when first needed), and its variants' shapes. */
interface Columns {
  readonly points: Float64Array;
  readonly score: Float64Array;
  base: Float64Array | null;
  readonly shapes: readonly Shape[];
}

function shapeOf(node: IndicatorNode, v: VariantPlan, run: VariantRun | undefined): Shape {
  const why = v.cap && v.cap.constant === null ? `\`${node.tree.label}\` has a cap that is an expression`
    : v.floor && v.floor.constant === null ? `\`${node.tree.label}\` has a floor that is an expression` : null;
  return {
    scales: scalesWithPoints(v), why, cap: v.cap ? v.cap.constant! : NaN, floor: v.floor ? v.floor.constant! : 0,
    method: v.method === null ? 0 : FRACTION_METHODS.has(v.method.kind) ? 1 : 2, adjustments: run?.adjustments,
  };
}

/** Region r's function written into slot `at` of f (why it has none, else null). */
function fill(node: IndicatorNode, d: IndicatorDetail, cols: Columns, f: ScoreFns, r: number, at: number): string | null {
  const v = cols.shapes[d.variant ? d.variant[r]! : 0]!;
  const p = cols.points[r]!;
  if (v.scales) {
    if (!(p > 0)) return `\`${node.tree.label}\` has no points to scale from`;
    f.beta[at] = cols.score[r]! / p;
    return null;
  }
  const bits = statusAt(d, r);
  if (bits & STATUS.inapplicable) return `\`${node.tree.label}\` scores inapplicable regions from its peers' fractions`;
  // Zeroed, or a value left missing: 0 whatever the points.
  if (bits & STATUS.zeroed || (bits & STATUS.missing && !(bits & STATUS.imputed))) {
    f.cap[at] = 0;
    f.floor[at] = 0;
    return null;
  }
  if (v.why) return v.why;
  f.cap[at] = v.cap;
  f.floor[at] = v.floor;
  let c = 0;
  const base = (cols.base ??= d.base);
  if (v.method === 0) f.beta[at] = 1;
  else if (v.method === 1) {
    if (!(p > 0)) return `\`${node.tree.label}\` has no points to scale from`;
    f.beta[at] = base[r]! / p;
  } else c = base[r]!;
  for (const a of v.adjustments!) {
    if (a.sign === "add") c += a.amount[r]!;
    else if (!(bits & STATUS.exempt)) c -= a.amount[r]!;
  }
  f.c[at] = c;
  return null;
}

/** Each run's indicators' functions, computed once (stability's groups analysed apart, e.g. on threads, and counterfactuals share them). */
const perRun = new WeakMap<Results, Map<string, ScoreFns | string>>();

/** The run's score-of-points functions by indicator path (a string: why a path has none). */
export function scoreFnsOf(base: Results): (path: string) => ScoreFns | string {
  return memoPerRun(perRun, base, (node) => scoreFns(node, base.runtime));
}

/** Each run's indicators' reasons alone (counterfactuals read no more of the functions than whether they hold). */
const whyPerRun = new WeakMap<Results, Map<string, string | null>>();

/** Why an indicator path of the run has no score-of-points functions (null when it has): `scoreFnsOf`'s answer when it is known, else the checks alone. */
export function scoreFnsWhyOf(base: Results): (path: string) => string | null {
  return memoPerRun(whyPerRun, base, (node, path) => {
    const full = perRun.get(base)?.get(path);
    return full !== undefined ? (typeof full === "string" ? full : null) : scoreFnsWhy(node, base.runtime);
  });
}

/** A path's answer for the run, computed by `make` once per run and path (a path that is not an indicator: why). */
function memoPerRun<T>(runs: WeakMap<Results, Map<string, T | string>>, base: Results, make: (node: IndicatorNode, path: string) => T | string): (path: string) => T | string {
  let known = runs.get(base);
  if (!known) runs.set(base, (known = new Map()));
  const cache = known;
  return (path: string) => {
    let v = cache.get(path);
    if (v === undefined) {
      const node = base.program.graph.nodes[base.program.graph.tree.get(path)!]!;
      v = node.kind === "indicator" ? make(node, path) : `\`${path}\` is not an indicator`;
      cache.set(path, v);
    }
    return v;
  };
}
