/**
 * The raw table every reader produces: a header and rows of cells, each row with the number the
 * user sees for it (CSV line, sheet row, JSON element). Readers only split the file; the loader
 * gives the cells their meaning. Readers deliver the table row by row to a `TableSink`, so the
 * loader never holds every row at once; `collectTable` keeps them for callers that want them all.
 */
import type { RawCell } from "./cells.js";
import type { DataIssue } from "./dataset.js";

/** One data row as read. */
export interface RawRow {
  /** The row as the user sees it (1-based). */
  readonly row: number;
  readonly cells: readonly RawCell[];
}

/** A file split into a header and rows. */
export interface RawTable {
  readonly headers: readonly string[];
  /** Where the header is (CSV line, sheet row); null for JSON, whose keys have no row. */
  readonly headerRow: number | null;
  readonly rows: readonly RawRow[];
}

/** What a reader returns: the table (null when the file is unusable) and the problems found. */
export interface ReadResult {
  readonly table: RawTable | null;
  readonly issues: readonly DataIssue[];
}

/**
 * Where a streaming reader delivers a table: the header once (never, for a file without one),
 * then each data row in file order. A reader may reuse a row's `cells` after `row` returns.
 */
export interface TableSink {
  /** `rowBound`: about the number of rows to come, when the reader can tell cheaply (to size columns). */
  header(headers: readonly string[], headerRow: number | null, rowBound?: number): void;
  row(row: number, cells: readonly RawCell[]): void;
}

/** A sink that keeps the whole table; `table()` is what was delivered (no header: an empty table). */
export function collectTable(): TableSink & { table(): RawTable } {
  let headers: readonly string[] = [];
  let headerRow: number | null = null;
  const rows: RawRow[] = [];
  return {
    header(h, at) { headers = h; headerRow = at; },
    row(row, cells) { rows.push({ row, cells: [...cells] }); },
    table: () => ({ headers, headerRow, rows }),
  };
}

/** Delivers a table already in memory to a sink. */
export function replayTable(t: RawTable, sink: TableSink): void {
  if (t.headers.length === 0) return;
  sink.header(t.headers, t.headerRow, t.rows.length);
  for (const r of t.rows) sink.row(r.row, r.cells);
}
