/**
 * The state of one evaluation: a column per graph node, the details explanations need, the
 * typology groupings, the run's string table, and the issues found. It is also the `ExprEnv`
 * compiled expressions read from; `PrevEnv` is the same view over the previous period.
 */
import type { EvalGraph, GraphNode, InputNode } from "./graph.js";
import { issue, type EvalIssue } from "./issues.js";
import { overall, type ExprEnv, type Grouping } from "./ops/column.js";
import { rankOrder, regroup } from "./ops/rank.js";
import { Interner } from "./plan-scope.js";

/**
 * The columnar dataset the engine reads: one entry per field, regions in row order. (The
 * loader's `Dataset` in `engine/data/dataset.ts` has this shape.) A missing value is flagged in
 * `missing` (and may also be NaN in the column).
 */
export interface ColumnarData {
  readonly regions: readonly string[];
  readonly columns: ReadonlyMap<string, Float64Array>;
  readonly categories: ReadonlyMap<string, readonly (string | null | undefined)[]>;
  readonly ratings: ReadonlyMap<string, readonly (readonly number[] | null | undefined)[]>;
  readonly missing: ReadonlyMap<string, Uint8Array>;
}

/** Ratings of one input per region. */
export type RatingsColumn = readonly (readonly number[] | null | undefined)[];

/** Reads one input's column from a dataset: numbers as is, categories as codes, ratings as their mean; missing → NaN. */
export function readInput(node: InputNode, data: ColumnarData, strings: Interner, align: Int32Array | null, n: number): { column: Float64Array; ratings: RatingsColumn | null; absent: boolean } {
  const name = node.decl.name.name;
  const miss = data.missing.get(name) ?? null;
  const at = (i: number): number => (align ? align[i]! : i);
  if (node.valueType === "category") {
    const cats = data.categories.get(name);
    const out = new Float64Array(n).fill(NaN);
    if (cats) {
      for (let i = 0; i < n; i++) {
        const j = at(i);
        const v = j < 0 || (miss && miss[j]) ? null : cats[j];
        if (v !== null && v !== undefined && v !== "") out[i] = strings.code(v);
      }
    }
    return { column: out, ratings: null, absent: !cats };
  }
  if (node.valueType === "ratings") {
    const rats = data.ratings.get(name);
    const ratings = Array.from({ length: n }, (_, i) => (!rats || at(i) < 0 || (miss && miss[at(i)]) ? null : rats[at(i)]));
    return { column: Float64Array.from(ratings, mean), ratings, absent: !rats };
  }
  const nums = data.columns.get(name);
  if (!nums && node.valueType === "boolean" && data.categories.has(name)) return { column: booleans(data.categories.get(name)!, miss, align, n), ratings: null, absent: false };
  if (!nums) return { column: new Float64Array(n).fill(NaN), ratings: null, absent: true };
  if (align) return { column: numbers(nums, miss, align, n), ratings: null, absent: false };
  // A dataset does not change once loaded, so its cleaned columns are kept for the next evaluation
  // (what-if and sensitivity analyses evaluate the same data many times).
  let cache = CLEAN.get(data);
  if (!cache) CLEAN.set(data, (cache = new Map()));
  let column = cache.get(name);
  if (!column) cache.set(name, (column = numbers(nums, miss, null, n)));
  return { column, ratings: null, absent: false };
}

const CLEAN = new WeakMap<ColumnarData, Map<string, Float64Array>>();

/** A numeric column with missing and non-finite values as NaN; the dataset's own array when it is already clean. */
function numbers(nums: Float64Array, miss: Uint8Array | null, align: Int32Array | null, n: number): Float64Array {
  if (!align) {
    let clean = nums.length === n;
    for (let i = 0; clean && i < n; i++) {
      const v = nums[i]!;
      if (v - v !== 0 ? v === v : miss !== null && miss[i] === 1) clean = false;
    }
    if (clean) return nums;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = align ? align[i]! : i;
    const v = j < 0 || (miss && miss[j]) ? NaN : nums[j]!;
    out[i] = v - v === 0 ? v : NaN;
  }
  return out;
}

const TRUE = new Set(["true", "1", "yes", "y", "是", "有", "√"]);
const FALSE = new Set(["false", "0", "no", "n", "否", "无", "×"]);

/** A boolean column given as text (true/false, 是/否 …): 1, 0, or missing for anything else. */
function booleans(cells: readonly (string | null | undefined)[], miss: Uint8Array | null, align: Int32Array | null, n: number): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const j = align ? align[i]! : i;
    const c = j < 0 || (miss && miss[j]) ? null : cells[j]?.trim().toLowerCase();
    if (c && TRUE.has(c)) out[i] = 1;
    else if (c && FALSE.has(c)) out[i] = 0;
  }
  return out;
}

