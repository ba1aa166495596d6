/**
 * The combination's hull segments: each field's gain against its cost (distance / scale)
 * replaced by its upper concave hull from the origin, the hull's rising segments written into
 * reused columns (no object per segment or per hull point), in the options' order.
 */
import type { GainPath } from "./path.js";

/** The hull segments of all options: segment s belongs to field j[s], ends at distance d1[s], gains gain[s] at ratio[s] per unit of cost. */
export interface Segments {
  n: number;
  j: Int32Array;
  d1: Float64Array;
  gain: Float64Array;
  ratio: Float64Array;
}

let segs: Segments = { n: 0, j: new Int32Array(64), d1: new Float64Array(64), gain: new Float64Array(64), ratio: new Float64Array(64) };
let pc = new Float64Array(16);
let py = new Float64Array(16);
let pd = new Float64Array(16);

/** Every option's hull segments (shared columns: the next call overwrites them). */
export function hullSegments(paths: readonly GainPath[], scales: readonly number[]): Segments {
  segs.n = 0;
  for (let j = 0; j < paths.length; j++) hullOf(paths[j]!, scales[j]!, j);
  return segs;
}

/** Appends the rising segments of one path's upper concave hull (cost, gain) from the origin. */
function hullOf(p: GainPath, scale: number, j: number): void {
  const n = p.n;
  if (pc.length < n + 1) {
    pc = new Float64Array(2 * n + 2);
    py = new Float64Array(pc.length);
    pd = new Float64Array(pc.length);
  }
  let m = 1;
  pc[0] = 0;
  py[0] = 0;
  pd[0] = 0;
  for (let k = 1; k < n; k++) {
    const d = p.d(k);
    const y = Math.max(p.at(k), p.before(k), k + 1 < n ? p.after(k) : -Infinity);
    const c = d / scale;
    while (m >= 2 && (py[m - 1]! - py[m - 2]!) * (c - pc[m - 2]!) <= (y - py[m - 2]!) * (pc[m - 1]! - pc[m - 2]!)) m--;
    pc[m] = c;
    py[m] = y;
    pd[m] = d;
    m++;
  }
  for (let k = 1; k < m; k++) {
    const gain = py[k]! - py[k - 1]!;
    if (!(gain > 0)) break;
    push(j, pd[k]!, gain, gain / (pc[k]! - pc[k - 1]!));
  }
}

/**
 * The segments best ratio first, ties in segment order — what a stable sort by ratio gives —
 * taken one at a time from a binary heap: the greedy mostly stops after a few dozen of several
 * hundred, so the rest are never put in order. A NaN ratio (no order) falls back to the
 * comparator sort of them all.
 */
export class RatioQueue {
  private heap = new Int32Array(64);
  private size = 0;
  private ratio: Float64Array = new Float64Array(0);
  /** The comparator sort's order when a ratio is NaN (else null), and how many were taken from it. */
  private sorted: number[] | null = null;
  private taken = 0;

  /** Puts the segments in the queue (their columns are read, not copied: take them before they change). */
  start(segs: Segments): void {
    const n = segs.n;
    const ratio = (this.ratio = segs.ratio);
    this.sorted = null;
    this.taken = 0;
    if (this.heap.length < n) this.heap = new Int32Array(2 * n);
    for (let s = 0; s < n; s++) {
      if (ratio[s] !== ratio[s]) return void (this.sorted = comparatorOrder(ratio, n));
      this.heap[s] = s;
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** The next segment (call at most as many times as there are segments). */
  next(): number {
    if (this.sorted) return this.sorted[this.taken++]!;
    const h = this.heap;
    const top = h[0]!;
    h[0] = h[--this.size]!;
    this.down(0);
    return top;
  }

  /** True when segment a comes before b: a better ratio, or the same and earlier. */
  private first(a: number, b: number): boolean {
    const x = this.ratio[a]!;
    const y = this.ratio[b]!;
    return x > y || (x === y && a < b);
  }

  private down(i: number): void {
    const h = this.heap;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const c = l + 1 < n && this.first(h[l + 1]!, h[l]!) ? l + 1 : l;
      if (!this.first(h[c]!, h[i]!)) return;
      const t = h[i]!;
      h[i] = h[c]!;
      h[c] = t;
      i = c;
    }
  }
}

/** The segments by ratio, best first, by a stable sort on the sign of the difference (NaN reads as a tie). */
function comparatorOrder(ratio: Float64Array, n: number): number[] {
  const order = Array.from({ length: n }, (_, s) => s);
  return order.sort((a, b) => {
    const d = ratio[b]! - ratio[a]!;
    return d > 0 ? 1 : d < 0 ? -1 : 0;
  });
}

function push(j: number, d1: number, gain: number, ratio: number): void {
  if (segs.n === segs.j.length) grow();
  const s = segs.n++;
  segs.j[s] = j;
  segs.d1[s] = d1;
  segs.gain[s] = gain;
  segs.ratio[s] = ratio;
}

function grow(): void {
  const n = 2 * segs.j.length;
  const j = new Int32Array(n);
  const d1 = new Float64Array(n);
  const gain = new Float64Array(n);
  const ratio = new Float64Array(n);
  j.set(segs.j);
  d1.set(segs.d1);
  gain.set(segs.gain);
  ratio.set(segs.ratio);
  segs = { n: segs.n, j, d1, gain, ratio };
}
