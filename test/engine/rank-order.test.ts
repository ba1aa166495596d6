/**
 * The engine's rank order (`rankOrder`): present values sorted by group, then best first, then
 * dataset order — checked against a comparison sort for both directions, for short columns (merge
 * sort) and long ones (radix sort), with ties, −0, negative, tiny and huge values and missing ones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Grouping } from "../../engine/ops/column.js";
import { rankOrder } from "../../engine/ops/rank.js";

/** The order the definition gives: group, then value (best first), then region index. */
function reference(v: Float64Array, g: Grouping, higherFirst: boolean): number[] {
  const present = Array.from(v.keys()).filter((i) => v[i] === v[i]);
  return present.sort((a, b) => g.ids[a]! - g.ids[b]! || (higherFirst ? v[b]! - v[a]! : v[a]! - v[b]!) || a - b);
}

const value = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e-300, -1e-300, 1.7e308, -1.7e308, NaN),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function column(n: number): fc.Arbitrary<{ v: Float64Array; g: Grouping }> {
  return fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }))
    .map(([vs, ids]) => ({ v: Float64Array.from(vs), g: { ids: Int32Array.from(ids), count: 3 } }));
}

describe("rankOrder", () => {
  for (const n of [1, 37, 600, 2000]) {
    it(`equals a comparison sort on ${n} values, both directions, overall and grouped`, () => {
      fc.assert(fc.property(column(n), fc.boolean(), ({ v, g }, higher) => {
        const overall: Grouping = { ids: new Int32Array(n), count: 1 };
        expect(Array.from(rankOrder(v, overall, higher))).toEqual(reference(v, overall, higher));
        expect(Array.from(rankOrder(v, g, higher))).toEqual(reference(v, g, higher));
      }), { numRuns: n > 500 ? 40 : 200 });
    });
  }
});
