/**
 * Which input fields the analytic path can read, and a region's total along one of them. A field
 * qualifies when nothing but its indicators and bonus/deduction blocks reads it (no derived
 * value, check, veto, typology or grade threshold); each indicator scores the field itself
 * through a variant value-fn.ts can read, under a tree that adds scores up (stability's own test:
 * arithmetic aggregation, no entropy weights, no rule reading a score; no dropped or inapplicable
 * region, per stability's `scoreFns`); each block's conditions compare it affinely (block-part.ts).
 * Then region r's total is its base total plus Σ parts (fᵢ(v) − fᵢ(x)), a piecewise-linear
 * function of v with jumps at known breakpoints. A min-max indicator is modelled with the range
 * of the *other* regions of its group (clamped), which is r's exact score for every v. Others'
 * totals can still move — min-max scores fall when r passes the others' range or rise when r
 * leaves an extreme it held alone, and a `missing mean` imputation follows r's value — which
 * confirm.ts accounts for.
 */
import type { BlockNode, IndicatorNode } from "../graph.js";
import type { IndicatorDetail } from "../indicator-detail.js";
import type { BlockDetail } from "../exec-rules.js";
import { sameValue } from "../ops/column.js";
import type { Results } from "../results.js";
import { nonLinearReason } from "../stability/nodes.js";
import { scoreFnsWhyOf } from "../stability/score-fn.js";
import { downstream } from "../whatif/rerun.js";
import { blockFns } from "./block-part.js";
import { OthersRanges, perClass, type OthersRange } from "./classes.js";
import { scoreOf, sumFns, unreadable, valueAt, valueFn, type ValueFn } from "./value-fn.js";

/** A min-max indicator's group range without region r (classes.ts). */
export type { OthersRange } from "./classes.js";

/** A variant that is not min-max: no range. */
const NO_RANGE: OthersRange = { lo: -Infinity, hi: Infinity, alone: false };

/** An indicator or block reading the field. */
export interface Part {
  /** The indicator (null for a bonus or deduction block). */
  readonly node: IndicatorNode | null;
  /** The block and its sign in the total (null for an indicator). */
  readonly block: { readonly node: BlockNode; readonly sign: 1 | -1 } | null;
  readonly detail: IndicatorDetail | null;
  /** Region r's score (a block: its signed total) along the field; null when a piece is not linear. */
  readonly fn: (r: number) => ValueFn | null;
  /** The run's value of `fn` at the current value. */
  readonly current: (r: number) => number;
  /** Region r's value at v computed afresh (an indicator: by the engine's kernels on one value). */
  readonly exact: (r: number, v: number) => number;
  /** Min-max: the range of the other regions of r's group (null for other methods). */
  readonly range: ((r: number) => OthersRange) | null;
  /** How far another region's score can move (its cap − floor). */
  readonly spread: number;
  /** True when a `missing mean` imputation averages the field (others move with r's value). */
  readonly imputes: boolean;
  /** The imputation, when `imputes`. */
  readonly imputation: Imputation | null;
}

/** Where a `missing mean` imputation averages the field: the typology (−1 overall) and how many present values each of its groups has. */
export interface Imputation { readonly within: number; readonly present: Float64Array }

/** A field the analytic path reads. */
export interface FieldModel {
  readonly name: string;
  readonly input: number;
  readonly parts: readonly Part[];
  /** Region r's total gain function (the sum of its parts), cached; null when a part does not reproduce the run. */
  readonly total: (r: number, x: number) => ValueFn | null;
}

const cache = new WeakMap<Results, Map<string, FieldModel | string>>();

/** The model of field `name`, or why the analytic path cannot read it. */
export function fieldModel(base: Results, name: string): FieldModel | string {
  let byName = cache.get(base);
  if (!byName) cache.set(base, (byName = new Map()));
  let m = byName.get(name);
  if (m === undefined) byName.set(name, (m = build(base, name)));
  return m;
}

function build(base: Results, name: string): FieldModel | string {
  const graph = base.program.graph;
  const input = graph.inputs.find((i) => i.decl.name.name === name)!.id;
  const mark = downstream(graph, [input]);
  const parts: Part[] = [];
  const col = base.runtime.slot(input);
  const total = graph.nodes[graph.total]!;
  for (const id of graph.order) {
    if (!mark[id] || id === input) continue;
    const n = graph.nodes[id]!;
    if (n.kind === "group" || n.kind === "total" || n.kind === "rank" || n.kind === "alert" || n.kind === "flag") continue;
    if (n.kind === "grades") {
      if (n.deps.some((d) => mark[d] && d !== n.total)) return "a grade threshold or veto reads it";
      continue;
    }
    if (n.kind === "block" && total.kind === "total") {
      const sign = total.bonuses.includes(id) ? 1 : total.deductions.includes(id) ? -1 : 0;
      const p = sign === 0 ? "it is not added to the total" : blockPart(base, n, name, input, sign as 1 | -1);
      if (typeof p === "string") return `「${n.decl.label.value}」: ${p}`;
      parts.push(p);
      continue;
    }
    if (n.kind !== "indicator") return `a ${n.kind} reads it`;
    const p = part(base, n, col);
    if (typeof p === "string") return `\`${n.tree.label}\`: ${p}`;
    parts.push(p);
  }
  if (!parts.some((p) => p.node)) return "no indicator scores it";
  return { name, input, parts, total: totals(parts, base.runtime.n) };
}

