/**
 * The common indicator, scored without keeping a column: an input value (no transform,
 * adjustments, conditions, caps or `inapplicable`), constant points, and min-max overall,
 * constant goalposts or constant bands. One streaming pass gathers what scoring needs (where
 * values are missing, the mean `missing mean` imputes, the range min-max needs); the scores
 * themselves are computed when read — block by block straight into the parent group's sum
 * (exec-tree), or as a whole column the first time an explanation, rule or analysis asks. The
 * numbers are those of the general path bit for bit (the same kernels on the same numbers);
 * anything else, or any doubt (a zero at the range's edge, no present value), takes the
 * general path.
 */
import { goalpostsParams, bandsParams, constantBands, minmaxParams, type MethodParam } from "./exec-method.js";
import { firstAtOrAfter } from "./indicator-detail.js";
import { addScaledBlock, BLOCK, type ScoreBlocks } from "./ops/deferred.js";
import { PresentStats } from "./ops/stats.js";
import * as k from "./ops/scoring.js";
import type { MethodPlan, VariantPlan } from "./plan-types.js";
import type { Runtime } from "./runtime.js";

const NO_VALUES = new Float64Array(0);
const NO_REGIONS = new Int32Array(0);

/** Scores regions from..to−1 of `x` into out[i − shift]. */
type BlockKernel = (x: Float64Array, from: number, to: number, out: Float64Array, shift: number) => void;

/** Adds k × the scores of regions from..to−1 of `x` to out[i − shift]; false when it cannot (nothing added). */
type AddKernel = (x: Float64Array, from: number, to: number, k: number, out: Float64Array, shift: number) => boolean;

/** A method's two kernels once the value column's statistics are known. */
interface Kernels {
  readonly score: BlockKernel;
  readonly add: AddKernel;
}

/**
 * A plain indicator's scores, computed when read: `block` scores a run of regions (a parent
 * adds them to its sum while they are in the cache), `column` computes every region's once and
 * keeps it. Missing regions score the imputed value's score (`atMissing`; NaN when none).
 */
export class FastScores implements ScoreBlocks {
  private kept: Float64Array | null = null;

  private readonly kernel: BlockKernel;
  private readonly add: AddKernel;

  constructor(
    private readonly x: Float64Array,
    kernels: Kernels,
    private readonly missing: Int32Array,
    private readonly atMissing: number,
  ) {
    this.kernel = kernels.score;
    this.add = kernels.add;
  }

  /** Writes the scores of regions from..to−1 into out[0 .. to−from). */
  block(from: number, to: number, out: Float64Array): void {
    if (this.kept) {
      out.set(this.kept.subarray(from, to));
      return;
    }
    this.kernel(this.x, from, to, out, from);
    const m = this.missing;
    if (m.length === 0) return;
    for (let j = firstAtOrAfter(m, from); j < m.length && m[j]! < to; j++) out[m[j]! - from] = this.atMissing;
  }

  /**
   * Adds k × the scores of regions from..to−1 to out[0 .. to−from), in place where the method
   * can (the sums at missing positions are set aside and given the imputed value's score after).
   */
  addBlock(from: number, to: number, k: number, out: Float64Array, buf: Float64Array): void {
    if (this.kept) {
      addScaledBlock(out, k, this.kept.subarray(from, to), to - from);
      return;
    }
    const m = this.missing;
    const first = m.length === 0 ? 0 : firstAtOrAfter(m, from);
    let end = first;
    // A block holds at most BLOCK missing positions; SAVED is shared (blocks are added one at a time).
    while (end < m.length && m[end]! < to) { SAVED[end - first] = out[m[end]! - from]!; end++; }
    if (!this.add(this.x, from, to, k, out, from)) {
      this.block(from, to, buf);
      addScaledBlock(out, k, buf, to - from);
      return;
    }
    for (let j = first; j < end; j++) out[m[j]! - from] = SAVED[j - first]! + k * this.atMissing;
  }

  /** True once the whole column has been computed (reading it is then free). */
  get computed(): boolean {
    return this.kept !== null;
  }

  /** Every region's score (computed on first read, then kept). */
  column(): Float64Array {
    if (!this.kept) {
      const out = new Float64Array(this.x.length);
      this.kernel(this.x, 0, out.length, out, 0);
      for (let j = 0; j < this.missing.length; j++) out[this.missing[j]!] = this.atMissing;
      this.kept = out;
    }
    return this.kept;
  }
}

/** The sums at a block's missing positions while the block is added (see `addBlock`). */
const SAVED = new Float64Array(BLOCK);

/** What a plain variant computed: its value column, missing regions and imputations, and its scores (not yet a column). */
export interface FastVariant {
  readonly t: Float64Array;
  readonly missing: Int32Array;
  readonly imputed: Float64Array;
  readonly scores: FastScores;
  /** True when some regions' scores are missing (a policy other than `mean` left them so). */
  readonly nan: boolean;
  readonly params: (x: Float64Array) => MethodParam[];
}

/** How a method scores once the value column's statistics are known; null when the general path must run. */
type Scorer = (stats: PresentStats, imputing: boolean) => Kernels | null;

/** A method's scorer on the fast path: what it needs of the statistics, and its explanation parameters. */
interface FastMethod {
  readonly score: Scorer;
  readonly range: boolean;
  readonly params: (x: Float64Array) => MethodParam[];
}

