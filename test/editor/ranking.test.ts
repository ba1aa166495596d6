/**
 * The page-side pieces of the live what-if that need no browser: the ranking order (counting
 * sort against a comparison sort), rank and grade changes, the server-fallback conversion, and
 * slider coalescing (only the newest waiting value is computed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Coalescer } from "../../editor/src/eval/coalesce.js";
import { baseOfJson, outcomeOfJson } from "../../editor/src/eval/from-json.js";
import { changesFrom, orderOf } from "../../editor/src/eval/ranking.js";
import type { RegionResult } from "../../engine/results-region.js";

/** Competition ranks (1, 2, 2, 4) of totals, best (highest) first. */
function competitionRanks(total: readonly number[]): Int32Array {
  return Int32Array.from(total, (x) => 1 + total.filter((y) => y > x).length);
}

const totals = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 0, maxLength: 60 });

describe("orderOf", () => {
  it("orders by rank with ties in dataset order, as a comparison sort does", () => {
    fc.assert(fc.property(totals, (t) => {
      const rank = competitionRanks(t);
      const want = t.map((_, i) => i).sort((a, b) => rank[a]! - rank[b]! || a - b);
      expect([...orderOf(rank, Float64Array.from(t))]).toEqual(want);
    }));
  });

  it("puts unranked regions (0) last, and orders by total without a ranking", () => {
    expect([...orderOf(Int32Array.from([0, 2, 1]), Float64Array.from([9, 5, 7]))]).toEqual([2, 1, 0]);
    expect([...orderOf(null, Float64Array.from([5, 9, 7, 9]))]).toEqual([1, 3, 2, 0]);
  });
});

function region(name: string, total: number, grade: string | null, overall: number): RegionResult {
  return { region: name, total, grade, ranks: { overall, area: 1 } } as unknown as RegionResult;
}

describe("the server fallback's outcome", () => {
  it("counts rank and grade changes against the base, and learns grades the base did not have", () => {
    const base = baseOfJson([region("甲", 90, "良好", 1), region("乙", 80, "良好", 2), region("丙", 70, "合格", 3)]);
    expect(base.rankings).toEqual([null, "area"]);
    const now = outcomeOfJson(base, [region("甲", 85, "良好", 2), region("乙", 91, "优秀", 1), region("丙", 70, "合格", 3)]);
    expect([...now.rankChange]).toEqual([-1, 1, 0]);
    expect([...now.order]).toEqual([1, 0, 2]);
    expect(now.moved).toBe(2);
    expect(now.gradeChanged).toBe(1);
    expect(base.gradeLabels[now.grade[1]!]).toBe("优秀");
    expect(changesFrom(base, base).moved).toBe(0);
  });
});

describe("Coalescer", () => {
  it("computes the first value and then only the newest one submitted meanwhile, from the earliest input", async () => {
    const done: [number, number | null][] = [];
    let release: () => void = () => {};
    const c = new Coalescer<number>((v, since) => {
      done.push([v, since]);
      return v === 1 ? new Promise((r) => { release = r; }) : Promise.resolve();
    });
    c.submit(1, 10);
    c.submit(2, 20);
    c.submit(3, null);
    c.submit(4, 40);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toEqual([[1, 10], [4, 20]]);
  });
});
