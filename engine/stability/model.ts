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

/** An indicator the move reaches, with how its points change per unit of share, per region. */
export interface Moving {
  readonly fns: ScoreFns;
  /** dP/dw′ per region: P(w′) = P + q·(w′ − w). */
  readonly q: Float64Array;
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
      return { fns, q: Float64Array.from(p, (v, r) => (after[r]! - v) / (probeShare - w)) };
    }
    return { fns, q: Float64Array.from(p, (v) => (inside ? v / w : -v / (1 - w))) };
  });
}

/** Every region's total along one side of moving share w (0 < w < 1). */
export function sideModel(base: Results, list: readonly Moving[], w: number, sigma: 1 | -1): SideModel {
  const total = base.total;
  const n = total.length;
  const length = sigma > 0 ? 1 - w : w;
  const slope0 = new Float64Array(n);
  const events: number[][] = Array.from({ length: n }, () => []);
  const ks: number[] = [];
  const xs: number[] = [];
  for (const { fns, q } of list) {
    for (let r = 0; r < n; r++) {
      const p = fns.points[r]!;
      const rate = sigma * q[r]!;
      if (rate === 0) continue;
      ks.length = 0;
      kinks(fns, r, ks);
      xs.length = 0;
      xs.push(0);
      for (const k of ks) {
        const d = (k - p) / rate;
        if (d > 0 && d < length) xs.push(d);
      }
      xs.push(length);
      if (xs.length > 3) xs.sort((a, b) => a - b);
      let prev = NaN;
      let gPrev = scoreAt(fns, r, p);
      for (let k = 1; k < xs.length; k++) {
        if (!(xs[k]! > xs[k - 1]!)) continue;
        const g = scoreAt(fns, r, Math.max(0, p + rate * xs[k]!));
        const s = (g - gPrev) / (xs[k]! - xs[k - 1]!);
        if (prev !== prev) slope0[r] = slope0[r]! + s;
        else if (s !== prev) events[r]!.push(xs[k - 1]!, s - prev);
        prev = s;
        gPrev = g;
      }
    }
  }
  return assemble(total, slope0, events, length);
}

/** Flat breakpoint arrays from each region's value at 0, first slope and slope changes. */
function assemble(total: Float64Array, slope0: Float64Array, events: number[][], length: number): SideModel {
  const n = total.length;
  const off = new Int32Array(n + 1);
  const xs: number[] = [];
  const ys: number[] = [];
  const maxAbs = new Float64Array(n);
  const minSlope = new Float64Array(n);
  const maxSlope = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    off[r] = xs.length;
    const ev = events[r]!;
    const order = Array.from({ length: ev.length / 2 }, (_, k) => k).sort((a, b) => ev[2 * a]! - ev[2 * b]!);
    let x = 0;
    let y = total[r]!;
    let s = slope0[r]!;
    let lo = s;
    let hi = s;
    xs.push(0);
    ys.push(y);
    for (const k of order) {
      const d = ev[2 * k]!;
      if (d > x) {
        y += s * (d - x);
        x = d;
        xs.push(x);
        ys.push(y);
      }
      s += ev[2 * k + 1]!;
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    xs.push(length);
    ys.push(y + s * (length - x));
    minSlope[r] = lo;
    maxSlope[r] = hi;
    maxAbs[r] = Math.max(-lo, hi);
  }
  off[n] = xs.length;
  return { length, off, xs: Float64Array.from(xs), ys: Float64Array.from(ys), slope: maxAbs, minSlope, maxSlope };
}
