/**
 * The lite probe's quick "no" (engine/reach/reject.ts) against the lite probe itself, on random
 * small schemes (goalposts and bands under `missing mean`, some values missing, an `at most` quota
 * on the first grade): wherever it answers at a value, the probe does not reach there and gives the
 * same total, bit for bit; and it answers often (else it saves nothing).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { surelyShort } from "../../engine/reach/reject.js";
import { boundOf } from "../../engine/reach/search.js";
import { eachProbe, oneDimension, reachCases } from "./support/reach-cases.js";
import { run } from "./support/run.js";

const indicator = fc.record({
  method: fc.constantFrom("goalposts floor 20 target 80", "bands { >= 70: 10, >= 50: 6, else 2 }", "goalposts floor 30 target 60"),
  lower: fc.boolean(),
});

const scheme = fc.tuple(fc.array(indicator, { minLength: 1, maxLength: 3 }), fc.integer({ min: 20, max: 70 })).map(([inds, quota]) => oneDimension(inds, quota));

const cases = reachCases(scheme, { min: 5, freq: 4, regions: [5, 12] });

describe("the lite probe's quick no", () => {
  it("answers only where the probe does not reach, with the probe's own total", () => {
    let answered = 0;
    let probed = 0;
    fc.assert(fc.property(cases, ({ text, data }) => {
      const base = run(text, data).results!;
      eachProbe(base, ({ r, t, f, x, m, at }) => {
        if (t.kind !== "grade") return;
        for (const v of [boundOf(f, x, 1), boundOf(f, x, -1), x + 7, x - 3]) {
          const own = surelyShort(base, m, r, v, t.level);
          probed++;
          if (own === null) continue;
          answered++;
          const o = at(v);
          expect(o.reaches).toBe(false);
          expect(own).toBe(o.total);
        }
      });
    }), { numRuns: 80, seed: 11 });
    expect(answered).toBeGreaterThan(probed / 10);
  });
});
