/**
 * The common indicator, scored in one or two streaming passes instead of five: an input value
 * (no transform, adjustments, conditions, caps or `inapplicable`), constant points, and min-max
 * overall, constant goalposts or constant bands. The statistics `missing mean` needs (and the
 * range min-max needs) are gathered as the column is read; goalposts and bands score each block
 * of regions while it is still in the cache, min-max scores after the range is known; then the
 * few imputed regions are scored on their own. The results are those of the general path bit
 * for bit (the same kernels on the same numbers); anything else, or any doubt (a zero at the
 * range's edge, no present value), takes the general path.
 */
import { goalpostsParams, bandsParams, constantBands, minmaxParams, type MethodParam } from "./exec-method.js";
import { StatusBits, type VariantResult } from "./indicator-detail.js";
import { PresentStats } from "./ops/stats.js";
import * as k from "./ops/scoring.js";
import type { MethodPlan, VariantPlan } from "./plan-types.js";
import type { Runtime } from "./runtime.js";

const NO_VALUES = new Float64Array(0);

/** Regions per block: a block of values stays in the first-level cache between the two reads. */
const BLOCK = 2048;

/** How a method scores on the fast path. */
type Scorer =
  /** Needs the range of the values scored first; null when the general path must run. */
  | { readonly kind: "range"; readonly score: (x: Float64Array, lo: number, hi: number) => Float64Array | null; readonly params: (x: Float64Array) => MethodParam[] }
  /** Scores block by block into `out`; `finish` runs once all blocks are scored. */
  | { readonly kind: "block"; readonly into: (x: Float64Array, from: number, to: number, out: Float64Array) => void; readonly finish: (x: Float64Array, out: Float64Array) => void; readonly one: (v: number) => number; readonly params: (x: Float64Array) => MethodParam[] };

function scorer(m: MethodPlan | null, higher: boolean, points: Float64Array, rt: Runtime): Scorer | null {
  const p = points[0]!;
  if (!m) return null;
  if (m.kind === "minmax") {
    const g = rt.grouping(m.within);
    if (g.count !== 1) return null;
    // The general kernel divides instead when the range's inverse overflows: leave that to it.
    return { kind: "range", score: (x, lo, hi) => k.minmaxFixed(x, lo, hi, higher, points, true), params: minmaxParams(g) };
  }
  if (m.kind === "goalposts") {
    const [f, t] = [m.floor.constant, m.target.constant];
    if (f === null || t === null || !k.linearPosts(f, t)) return null;
    return {
      kind: "block", params: goalpostsParams(f, t),
      into: (x, from, to, out) => k.goalpostsInto(x, from, to, f, t, p, out),
      finish: () => {},
      one: (v) => k.goalpostsConstant(Float64Array.of(v), f, t, higher, points, true)[0]!,
    };
  }
  if (m.kind === "bands") {
    const c = constantBands(m);
    if (!c || c.bottom < 0 || c.top > p) return null;
    const prepared = k.prepareBands(c.bands, c.otherwise);
    return {
      kind: "block", params: bandsParams(c.bands),
      into: (x, from, to, out) => k.bandsInto(x, from, to, prepared, out),
      finish: () => {},
      one: (v) => k.bandsConstant(Float64Array.of(v), c.bands, c.otherwise)[0]!,
    };
  }
  return null;
}

/** True when the variant has nothing but an input value, a method and a missing-data policy. */
function plain(v: VariantPlan): boolean {
  return v.value.kind === "expr" && !v.transform && !v.inapplicable && v.adjustments.length === 0
    && v.zeroWhen.length === 0 && v.exemptWhen.length === 0 && !v.cap && !v.floor;
}

/** The scores of `t` (NaN where missing) and its statistics, or null when the general path must run. */
function scoreColumn(s: Scorer, t: Float64Array, imputing: boolean, rt: Runtime): { score: Float64Array; stats: PresentStats; at: (v: number) => number } | null {
  const stats = new PresentStats(rt.scratch);
  if (s.kind === "block") {
    const out = new Float64Array(t.length);
    for (let from = 0; from < t.length; from += BLOCK) {
      const to = Math.min(t.length, from + BLOCK);
      stats.addSums(t, from, to);
      s.into(t, from, to, out);
    }
    s.finish(t, out);
    return { score: out, stats, at: s.one };
  }
  stats.add(t, 0, t.length);
  let { lo, hi } = stats;
  const imputed = stats.mean;
  if (stats.missing > 0 && imputing && imputed === imputed) {
    // The range the general path takes over the imputed column; a zero at its edge could be +0 or −0 there.
    if (imputed < lo) lo = imputed;
    if (imputed > hi) hi = imputed;
    if (lo === 0 || hi === 0) return null;
  }
  if (lo > hi) return null;
  const score = s.score(t, lo, hi);
  return score ? { score, stats, at: (v) => s.score(Float64Array.of(v), lo, hi)![0]! } : null;
}

/**
 * Scores a plain variant (see the file comment), or returns null when the variant needs the
 * general path. `constantPoints` says `points` holds one value.
 */
export function fastVariant(v: VariantPlan, higher: boolean, points: Float64Array, constantPoints: boolean, rt: Runtime): VariantResult | null {
  if (!constantPoints || !(points[0]! >= 0) || !plain(v) || v.value.kind !== "expr") return null;
  const s = scorer(v.method, higher, points, rt);
  if (!s) return null;
  const t = v.value.expr.run(rt);
  const mean = v.missing === "mean";
  const done = scoreColumn(s, t, mean, rt);
  if (!done) return null;
  const { score, stats } = done;
  const n = stats.missing;
  // Imputations other than one mean over all regions are left to the general path.
  if (n > 0 && (v.missing === "prev" || (mean && (v.missingWithin >= 0 || stats.mean !== stats.mean)))) return null;
  const missing = n === 0 ? new Int32Array(0) : rt.scratch.slice(0, n);
  const imputedValue = mean ? stats.mean : NaN;
  const imputed = n === 0 ? NO_VALUES : new Float64Array(n).fill(imputedValue);
  if (n > 0) {
    const at = mean ? done.at(imputedValue) : NaN;
    for (let j = 0; j < n; j++) score[missing[j]!] = at;
  }
  const nan = n > 0 && !mean;
  return { t, missing, imputed, base: score, score, nan, status: new StatusBits(rt.n), inapplicable: null, run: { adjustments: [], params: s.params } };
}
