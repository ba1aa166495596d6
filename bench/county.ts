/**
 * The county benchmark (issue 3, Speed): the same generated workload evaluated three ways in one
 * process — Yardstick (compile → buildProgram → evaluate), json-logic-js region by region, and a
 * hand-written Float64Array kernel — with the outputs checked equal (totals within 1e-9, grades,
 * ranks overall and within type), at 1×, 10× and 100× the 2,844 regions; ingestion from CSV with
 * the project's loader; and peak memory at 100× measured in child processes (maxRSS).
 * Run alone: `node --import tsx bench/county.ts`.
 */
import { execFile } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { compile } from "../dsl/index.js";
import type { CheckedScheme } from "../dsl/check/types.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../engine/data/index.js";
import { loadDatasetFile } from "../engine/data/files.node.js";
import { buildProgram, evaluate, type Evaluation, type Program } from "../engine/index.js";
import { CountyJsonLogic, countyRows } from "./county-jsonlogic.js";
import { countyKernel } from "./county-kernel.js";
import { COUNTY_REGIONS, countyCsv, countyData, countyScheme, countySpec, outcomeDifference, countyFields, writeCountyCsv, type CountyData, type CountyOutcome, type CountySpec } from "./county-workload.js";
import { show, time, type Timing } from "./measure.js";

/** What to run; everything by default. */
export interface CountyBenchOptions {
  /** Multiples of 2,844 regions (default 1, 10, 100). */
  readonly scales?: readonly number[];
  /** Measure peak memory at the largest scale in child processes (default true). */
  readonly memory?: boolean;
  /** Time ingestion from CSV (default true). */
  readonly csv?: boolean;
  /** Largest estimated time for one json-logic-js run beyond 1× (default 30 s). */
  readonly jsonLogicBudgetMs?: number;
}

/** The compiled workload. */
interface Prepared {
  readonly spec: CountySpec;
  readonly checked: CheckedScheme;
  readonly program: Program;
  readonly compileMs: number;
}

/** Compiles the workload's scheme; throws when it does not compile cleanly (a bench bug). */
export function prepareCounty(): Prepared {
  const spec = countySpec();
  const t0 = performance.now();
  const checked = compile(countyScheme(spec), "county.yard");
  const problems = checked.diagnostics.filter((d) => d.severity === "error" || d.severity === "warning");
  if (problems.length) throw new Error(`county scheme: ${problems[0]!.code}: ${problems[0]!.message}`);
  const { program, diagnostics } = buildProgram(checked);
  if (!program) throw new Error(`county scheme: ${diagnostics[0]?.message ?? "no program"}`);
  return { spec, checked, program, compileMs: performance.now() - t0 };
}

/** Yardstick's totals, grades and ranks from an evaluation. */
export function yardstickOutcome(ev: Evaluation): CountyOutcome {
  const r = ev.results;
  if (!r) throw new Error(`county: evaluation failed: ${ev.issues.map((i) => i.message).join("; ")}`);
  const rank = r.ranks.find((x) => x.within === null);
  const rankWithin = r.ranks.find((x) => x.within === "area");
  if (!r.grades || !rank || !rankWithin) throw new Error("county: results lack grades or ranks");
  return { total: r.total, grade: r.grades.level, rank: rank.rank, rankWithin: rankWithin.rank };
}

/** One full Yardstick evaluation (program built once): evaluate and read the outcome. */
export function runYardstick(p: Prepared, d: CountyData): CountyOutcome {
  return yardstickOutcome(evaluate(p.program, d.data, { prev: d.prev }));
}

/** Loads both CSV texts with the project's loader (engine/data) and evaluates. */
export async function runFromCsv(p: Prepared, csv: string, prevCsv: string): Promise<CountyOutcome> {
  const [now, prev] = await Promise.all([
    loadDataset(p.checked, { name: "county.csv", text: csv }),
    loadDataset(p.checked, { name: "county-prev.csv", text: prevCsv }),
  ]);
  if (!now.dataset || !prev.dataset) throw new Error(`county: CSV not loaded: ${[...now.issues, ...prev.issues][0]?.message}`);
  return yardstickOutcome(evaluate(p.program, now.dataset, { prev: prev.dataset }));
}

