/**
 * The total a region needs for a target while every other region keeps its total: a grade's
 * threshold, or — for a first level under an `at most` quota — strictly above the k-th largest
 * total of the others its quota counts (a tie at the boundary sends all tied regions below);
 * for a rank, at least the rank-th largest total of the others in the ranking's group (ties
 * share the better rank). Grading must be of stability's simple kind (`gradePlan`: `at most`
 * quotas on the first level only, one first threshold per group); the analytic grade of the
 * region's own total is checked against the run's.
 */
import type { Results } from "../results.js";
import { sameValue } from "../ops/column.js";
import { gradePlan, meetsSign, simpleLevel, type GradePlan } from "../stability/grading.js";
import { sign3 } from "../stability/pwl.js";
import type { Target } from "./search.js";

/** A needed total: reached when total ≥ value (or, `strict`, above it beyond rounding noise). */
export interface Need {
  readonly value: number;
  readonly strict: boolean;
  /** True when the need comes from other regions' totals (a quota boundary or a rank). */
  readonly others: boolean;
}

/** True when a total meets a need (with the engine's tolerance for ties). */
export function meets(total: number, n: Need): boolean {
  return n.strict ? total > n.value && !sameValue(total, n.value) : total >= n.value || sameValue(total, n.value);
}

interface Cached { plan: GradePlan | null; sorted: Map<string, Float64Array>; order: Map<string, ByTotal> }
const cache = new WeakMap<Results, Cached>();

function cached(base: Results): Cached {
  let c = cache.get(base);
  if (!c) cache.set(base, (c = { plan: gradePlan(base), sorted: new Map(), order: new Map() }));
  return c;
}

/** The totals of group `gid` of grouping `typology` (only regions without a veto ceiling when `free`), descending. */
function sortedTotals(base: Results, c: Cached, typology: number, gid: number, free: Int32Array | null): Float64Array {
  const key = `${typology}:${gid}:${free ? 1 : 0}`;
  let s = c.sorted.get(key);
  if (!s) {
    const g = base.runtime.grouping(typology);
    const out: number[] = [];
    const totals = base.total;
    for (let i = 0; i < g.ids.length; i++) if (g.ids[i] === gid && (!free || free[i] === 0) && totals[i] === totals[i]) out.push(totals[i]!);
    s = Float64Array.from(out).sort().reverse();
    c.sorted.set(key, s);
  }
  return s;
}

/** The k-th largest (1-based) of the sorted totals leaving out one occurrence of `own` (when counted); −Infinity when there are fewer. */
function kthOthers(sorted: Float64Array, k: number, own: number, counted: boolean): number {
  if (!counted) return k <= sorted.length ? sorted[k - 1]! : -Infinity;
  // Own total sits at some index; the others' k-th is sorted[k − 1] when own is below it, else sorted[k].
  const idx = sorted.indexOf(own);
  const j = idx >= 0 && idx <= k - 1 ? k : k - 1;
  return j < sorted.length ? sorted[j]! : -Infinity;
}

/** The total region r needs for the target, or why it cannot be read analytically. */
export function needOf(base: Results, r: number, t: Target): Need | string {
  const c = cached(base);
  const own = base.total[r]!;
  if (t.kind === "rank") {
    const node = base.runtime.node(base.program.graph.ranks[t.ranking]!);
    const within = node.kind === "rank" ? node.within : -1;
    const g = base.runtime.grouping(within);
    const b = kthOthers(sortedTotals(base, c, within, g.ids[r]!, null), t.rank, own, true);
    return { value: b, strict: false, others: true };
  }
  const plan = c.plan;
  if (!plan || !plan.quota) return "the grading is not of the simple kind (quotas beyond `at most` on the first level)";
  if (analyticLevel(base, plan, r, own) !== plan.level[r]) return "the grades do not follow from the totals alone";
  let best: Need | null = null;
  for (let l = plan.ceiling[r]!; l <= t.level; l++) {
    const th = plan.thresholds[l];
    const n: Need = th ? { value: th[r]!, strict: plan.ops[l] === ">", others: false } : { value: -Infinity, strict: false, others: false };
    const k = l === 0 ? plan.quota[r]! : Infinity;
    const cand = k < Infinity ? withQuota(base, c, plan, r, n, k) : n;
    if (!best || cand.value < best.value || (cand.value === best.value && best.strict && !cand.strict)) best = cand;
  }
  return best ?? "the target is above the region's veto ceiling";
}

