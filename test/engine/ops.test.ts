/** Column kernels on their own: the documented numerics, by example. */
import { describe, expect, it } from "vitest";
import { entropyWeights } from "../../engine/ops/aggregate.js";
import { overall, type Grouping } from "../../engine/ops/column.js";
import { cross } from "../../engine/ops/cross.js";
import { binary, ELEMENTWISE, not, roundHalfAway, select } from "../../engine/ops/elementwise.js";
import { quotaCount } from "../../engine/ops/grade.js";
import { trimmedMean, weightedCategories } from "../../engine/ops/panel.js";
import { competitionRanks, rankOrder } from "../../engine/ops/rank.js";
import { gapSteps, itemAmounts } from "../../engine/ops/rules.js";
import { goalpostsConstant } from "../../engine/ops/scoring.js";

const col = (...xs: number[]) => Float64Array.from(xs);
const arr = (c: ArrayLike<number>) => Array.from(c);
const two: Grouping = { ids: Int32Array.of(0, 1, 0, 1, 0), count: 2 };

describe("element-wise numerics", () => {
  it("divides by zero to 0, keeps missing operands missing", () => {
    expect(arr(binary("/", col(6, 1, NaN, 0), col(3, 0, 0, 0)))).toEqual([2, 0, NaN, 0]);
    expect(arr(binary("+", col(1, NaN), col(2, 3)))).toEqual([3, NaN]);
  });

  it("saturates overflow at the largest double instead of Infinity", () => {
    expect(arr(binary("*", col(1e308, -1e308), col(10, 10)))).toEqual([Number.MAX_VALUE, -Number.MAX_VALUE]);
    expect(arr(binary("/", col(100), col(5e-324)))).toEqual([Number.MAX_VALUE]);
  });

  it("ln, log10 and sqrt of out-of-domain values give 0", () => {
    expect(arr(ELEMENTWISE["ln"]!.fn([col(Math.E, 0, -3, NaN)]))).toEqual([1, 0, 0, NaN]);
    expect(arr(ELEMENTWISE["log10"]!.fn([col(1000, -1)]))).toEqual([3, 0]);
    expect(arr(ELEMENTWISE["sqrt"]!.fn([col(9, -9)]))).toEqual([3, 0]);
  });

  it("rounds half away from zero (四舍五入), immune to float noise", () => {
    expect([roundHalfAway(2.5, 0), roundHalfAway(-2.5, 0), roundHalfAway(1.005, 2), roundHalfAway(1.004, 2)]).toEqual([3, -3, 1.01, 1]);
  });

  it("ratio(a, b, d) gives d when b is 0; clamp bounds a value", () => {
    expect(arr(ELEMENTWISE["ratio"]!.fn([col(1, 1), col(0, 4), col(-1, -1)]))).toEqual([-1, 0.25]);
    expect(arr(ELEMENTWISE["clamp"]!.fn([col(-5, 5, 50), col(0, 0, 0), col(10, 10, 10)]))).toEqual([0, 5, 10]);
  });

  it("comparisons and logic are three-valued: unknown where data is missing", () => {
    expect(arr(binary(">=", col(1, 0, NaN), col(0, 1, 0)))).toEqual([1, 0, NaN]);
    // false and unknown = false; true or unknown = true; true and unknown = unknown
    expect(arr(binary("and", col(0, 1), col(NaN, NaN)))).toEqual([0, NaN]);
    expect(arr(binary("or", col(1, 0), col(NaN, NaN)))).toEqual([1, NaN]);
    expect(arr(not(col(1, 0, NaN)))).toEqual([0, 1, NaN]);
    expect(arr(select(col(1, 0, NaN), col(10, 10, 10), col(20, 20, 20)))).toEqual([10, 20, NaN]);
    // equality tolerates float noise
    expect(arr(binary("==", col(0.1 + 0.2), col(0.3)))).toEqual([1]);
  });
});

describe("cross-region functions", () => {
  const v = col(1, 10, 3, NaN, 5);
  it("mean, sum, min, max, median skip missing values, overall or per group", () => {
    expect(arr(cross("mean", v, overall(5)))).toEqual([4.75, 4.75, 4.75, 4.75, 4.75]);
    // group 0: 1, 3, 5; group 1: 10 (the NaN is skipped)
    expect(arr(cross("mean", v, two))).toEqual([3, 10, 3, 10, 3]);
    expect(arr(cross("sum", v, two))).toEqual([9, 10, 9, 10, 9]);
    expect(arr(cross("min", v, two))).toEqual([1, 10, 1, 10, 1]);
    expect(arr(cross("median", v, overall(5)))).toEqual([4, 4, 4, 4, 4]);
  });

  it("an all-missing group has a missing statistic, and a count of 0", () => {
    const w = col(NaN, NaN);
    expect(arr(cross("mean", w, overall(2)))).toEqual([NaN, NaN]);
    expect(arr(cross("count", w, overall(2)))).toEqual([0, 0]);
  });

  it("count counts present values, or true conditions", () => {
    expect(arr(cross("count", v, overall(5)))).toEqual([4, 4, 4, 4, 4]);
    expect(arr(cross("count", col(1, 0, 1, NaN), overall(4), { boolean: true }))).toEqual([2, 2, 2, 2]);
  });

  it("rank: competition ranking, best (highest) first", () => {
    expect(arr(cross("rank", col(5, 9, 5, 1), overall(4)))).toEqual([2, 1, 2, 4]);
  });

  it("percentile: percent rank with one argument, the p-th percentile value with two", () => {
    // lower values: 0, 1, 2, 3 of 5 → 100 × k / 4
    expect(arr(cross("percentile", col(10, 20, 30, 40, 50), overall(5)))).toEqual([0, 25, 50, 75, 100]);
    // 90th percentile of 10..50 (linear): 10 + 0.9 × 4 × 10 = 46
    expect(cross("percentile", col(10, 20, 30, 40, 50), overall(5), { p: col(90, 90, 90, 90, 90) })[0]).toBeCloseTo(46, 9);
  });
});

