/**
 * The county benchmark's three paths at a small scale: Yardstick (in memory and from CSV), the
 * hand-written kernel and json-logic-js must give the same totals (within 1e-9), grades and
 * ranks on 300 generated regions, and the workload must exercise what it claims to.
 */
import { describe, expect, it } from "vitest";
import { CountyJsonLogic, countyRows } from "../../bench/county-jsonlogic.js";
import { countyKernel } from "../../bench/county-kernel.js";
import { countyCsv, countyData, outcomeDifference, type CountyOutcome } from "../../bench/county-workload.js";
import { prepareCounty, runFromCsv, runYardstick } from "../../bench/county.js";

const p = prepareCounty();
const d = countyData(p.spec, 300);
const regions = d.data.regions;
const yardstick = runYardstick(p, d);

describe("county benchmark paths", () => {
  it("the kernel agrees with Yardstick", () => {
    expect(outcomeDifference(yardstick, countyKernel(p.spec, d.data, d.prev), regions)).toBeNull();
  });

  it("json-logic-js agrees with Yardstick", () => {
    const jl = new CountyJsonLogic(p.spec, p.checked);
    expect(outcomeDifference(yardstick, jl.run(countyRows(d.data, d.prev)), regions)).toBeNull();
  });

  it("Yardstick from CSV (engine/data) agrees with Yardstick in memory", async () => {
    const fromCsv = await runFromCsv(p, countyCsv(d.data), countyCsv(d.prev));
    expect(outcomeDifference(yardstick, fromCsv, regions)).toBeNull();
  });

  it("the comparison notices a small difference in a total, a grade or a rank", () => {
    const nudge = (o: CountyOutcome, k: keyof CountyOutcome, v: number): CountyOutcome => {
      const col: Float64Array | Int32Array = o[k].slice();
      col[17] = col[17]! + v;
      return { ...o, [k]: col };
    };
    expect(outcomeDifference(yardstick, nudge(yardstick, "total", 1e-9 / 2), regions)).toBeNull();
    expect(outcomeDifference(yardstick, nudge(yardstick, "total", 1e-6), regions)).toMatch(/^total of C000018/);
    expect(outcomeDifference(yardstick, nudge(yardstick, "grade", 1), regions)).toMatch(/^grade of C000018/);
    expect(outcomeDifference(yardstick, nudge(yardstick, "rankWithin", 1), regions)).toMatch(/^rankWithin of C000018/);
  });
});

describe("county workload", () => {
  it("has missing values, every grade, a binding quota, vetoes and three types", () => {
    const cells = p.spec.indicators.reduce((s, i) => s + d.data.missing.get(i.name)!.reduce((a, b) => a + b, 0), 0);
    expect(cells / (300 * 200)).toBeGreaterThan(0.01);
    expect(cells / (300 * 200)).toBeLessThan(0.03);
    expect(new Set(yardstick.grade)).toEqual(new Set([0, 1, 2, 3]));
    const top = yardstick.grade.filter((g) => g === 0).length;
    expect(top).toBeLessThanOrEqual(60);
    expect(yardstick.total.filter((t) => t >= p.spec.grades[0]).length).toBeGreaterThan(top);
    expect(d.data.columns.get("major_accidents")!.some((v) => v >= 1)).toBe(true);
    const within = new Set(yardstick.rankWithin.filter((r) => r === 1));
    expect(within.size).toBe(1);
    expect(yardstick.rankWithin.filter((r) => r === 1).length).toBe(3);
  });
});
