/**
 * Simple grading along one side (grading.ts): a region's grade is read from the thresholds its
 * total meets, its veto ceiling and c (the regions counted for the first level's quota above
 * it), so it can change only where its total crosses a threshold or the quota boundary (the k-th
 * counted total, level.ts). Each region's events are collected into reused buffers, in order, and
 * the first at which the grade differs ends its interval. A threshold, or the boundary, whose
 * range is apart from the range of r's total on the side by more than twice the tie tolerance
 * gives no event and is not walked.
 */
import type { GroupOrder } from "./crossings.js";
import { meetsSign, simpleLevel, type GradePlan } from "./grading.js";
import type { Side } from "./intervals.js";
import { crossChangesInto, type Pwl } from "./level.js";
import { ChangeList, levelChangesInto, sign3 } from "./pwl.js";

/**
 * True when values in [lo, hi] and in [a, b] are never tied nor change order: the ranges are
 * apart by more than twice the tie tolerance (room for rounding between breakpoints).
 */
function apart(lo: number, hi: number, a: number, b: number): boolean {
  const tol = 2e-9 * Math.max(Math.max(1, Math.abs(lo)), Math.max(Math.abs(hi), Math.max(Math.abs(a), Math.abs(b))));
  return b < lo - tol || a > hi + tol;
}

/**
 * What simple grading reads at the current share, the same for every share and side: each
 * region's count of counted regions above it (−1 where none is counted), and whether the analytic
 * grades there are the run's own. Kept per plan and totals.
 */
interface AtShare {
  readonly v0: Float64Array;
  readonly above: Int32Array;
  readonly holds: boolean;
}

const atShare = new WeakMap<GradePlan, AtShare>();

/** The grades of one side under simple grading; `holds()` first, then `end(r)` for each region. */
export class SimpleGrades {
  /** Each region's smallest and largest total on the side. */
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** The quota boundary of each group id (undefined: not yet built) and its smallest and largest value. */
  private readonly bounds: (Pwl | null | undefined)[] = [];
  private readonly boundRange: Float64Array;
  /** The regions' order in the grading's groups. */
  private readonly go: GroupOrder;
  private readonly meets: boolean[];
  private readonly changes = new ChangeList();
  private evD = new Float64Array(16);
  private evLevel = new Int32Array(16);
  private evMeets = new Uint8Array(16);
  private events = 0;

