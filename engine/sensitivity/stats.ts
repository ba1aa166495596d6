/**
 * Accumulators over samples and their summary, in two parts. `Counts` hold integers (rank
 * histograms, grade changes, Σ|Δrank|): a sum of integers is the same in any order, so each
 * thread keeps one for all the chunks it ran and they are added at the end. `Sums` hold the
 * floating-point sums of one chunk and are merged in chunk order, so the result does not depend
 * on which thread ran which chunk. Ranks are kept as a histogram per region (exact quantiles).
 * An indicator's importance is the Pearson correlation, across samples, between how far its
 * effective share moved (|w/w₀ − 1|) and how far the ranking moved (the mean over regions of
 * |rank − base rank|): near 0, moving its weight does not go with moving anyone; near 1, the
 * ranking moves when and as much as its weight does. It costs O(indicators + regions) per sample.
 */
import type { SampleOutcome } from "./sample.js";

/** Integer counts over some samples (order-free). */
export interface Counts {
  /** Rank counts: region i, rank r (1..n) at i × (n + 1) + r. */
  readonly hist: Int32Array;
  /** Samples in which each region's grade differs from the base run's. */
  readonly gradeChanged: Int32Array;
  /** Σ|rank − base rank| per region (whole numbers, exact in a double). */
  readonly shift: Float64Array;
}

/** Floating-point sums over one chunk's samples (merged in chunk order). */
export interface Sums {
  samples: number;
  /** Per indicator: Σx, Σx², Σx·D with x = |w/w₀ − 1|; and ΣD, ΣD² (D: the sample's mean |Δrank|) at [0], [1]. */
  readonly sx: Float64Array;
  readonly sxx: Float64Array;
  readonly sxd: Float64Array;
  readonly sd: Float64Array;
}

/** Everything merged: what the summary reads. */
export interface Tally {
  readonly counts: Counts;
  readonly sums: Sums;
}

/** The base run's ranks, grade levels and effective shares, which samples are compared with. */
export interface Baseline {
  readonly rank: Float64Array;
  readonly level: Int32Array | null;
  readonly weights: Float64Array;
}

/** Empty counts for n regions. */
export function emptyCounts(n: number): Counts {
  return { hist: new Int32Array(n * (n + 1)), gradeChanged: new Int32Array(n), shift: new Float64Array(n) };
}

/** Empty sums for m indicators. */
export function emptySums(m: number): Sums {
  return { samples: 0, sx: new Float64Array(m), sxx: new Float64Array(m), sxd: new Float64Array(m), sd: new Float64Array(2) };
}

/** Adds one sample (its ranks, grade levels and effective shares) against the base run. */
export function addSample(c: Counts, p: Sums, s: SampleOutcome, base: Baseline): void {
  const n = s.rank.length;
  p.samples++;
  const hist = c.hist;
  const shift = c.shift;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const r = s.rank[i]! === s.rank[i]! ? s.rank[i]! : n;
    hist[i * (n + 1) + r]!++;
    const moved = Math.abs(r - base.rank[i]!);
    shift[i] = shift[i]! + moved;
    d += moved;
  }
  if (s.level && base.level) for (let i = 0; i < n; i++) if (s.level[i] !== base.level[i]) c.gradeChanged[i]!++;
  d = n > 0 ? d / n : 0;
  p.sd[0] = p.sd[0]! + d;
  p.sd[1] = p.sd[1]! + d * d;
  for (let j = 0; j < s.leafWeights.length; j++) {
    const w0 = base.weights[j]!;
    const x = w0 > 0 ? Math.abs(s.leafWeights[j]! / w0 - 1) : 0;
    p.sx[j] = p.sx[j]! + x;
    p.sxx[j] = p.sxx[j]! + x * x;
    p.sxd[j] = p.sxd[j]! + x * d;
  }
}

function add(x: Float64Array | Int32Array, y: Float64Array | Int32Array): void {
  for (let k = 0; k < x.length; k++) x[k] = x[k]! + y[k]!;
}

/** Adds counts `b` into `a` (any order). */
export function addCounts(a: Counts, b: Counts): void {
  add(a.hist, b.hist);
  add(a.gradeChanged, b.gradeChanged);
  add(a.shift, b.shift);
}

/** Adds one chunk's sums `b` into `a` (call in chunk order). */
export function mergeSums(a: Sums, b: Sums): void {
  a.samples += b.samples;
  add(a.sx, b.sx);
  add(a.sxx, b.sxx);
  add(a.sxd, b.sxd);
  add(a.sd, b.sd);
}

/** The nearest-rank q-quantile of region i's ranks over `samples` samples. */
export function rankQuantile(c: Counts, samples: number, n: number, i: number, q: number): number {
  const need = Math.max(1, Math.ceil(q * samples - 1e-9));
  let seen = 0;
  for (let r = 1; r <= n; r++) {
    seen += c.hist[i * (n + 1) + r]!;
    if (seen >= need) return r;
  }
  return n;
}

/** Indicator j's importance: Pearson r of |w/w₀ − 1| with the mean |Δrank|; 0 when either does not vary. */
export function importance(p: Sums, j: number): number {
  const N = p.samples;
  if (N < 2) return 0;
  const mx = p.sx[j]! / N;
  const md = p.sd[0]! / N;
  const vx = p.sxx[j]! / N - mx * mx;
  const vd = p.sd[1]! / N - md * md;
  if (!(vx > 1e-15) || !(vd > 1e-15)) return 0;
  const r = (p.sxd[j]! / N - mx * md) / Math.sqrt(vx * vd);
  return Math.max(-1, Math.min(1, r));
}
