/**
 * CSV bytes read in chunks — a file from disk (`loadDatasetFile`) or bytes in memory
 * (`loadDataset`) — give the same dataset and the same issues as the file's whole text given
 * to `loadDataset` (read in one piece): a file of several chunks with
 * multi-byte text cut at chunk edges, a BOM, CRLF line endings, bad cells on late rows, and a
 * byte that is not UTF-8 far into the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { loadDatasetFile } from "../../engine/data/files.node.js";
import { loadDataset, type Dataset } from "../../engine/data/index.js";
import { buildProgram, evaluate } from "../../engine/index.js";

const SCHEME = compile(`scheme "分块" period 2026 unit 区县
input gdp   percent range -20..30
input note  category optional
input ok    boolean default false
indicator gdp points 100 { goalposts floor 0 target 6.5 }
`, "t.yard");

const dir = mkdtempSync(join(tmpdir(), "yardstick-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About `rows` rows (≈ 60 bytes each, so 100,000 rows span two 4 MiB chunks), some bad. */
function csvBytes(rows: number, opts: { bom?: boolean; crlf?: boolean; badAt?: number[] } = {}): Uint8Array {
  const nl = opts.crlf ? "\r\n" : "\n";
  const lines = ["区县,gdp,note,ok"];
  for (let i = 0; i < rows; i++) {
    const gdp = opts.badAt?.includes(i) ? (i % 2 ? "99" : "n/a") : String((i % 300) / 10);
    lines.push(`县${String(i).padStart(6, "0")}号区,${gdp},"说明，第${i}行${i % 7 === 0 ? `${nl}续` : ""}",${i % 3 ? "是" : "否"}`);
  }
  const text = (opts.bom ? "\uFEFF" : "") + lines.join(nl) + nl;
  return new TextEncoder().encode(text);
}

/** A dataset as one text (deep equality of 100,000-row arrays is slow in expect). */
function shown(d: Dataset): string {
  const entries = (m: ReadonlyMap<string, ArrayLike<unknown>>): unknown[] => [...m].map(([k, v]) => [k, Array.from(v)]);
  return JSON.stringify([d.name, d.format, d.rows, d.regions, entries(d.columns), entries(d.categories), entries(d.ratings), entries(d.missing)]);
}

async function both(name: string, bytes: Uint8Array): Promise<readonly { row: number | null; code: string }[]> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  let decoded: string | null = null;
  try { decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch { /* not UTF-8: compared with the bytes */ }
  const want = await loadDataset(SCHEME, decoded === null ? { name: path, bytes } : { name: path, text: decoded });
  const fromBytes = await loadDataset(SCHEME, { name: path, bytes });
  expect(fromBytes.issues).toEqual(want.issues);
  if (want.dataset) expect(shown(fromBytes.dataset!) === shown(want.dataset)).toBe(true);
  const got = await loadDatasetFile(SCHEME, path);
  expect(got.issues).toEqual(want.issues);
  expect(got.dataset === null).toBe(want.dataset === null);
  if (!want.dataset || !got.dataset) return got.issues;
  expect(shown(got.dataset) === shown(want.dataset)).toBe(true);
  const { program } = buildProgram(SCHEME);
  expect(evaluate(program!, got.dataset).results!.total).toEqual(evaluate(program!, want.dataset).results!.total);
  return got.issues;
}

describe("CSV files read in chunks", () => {
  it("loads a clean multi-chunk file, with a BOM and CRLF line endings, as its whole text loads", async () => {
    await both("clean.csv", csvBytes(120_000, { bom: true, crlf: true }));
  });

  it("reports the same issues, on the same rows, for bad cells past the first chunk", async () => {
    const issues = await both("bad.csv", csvBytes(120_000, { badAt: [3, 70_001, 119_998] }));
    // Every seventh row has a quoted line break: the lines counted across chunks include them.
    const line = (i: number): number => 2 + i + Math.ceil(i / 7);
    expect(issues.map((i) => [i.code, i.row])).toEqual([["out-of-range", line(3)], ["out-of-range", line(70_001)], ["not-a-number", line(119_998)]]);
  });

  it("rejects a file with a byte that is not UTF-8 far into it, as the whole bytes are", async () => {
    const bytes = csvBytes(100_000);
    bytes[bytes.length - 100] = 0xff;
    expect((await both("gbk.csv", bytes)).map((i) => i.code)).toEqual(["unreadable"]);
  });

  it("reads a small file and an empty one as before", async () => {
    await both("small.csv", csvBytes(3));
    await both("empty.csv", new Uint8Array(0));
  });
});
