/** `yardstick schema SCHEME`: prints the JSON Schema of one dataset row that the scheme implies. */
import { datasetSchema } from "../engine/data/index.js";
import { loadScheme } from "./eval.js";
import { splitArgs } from "./files.js";

/** Runs `schema`. */
export async function schemaCommand(args: string[]): Promise<number> {
  const { positional } = splitArgs(args);
  if (positional.length !== 1) {
    process.stderr.write("usage: yardstick schema SCHEME\n");
    return 2;
  }
  const checked = await loadScheme(positional[0]!);
  if (!checked) return 1;
  process.stdout.write(`${JSON.stringify(datasetSchema(checked), null, 2)}\n`);
  return 0;
}
