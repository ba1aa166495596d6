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
  const raised = scratch(base.total.length);
  const touched: number[] = [];
  try {
    return confirmWith(base, r, t, need, changes, raised, touched);
  } finally {
    for (const i of touched) raised[i] = 0;
  }
}

let shared = new Float64Array(0);

/** A zeroed column of n, shared between calls (each caller zeroes what it touched). */
function scratch(n: number): Float64Array {
  if (shared.length !== n) shared = new Float64Array(n);
  return shared;
}

function confirmWith(base: Results, r: number, t: Target, need: Need, changes: readonly Change[], raised: Float64Array, touched: number[]): number | null {
  const total = localTotal(base, r, changes);
  // Short of the need, every way below answers null.
  if (!meets(total, need)) return null;
  let reach = 0;
  // Each imputing part's followers and classes' most, found once for the bound and the raising.
  const rises: Rise[] = [];
  for (const c of changes) {
    for (const p of c.model.parts) {
      const rg = p.range?.(r);
      // Leaving an end r held alone narrows the others' range: their scores rise.
      if (rg && ((c.x > rg.hi && c.v < c.x) || (c.x < rg.lo && c.v > c.x))) return null;
      if (!p.imputes) continue;
      const moved = followers(base, p, r, c.v - c.x);
      if (!moved) return null;
      const rise: Rise = { p, moved, mosts: [] };
      const most = riseBound(rise);
      if (most === null) return null;
      reach += most;
      rises.push(rise);
    }
  }
  if (t.kind === "rank") return rises.length === 0 ? total : null;
  // Only the regions below r's total by at most the others' largest rise (and a margin far above
  // rounding and the ties' tolerance) can change their side of it; the rest are not raised.
  const m = 1e-6 * (1 + Math.abs(total) + reach);
  for (const rise of rises) raiseFrom(base, rise, raised, touched, total - reach - m, total + m);
  return levelReached(base, r, total, t.level, raised, touched) ? total : null;
}

/** Region r's total with the changes: each indicator rescored by the kernels, each block evaluated once with all its changed fields. */
export function localTotal(base: Results, r: number, changes: readonly Change[]): number {
  let total = base.total[r]! + blocksGain(base, r, changes);
  for (const c of changes) for (const p of c.model.parts) if (p.node) total += p.exact(r, c.v) - p.current(r);
  return total;
}

/** What the blocks the changed fields read add to r's total, each block evaluated once with all its changed fields set. */
function blocksGain(base: Results, r: number, changes: readonly Change[]): number {
  // Made on the first block met (most changes read none).
  let blocks: Map<BlockNode, { sign: 1 | -1; current: number; set: Map<number, number> }> | null = null;
  for (const c of changes) {
    for (const p of c.model.parts) {
      if (!p.block) continue;
      blocks ??= new Map();
      let b = blocks.get(p.block.node);
      if (!b) blocks.set(p.block.node, (b = { sign: p.block.sign, current: p.current(r), set: new Map() }));
      b.set.set(c.model.input, c.v);
    }
  }
  let gain = 0;
  if (blocks === null) return gain;
  for (const [node, b] of blocks) gain += b.sign * blockAt(node, base.runtime, r, b.set) - b.current;
  return gain;
}

/**
 * Missing regions of one group sharing one function and one imputed value: they rise alike.
 * `byTotal` lists those with a total by ascending total (`totals`); `low` is their lowest score.
 */
interface Imputed { readonly f: ValueFn; readonly m: number; readonly regions: number[]; byTotal: Int32Array; totals: Float64Array; low: number }

const imputedCache = new WeakMap<Part, Map<number, Imputed[] | null>>();

/** The missing regions of group gid of a part's imputation, by function and imputed value (null when a function is not read). */
function imputedOf(base: Results, p: Part, g: { ids: Int32Array }, gid: number): Imputed[] | null {
  let byGroup = imputedCache.get(p);
  if (!byGroup) imputedCache.set(p, (byGroup = new Map()));
  let out = byGroup.get(gid);
  if (out !== undefined) return out;
  const d = p.detail!;
  const classes = new Map<ValueFn, Map<number, number[]>>();
  out = [];
  for (let k = 0; k < d.missing.length && out; k++) {
    const i = d.missing[k]!;
    const m = d.imputed[k]!;
    if (g.ids[i] !== gid || m !== m) continue;
    const f = p.fn(i);
    if (!f) { out = null; break; }
    let byM = classes.get(f);
    if (!byM) classes.set(f, (byM = new Map()));
    let regions = byM.get(m);
    if (!regions) { byM.set(m, (regions = [])); out.push({ f, m, regions, byTotal: NONE, totals: NO_TOTALS, low: Infinity }); }
    regions.push(i);
  }
  if (out) for (const c of out) sortByTotal(base.total, p, c);
  byGroup.set(gid, out);
  return out;
}

const NONE = new Int32Array(0);
const NO_TOTALS = new Float64Array(0);

/** Fills a class's regions by total and its lowest score (NaN when a score is NaN). */
function sortByTotal(totals: Float64Array, p: Part, c: Imputed): void {
  const list = c.regions.filter((i) => totals[i] === totals[i]).sort((a, b) => totals[a]! - totals[b]!);
  c.byTotal = Int32Array.from(list);
  c.totals = Float64Array.from(list, (i) => totals[i]!);
  let low = Infinity;
  for (const i of c.regions) { const s = p.current(i); if (s < low || s !== s) low = s; if (low !== low) break; }
  c.low = low;
}

