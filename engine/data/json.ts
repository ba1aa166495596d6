/**
 * JSON datasets: an array of row objects, or `{ "rows": [...] }`. Columns are the keys, in the
 * order they first appear; a row is its element number (1-based).
 */
import type { RawCell } from "./cells.js";
import { dataIssue, type DataIssue } from "./dataset.js";
import type { RawRow, ReadResult } from "./table.js";

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

/** Reads a JSON dataset into a header and rows; never throws. */
export function readJson(text: string, file: string): ReadResult {
  const parsed = parse(text, file);
  if ("issue" in parsed) return { table: null, issues: [parsed.issue] };
  const v = parsed.value;
  const list = Array.isArray(v) ? v : isRecord(v) && Array.isArray(v["rows"]) ? (v["rows"] as unknown[]) : null;
  if (!list) {
    return { table: null, issues: [dataIssue("bad-shape", "error", "expected an array of row objects, or an object with a `rows` array", { file })] };
  }
  const issues: DataIssue[] = [];
  const headers: string[] = [];
  const seen = new Set<string>();
  const records: { row: number; rec: Record<string, RawCell> }[] = [];
  list.forEach((item, k) => {
    if (!isRecord(item)) {
      issues.push(dataIssue("bad-shape", "error", `element ${k + 1} is not an object of fields`, { file, row: k + 1 }));
      return;
    }
    for (const key of Object.keys(item)) if (!seen.has(key)) { seen.add(key); headers.push(key); }
    records.push({ row: k + 1, rec: item });
  });
  const rows: RawRow[] = records.map(({ row, rec }) => ({ row, cells: headers.map((h) => (h in rec ? rec[h] : undefined)) }));
  return { table: { headers, headerRow: null, rows }, issues };
}
