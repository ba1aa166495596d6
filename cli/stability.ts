/**
 * `yardstick stability SCHEME DATA [--prev D] [--region R] [--node PATH] [--threads N] [--json]`: how far each
 * weight (or points value) can move before a region's grade or rank changes. With `--region`,
 * one line per movable share for that region; without, one line per region naming the share
 * whose smallest move changes its grade. `--json` prints every region × share.
 */
import type { ResultTable } from "../engine/index.js";
import { regionStability, type RegionStability, type StabilityReport } from "../engine/stability/index.js";
import { stabilityJson } from "../engine/stability/json.js";
import { stabilityParallel } from "../engine/stability/threads.node.js";
import { evaluateFiles } from "./eval.js";
import { numberOption, splitArgs } from "./files.js";
import { textTable } from "./output.js";

const USAGE = "usage: yardstick stability SCHEME DATA [--prev DATA] [--region R] [--node PATH] [--threads N] [--json]\n";

const pct = (x: number) => `${Math.round(x * 1000) / 10 + 0}%`;
const num = (x: number) => Math.round(x * 100) / 100 + 0;

function flipText(f: { flip: number | null; flipPoints: number | null; flipPercent: number | null } | null): string {
  if (!f || f.flip === null) return "none";
  const sign = f.flip > 0 ? "+" : "";
  return `${sign}${num(f.flipPoints!)} pts (${sign}${num(f.flipPercent!)}%)`;
}

function range(p: { lo: number; hi: number } | null): string {
  return p ? `${pct(p.lo)}–${pct(p.hi)}` : "";
}

/** One region, every share. */
function regionTable(rows: readonly RegionStability[]): ResultTable {
  const columns = ["share", "label", "weight", "points", "grade keeps", "grade flips at", "rank keeps", "rank flips at", "exact"].map((label) => ({ key: label, label }));
  return {
    columns,
    rows: rows.map((s) => [s.path, s.label, pct(s.share), num(s.points), range(s.grade), flipText(s.grade), range(s.ranks[0] ?? null), flipText(s.ranks[0] ?? null), s.exact ? "yes" : "sampled"]),
  };
}

/** Every region: the share whose smallest move flips its grade (or rank, without grades). */
function summaryTable(rep: StabilityReport): ResultTable {
  const columns = ["region", "most sensitive share", "label", "grade flips at", "rank flips at (same share)"].map((label) => ({ key: label, label }));
  const rows = rep.analysed.map((r) => {
    let best: RegionStability | null = null;
    const key = (s: RegionStability) => Math.abs((s.grade ?? s.ranks[0] ?? { flipPoints: null }).flipPoints ?? Infinity);
    for (const node of rep.nodes) {
      const s = regionStability(node, rep.regions[r]!, r);
      if (!best || key(s) < key(best)) best = s;
    }
    return [rep.regions[r]!, best?.path ?? "", best?.label ?? "", flipText(best?.grade ?? null), flipText(best?.ranks[0] ?? null)];
  });
  return { columns, rows };
}

/** Runs `stability`. */
export async function stabilityCommand(args: string[]): Promise<number> {
  const { flags, options, positional } = splitArgs(args, ["prev", "region", "node", "threads"]);
  const threads = numberOption(options, "threads");
  if (positional.length !== 2 || threads === null || (threads !== undefined && (!Number.isInteger(threads) || threads < 1))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const base = await evaluateFiles(positional[0]!, positional[1]!, options.get("prev"));
  if (!base) return 1;
  const region = options.get("region");
  const rep = await stabilityParallel(base, { path: options.get("node"), regions: region === undefined ? undefined : [region] }, threads === undefined ? {} : { threads });
  for (const p of rep.problems) process.stderr.write(`stability: ${p}\n`);
  if (rep.analysed.length === 0 || (options.has("node") && rep.nodes.length === 0)) return 1;
  if (flags.has("json")) {
    process.stdout.write(`${JSON.stringify(stabilityJson(rep, base), null, 2)}\n`);
    return 0;
  }
  if (region !== undefined) {
    const r = rep.analysed[0]!;
    process.stdout.write(textTable(regionTable(rep.nodes.map((n) => regionStability(n, region, r)))));
  } else process.stdout.write(textTable(summaryTable(rep)));
  const sampled = rep.nodes.filter((n) => !n.exact);
  if (sampled.length) process.stdout.write(`\n${sampled.length} of ${rep.nodes.length} shares sampled, not exact (${sampled[0]!.why}${sampled.length > 1 ? ", …" : ""})\n`);
  return 0;
}