/** Loads both CSV files from disk (streamed, never held whole) and evaluates. */
export async function runFromCsvFiles(p: Prepared, path: string, prevPath: string): Promise<CountyOutcome> {
  const [now, prev] = [await loadDatasetFile(p.checked, path), await loadDatasetFile(p.checked, prevPath)];
  if (!now.dataset || !prev.dataset) throw new Error(`county: CSV not loaded: ${[...now.issues, ...prev.issues][0]?.message}`);
  return yardstickOutcome(evaluate(p.program, now.dataset, { prev: prev.dataset }));
}

function agree(what: string, a: CountyOutcome, b: CountyOutcome, regions: readonly string[]): void {
  const diff = outcomeDifference(a, b, regions);
  if (diff) throw new Error(`county: ${what} disagree: ${diff}`);
}

/** Wall and CPU time (user + system, this process) of the same runs. */
interface Timed {
  readonly wall: Timing;
  readonly cpu: Timing;
}

function summary(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]!, runs: s.length };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

/** A full garbage collection, so one path's garbage is not collected on the next path's time. */
const collect: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

/**
 * Times a function with `time` and records each run's CPU time too: on a shared machine the
 * wall clock also counts the time other processes held the cores, the CPU time does not (it
 * does count this process's garbage-collector threads).
 */
function timed(f: () => unknown, runs: number, warmup: number): Timed {
  collect();
  const cpu: number[] = [];
  const wall = time(() => { const c0 = process.cpuUsage(); f(); cpu.push(cpuMs(c0)); }, runs, warmup);
  return { wall, cpu: summary(cpu.slice(warmup)) };
}

async function timedAsync(f: () => Promise<unknown>, runs: number, warmup: number): Promise<Timed> {
  collect();
  for (let i = 0; i < warmup; i++) await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    await f();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  return { wall: summary(wall), cpu: summary(cpu) };
}

/** Timings at one scale (json-logic and CSV only where run). */
interface ScaleResult {
  readonly scale: number;
  readonly regions: number;
  readonly yardstick: Timed;
  readonly kernel: Timed;
  readonly jsonLogic: Timed | null;
  readonly csv: Timed | null;
}

/** Timed runs and warm-up runs per scale: enough warm-up that both paths are measured once the JIT has optimised them (a service evaluates many times). */
const RUNS: Readonly<Record<number, [number, number]>> = { 1: [60, 20], 10: [15, 5] };

async function benchScale(p: Prepared, scale: number, jl: CountyJsonLogic, opts: Required<CountyBenchOptions>, jsonLogicAt1: Timed | null): Promise<ScaleResult> {
  const n = COUNTY_REGIONS * scale;
  const d = countyData(p.spec, n);
  const regions = d.data.regions;
  const ys = runYardstick(p, d);
  agree("Yardstick and the kernel", ys, countyKernel(p.spec, d.data, d.prev), regions);
  const [runs, warmup] = RUNS[scale] ?? [3, 1];
  const yardstick = timed(() => runYardstick(p, d), runs, warmup);
  const kernel = timed(() => countyKernel(p.spec, d.data, d.prev), runs, warmup);
  let jsonLogic: Timed | null = null;
  const estimate = jsonLogicAt1 ? jsonLogicAt1.wall.median * scale : 0;
  if (scale === 1 || (jsonLogicAt1 && estimate <= opts.jsonLogicBudgetMs)) {
    const rows = countyRows(d.data, d.prev);
    agree("Yardstick and json-logic-js", ys, jl.run(rows), regions);
    jsonLogic = scale === 1 ? timed(() => jl.run(rows), 3, 1) : timed(() => jl.run(rows), 1, 0);
  }
  let csv: Timed | null = null;
  if (opts.csv && scale <= 10) {
    const [text, prevText] = [countyCsv(d.data), countyCsv(d.prev)];
    agree("Yardstick from CSV and in memory", await runFromCsv(p, text, prevText), ys, regions);
    if (scale === 1) agree("Yardstick from CSV files and in memory", await fromFiles(p, d), ys, regions);
    csv = await timedAsync(() => runFromCsv(p, text, prevText), scale === 1 ? 5 : 2, scale === 1 ? 1 : 0);
  }
  return { scale, regions: n, yardstick, kernel, jsonLogic, csv };
}

