/**
 * Ranking kernels. Competition ranking (1, 2, 2, 4): regions whose values are equal up to
 * rounding noise (`sameValue`) share the better rank. Order is deterministic: equal values keep
 * dataset order, which matters only for who is listed first, never for the rank itself.
 * Missing values get no rank (NaN) and are not counted.
 */
import { sameValue, type Grouping } from "./column.js";
import { radixSort } from "./radix.js";
import { regroup } from "./regroup.js";

export { regroup } from "./regroup.js";

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

/** Present regions sorted by group, then value (best first), then dataset order. */
export function rankOrder(v: Float64Array, g: Grouping, higherFirst: boolean): Int32Array {
  const n = v.length;
  let m = 0;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) if (v[i] === v[i]) idx[m++] = i;
  const present = idx.subarray(0, m);
  const sorted = m >= RADIX_FROM ? radixSort(present, v, higherFirst) : stableSort(present, higherFirst ? negated(v) : v);
  return g.count > 1 ? regroup(sorted, g) : sorted;
}

function negated(v: Float64Array): Float64Array {
  const key = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) key[i] = -v[i]!;
  return key;
}

/** From this many values on, a radix sort (linear) beats the merge sort. */
const RADIX_FROM = 512;

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
