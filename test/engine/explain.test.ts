/** Explanations: the contribution tree as data, and its text rendering. */
import { describe, expect, it } from "vitest";
import { explain, renderExplanation } from "../../engine/explain.js";
import { run } from "./support/run.js";

const SCHEME = `scheme "数字城管考核" period 2026 unit id
input rate percent label "按期结案率"
input closed percent label "结案率"
input reworked count
input k category
input awards count
input fake count
typology area { core "中心城区" when k == "core"  outer "远郊" otherwise }
missing mean
dimension task "工作任务" points 70 {
  indicator rate "按期结案率" points 50 { deduct "每少一个百分点" 1 per 1pp below 70 }
  indicator closed "结案率" points 20 { goalposts floor 60 target 90  for outer { goalposts floor 50 target 85 } }
}
indicator rework "返工" points 30 { deduct 0.2 per reworked }
bonus "表彰加分" max 3 { "奖项" 1 per awards }
veto "弄虚作假" when fake > 0
grades { "优秀" >= 90, "合格" >= 60, "不合格" }
rank overall, within area
`;

const ROWS = [
  { id: "婺城", rate: 65.5, closed: 75, reworked: 3, k: "core", awards: 2, fake: 0 },
  { id: "金东", rate: 80, closed: 70, reworked: 0, k: "outer", awards: 0, fake: 1 },
  { id: "兰溪", rate: null, closed: 95, reworked: 1, k: "outer", awards: 5, fake: 0 },
];

describe("explain", () => {
  const ev = run(SCHEME, ROWS);
  const results = ev.results!;

  it("gives the contribution tree with values, methods, parameters and adjustments", () => {
    const e = explain(results, "婺城")!;
    const task = e.tree.children[0]!;
    const rate = task.children[0]!;
    // 50 − 4.5 × 1 = 45.5
    expect(rate).toMatchObject({ path: "task.rate", label: "按期结案率", value: 65.5, score: 45.5, points: 50, base: 50 });
    expect(rate.adjustments).toEqual([{ sign: "deduct", label: "每少一个百分点", amount: 4.5 }]);
    // (75 − 60)/(90 − 60) × 20 = 10
    const closed = task.children[1]!;
    expect(closed).toMatchObject({ value: 75, score: 10, method: { text: "goalposts floor 60 target 90", params: { floor: 60, target: 90 } }, override: null });
    expect(task.score).toBe(55.5);
    // rework: 30 − 0.6 = 29.4; total 84.9 + bonus 2 = 86.9 (金东 91.43, 兰溪 102.8 rank above it)
    expect(e.summary).toMatchObject({ treeScore: 84.9, bonus: 2, total: 86.9, grade: "合格", ranks: { overall: 3, area: 1 } });
    expect(e.summary.bonuses).toEqual([{ block: "表彰加分", item: "奖项", amount: 2 }]);
  });

  it("names the override a region used and the imputation of a missing value", () => {
    const closed = explain(results, "金东")!.tree.children[0]!.children[1]!;
    // outer: (70 − 50)/(85 − 50) × 20 = 11.428571…
    expect(closed.override).toBe("outer");
    expect(closed.method!.params).toEqual({ floor: 50, target: 85 });
    expect(closed.score).toBeCloseTo(11.4285714286, 9);
    const rate = explain(results, "兰溪")!.tree.children[0]!.children[0]!;
    // missing → mean of 65.5 and 80 = 72.75 ≥ 70 → full 50
    expect(rate).toMatchObject({ value: null, scored: 72.75, score: 50, status: ["missing", "imputed"] });
  });

  it("lists the vetoes that fired and the grade they forced", () => {
    const s = explain(results, "金东")!.summary;
    expect(s.vetoes).toEqual([{ label: "弄虚作假", scope: "all" }]);
    expect([s.grade, s.gradeReason]).toEqual(["不合格", "veto"]);
  });

  it("renders a readable tree with Chinese labels", () => {
    const text = renderExplanation(explain(results, "婺城")!);
    expect(text).toContain("婺城: total 86.9 = tree 84.9 + bonus 2 − deduction 0");
    expect(text).toContain("grade 合格 (threshold)");
    expect(text).toContain("rank 3 overall, 1 within area");
    expect(text).toContain("└─ 返工 (rework)  29.4 / 30  ·  −0.6 0.2 per reworked\n");
    expect(text).toContain("├─ 工作任务 (task)  55.5 / 70");
    expect(text).toContain("│  ├─ 按期结案率 (task.rate)  45.5 / 50  ·  value 65.5  ·  −4.5 每少一个百分点");
    expect(text).toContain("goalposts floor 60 target 90 (floor 60, target 90) → 10");
    expect(text).toContain("bonus 表彰加分 / 奖项: +2");
  });

  it("returns null for an unknown region", () => {
    expect(explain(results, "不存在")).toBeNull();
  });
});
