/**
 * Linear-time ordering of doubles: an LSD radix sort, 8 bits a pass, on the values' bits mapped
 * so that unsigned order is numeric order (−0 counted as +0, as comparisons do). Stable, so
 * equal values keep the order given; passes where every value has the same digit are skipped.
 * `RadixOrder` keeps its buffers for callers that sort many columns of one length (what-if,
 * sensitivity samples), and can start from a guess that is nearly right.
 */
import { regroup } from "./regroup.js";
import type { Grouping } from "./column.js";

const LITTLE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE ? 0 : 1;
const HI = LITTLE ? 1 : 0;

/** Work space for sorting up to n values: keys (two 32-bit words each) and region ids, twice (passes move them back and forth). */
export interface RadixBuffers {
  readonly keyF: Float64Array;
  readonly key: Int32Array;
  readonly key2: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly count: Int32Array;
}

/** Buffers for up to n values. */
export function radixBuffers(n: number): RadixBuffers {
  const keyF = new Float64Array(n);
  return { keyF, key: new Int32Array(keyF.buffer), key2: new Int32Array(2 * n), a: new Int32Array(n), b: new Int32Array(n), count: new Int32Array(8 * 256) };
}

/**
 * The regions of `input` ordered by `v` (ascending, or descending with `descending`), stably;
 * every value must be present. Each pass moves the keys with the regions, so it reads them in
 * order. The answer lives in `buf` until its next use.
 */
export function radixSort(input: Int32Array, v: Float64Array, descending: boolean, buf: RadixBuffers = radixBuffers(input.length)): Int32Array {
  const m = input.length;
  const { keyF, key } = buf;
  const count = buf.count.fill(0);
  let ids = buf.a.subarray(0, m);
  for (let p = 0; p < m; p++) {
    const i = input[p]!;
    ids[p] = i;
    keyF[p] = v[i]! + 0;
    const hi = key[2 * p + HI]!;
    // Ascending unsigned order: negative values flip every bit, others flip the sign bit;
    // descending is the complement of that. Keys are stored low word first whatever the platform.
    let h = hi < 0 ? ~hi : hi ^ -0x80000000;
    let l = hi < 0 ? ~key[2 * p + LO]! : key[2 * p + LO]!;
    if (descending) { h = ~h; l = ~l; }
    key[2 * p] = l;
    key[2 * p + 1] = h;
    count[l & 255]!++;
    count[256 + ((l >>> 8) & 255)]!++;
    count[512 + ((l >>> 16) & 255)]!++;
    count[768 + (l >>> 24)]!++;
    count[1024 + (h & 255)]!++;
    count[1280 + ((h >>> 8) & 255)]!++;
    count[1536 + ((h >>> 16) & 255)]!++;
    count[1792 + (h >>> 24)]!++;
  }
  let keys = key;
  let keysTo = buf.key2;
  let idsTo = buf.b.subarray(0, m);
  for (let d = 0; d < 8 && m > 0; d++) {
    const word = d < 4 ? 0 : 1;
    const shift = (d & 3) * 8;
    const base = d * 256;
    if (count[base + ((keys[word]! >>> shift) & 255)] === m) continue;
    let sum = 0;
    for (let k = base; k < base + 256; k++) { const c = count[k]!; count[k] = sum; sum += c; }
    for (let q = 0; q < m; q++) {
      const l = keys[2 * q]!;
      const h = keys[2 * q + 1]!;
      const at = count[base + (((word === 0 ? l : h) >>> shift) & 255)]!++;
      keysTo[2 * at] = l;
      keysTo[2 * at + 1] = h;
      idsTo[at] = ids[q]!;
    }
    [keys, keysTo] = [keysTo, keys];
    [ids, idsTo] = [idsTo, ids];
  }
  return ids;
}

/** How many element moves per region an insertion sort from a guess may make before giving up. */
const MOVES_PER_REGION = 16;

/** Misses in a row after which a sorter sorts every column afresh. */
const MAX_MISSES = 3;

/**
 * Rank order of columns of n values, the same as `rankOrder(v, grouping, true)` — best first,
 * equal values in dataset order, missing values left out — with reused buffers.
 */
export class RadixOrder {
  private readonly buf: RadixBuffers;
  private readonly present: Int32Array;
  private readonly grouped: Int32Array;
  /** Guesses that were too far off in a row: after a few, `orderFrom` stops trying. */
  private misses = 0;

  /** Buffers for n values. */
  constructor(n: number) {
    this.buf = radixBuffers(n);
    this.present = new Int32Array(n);
    this.grouped = new Int32Array(n);
  }

  /** Present regions, highest value first, ties in dataset order; valid until the next call. */
  order(v: Float64Array): Int32Array {
    let m = 0;
    for (let i = 0; i < v.length; i++) if (v[i] === v[i]) this.present[m++] = i;
    return radixSort(this.present.subarray(0, m), v, true, this.buf);
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
    const a = this.present;
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
    return regroup(order, g, this.grouped.subarray(0, order.length));
  }
}
