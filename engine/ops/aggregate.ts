/**
 * Aggregation kernels: children's scores → the parent's fraction of its points.
 * A child's fraction is its score over its points (0 when its points are 0). Weights are the
 * children's shares of the parent; where the missing-data policy dropped a child for a region,
 * the remaining siblings' weights are re-normalised for that region (and when every child is
 * dropped, the parent is dropped too).
 * - arithmetic: Σ wᵢ·uᵢ;
 * - geometric: Π uᵢ^wᵢ (a fraction ≤ 0 makes the whole product 0);
 * - minimum: the smallest fraction (weights do not matter).
 */
import { BLOCK, type ScoreBlocks } from "./deferred.js";

/** One child as the aggregation sees it. */
export interface ChildColumns {
  /** The child's score in points. */
  readonly score: Float64Array;
  /** The child's points for each region. */
  readonly points: Float64Array;
  /** The child's share of the parent: one number, or one per region (per-type shares). */
  readonly weight: number | Float64Array;
  /** 1 where the child is dropped for the region (missing drop), or null when never. */
  readonly dropped: Uint8Array | null;
  /** The child's points when they are the same for every region (a faster loop), else absent. */
  readonly constantPoints?: number;
  /** Scores not yet computed as a column: the sum reads them block by block instead of `score`. */
  readonly deferred?: ScoreBlocks;
}

/** The parent's fraction per region, and where it is dropped. */
export interface Aggregated {
  readonly fraction: Float64Array;
  readonly dropped: Uint8Array | null;
}

/** A child's fraction of its points for region i. */
export function childFraction(c: ChildColumns, i: number): number {
  const p = c.points[i]!;
  return p === 0 ? 0 : c.score[i]! / p;
}

function weightAt(c: ChildColumns, i: number): number {
  return typeof c.weight === "number" ? c.weight : c.weight[i]!;
}

/** Sum of the weights of the children present (not dropped) for each region. */
export function presentWeights(children: readonly ChildColumns[], n: number): Float64Array {
  const sum = new Float64Array(n);
  for (const c of children) {
    for (let i = 0; i < n; i++) if (!c.dropped || !c.dropped[i]) sum[i] = sum[i]! + weightAt(c, i);
  }
  return sum;
}

/** Where every child is dropped, or null when that never happens. */
function allDropped(children: readonly ChildColumns[], n: number): Uint8Array | null {
  if (children.length === 0 || children.some((c) => !c.dropped)) return null;
  const out = new Uint8Array(n).fill(1);
  let any = false;
  for (let i = 0; i < n; i++) {
    for (const c of children) if (!c.dropped![i]) { out[i] = 0; break; }
    any ||= out[i] === 1;
  }
  return any ? out : null;
}

/** Weighted arithmetic mean of the children's fractions, re-normalised over present children. */
export function arithmetic(children: readonly ChildColumns[], n: number): Aggregated {
  const num = new Float64Array(n);
  const fast = children.filter((c) => typeof c.weight === "number" && !c.dropped && c.constantPoints !== undefined);
  let wtotal = 0;
  for (const c of fast) wtotal += c.weight as number;
  const ks = fast.map((c) => (c.constantPoints === 0 ? 0 : (c.weight as number) / c.constantPoints!));
  if (fast.some((c) => c.deferred && !c.deferred.computed)) addBlocks(num, fast, ks);
  else addScaled(num, fast.map((c) => c.score), ks);
  let simple = true;
  for (const c of children) {
    if (fast.includes(c)) continue;
    const { score, points, dropped } = c;
    if (typeof c.weight === "number" && !dropped) {
      const w = c.weight;
      wtotal += w;
      for (let i = 0; i < n; i++) {
        const p = points[i]!;
        if (p !== 0) num[i] = num[i]! + (w * score[i]!) / p;
      }
    } else {
      simple = false;
      for (let i = 0; i < n; i++) if (!dropped || !dropped[i]) num[i] = num[i]! + weightAt(c, i) * childFraction(c, i);
    }
  }
  if (simple) {
    // Every child present with one weight for all regions: the weight sum is one number.
    if (wtotal > 0 && Math.abs(wtotal - 1) > 1e-12) for (let i = 0; i < n; i++) num[i] = num[i]! / wtotal;
    else if (!(wtotal > 0)) num.fill(0);
    return { fraction: num, dropped: null };
  }
  const wsum = presentWeights(children, n);
  for (let i = 0; i < n; i++) {
    const w = wsum[i]!;
    num[i] = w > 0 && Math.abs(w - 1) > 1e-12 ? num[i]! / w : w > 0 ? num[i]! : 0;
  }
  return { fraction: num, dropped: allDropped(children, n) };
}

/**
 * num += Σ kⱼ·colⱼ, added in column order (so the sums are those of one column at a time), eight
 * columns per pass so the accumulator is read and written an eighth as often.
 */