/** Scorers that depend on nothing but the plan and the points (goalposts, bands), made once per plan. */
const CONSTANT_SCORERS = new WeakMap<MethodPlan, { readonly p: number; readonly s: FastMethod | null }>();

function scorer(m: MethodPlan | null, higher: boolean, p: number, rt: Runtime): FastMethod | null {
  if (!m) return null;
  if (m.kind === "goalposts" || m.kind === "bands") {
    const known = CONSTANT_SCORERS.get(m);
    if (known && Object.is(known.p, p)) return known.s;
    const s = constantScorer(m, p);
    CONSTANT_SCORERS.set(m, { p, s });
    return s;
  }
  if (m.kind === "minmax") {
    const g = rt.grouping(m.within);
    if (g.count !== 1) return null;
    const score: Scorer = (stats, imputing) => {
      let { lo, hi } = stats;
      const imputed = stats.mean;
      if (stats.missing > 0 && imputing && imputed === imputed) {
        // The range the general path takes over the imputed column. Where the imputed value is a
        // zero at the range's edge, which of +0 and −0 that path meets first decides the edge's sign.
        if (imputed === 0 && (lo === 0 || hi === 0)) return null;
        if (imputed < lo) lo = imputed;
        if (imputed > hi) hi = imputed;
      }
      if (lo > hi) return null;
      // The general kernel divides instead when the range's inverse overflows: leave that to it.
      const line = k.minmaxLine(lo, hi, higher);
      return line ? {
        score: (x, from, to, out, shift) => k.minmaxInto(x, from, to, line, p, out, shift),
        add: (x, from, to, w, out, shift) => { k.minmaxAdd(x, from, to, line, p, w, out, shift); return true; },
      } : null;
    };
    return { score, range: true, params: minmaxParams(g) };
  }
  return null;
}

/** Constant goalposts or bands on the fast path, or null when they need the general path. */
function constantScorer(m: Extract<MethodPlan, { kind: "goalposts" | "bands" }>, p: number): FastMethod | null {
  if (m.kind === "goalposts") {
    const [f, t] = [m.floor.constant, m.target.constant];
    if (f === null || t === null || !k.linearPosts(f, t)) return null;
    const kernels: Kernels = {
      score: (x, from, to, out, shift) => k.goalpostsInto(x, from, to, f, t, p, out, shift),
      add: (x, from, to, w, out, shift) => { k.goalpostsAdd(x, from, to, f, t, p, w, out, shift); return true; },
    };
    return { score: () => kernels, range: false, params: goalpostsParams(f, t) };
  }
  const c = constantBands(m);
  if (!c || c.bottom < 0 || c.top > p) return null;
  const prepared = k.prepareBands(c.bands, c.otherwise);
  const kernels: Kernels = {
    score: (x, from, to, out, shift) => k.bandsInto(x, from, to, prepared, out, shift),
    add: (x, from, to, w, out, shift) => k.bandsAdd(x, from, to, prepared, w, out, shift),
  };
  return { score: () => kernels, range: false, params: bandsParams(c.bands) };
}

/** True when the variant has nothing but an input value, a method and a missing-data policy. */
function plain(v: VariantPlan): boolean {
  return v.value.kind === "expr" && !v.transform && !v.inapplicable && v.adjustments.length === 0
    && v.zeroWhen.length === 0 && v.exemptWhen.length === 0 && !v.cap && !v.floor;
}

/** One value and its score, for scoring the imputed value. */
const ONE_IN = new Float64Array(1);
const ONE_OUT = new Float64Array(1);

/**
 * Prepares a plain variant's scores (see the file comment), or returns null when the variant
 * needs the general path. `constantPoints` says `points` holds one value.
 */
export function fastVariant(v: VariantPlan, higher: boolean, points: Float64Array, constantPoints: boolean, rt: Runtime): FastVariant | null {
  const p = points[0]!;
  if (!constantPoints || !(p >= 0) || !plain(v) || v.value.kind !== "expr") return null;
  const s = scorer(v.method, higher, p, rt);
  if (!s) return null;
  const t = v.value.expr.run(rt);
  const mean = v.missing === "mean";
  const stats = new PresentStats(rt.scratch);
  if (s.range) stats.add(t, 0, t.length);
  else stats.addSums(t, 0, t.length);
  const n = stats.missing;
  // Imputations other than one mean over all regions are left to the general path.
  if (n > 0 && (v.missing === "prev" || (mean && (v.missingWithin >= 0 || stats.mean !== stats.mean)))) return null;
  const kernels = s.score(stats, mean);
  if (!kernels) return null;
  const missing = n === 0 ? NO_REGIONS : rt.ints(n);
  for (let j = 0; j < n; j++) missing[j] = rt.scratch[j]!;
  const imputedValue = mean ? stats.mean : NaN;
  const imputed = n === 0 ? NO_VALUES : rt.doubles(n).fill(imputedValue);
  let atMissing = NaN;
  if (n > 0 && mean) {
    ONE_IN[0] = imputedValue;
    kernels.score(ONE_IN, 0, 1, ONE_OUT, 0);
    atMissing = ONE_OUT[0]!;
  }
  return { t, missing, imputed, scores: new FastScores(t, kernels, missing, atMissing), nan: n > 0 && !mean, params: s.params };
}