  constructor(private readonly s: Side, private readonly p: GradePlan) {
    const m = s.m;
    const n = s.v0.length;
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = m.off[r]!; k < m.off[r + 1]!; k++) {
        const y = m.ys[k]!;
        if (y < lo) lo = y;
        if (y > hi) hi = y;
      }
      this.lo[r] = lo;
      this.hi[r] = hi;
    }
    this.meets = new Array<boolean>(p.thresholds.length - 1).fill(false);
    this.go = s.order(p.group).go;
    this.boundRange = new Float64Array(2 * p.group.count);
  }

  /** True when the analytic grades at the current share are the run's own (so simple grading can be trusted). */
  holds(): boolean {
    return this.p.quota !== null && this.atShare().holds;
  }

  /** The counts above each region and the check of the grades at the current share, computed once for every share. */
  private atShare(): AtShare {
    const p = this.p;
    const v0 = this.s.v0;
    let a = atShare.get(p);
    if (a && a.v0 === v0) return a;
    const go = this.go;
    const above = new Int32Array(v0.length).fill(-1);
    let holds = true;
    for (let r = 0; r < v0.length; r++) {
      this.meetsAtStart(r);
      const counted = p.ceiling[r] === 0 && p.quota![r]! < go.end[r]! - go.start[r]!;
      if (counted) above[r] = this.countAbove(go, r);
      if (simpleLevel(this.meets, counted ? above[r]! : 0, p.quota![r]!, p.ceiling[r]!) !== p.level[r]) holds = false;
    }
    atShare.set(p, (a = { v0, above, holds }));
    return a;
  }

  /** How far r's grade stays the same on this side; Infinity: all the way. */
  end(r: number): number {
    const { s, p } = this;
    const m = s.m;
    const L = this.meets.length;
    this.events = 0;
    const lo = this.lo[r]!;
    const hi = this.hi[r]!;
    const ch = this.changes;
    for (let l = 0; l < L; l++) {
      const t = p.thresholds[l]![r]!;
      if (apart(lo, hi, t, t)) continue;
      ch.size = 0;
      levelChangesInto(m, r, t, m.length, ch);
      for (let e = 0; e < ch.size; e++) this.event(ch.d[e]!, l, meetsSign(ch.after[e]!, p.ops[l]!));
    }
    const k = p.quota![r]!;
    const go = this.go;
    const t0 = p.thresholds[0]![r]!;
    const counted = p.ceiling[r] === 0 && k < go.end[r]! - go.start[r]! && hi >= t0 - 1e-9 * Math.max(1, Math.abs(t0));
    if (counted) {
      // c ≥ k exactly while the quota boundary (the k-th counted total) is strictly above r's total.
      const id = p.group.ids[r]!;
      const bound = this.boundary(id, r, k);
      if (bound) {
        const range = this.boundRange;
        if (!apart(lo, hi, range[2 * id]!, range[2 * id + 1]!)) {
          ch.size = 0;
          crossChangesInto(m, r, bound, m.length, ch);
          for (let e = 0; e < ch.size; e++) this.event(ch.d[e]!, -1, ch.after[e]! < 0);
        }
      }
    }
    // No event: nothing r's grade depends on changes on this side.
    if (this.events === 0) return Infinity;
    this.meetsAtStart(r);
    let c = counted ? this.atShare().above[r]! : 0;
    const base = p.level[r]!;
    const meets = this.meets;
    for (let e = 0; e < this.events; e++) {
      const level = this.evLevel[e]!;
      if (level >= 0) meets[level] = this.evMeets[e] === 1;
      else c = this.evMeets[e] ? k : 0;
      if (e + 1 < this.events && this.evD[e + 1] === this.evD[e]) continue;
      if (simpleLevel(meets, c, k, p.ceiling[r]!) !== base) return this.evD[e]!;
    }
    return Infinity;
  }

  /** Sets `meets` to the levels r's total meets at the current share. */
  private meetsAtStart(r: number): void {
    const { p } = this;
    const v = this.s.v0[r]!;
    for (let l = 0; l < this.meets.length; l++) this.meets[l] = meetsSign(sign3(v, p.thresholds[l]![r]!), p.ops[l]!);
  }

  /** How many regions counted for the first level's quota are strictly above r at the current share. */
  private countAbove(go: GroupOrder, r: number): number {
    const p = this.p;
    const v0 = this.s.v0;
    const prefix = this.s.prefix("quota", p.group, (q) => !p.refill || p.ceiling[q] === 0);
    // The first place of r's run of ties: everything before it is strictly above.
    let k = go.pos[r]!;
    while (k > go.start[r]! && sign3(v0[go.order[k - 1]!]!, v0[r]!) === 0) k--;
    return prefix[k]! - prefix[go.start[r]!]!;
  }

  /** Inserts an event in order of distance, after those at the same distance (as a stable sort). */
  private event(d: number, level: number, meets: boolean): void {
    if (this.events === this.evD.length) this.grow();
    let i = this.events++;
    while (i > 0 && this.evD[i - 1]! > d) {
      this.evD[i] = this.evD[i - 1]!;
      this.evLevel[i] = this.evLevel[i - 1]!;
      this.evMeets[i] = this.evMeets[i - 1]!;
      i--;
    }
    this.evD[i] = d;
    this.evLevel[i] = level;
    this.evMeets[i] = meets ? 1 : 0;
  }

  private grow(): void {
    const size = this.evD.length * 2;
    const d = new Float64Array(size);
    const level = new Int32Array(size);
    const meets = new Uint8Array(size);
    d.set(this.evD);
    level.set(this.evLevel);
    meets.set(this.evMeets);
    [this.evD, this.evLevel, this.evMeets] = [d, level, meets];
  }

  /** The quota boundary of group `id` (r one of its regions, k its quota), built once; its range goes to `boundRange`. */
  private boundary(id: number, r: number, k: number): Pwl | null {
    let b = this.bounds[id];
    if (b === undefined) {
      this.bounds[id] = b = this.s.boundary(this.p, r, k);
      if (b) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let j = 0; j < b.ys.length; j++) {
          lo = Math.min(lo, b.ys[j]!);
          hi = Math.max(hi, b.ys[j]!);
        }
        this.boundRange[2 * id] = lo;
        this.boundRange[2 * id + 1] = hi;
      }
    }
    return b;
  }
}
