/**
 * What-if: overrides against the same change written into the scheme text, the reuse of cached
 * columns, and bad overrides as issues.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { whatIf } from "../../engine/whatif/index.js";
import { run, totals, type Cell } from "./support/run.js";

const DIR = join(import.meta.dirname, "golden");
const COUNTY = readFileSync(join(DIR, "county.yard"), "utf8");
const rows = JSON.parse(readFileSync(join(DIR, "county.data.json"), "utf8")) as Record<string, Cell>[];
const prev = JSON.parse(readFileSync(join(DIR, "county.prev.json"), "utf8")) as Record<string, Cell>[];
const base = run(COUNTY, rows, prev).results!;

/** The county scheme with text replacements applied (each must occur). */
function edited(edits: readonly [string, string][]): string {
  let t = COUNTY;
  for (const [from, to] of edits) {
    expect(t.includes(from), from).toBe(true);
    t = t.replace(from, to);
  }
  return t;
}

function outcome(r: NonNullable<ReturnType<typeof whatIf>["results"]>) {
  return { totals: Array.from(r.total, (x) => Math.round(x * 1e9) / 1e9 + 0), ranks: r.ranks.map((k) => Array.from(k.rank)), grades: Array.from(r.grades!.level) };
}

function expectSameAsText(overrides: string[], edits: [string, string][]): void {
  const w = whatIf(base, overrides);
  expect(w.issues).toEqual([]);
  expect(w.applied).toEqual(overrides);
  const full = run(edited(edits), rows, prev).results!;
  expect(outcome(w.results!)).toEqual({ ...outcome(full), totals: totals({ results: full, issues: [] }) });
}

describe("what-if equals editing the scheme", () => {
  it("a dimension's points: the siblings keep their proportions and fill the rest", () => {
    expectSameAsText(["economy.points=50"], [
      ['economy "经济发展" points 40', 'economy "经济发展" points 50'], ['service "政务服务" points 40', 'service "政务服务" points 33.333333333333336'],
      ['safety "安全与信访" points 20', 'safety "安全与信访" points 16.666666666666668'], ['"GDP增速" points 20', '"GDP增速" points 25'],
      ['"服务业增速" points 20', '"服务业增速" points 25'], ['"全程网办率" points 20', '"全程网办率" points 16.666666666666668'],
      ['"满意度" points 20', '"满意度" points 16.666666666666668'], ['"信访增量" points 20', '"信访增量" points 16.666666666666668'],
    ]);
  });

  it("an indicator's points within its dimension", () => {
    expectSameAsText(["economy.gdp_growth.points=30"], [['"GDP增速" points 20', '"GDP增速" points 30'], ['"服务业增速" points 20', '"服务业增速" points 10']]);
  });

  it("a target, for everyone and for one type", () => {
    expectSameAsText(["economy.gdp_growth.target=8"], [["goalposts floor 0 target 6.5", "goalposts floor 0 target 8"]]);
    expectSameAsText(["economy.gdp_growth.target=8@outer"], [["for outer { goalposts floor 0 target 5.5 }", "for outer { goalposts floor 0 target 8 }"]]);
    expectSameAsText(["economy.gdp_growth.floor=2@core"], [["for outer {", "for core { goalposts floor 2 target 6.5 }\n    for outer {"]]);
  });

  it("deduction rates and references, caps, grade thresholds and quotas", () => {
    expectSameAsText(["service.online_rate.deduct.1=1.5", "service.online_rate.deduct.1.reference=90"], [["deduct 0.5 per 1pp below 95", "deduct 1.5 per 1pp below 90"]]);
    expectSameAsText(["economy.services_growth.cap=20", "economy.services_growth.add.1=1"], [["cap 22", "cap 20"], ["add 0.5 per 0.5pp", "add 1 per 0.5pp"]]);
    expectSameAsText(["grades.优秀.threshold=85", "grades.优秀.quota=50%"], [['"优秀" >= 90 quota at most 30%', '"优秀" >= 85 quota at most 50%']]);
  });

  it("the deltas say who moved", () => {
    const w = whatIf(base, ["economy.gdp_growth.points=30"]);
    const i = w.deltas.findIndex((d) => d.ranks[0]!.delta !== 0);
    expect(i).toBeGreaterThanOrEqual(0);
    const d = w.deltas[i]!;
    expect(d.region).toBe(base.regions[i]);
    expect(d.total.before).toBe(base.total[i]);
    expect(d.total.after).toBeCloseTo(w.results!.total[i]!, 12);
    expect(d.ranks[0]!.after - d.ranks[0]!.before).toBe(d.ranks[0]!.delta);
    expect(d.grade.changed).toBe(d.grade.before !== d.grade.after);
  });
});

