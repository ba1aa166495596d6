/** A scheme's text with its name and line table, so offsets can be turned into line:col. */
export interface SourceFile {
  /** File name or URI shown in diagnostics. */
  readonly name: string;
  /** Full text. */
  readonly text: string;
  /** Offset at which each line starts (line 1 is index 0). */
  readonly lineStarts: readonly number[];
}

/** A range of source text: half-open offsets plus 1-based line/column of both ends. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Builds a SourceFile, computing its line table once. */
export function sourceFile(name: string, text: string): SourceFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return { name, text, lineStarts };
}

/** 1-based line and column of an offset. */
export function position(src: SourceFile, offset: number): { line: number; col: number } {
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

/** The span covering offsets [start, end) of a source. */
export function spanOf(src: SourceFile, start: number, end: number): Span {
  const a = position(src, start);
  const b = position(src, Math.max(start, end));
  return { start, end: Math.max(start, end), line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}

/** The smallest span containing both spans. */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  return { start: first.start, line: first.line, col: first.col, end: last.end, endLine: last.endLine, endCol: last.endCol };
}

/** The text of one 1-based line, without its line break. */
export function lineText(src: SourceFile, line: number): string {
  const start = src.lineStarts[line - 1] ?? src.text.length;
  const next = src.lineStarts[line];
  return src.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, "");
}

/** A zero-width span at the start of a file, for diagnostics with no better place. */
export const NO_SPAN: Span = { start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };
