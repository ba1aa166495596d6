/**
 * Loading a dataset from a file path (Node only; the rest of `engine/data` also runs in the
 * browser). A file that cannot be read becomes an issue, like any other problem.
 */
import { readFile } from "node:fs/promises";
import type { CheckedScheme } from "../../dsl/check/types.js";
import { dataIssue, type DataFormat } from "./dataset.js";
import { loadDataset, type LoadOptions, type LoadResult } from "./load.js";

/** Reads and loads the dataset at `path` (format from the extension unless given). */
export async function loadDatasetFile(checked: CheckedScheme, path: string, options: LoadOptions & { readonly format?: DataFormat } = {}): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : "it cannot be read";
    return { dataset: null, issues: [dataIssue("unreadable", "error", `cannot read the file: ${why}`, { file: path })] };
  }
  const { format } = options;
  return loadDataset(checked, format ? { name: path, bytes, format } : { name: path, bytes }, options);
}
