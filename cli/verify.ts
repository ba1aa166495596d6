/**
 * `yardstick verify RECEIPT`: re-runs an evaluation from its receipt — the scheme and datasets
 * it names, from files (checked against their sha256) or from the store (DATABASE_URL or
 * DATA_DIR) — and confirms the results are identical.
 */
import { readFile } from "node:fs/promises";
import { compile } from "../dsl/index.js";
import { hasErrors } from "../dsl/diagnostics.js";
import { formatDataIssue, loadDataset, type Dataset, type DataSource } from "../engine/data/index.js";
import { hasher } from "../engine/hash.js";
import { buildProgram, compareWithReceipt, evaluate, readReceiptDocument, type DatasetRef, type ReceiptDocument } from "../engine/index.js";
import { canonicalize } from "../dsl/index.js";
import { openStore, type SchemeStore } from "../store/index.js";
import { renderDiagnostics } from "./render.js";

/** A failure to say and stop on. */
class VerifyError extends Error {}

const hex = (bytes: Uint8Array) => hasher().update(bytes).hex();

async function fileBytes(path: string, sha256: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new VerifyError(`cannot read \`${path}\`, which the receipt names`);
  }
  if (hex(bytes) !== sha256) throw new VerifyError(`\`${path}\` has changed since the receipt was made (its sha256 differs)`);
  return bytes;
}

async function schemeText(doc: ReceiptDocument, store: () => Promise<SchemeStore>): Promise<{ name: string; text: string }> {
  const ref = doc.scheme;
  if ("file" in ref) return { name: ref.file, text: new TextDecoder().decode(await fileBytes(ref.file, ref.sha256)) };
  const got = await (await store()).getVersion(ref.scheme, ref.version);
  if (!got.ok) throw new VerifyError(`the store has no version ${ref.version} of \`${ref.scheme}\`: ${got.error.message}`);
  return { name: `${ref.scheme}@${ref.version.slice(0, 12)}`, text: got.version.source };
}

async function datasetSource(ref: DatasetRef, store: () => Promise<SchemeStore>): Promise<DataSource> {
  if ("file" in ref) return { name: ref.file, bytes: await fileBytes(ref.file, ref.sha256) };
  const stored = await (await store()).getDataset(ref.name, ref.period);
  if (!stored) throw new VerifyError(`the store has no dataset \`${ref.name}/${ref.period}\``);
  if (stored.sha256 !== ref.sha256) throw new VerifyError(`the stored dataset \`${ref.name}/${ref.period}\` has been replaced since the receipt was made`);
  const format = stored.mediaType.includes("csv") ? "csv" : stored.mediaType.includes("json") ? "json" : "xlsx";
  return { name: `${ref.name}/${ref.period}`, bytes: stored.content, format };
}

async function rerun(doc: ReceiptDocument, store: () => Promise<SchemeStore>): Promise<string[]> {
  const { name, text } = await schemeText(doc, store);
  const checked = compile(text, name);
  if (hasErrors(checked.diagnostics)) throw new VerifyError(`the scheme no longer compiles:\n${renderDiagnostics(checked.source, checked.diagnostics)}`);
  const load = async (ref: DatasetRef, previous: boolean): Promise<Dataset> => {
    const { dataset, issues } = await loadDataset(checked, await datasetSource(ref, store), { previous });
    if (!dataset) throw new VerifyError(`the dataset no longer loads:\n${issues.map(formatDataIssue).join("\n")}`);
    return dataset;
  };
  const { program } = buildProgram(checked);
  if (!program) throw new VerifyError("the scheme can no longer be evaluated by this engine");
  const { results, issues } = evaluate(program, await load(doc.dataset, false), { prev: doc.prev ? await load(doc.prev, true) : null });
  if (!results) throw new VerifyError(`the evaluation now stops on errors: ${issues.find((i) => i.severity === "error")?.message ?? ""}`);
  return compareWithReceipt(doc, results);
}

/** Runs `verify`. */
export async function verifyCommand(args: string[]): Promise<number> {
  if (args.length !== 1) {
    process.stderr.write("usage: yardstick verify RECEIPT.json\n");
    return 2;
  }
  const opened: { store: SchemeStore | null } = { store: null };
  const store = async () => (opened.store ??= await openStore({ databaseUrl: process.env["DATABASE_URL"] ?? "", dataDir: process.env["DATA_DIR"] ?? "data", canonicalize }));
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(args[0]!, "utf8"));
    } catch {
      throw new VerifyError(`cannot read \`${args[0]}\` as JSON`);
    }
    const read = readReceiptDocument(parsed);
    if ("problems" in read) throw new VerifyError(read.problems.join("; "));
    const differences = await rerun(read.doc, store);
    if (differences.length) throw new VerifyError(`not reproduced:\n  ${differences.join("\n  ")}`);
    process.stdout.write(`verified: identical results\n  receipt ${read.doc.receipt}\n  results ${read.doc.resultsDigest}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof VerifyError)) throw e;
    process.stderr.write(`yardstick verify: ${e.message}\n`);
    return 1;
  } finally {
    await opened.store?.close();
  }
}
