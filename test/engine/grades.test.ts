/** Vetoes, grades with quotas and refill, ranks, checks, alerts and flags, hand-worked. */
import { describe, expect, it } from "vitest";
import { run } from "./support/run.js";

const head = `scheme "t" period 2026 unit id\ninput s number\ninput bad count default 0\ninput shame count default 0\nindicator s points 100 { score x }\n`;
const TOTALS = [98, 96, 95, 95, 91, 85, 80, 75, 70, 50];
const rows = (extra: Record<string, Record<string, number>> = {}) => TOTALS.map((s, i) => ({ id: `r${i + 1}`, s, ...(extra[`r${i + 1}`] ?? {}) }));
const grades = (ev: ReturnType<typeof run>) => {
  if (!ev.results) throw new Error(ev.issues.map((i) => i.message).join("\n"));
  return ev.results.regions.map((r) => ev.results!.region(r)!.grade);
};
const G = `grades { "优秀" >= 90 quota at most 30%, "良好" >= 80, "合格" >= 60, "不合格" }`;

describe("grades", () => {
  it("by threshold, with an at-most quota whose boundary tie stays below (never exceeding it)", () => {
    const ev = run(`${head}${G}`, rows());
    // 30% of 10 = 3 places; ≥ 90: 98, 96, 95, 95, 91. The 3rd and 4th tie at 95, so both stay
    // below: only 98 and 96 are 优秀; 95, 95, 91 fall to 良好 with 85 and 80.
    expect(grades(ev)).toEqual(["优秀", "优秀", "良好", "良好", "良好", "良好", "良好", "合格", "合格", "不合格"]);
    expect(ev.results!.region("r3")!.gradeReason).toBe("quota-at-most");
    expect(ev.results!.region("r6")!.gradeReason).toBe("threshold");
  });

  it("a veto forces the lowest grade (or the named one) and, without refill, keeps its place", () => {
    const text = `${head}veto "一票否决" when bad > 0\nveto "降级" when shame > 0 grade "合格"\n${G}`;
    const ev = run(text, rows({ r2: { bad: 1 }, r6: { shame: 1 } }));
    // r2 (96) is vetoed → 不合格; it still occupies an 优秀 place: places 98, 96(vetoed), then the
    // 95/95 tie stays out → only r1 is 优秀. r6 (85) is forced to 合格.
    expect(grades(ev)).toEqual(["优秀", "不合格", "良好", "良好", "良好", "合格", "良好", "合格", "合格", "不合格"]);
    expect(ev.results!.region("r2")!.gradeReason).toBe("veto");
    expect(ev.results!.region("r2")!.vetoes).toEqual([{ label: "一票否决", scope: "all" }]);
  });

  it("a veto caps the grade: it never lifts a region above what its total earns", () => {
    const ev = run(`${head}veto "降级" when shame > 0 grade "合格"\n${G}`, rows({ r10: { shame: 1 }, r1: { shame: 1 } }));
    // r10 (50) stays 不合格 (the veto's 合格 is a ceiling, not a floor); r1 (98) is held to 合格
    const g = grades(ev);
    expect([g[0], g[9]]).toEqual(["合格", "不合格"]);
    expect([ev.results!.region("r1")!.gradeReason, ev.results!.region("r10")!.gradeReason]).toEqual(["veto", "threshold"]);
  });

  it("with refill the vetoed region's place goes to the next in rank (缺额依次递补)", () => {
    const text = `${head}veto "一票否决" when bad > 0\ngrades refill { "优秀" >= 90 quota at most 30%, "良好" >= 80, "合格" >= 60, "不合格" }`;
    const ev = run(text, rows({ r2: { bad: 1 } }));
    // candidates without r2: 98, 95, 95, 91 → 3 places: 98, 95, 95 (no tie at the boundary: 95 vs 91)
    expect(grades(ev)).toEqual(["优秀", "不合格", "优秀", "优秀", "良好", "良好", "良好", "合格", "合格", "不合格"]);
  });

  it("veto top bars the top grade only (一票否优), with and without refill", () => {
    const noRefill = run(`${head}veto top "通报批评" when shame > 0\n${G}`, rows({ r1: { shame: 1 } }));
    // r1 (98) holds a place it cannot take: places 98(barred), 96; the 95s tie out → only r2 优秀
    expect(grades(noRefill).slice(0, 5)).toEqual(["良好", "优秀", "良好", "良好", "良好"]);
    expect(noRefill.results!.region("r1")!.gradeReason).toBe("veto-top");
    const refill = run(`${head}veto top "通报批评" when shame > 0\ngrades refill { "优秀" >= 90 quota at most 30%, "良好" >= 80, "合格" >= 60, "不合格" }`, rows({ r1: { shame: 1 } }));
    // 96, 95, 95 take the three places
    expect(grades(refill).slice(0, 5)).toEqual(["良好", "优秀", "优秀", "优秀", "良好"]);
  });

  it("at-least quotas raise the best below a grade, or lower the worst into the last grade", () => {
    const ev = run(`${head}grades { "优秀" >= 99 quota at least 1, "良好" >= 80, "合格" >= 60, "不合格" quota at least 2 }`, rows());
    // nobody reaches 99: the best (98) is raised; 不合格 needs 2: 50 and then 70 is lowered
    expect(grades(ev)).toEqual(["优秀", "良好", "良好", "良好", "良好", "良好", "良好", "合格", "不合格", "不合格"]);
    expect(ev.results!.region("r9")!.gradeReason).toBe("quota-at-least");
  });

  it("quotas within a typology count each type's regions", () => {
    const text = `${head}input k category
typology t { a when k == "a"  b otherwise }
grades within t { "优秀" >= 90 quota at most 1, "合格" }`;
    const ev = run(text, TOTALS.slice(0, 4).map((s, i) => ({ id: `r${i + 1}`, s, k: i % 2 === 0 ? "a" : "b" })));
    // type a: 98, 95 → one place: 98; type b: 96, 95 → 96
    expect(grades(ev)).toEqual(["优秀", "优秀", "合格", "合格"]);
  });
});

