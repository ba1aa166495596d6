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

/** Slope changes of every region along a side, as linked lists (per region, unsorted). */
class Events {
  head: Int32Array;
  next = new Int32Array(1024);
  d = new Float64Array(1024);
  ds = new Float64Array(1024);
  size = 0;
  constructor(n: number) { this.head = new Int32Array(n).fill(-1); }
  add(r: number, d: number, ds: number): void {
    if (this.size === this.next.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
      this.next = grow(this.next);
      this.d = grow(this.d);
      this.ds = grow(this.ds);
    }
    this.d[this.size] = d;
    this.ds[this.size] = ds;
    this.next[this.size] = this.head[r]!;
    this.head[r] = this.size++;
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

/** Every region's total along one side of moving share w (0 < w < 1). */
export function sideModel(base: Results, list: readonly Moving[], w: number, sigma: 1 | -1): SideModel {
  const total = base.total;
  const n = total.length;
  const length = sigma > 0 ? 1 - w : w;
  const slope0 = new Float64Array(n);
  const ev = new Events(n);
  const ks: number[] = [];
  const ds = new Float64Array(8);
  for (const { fns, q, div } of list) {
    const pts = fns.points;
    for (let r = 0; r < n; r++) {
      const p = pts[r]!;
      const rate = sigma * (q ? q[r]! : p / div);
      if (rate === 0) continue;
      ks.length = 0;
      kinks(fns, r, ks);
      // The kinks met along the side, in order; the slope of each piece from the score at its ends.
      let m = 0;
      for (const k of ks) {
        const d = (k - p) / rate;
        if (d > 0 && d < length) ds[m++] = d;
      }
      if (m > 1) sortSmall(ds, m);
      ds[m] = length;
      let x = 0;
      let g = scoreAt(fns, r, p);
      let prev = NaN;
      for (let k = 0; k <= m; k++) {
        const xb = ds[k]!;
        if (!(xb > x)) continue;
        const gb = scoreAt(fns, r, Math.max(0, p + rate * xb));
        const sl = (gb - g) / (xb - x);
        if (prev !== prev) slope0[r] = slope0[r]! + sl;
        else if (sl !== prev) ev.add(r, x, sl - prev);
        prev = sl;
        x = xb;
        g = gb;
      }
    }
  }
  return assemble(total, slope0, ev, length);
}

/** Flat breakpoint arrays from each region's value at 0, first slope and slope changes. */
function assemble(total: Float64Array, slope0: Float64Array, ev: Events, length: number): SideModel {
  const n = total.length;
  const off = new Int32Array(n + 1);
  let cap = 2 * n + ev.size;
  const xs = new Float64Array(cap);
  const ys = new Float64Array(cap);
  cap = 0;
  const maxAbs = new Float64Array(n);
  const minSlope = new Float64Array(n);
  const maxSlope = new Float64Array(n);
  const mine: number[] = [];
  let top = 0;
  for (let r = 0; r < n; r++) {
    off[r] = top;
    mine.length = 0;
    for (let e = ev.head[r]!; e >= 0; e = ev.next[e]!) mine.push(e);
    if (mine.length > 1) mine.sort((a, b) => ev.d[a]! - ev.d[b]!);
    let x = 0;
    let y = total[r]!;
    let s = slope0[r]!;
    let lo = s;
    let hi = s;
    xs[top] = 0;
    ys[top++] = y;
    for (const e of mine) {
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
    maxAbs[r] = Math.max(-lo, hi);
  }
  off[n] = top;
  return { length, off, xs: xs.slice(0, top), ys: ys.slice(0, top), slope: maxAbs, minSlope, maxSlope };
}
