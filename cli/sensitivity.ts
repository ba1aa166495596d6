/**
 * `yardstick sensitivity SCHEME DATA [--samples N] [--spread P] [--seed S] [--dirichlet K]
 * [--rules] [--threads N] [--sweep PATH=FROM..TO/STEPS] [--prev DATA] [--format table|json] [--quiet]`:
 * Monte Carlo over the weights; prints each region's rank interval and the chance its grade
 * changes, and each indicator's importance. Progress goes to stderr.
 */
import stringWidth from "string-width";
import type { SensitivityOptions, SensitivityResult, Sweep } from "../engine/sensitivity/index.js";
import { defaultThreads, sensitivityParallel } from "../engine/sensitivity/threads.node.js";
import { evaluateFiles } from "./eval.js";
import { numberOption, splitArgs } from "./files.js";
import { progressReporter } from "./progress.js";

const USAGE = "usage: yardstick sensitivity SCHEME DATA [--samples 10000] [--spread 10] [--seed 1] [--dirichlet K] [--rules]\n" +
  "         [--threads N] [--sweep PATH=FROM..TO/STEPS] [--prev DATA] [--format table|json] [--quiet]\n";

/** Reads `PATH=FROM..TO/STEPS` (a weight sweep; `PATH.points=…` sweeps points). */
export function parseSweep(text: string): Sweep | null {
  const m = /^(.+?)(?:\.(weight|points))?=([-+0-9.eE]+)\.\.([-+0-9.eE]+)\/(\d+)$/.exec(text);
  if (!m) return null;
  const [from, to, steps] = [Number(m[3]), Number(m[4]), Number(m[5])];
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  return { path: m[1]!, field: (m[2] as "weight" | "points" | undefined) ?? "weight", from, to, steps };
}

/** The options from the command line, or the name of the bad one. */
export function readOptions(options: Map<string, string>, flags: Set<string>): SensitivityOptions | string {
  const n = (name: string) => numberOption(options, name);
  for (const name of ["samples", "spread", "seed", "dirichlet", "threads"]) if (n(name) === null) return name;
  const sweepText = options.get("sweep");
  const sweep = sweepText ? parseSweep(sweepText) : undefined;
  if (sweep === null) return "sweep";
  const k = n("dirichlet");
  return {
    samples: n("samples") ?? (sweep ? 0 : 10_000), seed: n("seed") ?? 1, spread: n("spread") ?? 10,
    ...(k !== undefined && k !== null ? { mode: "dirichlet" as const, concentration: k } : {}),
    perturb: flags.has("rules") ? "both" : "weights", ...(sweep ? { oneAtATime: sweep } : {}),
  };
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - stringWidth(text)));
  return right ? fill + text : text + fill;
}

function table(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, k) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[k]!))));
  const line = (r: readonly string[]) => r.map((c, k) => pad(c, widths[k]!, right[k]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** The result as text: options, regions, indicators, and the sweep if any. */
export function renderSensitivity(s: SensitivityResult): string {
  const o = s.options;
  const how = o.mode === "dirichlet" ? `Dirichlet, concentration ${o.concentration}` : `uniform ±${o.spread}%`;
  let out = `${o.samples} samples, ${how}, seed ${o.seed}, perturbing ${o.perturb === "both" ? "weights and rule parameters" : o.perturb}\n\n`;
  if (o.samples > 0) {
    out += table(["region", "rank", "median", "5%", "95%", "mean |Δrank|", "P(grade changes)", "grade"],
      s.regions.map((r) => [r.region, String(r.baseRank), String(r.medianRank), String(r.low), String(r.high), r.meanShift.toFixed(2), r.gradeChange.toFixed(3), r.baseGrade ?? ""]),
      [false, true, true, true, true, true, true, false]);
    out += "\n" + table(["indicator", "label", "weight", "importance"],
      s.indicators.map((i) => [i.path, i.label, i.weight.toFixed(4), i.importance.toFixed(3)]), [false, false, true, true]);
  }
  if (s.sweep) {
    const sw = s.sweep;
    out += `\nsweep of \`${sw.path}\` ${sw.field}: rank per region at each value\n`;
    const regions = s.regions.map((r) => r.region);
    out += table([sw.field, ...regions], sw.points.map((p) => [String(Math.round(p.value * 1e6) / 1e6), ...p.ranks.map(String)]), [true, ...regions.map(() => true)]);
  }
  return out;
}

/** Runs `sensitivity`. */
export async function sensitivityCommand(args: string[]): Promise<number> {
  const { options, flags, positional } = splitArgs(args, ["samples", "spread", "seed", "dirichlet", "threads", "sweep", "prev", "format"]);
  const format = options.get("format") ?? "table";
  const read = readOptions(options, flags);
  if (positional.length !== 2 || typeof read === "string" || (format !== "table" && format !== "json")) {
    if (typeof read === "string") process.stderr.write(`yardstick sensitivity: \`--${read}\` needs a number${read === "sweep" ? " range such as `economy.gdp=0..0.5/10`" : ""}\n`);
    process.stderr.write(USAGE);
    return 2;
  }
  const base = await evaluateFiles(positional[0]!, positional[1]!, options.get("prev"));
  if (!base) return 1;
  const progress = progressReporter("sampling", process.stderr, flags.has("quiet"));
  const threads = numberOption(options, "threads") ?? defaultThreads();
  const s = await sensitivityParallel(base, read, threads, progress.update);
  progress.end();
  for (const i of s.issues) process.stderr.write(`yardstick sensitivity: error: ${i.message}\n`);
  for (const i of s.sweep?.issues ?? []) process.stderr.write(`--sweep ${i.override}: ${i.severity}: ${i.message}${i.help ? ` (${i.help})` : ""}\n`);
  process.stdout.write(format === "json" ? `${JSON.stringify(s, null, 2)}\n` : renderSensitivity(s));
  return s.issues.length > 0 || (s.sweep?.issues.some((i) => i.severity === "error") ?? false) ? 1 : 0;
}
