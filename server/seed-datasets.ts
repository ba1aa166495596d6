/** Loads the sample datasets (`schemes/data/*.csv|json|xlsx`) into the store; see `seed.ts`. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import { formatOf, type DataSource } from "../engine/data/index.js";
import type { SchemeStore } from "../store/index.js";
import { XLSX_TYPE } from "./body.js";
import { countRows } from "./data-rows.js";
import { ProblemError } from "./problem.js";
import { datasetFiles, datasetKey, samplePeriod, SEED_ACTOR } from "./seed.js";

const MEDIA = { csv: "text/csv", json: "application/json", xlsx: XLSX_TYPE } as const;

/**
 * Stores each sample dataset not stored yet (same name and period); returns `name/period` of
 * those stored. The same data in several formats is stored once, the first by name (CSV before
 * JSON before XLSX). `schemesDir` holds the schemes whose periods name the datasets' periods.
 */
export async function seedDatasets(store: SchemeStore, dir: string, schemesDir: string, log: Logger): Promise<string[]> {
  const loaded: string[] = [];
  for (const file of datasetFiles(dir)) {
    const format = formatOf(file);
    if (format !== "csv" && format !== "json" && format !== "xlsx") continue;
    const { name, period } = datasetKey(file, (scheme) => samplePeriod(schemesDir, scheme));
    if (await store.getDataset(name, period)) continue;
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const src: DataSource = format === "xlsx" ? { name: file, format, bytes } : { name: file, format, text: new TextDecoder().decode(bytes) };
    let rows: number;
    try {
      rows = await countRows(src);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      log.warn({ file, problem: e.problem.detail }, "sample dataset cannot be read; not loaded");
      continue;
    }
    const put = await store.putDataset({ name, period, mediaType: MEDIA[format], content: bytes, rowCount: rows, author: SEED_ACTOR, audit: { actor: SEED_ACTOR, action: "dataset.put", detail: { file } } });
    if (put.ok && put.created) loaded.push(`${name}/${period}`);
  }
  return loaded;
}