/**
 * The cached sum of the parts' functions for each region, checked against the run at x. Sums of
 * indicators' functions (made per class) are shared by their classes; a block's function is a
 * region's own, so a sum with one is made per region without a key.
 */
function totals(parts: readonly Part[], n: number): (r: number, x: number) => ValueFn | null {
  const memo = new Map<string, ValueFn>();
  const ids = new Map<ValueFn, number>();
  const shared = parts.every((p) => p.node);
  const perRegion: (ValueFn | null | undefined)[] = new Array(n);
  const only = parts.length === 1 ? parts[0]! : null;
  return (r, x) => {
    let f = perRegion[r];
    if (f !== undefined) return f;
    if (only) {
      const g = only.fn(r);
      return (perRegion[r] = g && sameValue(valueAt(g, x), only.current(r)) ? g : null);
    }
    const fns: ValueFn[] = [];
    for (const p of parts) {
      const g = p.fn(r);
      if (!g || !sameValue(valueAt(g, x), p.current(r))) return (perRegion[r] = null);
      fns.push(g);
    }
    if (fns.length === 1) f = fns[0]!;
    else if (!shared) f = sumFns(fns);
    else {
      const key = fns.map((g) => { let k = ids.get(g); if (k === undefined) ids.set(g, (k = ids.size)); return k; }).join(",");
      f = memo.get(key);
      if (!f) memo.set(key, (f = sumFns(fns)));
    }
    return (perRegion[r] = f);
  };
}

function blockPart(base: Results, node: BlockNode, name: string, input: number, sign: 1 | -1): Part | string {
  const fns = blockFns(node, name, input, base.program.graph, base.runtime, sign);
  if (typeof fns === "string") return fns;
  const total = (base.runtime.details[node.id] as BlockDetail).total;
  return { node: null, block: { node, sign }, detail: null, fn: (r) => fns[r]!, current: (r) => sign * total[r]!, exact: (r, v) => valueAt(fns[r]!, v), range: null, spread: 0, imputes: false, imputation: null };
}

function parentOf(path: string): string {
  const k = path.lastIndexOf(".");
  return k < 0 ? "" : path.slice(0, k);
}

function part(base: Results, node: IndicatorNode, col: Float64Array): Part | string {
  const rt = base.runtime;
  const d = rt.details[node.id] as IndicatorDetail;
  const nonLinear = nonLinearReason(base.program.scheme.nodes, base.program.graph, parentOf(node.tree.path));
  if (nonLinear) return nonLinear;
  const why = scoreFnsWhyOf(base)(node.tree.path);
  if (why !== null) return why;
  const variants = node.plan.variants;
  for (const v of variants) {
    if (v.value.kind !== "expr" || v.value.expr.run(rt) !== col) return "it scores a value computed from the field";
    const u = unreadable(v);
    if (u) return u;
  }
  const higher = node.plan.direction === "higher";
  const minmax = variants.map((v) => (v.method!.kind === "minmax" ? v.method as { within: number } : null));
  // The scored column only where a range is read (min-max): a copy per indicator otherwise unused.
  const x = minmax.some((m) => m) ? scoredColumn(d) : null;
  const ranges = minmax.map((m) => (m && x ? new OthersRanges(x, rt.grouping(m.within)) : null));
  const range = minmax.some((m) => m) ? (r: number) => ranges[d.variant ? d.variant[r]! : 0]?.at(r) ?? NO_RANGE : null;
  const scorerAt = perClass(d.variant, d.points, ranges, (vi, p, rg) => scoreOf(variants[vi]!, higher, p, rg));
  const exact = (r: number, v: number) => scorerAt(r)(v);
  const fn = perClass(d.variant, d.points, ranges, (vi, p, rg) => valueFn(variants[vi]!, higher, p, rg));
  const most = variants.some((v) => !v.cap) ? maxOf(d.points) : 0;
  const caps = variants.map((v) => (v.cap ? v.cap.constant! : most) - (v.floor ? v.floor.constant! : 0));
  const score = d.score;
  const imputes = d.missing.length > 0 && variants.some((v) => v.missing === "mean");
  return {
    node, block: null, detail: d, fn, current: (r) => score[r]!, exact, range, spread: Math.max(0, ...caps),
    imputes, imputation: imputes ? imputation(d, variants.map((v) => v.missingWithin), rt) : null,
  };
}

/** The grouping a `missing mean` averages within (one for all variants, else null) and its present counts. */
function imputation(d: IndicatorDetail, within: readonly number[], rt: Results["runtime"]): Imputation | null {
  if (within.some((w) => w !== within[0])) return null;
  const g = rt.grouping(within[0]!);
  const present = new Float64Array(g.count);
  const ids = g.ids;
  const t = d.transformed;
  for (let i = 0; i < ids.length; i++) if (t[i] === t[i]) present[ids[i]!]!++;
  return { within: within[0]!, present };
}

/** Math.max(...xs), folded (the same value: NaN when one is, +0 above −0) without spreading the column. */
function maxOf(xs: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, xs[i]!);
  return m;
}

function scoredColumn(d: IndicatorDetail): Float64Array {
  const x = d.transformed.slice();
  d.missing.forEach((i, k) => { x[i] = d.imputed[k]!; });
  return x;
}
