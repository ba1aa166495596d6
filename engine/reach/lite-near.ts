/**
 * The lite probe read near region r's total only (lite.ts), for a min-max part over one group
 * with no cap or floor: a probe that need not give every region's change (its grade and total
 * only) bounds how far any other region's score moves, and grading then reads the regions within
 * that of r's total — each scored as `addLine` scores it, the rest never. The bound: a kept
 * region's new score and its run score differ by at most the two lines' gap at the kept values'
 * ends (the gap is affine in the value, clamping only narrows it) plus how far the run's scores
 * stray from the run's own line (`stray`, once per part), widened far past rounding; the imputed
 * regions' changes are taken as they are.
 */
import type { MinmaxLine } from "../ops/scoring.js";

/** A probe's min-max line read region by region: the change `addLine` adds for region i. */
export class LineReader {
  xs: Float64Array = new Float64Array(0);
  points: Float64Array = new Float64Array(0);
  score: Float64Array = new Float64Array(0);
  h = 1;
  origin = 0;
  scale = 0;

  /** Reads the column xs (r's value and the imputed ones in place) with line m. */
  set(xs: Float64Array, m: MinmaxLine, points: Float64Array, score: Float64Array): this {
    this.xs = xs;
    this.points = points;
    this.score = score;
    this.h = m.h;
    this.origin = m.origin;
    this.scale = m.scale;
    return this;
  }

  /** Region i's change of score, as `addLine` adds it to a zeroed column (0 where its value is missing). */
  change(i: number): number {
    const x = this.xs[i]!;
    return x !== x ? 0 : 0 + this.raw(i);
  }

  /** Region i's new score less its run score (its value present), as `addLine` computes it. */
  raw(i: number): number {
    const x = this.xs[i]!;
    const p = this.points[i]!;
    let s = (x * this.h - this.origin) * this.scale * p;
    if (s > p) s = p;
    else if (s < 0) s = 0;
    return s - this.score[i]!;
  }
}

/** What `nearBound` reads of a part, found once: the kept values' ends, the largest points, the run's line and how far the run's scores stray from it (NaN: no bound). */
export interface Kept { readonly lo: number; readonly hi: number; readonly points: number; readonly line: MinmaxLine; readonly stray: number }

/**
 * The part's kept values (keep[i], not NaN) read against the run's line `line`: their ends, the
 * largest points, and the largest |clamp(line(x)) − score|; stray is NaN when a kept value,
 * points value or score is not finite (or a points value is negative).
 */
export function keptOf(xs: Float64Array, keep: Uint8Array, points: Float64Array, score: Float64Array, line: MinmaxLine): Kept {
  let lo = Infinity;
  let hi = -Infinity;
  let most = 0;
  let stray = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!keep[i] || x !== x) continue;
    const p = points[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(p) || !(p >= 0) || !Number.isFinite(score[i]!)) return { lo, hi, points: most, line, stray: NaN };
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    if (p > most) most = p;
    let s = (x * line.h - line.origin) * line.scale * p;
    if (s > p) s = p;
    else if (s < 0) s = 0;
    const a = Math.abs(s - score[i]!);
    if (a > stray) stray = a;
  }
  return { lo, hi, points: most, line, stray };
}

/** The unclamped score fraction of value x on line m (exact arithmetic: affine in x). */
function along(m: MinmaxLine, x: number): number {
  return (x * m.h - m.origin) * m.scale;
}

/**
 * An upper bound on how far any kept region's score moves when the line becomes m (NaN or
 * Infinity: none known): the lines' gap at the kept ends times the largest points, plus the
 * stray, widened by a relative 1e-9 and by far more than the rounding of every product.
 */
export function nearBound(k: Kept, m: MinmaxLine): number {
  if (!(k.lo <= k.hi)) return 0;
  const gap = Math.max(Math.abs(along(m, k.lo) - along(k.line, k.lo)), Math.abs(along(m, k.hi) - along(k.line, k.hi)));
  // Rounding of x·h − origin (cancellation included) and of the products, at both lines' scales.
  const size = (Math.abs(k.lo) + Math.abs(k.hi)) * (Math.abs(m.scale * m.h) + Math.abs(k.line.scale * k.line.h)) + Math.abs(m.origin * m.scale) + Math.abs(k.line.origin * k.line.scale) + 1;
  return (gap * k.points + k.stray) * (1 + 1e-9) + 1e-9 * size * (1 + k.points);
}
