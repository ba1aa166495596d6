/**
 * Which input fields the analytic path can read, and a region's total along one of them. A field
 * qualifies when nothing but its indicators reads it (no derived value, rule block, check, veto,
 * typology or grade threshold), each of those indicators scores the field itself through a
 * variant value-fn.ts can read, and the tree above them adds scores up (stability's own test:
 * arithmetic aggregation, no entropy weights, no rule reading a score; no dropped or inapplicable
 * region, per stability's `scoreFns`). Then region r's total is its base total plus Σᵢ (fᵢ(v) −
 * fᵢ(x)), a piecewise-linear function of v with jumps at known breakpoints. Others' totals can
 * still move — through min-max's range once r passes its group's extreme, and through a `missing
 * mean` imputation that averages r's value — by at most each indicator's score range; callers
 * that depend on others (quota, ranks) are told so (`othersMove`).
 */
import type { IndicatorNode } from "../graph.js";
import type { IndicatorDetail } from "../indicator-detail.js";
import { sameValue } from "../ops/column.js";
import { groupRange } from "../ops/scoring.js";
import type { Results } from "../results.js";
import { nonLinearReason } from "../stability/nodes.js";
import { scoreFns } from "../stability/score-fn.js";
import { downstream } from "../whatif/rerun.js";
import { breaksBetween, limitAt, unreadable, valueAt, valueFn, type ValueFn } from "./value-fn.js";

/** One indicator reading the field. */
interface Part {
  readonly node: IndicatorNode;
  readonly detail: IndicatorDetail;
  /** The function for region r (null when a piece is not linear). */
  readonly fn: (r: number) => ValueFn | null;
  /** Min-max's group range and how many regions hold each end (null for other methods). */
  readonly range: ((r: number) => { lo: number; hi: number; nLo: number; nHi: number }) | null;
  /** How far another region's score can move (its cap − floor). */
  readonly spread: number;
  /** True when a `missing mean` imputation averages the field (others move with r's value). */
  readonly imputes: boolean;
}

/** A field the analytic path reads. */
export interface FieldModel {
  readonly input: number;
  readonly parts: readonly Part[];
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
  for (const id of graph.order) {
    if (!mark[id] || id === input) continue;
    const n = graph.nodes[id]!;
    if (n.kind === "group" || n.kind === "total" || n.kind === "rank" || n.kind === "alert" || n.kind === "flag") continue;
    if (n.kind === "grades") {
      if (n.deps.some((d) => mark[d] && d !== n.total)) return "a grade threshold or veto reads it";
      continue;
    }
    if (n.kind !== "indicator") return `a ${n.kind} reads it`;
    const p = part(base, n, col);
    if (typeof p === "string") return `\`${n.tree.label}\`: ${p}`;
    parts.push(p);
  }
  return parts.length ? { input, parts } : "no indicator scores it";
}

function parentOf(path: string): string {
  const k = path.lastIndexOf(".");
  return k < 0 ? "" : path.slice(0, k);
}

function part(base: Results, node: IndicatorNode, col: Float64Array): Part | string {
  const rt = base.runtime;
  const d = rt.details[node.id] as IndicatorDetail;
  const why = nonLinearReason(base.program.scheme.nodes, base.program.graph, parentOf(node.tree.path));
  if (why) return why;
  const fns = scoreFns(node, rt);
  if (typeof fns === "string") return fns;
  const variants = node.plan.variants;
  for (const v of variants) {
    if (v.value.kind !== "expr" || v.value.expr.run(rt) !== col) return "it scores a value computed from the field";
    const u = unreadable(v);
    if (u) return u;
  }
  const higher = node.plan.direction === "higher";
  const minmax = variants.map((v) => (v.method!.kind === "minmax" ? v.method as { within: number } : null));
  const x = scoredColumn(d);
  const ranges = minmax.map((m) => (m ? groupEnds(x, rt.grouping(m.within)) : null));
  const memo = new Map<string, ValueFn | null>();
  const fn = (r: number) => {
    const vi = d.variant ? d.variant[r]! : 0;
    const rg = ranges[vi]?.(r) ?? null;
    const key = `${vi}:${d.points[r]}:${rg ? `${rg.lo}:${rg.hi}` : ""}`;
    let f = memo.get(key);
    if (f === undefined) memo.set(key, (f = valueFn(variants[vi]!, higher, d.points[r]!, rg)));
    return f;
  };
  const range = minmax.some((m) => m) ? (r: number) => ranges[d.variant ? d.variant[r]! : 0]?.(r) ?? { lo: -Infinity, hi: Infinity, nLo: 2, nHi: 2 } : null;
  const caps = variants.map((v) => (v.cap ? v.cap.constant! : Math.max(...d.points)) - (v.floor ? v.floor.constant! : 0));
  return { node, detail: d, fn, range, spread: Math.max(0, ...caps), imputes: d.missing.length > 0 && variants.some((v) => v.missing === "mean") };
}

