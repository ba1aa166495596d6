/**
 * One field changed alone, on the analytic path: the direction the search would take (its same
 * ±1%·{1, 8, 64, 512} probes, read from the model), the same bound, and the needed value solved
 * on the region's piecewise-linear total. The value is checked by confirm.ts (the changed parts
 * recomputed by the engine's kernels, others' moves bounded), or, where that cannot tell, by one
 * engine evaluation; a value neither confirms sends the field to the search (null). A field that
 * cannot reach the target is reported from the model without an evaluation — unless others'
 * totals could move enough (min-max range, `missing mean`) to change that, when the caller
 * searches it instead (null).
 */
import { sameValue } from "../ops/column.js";
import type { Results } from "../results.js";
import { solve } from "./analytic.js";
import { collapseSolve } from "./collapse.js";
import { confirmLocal } from "./confirm.js";
import type { Field } from "./fields.js";
import type { FieldModel } from "./field-model.js";
import { meets, type Need } from "./need.js";
import { gainAt, gainPath, maxGain, type GainPath } from "./path.js";
import { liteProbe, type LiteOutcome } from "./lite.js";
import { surelyShort } from "./reject.js";
import { whyNot } from "./reasons.js";
import { boundOf, scaleOf, searchSteps, type Target } from "./search.js";
import { below, belowFrom, valueAt, valueIn, type ValueFn } from "./value-fn.js";

/** An analytic single-field answer (a caller answering many fields may pass one to be filled in again: its numbers are then not boxed anew). */
export interface AnalyticSingle {
  dir: 1 | -1;
  bound: number;
  /** The needed value, or null. */
  value: number | null;
  /** The region's total gain and the indicators' points gained at the value (or the bound). */
  gained: number;
  points: number;
  reason: string | null;
  /** The path, for the combination. */
  path: GainPath;
}

/** The answer written into `out` (a new one when not given). */
function answer(out: AnalyticSingle | undefined, dir: 1 | -1, bound: number, value: number | null, gained: number, points: number, reason: string | null, path: GainPath): AnalyticSingle {
  if (!out) return { dir, bound, value, gained, points, reason, path };
  out.dir = dir;
  out.bound = bound;
  out.value = value;
  out.gained = gained;
  out.points = points;
  out.reason = reason;
  out.path = path;
  return out;
}

/** The direction probes' multiples of 1% of the scale. */
const MULTS = [1, 8, 64, 512] as const;

/** The direction that raises the total (f(x) = fx, kx = `below(f, x, false)`; hi, lo: the bounds up and down), else `fallback`. */
function direction(f: ValueFn, field: Field, x: number, fx: number, kx: number, hi: number, lo: number, fallback: 1 | -1, total: number): 1 | -1 {
  const h = 0.01 * scaleOf(field, x);
  for (const mult of MULTS) {
    const up = Math.min(x + h * mult, hi);
    const down = Math.max(x - h * mult, lo);
    // The probes lie near x: their pieces are found by stepping from x's.
    const gu = up > x ? valueIn(f, up, belowFrom(f, up, kx)) - fx : 0;
    const gd = down < x ? valueIn(f, down, belowFrom(f, down, kx)) - fx : 0;
    if (!sameValue(total + gu, total + gd)) return gu > gd ? 1 : -1;
  }
  return fallback;
}

/** How far other regions' totals can move at most (the parts' spreads added up) when moving r's value from x to `end` can move them; −1 when it cannot. */
export function othersSpread(m: FieldModel, r: number, x: number, end: number): number {
  let moves = false;
  let spread = 0;
  for (const p of m.parts) {
    spread += p.spread;
    const rg = p.range?.(r);
    if (p.imputes || (rg && (end > rg.hi || end < rg.lo || x > rg.hi || x < rg.lo))) moves = true;
  }
  return moves ? spread : -1;
}

/** Points the indicators gain at v (blocks left out), and whether all score full marks there, read from the model (for the report). */
export function indicatorGain(m: FieldModel, r: number, v: number): { points: number; full: boolean } {
  return indicatorGainInto(m, r, v, null, { points: 0, full: true });
}

