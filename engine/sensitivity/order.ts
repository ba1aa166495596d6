/**
 * Rank order of a sample's totals, the same as the engine's `rankOrder(total, grouping, true)` —
 * best first, equal totals in dataset order, missing totals left out — with reused buffers:
 * an insertion sort from the base run's order (a perturbed ranking is nearly sorted), or an LSD
 * radix sort on the bits of the doubles (8 passes of 8 bits, a pass skipped where every key has
 * the same digit; stable, so ties keep dataset order) when the guess is far off.
 */
import type { Grouping } from "../ops/column.js";

const LITTLE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE ? 0 : 1;
const HI = LITTLE ? 1 : 0;

/** How many element moves per region an insertion sort from a guess may make before giving up. */
const MOVES_PER_REGION = 16;

/** Misses in a row after which a sorter sorts every column afresh. */
const MAX_MISSES = 3;

/** Reusable sorter for columns of n values. */
export class RadixOrder {
  private readonly keyF: Float64Array;
  private readonly key: Int32Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly grouped: Int32Array;
  private readonly count = new Int32Array(8 * 256);
  /** Guesses that were too far off in a row: after a few, `orderFrom` stops trying. */
  private misses = 0;

  /** Buffers for n values. */
  constructor(n: number) {
    this.keyF = new Float64Array(n);
    this.key = new Int32Array(this.keyF.buffer);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.grouped = new Int32Array(n);
  }

  /** Present regions, highest value first, ties in dataset order; valid until the next call. */
  order(v: Float64Array): Int32Array {
    const key = this.key;
    const count = this.count.fill(0);
    let src = this.a;
    let m = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x !== x) continue;
      src[m++] = i;
      this.keyF[i] = x + 0; // −0 → +0: equal values must have equal keys
      const hi = key[2 * i + HI]!;
      // Descending order of the bits read as unsigned: negative values keep theirs, others flip all but the sign.
      const h = hi < 0 ? hi : hi ^ 0x7fffffff;
      const l = hi < 0 ? key[2 * i + LO]! : ~key[2 * i + LO]!;
      key[2 * i + HI] = h;
      key[2 * i + LO] = l;
      count[l & 255]!++;
      count[256 + ((l >>> 8) & 255)]!++;
      count[512 + ((l >>> 16) & 255)]!++;
      count[768 + (l >>> 24)]!++;
      count[1024 + (h & 255)]!++;
      count[1280 + ((h >>> 8) & 255)]!++;
      count[1536 + ((h >>> 16) & 255)]!++;
      count[1792 + (h >>> 24)]!++;
    }
    let dst = this.b;
    for (let d = 0; d < 8 && m > 0; d++) {
      const word = d < 4 ? LO : HI;
      const shift = (d & 3) * 8;
      const base = d * 256;
      if (count[base + ((key[2 * src[0]! + word]! >>> shift) & 255)] === m) continue;
      let sum = 0;
      for (let k = base; k < base + 256; k++) { const c = count[k]!; count[k] = sum; sum += c; }
      for (let p = 0; p < m; p++) {
        const i = src[p]!;
        dst[count[base + ((key[2 * i + word]! >>> shift) & 255)]!++] = i;
      }
      const t = src; src = dst; dst = t;
    }
    return src.subarray(0, m);
  }

  /**
   * As `order`, starting from `guess` (every region once, e.g. the base run's order): an
   * insertion sort, fast when the guess is nearly right, as it is for a small perturbation;
   * past `MOVES_PER_REGION` × n moves, or with a missing value, it sorts afresh with `order`
   * (and after `MAX_MISSES` such misses in a row it no longer tries: the perturbation is wide).
   */
  orderFrom(v: Float64Array, guess: Int32Array): Int32Array {
    const n = v.length;
    if (guess.length !== n || this.misses >= MAX_MISSES) return this.order(v);
    for (let i = 0; i < n; i++) if (v[i] !== v[i]) return this.order(v);
    const a = this.a;
    a.set(guess);
    let budget = MOVES_PER_REGION * n;
    for (let p = 1; p < n; p++) {
      const x = a[p]!;
      const vx = v[x]!;
      let q = p - 1;
      for (; q >= 0; q--) {
        const y = a[q]!;
        const vy = v[y]!;
        if (vy > vx || (vy === vx && y < x)) break;
        a[q + 1] = y;
      }
      a[q + 1] = x;
      budget -= p - 1 - q;
      if (budget < 0) { this.misses++; return this.order(v); }
    }
    this.misses = 0;
    return a.subarray(0, n);
  }

  /** `order` regrouped by group, stably (as `rankOrder` with a grouping); valid until the next call. */
  groupedOrder(order: Int32Array, g: Grouping): Int32Array {
    if (g.count <= 1) return order;
    const starts = new Int32Array(g.count + 1);
    for (let p = 0; p < order.length; p++) starts[g.ids[order[p]!]! + 1]!++;
    for (let k = 0; k < g.count; k++) starts[k + 1]! += starts[k]!;
    const out = this.grouped.subarray(0, order.length);
    for (let p = 0; p < order.length; p++) { const i = order[p]!; out[starts[g.ids[i]!]!++] = i; }
    return out;
  }
}
