/**
 * `yardstick export-jsonlogic SCHEME`: prints the scheme's typologies, derived values and rule
 * conditions as JSON Logic; what JSON Logic cannot express is listed under `unsupported` and
 * summarised on stderr.
 */
import { exportJsonLogic } from "../engine/jsonlogic/index.js";
import { loadScheme } from "./eval.js";
import { splitArgs } from "./files.js";

/** Runs `export-jsonlogic`. */
export async function exportJsonLogicCommand(args: string[]): Promise<number> {
  const { positional } = splitArgs(args);
  if (positional.length !== 1) {
    process.stderr.write("usage: yardstick export-jsonlogic SCHEME\n");
    return 2;
  }
  const checked = await loadScheme(positional[0]!);
  if (!checked) return 1;
  const out = exportJsonLogic(checked);
  for (const u of out.unsupported) process.stderr.write(`${checked.source.name}:${u.line}:${u.col}: note: \`${u.name}\` not exported: ${u.reason}\n`);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
