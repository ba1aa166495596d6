/**
 * The `yardstick` data commands as real processes (`node --import tsx cli/main.ts …`): exit
 * codes, what goes to stdout and stderr, no stack traces, and golden outputs for `schema`,
 * `eval --format json` and `explain` on test/golden/cli/small.yard (UPDATE_GOLDEN=1 rewrites
 * them). Sample schemes in schemes/ with a dataset in schemes/data/ get golden tests too.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import jsonLogic from "json-logic-js";
import Papa from "papaparse";
import stringWidth from "string-width";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, spawnCli, type Run } from "./spawn.js";

const GOLDEN = join(ROOT, "test", "golden", "cli");
const SCHEME = "test/golden/cli/small.yard";
const DATA = "test/golden/cli/small.csv";
const update = process.env["UPDATE_GOLDEN"] === "1";
/** Each test spawns processes; on a loaded machine that is slow, and tests never fail on time. */
const SLOW = 600_000;
const tmp = mkdtempSync(join(tmpdir(), "yardstick-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const runs = new Map<string, Promise<Run>>();

/** Runs the CLI as a child process (once per argument list: the commands are deterministic). */
function yardstick(...args: string[]): Promise<Run> {
  const key = JSON.stringify(args);
  if (!args.includes("--out") && runs.has(key)) return runs.get(key)!;
  const run = spawnCli(args);
  runs.set(key, run);
  return run;
}

function golden(path: string, actual: string): void {
  if (update || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

function noStack(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
}

describe("yardstick eval", () => {
  it("prints results as JSON with the receipt (golden)", async () => {
    const r = await yardstick("eval", SCHEME, DATA, "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { receipt: string; regions: { region: string; total: number }[] };
    expect(json.receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(json.regions.map((x) => x.region)).toEqual(["江城街道", "河口街道", "山阳街道", "湖滨街道", "青石街道"]);
    golden(join(GOLDEN, "small.eval.json"), r.stdout);
  }, SLOW);

  it("prints a table aligned for Chinese labels", async () => {
    const r = await yardstick("eval", SCHEME, DATA);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^街道\s+区域类型\s+total/);
    expect(lines[0]).toContain("经济发展");
    expect(new Set(lines.map((l) => stringWidth(l))).size).toBe(1);
    expect(lines.find((l) => l.startsWith("湖滨街道"))).toMatch(/中心城区\s+99\s/);
  }, SLOW);

  it("writes CSV with a BOM and full-precision numbers, to stdout or --out", async () => {
    const out = join(tmp, "r.csv");
    const [r, w] = await Promise.all([
      yardstick("eval", SCHEME, DATA, "--format", "csv", "--depth", "all"),
      yardstick("eval", SCHEME, DATA, "--format", "csv", "--depth", "all", "--out", out),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(r.stdout.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(expect.arrayContaining(["街道", "total", "GDP增速", "群众满意度"]));
    expect(rows.find((x) => x[0] === "河口街道")![rows[0]!.indexOf("total")]).toBe("87.5");
    expect(w.code).toBe(0);
    expect(w.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(r.stdout);
  }, SLOW);

  it("writes an XLSX workbook with --out, and refuses XLSX on stdout", async () => {
    const out = join(tmp, "r.xlsx");
    const [r, refused] = await Promise.all([yardstick("eval", SCHEME, DATA, "--format", "xlsx", "--out", out), yardstick("eval", SCHEME, DATA, "--format", "xlsx")]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("街道");
    expect(sheet.getRow(5).getCell(1).value).toBe("湖滨街道");
    expect(sheet.getRow(1).getCell(3).value).toBe("total");
    expect(sheet.getRow(5).getCell(3).value).toBe(99);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--out");
  }, SLOW);

  it("accepts a previous-period dataset", async () => {
    const r = await yardstick("eval", SCHEME, DATA, "--prev", DATA, "--format", "json");
    expect(r.code).toBe(0);
    const now = JSON.parse((await yardstick("eval", SCHEME, DATA, "--format", "json")).stdout) as { receipt: string };
    expect((JSON.parse(r.stdout) as { receipt: string }).receipt).not.toBe(now.receipt);
  }, SLOW);

  it("reports every dataset problem as file:row: error: region, field: message, and exits 1", async () => {
    const r = await yardstick("eval", SCHEME, "test/golden/cli/small-bad.csv");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    noStack(r);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "test/golden/cli/small-bad.csv:1: warning: field gdp_grwth: the scheme has no input `gdp_grwth`; the column is ignored (did you mean `gdp_growth`?)",
      "test/golden/cli/small-bad.csv:3: error: region 河口街道, field gdp_growth: `五点二` is not a number",
      "test/golden/cli/small-bad.csv:3: error: region 河口街道, field urban_rate: `162` is outside the range 0..100 of `urban_rate` (城镇化率)",
      "test/golden/cli/small-bad.csv:4: error: region 山阳街道, field terrain: `山地` is not one of the values of `terrain` (地形): 山区, 平原 (did you mean `山区`?)",
      "test/golden/cli/small-bad.csv:5: error: region 江城街道, field 街道: the region `江城街道` is also on row 2",
    ]);
  }, SLOW);

  it("reports a failing error check with the scheme's location, and exits 1", async () => {
    const r = await yardstick("eval", SCHEME, "test/golden/cli/small-check.csv");
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.stderr).toMatch(/^test\/golden\/cli\/small\.yard:22:1: error: 实际网办数不能超过可网办数: `江城街道`/m);
  }, SLOW);

  it("reports scheme errors with line, column and caret, and exits 1", async () => {
    const bad = join(tmp, "bad.yard");
    const text = readFileSync(join(ROOT, SCHEME), "utf8").replace("goalposts floor 0 target 6.5", "goalposts floor 0 target gdp_grwth");
    writeFileSync(bad, text);
    const line = text.split("\n").findIndex((l) => l.includes("gdp_grwth")) + 1;
    const col = text.split("\n")[line - 1]!.indexOf("gdp_grwth") + 1;
    const r = await yardstick("eval", bad, DATA);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    noStack(r);
    expect(r.stderr.startsWith(`${bad}:${line}:${col}: error: `)).toBe(true);
    expect(r.stderr.split("\n")[0]).toContain("gdp_grwth");
    expect(r.stderr).toContain("^^^^^^^^^");
  }, SLOW);

  it("reports files that cannot be read, and bad arguments", async () => {
    const [scheme, data, ...usage] = await Promise.all([
      yardstick("eval", "nope.yard", DATA), yardstick("eval", SCHEME, "nope.csv"),
      yardstick("eval", SCHEME), yardstick("eval", SCHEME, DATA, "--format", "pdf"),
    ]);
    expect(scheme!.code).toBe(1);
    expect(scheme!.stderr).toContain("cannot read `nope.yard`: no such file");
    expect(data!.code).toBe(1);
    expect(data!.stderr).toBe("nope.csv: error: cannot read the file: no such file\n");
    for (const r of usage) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^usage: yardstick eval/);
    }
  }, SLOW);
});

describe("yardstick explain", () => {
  it("explains one region (golden)", async () => {
    const [r, json] = await Promise.all([yardstick("explain", SCHEME, DATA, "湖滨街道"), yardstick("explain", SCHEME, DATA, "湖滨街道", "--format", "json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("湖滨街道: total 99");
    golden(join(GOLDEN, "small.explain.txt"), r.stdout);
    expect((JSON.parse(json.stdout) as { summary: { total: number } }).summary.total).toBe(99);
  }, SLOW);

  it("names an unknown region, with a suggestion", async () => {
    const r = await yardstick("explain", SCHEME, DATA, "湖滨街");
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.stderr).toBe(`${DATA}: error: no region \`湖滨街\` (did you mean \`湖滨街道\`?)\n`);
  }, SLOW);
});

describe("yardstick schema and export-jsonlogic", () => {
  it("prints the dataset JSON Schema (golden)", async () => {
    const r = await yardstick("schema", SCHEME);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ required: expect.arrayContaining(["gdp_growth", "terrain"]) });
    golden(join(GOLDEN, "small.schema.json"), r.stdout);
  }, SLOW);

  it("prints JSON Logic that json-logic-js evaluates on a dataset row", async () => {
    const r = await yardstick("export-jsonlogic", SCHEME);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { typologies: Record<string, Record<string, object>>; rules: Record<string, object>; unsupported: unknown[] };
    expect(out.unsupported).toEqual([]);
    const row = { 街道: "山阳街道", urban_rate: 40, terrain: "山区", accidents: 1 };
    expect(jsonLogic.apply(out.typologies["area"]!["hills"]!, row)).toBe(true);
    expect(jsonLogic.apply(out.typologies["area"]!["core"]!, row)).toBe(false);
    expect(jsonLogic.apply(out.rules["veto/安全生产一票否决"]!, row)).toBe(true);
  }, SLOW);

  it("exits 1 on a scheme with errors, 2 without a scheme", async () => {
    const bad = join(tmp, "broken.yard");
    writeFileSync(bad, "scheme \"x\"\ninput a numbr\n");
    const cmds = ["schema", "export-jsonlogic"];
    const [broken, usage] = await Promise.all([Promise.all(cmds.map((c) => yardstick(c, bad))), Promise.all(cmds.map((c) => yardstick(c)))]);
    for (const r of broken) {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`${bad}:2:`);
      noStack(r);
    }
    for (const r of usage) expect(r.code).toBe(2);
  }, SLOW);
});

/** Sample schemes with a dataset: schemes/NAME.yard, schemes/data/NAME.{csv,json,xlsx} (and NAME.prev.csv, last period's). */
function samples(): { name: string; scheme: string; data: string; prev: string[] }[] {
  const dir = join(ROOT, "schemes");
  if (!existsSync(join(dir, "data"))) return [];
  const files = readdirSync(join(dir, "data"));
  return readdirSync(dir).filter((f) => f.endsWith(".yard")).flatMap((f) => {
    const name = f.slice(0, -5);
    const data = ["csv", "json", "xlsx"].map((ext) => `${name}.${ext}`).find((d) => files.includes(d));
    const prev = files.includes(`${name}.prev.csv`) ? ["--prev", `schemes/data/${name}.prev.csv`] : [];
    return data ? [{ name, scheme: `schemes/${f}`, data: `schemes/data/${data}`, prev }] : [];
  }, SLOW);
}

describe("sample schemes", () => {
  for (const s of samples()) {
    it(`${s.name}: eval --format json and explain of the first region (golden)`, async () => {
      const r = await yardstick("eval", s.scheme, s.data, ...s.prev, "--format", "json");
      expect(r.stderr.split("\n").filter((l) => l.includes(": error:"))).toEqual([]);
      expect(r.code).toBe(0);
      golden(join(GOLDEN, `${s.name}.eval.json`), r.stdout);
      const first = (JSON.parse(r.stdout) as { regions: { region: string }[] }).regions[0]!.region;
      const e = await yardstick("explain", s.scheme, s.data, first, ...s.prev);
      expect(e.code).toBe(0);
      golden(join(GOLDEN, `${s.name}.explain.txt`), e.stdout);
    }, SLOW);
  }
});
