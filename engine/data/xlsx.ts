/**
 * XLSX datasets with exceljs: the first worksheet, its first non-empty row as the header, rows
 * numbered as the spreadsheet shows them. Formula cells give their cached result, rich text its
 * plain text, and a number formatted as a percentage (0.95 shown as `95%`) is read as `95%`.
 */
import ExcelJS from "exceljs";
import type { RawCell } from "./cells.js";
import { dataIssue } from "./dataset.js";
import type { RawRow, ReadResult } from "./table.js";

/** A percentage cell's value as the text the user sees (0.95 → `95%`), free of float noise. */
function percentText(v: number): string {
  return `${Number((v * 100).toPrecision(12))}%`;
}

/** The plain value of an exceljs cell value. */
function plain(v: ExcelJS.CellValue, numFmt: string | undefined): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return numFmt && numFmt.includes("%") ? percentText(v) : v;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("error" in v) return String(v.error);
  if ("result" in v) return plain((v.result ?? null) as ExcelJS.CellValue, numFmt);
  if ("text" in v) return typeof v.text === "string" ? v.text : plain(v.text as ExcelJS.CellValue, numFmt);
  return null;
}

function rowCells(row: ExcelJS.Row): RawCell[] {
  const out: RawCell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => { out[col - 1] = plain(cell.value, cell.numFmt); });
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}

function isEmpty(cells: readonly RawCell[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === "string" && c.trim() === ""));
}

/** Reads the first worksheet of an XLSX file; never throws. */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await wb.xlsx.load(buffer);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/\.$/, "") : String(e);
    return { table: null, issues: [dataIssue("unreadable", "error", `the file is not an XLSX workbook: ${why}`, { file })] };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { table: null, issues: [dataIssue("bad-shape", "error", "the workbook has no worksheet", { file })] };
  let headers: string[] | null = null;
  let headerRow: number | null = null;
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells = rowCells(row);
    if (isEmpty(cells)) return;
    if (headers === null) {
      headers = cells.map((c) => (c === null || c === undefined ? "" : String(c).trim()));
      headerRow = n;
    } else rows.push({ row: n, cells });
  });
  return { table: { headers: headers ?? [], headerRow, rows }, issues: [] };
}
