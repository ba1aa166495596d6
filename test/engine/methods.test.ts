/** Every scoring method on a small hand-worked example; the arithmetic is in the comments. */
import { describe, expect, it } from "vitest";
import { normalCdf } from "../../engine/ops/scoring.js";
import { run, scores } from "./support/run.js";

const head = `scheme "t" period 2026 unit id\n`;

describe("scoring methods", () => {
  it("min-max: (x − min)/(max − min) × points, reversed when lower is better", () => {
    const ev = run(`${head}input a number
input b number
indicator a points 60 { minmax }
indicator b points 40 lower { minmax }`, [{ id: "r1", a: 10, b: 2 }, { id: "r2", a: 5, b: 4 }, { id: "r3", a: 0, b: 6 }]);
    // a: (10−0)/10×60 = 60, (5−0)/10×60 = 30, 0
    expect(scores(ev, "a")).toEqual([60, 30, 0]);
    // b lower: (6−2)/4×40 = 40, (6−4)/4×40 = 20, 0
    expect(scores(ev, "b")).toEqual([40, 20, 0]);
  });

  it("min-max over a zero range gives everyone full marks", () => {
    const ev = run(`${head}input a number\nindicator a points 10 { minmax }`, [{ id: "r1", a: 7 }, { id: "r2", a: 7 }]);
    expect(scores(ev, "a")).toEqual([10, 10]);
  });

  it("min-max within a typology normalises each type on its own", () => {
    const ev = run(`${head}input a number
input urban number
typology area { core "中心城区" when urban >= 80  outer "远郊" otherwise }
indicator a points 10 { minmax within area }`, [
      { id: "c1", a: 10, urban: 90 }, { id: "c2", a: 20, urban: 85 }, { id: "o1", a: 1, urban: 30 }, { id: "o2", a: 3, urban: 40 }, { id: "o3", a: 2, urban: 50 },
    ]);
    // core: 10→0, 20→10; outer: min 1, max 3: 1→0, 3→10, 2→5
    expect(scores(ev, "a")).toEqual([0, 10, 0, 10, 5]);
    expect(ev.results!.region("o3")!.types).toEqual({ area: "outer" });
  });

  it("z-score: Φ((x − mean)/sd) × points with the population sd", () => {
    const ev = run(`${head}input a number\nindicator a points 10 { zscore }`, [{ id: "r1", a: 1 }, { id: "r2", a: 2 }, { id: "r3", a: 3 }]);
    // mean 2, sd √(2/3) = 0.81650; z = −1.22474, 0, 1.22474
    const z = 1 / Math.sqrt(2 / 3);
    const s = scores(ev, "a");
    expect(s[0]).toBeCloseTo(10 * normalCdf(-z), 6);
    expect(s[1]).toBeCloseTo(5, 9);
    expect(s[2]).toBeCloseTo(10 * normalCdf(z), 6);
    expect(normalCdf(z)).toBeCloseTo(0.889664, 5); // Φ(1.2247) from tables
  });

  it("z-score with zero spread gives half marks (everyone is average)", () => {
    const ev = run(`${head}input a number\nindicator a points 10 { zscore }`, [{ id: "r1", a: 4 }, { id: "r2", a: 4 }]);
    expect(scores(ev, "a")).toEqual([5, 5]);
  });

  it("goalposts: linear from floor to target, clamped, with a per-type target", () => {
    const ev = run(`${head}input gdp percent
input urban number
typology area { core when urban >= 80  outer otherwise }
indicator gdp points 15 { goalposts floor 0 target 6.5  for outer { goalposts floor 0 target 5.5 } }`, [
      { id: "c1", gdp: 7.2, urban: 90 }, { id: "c2", gdp: 3.25, urban: 90 }, { id: "c3", gdp: -1, urban: 90 }, { id: "o1", gdp: 3.25, urban: 10 },
    ]);
    // core: 7.2 ≥ 6.5 → 15; 3.25/6.5 × 15 = 7.5; below the floor → 0; outer: 3.25/5.5 × 15 = 8.863636…
    const s = scores(ev, "gdp");
    expect(s.slice(0, 3)).toEqual([15, 7.5, 0]);
    expect(s[3]).toBeCloseTo((3.25 / 5.5) * 15, 9);
  });

  it("target met gives full marks; otherwise zero, or proportional", () => {
    const ev = run(`${head}input r number
indicator r points 10 { target 95 }
indicator p points 10 { value r  target 95 else proportional }`, [{ id: "a", r: 96 }, { id: "b", r: 90 }]);
    expect(scores(ev, "r")).toEqual([10, 0]);
    // 90/95 × 10 = 9.473684…
    expect(scores(ev, "p")[1]).toBeCloseTo((90 / 95) * 10, 9);
    expect(scores(ev, "p")[0]).toBe(10);
  });

  it("proportional: rate × points (完成率×分值), capped at the points", () => {
    const ev = run(`${head}input rate percent
input done number
indicator rate points 60 { proportional }
indicator done points 10 { proportional to 50 }`, [{ id: "a", rate: 80, done: 40 }, { id: "b", rate: 100, done: 70 }]);
    // 80/100 × 60 = 48; 40/50 × 10 = 8; 70/50 × 10 = 14 → capped at 10
    expect(scores(ev, "rate")).toEqual([48, 60]);
    expect(scores(ev, "done")).toEqual([8, 10]);
  });

  it("bands: the first band that matches wins (分档赋分)", () => {
    const ev = run(`${head}input r number\nindicator r points 10 { bands { >= 95: 10, >= 90: 8, >= 80: 5, else 0 } }`,
      [{ id: "a", r: 96 }, { id: "b", r: 95 }, { id: "c", r: 92 }, { id: "d", r: 80 }, { id: "e", r: 79.9 }]);
    expect(scores(ev, "r")).toEqual([10, 10, 8, 5, 0]);
  });

  it("ratio to best: x / best × points; lower is better: best / x", () => {
    const ev = run(`${head}input a number
input b number
indicator a points 6 { ratio to best }
indicator b points 6 lower { ratio to best }`, [{ id: "r1", a: 6, b: 2 }, { id: "r2", a: 3, b: 4 }, { id: "r3", a: 0, b: 8 }]);
    // a: 6/6×6 = 6, 3/6×6 = 3, 0; b: 2/2×6 = 6, 2/4×6 = 3, 2/8×6 = 1.5
    expect(scores(ev, "a")).toEqual([6, 3, 0]);
    expect(scores(ev, "b")).toEqual([6, 3, 1.5]);
  });

  it("ratio to the leader within type (XF-GD: 实际值/区域内最大值)", () => {
    const ev = run(`${head}input a number
input k category
typology zone { pearl when k == "珠三角"  other otherwise }
indicator a points 100 { ratio to best within zone }`, [
      { id: "gz", a: 80, k: "珠三角" }, { id: "sz", a: 100, k: "珠三角" }, { id: "mz", a: 30, k: "粤东西北" }, { id: "sg", a: 40, k: "粤东西北" },
    ]);
    expect(scores(ev, "a")).toEqual([80, 100, 75, 100]);
  });

  it("rank points: ties share the better rank and its points; beyond the list, `else` or a step", () => {
    const rows = [{ id: "a", v: 9 }, { id: "b", v: 7 }, { id: "c", v: 7 }, { id: "d", v: 5 }, { id: "e", v: 3 }, { id: "f", v: 1 }];
    const ev = run(`${head}input v number
indicator v points 60 { rank points 60, 57, 54, 51, 48 }
indicator s points 60 { value v  rank points 60, 57, 54, 51, 48 then step -3 }`, rows);
    // ranks 1, 2, 2, 4, 5, 6 (competition ranking)
    expect(scores(ev, "v")).toEqual([60, 57, 57, 51, 48, 0]);
    // rank 6 with a step: 48 + (−3) × (6 − 5) = 45
    expect(scores(ev, "s")).toEqual([60, 57, 57, 51, 48, 45]);
  });

  it("efficacy coefficient: 60 + 40 × (x − disallowed)/(satisfactory − disallowed), clamped to 60..100", () => {
    const ev = run(`${head}input x number\nindicator x points 10 { efficacy satisfactory 100 disallowed 50 }`,
      [{ id: "a", x: 100 }, { id: "b", x: 75 }, { id: "c", x: 40 }, { id: "d", x: 120 }]);
    // 75: 0.6 + 0.4 × 25/50 = 0.8 → 8; below disallowed → 60% → 6; above satisfactory → 10
    expect(scores(ev, "x")).toEqual([10, 8, 6, 10]);
  });

  it("expert panel: trimmed mean only above n raters (去掉一个最高分和一个最低分)", () => {
    const ev = run(`${head}input experts ratings\nindicator experts points 20 { panel trim 1 above 5 raters }`, [
      { id: "six", experts: [90, 80, 70, 60, 100, 50] }, { id: "three", experts: [90, 80, 70] },
    ]);
    // six raters > 5: drop 100 and 50 → mean(90, 80, 70, 60) = 75 → 75/100 × 20 = 15
    // three raters: plain mean 80 → 16
    expect(scores(ev, "experts")).toEqual([15, 16]);
  });

  it("ballots: categories to points by count ÷ valid ballots (DZ 工作任务量)", () => {
    const ev = run(`${head}input heavy count
input many count
input normal count
input few count
indicator load points 10 { ballots { heavy: 100, many: 80, normal: 60, few: 40 } }`, [{ id: "a", heavy: 2, many: 3, normal: 5, few: 0 }]);
    // (2×100 + 3×80 + 5×60 + 0×40) / 10 = 74 → 74/100 × 10 = 7.4
    expect(scores(ev, "load")).toEqual([7.4]);
  });

  it("fuzzy comprehensive evaluation: membership-weighted grade values", () => {
    const ev = run(`${head}input good number
input fair number
input poor number
indicator sat points 10 { fuzzy { good: 95, fair: 75, poor: 50 } }`, [{ id: "a", good: 0.5, fair: 0.3, poor: 0.2 }]);
    // 0.5×95 + 0.3×75 + 0.2×50 = 80 (memberships sum to 1) → 80/100 × 10 = 8
    expect(scores(ev, "sat")).toEqual([8]);
  });

  it("custom score with `x`, capped at the points", () => {
    const ev = run(`${head}input a number\nindicator a points 10 { score x * 2 }`, [{ id: "r1", a: 3 }, { id: "r2", a: 7 }]);
    expect(scores(ev, "a")).toEqual([6, 10]);
  });

  it("log transform before scoring; log of a value ≤ 0 counts as 0", () => {
    const ev = run(`${head}input a number\nindicator a points 10 { transform log  minmax }`,
      [{ id: "r1", a: 1 }, { id: "r2", a: Math.E }, { id: "r3", a: Math.E ** 2 }, { id: "r4", a: -5 }]);
    // ln: 0, 1, 2, (≤0 →) 0 → min-max over 0..2
    expect(scores(ev, "a")).toEqual([0, 5, 10, 0]);
  });
});
