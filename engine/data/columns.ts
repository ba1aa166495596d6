/**
 * The engine's columns, filled a cell at a time as rows arrive: per numeric or boolean field a
 * Float64Array (NaN where missing), per category or ratings field an array, and per field a
 * missing mask. Sized up front from a bound on the row count (grown by doubling past it) and
 * trimmed to the rows actually read (without a copy when the bound was close).
 */
import type { CellValue } from "./cells.js";
import type { DataFormat, Dataset } from "./dataset.js";
import type { FieldSpec } from "./fields.js";

type Texts = (string | null)[];
type Lists = (readonly number[] | null)[];

/** Columns under construction for a list of fields (the order of `set`'s field index). */
export class ColumnBuilder {
  private n = 0;
  private capacity: number;
  private readonly rows: number[] = [];
  private readonly regions: string[] = [];
  private readonly numbers: (Float64Array | null)[];
  private readonly lists: (Texts | Lists | null)[];
  private readonly missing: Uint8Array[];

  constructor(private readonly fields: readonly FieldSpec[], capacity: number) {
    this.capacity = Math.max(1, capacity);
    const numeric = fields.map((f) => f.kind === "number" || f.kind === "boolean");
    this.numbers = numeric.map((isNum) => (isNum ? new Float64Array(this.capacity) : null));
    this.lists = numeric.map((isNum) => (isNum ? null : []));
    this.missing = fields.map(() => new Uint8Array(this.capacity));
  }

  /** Starts a region's row; returns its index. Every field must then be `set` for it. */
  add(row: number, region: string): number {
    if (this.n === this.capacity) this.grow();
    this.rows.push(row);
    this.regions.push(region);
    return this.n++;
  }

  /** Sets field `k` of region `i` (null: missing). */
  set(k: number, i: number, v: CellValue): void {
    this.missing[k]![i] = v === null ? 1 : 0;
    const nums = this.numbers[k];
    if (nums) nums[i] = typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : NaN;
    else if (this.fields[k]!.kind === "category") (this.lists[k] as Texts)[i] = typeof v === "string" ? v : null;
    else (this.lists[k] as Lists)[i] = Array.isArray(v) ? (v as readonly number[]) : null;
  }

  /** Sets numeric field `k` of region `i` to a present number (the common case, kept short). */
  setNumber(k: number, i: number, v: number): void {
    this.missing[k]![i] = 0;
    this.numbers[k]![i] = v;
  }

  private grow(): void {
    this.capacity *= 2;
    const bigger = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => { const b = make(this.capacity); b.set(a); return b; };
    this.numbers.forEach((a, k) => { if (a) this.numbers[k] = bigger(a, (n) => new Float64Array(n)); });
    this.missing.forEach((a, k) => { this.missing[k] = bigger(a, (n) => new Uint8Array(n)); });
  }

  /** The finished dataset, columns trimmed to the rows read (copied, one at a time, only when far too long); the builder is spent. */
  finish(name: string, format: DataFormat): Dataset {
    const numbers = new Map<string, Float64Array>();
    const categories = new Map<string, (string | null)[]>();
    const ratings = new Map<string, (readonly number[] | null)[]>();
    const missing = new Map<string, Uint8Array>();
    // A column sized from a tight bound keeps its few spare cells (a view, no copy); one grown by doubling is copied.
    const fit = <T extends Float64Array | Uint8Array>(a: T): T => (a.length - this.n <= this.n >>> 6 ? (a.subarray(0, this.n) as T) : (a.slice(0, this.n) as T));
    this.fields.forEach((f, k) => {
      missing.set(f.name, fit(this.missing[k]!));
      this.missing[k] = EMPTY;
      const nums = this.numbers[k];
      if (nums) numbers.set(f.name, fit(nums));
      else if (f.kind === "category") categories.set(f.name, this.lists[k] as Texts);
      else ratings.set(f.name, this.lists[k] as Lists);
      this.numbers[k] = null;
    });
    return { name, format, rows: this.rows, regions: this.regions, columns: numbers, categories, ratings, missing };
  }
}

const EMPTY = new Uint8Array(0);