function mean(xs: readonly number[] | null | undefined): number {
  if (!xs || xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** One evaluation's columns and details. */
export class Runtime implements ExprEnv {
  readonly n: number;
  /** Column per node id; a deferred indicator's or group's is left out until `slot` first reads it (its detail computes it). */
  readonly values: Float64Array[] = [];
  /** Detail per node id (indicator and group internals, rule amounts, grades …). */
  readonly details: unknown[] = [];
  /** Grouping by type per typology index. */
  readonly groupings: Grouping[] = [];
  readonly strings: Interner;
  readonly issues: EvalIssue[] = [];
  /** Ratings per input index, for panels. */
  readonly ratings: (RatingsColumn | null)[] = [];
  /** The current indicator's value, while its body runs. */
  x: Float64Array | null = null;
  /** A reusable index buffer of length n (kernels copy out what they keep). */
  readonly scratch: Int32Array;
  /** Which variant each region takes, per set of `for T` types (see exec-indicator). */
  readonly selections = new Map<string, Uint8Array>();
  /** A reusable value column for `x` while one indicator runs (never kept). */
  readonly xBuffer: Float64Array;
  private readonly overallGrouping: Grouping;
  private prevEnv: PrevEnv | null = null;
  private intChunk = new Int32Array(0);
  private intsUsed = 0;
  private doubleChunk = new Float64Array(0);
  private doublesUsed = 0;
  private readonly orders = new Map<Float64Array, Map<number, Int32Array>>();

  constructor(readonly graph: EvalGraph, readonly data: ColumnarData, readonly prevData: ColumnarData | null) {
    this.n = data.regions.length;
    this.strings = new Interner(graph.strings);
    this.overallGrouping = overall(this.n);
    this.scratch = new Int32Array(this.n);
    this.xBuffer = new Float64Array(this.n);
  }

  slot(id: number): Float64Array {
    const v = this.values[id] ?? this.deferred(id);
    if (!v) throw new Error(`engine bug: node ${id} read before it was computed`);
    return v;
  }

  /** Records a node whose column is computed when first read (its detail's `score`), replacing any column it had. */
  defer(id: number, detail: { readonly kind: "indicator" | "group"; readonly score: Float64Array }): void {
    this.details[id] = detail;
    delete this.values[id];
  }

  /** Starts from another run of the same data: its columns, details, typology groupings and ratings (a partial re-run replaces some). */
  adopt(from: Runtime): this {
    const nodes = Math.max(from.values.length, from.details.length);
    for (let i = 0; i < nodes; i++) {
      // The run started from keeps its group scores (computed once here), so a partial re-run
      // reuses the groups it does not change instead of summing them again from their indicators.
      const d = from.details[i] as { readonly kind?: string } | undefined;
      if (d?.kind === "group") from.slot(i);
      if (from.values[i]) this.values[i] = from.values[i]!;
      this.details[i] = from.details[i];
    }
    from.groupings.forEach((g, k) => { this.groupings[k] = g; });
    from.ratings.forEach((r, k) => { this.ratings[k] = r; });
    return this;
  }

  /** The column of a node that computes it when first read (deferred indicator and group scores: the detail's `score`). */
  private deferred(id: number): Float64Array | undefined {
    const d = this.details[id] as { readonly kind?: string; readonly score?: Float64Array } | undefined;
    if ((d?.kind !== "indicator" && d?.kind !== "group") || !d.score) return undefined;
    return (this.values[id] = d.score);
  }

  grouping(typology: number): Grouping {
    return typology < 0 ? this.overallGrouping : this.groupings[typology]!;
  }

  local(): Float64Array {
    return this.x ?? this.fill(NaN);
  }

  prev(input: number): Float64Array {
    return this.previous().slot(this.graph.inputs[input]!.id);
  }

  fill(value: number): Float64Array {
    return constantColumn(this.n, value);
  }

  /** Regions ordered best first within each type of a typology (−1: overall), computed once per column. */
  order(col: Float64Array, typology: number): Int32Array {
    let byGroup = this.orders.get(col);
    if (!byGroup) this.orders.set(col, (byGroup = new Map()));
    let ord = byGroup.get(typology);
    if (ord) return ord;
    // One sort per column: a typology's order is the overall order regrouped.
    let all = byGroup.get(-1);
    if (!all) byGroup.set(-1, (all = rankOrder(col, this.grouping(-1), true)));
    if (typology >= 0) byGroup.set(typology, (ord = regroup(all, this.grouping(typology))));
    return ord ?? all;
  }

  /** The previous-period view (all inputs missing when no previous dataset was given). */
  previous(): PrevEnv {
    if (!this.prevEnv) {
      if (!this.prevData) this.issues.push(issue("missing-prev", "warning", "the scheme uses last period's values but no previous-period dataset was given: they count as missing"));
      this.prevEnv = new PrevEnv(this);
    }
    return this.prevEnv;
  }

  /**
   * Room for `length` numbers that live as long as the run (an indicator's missing positions and
   * imputations): a view of a shared chunk, so a small list costs no buffer of its own.
   */
  ints(length: number): Int32Array {
    if (this.intsUsed + length > this.intChunk.length) {
      this.intChunk = new Int32Array(Math.max(CHUNK, length));
      this.intsUsed = 0;
    }
    return this.intChunk.subarray(this.intsUsed, (this.intsUsed += length));
  }

  /** As `ints`, for doubles. */
  doubles(length: number): Float64Array {
    if (this.doublesUsed + length > this.doubleChunk.length) {
      this.doubleChunk = new Float64Array(Math.max(CHUNK, length));
      this.doublesUsed = 0;
    }
    return this.doubleChunk.subarray(this.doublesUsed, (this.doublesUsed += length));
  }

  /** A node of the graph. */
  node(id: number): GraphNode {
    return this.graph.nodes[id]!;
  }
}

/** Numbers per chunk of `Runtime.ints` and `Runtime.doubles`. */
const CHUNK = 4096;

/** Constant columns of the most recent length, shared by every run (columns are read-only once made). */
let constants: { n: number; byValue: Map<number | "-0", Float64Array> } = { n: -1, byValue: new Map() };

/** A column of `n` copies of `value`, shared: NaN finds NaN, and −0 has its own column. */
function constantColumn(n: number, value: number): Float64Array {
  if (constants.n !== n) constants = { n, byValue: new Map() };
  const key = Object.is(value, -0) ? "-0" : value;
  let f = constants.byValue.get(key);
  if (!f) constants.byValue.set(key, (f = new Float64Array(n).fill(value)));
  return f;
}

const ALIGNED = new WeakMap<ColumnarData, WeakMap<ColumnarData, { readonly align: Int32Array | null }>>();

/**
 * Where each region of `data` is in `prev` (−1: absent), or null when that is the identity (both
 * list the same regions in the same order); computed once per pair of datasets (they do not
 * change once loaded).
 */
function alignment(data: ColumnarData, prev: ColumnarData): Int32Array | null {
  let byPrev = ALIGNED.get(data);
  if (!byPrev) ALIGNED.set(data, (byPrev = new WeakMap()));
  let entry = byPrev.get(prev);
  if (!entry) {
    const index = new Map(prev.regions.map((r, i) => [r, i]));
    const align = Int32Array.from(data.regions, (r) => index.get(r) ?? -1);
    let identity = prev.regions.length === align.length;
    for (let i = 0; identity && i < align.length; i++) identity = align[i] === i;
    entry = { align: identity ? null : align };
    byPrev.set(prev, entry);
  }
  return entry.align;
}

/**
 * Last period's view: inputs come from the previous dataset (matched by region id), derived
 * values are recomputed from them on demand; everything else (types, tables, scores) is this
 * period's.
 */
export class PrevEnv implements ExprEnv {
  readonly n: number;
  private readonly columns = new Map<number, Float64Array>();
  private readonly align: Int32Array | null;

  constructor(private readonly rt: Runtime) {
    this.n = rt.n;
    this.align = rt.prevData ? alignment(rt.data, rt.prevData) : null;
  }

  slot(id: number): Float64Array {
    const node = this.rt.node(id);
    if (node.kind !== "input" && node.kind !== "let") return this.rt.slot(id);
    let col = this.columns.get(id);
    if (!col) {
      col = node.kind === "let" ? node.expr.run(this) : this.readPrev(node);
      this.columns.set(id, col);
    }
    return col;
  }

  private readPrev(node: InputNode): Float64Array {
    const data = this.rt.prevData;
    if (!data) return this.rt.fill(NaN);
    const { column } = readInput(node, data, this.rt.strings, this.align, this.n);
    return column;
  }

  /** Last period's ratings of an input, aligned to this period's regions. */
  ratings(input: number): RatingsColumn {
    const data = this.rt.prevData;
    const node = this.rt.graph.inputs[input]!;
    if (!data) return [];
    return readInput(node, data, this.rt.strings, this.align, this.n).ratings ?? [];
  }

  grouping(typology: number): Grouping {
    return this.rt.grouping(typology);
  }

  local(): Float64Array {
    return this.rt.fill(NaN);
  }

  prev(): Float64Array {
    return this.rt.fill(NaN);
  }

  fill(value: number): Float64Array {
    return this.rt.fill(value);
  }
}
