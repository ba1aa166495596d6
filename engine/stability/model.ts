/**
 * Builds the piecewise-linear totals of every region for one share move (both sides), from the
 * base run's indicator scores and their score-of-points functions (score-fn.ts). The total moves
 * only through the indicators under the moved node's group: total(w′) = total(w) + Σᵢ (scoreᵢ(Pᵢ(w′))
 * − scoreᵢ(Pᵢ(w))), with Pᵢ(w′) = Pᵢ·w′/w inside the moved node and Pᵢ·(1 − w′)/(1 − w) in its
 * siblings. Each scoreᵢ is linear between at most four kinks, so each side is assembled from the
 * value at w, the slope of the first piece and the slope changes at the kinks.
 */
import type { CheckedNode } from "../../dsl/check/types.js";
import type { Results } from "../results.js";
import { kinks, scoreAt, type ScoreFns } from "./score-fn.js";
import { subtree } from "./nodes.js";
import type { SideModel } from "./pwl.js";

/** An indicator the move reaches, with its functions. */
export interface Reached {
  readonly path: string;
  readonly fns: ScoreFns;
  /** True inside the moved node (points ∝ w′), false in a sibling (points ∝ 1 − w′). */
  readonly inside: boolean;
}

/** The indicators under group `parent`, split by whether they are inside `path`; null with the reason when one cannot be modelled. */
export function reached(nodes: ReadonlyMap<string, CheckedNode>, parent: string, path: string, fns: (path: string) => ScoreFns | string): Reached[] | string {
  const out: Reached[] = [];
  for (const n of subtree(nodes, parent)) {
    if (n.decl?.kind !== "indicator") continue;
    const f = fns(n.path);
    if (typeof f === "string") return f;
    out.push({ path: n.path, fns: f, inside: n.path === path || n.path.startsWith(`${path}.`) });
  }
  return out;
}

/** An indicator the move reaches, with how its points change per unit of share, per region. */
export interface Moving {
  readonly fns: ScoreFns;
  /** dP/dw′ per region: P(w′) = P + q·(w′ − w); null when it is P / `div` for every region. */
  readonly q: Float64Array | null;
  readonly div: number;
}

/**
 * How each reached indicator's points move with the share: P·w′/w inside the moved node and
 * P·(1 − w′)/(1 − w) in its siblings — or, where per-type points make a type's shares its own
 * (what-if then leaves those regions' shares alone), as measured by the engine: the points after
 * moving the share to `probe`, every region's points being linear in the share.
 */
export function moving(list: readonly Reached[], w: number, probe: ((path: string) => Float64Array) | null, probeShare: number): Moving[] {
  return list.map(({ path, fns, inside }) => {
    const p = fns.points;
    if (probe) {
      const after = probe(path);
      return { fns, q: Float64Array.from(p, (v, r) => (after[r]! - v) / (probeShare - w)), div: 1 };
    }
    return { fns, q: null, div: inside ? w : -(1 - w) };
  });
}

/** Slope changes of every region along a side, as linked lists (per region, unsorted), each with its region. */
class Events {
  head: Int32Array;
  next: Int32Array;
  reg: Int32Array;
  d: Float64Array;
  ds: Float64Array;
  size = 0;
  /** n = 0: a plain list in the order added (a term kept for `merge`), without the per-region links. */
  constructor(n: number, room = 1024) {
    this.head = new Int32Array(n).fill(-1);
    [this.next, this.reg, this.d, this.ds] = [new Int32Array(room), new Int32Array(room), new Float64Array(room), new Float64Array(room)];
  }
  add(r: number, d: number, ds: number): void {
    if (this.size === this.next.length) this.room(this.size + 1);
    this.d[this.size] = d;
    this.ds[this.size] = ds;
    this.reg[this.size] = r;
    if (this.head.length === 0) {
      this.size++;
      return;
    }
    this.next[this.size] = this.head[r]!;
    this.head[r] = this.size++;
  }
  /** Adds every slope change of `e` (a plain list) in its order, as `add` one by one would. */
  append(e: Events): void {
    if (this.size + e.size > this.next.length) this.room(this.size + e.size);
    const { head, next, reg, d, ds } = this;
    const linked = head.length > 0;
    let k = this.size;
    for (let i = 0; i < e.size; i++, k++) {
      const r = e.reg[i]!;
      d[k] = e.d[i]!;
      ds[k] = e.ds[i]!;
      reg[k] = r;
      if (linked) {
        next[k] = head[r]!;
        head[r] = k;
      }
    }
    this.size = k;
  }
  /** Grows the arrays to hold at least `want` slope changes (doubling). */
  private room(want: number): void {
    let len = this.next.length;
    while (len < want) len *= 2;
    const grow = <T extends Int32Array | Float64Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(len); b.set(a.subarray(0, this.size)); return b; };
    this.next = grow(this.next);
    this.reg = grow(this.reg);
    this.d = grow(this.d);
    this.ds = grow(this.ds);
  }
  /** Empties the list (every region's list too). */
  clear(): void {
    this.size = 0;
    if (this.head.length > 0) this.head.fill(-1);
  }
}

