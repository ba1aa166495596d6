/**
 * The distance a share can move on one side before a region's rank or grade changes, from the
 * piecewise-linear totals of that side. Ranks change exactly where another region of the
 * ranking's group crosses (firstRankChange). Grades: see grading.ts — analytically for simple
 * grading, else every candidate (the region's own threshold crossings, its crossings with the
 * regions of its group, and the other regions' threshold crossings) is confirmed by re-grading.
 */
import type { Grouping } from "../ops/column.js";
import type { Results } from "../results.js";
import { aboveChanges, firstRankChange, groupOrder, groupSlopes, RankIndex, type GroupOrder, type GroupSlopes } from "./crossings.js";
import { gradesAt, meetsSign, simpleLevel, type GradePlan } from "./grading.js";
import { crossChanges, kthLevel, type Pwl } from "./level.js";
import { sign3, signChanges, totalsAt, type SideModel } from "./pwl.js";

/** A side's model with the orders and slope bounds of the groupings read on it. */
export interface Side {
  readonly m: SideModel;
  readonly v0: Float64Array;
  readonly order: (g: Grouping) => { go: GroupOrder; top: GroupSlopes };
  /** The quota boundary of r's group (the k-th total among the regions counted for the quota), built once per group; null when it is constant. */
  readonly boundary: (p: GradePlan, r: number, k: number) => Pwl | null;
  /** The rank-crossing index of a grouping, built once. */
  readonly index: (g: Grouping) => RankIndex;
  /** Prefix counts over `order(g).go.order` of the regions a predicate keeps, computed once per key. */
  readonly prefix: (key: string, g: Grouping, keep: (r: number) => boolean) => Int32Array;
}

/** Orders of the regions by their total at the current share, shared by every share's sides. */
export type OrderCache = Map<Grouping, GroupOrder>;

/** Wraps a side model; orders are computed once per grouping (and taken from `orders` when given). */
export function side(m: SideModel, v0: Float64Array, orders: OrderCache = new Map()): Side {
  const cache = new Map<Grouping, { go: GroupOrder; top: GroupSlopes }>();
  const prefixes = new Map<string, Int32Array>();
  const indexes = new Map<Grouping, RankIndex>();
  const order = (g: Grouping) => {
    let o = cache.get(g);
    if (!o) {
      let go = orders.get(g);
      if (!go) orders.set(g, (go = groupOrder(v0, g)));
      let top: GroupSlopes | null = null;
      const order = go;
      cache.set(g, (o = { go: order, get top() { return (top ??= groupSlopes(m, g)); } }));
    }
    return o;
  };
  const prefix = (key: string, g: Grouping, keep: (r: number) => boolean) => {
    let p = prefixes.get(key);
    if (!p) {
      const { go } = order(g);
      p = new Int32Array(go.order.length + 1);
      for (let k = 0; k < go.order.length; k++) p[k + 1] = p[k]! + (keep(go.order[k]!) ? 1 : 0);
      prefixes.set(key, p);
    }
    return p;
  };
  const index = (g: Grouping) => {
    let ix = indexes.get(g);
    if (!ix) indexes.set(g, (ix = new RankIndex(m, v0, order(g).go)));
    return ix;
  };
  const bounds = new Map<number, Pwl | null>();
  const boundary = (p: GradePlan, r: number, k: number) => {
    const id = p.group.ids[r]!;
    let b = bounds.get(id);
    if (b === undefined) {
      const { go } = order(p.group);
      const cand = Int32Array.from(go.order.subarray(go.start[r]!, go.end[r]!)).filter((q) => !p.refill || p.ceiling[q] === 0);
      b = k >= 1 && k < cand.length ? kthLevel(m, cand, k) : null;
      bounds.set(id, b);
    }
    return b;
  };
  return { m, v0, order, index, boundary, prefix };
}

/** How far region r's rank in grouping g stays the same on this side (Infinity: all the way); `seed`: its end in a grouping that refines g, if known. */
export function rankEnd(s: Side, g: Grouping, r: number, seed = Infinity): number {
  return firstRankChange(s.m, s.v0, s.order(g).go, s.index(g), r, seed);
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** How many regions counted for the first level's quota are strictly above r at the current share. */
function countAbove(s: Side, p: GradePlan, go: GroupOrder, r: number): number {
  const prefix = s.prefix("quota", p.group, (q) => !p.refill || p.ceiling[q] === 0);
  // The first place of r's run of ties: everything before it is strictly above.
  let k = go.pos[r]!;
  while (k > go.start[r]! && near(s.v0[go.order[k - 1]!]!, s.v0[r]!)) k--;
  return prefix[k]! - prefix[go.start[r]!]!;
}

/** The largest total r reaches on this side. */
function sideMax(m: SideModel, r: number): number {
  let top = -Infinity;
  for (let k = m.off[r]!; k < m.off[r + 1]!; k++) top = Math.max(top, m.ys[k]!);
  return top;
}

/** The smallest and largest total r takes on this side. */
function sideRange(m: SideModel, r: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = m.off[r]!; k < m.off[r + 1]!; k++) {
    lo = Math.min(lo, m.ys[k]!);
    hi = Math.max(hi, m.ys[k]!);
  }
  return [lo, hi];
}

/** The smallest and largest of a piecewise-linear function's breakpoint values. */
function pwlRange(ys: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < ys.length; k++) {
    lo = Math.min(lo, ys[k]!);
    hi = Math.max(hi, ys[k]!);
  }
  return [lo, hi];
}

