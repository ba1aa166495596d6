/** `yardstick check FILE...`: prints every diagnostic; exit 1 when any file has an error. */
import { compile } from "../dsl/index.js";
import { hasErrors } from "../dsl/diagnostics.js";
import { sourceFile } from "../dsl/source.js";
import { readText, splitArgs } from "./files.js";
import { renderDiagnostics, summary } from "./render.js";

/** Runs `check`. */
export async function checkCommand(args: string[]): Promise<number> {
  const { positional } = splitArgs(args);
  if (positional.length === 0) {
    process.stderr.write("usage: yardstick check FILE...\n");
    return 2;
  }
  let failed = false;
  for (const path of positional) {
    const read = await readText(path);
    if ("diagnostic" in read) {
      process.stdout.write(renderDiagnostics(sourceFile(path, ""), [read.diagnostic]));
      failed = true;
      continue;
    }
    const { diagnostics, source } = compile(read.text, path);
    process.stdout.write(renderDiagnostics(source, diagnostics));
    if (diagnostics.length > 0) process.stdout.write(`${path}: ${summary(diagnostics)}\n`);
    failed ||= hasErrors(diagnostics);
  }
  return failed ? 1 : 0;
}
