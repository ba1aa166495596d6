/**
 * Results as an XLSX workbook, built in the worker from the engine's results table (the same
 * table the CLI writes): one sheet, bold frozen header, column widths fitted to the text.
 * exceljs is loaded only when a workbook is asked for.
 */
import stringWidth from "string-width";
import type { Results } from "../../../engine/results.js";
import { resultTable } from "../../../engine/table.js";

/** A cell as it reads (at most two decimals), for measuring widths. */
function shown(c: string | number | null): string {
  return c === null ? "" : typeof c === "number" ? String(Math.round(c * 100) / 100) : c;
}

/** The results table (dimension scores included) as XLSX bytes. */
export async function resultsXlsx(r: Results): Promise<Uint8Array> {
  const t = resultTable(r, "dimensions");
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("results");
  sheet.addRow(t.columns.map((c) => c.label)).font = { bold: true };
  for (const row of t.rows) sheet.addRow([...row]);
  sheet.columns.forEach((col, k) => {
    col.width = Math.min(40, 2 + Math.max(stringWidth(t.columns[k]!.label), ...t.rows.map((row) => stringWidth(shown(row[k]!)))));
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