/** Sorts the first m (at most five) numbers of a in place. */
function sortSmall(a: Float64Array, m: number): void {
  for (let i = 1; i < m; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) { a[j + 1] = a[j]!; j--; }
    a[j + 1] = v;
  }
}

/** What every share's model reads of an indicator, whatever the share: each region's score at its points and its kinks. */
interface Fixed {
  readonly g0: Float64Array;
  /** Kinks per region (at most four), and their points at kinks[4r..4r+m). */
  readonly count: Uint8Array;
  readonly kinks: Float64Array;
}

const fixedCache = new WeakMap<ScoreFns, Fixed>();

function fixed(fns: ScoreFns): Fixed {
  let f = fixedCache.get(fns);
  if (!f) {
    const n = fns.points.length;
    const g0 = new Float64Array(n);
    const count = new Uint8Array(n);
    const all = new Float64Array(4 * n);
    const ks = new Float64Array(4);
    for (let r = 0; r < n; r++) {
      g0[r] = scoreAt(fns, r, fns.points[r]!);
      const m = kinks(fns, r, ks);
      count[r] = m;
      for (let k = 0; k < m; k++) all[4 * r + k] = ks[k]!;
    }
    fixedCache.set(fns, (f = { g0, count, kinks: all }));
  }
  return f;
}

/**
 * One indicator's terms on both sides (first slopes and slope changes, as they were added), kept
 * for the other shares of the same group: a sibling's points move the same way under every share
 * of the group that has the same value.
 */
export interface Term {
  readonly w: number;
  readonly R: SideAcc;
  readonly L: SideAcc;
}

/** Sibling terms of one group's shares, by indicator. */
export type TermCache = Map<ScoreFns, Term>;

/** Term accumulators no longer needed, reused (a term's arrays are as long as the regions); at most SPARE are kept. */
const spare: SideAcc[] = [];
const SPARE = 64;

/** A zeroed accumulator for one term, from the spares when one fits. */
function termAcc(n: number, length: number): SideAcc {
  const a = spare.pop();
  if (a && a.slope0.length === n) {
    a.reset(length);
    return a;
  }
  return new SideAcc(n, length, 0);
}

/** Hands a group's terms back once its last share is done. */
export function releaseTerms(cache: TermCache): void {
  for (const t of cache.values()) if (spare.length < SPARE) spare.push(t.R, t.L);
  cache.clear();
}

/**
 * Every region's total along both sides of moving share w (0 < w < 1): the kinks are found once
 * for both (and once for every share). With `cache`, a sibling's terms computed for an earlier
 * share of the same group at the same value are added again instead of recomputed (the same
 * numbers in the same order, so the models are the same bit for bit).
 */
export function sideModels(base: Results, list: readonly Moving[], w: number, cache?: TermCache): { right: SideModel; left: SideModel } {
  const total = base.total;
  const n = total.length;
  const [R, L] = sideAccs(n, w);
  for (const mv of list) {
    if (!cache || mv.q || !(mv.div < 0)) {
      addTerms(mv, R, L);
      continue;
    }
    let t = cache.get(mv.fns);
    if (!t || t.w !== w) {
      const old = t;
      t = { w, R: termAcc(n, R.length), L: termAcc(n, L.length) };
      if (old && spare.length < SPARE) spare.push(old.R, old.L);
      addTerms(mv, t.R, t.L);
      cache.set(mv.fns, t);
    }
    R.merge(t.R);
    L.merge(t.L);
  }
  return { right: assemble(total, R.slope0, R.ev, R.length), left: assemble(total, L.slope0, L.ev, L.length) };
}

const ks = new Float64Array(4);

/** The two sides' accumulators, reused by every call (each is emptied first; `assemble` copies out what it reads). */
let both: [SideAcc, SideAcc] | null = null;

