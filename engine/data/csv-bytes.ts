/**
 * A CSV file's bytes read in chunks: each chunk decoded as UTF-8 (a character cut between chunks
 * is joined), the BOM dropped, and the text handed to `CsvChunks`, so the file's text is never
 * held whole (a large file as one JS string costs twice its bytes when it holds any non-Latin-1
 * character). Used for bytes in memory (`loadDataset`) and for files on disk (`files.node.ts`).
 */
import { DatasetBuilder, type Built } from "./build.js";
import { CsvChunks } from "./csv.js";
import { dataIssue, type DataIssue } from "./dataset.js";
import type { DatasetShape } from "./fields.js";

/** Bytes decoded at a time. */
export const BYTES_CHUNK = 4 << 20;

/** The issue of a file that is not UTF-8. */
export function notUtf8(file: string): DataIssue {
  return dataIssue("unreadable", "error", "the file is not UTF-8 text", { file }, "save it as UTF-8 (GBK and other encodings are not read)");
}

/** UTF-8 decoding of bytes arriving in chunks (null: the end); null once they are not UTF-8. The BOM is dropped twice, as decoding the whole file and then `streamCsv` do. */
function decoder(): (bytes: Uint8Array | null) => string | null {
  const d = new TextDecoder("utf-8", { fatal: true });
  let started = false;
  return (bytes) => {
    let text: string;
    try {
      text = bytes ? d.decode(bytes, { stream: true }) : d.decode();
    } catch {
      return null;
    }
    if (!started && text !== "") {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };
}

/** The number of line feeds in some bytes. */
export function lineFeeds(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}

/** Bytes in memory as chunks (views, no copies). */
export function* slices(bytes: Uint8Array, size = BYTES_CHUNK): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/**
 * Reads CSV bytes arriving in chunks into a dataset: the reader's issues, then the builder's
 * (none, and no dataset, when the bytes are not UTF-8). `rowBound`: at least the number of data
 * rows (the line feeds plus one), to size the columns once. A chunk may be reused once the next
 * is asked for.
 */
export async function readCsvChunks(shape: DatasetShape, name: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, rowBound: number | null): Promise<{ readIssues: readonly DataIssue[]; built: Built | null }> {
  const builder = new DatasetBuilder(shape, name);
  const reader = new CsvChunks(name, builder, rowBound);
  const decode = decoder();
  for await (const bytes of chunks) {
    const text = decode(bytes);
    if (text === null) return { readIssues: [notUtf8(name)], built: null };
    reader.push(text);
  }
  const rest = decode(null);
  if (rest === null) return { readIssues: [notUtf8(name)], built: null };
  reader.push(rest);
  const readIssues = reader.end();
  return { readIssues, built: builder.finish("csv") };
}
