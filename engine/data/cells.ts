/**
 * Reading one cell for one field. Text cells (CSV, spreadsheets, JSON strings) and JSON values
 * are normalised to the row's canonical JSON form (number, boolean, text, list of numbers), or
 * to a problem saying what is wrong with them. The rules, as documented in engine/data/README.md:
 * - an empty or blank cell (and JSON `null`) is missing;
 * - numbers may have a sign, decimals, an exponent, full-width digits, and thousands separators
 *   in groups of three (`1,234,567.5`); a trailing `%` is accepted on `percent` inputs only and
 *   does not scale (`95%` is 95, as `percent` values are percentage numbers);
 * - booleans: true/false, 1/0, yes/no, y/n, 是/否, 有/无, √/× (any case);
 * - ratings: a JSON list, or numbers separated by `,` `;` `、` `，` `；` `|` or spaces.
 */
import type { FieldSpec } from "./fields.js";

/** A cell as a reader delivers it. */
export type RawCell = string | number | boolean | null | undefined | readonly unknown[] | object;

/** A cell's value in the row's canonical JSON form; null for missing. */
export type CellValue = number | boolean | string | readonly number[] | null;

/** What is wrong with a cell. */
export interface CellProblem {
  readonly code: "not-a-number" | "not-a-boolean" | "bad-ratings" | "not-allowed";
  readonly message: string;
  readonly help?: string;
}

const TRUE = new Set(["true", "1", "yes", "y", "是", "有", "√", "✓"]);
const FALSE = new Set(["false", "0", "no", "n", "否", "无", "×", "✗"]);
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Text with full-width digits, signs and `％` made ASCII, and the Unicode minus made `-`. */
function asciiNumber(text: string): string {
  return text.normalize("NFKC").replace(/[\u2212\u2013]/g, "-").trim();
}

/** Parses a number as written in a cell; null when it is not one. */
export function parseNumber(text: string, allowPercent: boolean): number | null {
  let t = asciiNumber(text);
  if (allowPercent && t.endsWith("%")) t = t.slice(0, -1).trim();
  if (GROUPED.test(t)) t = t.replace(/,/g, "");
  if (!PLAIN.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

const [PLUS, MINUS, DOT, ZERO, NINE, LOWER_E, UPPER_E] = [43, 45, 46, 48, 57, 101, 69] as const;

/** The end of a run of ASCII digits starting at `i`. */
function digitsEnd(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c >= ZERO && c <= NINE) c = s.charCodeAt(++i);
  return i;
}

/**
 * The value of a cell already written as a plain ASCII number (`-12.5`, `3e-7`: what `PLAIN`
 * matches, nothing to normalise), or null for anything else (which `parseNumber` then reads).
 * Where it gives a number, `parseNumber` gives the same: the loader's fast path per cell.
 */
export function plainNumber(s: string): number | null {
  let i = 0;
  const first = s.charCodeAt(0);
  if (first === PLUS || first === MINUS) i = 1;
  const intEnd = digitsEnd(s, i);
  let end = intEnd;
  if (s.charCodeAt(end) === DOT) end = digitsEnd(s, end + 1);
  if (intEnd === i && end <= intEnd + 1) return null;
  const e = s.charCodeAt(end);
  if (e === LOWER_E || e === UPPER_E) {
    let j = end + 1;
    const sign = s.charCodeAt(j);
    if (sign === PLUS || sign === MINUS) j++;
    end = digitsEnd(s, j);
    if (end === j) return null;
  }
  if (end !== s.length) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function show(cell: RawCell): string {
  const s = (typeof cell === "string" ? cell : JSON.stringify(cell)).replace(/\r?\n/g, "\\n");
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function isBlank(cell: RawCell): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function readNumber(cell: RawCell, f: FieldSpec): CellValue | CellProblem {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : { code: "not-a-number", message: `\`${show(cell)}\` is not a finite number` };
  if (typeof cell === "boolean") return cell ? 1 : 0;
  if (typeof cell === "string") {
    const v = parseNumber(cell, f.inputType === "percent");
    if (v !== null) return v;
    if (f.inputType !== "percent" && parseNumber(cell, true) !== null) {
      return { code: "not-a-number", message: `\`${show(cell)}\` has a percent sign, but \`${f.name}\` is a ${f.inputType}`, help: "write the plain number" };
    }
    if (/^[-—–/\\]+$|^(n\/?a|null|nan)$/i.test(cell.trim())) {
      return { code: "not-a-number", message: `\`${show(cell)}\` is not a number`, help: "leave the cell empty for a missing value" };
    }
  }
  return { code: "not-a-number", message: `\`${show(cell)}\` is not a number` };
}

function readBoolean(cell: RawCell): CellValue | CellProblem {
  if (typeof cell === "boolean") return cell;
  const t = String(typeof cell === "object" ? JSON.stringify(cell) : cell).trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return { code: "not-a-boolean", message: `\`${show(cell)}\` is not yes or no`, help: "write true/false, 1/0, 是/否 or 有/无" };
}

function readRatings(cell: RawCell): CellValue | CellProblem {
  let items: readonly unknown[];
  if (Array.isArray(cell)) items = cell;
  else if (typeof cell === "number") items = [cell];
  else if (typeof cell === "string") {
    const t = cell.trim();
    const inner = t.startsWith("[") && t.endsWith("]") ? t.slice(1, -1) : t;
    items = inner.trim() === "" ? [] : inner.split(/[,;、，；|\s]+/).filter((s) => s !== "");
  } else return { code: "bad-ratings", message: `\`${show(cell)}\` is not a list of ratings` };
  const out: number[] = [];
  for (const [k, item] of items.entries()) {
    const v = typeof item === "number" ? item : typeof item === "string" ? parseNumber(item, false) : null;
    if (v === null || !Number.isFinite(v)) {
      return { code: "bad-ratings", message: `rating ${k + 1}, \`${show(item as RawCell)}\`, is not a number`, help: "write the ratings as numbers separated by commas, e.g. `90, 85, 88`" };
    }
    out.push(v);
  }
  return out;
}

function readCategory(cell: RawCell): CellValue | CellProblem {
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  return { code: "not-allowed", message: `\`${show(cell)}\` is not a text` };
}

/** True when a read result is a problem rather than a value. */
export function isProblem(v: CellValue | CellProblem): v is CellProblem {
  return v !== null && typeof v === "object" && !Array.isArray(v) && "code" in v;
}

/** Reads one cell for one field: its canonical value (null when missing) or what is wrong. */
export function readCell(cell: RawCell, f: FieldSpec): CellValue | CellProblem {
  if (isBlank(cell)) return null;
  switch (f.kind) {
    case "number": return readNumber(cell, f);
    case "boolean": return readBoolean(cell);
    case "ratings": return readRatings(cell);
    case "category": return readCategory(cell);
  }
}

/** A region id from a cell; null when blank. */
export function readId(cell: RawCell): string | null {
  if (isBlank(cell)) return null;
  return typeof cell === "string" ? cell.trim() : typeof cell === "object" ? JSON.stringify(cell) : String(cell);
}

/** `readCell` with plain ASCII numbers read without normalising them first: the same result, sooner. */
export function quickCell(cell: RawCell, f: FieldSpec): CellValue | CellProblem {
  if (f.kind === "number" && typeof cell === "string") {
    const v = plainNumber(cell);
    if (v !== null) return v;
  }
  return readCell(cell, f);
}