/** Emptied accumulators for the right (length 1 − w) and left (length w) sides of n regions. */
function sideAccs(n: number, w: number): [SideAcc, SideAcc] {
  if (!both || both[0].slope0.length !== n) both = [new SideAcc(n, 1 - w), new SideAcc(n, w)];
  else {
    both[0].reset(1 - w);
    both[1].reset(w);
  }
  return both;
}

/** Adds one reached indicator's terms, region by region, to both sides' accumulators. */
function addTerms({ fns, q, div }: Moving, R: SideAcc, L: SideAcc): void {
  const lr = R.length;
  const ll = L.length;
  const n = R.slope0.length;
  const pts = fns.points;
  const { beta, c, cap, floor } = fns;
  const fx = fixed(fns);
  for (let r = 0; r < n; r++) {
    const p = pts[r]!;
    const rate = q ? q[r]! : p / div;
    if (rate === 0) continue;
    const m = fx.count[r]!;
    const g0 = fx.g0[r]!;
    // A side with no kink inside it is one piece: its slope from the score at the side's end, as SideAcc.add computes it.
    let inR = false;
    let inL = false;
    for (let k = 0; k < m; k++) {
      const kp = (ks[k] = fx.kinks[4 * r + k]!);
      const dr = (kp - p) / rate;
      const dl = (kp - p) / -rate;
      if (dr > 0 && dr < lr) inR = true;
      if (dl > 0 && dl < ll) inL = true;
    }
    const b = beta[r]!, cc = c[r]!, cp = cap[r]!, fl = floor[r]!;
    if (inR) R.add(fns, r, p, rate, g0, ks, m);
    else R.slope0[r] = R.slope0[r]! + (clampScore(b, cc, cp, fl, Math.max(0, p + rate * lr)) - g0) / (lr - 0);
    if (inL) L.add(fns, r, p, -rate, g0, ks, m);
    else L.slope0[r] = L.slope0[r]! + (clampScore(b, cc, cp, fl, Math.max(0, p + -rate * ll)) - g0) / (ll - 0);
  }
}

/** scoreAt with the function's numbers passed in (the same arithmetic). */
function clampScore(beta: number, c: number, cap: number, floor: number, p: number): number {
  const hi = cap !== cap ? p : cap;
  let s = beta * p + c;
  if (s > hi) s = hi;
  if (s < floor) s = floor;
  return s;
}

/** One side's first slopes and slope changes, summed over the reached indicators. */
class SideAcc {
  readonly slope0: Float64Array;
  readonly ev: Events;
  private readonly ds = new Float64Array(8);
  /** room = 0: an accumulator for one term (`merge`), its slope changes kept in the order added. */
  constructor(n: number, public length: number, room?: number) {
    this.slope0 = new Float64Array(n);
    this.ev = room === 0 ? new Events(0, 64) : new Events(n, room);
  }

  /** Empties a term's accumulator for another term on a side of the given length. */
  reset(length: number): void {
    this.length = length;
    this.slope0.fill(0);
    this.ev.clear();
  }

  /**
   * Adds the terms another accumulator (one indicator's, started at zero) holds: its first slopes
   * (each one number added once, as it was there: a slope0 is never −0, so x + 0 = x) and its
   * slope changes in the order they were added.
   */
  merge(t: SideAcc): void {
    const s = this.slope0;
    const ts = t.slope0;
    for (let r = 0; r < s.length; r++) s[r] = s[r]! + ts[r]!;
    this.ev.append(t.ev);
  }

  /** Adds region r's term of one indicator: points p moving at `rate` per unit distance, score g0 at d = 0, kinks ks[0..m). */
  add(fns: ScoreFns, r: number, p: number, rate: number, g0: number, ks: Float64Array, m0: number): void {
    const ds = this.ds;
    const length = this.length;
    // The kinks met along the side, in order; the slope of each piece from the score at its ends.
    let m = 0;
    for (let k = 0; k < m0; k++) {
      const d = (ks[k]! - p) / rate;
      if (d > 0 && d < length) ds[m++] = d;
    }
    if (m > 1) sortSmall(ds, m);
    ds[m] = length;
    let x = 0;
    let g = g0;
    let prev = NaN;
    for (let k = 0; k <= m; k++) {
      const xb = ds[k]!;
      if (!(xb > x)) continue;
      const gb = scoreAt(fns, r, Math.max(0, p + rate * xb));
      const sl = (gb - g) / (xb - x);
      if (prev !== prev) this.slope0[r] = this.slope0[r]! + sl;
      else if (sl !== prev) this.ev.add(r, x, sl - prev);
      prev = sl;
      x = xb;
      g = gb;
    }
  }
}

