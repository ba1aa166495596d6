/**
 * The API's analysis routes as the editor uses them: datasets, evaluation, explanation, what-if,
 * sensitivity (a polled job) and structural diff. Result shapes are the engine's own JSON types.
 */
import type { SchemeDiff } from "../../../engine/diff/types.js";
import type { Explanation } from "../../../engine/explain.js";
import type { EvalIssue } from "../../../engine/issues.js";
import type { RegionResult } from "../../../engine/results-region.js";
import type { RegionSensitivity } from "../../../engine/sensitivity/summary.js";
import { call, problemText, send, seg, type ProblemBody } from "./http.js";

export type { Change, SchemeDiff } from "../../../engine/diff/types.js";
export type { ExplainNode, Explanation } from "../../../engine/explain.js";
export type { RegionResult } from "../../../engine/results-region.js";

/** A stored dataset's description. */
export interface DatasetInfo {
  readonly name: string;
  readonly period: string;
  readonly mediaType: string;
  readonly rowCount: number;
  readonly updatedAt: string;
}

/** Which data a run uses: a stored dataset, and optionally last period's for `prev(x)`. */
export interface DatasetRef {
  readonly name: string;
  readonly period: string;
  readonly prev?: { readonly name: string; readonly period: string } | null;
}

/** A dataset problem the server reports beside the results (row and field as the user sees them). */
export interface DataWarning {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly row: number | null;
  readonly region: string | null;
  readonly field: string | null;
  readonly message: string;
}

/** Results as the API returns them (the engine's `Results.toJSON()` after the run header). */
export interface ResultsJson {
  readonly schemeHash: string;
  readonly receipt: string;
  readonly issues: readonly EvalIssue[];
  readonly regions: readonly RegionResult[];
  readonly datasetWarnings?: readonly DataWarning[];
}

/** What a run is of: a stored version, or the editor's (unsaved) text. */
export type RunTarget =
  | { readonly kind: "version"; readonly scheme: string; readonly version: string }
  | { readonly kind: "source"; readonly source: string };

const versionPath = (t: { scheme: string; version: string }): string => `/schemes/${seg(t.scheme)}/versions/${seg(t.version)}`;
const stored = (d: { name: string; period: string }): string => `${d.name}/${d.period}`;
/** The dataset as a version route's query. */
const dataQuery = (d: DatasetRef): Record<string, string> => ({ dataset: stored(d), ...(d.prev ? { prev: stored(d.prev) } : {}) });
/** The dataset as a JSON body's properties. */
const dataBody = (d: DatasetRef): Record<string, string> => ({ stored: stored(d), ...(d.prev ? { prevStored: stored(d.prev) } : {}) });

/** Stored datasets. */
export async function listDatasets(): Promise<DatasetInfo[]> {
  return (await call<{ datasets: DatasetInfo[] }>("GET", "/datasets")).datasets;
}

/** Uploads a CSV or XLSX file as a stored dataset (replacing one of the same name and period). */
export async function uploadDataset(file: File, ref: DatasetRef): Promise<DatasetInfo> {
  const xlsx = /\.xlsx$/i.test(file.name);
  const type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
  const r = await call<{ dataset: DatasetInfo }>("PUT", `/datasets/${seg(ref.name)}/${seg(ref.period)}`, { raw: { body: file, type }, query: { replace: "true" } });
  return r.dataset;
}

/** A stored dataset's content exactly as uploaded, with its media type (for the evaluation worker). */
export async function datasetBytes(d: { name: string; period: string }): Promise<{ name: string; mediaType: string; bytes: ArrayBuffer }> {
  const res = await send("GET", `/datasets/${seg(d.name)}/${seg(d.period)}`, { accept: "*/*" });
  return { name: stored(d), mediaType: res.headers.get("Content-Type") ?? "", bytes: await res.arrayBuffer() };
}

/** Evaluates a version or a source on a stored dataset. */
export async function evaluate(target: RunTarget, data: DatasetRef): Promise<ResultsJson> {
  if (target.kind === "source") return call<ResultsJson>("POST", "/evaluate", { json: { source: target.source, ...dataBody(data) } });
  return call<ResultsJson>("POST", `${versionPath(target)}/evaluate`, { query: dataQuery(data) });
}

/** One region's explanation. */
export async function explainRegion(target: RunTarget, data: DatasetRef, region: string): Promise<Explanation> {
  const r = target.kind === "source"
    ? await call<{ explanation: Explanation }>("POST", "/explain", { json: { source: target.source, ...dataBody(data), region } })
    : await call<{ explanation: Explanation }>("POST", `${versionPath(target)}/explain`, { query: { ...dataQuery(data), region } });
  return r.explanation;
}

/** One override: `path.field=value`, as the engine reads it. */
export type OverrideText = string;

/** Evaluates with overrides (at least one); regions in the same shape as `evaluate`. */
export async function whatIf(target: RunTarget, data: DatasetRef, overrides: readonly OverrideText[]): Promise<ResultsJson> {
  const r = target.kind === "source"
    ? await call<{ results: ResultsJson }>("POST", "/whatif", { json: { source: target.source, ...dataBody(data), overrides } })
    : await call<{ results: ResultsJson }>("POST", `${versionPath(target)}/whatif`, { json: { ...dataBody(data), overrides } });
  return r.results;
}

export type { RegionSensitivity } from "../../../engine/sensitivity/summary.js";

/** Runs a sensitivity analysis as a job (`spread` in percent), reporting progress (0..1); resolves to each region's rank interval. */
export async function sensitivity(target: RunTarget, data: DatasetRef, options: { samples: number; spread: number }, progress: (f: number) => void): Promise<RegionSensitivity[]> {
  const started = target.kind === "source"
    ? await call<{ job: JobView }>("POST", "/sensitivity", { json: { source: target.source, ...dataBody(data), ...options } })
    : await call<{ job: JobView }>("POST", `${versionPath(target)}/sensitivity`, { json: { ...dataBody(data), ...options } });
  let view = started.job;
  while (view.state === "running") {
    progress(view.progress);
    await new Promise((r) => setTimeout(r, 250));
    view = (await call<{ job: JobView }>("GET", `/jobs/${seg(view.id)}`)).job;
  }
  progress(1);
  if (view.state === "failed") throw new Error(problemText(view.problem ?? {}, 500));
  return (view.result as { regions: RegionSensitivity[] }).regions;
}

interface JobView {
  readonly id: string;
  readonly state: "running" | "done" | "failed";
  readonly progress: number;
  readonly result?: unknown;
  readonly problem?: ProblemBody;
}

/** The structural diff of two versions of a scheme. */
export async function structuralDiff(scheme: string, from: string, to: string): Promise<SchemeDiff> {
  return call<SchemeDiff>("GET", `/schemes/${seg(scheme)}/diff`, { query: { from, to } });
}
