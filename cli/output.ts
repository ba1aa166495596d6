/**
 * Writers for a results table: aligned text for the terminal (Chinese labels measured with
 * string-width), CSV (UTF-8 with a BOM, so spreadsheet programs show Chinese correctly) and XLSX.
 * They only lay out what `engine/table.ts` computed.
 */
import stringWidth from "string-width";
import type { ResultTable } from "../engine/index.js";

type Cell = string | number | null;

/** A number for reading: at most two decimals (JSON, CSV and XLSX keep full precision). */
function shown(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number") return String(Math.round(c * 100) / 100 + 0);
  return c;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - stringWidth(text)));
  return right ? fill + text : text + fill;
}

/** The table as aligned text: a header, a rule, one line per region; numbers right-aligned. */
export function textTable(t: ResultTable): string {
  const cells = t.rows.map((r) => r.map(shown));
  const numeric = t.columns.map((_, k) => t.rows.every((r) => r[k] === null || typeof r[k] === "number"));
  const widths = t.columns.map((c, k) => Math.max(stringWidth(c.label), ...cells.map((r) => stringWidth(r[k]!))));
  const line = (row: readonly string[]) => row.map((s, k) => pad(s, widths[k]!, numeric[k]!)).join("  ").trimEnd();
  return [line(t.columns.map((c) => c.label)), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n") + "\n";
}

function csvCell(c: Cell): string {
  const s = c === null ? "" : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV text (with a leading BOM), full precision. */
export function csvTable(t: ResultTable): string {
  const lines = [t.columns.map((c) => csvCell(c.label)), ...t.rows.map((r) => r.map(csvCell))];
  return "\uFEFF" + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

/** The table as an XLSX workbook (one sheet, bold header, widths fitted to the text). */
export async function xlsxTable(t: ResultTable, sheetName = "results"): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow(t.columns.map((c) => c.label)).font = { bold: true };
  for (const r of t.rows) sheet.addRow([...r]);
  sheet.columns.forEach((col, k) => {
    col.width = Math.min(40, 2 + Math.max(stringWidth(t.columns[k]!.label), ...t.rows.map((r) => stringWidth(shown(r[k]!)))));
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