describe("ranks", () => {
  it("competition ranking overall and within type: 1, 2, 2, 4", () => {
    const ev = run(`${head}input k category\ntypology t { a when k == "a"  b otherwise }\nrank overall, within t`,
      [{ id: "r1", s: 90, k: "a" }, { id: "r2", s: 80, k: "b" }, { id: "r3", s: 80, k: "a" }, { id: "r4", s: 70, k: "a" }]);
    const r = ev.results!;
    expect(Array.from(r.ranks[0]!.rank)).toEqual([1, 2, 2, 4]);
    expect(r.ranks[1]!.within).toBe("t");
    expect(Array.from(r.ranks[1]!.rank)).toEqual([1, 1, 2, 3]);
    expect(r.region("r3")!.ranks).toEqual({ overall: 2, t: 2 });
  });

  it("treats totals equal up to float noise as a tie", () => {
    const ev = run(`${head}input a number\ninput b number\nlet c = a + b\ndimension d points 100 { indicator c points 100 { score x } }\nrank overall`,
      [{ id: "r1", a: 0.1, b: 0.2, s: 0 }, { id: "r2", a: 0.3, b: 0, s: 0 }]);
    expect(Array.from(ev.results!.ranks[0]!.rank)).toEqual([1, 1]);
  });
});

describe("checks, alerts and flags", () => {
  it("an error check stops the run and lists the offending regions", () => {
    const ev = run(`${head}input done count\ninput total_cases count\ncheck done <= total_cases error "实际网办数不能超过可网办数"`,
      [{ id: "r1", s: 1, done: 5, total_cases: 4 }, { id: "r2", s: 1, done: 3, total_cases: 4 }, { id: "r3", s: 1, done: 9, total_cases: 1 }, { id: "r4", s: 1, done: null, total_cases: 1 }]);
    expect(ev.results).toBeNull();
    const e = ev.issues.find((i) => i.code === "check-failed")!;
    expect(e.severity).toBe("error");
    // r4's check is unknown (missing data), not failed
    expect(e.regions).toEqual(["r1", "r3"]);
    expect(e.message).toBe("实际网办数不能超过可网办数: `r1`, `r3`");
  });

  it("a warning check is reported beside the results", () => {
    const ev = run(`${head}input gdp number\ncheck abs(gdp - prev(gdp)) / prev(gdp) <= 0.3 warning "增速异常"`,
      [{ id: "r1", s: 1, gdp: 140 }, { id: "r2", s: 1, gdp: 110 }], [{ id: "r1", gdp: 100 }, { id: "r2", gdp: 100 }]);
    expect(ev.results).not.toBeNull();
    expect(ev.issues.map((i) => [i.code, i.severity, i.regions])).toEqual([["check-failed", "warning", ["r1"]]]);
    expect(ev.results!.region("r1")!.issues[0]!.message).toBe("增速异常: `r1`");
  });

  it("alerts colour each region red, yellow or green; flags fire after grading", () => {
    const ev = run(`${head}alert "得分预警" on total red below 60 yellow below 80
flag "约谈" when grade == "不合格" or score(s) < 55
grades { "合格" >= 60, "不合格" }`, [{ id: "r1", s: 50 }, { id: "r2", s: 70 }, { id: "r3", s: 90 }]);
    const r = ev.results!;
    expect(r.regions.map((x) => r.region(x)!.alerts[0]!.color)).toEqual(["red", "yellow", "green"]);
    expect(r.regions.map((x) => r.region(x)!.flags)).toEqual([["约谈"], [], []]);
  });
});
