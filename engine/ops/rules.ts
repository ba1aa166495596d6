/**
 * Bonus and deduction item kernels, shared by indicator adjustments (`add`/`deduct`) and by the
 * scheme's bonus and deduction blocks. An item pays a non-negative amount per region:
 * - gap `amount per step below ref`: amount × max(0, ref − x)/step, pro rata for fractions;
 *   a `pp` (or unit-less) step measures the gap in the value's own units (percentage points),
 *   a `%` step measures it relative to the reference, (ref − x)/|ref| × 100 (reference 0 → no gap);
 *   `above` mirrors it;
 * - count `amount per n`: amount × max(0, n);
 * - `amount when c`: amount where c holds;
 * - `highest { a when c, … }`: the largest amount whose condition holds, once (同项按最高级别计一次);
 * then `times k` multiplies, `max m` caps the item, and `unless c` cancels it.
 * Missing data never fires an item: a missing operand pays 0.
 */
import { isTrue } from "./column.js";

/** A per-region operand: one number for every region (a constant), or a column. */
export type Operand = number | Float64Array;

/** The per-unit basis of an item, with its columns evaluated. */
export type BasisColumns =
  | { readonly kind: "gap"; readonly step: number; readonly relative: boolean; readonly below: boolean; readonly reference: Operand; readonly x: Operand }
  | { readonly kind: "count"; readonly count: Float64Array }
  | { readonly kind: "when"; readonly cond: Float64Array }
  | { readonly kind: "highest"; readonly tiers: readonly { readonly amount: Operand; readonly cond: Float64Array }[] };

/** An item's evaluated columns (constants stay numbers). */
export interface ItemColumns {
  /** The amount per unit (absent for `highest`, whose tiers carry amounts). */
  readonly amount: Operand | null;
  readonly basis: BasisColumns;
  readonly max: Operand | null;
  readonly times: Operand | null;
  readonly unless: Float64Array | null;
}

/** The gap of `x` to a reference in steps, as `gap` items measure it (0 when not beyond it). */
export function gapSteps(x: number, ref: number, step: number, relative: boolean, below: boolean): number {
  if (x !== x || ref !== ref || !(step > 0)) return 0;
  let d = below ? ref - x : x - ref;
  if (relative) d = ref === 0 ? 0 : (d / Math.abs(ref)) * 100;
  return d > 0 ? d / step : 0;
}

/** An operand's value for region i. */
function at(a: Operand, i: number): number {
  return typeof a === "number" ? a : a[i]!;
}

/** amount × basis for region i. */
function basisAt(b: BasisColumns, amount: Operand | null, i: number): number {
  switch (b.kind) {
    case "gap": return at(amount!, i) * gapSteps(at(b.x, i), at(b.reference, i), b.step, b.relative, b.below);
    case "count": return b.count[i]! > 0 ? at(amount!, i) * b.count[i]! : 0;
    case "when": return b.cond[i]! !== 0 && b.cond[i]! === b.cond[i]! ? at(amount!, i) : 0;
    case "highest": {
      let out = 0;
      for (const t of b.tiers) if (isTrue(t.cond[i]!) && at(t.amount, i) > out) out = at(t.amount, i);
      return out;
    }
  }
}

/** What the item pays each region: amount × basis, then `times`, `max` and `unless`, in one pass (into `out` when given). */
export function itemAmounts(item: ItemColumns, n: number, out: Float64Array = new Float64Array(n)): Float64Array {
  const { basis, amount, times, max, unless } = item;
  if (basis.kind === "count" && typeof amount === "number" && times === null && typeof max === "number" && !unless) {
    // The common `a per n max m`, without per-region lookups.
    const count = basis.count;
    for (let i = 0; i < n; i++) {
      const c = count[i]!;
      const v = c > 0 ? amount * c : 0;
      out[i] = v > max ? max : v === v ? v : 0;
    }
    return out;
  }
  if (basis.kind === "when" && typeof amount === "number" && times === null && max === null && !unless) {
    // The common `a when c`.
    const cond = basis.cond;
    const paid = amount === amount ? amount : 0;
    for (let i = 0; i < n; i++) out[i] = cond[i]! !== 0 && cond[i]! === cond[i]! ? paid : 0;
    return out;
  }
  if (basis.kind === "highest" && times === null && max === null && !unless && basis.tiers.every((t) => typeof t.amount === "number")) {
    // The common `highest { a when c, … }` with constant amounts: the largest amount that holds, tier by tier.
    out.fill(0);
    for (const t of basis.tiers) {
      const a = t.amount as number;
      const cond = t.cond;
      for (let i = 0; i < n; i++) { const c = cond[i]!; if (c !== 0 && c === c && a > out[i]!) out[i] = a; }
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let v = basisAt(basis, amount, i);
    if (times !== null) v = v * at(times, i);
    if (max !== null && v > at(max, i)) v = at(max, i);
    out[i] = v !== v || (unless && isTrue(unless[i]!)) ? 0 : v;
  }
  return out;
}

/** The sum of several items per region (a lazy sequence may compute each as the sum reaches it), capped by a block's `max` when given. */
export function blockTotal(items: Iterable<Float64Array>, max: Operand | null, n: number): Float64Array {
  const out = new Float64Array(n);
  for (const a of items) for (let i = 0; i < n; i++) out[i] = out[i]! + a[i]!;
  if (max !== null) for (let i = 0; i < n; i++) if (out[i]! > at(max, i)) out[i] = at(max, i);
  return out;
}
