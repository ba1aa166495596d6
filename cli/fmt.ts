/** `yardstick fmt [--check] FILE...`: rewrites files in the canonical layout, or lists those that differ. */
import { writeFile } from "node:fs/promises";
import { formatSource } from "../dsl/index.js";
import { readText, splitArgs } from "./files.js";
import { renderDiagnostics } from "./render.js";
import { sourceFile } from "../dsl/source.js";

/** Runs `fmt`. */
export async function fmtCommand(args: string[]): Promise<number> {
  const { flags, positional } = splitArgs(args);
  if (positional.length === 0) {
    process.stderr.write("usage: yardstick fmt [--check] FILE...\n");
    return 2;
  }
  let status = 0;
  for (const path of positional) {
    const read = await readText(path);
    if ("diagnostic" in read) {
      process.stdout.write(renderDiagnostics(sourceFile(path, ""), [read.diagnostic]));
      status = 1;
      continue;
    }
    const result = formatSource(read.text, path);
    if (result.text === null) {
      process.stdout.write(renderDiagnostics(sourceFile(path, read.text), result.diagnostics));
      process.stdout.write(`${path}: not formatted: fix the syntax errors first\n`);
      status = 1;
    } else if (result.text !== read.text) {
      if (flags.has("check")) {
        process.stdout.write(`${path}: not formatted\n`);
        status = 1;
      } else {
        await writeFile(path, result.text, "utf8");
        process.stdout.write(`${path}: formatted\n`);
      }
    }
  }
  return status;
}