function addScaled(num: Float64Array, cols: readonly Float64Array[], ks: readonly number[]): void {
  const n = num.length;
  let j = 0;
  for (; j + 8 <= cols.length; j += 8) {
    const [a, b, c, d, e, f, g, h] = cols.slice(j, j + 8) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const [ka, kb, kc, kd, ke, kf, kg, kh] = ks.slice(j, j + 8) as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < n; i++) num[i] = num[i]! + ka * a[i]! + kb * b[i]! + kc * c[i]! + kd * d[i]! + ke * e[i]! + kf * f[i]! + kg * g[i]! + kh * h[i]!;
  }
  for (; j + 4 <= cols.length; j += 4) {
    const [a, b, c, d] = [cols[j]!, cols[j + 1]!, cols[j + 2]!, cols[j + 3]!];
    const [ka, kb, kc, kd] = [ks[j]!, ks[j + 1]!, ks[j + 2]!, ks[j + 3]!];
    for (let i = 0; i < n; i++) num[i] = num[i]! + ka * a[i]! + kb * b[i]! + kc * c[i]! + kd * d[i]!;
  }
  for (; j + 2 <= cols.length; j += 2) {
    const [a, b] = [cols[j]!, cols[j + 1]!];
    const [ka, kb] = [ks[j]!, ks[j + 1]!];
    for (let i = 0; i < n; i++) num[i] = num[i]! + ka * a[i]! + kb * b[i]!;
  }
  for (; j < cols.length; j++) {
    const a = cols[j]!;
    const ka = ks[j]!;
    for (let i = 0; i < n; i++) num[i] = num[i]! + ka * a[i]!;
  }
}

/**
 * As `addScaled`, a block of regions at a time: deferred children score each block into a small
 * buffer that is added at once, so their columns are never built. The additions are the same,
 * in the same order.
 */
function addBlocks(num: Float64Array, children: readonly ChildColumns[], ks: readonly number[]): void {
  const n = num.length;
  const buf = new Float64Array(Math.min(BLOCK, n));
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    for (let j = 0; j < children.length; j++) {
      const c = children[j]!;
      const k = ks[j]!;
      const d = c.deferred;
      if (d && !d.computed) d.addBlock(from, to, k, num.subarray(from, to), buf);
      else {
        const s = c.score;
        for (let i = from; i < to; i++) num[i] = num[i]! + k * s[i]!;
      }
    }
  }
}

/** Weighted geometric mean of the children's fractions, re-normalised over present children. */
export function geometric(children: readonly ChildColumns[], n: number): Aggregated {
  const logSum = new Float64Array(n);
  const zero = new Uint8Array(n);
  for (const c of children) {
    for (let i = 0; i < n; i++) {
      if (c.dropped && c.dropped[i]) continue;
      const w = weightAt(c, i);
      const u = childFraction(c, i);
      if (w === 0) continue;
      if (u <= 0) zero[i] = 1;
      else logSum[i] = logSum[i]! + w * Math.log(u);
    }
  }
  const wsum = presentWeights(children, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = zero[i] || !(wsum[i]! > 0) ? 0 : Math.exp(logSum[i]! / wsum[i]!);
  return { fraction: out, dropped: allDropped(children, n) };
}

/** The smallest fraction among present children (0 when none is present). */
export function minimum(children: readonly ChildColumns[], n: number): Aggregated {
  const out = new Float64Array(n).fill(Infinity);
  for (const c of children) {
    for (let i = 0; i < n; i++) {
      if (c.dropped && c.dropped[i]) continue;
      const u = childFraction(c, i);
      if (u < out[i]!) out[i] = u;
    }
  }
  for (let i = 0; i < n; i++) if (out[i] === Infinity) out[i] = 0;
  return { fraction: out, dropped: allDropped(children, n) };
}

/**
 * Entropy weights (熵权法) from the children's fractions over all regions: pᵢⱼ = uᵢⱼ/Σᵢuᵢⱼ,
 * eⱼ = −Σᵢ pᵢⱼ ln pᵢⱼ / ln m, wⱼ ∝ 1 − eⱼ. Dropped or negative values count as absent / 0.
 * When no child varies (every 1 − eⱼ is 0), or fewer than two regions, the weights are equal.
 */
export function entropyWeights(children: readonly ChildColumns[], n: number): number[] {
  const d = children.map((c) => 1 - entropy(c, n));
  const total = d.reduce((a, b) => a + b, 0);
  if (!(total > 1e-12)) return children.map(() => 1 / children.length);
  return d.map((x) => x / total);
}

function entropy(c: ChildColumns, n: number): number {
  let sum = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (c.dropped && c.dropped[i]) continue;
    sum += Math.max(0, childFraction(c, i));
    m++;
  }
  if (m < 2 || !(sum > 0)) return 1;
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (c.dropped && c.dropped[i]) continue;
    const p = Math.max(0, childFraction(c, i)) / sum;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.min(1, h / Math.log(m));
}
