/**
 * CSV reading with papaparse (the same code runs in the browser): UTF-8 with or without a BOM,
 * comma- or tab-separated, quoted cells may hold commas and line breaks. Each row keeps the line
 * it starts on, so issues point at what an editor shows. Rows are streamed (papaparse's `step`)
 * to a `TableSink`, one at a time.
 */
import Papa from "papaparse";
import { dataIssue, type DataIssue } from "./dataset.js";
import { collectTable, type ReadResult, type TableSink } from "./table.js";

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

/** The text without its byte-order mark. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** At least the number of data rows a CSV text can hold (its line count), to size columns. */
function rowBound(text: string): number {
  let n = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/** Streams CSV text to a sink: the header, then each row with its line; returns the problems. Never throws. */
export function streamCsv(text: string, file: string, sink: TableSink): DataIssue[] {
  const body = withoutBom(text);
  const lines = new LineCounter(body);
  const issues: DataIssue[] = [];
  let header = false;
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
      if (header) sink.row(row, r.data);
      else { header = true; sink.header(r.data.map((h) => h.trim()), row, rowBound(body)); }
    },
  });
  return issues;
}

/** Splits CSV text into a header and rows; never throws. */
export function readCsv(text: string, file: string): ReadResult {
  const sink = collectTable();
  const issues = streamCsv(text, file, sink);
  return { table: sink.table(), issues };
}
