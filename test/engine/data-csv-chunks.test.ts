/**
 * CSV read in chunks (`CsvChunks`, what `loadDatasetFile` does with a file on disk) gives exactly
 * what papaparse gives on the whole text at once: the same header, rows, cells, line numbers
 * and issues, wherever the chunks are cut (inside a cell, a quoted line break, a CRLF, a BOM-less
 * multi-byte text). The reference is the whole-text reader as it was before chunking.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CsvChunks, streamCsv } from "../../engine/data/csv.js";
import type { RawCell } from "../../engine/data/cells.js";
import type { TableSink } from "../../engine/data/table.js";

type Event = [string, number | null, readonly RawCell[]];

function recorder(): TableSink & { events: Event[] } {
  const events: Event[] = [];
  return { events, header: (h, row) => { events.push(["header", row, [...h]]); }, row: (row, cells) => { events.push(["row", row, [...cells]]); } };
}

/** The reader before chunking: papaparse on the whole text, lines counted from each row's start. */
function reference(text: string, sink: TableSink): { message: string; row: number }[] {
  const issues: { message: string; row: number }[] = [];
  let [pos, line, cursor, header] = [0, 1, 0, false];
  const lineAt = (offset: number): number => {
    let start = offset;
    while (start < text.length && /\s/.test(text[start]!)) start++;
    for (; pos < start; pos++) if (text.charCodeAt(pos) === 10) line++;
    return line;
  };
  Papa.parse<string[]>(text, {
    skipEmptyLines: "greedy", delimitersToGuess: [",", "\t"],
    step: (r) => {
      const row = lineAt(cursor);
      cursor = r.meta.cursor;
      for (const e of r.errors) if (e.type !== "Delimiter") issues.push({ message: e.message.replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase()), row });
      if (header) sink.row(row, r.data);
      else { header = true; sink.header(r.data.map((h) => h.trim()), row); }
    },
  });
  return issues;
}

/** Reads `text` cut at the given offsets; the first piece holds `lines` line breaks (papaparse guesses from it). */
function chunked(text: string, cuts: readonly number[], sink: TableSink, lines = 15): { message: string; row: number | null }[] {
  const reader = new CsvChunks("t.csv", sink, null, { chars: 0, lines });
  const at = [...new Set(cuts)].sort((a, b) => a - b);
  let from = 0;
  for (const c of [...at, text.length]) { reader.push(text.slice(from, c)); from = c; }
  return reader.end().map((i) => ({ message: i.message, row: i.row }));
}

/** A cell: plain text, a number, blank, a quoted cell (with commas, quotes, line breaks), a stray quote inside plain text, or a malformed quoted cell. */
function cell(nl: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9.是 -]{0,6}$/) },
    { weight: 2, arbitrary: fc.constantFrom("", " ", "  ") },
    { weight: 2, arbitrary: fc.array(fc.constantFrom("a", ",", "\"\"", "\t", " ", "否", nl), { maxLength: 5 }).map((p) => `"${p.join("")}"`) },
    { weight: 1, arbitrary: fc.constantFrom("a\"b", "x\"") },
    // Malformed: a quote closed before more text, and a quote never closed (papaparse reports both).
    { weight: 1, arbitrary: fc.constantFrom("\"a\"b", "\"open") },
  );
}

/** A CSV text: one line-break style, a delimiter, rows of 1–5 cells, blank rows and whitespace rows. */
const csvText = fc.constantFrom("\n", "\r\n", "\r").chain((nl) => fc.tuple(
  fc.constant(nl), fc.constantFrom(",", "\t"),
  fc.array(fc.oneof({ weight: 8, arbitrary: fc.array(cell(nl), { minLength: 1, maxLength: 5 }) }, { weight: 1, arbitrary: fc.constantFrom([""], ["  "], ["", ""]) }), { minLength: 1, maxLength: 60 }),
  fc.boolean(),
)).map(([nl, delim, rows, trailing]) => rows.map((r) => r.join(delim)).join(nl) + (trailing ? nl : ""));

describe("CSV in chunks", () => {
  it("gives the whole text's header, rows, cells, lines and issues wherever it is cut", () => {
    fc.assert(fc.property(csvText, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), (text, cuts) => {
      const [want, got] = [recorder(), recorder()];
      const wantIssues = reference(text, want);
      const gotIssues = chunked(text, cuts.map((c) => Math.floor(c * text.length)), got);
      expect(got.events).toEqual(want.events);
      expect(gotIssues).toEqual(wantIssues);
    }), { numRuns: 600 });
  });

  it("reads a text given whole as streamCsv always did", () => {
    fc.assert(fc.property(csvText, (text) => {
      const [want, got] = [recorder(), recorder()];
      const wantIssues = reference(text, want);
      expect(streamCsv(text, "t.csv", got).map((i) => ({ message: i.message, row: i.row }))).toEqual(wantIssues);
      expect(got.events).toEqual(want.events);
    }), { numRuns: 200 });
  });

  it("counts lines across chunks: blank rows, a quoted line break and a CRLF cut in two", () => {
    const text = "id,v\r\n\r\n a,1\r\n,,\r\n\r\n,\r\nb,\"x\r\ny\"\r\n\r\n\r\nc,3\r\n";
    // The first piece ends after two CRLFs, enough for papaparse to guess the line endings from it.
    for (let c = "id,v\r\n\r\n".length; c < text.length; c++) {
      const [want, got] = [recorder(), recorder()];
      reference(text, want);
      chunked(text, [c], got, 1);
      expect(got.events).toEqual(want.events);
    }
  });
});
