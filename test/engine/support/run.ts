/** Test helpers: columnar datasets from row objects, and compile-and-evaluate in one call. */
import { buildProgram, type Program } from "../../../engine/program.js";
import { evaluate, type Evaluation } from "../../../engine/evaluate.js";
import type { ColumnarData } from "../../../engine/runtime.js";
import { checkedFor } from "./checked.js";

/** A cell: a number, a category text, a list of ratings, or missing. */
export type Cell = number | string | boolean | readonly number[] | null | undefined;

/** A columnar dataset from rows; `id` is the region id. Fields are typed by their first non-missing value. */
export function dataset(rows: readonly Record<string, Cell>[]): ColumnarData {
  const regions = rows.map((r) => String(r["id"]));
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== "id");
  const columns = new Map<string, Float64Array>();
  const categories = new Map<string, (string | null)[]>();
  const ratings = new Map<string, (number[] | null)[]>();
  const missing = new Map<string, Uint8Array>();
  for (const name of names) {
    const cells = rows.map((r) => r[name]);
    const miss = Uint8Array.from(cells, (c) => (c === null || c === undefined ? 1 : 0));
    missing.set(name, miss);
    const sample = cells.find((c) => c !== null && c !== undefined);
    if (typeof sample === "string") categories.set(name, cells.map((c) => (typeof c === "string" ? c : null)));
    else if (Array.isArray(sample)) ratings.set(name, cells.map((c) => (Array.isArray(c) ? [...c] : null)));
    else columns.set(name, Float64Array.from(cells, (c) => (typeof c === "number" ? c : typeof c === "boolean" ? Number(c) : NaN)));
  }
  return { regions, columns, categories, ratings, missing };
}

/** Compiles scheme text into a program (throws on errors: tests only). */
export function programFor(text: string): Program {
  const { program, diagnostics } = buildProgram(checkedFor(text));
  if (!program) throw new Error(diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`).join("\n"));
  return program;
}

/** Compiles and evaluates. */
export function run(text: string, rows: readonly Record<string, Cell>[], prev?: readonly Record<string, Cell>[]): Evaluation {
  return evaluate(programFor(text), dataset(rows), prev ? { prev: dataset(prev) } : {});
}

/** Scores of one tree path for every region, rounded to 9 decimals. */
export function scores(ev: Evaluation, path: string): number[] {
  if (!ev.results) throw new Error(ev.issues.map((i) => i.message).join("\n"));
  return Array.from(ev.results.tree.get(path)!.score, (x) => Math.round(x * 1e9) / 1e9 + 0);
}

/** Totals for every region, rounded to 9 decimals. */
export function totals(ev: Evaluation): number[] {
  if (!ev.results) throw new Error(ev.issues.map((i) => i.message).join("\n"));
  return Array.from(ev.results.total, (x) => Math.round(x * 1e9) / 1e9 + 0);
}
