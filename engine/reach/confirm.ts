/**
 * Confirms a counterfactual without a full evaluation. The region's new total is its base total
 * plus each changed part's score recomputed at the new value (indicators by the engine's own
 * kernels on one value, blocks from their compiled values); the tree only adds scores up, so
 * nothing else of the region moves. Other regions' totals move only through a `missing mean`
 * imputation (each missing region rises by at most its function's largest gain over the shift
 * of the mean) and through min-max ranges (passing the others' range only lowers their scores);
 * the grade is then read by simple grading against the others with those rises. Where that
 * cannot tell — a region leaving a min-max end it held alone, an imputed value at the others'
 * range end, a rank target with others moving — the answer is null and the caller asks the engine.
 */
import type { BlockNode } from "../graph.js";
import type { Results } from "../results.js";
import { blockAt } from "./block-part.js";
import type { FieldModel, Part } from "./field-model.js";
import { levelReached, meets, type Need } from "./need.js";
import type { Target } from "./search.js";
import { maxOn, type ValueFn } from "./value-fn.js";

/** One field of region r set from x to v. */
export interface Change {
  readonly model: FieldModel;
  readonly x: number;
  readonly v: number;
}

/** Region r's total with the changes, when it reaches the target by the checks above; null when it does not or they cannot tell. */
export function confirmLocal(base: Results, r: number, t: Target, need: Need, changes: readonly Change[]): number | null {
  const total = localTotal(base, r, changes);
  const raised = new Float64Array(base.total.length);
  let any = false;
  for (const c of changes) {
    for (const p of c.model.parts) {
      const rg = p.range?.(r);
      // Leaving an end r held alone narrows the others' range: their scores rise.
      if (rg && ((c.x > rg.hi && c.v < c.x) || (c.x < rg.lo && c.v > c.x))) return null;
      if (p.imputes && !raise(base, p, r, c.v - c.x, raised)) return null;
      any ||= p.imputes;
    }
  }
  if (t.kind === "rank") return !any && meets(total, need) ? total : null;
  if (!meets(total, need)) return null;
  return levelReached(base, r, total, t.level, raised) ? total : null;
}

/** Region r's total with the changes: each indicator rescored by the kernels, each block evaluated once with all its changed fields. */
export function localTotal(base: Results, r: number, changes: readonly Change[]): number {
  let total = base.total[r]! + blocksGain(base, r, changes);
  for (const c of changes) for (const p of c.model.parts) if (p.node) total += p.exact(r, c.v) - p.current(r);
  return total;
}

/** What the blocks the changed fields read add to r's total, each block evaluated once with all its changed fields set. */
function blocksGain(base: Results, r: number, changes: readonly Change[]): number {
  const blocks = new Map<BlockNode, { sign: 1 | -1; current: number; set: Map<number, number> }>();
  for (const c of changes) {
    for (const p of c.model.parts) {
      if (!p.block) continue;
      let b = blocks.get(p.block.node);
      if (!b) blocks.set(p.block.node, (b = { sign: p.block.sign, current: p.current(r), set: new Map() }));
      b.set.set(c.model.input, c.v);
    }
  }
  let gain = 0;
  for (const [node, b] of blocks) gain += b.sign * blockAt(node, base.runtime, r, b.set) - b.current;
  return gain;
}

/** Adds into `raised` how far the totals of the regions whose imputed value follows r's change by `delta` can rise; false when that cannot be bounded here. */
function raise(base: Results, p: Part, r: number, delta: number, raised: Float64Array): boolean {
  const imp = p.imputation;
  const d = p.detail!;
  if (!imp) return false;
  const g = base.runtime.grouping(imp.within);
  const gid = g.ids[r]!;
  const shift = delta / imp.present[gid]!;
  const totals = base.total;
  const rg = p.range?.(r);
  // Missing regions of one function and one imputed value rise alike: their largest gain is read once.
  const top = new Map<ValueFn, Map<number, number>>();
  for (let k = 0; k < d.missing.length; k++) {
    const i = d.missing[k]!;
    const m = d.imputed[k]!;
    if (g.ids[i] !== gid || m !== m) continue;
    const f = p.fn(i);
    if (!f) return false;
    // An imputed value at (or moved past) the others' range end would move r's own range.
    if (rg && !(m > rg.lo && m < rg.hi && m + shift > rg.lo && m + shift < rg.hi)) return false;
    let byM = top.get(f);
    if (!byM) top.set(f, (byM = new Map()));
    let most = byM.get(m);
    if (most === undefined) {
      const w = 1e-9 * Math.max(1, Math.abs(m));
      byM.set(m, (most = maxOn(f, Math.min(m, m + shift) - w, Math.max(m, m + shift) + w)));
    }
    const rise = most - p.current(i);
    if (rise > 0) raised[i] = raised[i]! + rise + 1e-12 * Math.max(1, Math.abs(totals[i]!));
  }
  return true;
}

/** The most any other region's total can rise with the changes (their imputations following r's values); Infinity when that cannot be bounded here. */
export function othersRise(base: Results, r: number, changes: readonly Change[]): number {
  const raised = new Float64Array(base.total.length);
  for (const c of changes) for (const p of c.model.parts) if (p.imputes && !raise(base, p, r, c.v - c.x, raised)) return Infinity;
  let most = 0;
  for (let i = 0; i < raised.length; i++) if (i !== r && raised[i]! > most) most = raised[i]!;
  return most;
}
