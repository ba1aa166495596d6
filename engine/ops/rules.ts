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

/** The per-unit basis of an item, with its columns evaluated. */
export type BasisColumns =
  | { readonly kind: "gap"; readonly step: number; readonly relative: boolean; readonly below: boolean; readonly reference: Float64Array; readonly x: Float64Array }
  | { readonly kind: "count"; readonly count: Float64Array }
  | { readonly kind: "when"; readonly cond: Float64Array }
  | { readonly kind: "highest"; readonly tiers: readonly { readonly amount: Float64Array; readonly cond: Float64Array }[] };

/** An item's evaluated columns. */
export interface ItemColumns {
  /** The amount per unit (absent for `highest`, whose tiers carry amounts). */
  readonly amount: Float64Array | null;
  readonly basis: BasisColumns;
  readonly max: Float64Array | null;
  readonly times: Float64Array | null;
  readonly unless: Float64Array | null;
}

/** The gap of `x` to a reference in steps, as `gap` items measure it (0 when not beyond it). */
export function gapSteps(x: number, ref: number, step: number, relative: boolean, below: boolean): number {
  if (x !== x || ref !== ref || !(step > 0)) return 0;
  let d = below ? ref - x : x - ref;
  if (relative) d = ref === 0 ? 0 : (d / Math.abs(ref)) * 100;
  return d > 0 ? d / step : 0;
}

/** amount × basis per region, one loop per kind of basis. */
function basisValues(b: BasisColumns, amount: Float64Array | null, n: number): Float64Array {
  const out = new Float64Array(n);
  switch (b.kind) {
    case "gap":
      for (let i = 0; i < n; i++) out[i] = amount![i]! * gapSteps(b.x[i]!, b.reference[i]!, b.step, b.relative, b.below);
      break;
    case "count":
      for (let i = 0; i < n; i++) out[i] = b.count[i]! > 0 ? amount![i]! * b.count[i]! : 0;
      break;
    case "when":
      for (let i = 0; i < n; i++) out[i] = isTrue(b.cond[i]!) ? amount![i]! : 0;
      break;
    case "highest":
      for (const t of b.tiers) for (let i = 0; i < n; i++) if (isTrue(t.cond[i]!) && t.amount[i]! > out[i]!) out[i] = t.amount[i]!;
      break;
  }
  return out;
}

/** What the item pays each region. */
export function itemAmounts(item: ItemColumns, n: number): Float64Array {
  const out = basisValues(item.basis, item.amount, n);
  const { times, max, unless } = item;
  if (times) for (let i = 0; i < n; i++) out[i] = out[i]! * times[i]!;
  if (max) for (let i = 0; i < n; i++) if (out[i]! > max[i]!) out[i] = max[i]!;
  for (let i = 0; i < n; i++) {
    const v = out[i]!;
    if (v !== v || (unless && isTrue(unless[i]!))) out[i] = 0;
  }
  return out;
}

/** The sum of several items per region, capped by a block's `max` when given. */
export function blockTotal(items: readonly Float64Array[], max: Float64Array | null, n: number): Float64Array {
  const out = new Float64Array(n);
  for (const a of items) for (let i = 0; i < n; i++) out[i] = out[i]! + a[i]!;
  if (max) for (let i = 0; i < n; i++) if (out[i]! > max[i]!) out[i] = max[i]!;
  return out;
}
