/**
 * CSV reading with papaparse (the same code runs in the browser): UTF-8 with or without a BOM,
 * comma- or tab-separated, quoted cells may hold commas and line breaks. Each row keeps the line
 * it starts on, so issues point at what an editor shows.
 */
import Papa from "papaparse";
import { dataIssue, type DataIssue } from "./dataset.js";
import type { RawRow, ReadResult } from "./table.js";

/** Counts lines up to a moving offset without rescanning the text. */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  /** The line of the first non-blank character at or after `offset`. */
  lineAt(offset: number): number {
    let start = offset;
    while (start < this.text.length && /\s/.test(this.text[start]!)) start++;
    for (; this.pos < start; this.pos++) if (this.text.charCodeAt(this.pos) === 10) this.line++;
    return this.line;
  }
}

/** Splits CSV text into a header and rows; never throws. */
export function readCsv(text: string, file: string): ReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineCounter(body);
  const issues: DataIssue[] = [];
  const rows: RawRow[] = [];
  let headers: string[] | null = null;
  let headerRow = 1;
  let cursor = 0;
  Papa.parse<string[]>(body, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", "\t"],
    step: (r) => {
      const row = lines.lineAt(cursor);
      cursor = r.meta.cursor;
      for (const e of r.errors) {
        if (e.type === "Delimiter") continue;
        issues.push(dataIssue("unreadable", "error", e.message.replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase()), { file, row }));
      }
      if (headers === null) { headers = r.data.map((h) => h.trim()); headerRow = row; }
      else rows.push({ row, cells: r.data });
    },
  });
  if (headers === null) return { table: { headers: [], headerRow: null, rows: [] }, issues };
  return { table: { headers, headerRow, rows }, issues };
}
