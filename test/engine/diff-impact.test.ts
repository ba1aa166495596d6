/**
 * The impact diff on numbers worked by hand: two indicators whose points are swapped (60/40 →
 * 40/60), three regions; and a moved indicator compared with itself.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { impactDiff, type RegionImpact } from "../../engine/diff/index.js";
import { dataset } from "./support/run.js";

const scheme = (a: number, b: number, grades = `grades { "优秀" >= 90, "良好" >= 85, "合格" }`) => compile(`scheme "s" unit 区县
input a percent
input b percent
indicator a "甲" points ${a} { proportional }
indicator b "乙" points ${b} { proportional }
${grades}
`, `s${a}.yard`);

const rows = [{ id: "东城", a: 100, b: 70 }, { id: "西城", a: 80, b: 95 }, { id: "南城", a: 90, b: 90 }];

describe("impactDiff", () => {
  // old: 东城 60 + 40×0.7 = 88, 西城 48 + 38 = 86, 南城 54 + 36 = 90 → ranks 2, 3, 1
  // new: 东城 40 + 60×0.7 = 82, 西城 32 + 57 = 89, 南城 36 + 54 = 90 → ranks 3, 2, 1
  const { impact, issues } = impactDiff(scheme(60, 40), scheme(40, 60), dataset(rows));
  const by = (id: string) => impact!.regions.find((r) => r.region === id)!;

  it("evaluates both versions", () => {
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(impact).not.toBeNull();
  });

  it("gives each region's total, rank and grade under both", () => {
    expect(by("东城").old).toEqual({ total: 88, treeScore: 88, bonus: 0, deduction: 0, rank: 2, grade: "良好" });
    expect(by("东城").new).toEqual({ total: 82, treeScore: 82, bonus: 0, deduction: 0, rank: 3, grade: "合格" });
    expect([by("东城").scoreDelta, by("东城").rankGain, by("东城").gradeChanged]).toEqual([-6, -1, true]);
    expect([by("西城").scoreDelta, by("西城").rankGain, by("西城").gradeChanged]).toEqual([3, 1, false]);
    expect([by("南城").scoreDelta, by("南城").rankGain, by("南城").gradeChanged]).toEqual([0, 0, false]);
  });

  it("sorts by |rank change|, then |score change|", () => {
    expect(impact!.regions.map((r) => r.region)).toEqual(["东城", "西城", "南城"]);
    expect(impact!.summary).toEqual({ regions: 3, rankChanged: 2, gradeChanged: 1, maxScoreChange: 6 });
  });

  it("lists the indicators whose contribution moved most", () => {
    const d = (r: RegionImpact) => r.drivers.map((x) => [x.path, x.old, x.new, x.delta]);
    expect(d(by("东城"))).toEqual([["a", 60, 40, -20], ["b", 28, 42, 14]]);
    expect(d(by("西城"))).toEqual([["b", 38, 57, 19], ["a", 48, 32, -16]]);
    const top1 = impactDiff(scheme(60, 40), scheme(40, 60), dataset(rows), { top: 1 }).impact!;
    expect(top1.regions.map((r) => r.drivers.length)).toEqual([1, 1, 1]);
  });

  it("has no grades when the schemes have none", () => {
    const r = impactDiff(scheme(60, 40, ""), scheme(40, 60, ""), dataset(rows)).impact!;
    expect(r.regions.every((x) => x.old!.grade === null && x.new!.grade === null && !x.gradeChanged)).toBe(true);
  });

  it("compares a moved indicator with itself", () => {
    const head = `scheme "m" unit 区县\ninput a percent\ninput b percent\n`;
    const old = compile(`${head}dimension x "X" points 100 { indicator b points 60 { proportional } indicator a points 40 { proportional } }\n`, "old.yard");
    const now = compile(`${head}dimension x "X" points 60 { indicator b points 60 { proportional } }\ndimension y "Y" points 40 { indicator a points 40 { proportional } }\n`, "new.yard");
    expect([...old.diagnostics, ...now.diagnostics].filter((d) => d.severity === "error")).toEqual([]);
    const r = impactDiff(old, now, dataset(rows)).impact!;
    expect(r.regions.map((x) => x.scoreDelta)).toEqual([0, 0, 0]);
    // Matched by identity, `x.a` and `y.a` are one indicator whose contribution did not move.
    expect(r.regions.flatMap((x) => x.drivers)).toEqual([]);
  });

  it("reports the version that cannot be evaluated", () => {
    const broken = compile(`scheme "b" unit 区县\ninput a percent\nindicator a points 100 { proportional }\ncheck a < 50 error "a too big"\n`, "b.yard");
    const out = impactDiff(scheme(60, 40), broken, dataset(rows));
    expect(out.impact).toBeNull();
    expect(out.issues.filter((i) => i.severity === "error").map((i) => [i.side, i.code])).toEqual([["new", "check-failed"]]);
  });
});