/** `indicatorGain` written into `out`; `total`: r's total function, which is the part's own when the field's one part is an indicator (not looked up again). */
function indicatorGainInto(m: FieldModel, r: number, v: number, total: ValueFn | null, out: { points: number; full: boolean }): { points: number; full: boolean } {
  let points = 0;
  let full = true;
  const parts = m.parts;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    const f = p.node ? (total && parts.length === 1 ? total : p.fn(r)) : null;
    if (!f) continue;
    const s = valueAt(f, v);
    points += s - p.current(r);
    if (s < p.detail!.points[r]! - 1e-9) full = false;
  }
  out.points = points;
  out.full = full;
  return out;
}

/** The need lowered by `by` (one at a time: reused). */
function lowered(need: Need, by: number): Need {
  low.value = need.value - by;
  low.strict = need.strict;
  low.others = need.others;
  return low;
}

const low = { value: 0, strict: false, others: false };

/** The gain `analyticSingle` reads, and what its bound gives for the reason (one at a time: reused). */
const gain = { points: 0, full: true };
const atBound = { valid: true, full: true, pointsGained: 0, total: 0 };

/** The analytic answer for field f of region r (current value x), or null when the search must run; written into `out` and its gain path into `into` when given. */
export function analyticSingle(base: Results, m: FieldModel, f: Field, r: number, x: number, t: Target, need: Need, fallback: 1 | -1, into?: GainPath, out?: AnalyticSingle): AnalyticSingle | null {
  const fn = m.total(r, x);
  if (!fn) return null;
  const total = base.total[r]!;
  const kx = below(fn, x, false);
  const fx = valueIn(fn, x, kx);
  const hi = boundOf(f, x, 1);
  const lo = boundOf(f, x, -1);
  const dir = direction(fn, f, x, fx, kx, hi, lo, fallback, total);
  const bound = dir > 0 ? hi : lo;
  const span = Math.abs(bound - x);
  const path = gainPath(fn, x, dir, span, fx, into, kx);
  const d = span > 0 ? solve(path, total, need) : null;
  if (d === null) {
    // Others' totals move by at most `spread`: if even that cannot help, no value reaches.
    if (need.others) {
      const spread = othersSpread(m, r, x, bound);
      if (spread >= 0 && meets(total + maxGain(path), lowered(need, spread))) return viaLite(base, m, f, r, x, t, dir, bound, path, out);
    }
    const gained = path.at(path.n - 1);
    const ig = indicatorGainInto(m, r, bound, fn, gain);
    atBound.full = ig.full;
    atBound.pointsGained = ig.points;
    atBound.total = total + gained;
    const reason = whyNot(base, atBound, r, t);
    return answer(out, dir, bound, null, gained, ig.points, reason, path);
  }
  const value = x + dir * d;
  const gained = gainAt(path, d);
  const points = indicatorGainInto(m, r, value, fn, gain).points;
  if (confirmLocal(base, r, t, need, [{ model: m, x, v: value }]) !== null) return answer(out, dir, bound, value, gained, points, null, path);
  return viaLite(base, m, f, r, x, t, dir, bound, path, out);
}

const NONE = new Float64Array(0);

/** The min-max collapse solved directly (collapse.ts), else the search's steps over the lite probe (lite.ts), from the model's direction; null when that probe does not apply. */
function viaLite(base: Results, m: FieldModel, f: Field, r: number, x: number, t: Target, dir: 1 | -1, bound: number, path: GainPath, out?: AnalyticSingle): AnalyticSingle | null {
  const probe = liteProbe(base, m, r, t);
  if (!probe || t.kind !== "grade") return null;
  // The first step (the bound, in both callers) answers "no" without the probe when r falls short even with others at their lowest; only a reaching outcome's `delta` is read after it.
  let first = true;
  const at = (v: number, into?: Float64Array): LiteOutcome => {
    if (!first) return probe(v, into);
    first = false;
    const own = surelyShort(base, m, r, v, t.level);
    return own === null ? probe(v, into) : { total: own, reaches: false, delta: NONE };
  };
  const s = collapseSolve(base, m, r, x, dir, bound, t, at) ?? searchSteps((d) => at(x + dir * d), (o) => o.reaches, () => true, Math.abs(bound - x), scaleOf(f, x));
  const value = s.d === null ? null : x + dir * s.d;
  const gained = s.outcome.total - base.total[r]!;
  const ig = indicatorGain(m, r, value ?? bound);
  const reason = value === null ? whyNot(base, { valid: true, full: ig.full, pointsGained: ig.points, total: s.outcome.total }, r, t) : null;
  return answer(out, dir, bound, value, gained, ig.points, reason, path);
}