/**
 * True when values in [lo, hi] and in [a, b] are never tied nor change order: the ranges are
 * apart by more than twice the tie tolerance (room for rounding between breakpoints).
 */
function apart(lo: number, hi: number, a: number, b: number): boolean {
  const tol = 2e-9 * Math.max(1, Math.abs(lo), Math.abs(hi), Math.abs(a), Math.abs(b));
  return b < lo - tol || a > hi + tol;
}

/** A threshold crossing (level ≥ 0: whether the level is now met), or a quota change (level −1: whether the quota is now full for r). */
interface GradeEvent { readonly d: number; readonly level: number; readonly meets: boolean }

/** How far r's grade stays the same on this side, with simple grading (grading.ts); Infinity: all the way. */
export function simpleGradeEnd(s: Side, p: GradePlan, r: number): number {
  const m = s.m;
  const L = p.thresholds.length - 1;
  const meets = p.thresholds.slice(0, L).map((t, l) => meetsSign(sign3(s.v0[r]!, t![r]!), p.ops[l]!));
  const events: GradeEvent[] = [];
  const [lo, hi] = sideRange(m, r);
  for (let l = 0; l < L; l++) {
    const t = p.thresholds[l]![r]!;
    if (apart(lo, hi, t, t)) continue;
    for (const ch of signChanges(m, r, -1, t, m.length, false)) events.push({ d: ch.d, level: l, meets: meetsSign(ch.after, p.ops[l]!) });
  }
  const k = p.quota![r]!;
  const { go } = s.order(p.group);
  let c = 0;
  const size = go.end[r]! - go.start[r]!;
  if (p.ceiling[r] === 0 && k < size && sideMax(m, r) >= p.thresholds[0]![r]! - 1e-9 * Math.max(1, Math.abs(p.thresholds[0]![r]!))) {
    c = countAbove(s, p, go, r);
    // c ≥ k exactly while the quota boundary (the k-th counted total) is strictly above r's total.
    const bound = s.boundary(p, r, k);
    if (bound && !apart(lo, hi, ...pwlRange(bound.ys))) {
      for (const ch of crossChanges(m, r, bound, m.length)) events.push({ d: ch.d, level: -1, meets: ch.after < 0 });
    }
  }
  events.sort((a, b) => a.d - b.d);
  const base = p.level[r]!;
  for (let e = 0; e < events.length; e++) {
    const ev = events[e]!;
    if (ev.level >= 0) meets[ev.level] = ev.meets;
    else c = ev.meets ? k : 0;
    if (e + 1 < events.length && events[e + 1]!.d === ev.d) continue;
    if (simpleLevel(meets, c, k, p.ceiling[r]!) !== base) return ev.d;
  }
  return Infinity;
}

/** True when the analytic grades at the current share are the run's own (so simple grading can be trusted). */
export function simpleGradesHold(s: Side, p: GradePlan): boolean {
  if (!p.quota) return false;
  const L = p.thresholds.length - 1;
  const { go } = s.order(p.group);
  for (let r = 0; r < s.v0.length; r++) {
    const meets = p.thresholds.slice(0, L).map((t, l) => meetsSign(sign3(s.v0[r]!, t![r]!), p.ops[l]!));
    const c = p.ceiling[r] === 0 && p.quota[r]! < go.end[r]! - go.start[r]! ? countAbove(s, p, go, r) : 0;
    if (simpleLevel(meets, c, p.quota[r]!, p.ceiling[r]!) !== p.level[r]) return false;
  }
  return true;
}

/** Re-grades at distances on one side, remembering each grading. */
export class Regrader {
  private readonly memo = new Map<number, Int32Array>();
  private others: number[] | null = null;

  constructor(private readonly base: Results, private readonly s: Side, private readonly p: GradePlan) {}

  /** Every region's grade at distance d. */
  at(d: number): Int32Array {
    let g = this.memo.get(d);
    if (!g) this.memo.set(d, (g = gradesAt(this.base, totalsAt(this.s.m, d))));
    return g;
  }

  /** Every distance where some region's total crosses one of its thresholds. */
  thresholdCrossings(): readonly number[] {
    if (!this.others) {
      const out: number[] = [];
      const { m } = this.s;
      for (let r = 0; r < this.s.v0.length; r++) {
        this.p.thresholds.forEach((t) => { if (t) for (const c of signChanges(m, r, -1, t[r]!, m.length, false)) out.push(c.d); });
      }
      this.others = out;
    }
    return this.others;
  }

  /** How far r's grade stays the same, confirming every candidate by re-grading; Infinity: all the way. */
  end(r: number): number {
    const m = this.s.m;
    const { go, top } = this.s.order(this.p.group);
    const cands = new Set<number>(this.thresholdCrossings());
    for (const a of aboveChanges(m, this.s.v0, go, top, r, m.length, () => true)) cands.add(a.d);
    const sorted = [...cands].filter((d) => d >= 0 && d <= m.length).sort((a, b) => a - b);
    const base = this.p.level[r]!;
    for (let k = 0; k < sorted.length; k++) {
      const d = sorted[k]!;
      const next = k + 1 < sorted.length ? sorted[k + 1]! : m.length;
      if (this.at(d)[r] !== base) return d;
      if (next > d && this.at((d + next) / 2)[r] !== base) return d;
    }
    return Infinity;
  }
}
