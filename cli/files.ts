/** Reading and writing the files of commands, turning failures into messages instead of exceptions. */
import { readFile, writeFile } from "node:fs/promises";
import { error, type Diagnostic } from "../dsl/diagnostics.js";
import { NO_SPAN } from "../dsl/source.js";

/** A file's text, or a diagnostic saying why it could not be read. */
export async function readText(path: string): Promise<{ text: string } | { diagnostic: Diagnostic }> {
  try {
    return { text: await readFile(path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : "it cannot be read";
    return { diagnostic: error("io", `cannot read \`${path}\`: ${why}`, NO_SPAN) };
  }
}

/** Splits `--flag`, `--opt value` / `--opt=value` (for names in `valued`) and positional arguments. */
export function splitArgs(args: string[], valued: readonly string[] = []): { flags: Set<string>; options: Map<string, string>; positional: string[] } {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) positional.push(a);
    else if (a.includes("=")) options.set(a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1));
    else if (valued.includes(a.slice(2)) && i + 1 < args.length) options.set(a.slice(2), args[++i]!);
    else flags.add(a.slice(2));
  }
  return { flags, options, positional };
}

/** A number option's value: undefined when absent, null when it is not a finite number. */
export function numberOption(options: Map<string, string>, name: string): number | undefined | null {
  const v = options.get(name);
  if (v === undefined) return undefined;
  const x = Number(v);
  return v.trim() !== "" && Number.isFinite(x) ? x : null;
}

/** Writes a command's output to `out`, or to stdout when no file is given; exit code 1 (said on stderr) when it cannot. */
export async function writeOutput(content: string | Uint8Array, out: string | undefined): Promise<number> {
  if (!out) {
    process.stdout.write(content);
    return 0;
  }
  try {
    await writeFile(out, content);
    return 0;
  } catch (e) {
    process.stderr.write(`yardstick: error: cannot write \`${out}\`: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 1;
  }
}
