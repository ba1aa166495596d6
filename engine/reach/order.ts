/**
 * The single changes' order in a result: cheapest first, those without a cost (no value reaches)
 * after, in the fields' order — a stable sort by cost, found by sorting only the few with one.
 */
import type { SingleChange } from "./index.js";

/** Cheapest first (no cost last): the sign of the difference (a sort reads NaN as 0), so no number is boxed per comparison. */
export function byCost(a: SingleChange, b: SingleChange): number {
  const d = (a.cost ?? Infinity) - (b.cost ?? Infinity);
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/** The priced singles and the others, reused by `cheapestFirst`. */
const priced: SingleChange[] = [];
const unpriced: SingleChange[] = [];

/**
 * Sorts the singles in place as `sort(byCost)` does (a stable sort: cheapest first, the others
 * after in their order), sorting only those with a cost (a few of ~200); a NaN cost sorts them all.
 */
export function cheapestFirst(singles: SingleChange[]): void {
  priced.length = unpriced.length = 0;
  for (let k = 0; k < singles.length; k++) {
    const s = singles[k]!;
    const c = s.cost;
    if (c === null || c === Infinity) unpriced.push(s);
    else if (c !== c) return void singles.sort(byCost);
    else priced.push(s);
  }
  priced.sort(byCost);
  for (let k = 0; k < priced.length; k++) singles[k] = priced[k]!;
  for (let k = 0; k < unpriced.length; k++) singles[priced.length + k] = unpriced[k]!;
  priced.length = unpriced.length = 0;
}
