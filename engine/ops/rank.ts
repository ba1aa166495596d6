/**
 * Ranking kernels. Competition ranking (1, 2, 2, 4): regions whose values are equal up to
 * rounding noise (`sameValue`) share the better rank. Order is deterministic: equal values keep
 * dataset order, which matters only for who is listed first, never for the rank itself.
 * Missing values get no rank (NaN) and are not counted.
 */
import { sameValue, type Grouping } from "./column.js";

/**
 * Sorts region indices by key ascending, stably (equal keys keep dataset order): a bottom-up
 * merge sort over typed arrays, with insertion sort for short runs, and no callbacks. Grouped
 * sorts fold the group into the key.
 */
function stableSort(input: Int32Array, key: Float64Array): Int32Array {
  const m = input.length;
  let src: Int32Array = input;
  let dst: Int32Array = new Int32Array(m);
  const RUN = 16;
  for (let lo = 0; lo < m; lo += RUN) {
    const hi = Math.min(m, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = src[i]!;
      const kx = key[x]!;
      let j = i - 1;
      while (j >= lo && kx < key[src[j]!]!) { src[j + 1] = src[j]!; j--; }
      src[j + 1] = x;
    }
  }
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(m, lo + width);
      const hi = Math.min(m, lo + 2 * width);
      let a = lo;
      let b = mid;
      for (let k = lo; k < hi; k++) dst[k] = a < mid && (b >= hi || key[src[b]!]! >= key[src[a]!]!) ? src[a++]! : src[b++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** Sorts by group first: stable-sort by value, then a stable counting pass by group. */
function groupedSort(idx: Int32Array, key: Float64Array, g: Grouping): Int32Array {
  const byValue = stableSort(idx, key);
  const starts = new Int32Array(g.count + 1);
  for (const i of byValue) starts[g.ids[i]! + 1]!++;
  for (let k = 0; k < g.count; k++) starts[k + 1]! += starts[k]!;
  const out = new Int32Array(byValue.length);
  for (const i of byValue) out[starts[g.ids[i]!]!++] = i;
  return out;
}

/** Present regions sorted by group, then value (best first), then dataset order. */
export function rankOrder(v: Float64Array, g: Grouping, higherFirst: boolean): Int32Array {
  const n = v.length;
  let m = 0;
  const idx = new Int32Array(n);
  const key = higherFirst ? new Float64Array(n) : v;
  for (let i = 0; i < n; i++) {
    if (v[i] !== v[i]) continue;
    idx[m++] = i;
    if (higherFirst) key[i] = -v[i]!;
  }
  const present = idx.subarray(0, m);
  return g.count > 1 ? groupedSort(present, key, g) : stableSort(present, key);
}

/** Competition ranks within each group; `higherFirst` ranks the largest value 1; `order` may pass a `rankOrder` already computed. */
export function competitionRanks(v: Float64Array, g: Grouping, higherFirst = true, order?: Int32Array): Float64Array {
  const out = new Float64Array(v.length).fill(NaN);
  const ord = order ?? rankOrder(v, g, higherFirst);
  const ids = g.ids;
  let group = -1;
  let pos = 0;
  let rank = 0;
  let prev = 0;
  for (let k = 0; k < ord.length; k++) {
    const i = ord[k]!;
    if (ids[i] !== group) {
      group = ids[i]!;
      pos = 0;
    }
    pos++;
    if (pos === 1 || !sameValue(v[i]!, prev)) rank = pos;
    out[i] = rank;
    prev = v[i]!;
  }
  return out;
}

/** How many present values each group has. */
export function groupCounts(v: Float64Array, g: Grouping): Float64Array {
  const counts = new Float64Array(g.count);
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) counts[g.ids[i]!]!++;
  return counts;
}
