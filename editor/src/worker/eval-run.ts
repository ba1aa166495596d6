/**
 * The evaluation worker's one job per scheme and dataset: compile the scheme, build its program,
 * load the stored dataset's bytes (and last period's) exactly as the server does, evaluate once,
 * and keep the results as the base every what-if starts from. Failures are values (a message),
 * never thrown: the page then falls back to the server.
 */
import { compile, hasErrors } from "../../../dsl/index.js";
import { formatDataIssue, hasDataErrors, loadDataset, type DataFormat, type DataSource, type Dataset } from "../../../engine/data/index.js";
import { evaluate } from "../../../engine/evaluate.js";
import { buildProgram } from "../../../engine/program.js";
import type { Results } from "../../../engine/results.js";
import { whatIf } from "../../../engine/whatif/index.js";
import type { CheckedScheme } from "../../../dsl/check/types.js";
import type { BaseRun, DataBytes, WhatIfOutcome } from "../eval/protocol.js";
import { baseRun, whatIfOutcome } from "./outcome.js";

/** A prepared base run, or why there is none. */
export type Prepared = { readonly ok: true; readonly results: Results; readonly base: BaseRun } | { readonly ok: false; readonly message: string };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The loader's format for a stored media type (as the server reads its store). */
function formatOf(mediaType: string): DataFormat | null {
  const t = mediaType.split(";")[0]!.trim().toLowerCase();
  return t === "text/csv" || t === "application/csv" ? "csv" : t === "application/json" ? "json" : t === XLSX_TYPE ? "xlsx" : null;
}

async function load(checked: CheckedScheme, d: DataBytes, previous: boolean): Promise<Dataset | string> {
  const format = formatOf(d.mediaType);
  if (!format) return `the stored dataset ${d.name} has media type \`${d.mediaType}\`, which cannot be read`;
  const bytes = new Uint8Array(d.bytes);
  const src: DataSource = format === "xlsx" ? { name: d.name, format, bytes } : { name: d.name, format, text: new TextDecoder().decode(bytes) };
  const loaded = await loadDataset(checked, src, { previous });
  if (!loaded.dataset || hasDataErrors(loaded.issues)) return formatDataIssue(loaded.issues.find((i) => i.severity === "error") ?? loaded.issues[0]!);
  return loaded.dataset;
}

/** Compiles, loads and evaluates: the base run. */
export async function prepare(source: string, file: string, data: DataBytes, prev: DataBytes | null): Promise<Prepared> {
  const checked = compile(source, file);
  const first = checked.diagnostics.find((d) => d.severity === "error");
  if (hasErrors(checked.diagnostics)) return { ok: false, message: `${file}:${first?.span.line}:${first?.span.col}: ${first?.message}` };
  const built = buildProgram(checked);
  if (!built.program) return { ok: false, message: built.diagnostics[0]?.message ?? "the scheme cannot be planned" };
  const dataset = await load(checked, data, false);
  if (typeof dataset === "string") return { ok: false, message: dataset };
  const prevSet = prev ? await load(checked, prev, true) : null;
  if (typeof prevSet === "string") return { ok: false, message: prevSet };
  const ev = evaluate(built.program, dataset, prevSet ? { prev: prevSet } : {});
  if (!ev.results) return { ok: false, message: ev.issues.find((i) => i.severity === "error")?.message ?? "the evaluation stopped" };
  return { ok: true, results: ev.results, base: baseRun(ev.results) };
}

/** A what-if from the base run: the outcome, or the overrides' and the run's errors as one message. */
export function runWhatIf(p: Extract<Prepared, { ok: true }>, overrides: readonly string[]): WhatIfOutcome | string {
  const started = performance.now();
  const w = whatIf(p.results, overrides);
  const errors = w.issues.filter((i) => i.severity === "error").map((i) => `\`${i.override}\`: ${i.message}`);
  if (errors.length > 0) return errors.join("; ");
  if (!w.results) return w.evalIssues.find((i) => i.severity === "error")?.message ?? "the evaluation with the overrides stopped";
  return whatIfOutcome(p.base, w, started);
}
