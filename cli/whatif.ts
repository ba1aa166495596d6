/**
 * `yardstick whatif SCHEME DATA --set PATH.FIELD=VALUE[@TYPE] ... [--prev DATA] [--format table|json]`:
 * scores the regions, applies the overrides, and prints each region's total, rank and grade
 * before and after. Overrides that cannot be applied are printed as errors (exit 1).
 */
import stringWidth from "string-width";
import type { Results } from "../engine/index.js";
import { whatIf, type RegionDelta, type WhatIfIssue } from "../engine/whatif/index.js";
import { evaluateFiles } from "./eval.js";
import { splitArgs } from "./files.js";

const USAGE = "usage: yardstick whatif SCHEME DATA --set PATH.FIELD=VALUE[@TYPE] ... [--prev DATA] [--format table|json]\n" +
  "  fields: weight, points (of any dimension or indicator); target, floor, to, satisfactory, disallowed, cap, else,\n" +
  "  band.K, band.K.points, add.K, add.K.reference, deduct.K, deduct.K.reference (of an indicator);\n" +
  "  grades.LABEL.threshold, grades.LABEL.quota; `@TYPE` limits points and parameters to one type\n";

/** Takes every `--set X` / `--set=X` out of the arguments. */
export function takeSets(args: readonly string[]): { sets: string[]; rest: string[] } {
  const sets: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--set" && i + 1 < args.length) sets.push(args[++i]!);
    else if (a.startsWith("--set=")) sets.push(a.slice(6));
    else rest.push(a);
  }
  return { sets, rest };
}

function issueLine(i: WhatIfIssue): string {
  return `--set ${i.override}: ${i.severity}: ${i.message}\n${i.help ? `  = help: ${i.help}\n` : ""}`;
}

const num = (x: number) => String(Math.round(x * 100) / 100 + 0);
const signed = (x: number) => (Math.abs(x) < 0.005 ? "0" : `${x > 0 ? "+" : ""}${num(x)}`);

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - stringWidth(text)));
  return right ? fill + text : text + fill;
}

/** The deltas as an aligned table, the regions whose rank or grade changed marked `*`. */
export function deltaTable(deltas: readonly RegionDelta[]): string {
  const header = ["", "region", "total", "after", "Δ", "rank", "after", "grade", "after"];
  const rows = deltas.map((d) => {
    const r = d.ranks[0];
    const moved = (r && r.delta !== 0) || d.grade.changed;
    return [moved ? "*" : "", d.region, num(d.total.before), num(d.total.after), signed(d.total.delta),
      r ? String(r.before) : "", r ? String(r.after) : "", d.grade.before ?? "", d.grade.after ?? ""];
  });
  const right = [false, false, true, true, true, true, true, false, false];
  const widths = header.map((h, k) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[k]!))));
  const line = (r: readonly string[]) => r.map((c, k) => pad(c, widths[k]!, right[k]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

function json(base: Results, w: ReturnType<typeof whatIf>): string {
  return `${JSON.stringify({ schemeHash: base.schemeHash, applied: w.applied, issues: w.issues, evalIssues: w.evalIssues, deltas: w.deltas }, null, 2)}\n`;
}

/** Runs `whatif`. */
export async function whatifCommand(args: string[]): Promise<number> {
  const { sets, rest } = takeSets(args);
  const { options, positional } = splitArgs(rest, ["prev", "format"]);
  const format = options.get("format") ?? "table";
  if (positional.length !== 2 || sets.length === 0 || (format !== "table" && format !== "json")) {
    process.stderr.write(USAGE);
    return 2;
  }
  const base = await evaluateFiles(positional[0]!, positional[1]!, options.get("prev"));
  if (!base) return 1;
  const w = whatIf(base, sets);
  process.stderr.write(w.issues.map(issueLine).join(""));
  for (const i of w.evalIssues) if (i.severity === "error") process.stderr.write(`error: ${i.message}\n`);
  if (!w.results) return 1;
  if (format === "json") process.stdout.write(json(base, w));
  else {
    if (w.applied.length) process.stdout.write(`applied: ${w.applied.join(", ")}\n\n`);
    process.stdout.write(deltaTable(w.deltas));
  }
  return w.issues.some((i) => i.severity === "error") ? 1 : 0;
}