/** Flat breakpoint arrays from each region's value at 0, first slope and slope changes. */
function assemble(total: Float64Array, slope0: Float64Array, ev: Events, length: number): SideModel {
  const n = total.length;
  const off = offsets(n);
  const cap = 2 * n + ev.size;
  // One buffer for every array of the model: five per region, then the breakpoints' distances and totals.
  const buf = modelBuffer(5 * n + 2 * cap);
  const [maxAbs, minSlope, maxSlope, lowChord, highChord] = [0, 1, 2, 3, 4].map((k) => buf.subarray(k * n, (k + 1) * n)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const xs = buf.subarray(5 * n, 5 * n + cap);
  const ys = buf.subarray(5 * n + cap, 5 * n + 2 * cap);
  let mine = new Int32Array(64);
  let top = 0;
  for (let r = 0; r < n; r++) {
    off[r] = top;
    let count = 0;
    for (let e = ev.head[r]!; e >= 0; e = ev.next[e]!) {
      if (count === mine.length) { const b = new Int32Array(2 * count); b.set(mine); mine = b; }
      mine[count++] = e;
    }
    sortEvents(mine, count, ev.d);
    let x = 0;
    let y = total[r]!;
    let s = slope0[r]!;
    let lo = s;
    let hi = s;
    xs[top] = 0;
    ys[top++] = y;
    for (let i = 0; i < count; i++) {
      const e = mine[i]!;
      const d = ev.d[e]!;
      if (d > x) {
        y += s * (d - x);
        x = d;
        xs[top] = x;
        ys[top++] = y;
      }
      s += ev.ds[e]!;
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    xs[top] = length;
    ys[top++] = y + s * (length - x);
    minSlope[r] = lo;
    maxSlope[r] = hi;
    chords(xs, ys, off[r]!, top, lowChord, highChord, r);
    maxAbs[r] = Math.max(-lo, hi);
  }
  off[n] = top;
  return { length, off, xs: xs.subarray(0, top), ys: ys.subarray(0, top), slope: maxAbs, minSlope, maxSlope, lowChord, highChord };
}

/** Buffers of models handed back (`releaseModel`), reused by later models; at most POOL are kept. */
const buffers: Float64Array[] = [];
const offsetPool: Int32Array[] = [];
const POOL = 4;

/** A buffer of at least `size` numbers (its contents are overwritten), from the pool when one is long enough. */
function modelBuffer(size: number): Float64Array {
  for (let k = buffers.length - 1; k >= 0; k--) {
    const b = buffers[k]!;
    if (b.length >= size) {
      buffers.splice(k, 1);
      return b;
    }
  }
  return new Float64Array(Math.ceil(size * 1.25));
}

/** An offsets array for n regions, from the pool when there is one. */
function offsets(n: number): Int32Array {
  const k = offsetPool.findIndex((o) => o.length === n + 1);
  return k >= 0 ? offsetPool.splice(k, 1)[0]! : new Int32Array(n + 1);
}

/**
 * Hands a model built by `sideModels` back for its arrays to be reused by later models: the
 * caller must read nothing of it (nor of anything built on it) afterwards.
 */
export function releaseModel(m: SideModel): void {
  if (buffers.length < POOL) buffers.push(new Float64Array(m.xs.buffer));
  if (offsetPool.length < POOL) offsetPool.push(m.off);
}

/** Sorts the first `count` event ids by distance (insertion sort for the usual few, else the built-in sort). */
function sortEvents(ids: Int32Array, count: number, d: Float64Array): void {
  if (count > 64) {
    ids.subarray(0, count).sort((a, b) => d[a]! - d[b]!);
    return;
  }
  for (let i = 1; i < count; i++) {
    const v = ids[i]!;
    const dv = d[v]!;
    let j = i - 1;
    while (j >= 0 && d[ids[j]!]! > dv) { ids[j + 1] = ids[j]!; j--; }
    ids[j + 1] = v;
  }
}

/** The extreme chord slopes from the first breakpoint (d = 0) to the others in [from, to). */
function chords(xs: Float64Array, ys: Float64Array, from: number, to: number, low: Float64Array, high: Float64Array, r: number): void {
  const y0 = ys[from]!;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = from + 1; k < to; k++) {
    const c = (ys[k]! - y0) / xs[k]!;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  low[r] = lo;
  high[r] = hi;
}