/** The imputed classes of r's group whose value follows r's change by `delta` (moved by `shift`), and r's others' range; null when the part imputes no such value. */
function followers(base: Results, p: Part, r: number, delta: number): { classes: Imputed[]; shift: number; range: { lo: number; hi: number } | undefined } | null {
  const imp = p.imputation;
  if (!imp) return null;
  const g = base.runtime.grouping(imp.within);
  const gid = g.ids[r]!;
  const classes = imputedOf(base, p, g, gid);
  return classes ? { classes, shift: delta / imp.present[gid]!, range: p.range?.(r) } : null;
}

/** The most a class's score reaches while its imputed value m moves by `shift`; null when m is at (or moves past) the others' range end, which would move r's own range. */
function mostAfter(f: Imputed["f"], m: number, shift: number, rg: { lo: number; hi: number } | undefined): number | null {
  if (rg && !(m > rg.lo && m < rg.hi && m + shift > rg.lo && m + shift < rg.hi)) return null;
  const w = 1e-9 * Math.max(1, Math.abs(m));
  return maxOn(f, Math.min(m, m + shift) - w, Math.max(m, m + shift) + w);
}

/** A changed part's followers and the most each of its classes reaches (filled as far as `riseBound` read them). */
interface Rise { readonly p: Part; readonly moved: Followers; readonly mosts: (number | null)[] }

/** The followers of a part, as `followers` gives them. */
type Followers = NonNullable<ReturnType<typeof followers>>;

/** The most a region's total can rise by the part's imputation following r's change (null when that cannot be bounded here, as `raise`); each class's most kept in `rise`. */
function riseBound(rise: Rise): number | null {
  const { moved, mosts } = rise;
  let bound = 0;
  for (const { f, m, low } of moved.classes) {
    const most = mostAfter(f, m, moved.shift, moved.range);
    mosts.push(most);
    if (most === null) return null;
    const up = most - low;
    // NaN: no bound (every region is then raised as `raise` would).
    if (up > bound || up !== up) bound = up;
    if (bound !== bound) return Infinity;
  }
  return bound;
}

/**
 * Adds into `raised` (recording each region first raised in `touched`) how far the totals of the
 * regions whose imputed value follows r's change by `delta` can rise; false when that cannot be
 * bounded here. With a window, only the regions whose totals lie in [lo, hi] are raised.
 */
function raise(base: Results, p: Part, r: number, delta: number, raised: Float64Array, touched: number[], lo = -Infinity, hi = Infinity): boolean {
  const moved = followers(base, p, r, delta);
  return moved ? raiseFrom(base, { p, moved, mosts: [] }, raised, touched, lo, hi) : false;
}

/** `raise` from the part's followers, each class's most read from `rise` where `riseBound` found it. */
function raiseFrom(base: Results, rise: Rise, raised: Float64Array, touched: number[], lo: number, hi: number): boolean {
  const { p, moved, mosts } = rise;
  const totals = base.total;
  for (let c = 0; c < moved.classes.length; c++) {
    const cls = moved.classes[c]!;
    const { f, m, regions } = cls;
    const most = c < mosts.length ? mosts[c]! : mostAfter(f, m, moved.shift, moved.range);
    if (most === null) return false;
    if (lo === -Infinity && hi === Infinity) {
      for (const i of regions) raiseOne(raised, touched, totals, i, most - p.current(i));
      continue;
    }
    if (!(lo <= hi)) {
      // A NaN window: every region, as without one.
      for (const i of regions) raiseOne(raised, touched, totals, i, most - p.current(i));
      continue;
    }
    const { byTotal: list, totals: t } = cls;
    for (let k = firstAtLeast(t, lo); k < t.length && t[k]! <= hi; k++) raiseOne(raised, touched, totals, list[k]!, most - p.current(list[k]!));
  }
  return true;
}

function raiseOne(raised: Float64Array, touched: number[], totals: Float64Array, i: number, rise: number): void {
  if (!(rise > 0)) return;
  if (raised[i] === 0) touched.push(i);
  raised[i] = raised[i]! + rise + 1e-12 * Math.max(1, Math.abs(totals[i]!));
}

/** The first position of an ascending column whose value is at least v. */
function firstAtLeast(sorted: Float64Array, v: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) { const mid = (a + b) >>> 1; if (sorted[mid]! < v) a = mid + 1; else b = mid; }
  return a;
}

/** The most any other region's total can rise with the changes (their imputations following r's values); Infinity when that cannot be bounded here. */
export function othersRise(base: Results, r: number, changes: readonly Change[]): number {
  const raised = scratch(base.total.length);
  const touched: number[] = [];
  try {
    for (const c of changes) for (const p of c.model.parts) if (p.imputes && !raise(base, p, r, c.v - c.x, raised, touched)) return Infinity;
    let most = 0;
    for (const i of touched) if (i !== r && raised[i]! > most) most = raised[i]!;
    return most;
  } finally {
    for (const i of touched) raised[i] = 0;
  }
}
