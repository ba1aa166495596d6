/**
 * The lite probe read near region r's total (engine/reach/lite-near.ts) against the same probe
 * scoring every region (given a column to fill): on random small schemes (min-max indicators
 * either way round beside goalposts, some values missing under `missing mean`, an `at most`
 * quota on the first grade), at values around x, past the others' range and at the bound, both
 * give the same total bit for bit and the same grade.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundOf, scaleOf } from "../../engine/reach/search.js";
import { eachProbe, minmaxSchemes, reachCases } from "./support/reach-cases.js";
import { run } from "./support/run.js";

const cases = reachCases(minmaxSchemes, { min: 5, freq: 8, regions: [6, 40] });

describe("the lite probe near r's total", () => {
  it("gives the total and grade of the probe over every region", () => {
    let near = 0;
    let reached = 0;
    fc.assert(fc.property(cases, ({ text, data }) => {
      const base = run(text, data).results!;
      const n = base.total.length;
      eachProbe(base, ({ x, f, at }) => {
        const s = scaleOf(f, x);
        const values = [x, x + 0.01 * s, x - 0.3 * s, x + 2 * s, boundOf(f, x, 1), boundOf(f, x, -1), 0, 100, 150];
        for (const v of values) {
          const a = at(v);
          const full = at(v, new Float64Array(n));
          expect(Object.is(a.total, full.total)).toBe(true);
          expect(a.reaches).toBe(full.reaches);
          if (a.delta.length === 0) near++;
          if (a.reaches) reached++;
        }
      });
    }), { numRuns: 60, seed: 11 });
    expect(near).toBeGreaterThan(500);
    expect(reached).toBeGreaterThan(50);
  });
});
