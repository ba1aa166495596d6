/**
 * One side of a share move (`Side`: its model with what is read on it, built once) and the
 * distance a share can move on that side before a region's rank or grade changes. Ranks change
 * exactly where another region of the ranking's group crosses (sweep.ts, falling back on
 * crossings.ts). Grades: simple-grade.ts for simple grading; else (`Regrader`) every candidate —
 * the region's own threshold crossings, its crossings with the regions of its group, and the
 * other regions' threshold crossings — is confirmed by re-grading (grading.ts).
 */
import type { Grouping } from "../ops/column.js";
import type { Results } from "../results.js";
import { aboveChanges, groupOrder, groupSlopes, RankIndex, type GroupOrder, type GroupSlopes } from "./crossings.js";
import { gradesAt, type GradePlan } from "./grading.js";
import { kthLevel, type Pwl } from "./level.js";
import { signChanges, totalsAt, type SideModel } from "./pwl.js";
import { boundSlack, firstRankChanges } from "./sweep.js";

/** A side's model with the orders and slope bounds of the groupings read on it. */
export interface Side {
  readonly m: SideModel;
  readonly v0: Float64Array;
  readonly order: (g: Grouping) => { go: GroupOrder; top: GroupSlopes };
  /** The quota boundary of r's group (the k-th total among the regions counted for the quota), built once per group; null when it is constant. */
  readonly boundary: (p: GradePlan, r: number, k: number) => Pwl | null;
  /** The rank-crossing index of a grouping, built once. */
  readonly index: (g: Grouping) => RankIndex;
  /** Every wanted region's first rank change in grouping g on this side (sweep.ts); `seed`: ends in a grouping that refines g. */
  readonly rankEnds: (g: Grouping, want: Uint8Array, seed: Float64Array | null, out: Float64Array) => void;
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
  let tol = NaN;
  const rankEnds = (g: Grouping, want: Uint8Array, seed: Float64Array | null, out: Float64Array) => {
    if (tol !== tol) tol = boundSlack(m);
    const { go } = order(g);
    firstRankChanges({ m, go, tol, fallback: (r, best) => index(g).first(m, v0, go, r, best) }, want, seed, out);
  };
  const bounds = new Map<number, Pwl | null>();
  const boundary = (p: GradePlan, r: number, k: number) => {
    const id = p.group.ids[r]!;
    let b = bounds.get(id);
    if (b === undefined) {
      const cand = quotaCandidates(order(p.group).go, p, r);
      b = k >= 1 && k < cand.length ? kthLevel(m, cand, k) : null;
      bounds.set(id, b);
    }
    return b;
  };
  return { m, v0, order, index, rankEnds, boundary, prefix };
}

/** The regions counted for the first level's quota, best first, per order, plan and group: the same for every share and side. */
const candidates = new WeakMap<GroupOrder, WeakMap<GradePlan, Map<number, Int32Array>>>();

/** The regions of r's group counted for the first level's quota (all; with `refill` those without a veto ceiling), best first at the current share. */
function quotaCandidates(go: GroupOrder, p: GradePlan, r: number): Int32Array {
  let byPlan = candidates.get(go);
  if (!byPlan) candidates.set(go, (byPlan = new WeakMap()));
  let byGroup = byPlan.get(p);
  if (!byGroup) byPlan.set(p, (byGroup = new Map()));
  const id = p.group.ids[r]!;
  let cand = byGroup.get(id);
  if (!cand) byGroup.set(id, (cand = Int32Array.from(go.order.subarray(go.start[r]!, go.end[r]!)).filter((q) => !p.refill || p.ceiling[q] === 0)));
  return cand;
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