/** A first-level need under an `at most` quota of k: also strictly above the others' k-th total. */
function withQuota(base: Results, c: Cached, plan: GradePlan, r: number, n: Need, k: number): Need {
  const free = plan.refill ? plan.ceiling : null;
  const counted = !free || free[r] === 0;
  const b = k <= 0 ? Infinity : kthOthers(sortedTotals(base, c, plan.node.within, plan.group.ids[r]!, free), k, base.total[r]!, counted);
  if (b === -Infinity || b < n.value || (b === n.value && n.strict)) return n;
  return { value: b, strict: true, others: true };
}

/** Region r's grade from its own total as simple grading reads it (others as in the run). */
function analyticLevel(base: Results, plan: GradePlan, r: number, total: number): number {
  const meetsAll = plan.thresholds.map((th, l) => (th ? meetsSign(sign3(total, th[r]!), plan.ops[l]!) : true));
  const k = plan.quota![r]!;
  if (k === Infinity) return simpleLevel(meetsAll, 0, k, plan.ceiling[r]!);
  const free = plan.refill ? plan.ceiling : null;
  const sorted = sortedTotals(base, cached(base), plan.node.within, plan.group.ids[r]!, free);
  let above = 0;
  // Ties count as above: a tie at the quota boundary keeps every tied region out (grade.ts), and
  // a tie inside the quota is rare enough to leave to the search (the levels then differ).
  while (above < sorted.length && (sorted[above]! > total || sameValue(sorted[above]!, total))) above++;
  const self = !free || free[r] === 0 ? 1 : 0;
  return simpleLevel(meetsAll, above - self, k, plan.ceiling[r]!);
}

/** At or above a total: v > total, or within rounding of it (sameValue, for v near total). */
function atOrAbove(v: number, total: number): boolean {
  return v > total || Math.abs(v - total) <= Math.max(1e-9 * Math.max(1, Math.abs(total)), 1e-9 * Math.abs(v));
}

/** How region i's move changes the count at or above r's total (0 unless counted in r's group). */
function step(moved: Float64Array, totals: Float64Array, ids: Int32Array, gid: number, free: Int32Array | null, r: number, i: number, total: number): number {
  const d = moved[i]!;
  if (d === 0 || i === r || ids[i] !== gid || (free && free[i] !== 0)) return 0;
  return (atOrAbove(totals[i]! + d, total) ? 1 : 0) - (atOrAbove(totals[i]!, total) ? 1 : 0);
}

/**
 * Simple grading's view of region r at `total`: the plan, which levels' thresholds it meets, its
 * quota, and whether the first level's quota must count the others. Null when grading is not simple.
 */
function gradingAt(c: Cached, r: number, total: number) {
  const plan = c.plan;
  if (!plan || !plan.quota) return null;
  const meetsAll = plan.thresholds.map((th, l) => (th ? meetsSign(sign3(total, th[r]!), plan.ops[l]!) : true));
  const k = plan.quota[r]!;
  return { plan, meetsAll, k, counted: k < Infinity && plan.ceiling[r] === 0 && meetsAll[0] === true };
}

