/**
 * One field changed alone, on the analytic path: the direction the search would take (its same
 * ±1%·{1, 8, 64, 512} probes, read from the model), the same bound, and the needed value solved
 * on the region's piecewise-linear total. A value that depends on others' totals moving (a quota
 * or rank target with min-max or `missing mean`) is confirmed by one engine evaluation here;
 * others are exact by construction and `reach` confirms the cheapest with the engine. A
 * field that cannot reach the target is reported from the model without an evaluation — unless
 * others' totals could move enough (min-max range, `missing mean`) to change that, when the
 * caller searches it instead (null).
 */
import { sameValue } from "../ops/column.js";
import type { Results } from "../results.js";
import { solve } from "./analytic.js";
import type { Field } from "./fields.js";
import { fieldModel, gainAt, gainPath, regionFns, type GainPath } from "./field-model.js";
import { meets, type Need } from "./need.js";
import { Probe, type Outcome } from "./probe.js";
import { whyNot } from "./reasons.js";
import { boundOf, reaches, scaleOf, type Target } from "./search.js";
import { valueAt, type ValueFn } from "./value-fn.js";

/** An analytic single-field answer. */
export interface AnalyticSingle {
  readonly dir: 1 | -1;
  readonly bound: number;
  /** The needed value, or null. */
  readonly value: number | null;
  /** The region's total gain and the indicators' points gained at the value (or the bound). */
  readonly gained: number;
  readonly points: number;
  readonly reason: string | null;
  /** The path, for the combination. */
  readonly path: GainPath;
  /** The engine's outcome at the value, when one was found. */
  readonly outcome: Outcome | null;
}

function direction(fns: readonly ValueFn[], f: Field, x: number, fallback: 1 | -1, total: number): 1 | -1 {
  const gain = (v: number) => fns.reduce((s, fn) => s + valueAt(fn, v) - valueAt(fn, x), 0);
  const h = 0.01 * scaleOf(f, x);
  for (const mult of [1, 8, 64, 512]) {
    const up = Math.min(x + h * mult, boundOf(f, x, 1));
    const down = Math.max(x - h * mult, boundOf(f, x, -1));
    const gu = up > x ? gain(up) : 0;
    const gd = down < x ? gain(down) : 0;
    if (!sameValue(total + gu, total + gd)) return gu > gd ? 1 : -1;
  }
  return fallback;
}

/** The analytic answer for field f of region r (current value x), or null when the search must run. */
export function analyticSingle(base: Results, f: Field, r: number, x: number, t: Target, need: Need, fallback: 1 | -1): AnalyticSingle | null {
  const m = fieldModel(base, f.name);
  if (typeof m === "string") return null;
  const fns = regionFns(m, r, x);
  if (!fns) return null;
  const total = base.total[r]!;
  const dir = direction(fns, f, x, fallback, total);
  const bound = boundOf(f, x, dir);
  const span = Math.abs(bound - x);
  const path = gainPath(m, fns, r, x, dir, span);
  const d = span > 0 ? solve(path, total, need) : null;
  if (d === null) {
    const maxGain = Math.max(...path.at, ...path.after, ...path.before);
    // Others' totals move by at most `spread`: if even that cannot help, no value reaches.
    if (need.others && path.othersMove && meets(total + maxGain, { ...need, value: need.value - path.spread })) return null;
    const gained = path.at[path.at.length - 1]!;
    const reason = whyNot(base, { valid: true, full: path.full, pointsGained: gained, total: total + gained }, r, t);
    return { dir, bound, value: null, gained, points: gained, reason, path, outcome: null };
  }
  const value = x + dir * d;
  // Exact by construction when the need and the region's total are its own: checked later with the best.
  if (!(need.others && path.othersMove)) return { dir, bound, value, gained: gainAt(path, d), points: gainAt(path, d), reason: null, path, outcome: null };
  const o = new Probe(base, [f.name]).run(r, [value]);
  if (!reaches(o, t)) return null;
  return { dir, bound, value, gained: o.total - total, points: 0, reason: null, path, outcome: o };
}
