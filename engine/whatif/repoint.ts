/**
 * An indicator whose points alone changed, finished from its cached columns instead of scored
 * again. Two kinds qualify: a score proportional to the points (a fraction-valued method, no
 * amounts, cap or floor) keeps its fraction, so its new columns are the old ones scaled — and
 * are only computed when something reads them (its parent reads the unchanged fraction instead);
 * a score in absolute points (bands, rank points, a custom score) with nothing but the default
 * clamp is clamped again to the new points. Anything else runs again.
 */
import type { IndicatorNode } from "../graph.js";
import { StatusBits, pointsColumn, type IndicatorDetail } from "../indicator-detail.js";
import { STATUS } from "../ops/adjust.js";
import type { VariantPlan } from "../plan-types.js";
import type { Runtime } from "../runtime.js";

const PROPORTIONAL = new Set(["minmax", "zscore", "goalposts", "target", "proportional", "ratio-to-best", "efficacy", "scaled"]);
const ABSOLUTE = new Set(["bands", "rank-points", "custom"]);

/**
 * True when a variant's score is its fraction times its points, so new points only rescale it:
 * a fraction-valued method (or full marks), no `add`/`deduct` amounts, no written cap or floor.
 */
export function scalesWithPoints(v: VariantPlan): boolean {
  return (v.method === null || PROPORTIONAL.has(v.method.kind)) && v.adjustments.length === 0 && v.cap === null && (v.floor === null || v.floor.constant === 0);
}

/** True when a variant's score is its method's absolute points clamped to 0..points and nothing else. */
function clampsOnly(v: VariantPlan): boolean {
  return v.method !== null && ABSOLUTE.has(v.method.kind) && v.adjustments.length === 0 && v.cap === null && v.floor === null
    && v.zeroWhen.length === 0 && v.exemptWhen.length === 0 && v.inapplicable === null;
}

/** A node's columns before a change that kept its fraction (score ÷ points), for its parent to aggregate. */
export interface KeptFraction {
  readonly score: Float64Array;
  readonly points: Float64Array;
}

/** How a repointed indicator was finished: its fraction kept (new columns on first read), or new columns. */
export type Repointed = { readonly kept: KeptFraction } | { readonly kept: null };

/** col × to ÷ from, element by element (unchanged where the points are). */
function scaled(col: Float64Array, from: Float64Array, to: Float64Array): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) out[i] = from[i] === to[i] ? col[i]! : col[i]! * (to[i]! / from[i]!);
  return out;
}

/** The detail at new points with the same fractions, its score and base scaled when first read; null when some old points are 0. */
function rescaled(d: IndicatorDetail, points: Float64Array, was: IndicatorNode): IndicatorDetail | null {
  const old = d.points;
  const nonzero = was.plan.points.byType.length === 0 && was.plan.points.base !== 0;
  if (!nonzero) for (let i = 0; i < old.length; i++) if (old[i] === 0 && points[i] !== 0) return null;
  let score: Float64Array | null = null;
  let base: Float64Array | null = null;
  return {
    ...d, points, deferred: undefined,
    get score() { return (score ??= scaled(d.score, old, points)); },
    get base() { return (base ??= scaled(d.base, old, points)); },
  };
}

/** The detail with its absolute base clamped to new points; null when a score is missing (the missing-data policy must run). */
function reclamped(d: IndicatorDetail, points: Float64Array): IndicatorDetail | null {
  if (d.dropped) return null;
  for (let k = 0; k < d.imputed.length; k++) if (d.imputed[k] !== d.imputed[k]) return null;
  const score = clamped(d.base, points);
  return score ? { ...d, points, score, status: new ClampStatus(d.base, points), deferred: undefined } : null;
}

/**
 * clamp(base, 0, points), as `finish` computes it without adjustments, cap or floor: the base
 * itself when nothing is clamped, null when a value is missing (or not finite). The common
 * loops select with 0/1 masks instead of branches (which band scores would mispredict), and stay
 * exact: m·p + (1 − m)·s is p or s.
 */
function clamped(base: Float64Array, points: Float64Array): Float64Array | null {
  const n = base.length;
  let capped = 0;
  let floored = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const s = base[i]!;
    capped += +(s > points[i]!);
    floored += +(s < 0);
    bad += +(s - s !== 0);
  }
  if (bad > 0) return null;
  if (capped + floored === 0) return base;
  const score = new Float64Array(n);
  if (floored === 0) {
    for (let i = 0; i < n; i++) {
      const s = base[i]!;
      const p = points[i]!;
      const m = +(s > p);
      score[i] = m * p + (1 - m) * s;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const s = base[i]!;
      const p = points[i]!;
      score[i] = s > p ? p : s < 0 ? 0 : s;
    }
  }
  return score;
}

/** The status bits `finish` would set for a clamp (capped, floored), read from the columns when asked (with any bit set since). */
class ClampStatus extends StatusBits {
  constructor(private readonly base: Float64Array, private readonly points: Float64Array) {
    super(base.length);
  }

  override get(i: number): number {
    const s = this.base[i]!;
    return super.get(i) | (s > this.points[i]! ? STATUS.capped : s < 0 ? STATUS.floored : 0);
  }

  /** True when some region has a bit. */
  any(): boolean {
    for (let i = 0; i < this.base.length; i++) if (this.get(i) !== 0) return true;
    return false;
  }
}

/**
 * Finishes `node` at its new points from its cached detail (`was`: the node before the change),
 * or returns null when it must be scored again. A kept fraction's column in `rt.values` is computed when first read.
 */
export function repoint(node: IndicatorNode, was: IndicatorNode, rt: Runtime): Repointed | null {
  const d = rt.details[node.id] as IndicatorDetail;
  const points = pointsColumn(node.plan.points, rt);
  const variants = node.plan.variants;
  if (variants.every(scalesWithPoints)) {
    const next = rescaled(d, points, was);
    if (!next) return null;
    rt.details[node.id] = next;
    Object.defineProperty(rt.values, node.id, { get: () => next.score, enumerable: true, configurable: true });
    return { kept: { score: d.score, points: d.points } };
  }
  const next = variants.every(clampsOnly) ? reclamped(d, points) : null;
  if (!next) return null;
  rt.details[node.id] = next;
  rt.values[node.id] = next.score;
  return { kept: null };
}
