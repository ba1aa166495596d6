/**
 * `yardstick reach SCHEME DATA REGION (--grade G | --rank N [--within T]) [--prev D] [--json]`:
 * what the region must reach for a grade or rank — the smallest change of each input field on
 * its own (or why none suffices), and the cheapest combination.
 */
import type { ResultTable } from "../engine/index.js";
import { reach, readTarget, type ReachResult } from "../engine/reach/index.js";
import { reachJson } from "../engine/reach/json.js";
import { sentencesOf } from "../engine/reach/sentences.js";
import { evaluateFiles } from "./eval.js";
import { splitArgs } from "./files.js";
import { textTable } from "./output.js";

const USAGE = "usage: yardstick reach SCHEME DATA REGION (--grade G | --rank N [--within T]) [--prev DATA] [--json]\n";

const num = (x: number) => Math.round(x * 100) / 100 + 0;

function singlesTable(res: ReachResult): ResultTable {
  const columns = ["field", "label", "now", "needed", "change", "relative", "points gained", "why not"].map((label) => ({ key: label, label }));
  return {
    columns,
    rows: res.singles.map((s) => [
      s.field, s.label, num(s.current), s.needed === null ? null : num(s.needed), s.change === null ? null : num(s.change),
      s.cost === null ? null : `${num(s.cost * 100)}%`, num(s.pointsGained), s.reason ?? "",
    ]),
  };
}

function text(res: ReachResult): string {
  const goal = res.target.kind === "grade" ? res.target.label : `rank ${res.target.rank}${res.target.within ? ` within ${res.target.within}` : ""}`;
  if (res.already) return `${res.region} already reaches ${goal}\n`;
  if (res.blocked) return `${res.region} cannot reach ${goal}: ${res.blocked}\n`;
  const out = [`${res.region} → ${goal}\n\none field at a time:\n`, textTable(singlesTable(res))];
  const c = res.combination;
  if (c) {
    out.push(`\ncheapest combination found (relative cost ${num(c.cost * 100)}%, total +${num(c.totalGained)}):\n`);
    for (const ch of c.changes) out.push(`  ${ch.label} (${ch.field}): ${num(ch.from)} → ${num(ch.to)}\n`);
  } else out.push("\nno combination of these fields reaches it\n");
  const lines = sentencesOf(res);
  if (lines.length) out.push(`\n${lines.join("\n")}\n`);
  return out.join("");
}

/** Runs `reach`. */
export async function reachCommand(args: string[]): Promise<number> {
  const { flags, options, positional } = splitArgs(args, ["prev", "grade", "rank", "within"]);
  const grade = options.get("grade") ?? null;
  const rank = options.has("rank") ? Number(options.get("rank")) : null;
  if (positional.length !== 3 || (grade === null) === (rank === null)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const base = await evaluateFiles(positional[0]!, positional[1]!, options.get("prev"));
  if (!base) return 1;
  const target = readTarget(base, grade, rank, options.get("within") ?? null);
  if (typeof target === "string") {
    process.stderr.write(`reach: error: ${target}\n`);
    return 1;
  }
  const res = reach(base, positional[2]!, target);
  if (typeof res === "string") {
    process.stderr.write(`reach: error: ${res}\n`);
    return 1;
  }
  process.stdout.write(flags.has("json") ? `${JSON.stringify(reachJson(res, base), null, 2)}\n` : text(res));
  return 0;
}
