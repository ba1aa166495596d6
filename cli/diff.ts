/**
 * `yardstick diff OLD NEW [--json]`: what changed between two versions of a scheme.
 * `yardstick diff OLD NEW --data DATA [--prev DATA] [--top N] [--json]`: also whom it moves —
 * each region's score, rank and grade under both versions, on that dataset.
 */
import type { CheckedScheme } from "../dsl/index.js";
import { formatDataIssue, type Dataset } from "../engine/data/index.js";
import { loadDatasetFile } from "../engine/data/files.node.js";
import { impactDiff, renderDiff, renderImpact, structuralDiff } from "../engine/diff/index.js";
import { loadScheme } from "./eval.js";
import { splitArgs } from "./files.js";

const USAGE = "usage: yardstick diff OLD NEW [--data DATA [--prev DATA] [--top N]] [--json]\n";

/** Loads a dataset for one version; its error issues go to `errors` (a set: both versions report the same file). */
async function data(checked: CheckedScheme, path: string, errors: Set<string>, previous = false): Promise<Dataset | null> {
  const { dataset, issues } = await loadDatasetFile(checked, path, { previous });
  for (const i of issues) if (i.severity === "error") errors.add(formatDataIssue(i));
  return dataset;
}

async function impact(old: CheckedScheme, now: CheckedScheme, options: Map<string, string>, json: boolean): Promise<number> {
  const file = options.get("data")!;
  const prevFile = options.get("prev");
  const top = options.has("top") ? Number(options.get("top")) : 3;
  if (!Number.isInteger(top) || top < 0) {
    process.stderr.write(`yardstick diff: --top must be a whole number, not \`${options.get("top")}\`\n`);
    return 2;
  }
  const errors = new Set<string>();
  const [dOld, dNew, pOld, pNew] = await Promise.all([
    data(old, file, errors), data(now, file, errors),
    prevFile ? data(old, prevFile, errors, true) : null, prevFile ? data(now, prevFile, errors, true) : null,
  ]);
  for (const e of errors) process.stderr.write(`${e}\n`);
  if (!dOld || !dNew || (prevFile && (!pOld || !pNew))) return 1;
  const out = impactDiff(old, now, dNew, { oldDataset: dOld, prev: pNew, oldPrev: pOld, top });
  for (const i of out.issues.filter((x) => x.severity === "error")) {
    const name = i.side === "old" ? old.source.name : now.source.name;
    process.stderr.write(`${name}${i.span ? `:${i.span.line}:${i.span.col}` : ""}: error: ${i.message}\n`);
  }
  if (!out.impact) return 1;
  const diff = structuralDiff(old, now);
  if (json) process.stdout.write(`${JSON.stringify({ diff, impact: out.impact, issues: out.issues }, null, 2)}\n`);
  else process.stdout.write(`${renderDiff(diff)}\n${renderImpact(out.impact)}`);
  return 0;
}

/** Runs `diff`. */
export async function diffCommand(args: string[]): Promise<number> {
  const { flags, options, positional } = splitArgs(args, ["data", "prev", "top"]);
  const unknown = [...[...flags].filter((f) => f !== "json"), ...[...options.keys()].filter((k) => !["data", "prev", "top"].includes(k))];
  if (positional.length !== 2 || unknown.length > 0 || (options.has("prev") && !options.has("data"))) {
    process.stderr.write(unknown.length ? `yardstick diff: unknown option \`--${unknown[0]}\`\n${USAGE}` : USAGE);
    return 2;
  }
  const [old, now] = await Promise.all(positional.map(loadScheme));
  if (!old || !now) return 1;
  const json = flags.has("json");
  if (options.has("data")) return impact(old, now, options, json);
  const diff = structuralDiff(old, now);
  process.stdout.write(json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff));
  return 0;
}
