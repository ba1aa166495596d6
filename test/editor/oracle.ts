/**
 * What the browser's results are compared against: the same scheme and stored datasets run by
 * the engine in Node (the results table the CLI writes), a workbook read back with exceljs, and
 * the what-if ranking as the page shows it.
 */
import type { Page } from "playwright-core";
import { compile } from "../../dsl/index.js";
import { loadDataset } from "../../engine/data/index.js";
import { buildProgram, evaluate, resultTable, type ResultTable } from "../../engine/index.js";
import type { Harness } from "./harness.js";

async function stored(h: Harness, ref: string): Promise<string> {
  const res = await fetch(`${h.server.url}/api/datasets/${ref}`, { headers: { Authorization: `Bearer ${h.token}` } });
  if (!res.ok) throw new Error(`GET ${ref}: ${res.status}`);
  return res.text();
}

/** The results table (dimension scores) of a scheme's head version on stored datasets, computed in Node. */
export async function expectedTable(h: Harness, scheme: string, data: string, prev: string): Promise<ResultTable> {
  const head = await (await fetch(`${h.server.url}/api/schemes/${scheme}/versions/head`, { headers: { Authorization: `Bearer ${h.token}` } })).json() as { version: { source: string } };
  const checked = compile(head.version.source, `${scheme}.yard`);
  const program = buildProgram(checked).program!;
  const main = await loadDataset(checked, { name: data, format: "csv", text: await stored(h, data) });
  const last = await loadDataset(checked, { name: prev, format: "csv", text: await stored(h, prev) }, { previous: true });
  const results = evaluate(program, main.dataset!, { prev: last.dataset! }).results!;
  return resultTable(results, "dimensions");
}

/** The first sheet of an XLSX file as rows of cells (empty cells null). */
export async function readSheet(path: string): Promise<(string | number | null)[][]> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.worksheets[0]!;
  const width = sheet.getRow(1).cellCount;
  const out: (string | number | null)[][] = [];
  sheet.eachRow((row) => {
    out.push(Array.from({ length: width }, (_, k) => {
      const v = row.getCell(k + 1).value;
      return v === null || v === undefined ? null : (v as string | number);
    }));
  });
  return out;
}

/** The what-if ranking as shown: [region, rank, total, grade] per row, top to bottom. */
export async function rankingRows(page: Page): Promise<(string | null)[][]> {
  return page.locator("[data-testid=whatif-table] tbody tr").evaluateAll((rows) => rows.map((tr) => {
    const td = [...tr.children];
    return [tr.getAttribute("data-region"), td[0]!.textContent, td[2]!.textContent, td[6]!.firstChild?.textContent ?? null];
  }));
}

/** Orders [region, rank, …] rows by rank, ties kept in their order. */
export function byRank(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  return Number(a[1]) - Number(b[1]);
}
