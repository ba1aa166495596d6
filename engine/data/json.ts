/**
 * JSON datasets: an array of row objects, or `{ "rows": [...] }`. Columns are the keys, in the
 * order they first appear; a row is its element number (1-based).
 */
import type { RawCell } from "./cells.js";
import { dataIssue, type DataIssue } from "./dataset.js";
import { collectTable, type ReadResult, type TableSink } from "./table.js";

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parse(text: string, file: string): { value: unknown } | { issue: DataIssue } {
  try {
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const where = at ? ` (line ${lineOf(text, Number(at[1]))})` : "";
    const what = message.split(/, \.\.\.|\n| in JSON/)[0]!.replace(/\.$/, "");
    return { issue: dataIssue("unreadable", "error", `the file is not valid JSON${where}: ${what}`, { file }) };
  }
}

function isRecord(v: unknown): v is Record<string, RawCell> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Streams a JSON dataset to a sink (the keys as header, then each element's cells); `usable` is false when it is not a table. Never throws. */
export function streamJson(text: string, file: string, sink: TableSink): { readonly usable: boolean; readonly issues: DataIssue[] } {
  const parsed = parse(text, file);
  if ("issue" in parsed) return { usable: false, issues: [parsed.issue] };
  const v = parsed.value;
  const list = Array.isArray(v) ? v : isRecord(v) && Array.isArray(v["rows"]) ? (v["rows"] as unknown[]) : null;
  if (!list) {
    return { usable: false, issues: [dataIssue("bad-shape", "error", "expected an array of row objects, or an object with a `rows` array", { file })] };
  }
  const issues: DataIssue[] = [];
  const headers: string[] = [];
  const seen = new Set<string>();
  list.forEach((item, k) => {
    if (!isRecord(item)) {
      issues.push(dataIssue("bad-shape", "error", `element ${k + 1} is not an object of fields`, { file, row: k + 1 }));
      return;
    }
    for (const key of Object.keys(item)) if (!seen.has(key)) { seen.add(key); headers.push(key); }
  });
  sink.header(headers, null, list.length);
  const cells: RawCell[] = new Array<RawCell>(headers.length);
  list.forEach((item, k) => {
    if (!isRecord(item)) return;
    for (let c = 0; c < headers.length; c++) cells[c] = headers[c]! in item ? item[headers[c]!] : undefined;
    sink.row(k + 1, cells);
  });
  return { usable: true, issues };
}

/** Reads a JSON dataset into a header and rows; never throws. */
export function readJson(text: string, file: string): ReadResult {
  const sink = collectTable();
  const { usable, issues } = streamJson(text, file, sink);
  return { table: usable ? sink.table() : null, issues };
}
