/**
 * Streaming statistics of an indicator's value column, for its fast path: where values are
 * missing, the present values' mean (summed exactly as `missing mean` sums it: two accumulators,
 * for even and odd positions) and their range. They accumulate block by block, so a kernel can
 * score each block while it is still in the cache.
 */

/** The running statistics; the missing positions go to a scratch buffer. */
export class PresentStats {
  /** Sums of the present values at even and at odd positions. */
  private a = 0;
  private b = 0;
  private count = 0;
  /** How many missing positions were written to the scratch buffer (ascending). */
  missing = 0;
  /** Smallest and largest present value so far (Infinity and −Infinity when none). */
  lo = Infinity;
  hi = -Infinity;

  constructor(private readonly scratch: Int32Array) {}

  /** Adds positions from..to−1 of `t`; blocks must come in order, each starting at an even position. */
  add(t: Float64Array, from: number, to: number): void {
    const scratch = this.scratch;
    let { a, b, count, missing: k, lo, hi } = this;
    const n = to - ((to - from) % 2);
    for (let i = from; i < n; i += 2) {
      const u = t[i]!;
      const v = t[i + 1]!;
      if (u === u) { a += u; count++; if (u < lo) lo = u; if (u > hi) hi = u; } else scratch[k++] = i;
      if (v === v) { b += v; count++; if (v < lo) lo = v; if (v > hi) hi = v; } else scratch[k++] = i + 1;
    }
    if (n < to) {
      const u = t[n]!;
      if (u === u) { a += u; count++; if (u < lo) lo = u; if (u > hi) hi = u; } else scratch[k++] = n;
    }
    this.a = a;
    this.b = b;
    this.count = count;
    this.missing = k;
    this.lo = lo;
    this.hi = hi;
  }

  /** As `add`, without the range (lo and hi stay as they were): for kernels that need only the mean and the missing positions. */
  addSums(t: Float64Array, from: number, to: number): void {
    const scratch = this.scratch;
    let { a, b, count, missing: k } = this;
    const n = to - ((to - from) % 2);
    for (let i = from; i < n; i += 2) {
      const u = t[i]!;
      const v = t[i + 1]!;
      if (u === u) { a += u; count++; } else scratch[k++] = i;
      if (v === v) { b += v; count++; } else scratch[k++] = i + 1;
    }
    if (n < to) {
      const u = t[n]!;
      if (u === u) { a += u; count++; } else scratch[k++] = n;
    }
    this.a = a;
    this.b = b;
    this.count = count;
    this.missing = k;
  }

  /** Mean of the present values (NaN when none). */
  get mean(): number {
    return this.count > 0 ? (this.a + this.b) / this.count : NaN;
  }
}
