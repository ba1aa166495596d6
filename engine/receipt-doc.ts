/**
 * Receipt documents: what an auditor keeps to re-run an evaluation and confirm it — where the
 * scheme and datasets came from (files with their sha256, or store references), the receipt
 * (hash of the inputs) and a digest of the results (hash of the outputs).
 */
import { sha256 } from "./hash.js";
import type { Results } from "./results.js";

/** Where a scheme came from: a file, or a version in the store. */
export type SchemeRef =
  | { readonly file: string; readonly sha256: string }
  | { readonly scheme: string; readonly version: string };

/** Where a dataset came from: a file, or a stored dataset (name and period). */
export type DatasetRef =
  | { readonly file: string; readonly sha256: string }
  | { readonly name: string; readonly period: string; readonly sha256: string };

/** A receipt as a document (JSON). */
export interface ReceiptDocument {
  readonly kind: "yardstick-receipt";
  readonly format: 1;
  readonly engineVersion: string;
  /** sha256 of (scheme source, dataset, engine version, options). */
  readonly receipt: string;
  /** sha256 of the results as JSON. */
  readonly resultsDigest: string;
  readonly scheme: SchemeRef;
  readonly dataset: DatasetRef;
  readonly prev: DatasetRef | null;
}

/** sha256 of a run's results as JSON: equal digests mean equal numbers, grades and ranks. */
export function resultsDigest(results: Results): string {
  return sha256(results.toJSONText());
}

/** The receipt document of a run. */
export function receiptDocument(results: Results, refs: { scheme: SchemeRef; dataset: DatasetRef; prev: DatasetRef | null }): ReceiptDocument {
  return {
    kind: "yardstick-receipt", format: 1, engineVersion: results.engineVersion, receipt: results.receipt,
    resultsDigest: resultsDigest(results), ...refs,
  };
}

/** Reads a receipt document from parsed JSON; a list of problems when it is not one. */
export function readReceiptDocument(value: unknown): { doc: ReceiptDocument } | { problems: string[] } {
  const v = value as Partial<ReceiptDocument> | null;
  const problems: string[] = [];
  if (!v || typeof v !== "object" || v.kind !== "yardstick-receipt") return { problems: ["this is not a yardstick receipt (`kind` is not \"yardstick-receipt\")"] };
  if (v.format !== 1) problems.push(`unknown receipt format ${String(v.format)}`);
  for (const key of ["engineVersion", "receipt", "resultsDigest"] as const) if (typeof v[key] !== "string") problems.push(`\`${key}\` is missing`);
  if (!v.scheme || !("file" in v.scheme || "scheme" in v.scheme)) problems.push("`scheme` must name a file or a stored version");
  if (!v.dataset || !("file" in v.dataset || "name" in v.dataset)) problems.push("`dataset` must name a file or a stored dataset");
  return problems.length ? { problems } : { doc: v as ReceiptDocument };
}

/** What differs between a receipt and a re-run (empty: identical). */
export function compareWithReceipt(doc: ReceiptDocument, rerun: Results): string[] {
  const out: string[] = [];
  if (doc.engineVersion !== rerun.engineVersion) out.push(`engine version ${doc.engineVersion} then, ${rerun.engineVersion} now`);
  if (doc.receipt !== rerun.receipt) out.push("the inputs differ (scheme text, dataset or options): the receipt does not match");
  else if (doc.resultsDigest !== resultsDigest(rerun)) out.push("the same inputs gave different results");
  return out;
}
