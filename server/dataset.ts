/**
 * Datasets for evaluation: a request body (JSON, CSV or XLSX, by content type), rows inside a
 * JSON envelope, or a stored dataset, loaded for a scheme through `engine/data`. Problems become
 * one 422 problem whose entries name the row and field (and, for JSON, a pointer to the cell).
 */
import type { CheckedScheme } from "../dsl/index.js";
import { hasDataErrors, loadDataset, type DataFormat, type DataIssue, type DataSource, type Dataset } from "../engine/data/index.js";
import type { SchemeStore } from "../store/index.js";
import { XLSX_TYPE } from "./body.js";
import { Lru } from "./lru.js";
import { problem, type ProblemLocation } from "./problem.js";
import type { Body } from "./route.js";

/** Where a dataset comes from. */
export type DataRef =
  | { readonly kind: "body"; readonly body: Body }
  /** Rows (or `{rows}`) inside a JSON request, at `pointer`. */
  | { readonly kind: "rows"; readonly rows: unknown; readonly pointer: string }
  | { readonly kind: "stored"; readonly name: string; readonly period: string };

/** A loaded dataset, its warnings, and what to record about it in the audit log. */
export interface LoadedData {
  readonly dataset: Dataset;
  readonly warnings: readonly DataIssue[];
  /** e.g. `{ stored: "县域/2024", sha256 }` or `{ posted: "text/csv", rows }`. */
  readonly about: Readonly<Record<string, unknown>>;
}

/** The media type to store for each body kind. */
export function mediaTypeOf(body: Body): string | null {
  return body.kind === "json" ? "application/json" : body.kind === "csv" ? "text/csv" : body.kind === "xlsx" ? XLSX_TYPE : null;
}

/** The loader's format for a stored media type. */
export function formatOfMediaType(type: string): DataFormat | null {
  const t = type.split(";")[0]!.trim().toLowerCase();
  return t === "text/csv" || t === "application/csv" ? "csv" : t === "application/json" ? "json" : t === XLSX_TYPE ? "xlsx" : null;
}

/** A body as the loader's source. */
export function sourceOfBody(body: Body, name = "request body"): DataSource | null {
  if (body.kind === "json") return { name, format: "json", text: body.text };
  if (body.kind === "csv") return { name, format: "csv", text: body.text };
  if (body.kind === "xlsx") return { name, format: "xlsx", bytes: body.bytes };
  return null;
}

function location(i: DataIssue, pointer: string | null): ProblemLocation {
  const cell = pointer !== null && i.row !== null ? `${pointer}/${i.row - 1}${i.field !== null ? `/${i.field.replace(/~/g, "~0").replace(/\//g, "~1")}` : ""}` : null;
  return {
    code: i.code, message: i.message,
    ...(i.row !== null ? { row: i.row } : {}), ...(i.field !== null ? { field: i.field } : {}), ...(i.region !== null ? { region: i.region } : {}),
    ...(cell !== null ? { pointer: cell } : pointer !== null && i.row === null ? { pointer } : {}),
    ...(i.help ? { help: i.help } : {}),
  };
}

/** The 422 problem for a dataset with errors: every issue with its row and field. */
export function datasetProblem(issues: readonly DataIssue[], pointer: string | null): ReturnType<typeof problem> {
  const errors = issues.filter((i) => i.severity === "error");
  const first = errors[0];
  const where = first ? `${first.row !== null ? `row ${first.row}` : "the file"}${first.field !== null ? `, field \`${first.field}\`` : ""}: ${first.message}` : "";
  return problem(422, "dataset-errors", "the dataset has errors", `${errors.length} error${errors.length === 1 ? "" : "s"} in the dataset; first at ${where}`, {
    errors: errors.map((i) => location(i, pointer)),
    warnings: issues.filter((i) => i.severity === "warning").map((i) => location(i, pointer)),
  });
}

// per compiled scheme (the compile cache hands out one object per text), by content hash
const storedCache = new WeakMap<CheckedScheme, Lru<string, Dataset>>();

async function loadSource(checked: CheckedScheme, src: DataSource, pointer: string | null, previous = false): Promise<{ dataset: Dataset; warnings: DataIssue[] }> {
  const loaded = await loadDataset(checked, src, { previous });
  if (!loaded.dataset || hasDataErrors(loaded.issues)) throw datasetProblem(loaded.issues, pointer);
  return { dataset: loaded.dataset, warnings: loaded.issues.filter((i) => i.severity === "warning") };
}

async function loadStored(store: SchemeStore, checked: CheckedScheme, name: string, period: string, previous: boolean): Promise<LoadedData> {
  const stored = await store.getDataset(name, period);
  if (!stored) throw problem(404, "unknown-dataset", "unknown dataset", `there is no stored dataset \`${name}\` for period \`${period}\``);
  const format = formatOfMediaType(stored.mediaType);
  if (!format) throw problem(422, "dataset-errors", "unreadable stored dataset", `the stored dataset has media type \`${stored.mediaType}\`, which cannot be read`);
  const about = { stored: `${stored.name}/${stored.period}`, sha256: stored.sha256, rows: stored.rowCount };
  let cache = storedCache.get(checked);
  if (!cache) storedCache.set(checked, (cache = new Lru<string, Dataset>(8)));
  const key = `${previous ? "prev" : "data"}:${stored.sha256}`;
  const hit = cache.get(key);
  if (hit) return { dataset: hit, warnings: [], about };
  const src: DataSource = format === "xlsx" ? { name: `${stored.name}/${stored.period}`, format, bytes: stored.content } : { name: `${stored.name}/${stored.period}`, format, text: new TextDecoder().decode(stored.content) };
  const { dataset, warnings } = await loadSource(checked, src, null, previous);
  cache.set(key, dataset);
  return { dataset, warnings, about };
}

/** Loads the dataset a request names (`previous`: last period's), for a checked scheme; throws 404/415/422 problems. */
export async function loadData(store: SchemeStore, checked: CheckedScheme, ref: DataRef, previous = false): Promise<LoadedData> {
  if (ref.kind === "stored") return loadStored(store, checked, ref.name, ref.period, previous);
  if (ref.kind === "rows") {
    const { dataset, warnings } = await loadSource(checked, { name: "request", format: "json", text: JSON.stringify(ref.rows) }, rowsPointer(ref), previous);
    return { dataset, warnings, about: { posted: "application/json", rows: dataset.regions.length } };
  }
  const src = sourceOfBody(ref.body);
  if (!src) throw problem(415, "unsupported-media-type", "a dataset is needed", "send the dataset as the body (JSON, CSV or XLSX) or name a stored one with `?dataset=NAME&period=P`");
  const { dataset, warnings } = await loadSource(checked, src, src.format === "json" ? rowsPointer({ rows: ref.body.kind === "json" ? ref.body.value : null, pointer: "" }) : null, previous);
  return { dataset, warnings, about: { posted: mediaTypeOf(ref.body), rows: dataset.regions.length } };
}

/** The pointer to the row array: `{rows: [...]}` puts rows under `/rows`. */
function rowsPointer(ref: { rows: unknown; pointer: string }): string {
  return ref.rows !== null && typeof ref.rows === "object" && !Array.isArray(ref.rows) ? `${ref.pointer}/rows` : ref.pointer;
}
