/**
 * CSV reading with papaparse (the same code runs in the browser): UTF-8 with or without a BOM,
 * comma- or tab-separated, quoted cells may hold commas and line breaks. Each row keeps the line
 * it starts on, so issues point at what an editor shows. Rows are streamed (papaparse's `step`)
 * to a `TableSink`, one at a time, and the text may arrive in chunks (`CsvChunks`), so a large
 * file need never be held whole: papaparse's own chunked parsing (as its streamers drive it).
 */
import Papa from "papaparse";
import { dataIssue, type DataIssue } from "./dataset.js";
import { collectTable, type ReadResult, type TableSink } from "./table.js";

/** The part of papaparse's `ParserHandle` its streamers use (exported by papaparse, not typed). */
interface Handle {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { meta: { cursor: number } };
}
type HandleClass = new (config: Papa.ParseConfig<string[]>) => Handle;
const ParserHandle = (Papa as unknown as { ParserHandle: HandleClass }).ParserHandle;

/** True for the characters `/\s/` matches. */
function blank(c: string): boolean {
  return /\s/.test(c);
}

/**
 * Counts lines up to a moving offset without rescanning the text, over text that arrives in
 * pieces (each piece starts where the last one's parsed rows ended).
 */
class LineCounter {
  private text = "";
  private base = 0;
  /** Scanned up to `base + pos`, which is on line `line`. */
  private pos = 0;
  private line = 1;
  /** The answer to the next `lineAt`, when its non-blank start was in an earlier piece. */
  private pending: number | null = null;

  /** Moves on to the next piece, starting at absolute offset `base`; `from` is the next `lineAt` offset. */
  next(text: string, base: number, from: number): void {
    if (this.pending === null) {
      // The next row's line: the first non-blank character at or after `from`, if the old piece has it.
      let start = Math.max(0, from - this.base);
      const end = base - this.base;
      while (start < end && blank(this.text[start]!)) start++;
      if (start < end) { this.count(start); this.pending = this.line; }
    }
    this.count(base - this.base);
    [this.text, this.base, this.pos] = [text, base, 0];
  }

  private count(to: number): void {
    for (; this.pos < to; this.pos++) if (this.text.charCodeAt(this.pos) === 10) this.line++;
  }

  /** The line of the first non-blank character at or after `offset`. */
  lineAt(offset: number): number {
    if (this.pending !== null) {
      const line = this.pending;
      this.pending = null;
      return line;
    }
    let start = Math.max(0, offset - this.base);
    while (start < this.text.length && blank(this.text[start]!)) start++;
    this.count(start);
    return this.line;
  }
}

/** At least the number of data rows a CSV text can hold (its line count), to size columns. */
function rowBound(text: string): number {
  let n = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/** How much text the first piece holds at least (unless the file is shorter), before anything is parsed. */
export interface FirstPiece {
  readonly chars: number;
  readonly lines: number;
}

/** papaparse guesses line endings from the first 1 MiB and the delimiter from the first 10 rows: the first piece holds both. */
const FIRST: FirstPiece = { chars: 1 << 20, lines: 1000 };

/**
 * A CSV reader fed text in chunks (decoded already, the BOM removed): rows go to the sink as soon
 * as they are complete; `end` parses the rest and returns the problems. Never throws. The rows,
 * lines and issues are those of reading the whole text at once, however it is split.
 */
export class CsvChunks {
  private readonly handle: Handle;
  private readonly lines = new LineCounter();
  private readonly issues: DataIssue[] = [];
  private partial = "";
  private base = 0;
  /** The offset just after the last row delivered. */
  private cursor = 0;
  private header = false;
  private first: string[] | null = [];
  private firstChars = 0;
  private firstLines = 0;

  /** `bound`: at least the number of data rows (to size columns; null: unknown); `firstPiece`: see `FIRST` (smaller in tests). */
  constructor(private readonly file: string, private readonly sink: TableSink, private readonly bound: number | null = null, private readonly firstPiece = FIRST) {
    this.handle = new ParserHandle({ skipEmptyLines: "greedy", delimitersToGuess: [",", "\t"], step: (r) => this.step(r) });
  }

  private step(r: Papa.ParseStepResult<string[]>): void {
    const row = this.lines.lineAt(this.cursor);
    this.cursor = r.meta.cursor;
    for (const e of r.errors) {
      if (e.type === "Delimiter") continue;
      this.issues.push(dataIssue("unreadable", "error", e.message.replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase()), { file: this.file, row }));
    }
    if (this.header) this.sink.row(row, r.data);
    else { this.header = true; this.sink.header(r.data.map((h) => h.trim()), row, this.bound ?? undefined); }
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    if (this.first) {
      // The first piece is parsed once it is long enough for papaparse's guesses to see what they would in the whole text.
      this.first.push(chunk);
      this.firstChars += chunk.length;
      this.firstLines += rowBound(chunk) - 1;
      if (this.firstChars < this.firstPiece.chars || this.firstLines < this.firstPiece.lines) return;
      chunk = this.takeFirst();
    }
    this.parse(chunk, false);
  }

  private takeFirst(): string {
    const text = this.first!.join("");
    this.first = null;
    return text;
  }

  private parse(chunk: string, last: boolean): void {
    const text = this.partial + chunk;
    this.partial = "";
    this.lines.next(text, this.base, this.cursor);
    const { cursor } = this.handle.parse(text, this.base, !last).meta;
    if (last) return;
    this.partial = text.substring(cursor - this.base);
    this.base = cursor;
  }

  /** Parses what is left; returns the problems found. */
  end(): DataIssue[] {
    if (!this.first) this.parse("", true);
    else {
      // A text that arrived as one piece is parsed as one (and bounds its own rows when no bound was given).
      const text = this.takeFirst();
      if (this.bound === null) return new CsvChunks(this.file, this.sink, rowBound(text)).whole(text);
      this.parse(text, true);
    }
    return this.issues;
  }

  /** Parses a whole text given at once; returns the problems found. */
  whole(text: string): DataIssue[] {
    this.first = null;
    this.parse(text, true);
    return this.issues;
  }
}

/** The text without its byte-order mark. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Streams CSV text to a sink: the header, then each row with its line; returns the problems. Never throws. */
export function streamCsv(text: string, file: string, sink: TableSink): DataIssue[] {
  const body = withoutBom(text);
  return new CsvChunks(file, sink, rowBound(body)).whole(body);
}

/** Splits CSV text into a header and rows; never throws. */
export function readCsv(text: string, file: string): ReadResult {
  const sink = collectTable();
  const issues = streamCsv(text, file, sink);
  return { table: sink.table(), issues };
}
