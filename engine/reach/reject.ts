/**
 * A quick "no" for the lite probe's first step (the bound) on fields whose moving parts are not
 * min-max: only r's own score and the `missing mean` regions' scores move, and each missing
 * region's score can fall at most to its function's lowest value. With every other total taken
 * that low (per field, each grading group's lowest totals sorted once), r's total at the bound —
 * summed as the lite probe sums it — is graded by simple grading; if r does not reach even then,
 * the probe would not reach there either.
 */
import type { Results } from "../results.js";
import type { FieldModel } from "./field-model.js";
import { levelAgainstLowest } from "./need.js";
import type { ValueFn } from "./value-fn.js";

const lowest = new WeakMap<FieldModel, Float64Array | null>();

/** The lowest value f takes anywhere (−Infinity when an end piece slopes). */
export function lowestValue(f: ValueFn): number {
  const m = f.bs.length;
  if (f.b[0] !== 0 || f.b[m] !== 0) return -Infinity;
  let low = Math.min(f.a[0]!, f.a[m]!);
  for (let k = 0; k < m; k++) {
    low = Math.min(low, f.at[k]!, f.a[k]! + f.b[k]! * f.bs[k]!);
    if (k > 0) low = Math.min(low, f.a[k]! + f.b[k]! * f.bs[k - 1]!);
  }
  return low;
}

/** Each region's lowest total as the field's imputed regions' scores fall (NaN: missing total); null when a part is min-max or a fall is unbounded. */
function lowestOf(base: Results, m: FieldModel): Float64Array | null {
  let out = lowest.get(m);
  if (out !== undefined) return out;
  out = base.total.slice();
  for (const p of m.parts) {
    if (!p.node || !p.imputes) continue;
    if (p.range) { out = null; break; }
    const d = p.detail!;
    for (const i of d.missing) {
      const f = p.fn(i);
      const fall = f ? d.score[i]! - lowestValue(f) : Infinity;
      if (!(fall < Infinity)) { out = null; break; }
      if (fall > 0) out[i] = out[i]! - fall;
    }
    if (!out) break;
  }
  // A margin well above rounding keeps every bound below the probe's totals.
  const totals = base.total;
  if (out) for (let i = 0; i < out.length; i++) out[i] = out[i]! - 1e-6 * Math.max(1, Math.abs(totals[i]!));
  lowest.set(m, out);
  return out;
}

/** Region r's total at value v as the lite probe sums it (fixed parts, then moving ones, each by its kernels); null when a moving part is min-max. */
function liteOwnTotal(base: Results, m: FieldModel, r: number, v: number): number | null {
  let delta = 0;
  for (const p of m.parts) if (!p.node || (!p.range && !p.imputes)) delta = delta + p.exact(r, v) - p.current(r);
  for (const p of m.parts) {
    if (!p.node || (!p.range && !p.imputes)) continue;
    if (p.range) return null;
    delta = delta + p.exact(r, v) - p.current(r);
  }
  return base.total[r]! + delta;
}

/** r's total at v by the lite probe when r surely does not reach `level` there whatever the others' imputations do; null when the probe must tell. */
export function surelyShort(base: Results, m: FieldModel, r: number, v: number, level: number): number | null {
  const own = liteOwnTotal(base, m, r, v);
  if (own === null || own !== own) return null;
  const low = lowestOf(base, m);
  return low !== null && levelAgainstLowest(base, r, own, level, low) === false ? own : null;
}