describe("what-if reuses the base run", () => {
  it("a weight change re-aggregates: untouched indicators keep their columns, touched ones are rescaled, not re-scored", () => {
    const w = whatIf(base, ["economy.gdp_growth.points=30"]).results!;
    expect(w.nodeDetail("service.online_rate")).toBe(base.nodeDetail("service.online_rate"));
    const before = base.nodeDetail("economy.gdp_growth")!;
    const after = w.nodeDetail("economy.gdp_growth")!;
    expect(after).not.toBe(before);
    // Rescaled from the cached run (its per-variant runs are the base's), not run again.
    expect(after.kind === "indicator" && before.kind === "indicator" && after.variants === before.variants).toBe(true);
    // services_growth has add/deduct amounts in points: it must be scored again.
    const sg = w.nodeDetail("economy.services_growth")!;
    expect(sg.kind === "indicator" && sg.variants !== (base.nodeDetail("economy.services_growth") as typeof sg).variants).toBe(true);
  });

  it("a parameter change re-scores only that indicator", () => {
    const w = whatIf(base, ["economy.gdp_growth.target=7"]).results!;
    for (const p of ["economy.services_growth", "service.online_rate", "service.satisfaction", "safety.complaints_change"]) expect(w.nodeDetail(p)).toBe(base.nodeDetail(p));
    expect(w.nodeDetail("economy.gdp_growth")).not.toBe(base.nodeDetail("economy.gdp_growth"));
    expect(w.values).toEqual(base.values);
  });

  it("no override gives the base numbers", () => {
    const w = whatIf(base, []);
    expect(outcome(w.results!)).toEqual(outcome(base));
    expect(w.deltas.every((d) => d.total.delta === 0 && d.ranks.every((r) => r.delta === 0) && !d.grade.changed)).toBe(true);
  });
});

describe("bad overrides are issues, never exceptions", () => {
  const codes = (set: string[]) => whatIf(base, set).issues.map((i) => [i.code, i.severity, i.message, i.help ?? null]);

  it("unknown paths, fields and types say what was meant", () => {
    expect(codes(["econmy.points=3"])).toEqual([["unknown-path", "error", "no dimension or indicator `econmy`", "did you mean `economy`?"]]);
    expect(codes(["economy.gdp_growth.wieght=0.2"])).toEqual([["unknown-field", "error", "`economy.gdp_growth` has no `wieght` to set", "did you mean `weight`?"]]);
    expect(codes(["economy.points=30@outr"])).toEqual([["unknown-type", "error", "no type `outr` in any typology", "did you mean `outer`?"]]);
    expect(codes(["grades.优良.threshold=80"])[0]!.slice(0, 3)).toEqual(["unknown-path", "error", "no grade `优良`"]);
  });

  it("values that are not numbers, negative or too large", () => {
    expect(codes(["economy.points=abc"])[0]!.slice(0, 3)).toEqual(["bad-value", "error", "`abc` is not a number"]);
    expect(codes(["economy.points=-1"])[0]!.slice(0, 3)).toEqual(["bad-value", "error", "points cannot be negative (`-1`)"]);
    expect(codes(["economy.points=120"])[0]!.slice(0, 3)).toEqual(["bad-value", "error", "the shares set add up to 120% of the parent, more than all of it"]);
    expect(codes(["economy"])[0]!.slice(0, 2)).toEqual(["bad-override", "error"]);
  });

  it("a parameter the method does not have", () => {
    expect(codes(["service.online_rate.target=90"])).toEqual([["unknown-field", "error", "the indicator has no scoring method", null]]);
    expect(codes(["economy.gdp_growth.band.1=3"])).toEqual([["unknown-field", "error", "the scoring method is not `bands`", null]]);
  });

  it("the good overrides of a list still apply", () => {
    const w = whatIf(base, ["economy.points=abc", "economy.gdp_growth.target=7"]);
    expect(w.applied).toEqual(["economy.gdp_growth.target=7"]);
    expect(w.issues).toHaveLength(1);
    expect(w.results).not.toBeNull();
  });
});