/** How many of the totals (sorted best first) are at or above `total`. */
function countAtOrAbove(sorted: Float64Array, total: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (atOrAbove(sorted[mid]!, total)) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * Whether region r with total `total` gets a level at least as good as `level` when other
 * regions' totals move by `moved` (a dense column of changes), by simple grading: a level from
 * its ceiling on whose threshold it meets, the first level only while fewer than its quota of
 * the counted others are at or above it (ties count as above). `only` lists the regions whose
 * change may be non-zero (the others are not read). Null when grading is not simple.
 */
export function levelReached(base: Results, r: number, total: number, level: number, moved: Float64Array, only?: ArrayLike<number>): boolean | null {
  return reachedNear(base, r, total, level, moved, only ?? null, NaN);
}

/**
 * As `levelReached` when no other region's change is larger than `reach` (NaN: not known): only
 * the counted regions whose totals lie within `reach` of `total` (and a margin far above
 * rounding and the ties' tolerance) are read — the others stay on their side of it.
 */
export function levelReachedNear(base: Results, r: number, total: number, level: number, moved: Float64Array, reach: number): boolean | null {
  return reachedNear(base, r, total, level, moved, null, reach);
}

function reachedNear(base: Results, r: number, total: number, level: number, moved: Float64Array, only: ArrayLike<number> | null, reach: number): boolean | null {
  const c = cached(base);
  const g = gradingAt(c, r, total);
  if (!g) return null;
  const { plan, meetsAll, k } = g;
  const totals = base.total;
  let above = 0;
  if (g.counted) {
    const q = quotaGroup(base, c, plan, r, total);
    const { ids, gid, free } = q;
    above = q.above;
    if (only) for (let j = 0; j < only.length; j++) above += step(moved, totals, ids, gid, free, r, only[j]!, total);
    else if (reach >= 0 && reach < Infinity) {
      const o = byTotal(base, c, plan.node.within, gid, free);
      const w = nearWidth(reach, total);
      for (let j = firstAtMost(o.value, total + w); j < o.value.length && o.value[j]! >= total - w; j++) above += step(moved, totals, ids, gid, free, r, o.region[j]!, total);
    } else for (let i = 0; i < moved.length; i++) above += step(moved, totals, ids, gid, free, r, i, total);
  }
  return simpleLevel(meetsAll, above, k, plan.ceiling[r]!) <= level;
}

/** r's quota group — its id, the grouping's ids and the regions it counts (`free`: null for all) — and how many counted others are at or above `total` before any change. */
function quotaGroup(base: Results, c: Cached, plan: GradePlan, r: number, total: number): { ids: Int32Array; gid: number; free: Int32Array | null; above: number } {
  const free = plan.refill ? plan.ceiling : null;
  const ids = plan.group.ids;
  const gid = ids[r]!;
  let above = countAtOrAbove(sortedTotals(base, c, plan.node.within, gid, free), total);
  if ((!free || free[r] === 0) && atOrAbove(base.total[r]!, total)) above--;
  return { ids, gid, free, above };
}

/** How far from `total` a region's base total must lie to stay on its side when no change exceeds `reach` (a margin far above rounding and the ties' tolerance). */
function nearWidth(reach: number, total: number): number {
  return reach * (1 + 1e-6) + 1e-6 * (1 + Math.abs(total));
}

/**
 * As `levelReachedNear` with `reach` at least every other region's change (finite, else null:
 * not read this way): the changes of the regions it reads are asked of `change` (a region's
 * index → its change), the rest never made.
 */
export function levelReachedLazy(base: Results, r: number, total: number, level: number, reach: number, change: (i: number) => number): boolean | null {
  if (!(reach >= 0 && reach < Infinity)) return null;
  const c = cached(base);
  const g = gradingAt(c, r, total);
  if (!g) return null;
  const { plan, meetsAll, k } = g;
  const totals = base.total;
  let above = 0;
  if (g.counted) {
    const q = quotaGroup(base, c, plan, r, total);
    above = q.above;
    const o = byTotal(base, c, plan.node.within, q.gid, q.free);
    const w = nearWidth(reach, total);
    for (let j = firstAtMost(o.value, total + w); j < o.value.length && o.value[j]! >= total - w; j++) {
      const i = o.region[j]!;
      if (i === r) continue;
      const d = change(i);
      if (d !== 0) above += (atOrAbove(totals[i]! + d, total) ? 1 : 0) - (atOrAbove(totals[i]!, total) ? 1 : 0);
    }
  }
  return simpleLevel(meetsAll, above, k, plan.ceiling[r]!) <= level;
}

/** A grading group's counted regions by total, best first: their indices and totals. */
interface ByTotal { readonly region: Int32Array; readonly value: Float64Array }

function byTotal(base: Results, c: Cached, typology: number, gid: number, free: Int32Array | null): ByTotal {
  const key = `${typology}:${gid}:${free ? 1 : 0}`;
  let o = c.order.get(key);
  if (!o) {
    const g = base.runtime.grouping(typology);
    const t = base.total;
    const list: number[] = [];
    for (let i = 0; i < g.ids.length; i++) if (g.ids[i] === gid && (!free || free[i] === 0) && t[i] === t[i]) list.push(i);
    list.sort((a, b) => t[b]! - t[a]!);
    o = { region: Int32Array.from(list), value: Float64Array.from(list, (i) => t[i]!) };
    c.order.set(key, o);
  }
  return o;
}

/** The first position of a descending column whose value is at most v. */
function firstAtMost(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid]! > v) lo = mid + 1; else hi = mid; }
  return lo;
}

