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

/**
 * An order regrouped by group, stably: the regions of group 0 first, each group in the order
 * given. `regroup(rankOrder(v, overall), g)` is `rankOrder(v, g)`, without sorting again.
 */
export function regroup(order: Int32Array, g: Grouping): Int32Array {
  if (g.count <= 1) return order;
  const starts = new Int32Array(g.count + 1);
  for (const i of order) starts[g.ids[i]! + 1]!++;
  for (let k = 0; k < g.count; k++) starts[k + 1]! += starts[k]!;
  const out = new Int32Array(order.length);
  for (const i of order) out[starts[g.ids[i]!]!++] = i;
  return out;
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

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The same order as `stableSort` on the values (ascending, or descending with `descending`):
 * an LSD radix sort, 8 bits a pass, on the doubles' bits mapped so that unsigned order is numeric
 * order (−0 counted as +0, as comparisons do); stable, so equal values keep the order given.
 * Passes where every value has the same digit are skipped.
 */
function radixSort(input: Int32Array, v: Float64Array, descending: boolean): Int32Array {
  const m = input.length;
  const keyF = new Float64Array(m);
  const key = new Int32Array(keyF.buffer);
  const [LO, HI] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  const count = new Int32Array(8 * 256);
  // Keys are stored by position in `input`: sorting moves positions, then maps back to regions.
  for (let p = 0; p < m; p++) {
    keyF[p] = v[input[p]!]! + 0;
    const hi = key[2 * p + HI]!;
    // Ascending unsigned order: negative values flip every bit, others flip the sign bit;
    // descending is the complement of that.
    let h = hi < 0 ? ~hi : hi ^ -0x80000000;
    let l = hi < 0 ? ~key[2 * p + LO]! : key[2 * p + LO]!;
    if (descending) { h = ~h; l = ~l; }
    key[2 * p + HI] = h;
    key[2 * p + LO] = l;
    count[l & 255]!++;
    count[256 + ((l >>> 8) & 255)]!++;
    count[512 + ((l >>> 16) & 255)]!++;
    count[768 + (l >>> 24)]!++;
    count[1024 + (h & 255)]!++;
    count[1280 + ((h >>> 8) & 255)]!++;
    count[1536 + ((h >>> 16) & 255)]!++;
    count[1792 + (h >>> 24)]!++;
  }
  let src = new Int32Array(m);
  for (let p = 0; p < m; p++) src[p] = p;
  let dst = new Int32Array(m);
  for (let d = 0; d < 8; d++) {
    const word = d < 4 ? LO : HI;
    const shift = (d & 3) * 8;
    const base = d * 256;
    if (count[base + ((key[2 * src[0]! + word]! >>> shift) & 255)] === m) continue;
    let sum = 0;
    for (let k = base; k < base + 256; k++) { const c = count[k]!; count[k] = sum; sum += c; }
    for (let q = 0; q < m; q++) {
      const p = src[q]!;
      dst[count[base + ((key[2 * p + word]! >>> shift) & 255)]!++] = p;
    }
    const t = src; src = dst; dst = t;
  }
  for (let q = 0; q < m; q++) src[q] = input[src[q]!]!;
  return src;
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
