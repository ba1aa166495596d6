/**
 * The sample schemes in `schemes/`: each parses and compiles without diagnostics, and evaluates
 * on its dataset in `schemes/data/` (and last period's, where it uses `prev()`) with no error, no
 * NaN, every region graded and ranked. The dataset generator is deterministic and the committed
 * datasets are what it writes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile, parse, type CheckedScheme } from "../../dsl/index.js";
import { loadDataset, type Dataset } from "../../engine/data/index.js";
import { buildProgram, evaluate, type Evaluation } from "../../engine/index.js";
import { generateAll } from "../../scripts/gen-datasets.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SCHEMES = join(ROOT, "schemes");
const DATA = join(SCHEMES, "data");
const NAMES = readdirSync(SCHEMES).filter((f) => f.endsWith(".yard")).map((f) => f.slice(0, -5)).sort();

function show(ds: readonly { span: { line: number; col: number }; code: string; message: string }[]): string {
  return ds.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`).join("\n");
}

function checked(name: string): CheckedScheme {
  const path = join(SCHEMES, `${name}.yard`);
  return compile(readFileSync(path, "utf8"), path);
}

async function load(scheme: CheckedScheme, file: string): Promise<Dataset> {
  const { dataset, issues } = await loadDataset(scheme, { name: file, bytes: readFileSync(join(DATA, file)) });
  expect(issues.map((i) => `${i.row}:${i.field} ${i.code}: ${i.message}`)).toEqual([]);
  return dataset!;
}

/** Evaluates a sample scheme on one of its dataset files (with last period's data when there is one). */
async function run(name: string, file = `${name}.csv`): Promise<Evaluation> {
  const scheme = checked(name);
  const { program, diagnostics } = buildProgram(scheme);
  expect(show(diagnostics)).toBe("");
  const prevFile = `${name}.prev.csv`;
  const prev = existsSync(join(DATA, prevFile)) ? await load(scheme, prevFile) : null;
  return evaluate(program!, await load(scheme, file), { prev });
}

function gradeOf(ev: Evaluation, region: string): string {
  const r = ev.results!, g = r.grades!;
  return g.labels[g.level[r.indexOf(region)]!]!;
}

it("there are the five sample schemes", () => {
  expect(NAMES).toEqual(["city-governance", "county-annual", "digital-city", "digital-gov", "jinhua"]);
});

describe.each(NAMES)("%s", (name) => {
  it("parses without diagnostics", () => {
    const { diagnostics } = parse(readFileSync(join(SCHEMES, `${name}.yard`), "utf8"), name);
    expect(show(diagnostics)).toBe("");
  });

  it("compiles without errors or warnings", () => {
    expect(show(checked(name).diagnostics)).toBe("");
  });

  it("evaluates on its dataset: no errors, no NaN, every region graded and ranked", async () => {
    const ev = await run(name);
    expect(ev.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([]);
    expect(ev.issues.every((i) => i.code === "check-failed")).toBe(true);
    const r = ev.results!;
    expect(r.regions.length).toBeGreaterThanOrEqual(30);
    for (const [path, cols] of r.tree) expect(Array.from(cols.score).every(Number.isFinite), path).toBe(true);
    expect(Array.from(r.total).every(Number.isFinite)).toBe(true);
    const g = r.grades!;
    expect(Array.from(g.level).every((l) => l >= 0 && l < g.labels.length)).toBe(true);
    for (const { rank } of r.ranks) expect(Array.from(rank).every((k) => k >= 1 && k <= r.regions.length)).toBe(true);
    const spread = Math.max(...r.total) - Math.min(...r.total);
    expect(spread).toBeGreaterThan(10);                     // the dataset separates the regions
  });
});

describe("county-annual", () => {
  it("reads the same from CSV (with BOM), JSON and XLSX", async () => {
    expect(readFileSync(join(DATA, "county-annual.csv")).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = await run("county-annual");
    for (const file of ["county-annual.json", "county-annual.xlsx"]) {
      const other = await run("county-annual", file);
      expect(Array.from(other.results!.total)).toEqual(Array.from(csv.results!.total));
    }
  });

  it("fires its vetoes, caps and quotas", async () => {
    const ev = await run("county-annual");
    const r = ev.results!;
    expect(gradeOf(ev, "苍南县")).toBe("不合格");             // 较大及以上生产安全事故
    expect(gradeOf(ev, "嘉善县")).toBe("不合格");             // 重大群体性事件
    expect(gradeOf(ev, "龙游县")).not.toBe("优秀");           // 虚报数据不得评优
    expect(r.vetoes.find((v) => v.scope === "top")!.fired[r.indexOf("龙游县")]).toBe(1);
    const [bonus, deduction] = r.blocks;
    expect(Math.max(...bonus!.total)).toBeLessThanOrEqual(5);
    expect(Math.max(...deduction!.total)).toBeGreaterThan(0);
    expect(Math.max(...deduction!.total)).toBeLessThanOrEqual(6);
    const type = r.typologies[0]!;
    for (let k = 0; k < type.types.length; k++) {
      const members = r.regions.map((_, i) => i).filter((i) => type.type[i] === k);
      expect(members.length).toBeGreaterThan(0);
      const top = members.filter((i) => r.grades!.level[i] === 0).length;
      expect(top).toBeLessThanOrEqual(Math.floor(members.length * 0.2));   // 优秀比例不超过20%（分类控制）
    }
    expect(ev.issues.map((i) => i.regions)).toContainEqual(["永康市"]);   // GDP增速较上年跳变
  });
});

describe("the dataset generator", () => {
  const dirs: string[] = [];
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it("writes byte-identical files on every run, equal to the committed ones", async () => {
    const runs = [];
    for (let k = 0; k < 2; k++) {
      const dir = mkdtempSync(join(tmpdir(), "yard-datasets-"));
      dirs.push(dir);
      runs.push({ dir, files: await generateAll(dir) });
    }
    expect(runs[1]!.files).toEqual(runs[0]!.files);
    expect(runs[0]!.files).toContain("county-annual.xlsx");
    for (const f of runs[0]!.files) {
      const bytes = readFileSync(join(runs[0]!.dir, f));
      expect(readFileSync(join(runs[1]!.dir, f)).equals(bytes), f).toBe(true);
      expect(readFileSync(join(DATA, f)).equals(bytes), `schemes/data/${f} is stale: run scripts/gen-datasets.ts`).toBe(true);
    }
  });
});
