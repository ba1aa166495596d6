/**
 * The lower envelope, over d ≥ 0, of lines that arrive with falling intercepts (the rank sweep's
 * bound lines, taken from the best total down or from the worst up). Each new line holds the
 * envelope at d = 0, so the envelope is a stack: amortised O(1) per line. A query asks for the
 * first d at which the envelope meets a line a + b·d, the envelope minus the line being concave.
 */
/** The envelope as a stack: the top holds at d = 0, slopes fall towards the bottom. */
export class PrefixHull {
  private c = new Float64Array(64);
  private s = new Float64Array(64);
  /** Where line i hands over to line i − 1 (Infinity for the bottom line). */
  private x = new Float64Array(64);
  private h = 0;

  clear(): void { this.h = 0; }

  /** Adds the line c + s·d; c must not exceed any intercept added since the last clear. */
  add(c: number, s: number): void {
    let h = this.h;
    const hc = this.c;
    const hs = this.s;
    // A line starting no lower and rising no slower than another is never below it on d ≥ 0.
    if (h > 0 && c >= hc[h - 1]! && s >= hs[h - 1]!) return;
    while (h > 0 && hs[h - 1]! >= s) h--;
    // The top line is useless once the new one meets it only after it has handed over.
    while (h >= 2 && (hc[h - 1]! - c) / (s - hs[h - 1]!) >= this.x[h - 1]!) h--;
    if (h === hc.length) this.grow();
    this.x[h] = h > 0 ? (this.c[h - 1]! - c) / (s - this.s[h - 1]!) : Infinity;
    this.c[h] = c;
    this.s[h] = s;
    this.h = h + 1;
  }

  /** The first d in [0, limit) at which the envelope is at or below the line a + b·d; Infinity when there is none. */
  meet(a: number, b: number, limit: number): number {
    let i = this.h - 1;
    if (i < 0) return Infinity;
    const hc = this.c;
    const hs = this.s;
    if (hc[i]! <= a) return 0;
    // The envelope starts at the top's intercept and falls no faster than the bottom's slope (slack for rounding).
    if (!(hs[0]! < b) || (hc[i]! - a) / (b - hs[0]!) >= limit * (1 + 1e-9)) return Infinity;
    // Envelope − line is concave and positive at 0: its first zero lies on the first line that meets the query within its own stretch.
    for (; i >= 0; i--) {
      const end = this.x[i]!;
      if (hs[i]! < b) {
        const d = (hc[i]! - a) / (b - hs[i]!);
        if (d <= end) return d < limit ? Math.max(0, d) : Infinity;
      }
      if (end >= limit) return Infinity;
    }
    return Infinity;
  }

  private grow(): void {
    const more = (a: Float64Array) => { const b = new Float64Array(a.length * 2); b.set(a); return b; };
    this.c = more(this.c);
    this.s = more(this.s);
    this.x = more(this.x);
  }
}