function scoredColumn(d: IndicatorDetail): Float64Array {
  const x = d.transformed.slice();
  d.missing.forEach((i, k) => { x[i] = d.imputed[k]!; });
  return x;
}

/** Each region's group range of the scored values, with how many regions hold each end. */
function groupEnds(x: Float64Array, g: { ids: Int32Array; count: number }): (r: number) => { lo: number; hi: number; nLo: number; nHi: number } {
  const { lo, hi } = groupRange(x, g);
  const nLo = new Int32Array(g.count);
  const nHi = new Int32Array(g.count);
  for (let i = 0; i < x.length; i++) {
    const k = g.ids[i]!;
    if (x[i] === lo[k]) nLo[k]!++;
    if (x[i] === hi[k]) nHi[k]!++;
  }
  return (r) => { const k = g.ids[r]!; return { lo: lo[k]!, hi: hi[k]!, nLo: nLo[k]!, nHi: nHi[k]! }; };
}

/** Region r's total gain along a field in one direction: breakpoints in the distance, and the gain at, just after and just before each. */
export interface GainPath {
  readonly ds: number[];
  readonly at: number[];
  readonly after: number[];
  readonly before: number[];
  /** True when moving the field can move other regions' totals (by at most `spread` in all). */
  readonly othersMove: boolean;
  readonly spread: number;
  /** Points gained by the indicators at the far end; true when all score full marks there. */
  readonly full: boolean;
}

/** The functions of region r (null when the model does not reproduce the run's scores at x, or r holds a min-max extreme alone). */
export function regionFns(m: FieldModel, r: number, x: number): ValueFn[] | null {
  const out: ValueFn[] = [];
  for (const p of m.parts) {
    const f = p.fn(r);
    if (!f || !sameValue(valueAt(f, x), p.detail.score[r]!)) return null;
    const rg = p.range?.(r);
    if (rg && ((x === rg.lo && rg.nLo < 2) || (x === rg.hi && rg.nHi < 2))) return null;
    out.push(f);
  }
  return out;
}

/** Region r's gain path from x over distances 0..span in direction dir. */
export function gainPath(m: FieldModel, fns: readonly ValueFn[], r: number, x: number, dir: 1 | -1, span: number): GainPath {
  const end = x + dir * span;
  const vs: number[] = [];
  for (const f of fns) breaksBetween(f, x, end, vs);
  const ds = [0, ...[...new Set(vs.map((v) => Math.abs(v - x)))].sort((a, b) => a - b), span].filter((d, k, a) => k === 0 || d > a[k - 1]!);
  const sum = (g: (f: ValueFn, v: number) => number, d: number) => fns.reduce((s, f) => s + g(f, x + dir * d) - valueAt(f, x), 0);
  const at = ds.map((d) => sum(valueAt, d));
  const after = ds.map((d) => sum((f, v) => limitAt(f, v, dir), d));
  const before = ds.map((d) => sum((f, v) => limitAt(f, v, dir > 0 ? -1 : 1), d));
  let othersMove = false;
  m.parts.forEach((p) => {
    const rg = p.range?.(r);
    if (p.imputes || (rg && (end > rg.hi || end < rg.lo))) othersMove = true;
  });
  const full = m.parts.every((p, k) => valueAt(fns[k]!, end) >= p.detail.points[r]! - 1e-9);
  return { ds, at, after, before, othersMove, spread: m.parts.reduce((s, p) => s + p.spread, 0), full };
}

/** The gain at distance d on a path. */
export function gainAt(g: GainPath, d: number): number {
  let k = 0;
  while (k + 1 < g.ds.length && g.ds[k + 1]! <= d) k++;
  if (g.ds[k] === d) return g.at[k]!;
  const d0 = g.ds[k]!;
  const d1 = g.ds[k + 1]!;
  return g.after[k]! + ((g.before[k + 1]! - g.after[k]!) * (d - d0)) / (d1 - d0);
}
