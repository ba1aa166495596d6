/**
 * A column's smallest and largest values kept ready for the lite probe: the range `groupRange`
 * finds in one pass over the column with region r's value replaced and the imputed regions set to
 * the new mean, read instead from the two lowest and two highest kept values. Exact — min and max
 * do not round — except where a zero is an end (the pass's order then picks its sign): null there.
 */

/** The extremes of the kept values of a column (NaN never kept). */
export class Extremes {
  private lo1 = Infinity;
  private lo2 = Infinity;
  private hi1 = -Infinity;
  private hi2 = -Infinity;
  private nLo = 0;
  private nHi = 0;

  /** Keeps values[i] for every i with keep[i] (and values[i] not NaN). */
  constructor(private readonly values: Float64Array, private readonly keep: Uint8Array) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!keep[i] || v !== v) continue;
      if (v < this.lo1) { this.lo2 = this.lo1; this.lo1 = v; this.nLo = 1; } else if (v === this.lo1) this.nLo++; else if (v < this.lo2) this.lo2 = v;
      if (v > this.hi1) { this.hi2 = this.hi1; this.hi1 = v; this.nHi = 1; } else if (v === this.hi1) this.nHi++; else if (v > this.hi2) this.hi2 = v;
    }
  }

  /**
   * The range of the kept values with region r's (kept) replaced by v, and `extra` added when
   * `withExtra` (NaN values left out, NaN ends when nothing is left); null when r is not kept or
   * an end is zero.
   */
  rangeWith(r: number, v: number, withExtra: boolean, extra: number): { lo: number; hi: number } | null {
    const own = this.values[r]!;
    if (!this.keep[r] || own !== own) return null;
    let lo = own === this.lo1 && this.nLo === 1 ? this.lo2 : this.lo1;
    let hi = own === this.hi1 && this.nHi === 1 ? this.hi2 : this.hi1;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (withExtra && extra < lo) lo = extra;
    if (withExtra && extra > hi) hi = extra;
    if (lo === 0 || hi === 0) return null;
    return lo > hi ? { lo: NaN, hi: NaN } : { lo, hi };
  }
}
