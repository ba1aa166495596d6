/**
 * The raw table every reader produces: a header and rows of cells, each row with the number the
 * user sees for it (CSV line, sheet row, JSON element). Readers only split the file; the loader
 * gives the cells their meaning.
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