/** Writes a period's CSV files to a temporary folder and evaluates from them (`runFromCsvFiles`). */
async function fromFiles(p: Prepared, d: CountyData): Promise<CountyOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-county-"));
  try {
    const [path, prevPath] = csvPaths(dir);
    writeCountyCsv(d.data, path);
    writeCountyCsv(d.prev, prevPath);
    return await runFromCsvFiles(p, path, prevPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Peak memory of one evaluation at a scale, measured in a fresh child process. */
interface MemoryResult {
  readonly mode: string;
  readonly maxRssMb: number;
  readonly baseRssMb: number;
  readonly dataRssMb: number;
  readonly datasetMb: number;
  readonly ms: number;
}

const MB = 2 ** 20;
const execFileAsync = promisify(execFile);

async function memoryChild(mode: string, scale: number, dir: string): Promise<MemoryResult> {
  const args = ["--max-old-space-size=16384", "--import", "tsx", fileURLToPath(import.meta.url), "--memory", mode, String(scale), dir];
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as MemoryResult;
}

/** Where the CSV files of the memory children are (written by a child, so this process stays small). */
const csvPaths = (dir: string): [string, string] => [join(dir, "county.csv"), join(dir, "county-prev.csv")];

/** The memory modes: "csv-file" reads files from disk (what a user does); "csv-text" builds the CSV text in the child first, and counts it. */
const MEMORY_MODES = ["kernel", "yardstick", "csv-file", "csv-text"] as const;

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean): string => (ok ? "met" : "NOT met");

const cpuShow = (t: Timing): string => `cpu ${t.median.toFixed(2)} ms (min ${t.min.toFixed(2)})`;
const both = (t: Timed): string => `${show(t.wall)}; ${cpuShow(t.cpu)}`;

function scaleLines(r: ScaleResult): string[] {
  const [y, k] = [r.yardstick, r.kernel];
  const out = [
    `  ${r.scale}× (${r.regions.toLocaleString("en")} regions)`,
    `    Yardstick        ${both(y)}`,
    `    kernel           ${both(k)}`,
    `    Yardstick/kernel ${ratio(y.wall.median, k.wall.median)} wall, ${ratio(y.cpu.median, k.cpu.median)} cpu   goal ≤ 1.5× (cpu): ${verdict(y.cpu.median <= 1.5 * k.cpu.median)}`,
  ];
  if (r.jsonLogic) {
    const j = r.jsonLogic;
    out.push(`    json-logic-js    ${both(j)}`);
    out.push(`    json-logic/Yardstick ${ratio(j.wall.median, y.wall.median)} wall, ${ratio(j.cpu.median, y.cpu.median)} cpu   goal ≥ 500× (cpu): ${verdict(j.cpu.median >= 500 * y.cpu.median)}`);
  }
  if (r.csv) out.push(`    Yardstick from CSV (engine/data loadDataset ×2 + evaluate) ${both(r.csv)}`);
  return out;
}

function growthLines(results: readonly ScaleResult[]): string[] {
  const first = results[0]!;
  return results.slice(1).map((r) => {
    const k = r.scale / first.scale;
    const ys = r.yardstick.cpu.median / first.yardstick.cpu.median;
    const kn = r.kernel.cpu.median / first.kernel.cpu.median;
    return `  growth ${first.scale}×→${r.scale}× (cpu): Yardstick ${ys.toFixed(1)}×, kernel ${kn.toFixed(1)}× (linear: ${k}×; goal Yardstick ≤ ${(1.3 * k).toFixed(0)}×: ${verdict(ys <= 1.3 * k)})`;
  });
}

function memoryLines(scale: number, mem: readonly MemoryResult[], parentRssMb: number): string[] {
  const out = [`  peak memory at ${scale}× (child process maxRSS, parent ${parentRssMb.toFixed(0)} MB at spawn; dataset as Float64 columns ${mem[0]!.datasetMb.toFixed(0)} MB)`];
  if (mem.some((m) => m.mode.startsWith("csv"))) out.push(`    (csv-file: the CSV files on disk, streamed by loadDatasetFile, then evaluate; csv-text: the CSV text built in the process as one string, then loadDataset and evaluate — the text is counted)`);
  for (const m of mem) {
    const goal = m.mode === "kernel" || m.mode === "csv-text" ? "" : `   goal ≤ 2× dataset: ${verdict(m.maxRssMb <= 2 * m.datasetMb)}`;
    out.push(`    ${m.mode.padEnd(10)} peak ${m.maxRssMb.toFixed(0)} MB = ${ratio(m.maxRssMb, m.datasetMb)} dataset (process before data ${m.baseRssMb.toFixed(0)} MB, with data ${m.dataRssMb.toFixed(0)} MB; run ${(m.ms / 1000).toFixed(1)} s)${goal}`);
  }
  return out;
}

/** Runs the county benchmark; returns the lines to print. */
export async function benchCounty(options: CountyBenchOptions = {}): Promise<string[]> {
  const opts: Required<CountyBenchOptions> = { scales: [1, 10, 100], memory: true, csv: true, jsonLogicBudgetMs: 30_000, ...options };
  const p = prepareCounty();
  const jl = new CountyJsonLogic(p.spec, p.checked);
  const lines = [
    `county workload: 200 indicators (4×5×10: minmax/goalposts/bands), 3 types, missing mean, 10 bonus items, 5 deductions, 1 veto, quota grades, 2 rankings`,
    `  scheme compile + buildProgram ${p.compileMs.toFixed(1)} ms (once); load average at start ${loadavg().map((x) => x.toFixed(1)).join(" ")}`,
  ];
  // The memory children run first: a child's maxRSS starts from its parent's RSS at the spawn
  // (Linux carries the high-water mark across fork and exec), so the parent must still be small.
  const top = Math.max(...opts.scales);
  const mem: MemoryResult[] = [];
  const parentRssMb = process.memoryUsage().rss / MB;
  if (opts.memory) {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-county-"));
    try {
      if (opts.csv) await execFileAsync(process.execPath, ["--max-old-space-size=16384", "--import", "tsx", fileURLToPath(import.meta.url), "--write-csv", String(top), dir]);
      for (const mode of MEMORY_MODES.filter((m) => opts.csv || !m.startsWith("csv"))) mem.push(await memoryChild(mode, top, dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const results: ScaleResult[] = [];
  for (const scale of opts.scales) {
    const r = await benchScale(p, scale, jl, opts, results.find((x) => x.scale === 1)?.jsonLogic ?? null);
    results.push(r);
    lines.push(...scaleLines(r));
  }
  lines.push(...growthLines(results));
  if (opts.memory) lines.push(...memoryLines(top, mem, parentRssMb));
  lines.push(`  outputs checked equal at every scale: totals within 1e-9, grades, ranks overall and within type`);
  return lines;
}

function rssMb(): number {
  collect();
  return process.memoryUsage().rss / MB;
}

/** The child's side of the memory measurement: one run of `mode` at `scale`, a JSON line out. */
async function memoryMain(mode: string, scale: number, dir: string): Promise<void> {
  const p = prepareCounty();
  const baseRssMb = rssMb();
  const n = COUNTY_REGIONS * scale;
  let d: CountyData | null = mode === "csv-file" ? null : countyData(p.spec, n);
  const datasetMb = (8 * n * countyFields(p.spec)) / MB;
  let csv: [string, string] | null = null;
  if (mode === "csv-text") {
    csv = [countyCsv(d!.data), countyCsv(d!.prev)];
    d = null;
  }
  const dataRssMb = rssMb();
  const t0 = performance.now();
  let out: CountyOutcome;
  if (mode === "csv-file") out = await runFromCsvFiles(p, ...csvPaths(dir));
  else if (csv) out = await runFromCsv(p, csv[0], csv[1]);
  else if (mode === "kernel") out = countyKernel(p.spec, d!.data, d!.prev);
  else out = runYardstick(p, d!);
  const ms = performance.now() - t0;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  if (out.total.length !== n) throw new Error("county: wrong number of results");
  console.log(JSON.stringify({ mode, maxRssMb, baseRssMb, dataRssMb, datasetMb, ms } satisfies MemoryResult));
}

/** Writes the two CSV files of a scale into `dir` (a child of its own: its memory is nobody's measurement). */
function writeCsvMain(scale: number, dir: string): void {
  const p = prepareCounty();
  const d = countyData(p.spec, COUNTY_REGIONS * scale);
  const [path, prevPath] = csvPaths(dir);
  writeCountyCsv(d.data, path);
  writeCountyCsv(d.prev, prevPath);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, a, b] = process.argv.slice(2);
  if (flag === "--memory") await memoryMain(a!, Number(b), process.argv[5]!);
  else if (flag === "--write-csv") writeCsvMain(Number(a), b!);
  else for (const line of await benchCounty()) console.log(line);
}
