/** `yardstick check FILE...`: prints every diagnostic; exit 1 when any file has an error. */
import { compile } from "../dsl/index.js";
import { hasErrors } from "../dsl/diagnostics.js";
import { sourceFile } from "../dsl/source.js";
import { readText, splitArgs } from "./files.js";
import { renderDiagnostics, summary } from "./render.js";

/** What `check` prints for one file, and whether it has errors. */
export function checkReport(path: string, text: string): { output: string; failed: boolean } {
  const { diagnostics, source } = compile(text, path);
  const output = renderDiagnostics(source, diagnostics) + (diagnostics.length > 0 ? `${path}: ${summary(diagnostics)}\n` : "");
  return { output, failed: hasErrors(diagnostics) };
}

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
    const report = checkReport(path, read.text);
    process.stdout.write(report.output);
    failed ||= report.failed;
  }
  return failed ? 1 : 0;
}