describe("ranking", () => {
  it("orders best first, ties in dataset order, within groups", () => {
    expect(arr(rankOrder(col(5, 9, 5, 1, 9), overall(5), true))).toEqual([1, 4, 0, 2, 3]);
    // group 0 holds regions 0 (5), 2 (5), 4 (9); group 1 holds region 1 (9) and a missing value
    expect(arr(rankOrder(col(5, 9, 5, NaN, 9), two, true))).toEqual([4, 0, 2, 1]);
    // group 0: 9 (region 4) first, the two 5s share rank 2; group 1: 9 then 1
    expect(arr(competitionRanks(col(5, 9, 5, 1, 9), two))).toEqual([2, 1, 2, 2, 1]);
  });

  it("orders a long column the same as a comparison sort (merge sort across runs)", () => {
    const n = 1000;
    const v = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 113);
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[b]! - v[a]! || a - b);
    expect(arr(rankOrder(v, overall(n), true))).toEqual(expected);
  });
});

describe("rules, panels, quotas and weights", () => {
  it("gap steps: points or relative, pro rata, only beyond the reference", () => {
    expect(gapSteps(65.5, 70, 1, false, true)).toBe(4.5);
    expect(gapSteps(72, 80, 1, true, true)).toBeCloseTo(10, 12);
    expect(gapSteps(80, 70, 1, false, true)).toBe(0);
    expect(gapSteps(5, 0, 1, true, true)).toBe(0);
  });

  it("an item: amount × basis, times, then max; unless cancels; missing pays nothing", () => {
    const amounts = itemAmounts({
      amount: col(0.2, 0.2, 0.2, 0.2), basis: { kind: "count", count: col(3, 30, NaN, 2) },
      times: col(2, 2, 2, 2), max: col(5, 5, 5, 5), unless: col(0, 0, 0, 1),
    }, 4);
    expect(arr(amounts).map((a) => Math.round(a * 1e9) / 1e9)).toEqual([1.2, 5, 0, 0]);
  });

  it("trimmed mean: trims only above the rater threshold and when a rating remains", () => {
    expect(trimmedMean([90, 80, 70, 60, 100, 50], { trim: 1, above: 5 })).toBe(75);
    expect(trimmedMean([90, 80, 70, 60, 100], { trim: 1, above: 5 })).toBe(80);
    expect(trimmedMean([90, 80], { trim: 1, above: null })).toBe(85);
    expect(trimmedMean([], null)).toBeNaN();
  });

  it("ballots with no valid ballot score 0; a missing count makes the region missing", () => {
    expect(arr(weightedCategories([col(0, NaN), col(0, 1)], [col(100, 100), col(60, 60)], 2))).toEqual([0, NaN]);
  });

  it("quota counts: at most rounds down, at least rounds up, both free of float noise", () => {
    expect(quotaCount({ bound: "at-most", value: 20, percent: true }, 10)).toBe(2);
    expect(quotaCount({ bound: "at-most", value: 15, percent: true }, 10)).toBe(1);
    expect(quotaCount({ bound: "at-least", value: 15, percent: true }, 10)).toBe(2);
    expect(quotaCount({ bound: "at-most", value: 3, percent: false }, 10)).toBe(3);
  });

  it("entropy weights fall back to equal when nothing varies", () => {
    const c = (s: number[]) => ({ score: col(...s), points: col(1, 1, 1), weight: 0, dropped: null });
    expect(entropyWeights([c([1, 1, 1]), c([0.5, 0.5, 0.5])], 3)).toEqual([0.5, 0.5]);
    const w = entropyWeights([c([0, 0.5, 1]), c([1, 1, 1])], 3);
    expect(w[1]).toBe(0);
    expect(w[0]).toBe(1);
  });
});

describe("constant goalposts", () => {
  it("clamp exactly: 0 below the floor, the points beyond the target, tiny scores kept, NaN kept", () => {
    const x = Float64Array.of(-4.909217392105519, 2, 2 + 6e-15, 8, 1e308, -1e308, NaN);
    const s = goalpostsConstant(x, 2, 8, true, Float64Array.of(4), true);
    expect(Object.is(s[0], 0)).toBe(true);
    expect(Object.is(s[1], 0)).toBe(true);
    expect(s[2]).toBe(((2 + 6e-15 - 2) * (1 / 6)) * 4);
    expect([s[3], s[4], s[5]]).toEqual([4, 4, 0]);
    expect(s[6]).toBeNaN();
  });
});
