/**
 * One Monte Carlo sample: perturbed shares → every group's fraction from the cached (or
 * re-scored) indicator fractions → totals → overall ranks and grades. Aggregation follows the
 * engine's: arithmetic Σwu/Σw over the children present, geometric Πu^(w/Σw) (a fraction ≤ 0
 * gives 0), minimum min u; a child dropped for a region leaves its siblings re-normalised.
 */
import { grade, type QuotaSpec } from "../ops/grade.js";
import { overall, type Grouping } from "../ops/column.js";
import { competitionRanks } from "../ops/rank.js";
import type { SensitivityModel } from "./model.js";
import type { ResolvedOptions } from "./options.js";
import type { Random } from "./prng.js";

/** One sample's outcome. */
export interface SampleOutcome {
  readonly rank: Float64Array;
  readonly level: Int32Array | null;
  /** Each indicator's effective share of the root (mean over regions), in `model.leaves` order. */
  readonly leafWeights: Float64Array;
}

/** Multiplicative factors for each group's children (index: node; leaves get an empty list). */
export function shareFactors(model: SensitivityModel, o: ResolvedOptions, rng: Random): number[][] {
  return model.nodes.map((node, k) => {
    const m = node.children.length;
    if (m === 0 || !o.weights) return new Array<number>(m).fill(1);
    if (o.mode === "uniform") return node.children.map(() => Math.max(0, 1 + o.spread * (2 * rng.uniform() - 1)));
    const means = model.meanShares[k]!;
    const sum = means.reduce((a, b) => a + b, 0);
    const g = means.map((w) => (w > 0 && sum > 0 ? rng.gamma((o.concentration * w) / sum) : 0));
    const gs = g.reduce((a, b) => a + b, 0);
    return means.map((w, k) => (w > 0 && gs > 0 ? g[k]! / gs / (w / sum) : 1));
  });
}

/** Buffers reused across the samples of a chunk. */
export class SampleBuffers {
  readonly frac: Float64Array[];
  readonly total: Float64Array;
  readonly overall: Grouping;
  /** Per-region weight sums and the geometric zero flags of the group being aggregated. */
  readonly den: Float64Array;
  readonly zero: Uint8Array;
  /** Per group, per child: true when its share is one number and it is never dropped (the fast loop). */
  readonly fast: readonly (readonly boolean[])[];

  constructor(model: SensitivityModel) {
    this.frac = model.nodes.map((x) => new Float64Array(x.children.length > 0 || x === model.nodes[0] ? model.n : 0));
    this.den = new Float64Array(model.n);
    this.zero = new Uint8Array(model.n);
    this.fast = model.nodes.map((x) => x.children.map((j, c) => typeof x.shares[c] === "number" && !model.dropped[j]));
    this.total = new Float64Array(model.n);
    this.overall = overall(model.n);
  }
}

/** num += Σ kⱼ·colⱼ, four columns per pass (as the engine's arithmetic kernel does). */
function addScaled(num: Float64Array, cols: readonly Float64Array[], ks: readonly number[]): void {
  const n = num.length;
  let j = 0;
  for (; j + 4 <= cols.length; j += 4) {
    const a = cols[j]!, b = cols[j + 1]!, c = cols[j + 2]!, d = cols[j + 3]!;
    const ka = ks[j]!, kb = ks[j + 1]!, kc = ks[j + 2]!, kd = ks[j + 3]!;
    for (let i = 0; i < n; i++) num[i] = num[i]! + ka * a[i]! + kb * b[i]! + kc * c[i]! + kd * d[i]!;
  }
  for (; j < cols.length; j++) {
    const a = cols[j]!;
    const ka = ks[j]!;
    for (let i = 0; i < n; i++) num[i] = num[i]! + ka * a[i]!;
  }
}

