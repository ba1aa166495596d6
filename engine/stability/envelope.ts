/**
 * Lower envelopes of lines over ranges of positions, for finding the earliest possible crossing
 * with a query line without looking at every line. A segment tree over positions 0..n−1 keeps,
 * in every node, the lower envelope (convex-hull trick) of its lines y = c + s·d; a query asks
 * for the first d ≥ 0 at which the envelope of a node meets a line a + b·d, which the concavity
 * of (envelope − line) lets a binary search over the envelope's breakpoints answer.
 */

/** Positions per leaf bucket: a bucket's lines are looked at one by one. */
export const BUCKET = 8;

/** A segment tree of lower envelopes (nodes heap-numbered from 1; node k covers buckets of its range). */
export interface EnvelopeTree {
  readonly n: number;
  /** Number of leaf buckets (a power of two). */
  readonly leaves: number;
  /** Per line (by position): intercept and slope. */
  readonly c: Float64Array;
  readonly s: Float64Array;
  /** Per node: where its hull starts in `hc`/`hs` and how many lines it keeps. */
  readonly start: Int32Array;
  readonly count: Int32Array;
  /** Hull lines, slopes strictly decreasing within a node. */
  readonly hc: Float64Array;
  readonly hs: Float64Array;
  /** Per node: the hull line (index within the node) holding the envelope at d = 0. */
  readonly zero: Int32Array;
}

let scratchC = new Float64Array(0);
let scratchS = new Float64Array(0);

/** Builds the tree over lines (c[k], s[k]), k = 0..n−1. */
export function envelopeTree(c: Float64Array, s: Float64Array): EnvelopeTree {
  const n = c.length;
  let leaves = 1;
  while (leaves * BUCKET < n) leaves *= 2;
  const nodes = 2 * leaves;
  const start = new Int32Array(nodes);
  const count = new Int32Array(nodes);
  // Each level holds at most n hull lines in all; there are log2(leaves) + 1 levels. The hulls are
  // built in shared scratch space and copied out at their real (much smaller) size.
  const levels = Math.round(Math.log2(leaves)) + 1;
  if (scratchC.length < n * levels + 1) {
    scratchC = new Float64Array(n * levels + 1);
    scratchS = new Float64Array(n * levels + 1);
  }
  const wc = scratchC;
  const ws = scratchS;
  let top = 0;
  const idx = new Int32Array(BUCKET);
  for (let b = 0; b < leaves; b++) {
    const node = leaves + b;
    start[node] = top;
    const from = b * BUCKET;
    const m = Math.max(0, Math.min(n, from + BUCKET) - from);
    // Insertion sort of the bucket by slope (descending), then intercept (ascending).
    for (let i = 0; i < m; i++) {
      const k = from + i;
      let j = i - 1;
      while (j >= 0 && (s[idx[j]!]! < s[k]! || (s[idx[j]!] === s[k] && c[idx[j]!]! > c[k]!))) { idx[j + 1] = idx[j]!; j--; }
      idx[j + 1] = k;
    }
    for (let i = 0; i < m; i++) top = pushHull(wc, ws, start[node]!, top, c[idx[i]!]!, s[idx[i]!]!);
    count[node] = top - start[node]!;
  }
  for (let node = leaves - 1; node >= 1; node--) {
    start[node] = top;
    let i = start[2 * node]!;
    let j = start[2 * node + 1]!;
    const ie = i + count[2 * node]!;
    const je = j + count[2 * node + 1]!;
    while (i < ie || j < je) {
      const takeI = j >= je || (i < ie && (ws[i]! > ws[j]! || (ws[i] === ws[j] && wc[i]! <= wc[j]!)));
      const k = takeI ? i++ : j++;
      top = pushHull(wc, ws, start[node]!, top, wc[k]!, ws[k]!);
    }
    count[node] = top - start[node]!;
  }
  const hc = wc.slice(0, top);
  const hs = ws.slice(0, top);
  const zero = new Int32Array(nodes);
  for (let node = 1; node < nodes; node++) zero[node] = lineAtZero(hc, hs, start[node]!, count[node]!);
  return { n, leaves, c, s, start, count, hc, hs, zero };
}

/** The hull line holding the envelope at d = 0: the last whose breakpoint with its predecessor is ≤ 0. */
function lineAtZero(hc: Float64Array, hs: Float64Array, from: number, m: number): number {
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cross(hc, hs, from + mid - 1, from + mid) <= 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Appends a line (slopes arrive non-increasing) to the hull in [from, top); the new top. */
function pushHull(hc: Float64Array, hs: Float64Array, from: number, top: number, c: number, s: number): number {
  if (top > from && hs[top - 1] === s) {
    if (hc[top - 1]! <= c) return top;
    top--;
  }
  while (top - from >= 2) {
    // The last line is useless when the new one undercuts the one before it no later than it does.
    const c1 = hc[top - 2]!, s1 = hs[top - 2]!, c2 = hc[top - 1]!, s2 = hs[top - 1]!;
    if ((c - c1) * (s1 - s2) <= (c2 - c1) * (s1 - s)) top--;
    else break;
  }
  hc[top] = c;
  hs[top] = s;
  return top + 1;
}

/**
 * The first d in [0, limit) at which the lower envelope of node `node` is at or below the line
 * a + b·d; Infinity when there is none.
 */
export function firstMeet(t: EnvelopeTree, node: number, a: number, b: number, limit: number): number {
  const from = t.start[node]!;
  const m = t.count[node]!;
  if (m === 0) return Infinity;
  const hc = t.hc;
  const hs = t.hs;
  const j0 = t.zero[node]!;
  if (hc[from + j0]! - a <= 0) return 0;
  // A quick bound from the lowest start and the smallest slope (slack for rounding) before the search.
  const last = hs[from + m - 1]!;
  if (!(last < b) || (hc[from + j0]! - a) / (b - last) >= limit * (1 + 1e-9)) return Infinity;
  // g = envelope − line is concave and positive at 0: the first breakpoint where g ≤ 0 bounds the meet.
  let lo = j0 + 1;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = cross(hc, hs, from + mid - 1, from + mid);
    if (x >= limit || hc[from + mid]! + hs[from + mid]! * x - a - b * x <= 0) hi = mid;
    else lo = mid + 1;
  }
  const k = from + lo - 1;
  const slope = hs[k]!;
  if (!(slope < b)) return Infinity;
  const d = (hc[k]! - a) / (b - slope);
  return d < limit ? Math.max(0, d) : Infinity;
}

/** Where hull lines i and i+1 (slopes s_i > s_{i+1}) meet. */
function cross(hc: Float64Array, hs: Float64Array, i: number, j: number): number {
  return (hc[j]! - hc[i]!) / (hs[i]! - hs[j]!);
}
