/**
 * The min-max collapse solved directly (engine/reach/collapse.ts) against the search's own steps
 * over the same lite probe, on random small schemes (min-max indicators either way round, with
 * and without a declared range, beside goalposts; some values missing under `missing mean`; an
 * `at most` quota on the first grade): wherever the direct solve answers, both agree on whether
 * the bound reaches the grade and on the value within 1e-6 of the change.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseSolve } from "../../engine/reach/collapse.js";
import { boundOf, scaleOf, searchSteps } from "../../engine/reach/search.js";
import { eachProbe, minmaxSchemes, reachCases } from "./support/reach-cases.js";
import { run } from "./support/run.js";

const cases = reachCases(minmaxSchemes, { min: 5, freq: 10, regions: [5, 12] });

describe("the min-max collapse solved directly", () => {
  it("agrees with the search's steps over the lite probe", () => {
    let solved = 0;
    let reached = 0;
    fc.assert(fc.property(cases, ({ text, data }) => {
      const base = run(text, data).results!;
      eachProbe(base, ({ r, t, f, x, m, at }) => {
        for (const dir of [1, -1] as const) {
          const bound = boundOf(f, x, dir);
          const c = collapseSolve(base, m, r, x, dir, bound, t, at);
          if (!c) continue;
          const s = searchSteps((d) => at(x + dir * d), (o) => o.reaches, () => true, Math.abs(bound - x), scaleOf(f, x));
          solved++;
          expect(c.d === null).toBe(s.d === null);
          if (c.d === null || s.d === null) continue;
          reached++;
          expect(Math.abs(c.d - s.d)).toBeLessThanOrEqual(1e-6 * Math.max(1e-3, s.d));
          expect(at(x + dir * c.d).reaches).toBe(true);
        }
      });
    }), { numRuns: 80, seed: 7 });
    expect(solved).toBeGreaterThan(100);
    expect(reached).toBeGreaterThan(10);
  });
});
