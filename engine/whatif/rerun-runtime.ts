/**
 * The runtime of a re-run: the engine's `Runtime`, except that a column's best-first order (what
 * ranks and grades read) comes from a radix sort on the numbers' bits — the same order as the
 * engine's comparison sort (present values, largest first, ties in dataset order, grouped by type),
 * in linear time. One overall sort per column serves every typology's order. Constant columns
 * (points, thresholds) are shared between re-runs instead of filled again each time.
 */
import type { EvalGraph } from "../graph.js";
import { Runtime, type ColumnarData } from "../runtime.js";
import { RadixOrder } from "../ops/radix.js";

/** One sorter per column length, reused by every re-run (orders are copied out of it). */
let sorter: { readonly n: number; readonly radix: RadixOrder } | null = null;

function radix(n: number): RadixOrder {
  if (!sorter || sorter.n !== n) sorter = { n, radix: new RadixOrder(n) };
  return sorter.radix;
}

/** How many constant columns re-runs share (the most recently used; a slider drag makes many). */
const FILLS = 64;
/** Constant columns shared by the re-runs over one column length, least recently used first. */
let fills: { readonly n: number; readonly byValue: Map<number, Float64Array> } | null = null;

/** A runtime whose orders are radix-sorted. */
export class RerunRuntime extends Runtime {
  private readonly sorted = new Map<Float64Array, Map<number, Int32Array>>();

  constructor(graph: EvalGraph, data: ColumnarData, prevData: ColumnarData | null) {
    super(graph, data, prevData);
  }

  /** A column holding one value everywhere (never written to): shared by every re-run of this length. */
  override fill(value: number): Float64Array {
    if (!fills || fills.n !== this.n) fills = { n: this.n, byValue: new Map() };
    const { byValue } = fills;
    // Map keys compare with SameValueZero, as `Runtime.fill` relies on (NaN finds NaN, 0 and −0 share).
    let col = byValue.get(value);
    if (col) byValue.delete(value);
    else col = super.fill(value);
    byValue.set(value, col);
    if (byValue.size > FILLS) byValue.delete(byValue.keys().next().value!);
    return col;
  }

  /** Regions best first within each type of a typology (−1: overall), computed once per column. */
  override order(col: Float64Array, typology: number): Int32Array {
    let byGroup = this.sorted.get(col);
    if (!byGroup) this.sorted.set(col, (byGroup = new Map()));
    let ord = byGroup.get(typology);
    if (ord) return ord;
    const r = radix(col.length);
    let all = byGroup.get(-1);
    if (!all) byGroup.set(-1, (all = r.order(col).slice()));
    if (typology >= 0) byGroup.set(typology, (ord = r.groupedOrder(all, this.grouping(typology)).slice()));
    return ord ?? all;
  }
}
