/**
 * Cross-region functions: a statistic over all regions (or over the regions of each type),
 * broadcast back to every region of the group. Missing values are skipped; a statistic over a
 * group with no present value is missing (NaN), except `count` (0) — so an all-missing column
 * gives missing means, which the indicator's missing-data policy then handles.
 */
import { type Grouping } from "./column.js";
import { competitionRanks, groupCounts } from "./rank.js";

/** Names of the cross-region functions (one-argument `min`/`max` included). */
export const CROSS_FUNCTIONS = ["mean", "median", "sum", "count", "rank", "percentile", "min", "max"] as const;

/** One of the cross-region functions. */
export type CrossFunction = (typeof CROSS_FUNCTIONS)[number];

/** Computes a cross-region function of `v` per group; `p` is percentile's optional second argument. */
export function cross(fn: CrossFunction, v: Float64Array, g: Grouping, opts: { boolean?: boolean; p?: Float64Array } = {}): Float64Array {
  switch (fn) {
    case "mean": return broadcast(groupMeans(v, g), g);
    case "sum": return broadcast(groupSums(v, g), g);
    case "count": return broadcast(opts.boolean ? groupTrueCounts(v, g) : groupCounts(v, g), g);
    case "min": return broadcast(groupExtreme(v, g, -1), g);
    case "max": return broadcast(groupExtreme(v, g, 1), g);
    case "median": return medians(v, g);
    case "rank": return competitionRanks(v, g, true);
    case "percentile": return opts.p ? quantiles(v, g, opts.p) : percentRanks(v, g);
  }
}

/** Per-group value written back to each region. */
export function broadcast(perGroup: Float64Array, g: Grouping): Float64Array {
  const out = new Float64Array(g.ids.length);
  for (let i = 0; i < out.length; i++) out[i] = perGroup[g.ids[i]!]!;
  return out;
}

/** Mean of the present values of each group (NaN for a group with none). */
export function groupMeans(v: Float64Array, g: Grouping): Float64Array {
  if (g.count === 1) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x === x) { sum += x; count++; }
    }
    return Float64Array.of(count > 0 ? sum / count : NaN);
  }
  const sums = new Float64Array(g.count);
  const counts = new Float64Array(g.count);
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x !== x) continue;
    sums[g.ids[i]!]! += x;
    counts[g.ids[i]!]!++;
  }
  for (let k = 0; k < g.count; k++) sums[k] = counts[k]! > 0 ? sums[k]! / counts[k]! : NaN;
  return sums;
}

function groupSums(v: Float64Array, g: Grouping): Float64Array {
  const sums = new Float64Array(g.count);
  const counts = groupCounts(v, g);
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) sums[g.ids[i]!]! += v[i]!;
  for (let k = 0; k < g.count; k++) if (counts[k] === 0) sums[k] = NaN;
  return sums;
}

function groupTrueCounts(v: Float64Array, g: Grouping): Float64Array {
  const counts = new Float64Array(g.count);
  for (let i = 0; i < v.length; i++) if (v[i] !== 0 && v[i] === v[i]) counts[g.ids[i]!]!++;
  return counts;
}

/** Largest (`sign` 1) or smallest (`sign` −1) present value of each group (NaN for none). */
export function groupExtreme(v: Float64Array, g: Grouping, sign: 1 | -1): Float64Array {
  const out = new Float64Array(g.count).fill(NaN);
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x !== x) continue;
    const k = g.ids[i]!;
    const cur = out[k]!;
    if (cur !== cur || (sign > 0 ? x > cur : x < cur)) out[k] = x;
  }
  return out;
}

/** Present values of each group, sorted ascending. */
export function sortedGroups(v: Float64Array, g: Grouping): Float64Array[] {
  const counts = groupCounts(v, g);
  const groups = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(g.count);
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) continue;
    const k = g.ids[i]!;
    groups[k]![fill[k]!++] = v[i]!;
  }
  for (const s of groups) s.sort();
  return groups;
}

/** The q-quantile (0..1) of sorted values, linear between closest ranks (Hyndman–Fan type 7). */
export function quantile(sorted: Float64Array, q: number): number {
  const m = sorted.length;
  if (m === 0 || q !== q) return NaN;
  const h = (m - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(m - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function medians(v: Float64Array, g: Grouping): Float64Array {
  const per = Float64Array.from(sortedGroups(v, g), (s) => quantile(s, 0.5));
  return broadcast(per, g);
}

function quantiles(v: Float64Array, g: Grouping, p: Float64Array): Float64Array {
  const groups = sortedGroups(v, g);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = quantile(groups[g.ids[i]!]!, p[i]! / 100);
  return out;
}

/**
 * Percent rank: 100 × (how many present values of the group are lower) / (present count − 1);
 * the best region gets 100, the worst 0, a lone region 100, ties share the value.
 */
function percentRanks(v: Float64Array, g: Grouping): Float64Array {
  const ascending = competitionRanks(v, g, false);
  const counts = groupCounts(v, g);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const c = counts[g.ids[i]!]!;
    out[i] = ascending[i]! !== ascending[i]! ? NaN : c <= 1 ? 100 : (100 * (ascending[i]! - 1)) / (c - 1);
  }
  return out;
}
