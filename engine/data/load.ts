/**
 * Loading a dataset for a scheme: read the file (CSV, JSON or XLSX), find the region id column,
 * read every cell of every declared input, validate each row against the scheme's JSON Schema,
 * and build the engine's columns. Every problem becomes a `DataIssue` naming the file, the row,
 * the region and the field; nothing here throws on bad input.
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import { closest } from "../../dsl/suggest.js";
import { isProblem, readCell, readId, type CellValue } from "./cells.js";
import { readCsv } from "./csv.js";
import { dataIssue, hasDataErrors, type DataFormat, type DataIssue, type Dataset } from "./dataset.js";
import { datasetShape, type DatasetShape, type FieldSpec } from "./fields.js";
import { readJson } from "./json.js";
import type { RawTable, ReadResult } from "./table.js";
import { rowValidator } from "./validate.js";

/** A dataset to load: its name, its content (text or bytes) and its format. */
export interface DataSource {
  /** File name (or label) used in issues; its extension gives the format when `format` is not set. */
  readonly name: string;
  readonly format?: DataFormat;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

/** The loaded dataset (null when any issue is an error) and every issue found. */
export interface LoadResult {
  readonly dataset: Dataset | null;
  readonly issues: readonly DataIssue[];
}

/** The format a file name implies (by extension), or null. */
export function formatOf(name: string): DataFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === "csv" || ext === "txt" || ext === "tsv" ? "csv" : ext === "json" ? "json" : ext === "xlsx" ? "xlsx" : null;
}

function textOf(src: DataSource): { text: string } | { issue: DataIssue } {
  if (src.text !== undefined) return { text: src.text };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(src.bytes ?? new Uint8Array()) };
  } catch {
    return { issue: dataIssue("unreadable", "error", "the file is not UTF-8 text", { file: src.name }, "save it as UTF-8 (GBK and other encodings are not read)") };
  }
}

async function read(src: DataSource): Promise<ReadResult> {
  const format = src.format ?? formatOf(src.name);
  if (format === null) {
    return { table: null, issues: [dataIssue("unreadable", "error", "cannot tell the file's format from its name", { file: src.name }, "use a .csv, .json or .xlsx file")] };
  }
  if (format === "xlsx") {
    const bytes = src.bytes ?? (src.text !== undefined ? new TextEncoder().encode(src.text) : new Uint8Array());
    // exceljs is large: loaded only for workbooks (the editor's bundle and CSV runs skip it).
    const { readXlsx } = await import("./xlsx.js");
    return readXlsx(bytes, src.name);
  }
  const t = textOf(src);
  if ("issue" in t) return { table: null, issues: [t.issue] };
  return format === "csv" ? readCsv(t.text, src.name) : readJson(t.text, src.name);
}

const SHAPES = new WeakMap<CheckedScheme, DatasetShape>();

/** The dataset shape of a scheme, computed once per checked scheme (its validator is cached with it). */
function shapeOf(checked: CheckedScheme): DatasetShape {
  let s = SHAPES.get(checked);
  if (!s) SHAPES.set(checked, (s = datasetShape(checked)));
  return s;
}

/** How a dataset is used. */
export interface LoadOptions {
  /**
   * Last period's dataset: only the columns `prev(x)` reads matter, so no input is required in it
   * (a value it lacks is missing, and the scheme's missing-data policy applies).
   */
  readonly previous?: boolean;
}

/** The shape a previous-period dataset must have: the scheme's, with every input optional. */
function previousShape(shape: DatasetShape): DatasetShape {
  return { ...shape, fields: shape.fields.map((f) => ({ ...f, required: false })) };
}

/** Loads a dataset for a checked scheme; never throws on bad input. */
export async function loadDataset(checked: CheckedScheme, src: DataSource, options: LoadOptions = {}): Promise<LoadResult> {
  const got = await read(src);
  const format = src.format ?? formatOf(src.name) ?? "csv";
  if (!got.table) return { dataset: null, issues: got.issues };
  const shape = options.previous ? previousShape(shapeOf(checked)) : shapeOf(checked);
  const built = buildDataset(shape, got.table, src.name, format);
  const issues = [...got.issues, ...built.issues];
  return { dataset: hasDataErrors(issues) ? null : built.dataset, issues };
}

/** Where each column of the file goes. */
interface Layout {
  readonly id: number;
  readonly fields: readonly { readonly spec: FieldSpec; readonly col: number }[];
}