/** A group's fraction per region from its children's, with the children's shares × factors; column at a time. */
function aggregate(model: SensitivityModel, k: number, factors: readonly number[], fr: (j: number) => Float64Array, buf: SampleBuffers): void {
  const node = model.nodes[k]!;
  const out = buf.frac[k]!;
  const n = model.n;
  if (node.aggregate === "minimum") return minimumOf(model, node.children, fr, out);
  const geometric = node.aggregate === "geometric";
  const num = out;
  num.fill(0);
  const fast = buf.fast[k]!;
  let wsum = 0;
  let slow = false;
  const cols: Float64Array[] = [];
  const ks: number[] = [];
  node.children.forEach((j, c) => {
    if (!fast[c] || geometric) { slow = true; return; }
    const w = (node.shares[c] as number) * factors[c]!;
    wsum += w;
    if (w !== 0) { cols.push(fr(j)); ks.push(w); }
  });
  addScaled(num, cols, ks);
  if (!slow) {
    const inv = wsum > 0 ? 1 / wsum : 0;
    for (let i = 0; i < n; i++) num[i] = num[i]! * inv;
    return;
  }
  const den = buf.den.fill(wsum);
  const zero = geometric ? buf.zero.fill(0) : null;
  node.children.forEach((j, c) => {
    if (fast[c] && !geometric) return;
    const u = fr(j);
    const dropped = model.dropped[j];
    const s = node.shares[c]!;
    const f = factors[c]!;
    for (let i = 0; i < n; i++) {
      if (dropped && dropped[i]) continue;
      const w = (typeof s === "number" ? s : s[i]!) * f;
      den[i] = den[i]! + w;
      if (w === 0) continue;
      const x = u[i]!;
      if (!geometric) num[i] = num[i]! + w * x;
      else if (x <= 0) zero![i] = 1;
      else num[i] = num[i]! + w * Math.log(x);
    }
  });
  for (let i = 0; i < n; i++) {
    const d = den[i]!;
    out[i] = !(d > 0) || (zero && zero[i]) ? 0 : geometric ? Math.exp(num[i]! / d) : num[i]! / d;
  }
}

function minimumOf(model: SensitivityModel, children: readonly number[], fr: (j: number) => Float64Array, out: Float64Array): void {
  out.fill(Infinity);
  for (const j of children) {
    const u = fr(j);
    const dropped = model.dropped[j];
    for (let i = 0; i < model.n; i++) if (!(dropped && dropped[i]) && u[i]! < out[i]!) out[i] = u[i]!;
  }
  for (let i = 0; i < model.n; i++) if (out[i] === Infinity) out[i] = 0;
}

/** Effective shares of the root per indicator (mean over regions of the product of normalised shares). */
export function leafWeights(model: SensitivityModel, factors: readonly (readonly number[])[]): Float64Array {
  return leafWeightsInto(model, factors, new Float64Array(model.nodes.length), new Float64Array(model.leaves.length));
}

/** `leafWeights` written into `out` (one slot per indicator), with `eff` as scratch (one per node); returns `out`. */
export function leafWeightsInto(model: SensitivityModel, factors: readonly (readonly number[])[], eff: Float64Array, out: Float64Array): Float64Array {
  eff[0] = 1;
  for (let k = 0; k < model.nodes.length; k++) {
    const children = model.nodes[k]!.children;
    if (children.length === 0) continue;
    const s = model.meanShares[k]!;
    const f = factors[k]!;
    let sum = 0;
    for (let c = 0; c < children.length; c++) sum += s[c]! * f[c]!;
    for (let c = 0; c < children.length; c++) eff[children[c]!] = sum > 0 ? (eff[k]! * (s[c]! * f[c]!)) / sum : 0;
  }
  for (let l = 0; l < model.leaves.length; l++) out[l] = eff[model.leaves[l]!]!;
  return out;
}

/** Runs one sample: `fractions` may replace some indicators' cached fractions (rule mode), `quotas` the grade quotas. */
export function runSample(model: SensitivityModel, factors: readonly number[][], buf: SampleBuffers,
  fractions: ReadonlyMap<number, Float64Array> | null, quotas: readonly (readonly QuotaSpec[])[] | null): SampleOutcome {
  const fr = (j: number): Float64Array => fractions?.get(j) ?? model.fractions[j] ?? buf.frac[j]!;
  for (const k of model.postOrder) aggregate(model, k, factors[k]!, fr, buf);
  const root = buf.frac[0]!;
  const total = buf.total;
  for (let i = 0; i < model.n; i++) total[i] = root[i]! * model.rootPoints[i]! + model.extra[i]!;
  const rank = competitionRanks(total, buf.overall, true);
  const g = model.grades;
  const level = g ? grade({
    total, levels: g.levels.map((l, k) => (quotas ? { ...l, quotas: quotas[k]! } : l)),
    group: { ids: g.groupIds, count: g.groupCount }, refill: g.refill, ceiling: g.ceiling, vetoReason: g.vetoReason,
  }).level : null;
  return { rank, level, leafWeights: leafWeights(model, factors) };
}

/** The indicators' effective shares of the root with no perturbation. */
export function baseLeafWeights(model: SensitivityModel): Float64Array {
  return leafWeights(model, model.nodes.map((x) => x.children.map(() => 1)));
}
