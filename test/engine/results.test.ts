/** The results object: columns, per-region objects, JSON and the receipt. */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine/evaluate.js";
import { resultTable } from "../../engine/table.js";
import { dataset, programFor, run } from "./support/run.js";

const SCHEME = `scheme "r" period 2026 unit id
input a number
input k category
input gone number default 7
let doubled = a * 2
indicator a points 100 { minmax }
`;
const ROWS = [{ id: "x", a: 1, k: "甲" }, { id: "y", a: 3, k: null }];

describe("results", () => {
  it("keeps every value column, with missing values masked and category text", () => {
    const r = run(SCHEME, ROWS).results!;
    expect(Array.from(r.values.get("doubled")!.column)).toEqual([2, 6]);
    expect(r.values.get("k")!.text).toEqual(["甲", null]);
    expect(Array.from(r.values.get("k")!.missing)).toEqual([0, 1]);
    // an input the dataset lacks takes its default
    expect(Array.from(r.values.get("gone")!.column)).toEqual([7, 7]);
  });

  it("serialises to JSON with one object per region and no NaN", () => {
    const json = JSON.parse(JSON.stringify(run(SCHEME, ROWS).results!.toJSON()));
    expect(json.regions.map((x: { region: string; total: number }) => [x.region, x.total])).toEqual([["x", 0], ["y", 100]]);
    expect(json.receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(json.schemeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives the same receipt for the same scheme, data and options, and another when any changes", () => {
    const program = programFor(SCHEME);
    const receipt = (rows: typeof ROWS, prev?: typeof ROWS) => evaluate(program, dataset(rows), prev ? { prev: dataset(prev) } : {}).results!.receipt;
    const base = receipt(ROWS);
    expect(receipt(ROWS.map((r) => ({ ...r })))).toBe(base);
    // the same data with fields listed in another order
    expect(receipt([{ k: "甲", a: 1, id: "x" } as (typeof ROWS)[number], { k: null, id: "y", a: 3 } as (typeof ROWS)[number]])).toBe(base);
    expect(receipt([{ id: "x", a: 1.0000001, k: "甲" }, ROWS[1]!])).not.toBe(base);
    expect(receipt(ROWS, ROWS)).not.toBe(base);
    expect(evaluate(programFor(SCHEME + "\n// a comment\n"), dataset(ROWS)).results!.receipt).not.toBe(base);
  });

  it("reads a boolean input given as text (是/否, true/false)", () => {
    const r = run(`scheme "b"\ninput ok boolean\nindicator s points 10 { value 1  score if ok then 10 else 0  missing zero }`,
      [{ id: "a", ok: "是" }, { id: "b", ok: "否" }, { id: "c", ok: "true" }, { id: "d", ok: "也许" }]).results!;
    expect(Array.from(r.tree.get("s")!.score)).toEqual([10, 0, 10, 0]);
    expect(Array.from(r.values.get("ok")!.missing)).toEqual([0, 0, 0, 1]);
  });

  it("lays the results out as a table with the scheme's labels", () => {
    const r = run(`scheme "t" unit 区县\ninput a number\ninput k category\ntypology t "类型" { hi "高" when k == "h"  lo "低" otherwise }
dimension d "维度" points 100 { indicator a "指标" points 100 { minmax } }\ngrades { "好" >= 50, "差" }\nrank overall, within t`,
    [{ id: "甲", a: 1, k: "h" }, { id: "乙", a: 3, k: "l" }]).results!;
    const t = resultTable(r);
    expect(t.columns.map((c) => c.label)).toEqual(["区县", "类型", "total", "grade", "rank", "rank within t", "维度"]);
    expect(t.rows).toEqual([["甲", "高", 0, "差", 2, 1, 0], ["乙", "低", 100, "好", 1, 1, 100]]);
    expect(resultTable(r, "all").columns.map((c) => c.key).slice(-2)).toEqual(["score.d", "score.d.a"]);
  });

  it("looks regions up by id or index", () => {
    const r = run(SCHEME, ROWS).results!;
    expect(r.region("y")!.total).toBe(100);
    expect(r.region(0)!.region).toBe("x");
    expect(r.region("z")).toBeNull();
    expect(r.indexOf("y")).toBe(1);
  });
});
