/**
 * `yardstick eval SCHEME DATA [--prev DATA] [--format table|json|csv|xlsx] [--depth D] [--out FILE]`:
 * scores every region of a dataset. Also the shared steps of the commands that evaluate
 * (`explain`): read and compile the scheme, load the datasets, evaluate — each printing its
 * problems (`file:line:col: error: …` for the scheme, `file:row: error: region X, field Y: …`
 * for the data) and returning null when there is an error.
 */
import { readFile } from "node:fs/promises";
import { compile, type CheckedScheme } from "../dsl/index.js";
import { hasErrors } from "../dsl/diagnostics.js";
import { sourceFile } from "../dsl/source.js";
import { formatDataIssue, type Dataset, type DataIssue } from "../engine/data/index.js";
import { loadDatasetFile } from "../engine/data/files.node.js";
import { hasher } from "../engine/hash.js";
import { buildProgram, evaluate, receiptDocument, resultTable, type EvalIssue, type Results, type TableDepth } from "../engine/index.js";
import { readText, splitArgs, writeOutput } from "./files.js";
import { csvTable, textTable, xlsxTable } from "./output.js";
import { renderDiagnostics } from "./render.js";

const USAGE = "usage: yardstick eval SCHEME DATA [--prev DATA] [--format table|json|csv|xlsx] [--depth none|dimensions|all] [--out FILE] [--receipt FILE]\n";
const MAX_ISSUES = 50;

/** Reads and compiles a scheme; prints its diagnostics and returns null when it has errors. */
export async function loadScheme(path: string): Promise<CheckedScheme | null> {
  const read = await readText(path);
  if ("diagnostic" in read) {
    process.stderr.write(renderDiagnostics(sourceFile(path, ""), [read.diagnostic]));
    return null;
  }
  const checked = compile(read.text, path);
  if (!hasErrors(checked.diagnostics)) return checked;
  process.stderr.write(renderDiagnostics(checked.source, checked.diagnostics));
  return null;
}

/** Prints dataset issues (the first fifty, then how many more). */
export function printDataIssues(issues: readonly DataIssue[]): void {
  const lines = issues.slice(0, MAX_ISSUES).map((i) => `${formatDataIssue(i)}\n`);
  if (issues.length > MAX_ISSUES) lines.push(`... and ${issues.length - MAX_ISSUES} more issues\n`);
  process.stderr.write(lines.join(""));
}

/** Loads a dataset (`previous`: last period's) for a scheme; prints its issues and returns null when any is an error. */
export async function loadData(checked: CheckedScheme, path: string, previous = false): Promise<Dataset | null> {
  const { dataset, issues } = await loadDatasetFile(checked, path, { previous });
  printDataIssues(issues);
  return dataset;
}

function issueLine(scheme: CheckedScheme, i: EvalIssue): string {
  const where = i.span ? `${scheme.source.name}:${i.span.line}:${i.span.col}` : scheme.source.name;
  return `${where}: ${i.severity}: ${i.message}\n`;
}

/** Compiles, loads DATA (and `--prev`) and evaluates; prints every problem; null on errors. */
export async function evaluateFiles(schemePath: string, dataPath: string, prevPath: string | undefined): Promise<Results | null> {
  const checked = await loadScheme(schemePath);
  if (!checked) return null;
  const [data, prev] = await Promise.all([loadData(checked, dataPath), prevPath ? loadData(checked, prevPath, true) : null]);
  if (!data || (prevPath && !prev)) return null;
  const { program, diagnostics } = buildProgram(checked);
  if (!program) {
    process.stderr.write(renderDiagnostics(checked.source, diagnostics));
    return null;
  }
  const { results, issues } = evaluate(program, data, { prev });
  process.stderr.write(issues.map((i) => issueLine(checked, i)).join(""));
  return results;
}

/** Writes the run's receipt document (for `yardstick verify`), naming the files with their sha256. */
async function writeReceipt(results: Results, out: string, scheme: string, data: string, prev: string | undefined): Promise<number> {
  const ref = async (file: string) => ({ file, sha256: hasher().update(await readFile(file)).hex() });
  const doc = receiptDocument(results, { scheme: await ref(scheme), dataset: await ref(data), prev: prev ? await ref(prev) : null });
  return writeOutput(`${JSON.stringify(doc, null, 2)}\n`, out);
}

const FORMATS = ["table", "json", "csv", "xlsx"] as const;
const DEPTHS = ["none", "dimensions", "all"] as const;

/** Runs `eval`. */
export async function evalCommand(args: string[]): Promise<number> {
  const { options, positional } = splitArgs(args, ["prev", "format", "out", "depth", "receipt"]);
  const format = (options.get("format") ?? "table") as (typeof FORMATS)[number];
  const depth = (options.get("depth") ?? "dimensions") as TableDepth;
  const out = options.get("out");
  if (positional.length !== 2 || !FORMATS.includes(format) || !DEPTHS.includes(depth)) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (format === "xlsx" && !out) {
    process.stderr.write("yardstick eval: --format xlsx needs --out FILE\n");
    return 2;
  }
  const results = await evaluateFiles(positional[0]!, positional[1]!, options.get("prev"));
  if (!results) return 1;
  const receiptFile = options.get("receipt");
  if (receiptFile && (await writeReceipt(results, receiptFile, positional[0]!, positional[1]!, options.get("prev"))) !== 0) return 1;
  switch (format) {
    case "json": return writeOutput(`${JSON.stringify(results.toJSON(), null, 2)}\n`, out);
    case "csv": return writeOutput(csvTable(resultTable(results, depth)), out);
    case "xlsx": return writeOutput(await xlsxTable(resultTable(results, depth)), out);
    case "table": return writeOutput(textTable(resultTable(results, depth)), out);
  }
}
