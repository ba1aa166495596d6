/** Reading a dataset file as a raw table without a scheme: counting rows of uploads and samples. */
import { readCsv } from "../engine/data/csv.js";
import { readJson } from "../engine/data/json.js";
import type { ReadResult } from "../engine/data/table.js";
import { readXlsx } from "../engine/data/xlsx.js";
import type { DataSource } from "../engine/data/index.js";
import { datasetProblem } from "./dataset.js";

/** Splits a file into header and rows by its format (JSON when none is given). */
export async function readTable(src: DataSource): Promise<ReadResult> {
  const text = src.text ?? (src.bytes ? new TextDecoder().decode(src.bytes) : "");
  if (src.format === "xlsx") return readXlsx(src.bytes ?? new TextEncoder().encode(text), src.name);
  return src.format === "csv" ? readCsv(text, src.name) : readJson(text, src.name);
}

/** The number of data rows in a file; throws a 422 problem when it cannot be read as a table. */
export async function countRows(src: DataSource): Promise<number> {
  const read = await readTable(src);
  if (!read.table) throw datasetProblem(read.issues, src.format === "json" ? "" : null);
  return read.table.rows.length;
}