function headerIssues(shape: DatasetShape, t: RawTable, file: string): { layout: Layout | null; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const at = { file, row: t.headerRow };
  const first = new Map<string, number>();
  t.headers.forEach((h, k) => {
    if (first.has(h) && h !== "") issues.push(dataIssue("duplicate-column", "error", `the column \`${h}\` appears twice (columns ${first.get(h)! + 1} and ${k + 1})`, { ...at, field: h }));
    else if (!first.has(h)) first.set(h, k);
  });
  const idName = [shape.idColumn, ...shape.idAliases].find((c) => first.has(c));
  const specs = new Map(shape.fields.map((f) => [f.name, f]));
  for (const h of first.keys()) {
    if (h === idName || specs.has(h) || h === "") continue;
    const why = shape.computed.has(h) ? `\`${h}\` is computed by the scheme, so the column is ignored` : `the scheme has no input \`${h}\`; the column is ignored`;
    const guess = shape.computed.has(h) ? null : closest(h, [...specs.keys(), shape.idColumn]);
    issues.push(dataIssue("unknown-column", "warning", why, { ...at, field: h }, guess ? `did you mean \`${guess}\`?` : undefined));
  }
  for (const f of shape.fields) {
    if (f.required && !first.has(f.name)) issues.push(dataIssue("missing-column", "error", `there is no column for the required input \`${f.name}\`${f.label ? ` (${f.label})` : ""}`, { ...at, field: f.name }));
  }
  if (idName === undefined) {
    const names = [shape.idColumn, ...shape.idAliases].map((c) => `\`${c}\``).join(" or ");
    issues.push(dataIssue("no-id-column", "error", `no column identifies the regions: expected ${names}`, at, "the scheme's header names it: `unit …`"));
    return { layout: null, issues };
  }
  const fields = shape.fields.filter((f) => first.has(f.name)).map((spec) => ({ spec, col: first.get(spec.name)! }));
  return { layout: { id: first.get(idName)!, fields }, issues };
}

/** Builds the dataset from a raw table: header checks, cells, row validation, columns. */
export function buildDataset(shape: DatasetShape, t: RawTable, file: string, format: DataFormat): { dataset: Dataset | null; issues: DataIssue[] } {
  if (t.headers.length === 0) return { dataset: null, issues: [dataIssue("empty-dataset", "error", "the file is empty", { file })] };
  const { layout, issues } = headerIssues(shape, t, file);
  if (!layout) return { dataset: null, issues };
  if (t.rows.length === 0) {
    issues.push(dataIssue("empty-dataset", "error", "the dataset has no rows of data", { file, row: t.headerRow }));
    return { dataset: null, issues };
  }
  const absent = new Set(shape.fields.filter((f) => !layout.fields.some((l) => l.spec === f)).map((f) => f.name));
  const validate = rowValidator(shape);
  const seen = new Map<string, number>();
  const kept: { row: number; id: string; values: Map<string, CellValue> }[] = [];
  for (const r of t.rows) {
    const width = r.cells.length;
    if (width > t.headers.length && r.cells.slice(t.headers.length).some((c) => c !== null && c !== undefined && String(c).trim() !== "")) {
      issues.push(dataIssue("row-length", "error", `the row has ${width} cells but the header has ${t.headers.length}`, { file, row: r.row }, "a number with a thousands separator (`1,234`) must be quoted in CSV"));
    }
    const id = readId(r.cells[layout.id]);
    const at = { file, row: r.row, region: id };
    if (id === null) issues.push(dataIssue("missing-region", "error", "the row has no region id", { ...at, field: t.headers[layout.id]! }));
    else if (seen.has(id)) issues.push(dataIssue("duplicate-region", "error", `the region \`${id}\` is also on row ${seen.get(id)}`, { ...at, field: t.headers[layout.id]! }));
    else seen.set(id, r.row);
    const values = new Map<string, CellValue>();
    const canonical: Record<string, unknown> = { [shape.idColumn]: id ?? "" };
    const skip = new Set(absent);
    for (const { spec, col } of layout.fields) {
      const v = readCell(r.cells[col], spec);
      if (isProblem(v)) {
        issues.push(dataIssue(v.code, "error", v.message, { ...at, field: spec.name }, v.help));
        skip.add(spec.name);
      } else if (v !== null) {
        values.set(spec.name, v);
        canonical[spec.name] = v;
      }
    }
    issues.push(...validate(canonical, at, skip));
    kept.push({ row: r.row, id: id ?? "", values });
  }
  return { dataset: hasDataErrors(issues) ? null : columns(layout, kept, file, format), issues };
}

function columns(layout: Layout, kept: readonly { row: number; id: string; values: Map<string, CellValue> }[], name: string, format: DataFormat): Dataset {
  const numbers = new Map<string, Float64Array>();
  const categories = new Map<string, (string | null)[]>();
  const ratings = new Map<string, (readonly number[] | null)[]>();
  const missing = new Map<string, Uint8Array>();
  for (const { spec } of layout.fields) {
    const cells = kept.map((k) => k.values.get(spec.name) ?? null);
    missing.set(spec.name, Uint8Array.from(cells, (c) => (c === null ? 1 : 0)));
    if (spec.kind === "category") categories.set(spec.name, cells.map((c) => (typeof c === "string" ? c : null)));
    else if (spec.kind === "ratings") ratings.set(spec.name, cells.map((c) => (Array.isArray(c) ? c : null)));
    else numbers.set(spec.name, Float64Array.from(cells, (c) => (typeof c === "number" ? c : typeof c === "boolean" ? Number(c) : NaN)));
  }
  return { name, format, rows: kept.map((k) => k.row), regions: kept.map((k) => k.id), columns: numbers, categories, ratings, missing };
}