const lowestSorted = new WeakMap<Float64Array, Map<number, Float64Array>>();

/**
 * Whether region r with total `total` reaches `level` by simple grading when every other
 * region's total is `low` (each at most its total after a move): an upper bound on r's chances,
 * so false means r does not reach for any such move. Null when grading is not simple.
 */
export function levelAgainstLowest(base: Results, r: number, total: number, level: number, low: Float64Array): boolean | null {
  const g = gradingAt(cached(base), r, total);
  if (!g) return null;
  const { plan, meetsAll, k } = g;
  let above = 0;
  if (g.counted) {
    const free = plan.refill ? plan.ceiling : null;
    const ids = plan.group.ids;
    const gid = ids[r]!;
    let byGroup = lowestSorted.get(low);
    if (!byGroup) lowestSorted.set(low, (byGroup = new Map()));
    let sorted = byGroup.get(gid);
    if (!sorted) byGroup.set(gid, (sorted = lowestDescending(byTotal(base, cached(base), plan.node.within, gid, free), low)));
    above = countAtOrAbove(sorted, total);
    if ((!free || free[r] === 0) && low[r] === low[r] && atOrAbove(low[r]!, total)) above--;
  }
  return simpleLevel(meetsAll, above, k, plan.ceiling[r]!) <= level;
}

/**
 * The values low[i] of the listed regions (a grading group's counted ones; NaN left out),
 * descending — as a sort gives them, without one: read in the list's order (by base total), which
 * lows that follow those totals keep; the few out of order are sorted aside and merged in. A zero
 * anywhere (whose sign a sort orders) falls back to the sort.
 */
export function lowestDescending(o: { readonly region: Int32Array }, low: Float64Array): Float64Array {
  const main = new Float64Array(o.region.length);
  const aside: number[] = [];
  let n = 0;
  for (let j = 0; j < o.region.length; j++) {
    const v = low[o.region[j]!]!;
    if (v !== v) continue;
    if (v === 0) return sortedDescending(o, low);
    if (n === 0 || v <= main[n - 1]!) main[n++] = v;
    else aside.push(v);
  }
  if (aside.length === 0) return main.subarray(0, n).slice();
  const side = Float64Array.from(aside).sort().reverse();
  const out = new Float64Array(n + side.length);
  let a = 0;
  let b = 0;
  for (let k = 0; k < out.length; k++) out[k] = b >= side.length || (a < n && main[a]! >= side[b]!) ? main[a++]! : side[b++]!;
  return out;
}

/** The values low[i] of the listed regions (NaN left out), descending by a sort. */
function sortedDescending(o: { readonly region: Int32Array }, low: Float64Array): Float64Array {
  const out: number[] = [];
  for (let j = 0; j < o.region.length; j++) { const v = low[o.region[j]!]!; if (v === v) out.push(v); }
  return Float64Array.from(out).sort().reverse();
}
