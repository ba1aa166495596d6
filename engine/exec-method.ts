/**
 * Runs an indicator's scoring method over its value column: the score before adjustments, in
 * points, plus the method's parameters per region (computed only when an explanation asks).
 */
import { broadcast, groupExtreme, groupMeans } from "./ops/cross.js";
import type { ExprEnv, Grouping } from "./ops/column.js";
import { competitionRanks } from "./ops/rank.js";
import * as k from "./ops/scoring.js";
import type { MethodPlan } from "./plan-types.js";

/** A method parameter as it applied to each region (e.g. the min and max of min-max). */
export interface MethodParam {
  readonly name: string;
  readonly values: Float64Array;
}

/** The method's score in points and its parameters. */
export interface MethodRun {
  readonly base: Float64Array;
  /** True when `base` is a fresh column (not an input or a shared constant). */
  readonly owned: boolean;
  /** True when the method keeps 0 ≤ base ≤ points, missing exactly where the value is (see `finish`). */
  readonly bounded: boolean;
  /** The parameters per region, given the value column scored (computed only when asked). */
  readonly params: (x: Float64Array) => MethodParam[];
}

const NONE = (): MethodParam[] => [];

/** Scores `x` with a method; no method means full marks (the points), for adjustments to act on. */
export function runMethod(m: MethodPlan | null, x: Float64Array, points: Float64Array, higher: boolean, env: ExprEnv): MethodRun {
  if (!m) return { base: points, owned: false, bounded: false, params: NONE };
  switch (m.kind) {
    case "minmax": {
      const g = env.grouping(m.within);
      return scored(k.minmax(x, g, higher, points), minmaxParams(g), true);
    }
    case "zscore": {
      const g = env.grouping(m.within);
      return scored(k.zscore(x, g, higher, points), (v) => zParams(v, g), true);
    }
    case "ratio-to-best": {
      const g = env.grouping(m.within);
      return scored(k.ratioToBest(x, g, higher, points), (v) => [param("best", broadcast(groupExtreme(v, g, higher ? 1 : -1), g))]);
    }
    case "goalposts": {
      const [f, t] = [m.floor.constant, m.target.constant];
      // Constant posts stay scalars; their columns are built only when an explanation asks.
      if (f !== null && t !== null) return scored(k.goalpostsConstant(x, f, t, higher, points), goalpostsParams(f, t), true);
      const floor = m.floor.run(env);
      const target = m.target.run(env);
      return scored(k.goalposts(x, floor, target, higher, points), () => [param("floor", floor), param("target", target)]);
    }
    case "target": {
      const target = m.target.run(env);
      return scored(k.targetMet(x, target, higher, m.proportional, points), () => [param("target", target)]);
    }
    case "proportional": {
      const to = m.to.run(env);
      return scored(k.proportional(x, to, higher, points), () => [param("to", to)]);
    }
    case "efficacy": {
      const s = m.satisfactory.run(env);
      const d = m.disallowed.run(env);
      return scored(k.efficacy(x, s, d, higher, points), () => [param("satisfactory", s), param("disallowed", d)]);
    }
    case "scaled": {
      const scale = m.scale.run(env);
      return scored(k.proportional(x, scale, true, points), () => [param("scale", scale)]);
    }
    default: return absolute(m, x, points, higher, env);
  }
}

function absolute(m: Extract<MethodPlan, { kind: "bands" | "rank-points" | "custom" }>, x: Float64Array, points: Float64Array, higher: boolean, env: ExprEnv): MethodRun {
  switch (m.kind) {
    case "bands": {
      const c = constantBands(m);
      if (c) {
        return scored(k.bandsConstant(x, c.bands, c.otherwise), bandsParams(c.bands), c.bottom >= 0 && c.top <= points[0]!);
      }
      const list = m.bands.map((b) => ({ op: b.op, threshold: b.threshold.run(env), points: b.points.run(env) }));
      return scored(k.bands(x, list, m.otherwise.run(env)), (v) => [param("band", matchedBand(v, list))]);
    }
    case "rank-points": {
      const g = env.grouping(m.within);
      const base = k.rankPoints(x, g, higher, m.points.map((p) => p.run(env)), m.step ? m.step.run(env) : null, m.otherwise.run(env));
      return scored(base, (v) => [param("rank", competitionRanks(v, g, higher))]);
    }
    case "custom": return { base: m.expr.run(env), owned: false, bounded: false, params: NONE };
  }
}

/** Constant bands with their lowest and highest points, or null when a threshold or points vary by region. */
export function constantBands(m: Extract<MethodPlan, { kind: "bands" }>): { bands: k.ConstantBand[]; otherwise: number; bottom: number; top: number } | null {
  if (m.otherwise.constant === null || !m.bands.every((b) => b.threshold.constant !== null && b.points.constant !== null)) return null;
  const bands = m.bands.map((b) => ({ op: b.op, threshold: b.threshold.constant!, points: b.points.constant! }));
  const otherwise = m.otherwise.constant;
  return { bands, otherwise, top: Math.max(otherwise, ...bands.map((b) => b.points)), bottom: Math.min(otherwise, ...bands.map((b) => b.points)) };
}

/** min-max's parameters per region (the group's min and max), built when an explanation asks. */
export function minmaxParams(g: Grouping): (x: Float64Array) => MethodParam[] {
  return (v) => [param("min", broadcast(groupExtreme(v, g, -1), g)), param("max", broadcast(groupExtreme(v, g, 1), g))];
}

/** Constant goalposts' parameters as columns, built when an explanation asks. */
export function goalpostsParams(f: number, t: number): (x: Float64Array) => MethodParam[] {
  return (x) => [param("floor", filled(x.length, f)), param("target", filled(x.length, t))];
}

/** The band each region matched under constant bands, built when an explanation asks. */
export function bandsParams(c: readonly k.ConstantBand[]): (x: Float64Array) => MethodParam[] {
  return (v) => [param("band", matchedBand(v, c.map((b) => ({ op: b.op, threshold: filled(v.length, b.threshold), points: filled(v.length, b.points) }))))];
}

/** A column holding one value, built for an explanation (a scalar parameter's per-region view). */
function filled(n: number, value: number): Float64Array {
  return new Float64Array(n).fill(value);
}

function param(name: string, values: Float64Array): MethodParam {
  return { name, values };
}

function scored(base: Float64Array, params: (x: Float64Array) => MethodParam[], bounded = false): MethodRun {
  return { base, owned: true, bounded, params };
}

function zParams(x: Float64Array, g: Grouping): MethodParam[] {
  const means = groupMeans(x, g);
  const dev = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - means[g.ids[i]!]!;
    dev[i] = d * d;
  }
  const sd = groupMeans(dev, g).map(Math.sqrt);
  return [param("mean", broadcast(means, g)), param("sd", broadcast(sd, g))];
}

/** 1-based index of the band each region matched, 0 for the `else` points. */
function matchedBand(x: Float64Array, list: readonly k.BandColumns[]): Float64Array {
  const out = new Float64Array(x.length);
  const one = (v: number, b: k.BandColumns, i: number) => {
    const t = b.threshold[i]!;
    return b.op === ">=" ? v >= t : b.op === ">" ? v > t : b.op === "<=" ? v <= t : v < t;
  };
  for (let i = 0; i < x.length; i++) out[i] = list.findIndex((b) => one(x[i]!, b, i)) + 1;
  return out;
}
