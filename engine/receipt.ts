/**
 * Receipts: a sha256 over (scheme source, dataset canonical form, engine version, options), so an
 * auditor who re-runs the same scheme on the same data with the same engine gets the same
 * receipt and the same numbers. The dataset's canonical form is independent of how it was read
 * (CSV, JSON or XLSX): region ids in order, then each field in name order with its values, a
 * missing value written the same way whatever the column held there.
 */
import { hasher, type Hasher } from "./hash.js";
import type { ColumnarData } from "./runtime.js";

const SEP = "\u0000";

function hashNumbers(h: Hasher, col: Float64Array, missing: Uint8Array | undefined): void {
  const canon = new Float64Array(col.length);
  const flags = new Uint8Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    const miss = (missing && missing[i] === 1) || v !== v;
    flags[i] = miss ? 1 : 0;
    canon[i] = miss ? 0 : v === 0 ? 0 : v;
  }
  h.update(new Uint8Array(canon.buffer));
  h.update(flags);
}

/** Feeds a dataset's canonical form into a hash. */
export function hashDataset(h: Hasher, data: ColumnarData): void {
  h.update(`regions${SEP}${data.regions.length}${SEP}${data.regions.join(SEP)}${SEP}`);
  const names = [...new Set([...data.columns.keys(), ...data.categories.keys(), ...data.ratings.keys()])].sort();
  for (const name of names) {
    const missing = data.missing.get(name);
    h.update(`field${SEP}${name}${SEP}`);
    const col = data.columns.get(name);
    if (col) hashNumbers(h, col, missing);
    const cats = data.categories.get(name);
    if (cats) h.update(JSON.stringify(cats.map((c, i) => (missing?.[i] ? null : c ?? null))));
    const rats = data.ratings.get(name);
    if (rats) h.update(JSON.stringify(rats.map((r, i) => (missing?.[i] ? null : r ?? null))));
  }
}

/** The receipt of one evaluation. */
export function receipt(schemeSource: string, data: ColumnarData, engineVersion: string, prev: ColumnarData | null): string {
  const h = hasher();
  h.update(`yardstick-receipt-v1${SEP}engine${SEP}${engineVersion}${SEP}scheme${SEP}${schemeSource.length}${SEP}`);
  h.update(schemeSource);
  h.update(`${SEP}dataset${SEP}`);
  hashDataset(h, data);
  h.update(`${SEP}options${SEP}prev${SEP}${prev ? "1" : "0"}${SEP}`);
  if (prev) hashDataset(h, prev);
  return h.hex();
}
