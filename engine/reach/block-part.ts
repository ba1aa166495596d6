/**
 * A bonus or deduction block's total as a function of one field, per region: piecewise-constant
 * with jumps where a `when` (or `highest` tier) condition flips. The candidate jumps are the
 * roots of the conditions' comparisons (affine.ts); each is placed exactly — to the last float —
 * by bisecting the compiled block itself, and the block's total at every jump and twice inside
 * every piece is read from the compiled block (the engine's own items and cap, over all regions
 * at once with the field's column replaced). Amounts, caps, multipliers and `unless` must not
 * read the field.
 */
import { runItem, operand } from "../exec-items.js";
import type { Expr, RuleItem } from "../../dsl/ast.js";
import type { BlockDetail } from "../exec-rules.js";
import type { BlockNode, EvalGraph, InputNode } from "../graph.js";
import { overall, type ColumnExpr, type ExprEnv } from "../ops/column.js";
import { blockTotal } from "../ops/rules.js";
import type { Runtime } from "../runtime.js";
import { callsOtherThanPrev, conditionRoots, readsName } from "./affine.js";
import type { ValueFn } from "./value-fn.js";

/**
 * The block total of every region with the field's column replaced by `v`: the items that read
 * the field run again, the others keep the run's amounts (the same kernels on the same columns).
 */
function totalAt(node: BlockNode, rt: Runtime, input: number, v: Float64Array): Float64Array {
  const reads = readersOf(node, rt, input);
  const detail = rt.details[node.id] as BlockDetail;
  const env: ExprEnv = {
    n: rt.n, slot: (id) => (id === input ? v : rt.slot(id)), grouping: (t) => rt.grouping(t),
    local: () => rt.local(), prev: (i) => rt.prev(i), fill: (x) => rt.fill(x),
  };
  return blockTotal(node.items.map((it, k) => (reads[k] ? runItem(it, env, null) : detail.items[k]!)), node.max ? operand(node.max, env) : null, rt.n);
}

/**
 * Region r's block total with several fields of r set (input id → value): fields of one block do
 * not add up under its cap. The items that read a set field run on region r alone (their
 * conditions compare inputs and last period's values, region by region); the others keep the
 * run's amounts; then the block's sum and cap as `blockTotal` takes them.
 */
export function blockAt(node: BlockNode, rt: Runtime, r: number, set: ReadonlyMap<number, number>): number {
  const detail = rt.details[node.id] as BlockDetail;
  const reads = node.items.map(() => false);
  for (const id of set.keys()) readersOf(node, rt, id).forEach((yes, k) => { if (yes) reads[k] = true; });
  const one: ExprEnv = {
    n: 1, slot: (id) => Float64Array.of(set.get(id) ?? rt.slot(id)[r]!), grouping: () => overall(1),
    local: () => Float64Array.of(NaN), prev: (i) => Float64Array.of(rt.prev(i)[r]!), fill: (x) => Float64Array.of(x),
  };
  const amounts = node.items.map((it, k) => (reads[k] ? runItem(it, one, null)[0]! : detail.items[k]![r]!));
  return blockTotal(amounts.map((a) => Float64Array.of(a)), node.max ? operandAt(node.max, rt, r) : null, 1)[0]!;
}

const readers = new WeakMap<BlockNode, Map<number, readonly boolean[]>>();

/** Which of a block's items read an input (its condition, amount or cap), found once per block and input. */
function readersOf(node: BlockNode, rt: Runtime, input: number): readonly boolean[] {
  let byInput = readers.get(node);
  if (!byInput) readers.set(node, (byInput = new Map()));
  let out = byInput.get(input);
  if (!out) {
    const name = (rt.node(input) as InputNode).decl.name.name;
    byInput.set(input, (out = node.items.map((it) => itemReads(it.ast, name))));
  }
  return out;
}

function operandAt(e: ColumnExpr, rt: Runtime, r: number): number {
  const o = operand(e, rt);
  return typeof o === "number" ? o : o[r]!;
}

/** True when an item's condition, amount or cap reads the field. */
function itemReads(it: RuleItem, name: string): boolean {
  return itemExprs(it).some((e) => readsName(e, name));
}

/** Every expression of an item. */
function itemExprs(it: RuleItem): (Expr | null)[] {
  const b = it.basis;
  const basis = b.kind === "gap" ? [b.reference] : b.kind === "count" ? [b.count] : b.kind === "when" ? [b.cond] : b.tiers.flatMap((t) => [t.cond, t.amount]);
  return [it.amount, it.max, it.times, it.unless, ...basis];
}

/** Why the block's items cannot be read along the field, or their conditions' candidate roots. */
function roots(node: BlockNode, name: string, graph: EvalGraph, rt: Runtime): Float64Array[] | string {
  const out: Float64Array[] = [];
  if (readsName(node.decl.max, name)) return "its cap reads the field";
  for (const it of node.decl.items) {
    if ([it.amount, it.max, it.times, it.unless].some((e) => readsName(e, name))) return "an item's amount, cap or `unless` reads the field";
    if (itemReads(it, name) && itemExprs(it).some(callsOtherThanPrev)) return "an item reading it calls a function (it must run region by region)";
    const b = it.basis;
    if (b.kind === "gap" || b.kind === "count") {
      if (readsName(b.kind === "gap" ? b.reference : b.count, name)) return "an item pays per unit of the field";
      continue;
    }
    const conds = b.kind === "when" ? [b.cond] : b.tiers.flatMap((t) => (readsName(t.amount, name) ? [null] : [t.cond]));
    for (const c of conds) {
      if (!c) return "a tier's amount reads the field";
      const why = conditionRoots(c, name, graph, rt, out);
      if (why) return why;
    }
  }
  return out;
}

