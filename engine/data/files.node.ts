/**
 * Loading a dataset from a file path (Node only; the rest of `engine/data` also runs in the
 * browser). A CSV file is read in chunks and never held whole (a first pass counts its lines to
 * size the columns once); JSON and XLSX files are read whole. A file that cannot be read becomes
 * an issue, like any other problem.
 */
import { open, readFile, type FileHandle } from "node:fs/promises";
import type { CheckedScheme } from "../../dsl/check/types.js";
import { dataIssue, type DataFormat } from "./dataset.js";
import { BYTES_CHUNK, lineFeeds } from "./csv-bytes.js";
import { formatOf, loadCsvChunks, loadDataset, type LoadOptions, type LoadResult } from "./load.js";

function unreadable(path: string, e: unknown): LoadResult {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : "it cannot be read";
  return { dataset: null, issues: [dataIssue("unreadable", "error", `cannot read the file: ${why}`, { file: path })] };
}

/** The file's chunks, from the start, in one reused buffer (each valid until the next is asked for). */
async function* chunks(fh: FileHandle, buffer: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let pos = 0; ;) {
    const { bytesRead } = await fh.read(buffer, 0, buffer.length, pos);
    if (bytesRead === 0) return;
    pos += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** The number of line feeds in the file, plus one: at least its number of data rows. */
async function lineBound(fh: FileHandle, buffer: Uint8Array): Promise<number> {
  let n = 1;
  for await (const c of chunks(fh, buffer)) n += lineFeeds(c);
  return n;
}

/** Streams a CSV file into a dataset; a read error part-way becomes the same issue as one at the start. */
async function loadCsvFile(checked: CheckedScheme, path: string, options: LoadOptions): Promise<LoadResult> {
  let fh: FileHandle;
  try {
    fh = await open(path, "r");
  } catch (e) {
    return unreadable(path, e);
  }
  try {
    const buffer = new Uint8Array(BYTES_CHUNK);
    const rowBound = await lineBound(fh, buffer);
    return await loadCsvChunks(checked, path, chunks(fh, buffer), { ...options, rowBound });
  } catch (e) {
    // Only the file system's errors are the file's problem; anything else is a bug.
    if (typeof (e as NodeJS.ErrnoException).code !== "string") throw e;
    return unreadable(path, e);
  } finally {
    await fh.close();
  }
}

/** Reads and loads the dataset at `path` (format from the extension unless given). */
export async function loadDatasetFile(checked: CheckedScheme, path: string, options: LoadOptions & { readonly format?: DataFormat } = {}): Promise<LoadResult> {
  const { format } = options;
  if ((format ?? formatOf(path)) === "csv") return loadCsvFile(checked, path, options);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return unreadable(path, e);
  }
  return loadDataset(checked, format ? { name: path, bytes, format } : { name: path, bytes }, options);
}
