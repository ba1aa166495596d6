/**
 * The smallest change of one input field that makes a region reach a target, by evaluating the
 * real engine: the improving direction is the one that raises the region's total; the field's
 * bound is tried first (most fields cannot reach a target alone; where a data check fails at the
 * bound the search goes on, since a smaller change may be valid); then the change grows
 * geometrically (×2) from 1% of the scale until the target is reached, and is bisected down to
 * within 1e-7 of itself. Bands, caps, deductions, quotas and vetoes all act
 * through the evaluation. A change that makes a `check … error` fail counts as not reaching.
 */
import { sameValue } from "../ops/column.js";
import type { Field } from "./fields.js";
import type { Outcome, Probe } from "./probe.js";

/** What a region should reach. */
export type Target =
  | { readonly kind: "grade"; readonly level: number; readonly label: string }
  | { readonly kind: "rank"; readonly ranking: number; readonly rank: number; readonly within: string | null };

/** True when an outcome reaches the target. */
export function reaches(o: Outcome, t: Target): boolean {
  if (!o.valid) return false;
  return t.kind === "grade" ? o.level >= 0 && o.level <= t.level : o.ranks[t.ranking]! <= t.rank;
}

/** The search range of a field from x in a direction: its declared bound, else a generous one (counts, money and years stop at 0). */
export function boundOf(f: Field, x: number, dir: 1 | -1): number {
  if (dir > 0) return Number.isFinite(f.max) ? f.max : x + Math.max(10 * Math.abs(x), 100);
  if (Number.isFinite(f.min)) return f.min;
  return f.type === "count" || f.type === "money" || f.type === "years" ? Math.min(0, x) : x - Math.max(10 * Math.abs(x), 100);
}

/** The scale a relative change is measured against: |x|, else the range's width, else 1. */
export function scaleOf(f: Field, x: number): number {
  if (x !== 0 && Number.isFinite(x)) return Math.abs(x);
  const w = f.max - f.min;
  return Number.isFinite(w) && w > 0 ? w : 1;
}

/** The outcome of a single-field search. */
export interface FieldSearch {
  readonly dir: 1 | -1;
  /** The needed value, or null when no value within the bound reaches the target. */
  readonly value: number | null;
  /** The bound searched up to. */
  readonly bound: number;
  /** The outcome at the needed value (or at the bound). */
  readonly outcome: Outcome;
}

/** The direction that raises r's total (the indicator's direction when the total does not move). */
function direction(probe: Probe, f: Field, r: number, x: number, fallback: 1 | -1, base: number): 1 | -1 {
  const h = 0.01 * scaleOf(f, x);
  for (const mult of [1, 8, 64, 512]) {
    const up = Math.min(x + h * mult, boundOf(f, x, 1));
    const down = Math.max(x - h * mult, boundOf(f, x, -1));
    const tu = up > x ? probe.run(r, [up]).total : base;
    const td = down < x ? probe.run(r, [down]).total : base;
    // Differences at the level of rounding (a clamp's last bit) are no direction.
    if (!sameValue(tu, td)) return tu > td ? 1 : -1;
  }
  return fallback;
}

/** Searches the smallest change of field f (the probe's only field) for region r. */
export function searchField(probe: Probe, f: Field, r: number, t: Target, fallback: 1 | -1, baseTotal: number): FieldSearch {
  const x = probe.current(r)[0]!;
  const dir = direction(probe, f, r, x, fallback, baseTotal);
  const bound = boundOf(f, x, dir);
  const s = searchSteps((d) => probe.run(r, [x + dir * d]), (o) => reaches(o, t), (o) => o.valid, Math.abs(bound - x), scaleOf(f, x));
  return { dir, value: s.d === null ? null : x + dir * s.d, bound, outcome: s.outcome };
}

/**
 * The search's steps over the change d (0..span) in a fixed direction, for any way of evaluating
 * a change: the bound first, then doubling from 1% of the scale, then bisection to a relative
 * 1e-7. The smallest reaching change found (null when none), and the outcome there (or at the bound).
 */
export function searchSteps<O>(at: (d: number) => O, ok: (o: O) => boolean, valid: (o: O) => boolean, span: number, scale: number): { d: number | null; outcome: O } {
  // Most fields cannot reach the target alone: look at the bound first (unless a data check
  // fails there, when a smaller change may still be valid and reach it).
  const far = at(span);
  if ((valid(far) && !ok(far)) || span === 0) return { d: null, outcome: far };
  let lo = 0;
  let hi = Math.min(span, 0.01 * scale);
  let o = hi === span ? far : at(hi);
  while (!ok(o) && hi < span) {
    lo = hi;
    hi = Math.min(span, hi * 2);
    o = hi === span ? far : at(hi);
  }
  if (!ok(o)) return { d: null, outcome: o };
  for (let k = 0; k < 60 && hi - lo > 1e-7 * hi; k++) {
    const mid = (lo + hi) / 2;
    const m = at(mid);
    if (ok(m)) { hi = mid; o = m; } else lo = mid;
  }
  return { d: hi, outcome: o };
}
