/**
 * Counterfactuals against full re-evaluations of an edited dataset: a needed value, written into
 * the region's row, reaches the target, and a value 1% short of the change does not; the
 * combination reaches it too. Also: vetoes block, caps and data checks are named as reasons,
 * rank targets, and the bulletin sentences.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextGrade, nextGradeSentences, reach, readTarget, type ReachResult } from "../../engine/reach/index.js";
import type { Results } from "../../engine/results.js";
import { run, type Cell } from "./support/run.js";

const SCHEME = `scheme "r" period 2026 unit id
input a percent label "按时响应率" range 0..100
input b number label "满意度" range 0..100
input c count label "事故数" default 0
input done count label "办结数"
input all count label "受理数"
input bad count default 0
let rate "办结率" = done / all * 100
check done <= all error "办结数不能超过受理数"
dimension e "效能" points 60 {
  indicator a "响应" points 20 { goalposts floor 60 target 98 }
  indicator b "满意" points 20 { bands { >= 90: 20, >= 80: 15, >= 70: 10, else 4 } }
  indicator rate "办结" points 20 { deduct 1 per 1pp below 95 }
}
dimension s "安全" points 40 {
  indicator c "事故" points 20 lower { deduct 5 per c }
  indicator m "均值" points 20 { value b  minmax }
}
veto "否决" when bad > 0
grades { "优秀" >= 85 quota at most 40%, "良好" >= 70, "合格" >= 55, "不合格" }
rank overall
`;

const row = fc.record({
  a: fc.integer({ min: 50, max: 100 }), b: fc.integer({ min: 40, max: 100 }), c: fc.integer({ min: 0, max: 3 }),
  all: fc.integer({ min: 50, max: 200 }), frac: fc.integer({ min: 60, max: 100 }),
});
const data = fc.array(row, { minLength: 3, maxLength: 10 }).map((rs) => rs.map((r, i) => ({ id: `r${i}`, a: r.a, b: r.b, c: r.c, all: r.all, done: Math.floor((r.all * r.frac) / 100), bad: 0 }) as Record<string, Cell>));

/** The grade level of region i after setting `field` to `value` in its row, by a full evaluation. */
function levelWith(rows: readonly Record<string, Cell>[], i: number, changes: Record<string, number>): number | null {
  const edited = rows.map((r, k) => (k === i ? { ...r, ...changes } : r));
  const ev = run(SCHEME, edited);
  return ev.results ? ev.results.grades!.level[i]! : null;
}

function firstBelowTop(base: Results): number {
  return Array.from(base.grades!.level).findIndex((l) => l > 0);
}

describe("counterfactuals", () => {
  it("a needed value reaches the next grade, and 1% short of the change does not", () => {
    fc.assert(fc.property(data, (rows) => {
      const base = run(SCHEME, rows).results!;
      const i = firstBelowTop(base);
      fc.pre(i >= 0);
      const t = nextGrade(base, i)!;
      if (t.kind !== "grade") throw new Error("next grade is a grade target");
      const res = reach(base, base.regions[i]!, t) as ReachResult;
      expect(res.already).toBe(false);
      for (const s of res.singles) {
        if (s.needed === null) { expect(s.reason).not.toBeNull(); continue; }
        expect(levelWith(rows, i, { [s.field]: s.needed })).toBeLessThanOrEqual(t.level);
        const short = levelWith(rows, i, { [s.field]: s.current + s.change! * 0.99 });
        expect(short === null || short > t.level).toBe(true);
      }
      if (res.combination) {
        const changes = Object.fromEntries(res.combination.changes.map((c) => [c.field, c.to]));
        expect(levelWith(rows, i, changes)).toBeLessThanOrEqual(t.level);
      }
    }), { numRuns: 40, seed: 3 });
  });

  it("a region that already meets the target needs nothing", () => {
    const rows = [{ id: "x", a: 99, b: 95, c: 0, all: 100, done: 100 }, { id: "y", a: 60, b: 50, c: 2, all: 100, done: 70 }];
    const base = run(SCHEME, rows).results!;
    const res = reach(base, "x", readTarget(base, "合格", null) as never) as ReachResult;
    expect(res.already).toBe(true);
  });

  it("a veto blocks every change, and says which", () => {
    const rows = [{ id: "x", a: 70, b: 60, c: 1, all: 100, done: 80, bad: 1 }, { id: "y", a: 60, b: 50, c: 2, all: 100, done: 70, bad: 0 }];
    const base = run(SCHEME, rows).results!;
    const res = reach(base, "x", readTarget(base, "良好", null) as never) as ReachResult;
    expect(res.blocked).toContain("否决");
    expect(nextGradeSentences(base, "x")).toEqual(["因「否决」，任何指标的改进都不能升为 合格"]);
  });

  it("names caps and data checks as reasons", () => {
    const rows = [
      { id: "x", a: 98, b: 60, c: 3, all: 100, done: 100 }, { id: "y", a: 99, b: 98, c: 0, all: 100, done: 100 },
      { id: "z", a: 99, b: 97, c: 0, all: 100, done: 100 },
    ];
    const base = run(SCHEME, rows).results!;
    const res = reach(base, "x", readTarget(base, "良好", null) as never) as ReachResult;
    const by = new Map(res.singles.map((s) => [s.field, s]));
    expect(by.get("a")!.reason).toContain("full marks");
    expect(by.get("c")!.reason).toContain("full marks");
    expect(by.get("done")!.reason).toContain("check");
    expect(by.get("b")!.needed).not.toBeNull();
  });

  it("reaches a rank target", () => {
    const rows = Array.from({ length: 6 }, (_, k) => ({ id: `r${k}`, a: 60 + k * 6, b: 50 + k * 8, c: 0, all: 100, done: 90 }));
    const base = run(SCHEME, rows).results!;
    const t = readTarget(base, null, 2);
    expect(typeof t).not.toBe("string");
    const res = reach(base, "r1", t as never) as ReachResult;
    const best = res.singles.find((s) => s.needed !== null)!;
    const edited = rows.map((r) => (r.id === "r1" ? { ...r, [best.field]: best.needed } : r));
    expect(run(SCHEME, edited).results!.ranks[0]!.rank[1]).toBeLessThanOrEqual(2);
    expect(readTarget(base, "最好", null)).toContain("no grade");
  });

  it("writes the bulletin's sentences", () => {
    const low = { a: 60, b: 50, c: 2, all: 100, done: 70 };
    const rows = [{ id: "x", a: 70, b: 91, c: 0, all: 100, done: 96 }, { id: "y", a: 99, b: 99, c: 0, all: 100, done: 100 }, { id: "z", ...low }, { id: "w", ...low }, { id: "v", ...low }];
    const base = run(SCHEME, rows).results!;
    const lines = nextGradeSentences(base, "x");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^将「.+」由 [\d.]+ (提高|降低)到 [\d.]+（[+-][\d.]+），可升为 (优秀|良好)$/);
    expect(nextGradeSentences(base, "y")).toEqual([]);
  });
});