/**
 * Moves each region's root to the last float before the block's total changes near it (roots
 * without a change nearby stay). A bracket of ~2⁻⁴⁶ of the root is tried first (the affine root
 * lies within a few floats of the flip: 7–11 halvings instead of ~30); the regions whose total does
 * not change (or is not a number) in it are bisected from the wide bracket, 1e-9 of the root.
 */
function place(node: BlockNode, rt: Runtime, input: number, root: Float64Array): void {
  const n = rt.n;
  const narrow = bisect(node, rt, input, root, 2 ** -46, null);
  const wide = new Uint8Array(n);
  let any = false;
  for (let i = 0; i < n; i++) if (!narrow.changed[i] && root[i] === root[i]) { wide[i] = 1; any = true; }
  const far = any ? bisect(node, rt, input, root, 1e-9, wide) : null;
  for (let i = 0; i < n; i++) {
    if (narrow.changed[i]) root[i] = narrow.lo[i]!;
    else if (far && wide[i] && far.moved[i]) root[i] = far.lo[i]!;
  }
}

/** Halves brackets of relative width `rel` around the roots (of the regions in `only`, else all) until each is two adjacent floats. */
function bisect(node: BlockNode, rt: Runtime, input: number, root: Float64Array, rel: number, only: Uint8Array | null) {
  const n = rt.n;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = root[i] === root[i] && (!only || only[i]) ? rel * Math.max(1, Math.abs(root[i]!)) : 0;
    lo[i] = root[i]! - w;
    hi[i] = root[i]! + w;
  }
  const tLo = totalAt(node, rt, input, lo);
  const tHi = totalAt(node, rt, input, hi);
  const mid = new Float64Array(n);
  for (let k = 0; k < 80; k++) {
    let open = false;
    for (let i = 0; i < n; i++) {
      mid[i] = lo[i]! + (hi[i]! - lo[i]!) / 2;
      if (tLo[i] !== tHi[i] && mid[i] !== lo[i] && mid[i] !== hi[i]) open = true;
    }
    if (!open) break;
    const t = totalAt(node, rt, input, mid);
    for (let i = 0; i < n; i++) {
      if (tLo[i] === tHi[i]) continue;
      if (t[i] === tLo[i]) lo[i] = mid[i]!;
      else hi[i] = mid[i]!;
    }
  }
  const moved = new Uint8Array(n);
  const changed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    moved[i] = tLo[i] !== tHi[i] ? 1 : 0;
    changed[i] = moved[i] && tLo[i] === tLo[i] && tHi[i] === tHi[i] ? 1 : 0;
  }
  return { lo, moved, changed };
}

/** Each region's block total along the field (negated for a deduction), or why it cannot be read. */
export function blockFns(node: BlockNode, name: string, input: number, graph: EvalGraph, rt: Runtime, sign: 1 | -1): ValueFn[] | string {
  const rs = roots(node, name, graph, rt);
  if (typeof rs === "string") return rs;
  for (const r of rs) place(node, rt, input, r);
  const n = rt.n;
  const bs = Array.from({ length: n }, (_, i) => breaksAt(rs, i));
  let most = 0;
  for (const b of bs) if (b.length > most) most = b.length;
  const column = (f: (b: number[]) => number) => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = f(bs[i]!);
    return totalAt(node, rt, input, x);
  };
  const at = Array.from({ length: most }, (_, k) => column((b) => b[Math.min(k, b.length - 1)] ?? 0));
  const piece = (k: number, frac: number) => column((b) => inside(b, k, frac));
  const p = Array.from({ length: most + 1 }, (_, k) => piece(k, 0.25));
  const q = Array.from({ length: most + 1 }, (_, k) => piece(k, 0.75));
  const out: ValueFn[] = [];
  for (let i = 0; i < n; i++) {
    const m = bs[i]!.length;
    const a = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      if (p[k]![i] !== q[k]![i]) return "its total is not constant between the conditions' flips";
      a[k] = sign * p[k]![i]!;
    }
    const ats = new Float64Array(m);
    for (let k = 0; k < m; k++) ats[k] = sign * at[k]![i]!;
    out.push({ bs: new Float64Array(bs[i]!), at: ats, a, b: new Float64Array(m + 1) });
  }
  return out;
}

/** Region i's roots (numbers only), each once (as a Set keeps them: −0 and 0 alike, the first kept), ascending. */
function breaksAt(rs: readonly Float64Array[], i: number): number[] {
  const b: number[] = [];
  for (const r of rs) {
    const v = r[i]!;
    if (v === v && !b.includes(v)) b.push(v);
  }
  return b.sort((x, y) => x - y);
}

/** A point inside piece k of sorted breakpoints b (k = 0 before the first, k = b.length after the last). */
function inside(b: readonly number[], k: number, frac: number): number {
  if (k > b.length) k = b.length;
  const l = k === 0 ? null : b[k - 1]!;
  const r = k === b.length ? null : b[k]!;
  if (l !== null && r !== null) return l + (r - l) * frac;
  const e = l ?? r ?? 0;
  const w = (1 + Math.abs(e)) * (frac < 0.5 ? 1 : 2);
  return l !== null ? e + w : e - w;
}
