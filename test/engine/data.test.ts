/**
 * Dataset loading: every kind of `DataIssue` (with its file, row, region and field), the three
 * formats (CSV with and without BOM, JSON, XLSX written here with exceljs), the cell rules
 * (thousands separators, `%` on percent inputs, booleans, ratings), and that the same data in
 * any format gives the same columns and the same receipt.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { loadDatasetFile } from "../../engine/data/files.node.js";
import { loadDataset, formatDataIssue, type DataIssue, type Dataset } from "../../engine/data/index.js";
import { buildProgram, evaluate } from "../../engine/index.js";

const SCHEME = compile(`scheme "测试" period 2026 unit 区县
input gdp     percent label "地区生产总值增速" range -20..30
input items   count   label "事项数" range 0..100000
input done    count   optional
input terrain category values ("山区", "平原") label "地形"
input ok      boolean default false
input experts ratings optional
input awards  count default 0
let rate = ratio(done, items) * 100
missing zero
indicator gdp points 50 { goalposts floor 0 target 6.5 }
indicator rate points 50 { proportional }
bonus "奖" max 3 { 1 per awards }
veto "否决" when not ok or terrain == "山区"
indicator experts points 0 { panel }
grades { "好" >= 60, "差" }
`, "t.yard");

const HEADER = "区县,gdp,items,done,terrain,ok,experts,awards";

async function load(text: string, name = "d.csv"): Promise<{ dataset: Dataset | null; issues: readonly DataIssue[] }> {
  return loadDataset(SCHEME, { name, text });
}

function only(issues: readonly DataIssue[], code: string): DataIssue {
  const hits = issues.filter((i) => i.code === code);
  expect(hits, issues.map(formatDataIssue).join("\n")).toHaveLength(1);
  return hits[0]!;
}

describe("the scheme compiles", () => {
  it("has no errors", () => expect(SCHEME.diagnostics.filter((d) => d.severity === "error")).toEqual([]));
});

describe("CSV", () => {
  const body = `${HEADER}\n甲,5.5,"1,200",1000,山区,是,"90, 80, 85",2\n乙,6%,10,,平原,0,,\n`;

  it("reads a file with a BOM exactly like one without", async () => {
    const a = await load(body);
    const b = await load(`\uFEFF${body}`);
    expect(a.issues).toEqual([]);
    expect(b.issues).toEqual([]);
    expect(b.dataset!.regions).toEqual(["甲", "乙"]);
    expect([...b.dataset!.columns.get("items")!]).toEqual([1200, 10]);
    expect(b.dataset!.rows).toEqual([2, 3]);
    const p = buildProgram(SCHEME).program!;
    expect(evaluate(p, a.dataset!).results!.receipt).toBe(evaluate(p, b.dataset!).results!.receipt);
  });

  it("reads bytes as UTF-8 and strips the BOM", async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${body}`);
    const r = await loadDataset(SCHEME, { name: "d.csv", bytes });
    expect(r.issues).toEqual([]);
    expect(r.dataset!.regions).toEqual(["甲", "乙"]);
  });

  it("reads cells by the input's type: percent sign, booleans, ratings, blanks", async () => {
    const { dataset } = await load(body);
    const d = dataset!;
    expect([...d.columns.get("gdp")!]).toEqual([5.5, 6]);
    expect([...d.columns.get("ok")!]).toEqual([1, 0]);
    expect(d.ratings.get("experts")).toEqual([[90, 80, 85], null]);
    expect(d.categories.get("terrain")).toEqual(["山区", "平原"]);
    expect([...d.missing.get("done")!]).toEqual([0, 1]);
    expect([...d.missing.get("awards")!]).toEqual([0, 1]);
  });

  it("numbers each row by the line it starts on, across quoted line breaks and blank lines", async () => {
    const text = `${HEADER}\n\n甲,5,10,1,"山区",1,"90,\n80",0\n\n乙,x,10,1,山区,1,,0\n`;
    const { issues } = await load(text);
    const i = only(issues, "not-a-number");
    expect(i).toMatchObject({ row: 6, region: "乙", field: "gdp", file: "d.csv", severity: "error" });
  });

  it("reports a row with more cells than the header, and says why that usually happens", async () => {
    const { issues, dataset } = await load(`${HEADER}\n甲,5,1,200,1,山区,1,,0\n`);
    expect(dataset).toBeNull();
    const i = only(issues, "row-length");
    expect(i.row).toBe(2);
    expect(i.help).toContain("thousands separator");
  });

  it("reports an unterminated quote on its line, and an empty file", async () => {
    const { issues } = await load(`${HEADER}\n甲,"5,10\n乙,6,10,1,山区,1,,0\n`);
    expect(issues.find((i) => i.code === "unreadable")).toMatchObject({ row: 2, message: "quoted field unterminated" });
    expect(issues.every((i) => !i.message.includes("\n"))).toBe(true);
    for (const text of ["", "\uFEFF", "\n\n"]) expect((await load(text)).issues.map((i) => i.code)).toEqual(["empty-dataset"]);
  });

  it("reports a file that is not UTF-8", async () => {
    const r = await loadDataset(SCHEME, { name: "gbk.csv", bytes: Uint8Array.from([0xc7, 0xf8, 0xcf, 0xd8, 0x2c, 0xff, 0xfe]) });
    expect(r.dataset).toBeNull();
    expect(only(r.issues, "unreadable").message).toContain("UTF-8");
  });
});

describe("every dataset issue", () => {
  const row = (id: string, gdp = "5", total = "10", terrain = "山区", extra = "") => `${id},${gdp},${total},1,${terrain},1,${extra},0`;

  const cases: [string, string, Partial<DataIssue>][] = [
    ["missing-value", `${HEADER}\n${row("甲", "")}`, { row: 2, region: "甲", field: "gdp", severity: "error" }],
    ["not-a-number", `${HEADER}\n${row("甲", "五")}`, { row: 2, region: "甲", field: "gdp" }],
    ["out-of-range", `${HEADER}\n${row("甲", "35")}`, { row: 2, region: "甲", field: "gdp" }],
    ["not-allowed", `${HEADER}\n${row("甲", "5", "10", "山")}`, { row: 2, region: "甲", field: "terrain", help: "did you mean `山区`?" }],
    ["duplicate-region", `${HEADER}\n${row("甲")}\n${row("甲")}`, { row: 3, region: "甲", field: "区县" }],
    ["missing-region", `${HEADER}\n${row("")}`, { row: 2, region: null }],
    ["not-a-boolean", `${HEADER}\n甲,5,10,1,山区,也许,,0`, { row: 2, field: "ok" }],
    ["bad-ratings", `${HEADER}\n甲,5,10,1,山区,1,"90,高",0`, { row: 2, field: "experts" }],
    ["empty-dataset", `${HEADER}\n`, { row: 1, region: null, field: null }],
    ["no-id-column", "name,gdp,items,terrain\n甲,5,10,山区", { row: 1 }],
    ["duplicate-column", `${HEADER},gdp\n${row("甲")},5`, { row: 1, field: "gdp" }],
    ["missing-column", "区县,gdp,terrain\n甲,5,山区", { row: 1, field: "items" }],
    ["unknown-column", `${HEADER},gdpp\n${row("甲")},5`, { row: 1, field: "gdpp", severity: "warning", help: "did you mean `gdp`?" }],
  ];
  for (const [code, text, expected] of cases) {
    it(code, async () => {
      const { issues, dataset } = await load(text);
      const i = only(issues, code);
      expect(i).toMatchObject({ file: "d.csv", ...expected });
      expect(i.message).not.toMatch(/\.$|^[A-Z]/);
      expect(dataset === null).toBe(i.severity === "error");
    });
  }

  it("names a computed column as computed rather than unknown", async () => {
    const { issues } = await load(`${HEADER},rate\n${row("甲")},5`);
    expect(only(issues, "unknown-column").message).toBe("`rate` is computed by the scheme, so the column is ignored");
  });

  it("reports every problem of a file at once", async () => {
    const { issues } = await load(`${HEADER}\n${row("甲", "35")}\n${row("乙", "x", "-1")}\n${row("甲")}`);
    expect(issues.map((i) => `${i.row}:${i.code}`)).toEqual(["2:out-of-range", "3:not-a-number", "3:out-of-range", "4:duplicate-region"]);
  });

  it("formats an issue as file:row: severity: region, field: message", async () => {
    const { issues } = await load(`${HEADER}\n${row("甲", "35")}`);
    expect(formatDataIssue(issues[0]!)).toBe("d.csv:2: error: region 甲, field gdp: `35` is outside the range -20..30 of `gdp` (地区生产总值增速)");
  });
});

describe("number cells", () => {
  const number = async (cell: string, column = "items") => {
    const text = `区县,gdp,items,terrain\n甲,${column === "gdp" ? cell : "5"},${column === "items" ? cell : "10"},山区`;
    return load(text);
  };

  it("accepts thousands separators in groups of three, full-width digits and a Unicode minus", async () => {
    for (const [cell, v] of [['"12,345"', 12345], ['"1,234.5"', 1234.5], ["１２３", 123], ["+7", 7], ["1e3", 1000]] as const) {
      const r = await number(cell);
      expect(r.issues, cell).toEqual([]);
      expect(r.dataset!.columns.get("items")![0], cell).toBe(v);
    }
    const neg = await number("−3.5", "gdp");
    expect(neg.dataset!.columns.get("gdp")![0]).toBe(-3.5);
  });

  it("rejects malformed grouping, a percent sign on a count, and dashes", async () => {
    for (const cell of ['"1,23"', '"12,3456"', "5%", "—", "1.2.3"]) {
      const r = await number(cell);
      expect(only(r.issues, "not-a-number").field, cell).toBe("items");
    }
    expect((await number("5%")).issues[0]!.message).toContain("percent sign");
    expect((await number("—")).issues[0]!.help).toContain("empty");
  });
});

describe("JSON", () => {
  it("reads an array of rows and {rows: [...]}, with `id` accepted for the unit column", async () => {
    const rows = [{ id: "甲", gdp: 5, items: 10, terrain: "山区", ok: true, experts: [90, 80] }, { id: 7, gdp: "6.5", items: 20, terrain: "平原", done: null }];
    for (const text of [JSON.stringify(rows), JSON.stringify({ rows })]) {
      const r = await load(text, "d.json");
      expect(r.issues).toEqual([]);
      expect(r.dataset!.regions).toEqual(["甲", "7"]);
      expect(r.dataset!.rows).toEqual([1, 2]);
      expect(r.dataset!.ratings.get("experts")).toEqual([[90, 80], null]);
    }
  });

  it("reports bad JSON with its line, and a shape that is not rows", async () => {
    const bad = await load('[\n{"id": "甲",\n "gdp": }\n]', "d.json");
    expect(only(bad.issues, "unreadable").message).toMatch(/^the file is not valid JSON/);
    expect(only(bad.issues, "unreadable").message).not.toContain("\n");
    const shape = await load('{"data": 1}', "d.json");
    expect(only(shape.issues, "bad-shape").row).toBeNull();
    const element = await load('[{"id": "甲", "gdp": 5, "items": 1, "terrain": "山区"}, 3]', "d.json");
    expect(only(element.issues, "bad-shape").row).toBe(2);
  });

  it("reports a JSON value of the wrong kind with its element number", async () => {
    const r = await load(JSON.stringify([{ id: "甲", gdp: 5, items: 1, terrain: "山区" }, { id: "乙", gdp: [1], items: 1, terrain: { a: 1 } }]), "d.json");
    expect(r.issues.map((i) => `${i.row}:${i.field}:${i.code}`)).toEqual(["2:gdp:not-a-number", "2:terrain:not-allowed"]);
  });
});

async function workbook(rows: unknown[][], percentColumn?: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("数据");
  for (const r of rows) sheet.addRow(r);
  if (percentColumn) sheet.getColumn(percentColumn).numFmt = "0.0%";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("XLSX", () => {
  const header = HEADER.split(",");

  it("reads the first sheet with the sheet's row numbers, formulas and percentage cells", async () => {
    const bytes = await workbook([[], header, ["甲", 0.055, 1200, { formula: "A1", result: 1000 }, "山区", true, "90,80", 2], ["乙", 0.065, 10, null, "平原", "否", null, null]], 2);
    const r = await loadDataset(SCHEME, { name: "d.xlsx", bytes });
    expect(r.issues).toEqual([]);
    const d = r.dataset!;
    expect(d.rows).toEqual([3, 4]);
    expect([...d.columns.get("gdp")!]).toEqual([5.5, 6.5]);
    expect([...d.columns.get("done")!].slice(0, 1)).toEqual([1000]);
    expect([...d.columns.get("ok")!]).toEqual([1, 0]);
  });

  it("gives the same receipt as the same data in CSV and JSON", async () => {
    const rows = [["甲", 5.5, 1200, 1000, "山区", true, "90,80", 2], ["乙", 6.5, 10, null, "平原", false, null, 0]];
    const xlsx = await loadDataset(SCHEME, { name: "d.xlsx", bytes: await workbook([header, ...rows]) });
    const csv = await load(`${HEADER}\n甲,5.5,1200,1000,山区,true,"90,80",2\n乙,6.5,10,,平原,false,,0\n`);
    const json = await load(JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])))), "d.json");
    const p = buildProgram(SCHEME).program!;
    const receipts = [xlsx, csv, json].map((x) => evaluate(p, x.dataset!).results!.receipt);
    expect(new Set(receipts).size).toBe(1);
  });

  it("reports an out-of-range value on the sheet's row, and a file that is not a workbook", async () => {
    const r = await loadDataset(SCHEME, { name: "d.xlsx", bytes: await workbook([header, ["甲", 50, 1, 1, "山区"]]) });
    expect(only(r.issues, "out-of-range")).toMatchObject({ row: 2, region: "甲", field: "gdp" });
    const bad = await loadDataset(SCHEME, { name: "d.xlsx", bytes: new TextEncoder().encode("not a zip") });
    expect(only(bad.issues, "unreadable").message).toContain("not an XLSX workbook");
  });
});

describe("never throws on bad input", () => {
  it("any text, as CSV or JSON, gives a result", async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), fc.constantFrom("a.csv", "a.json", "a.xlsx", "a.dat"), async (text, name) => {
      const r = await loadDataset(SCHEME, { name, text });
      expect(r.dataset === null).toBe(r.issues.some((i) => i.severity === "error"));
    }), { numRuns: 200 });
  });

  it("any row of cells gives a result whose dataset holds only valid values", async () => {
    const cell = fc.oneof(fc.constant(""), fc.string({ maxLength: 6 }), fc.double({ noNaN: true }).map(String), fc.constantFrom("是", "否", "山区", "平原", "1,234", "95%", "[1,2]"));
    await fc.assert(fc.asyncProperty(fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { maxLength: 6 }), async (rows) => {
      const text = [HEADER, ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(","))].join("\n");
      const r = await load(text);
      if (r.dataset) {
        const gdp = r.dataset.columns.get("gdp")!;
        for (const v of gdp) expect(v >= -20 && v <= 30).toBe(true);
        for (const t of r.dataset.categories.get("terrain")!) expect(["山区", "平原"]).toContain(t);
      }
    }), { numRuns: 200 });
  });
});

describe("sample datasets", () => {
  const root = join(import.meta.dirname, "..", "..", "schemes");
  const files = existsSync(join(root, "data")) ? readdirSync(join(root, "data")) : [];
  const names = [...new Set(files.map((f) => f.split(".")[0]!))].filter((n) => existsSync(join(root, `${n}.yard`)));
  for (const name of names) {
    const formats = files.filter((f) => f.startsWith(`${name}.`) && !f.includes(".prev."));
    it(`${name}: loads without errors, and gives one receipt in every format (${formats.join(", ")})`, async () => {
      const checked = compile(readFileSync(join(root, `${name}.yard`), "utf8"), `${name}.yard`);
      const program = buildProgram(checked).program!;
      const receipts = new Set<string>();
      for (const f of formats) {
        const { dataset, issues } = await loadDatasetFile(checked, join(root, "data", f));
        expect(issues.filter((i) => i.severity === "error").map(formatDataIssue)).toEqual([]);
        receipts.add(evaluate(program, dataset!).results!.receipt);
      }
      expect(receipts.size).toBe(1);
    });
  }
});
