/**
 * The loaded dataset and the problems found while loading it. A `Dataset` is the engine's
 * `ColumnarData` plus where each region came from, so every `DataIssue` can point at the row a
 * user sees in the file (the CSV line, the spreadsheet row, the JSON element).
 */
import type { ColumnarData } from "../runtime.js";

/** The file formats a dataset may come in. */
export type DataFormat = "csv" | "json" | "xlsx";

/** A columnar dataset with its provenance. */
export interface Dataset extends ColumnarData {
  /** The file name (or other label) the data was read from. */
  readonly name: string;
  readonly format: DataFormat;
  /** Per region, the row it was read from: CSV line, XLSX sheet row, or JSON element (1-based). */
  readonly rows: readonly number[];
}

/** Stable codes of dataset problems; tests, the CLI and the API rely on them. */
export const DATA_CODES = {
  "unreadable": "the file cannot be read as the format it claims (bad JSON, not UTF-8, not a workbook)",
  "bad-shape": "the file is readable but is not a table of regions (e.g. JSON that is not an array of objects)",
  "empty-dataset": "the dataset has no data rows",
  "no-id-column": "no column identifies the regions (the scheme's `unit` column, or `id`)",
  "duplicate-column": "two columns have the same header",
  "row-length": "a row has more cells than the header",
  "missing-region": "a row has no region id",
  "duplicate-region": "two rows have the same region id",
  "missing-column": "the dataset has no column for a required input",
  "missing-value": "a required input has no value for a region",
  "not-a-number": "a numeric input holds text that is not a number",
  "not-a-boolean": "a boolean input holds something other than yes/no",
  "bad-ratings": "a ratings input holds something other than a list of numbers",
  "out-of-range": "a value outside the input's declared `range`",
  "not-allowed": "a category value that is not one of the input's `values`",
  "unknown-column": "a column the scheme does not declare (ignored)",
} as const;

/** A stable dataset issue code. */
export type DataCode = keyof typeof DATA_CODES;

/** One problem in a dataset: the dataset's `Diagnostic`. */
export interface DataIssue {
  readonly code: DataCode;
  /** An error means the dataset cannot be used; a warning is reported beside it. */
  readonly severity: "error" | "warning";
  /** The file (or label) the dataset was read from. */
  readonly file: string;
  /** The row as the user sees it (CSV line, sheet row, JSON element, 1-based); null for the whole file. */
  readonly row: number | null;
  /** The region id of that row, when it has one. */
  readonly region: string | null;
  /** The column concerned, when there is one. */
  readonly field: string | null;
  /** One line in the diagnostics' style: lower-case, no final period, the user's text in backticks. */
  readonly message: string;
  /** How to fix it, when there is something useful to say. */
  readonly help?: string;
}

/** Where an issue is: file, row, region, field (all but the file optional). */
export interface IssuePlace {
  readonly file: string;
  readonly row?: number | null;
  readonly region?: string | null;
  readonly field?: string | null;
}

/** Makes a dataset issue. */
export function dataIssue(code: DataCode, severity: DataIssue["severity"], message: string, at: IssuePlace, help?: string): DataIssue {
  const base = { code, severity, file: at.file, row: at.row ?? null, region: at.region ?? null, field: at.field ?? null, message };
  return help === undefined ? base : { ...base, help };
}

/** True when any issue is an error. */
export function hasDataErrors(issues: readonly DataIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** Formats an issue as one line: `file:row: error: region X, field Y: message`. */
export function formatDataIssue(i: DataIssue): string {
  const where = i.row === null ? i.file : `${i.file}:${i.row}`;
  const about = [i.region !== null ? `region ${i.region}` : null, i.field !== null ? `field ${i.field}` : null].filter((x) => x !== null);
  return `${where}: ${i.severity}: ${about.length ? `${about.join(", ")}: ` : ""}${i.message}${i.help ? ` (${i.help})` : ""}`;
}
