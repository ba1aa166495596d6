/**
 * `yardstick explain SCHEME DATA REGION [--prev DATA] [--format text|json]`: why one region got
 * its score — the contribution tree and every rule that fired.
 */
import { closest } from "../dsl/suggest.js";
import { explain, renderExplanation } from "../engine/index.js";
import { evaluateFiles } from "./eval.js";
import { splitArgs } from "./files.js";

const USAGE = "usage: yardstick explain SCHEME DATA REGION [--prev DATA] [--format text|json]\n";

/** Runs `explain`. */
export async function explainCommand(args: string[]): Promise<number> {
  const { options, positional } = splitArgs(args, ["prev", "format"]);
  const format = options.get("format") ?? "text";
  if (positional.length !== 3 || (format !== "text" && format !== "json")) {
    process.stderr.write(USAGE);
    return 2;
  }
  const [schemePath, dataPath, region] = positional as [string, string, string];
  const results = await evaluateFiles(schemePath, dataPath, options.get("prev"));
  if (!results) return 1;
  const e = explain(results, region);
  if (!e) {
    const guess = closest(region, results.regions);
    process.stderr.write(`${dataPath}: error: no region \`${region}\`${guess ? ` (did you mean \`${guess}\`?)` : ""}\n`);
    return 1;
  }
  process.stdout.write(format === "json" ? `${JSON.stringify(e, null, 2)}\n` : renderExplanation(e));
  return 0;
}
