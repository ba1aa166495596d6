/**
 * Loading a dataset for a scheme: read the file (CSV, JSON or XLSX), find the region id column,
 * read every cell of every declared input, validate each row against the scheme's JSON Schema,
 * and build the engine's columns. CSV and JSON rows go straight from the reader into the columns
 * (`build.ts`), one at a time; CSV bytes are decoded a chunk at a time and may arrive in chunks
 * (`loadCsvChunks`, `csv-bytes.ts`), so a CSV file's text is never held whole. Every problem
 * becomes a `DataIssue` naming the file, the row, the
 * region and the field; nothing here throws on bad input.
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import { buildDataset, DatasetBuilder, type Built } from "./build.js";
import { notUtf8, readCsvChunks, lineFeeds, slices } from "./csv-bytes.js";
import { streamCsv } from "./csv.js";
import { dataIssue, hasDataErrors, type DataFormat, type DataIssue, type Dataset } from "./dataset.js";
import { datasetShape, type DatasetShape } from "./fields.js";
import { streamJson } from "./json.js";

export { buildDataset } from "./build.js";

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
    return { issue: notUtf8(src.name) };
  }
}

/** The reader's issues, then the builder's; no dataset when the file is not a table. */
async function readAndBuild(src: DataSource, format: DataFormat, shape: DatasetShape): Promise<{ readIssues: readonly DataIssue[]; built: Built | null }> {
  if (format === "xlsx") {
    const bytes = src.bytes ?? (src.text !== undefined ? new TextEncoder().encode(src.text) : new Uint8Array());
    // exceljs is large: loaded only for workbooks (the editor's bundle and CSV runs skip it).
    const { readXlsx } = await import("./xlsx.js");
    const got = await readXlsx(bytes, src.name);
    return { readIssues: got.issues, built: got.table ? buildDataset(shape, got.table, src.name, format) : null };
  }
  // CSV bytes are decoded a chunk at a time: the text is never held whole.
  if (format === "csv" && src.text === undefined && src.bytes) return readCsvChunks(shape, src.name, slices(src.bytes), lineFeeds(src.bytes) + 1);
  const t = textOf(src);
  if ("issue" in t) return { readIssues: [t.issue], built: null };
  const builder = new DatasetBuilder(shape, src.name);
  if (format === "csv") {
    const readIssues = streamCsv(t.text, src.name, builder);
    return { readIssues, built: builder.finish(format) };
  }
  const { usable, issues } = streamJson(t.text, src.name, builder);
  return { readIssues: issues, built: usable ? builder.finish(format) : null };
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

const PREVIOUS = new WeakMap<DatasetShape, DatasetShape>();

/** The shape a previous-period dataset must have: the scheme's, with every input optional (made once per shape). */
function previousShape(shape: DatasetShape): DatasetShape {
  let s = PREVIOUS.get(shape);
  if (!s) PREVIOUS.set(shape, (s = { ...shape, fields: shape.fields.map((f) => ({ ...f, required: false })) }));
  return s;
}

/** Loads a dataset for a checked scheme; never throws on bad input. */
export async function loadDataset(checked: CheckedScheme, src: DataSource, options: LoadOptions = {}): Promise<LoadResult> {
  const format = src.format ?? formatOf(src.name);
  if (format === null) {
    return { dataset: null, issues: [dataIssue("unreadable", "error", "cannot tell the file's format from its name", { file: src.name }, "use a .csv, .json or .xlsx file")] };
  }
  const { readIssues, built } = await readAndBuild(src, format, shapeFor(checked, options));
  return result(readIssues, built);
}

function shapeFor(checked: CheckedScheme, options: LoadOptions): DatasetShape {
  return options.previous ? previousShape(shapeOf(checked)) : shapeOf(checked);
}

function result(readIssues: readonly DataIssue[], built: Built | null): LoadResult {
  if (!built) return { dataset: null, issues: readIssues };
  const issues = [...readIssues, ...built.issues];
  return { dataset: hasDataErrors(issues) ? null : built.dataset, issues };
}

/**
 * Loads a CSV dataset whose bytes arrive in chunks (a file read piece by piece), with the same
 * result and issues as `loadDataset` on the whole file; only a chunk and the rows being read are
 * held at a time. `rowBound` (at least the number of data rows: the file's line feeds plus one)
 * sizes the columns once. A chunk may be reused once the next one is asked for. Never throws on bad input.
 */
export async function loadCsvChunks(checked: CheckedScheme, name: string, chunks: AsyncIterable<Uint8Array>, options: LoadOptions & { readonly rowBound?: number } = {}): Promise<LoadResult> {
  const { readIssues, built } = await readCsvChunks(shapeFor(checked, options), name, chunks, options.rowBound ?? null);
  return result(readIssues, built);
}
