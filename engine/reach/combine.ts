/**
 * The cheapest combination of field changes under the cost Σ |Δⱼ| / scaleⱼ (relative changes;
 * scale = |x|, or the range's width when x is 0): greedy steps of 25% of a field's scale (less
 * near its bound), each time taking the step with the largest gain in the region's total per
 * unit of cost (lazily: a step keeps its last known gain, and the best is re-evaluated before it
 * is taken), until the target is reached; the last step is then bisected to the smallest
 * fraction that still reaches it. Greedy, so not guaranteed optimal; `reach` also compares it
 * with the best single change and reports the cheaper. Each step is evaluated on top of the run
 * of the changes taken so far, re-running only what depends on the one field it moves.
 */
import type { Field } from "./fields.js";
import { Probe, type Outcome } from "./probe.js";
import { reaches, scaleOf, type Target } from "./search.js";
import type { Results } from "../results.js";

/** A field a combination may move, from its single-field search. */
export interface Candidate {
  readonly field: Field;
  readonly dir: 1 | -1;
  readonly bound: number;
}

/** A combination of changes. */
export interface Combination {
  readonly values: readonly { readonly field: Field; readonly from: number; readonly to: number }[];
  /** Σ |Δ| / scale. */
  readonly cost: number;
  /** The region's total with the changes. */
  readonly total: number;
}

const STEP = 0.25;
const MAX_STEPS = 400;

/** One field's next step: its gain in total per unit of cost (Infinity when it reaches the target), as of greedy step `at`. */
interface Step { readonly j: number; readonly d: number; readonly o: Outcome; readonly ratio: number; readonly at: number }

/** Greedy combination for region r, or null when the candidates together cannot reach the target. */
export function combine(base: Results, r: number, t: Target, cands: readonly Candidate[]): Combination | null {
  if (cands.length === 0) return null;
  const probes = cands.map((c) => new Probe(base, [c.field.name]));
  const x = cands.map((_, j) => probes[j]!.current(r)[0]!);
  const scale = cands.map((c, j) => scaleOf(c.field, x[j]!));
  const v = [...x];
  let cur = probes[0]!.run(r, [x[0]!]);
  const stepOf = (j: number, at: number): Step | null => {
    const d = Math.min(STEP * scale[j]!, Math.abs(cands[j]!.bound - v[j]!));
    if (!(d > 0)) return null;
    const o = probes[j]!.run(r, [v[j]! + cands[j]!.dir * d], cur.rt);
    const ratio = !o.valid ? -Infinity : reaches(o, t) ? Infinity : (o.total - cur.total) / (d / scale[j]!);
    return { j, d, o, ratio, at };
  };
  let steps = cands.map((_, j) => stepOf(j, 0)).filter((s): s is Step => s !== null);
  for (let k = 0; k < MAX_STEPS && !reaches(cur, t); k++) {
    const top = bestStep(steps, k, stepOf, (next) => { steps = next; });
    if (!top) return null;
    const { j, d } = top;
    if (top.ratio === Infinity) {
      const { frac, o } = shortest(probes[j]!, r, t, v[j]!, cands[j]!.dir * d, cur);
      v[j] = v[j]! + cands[j]!.dir * d * frac;
      cur = o;
      break;
    }
    v[j] = v[j]! + cands[j]!.dir * d;
    cur = top.o;
    const next = stepOf(j, k + 1);
    steps = steps.filter((s) => s.j !== j);
    if (next) steps.push(next);
  }
  if (!reaches(cur, t)) return null;
  const values = cands.map((c, j) => ({ field: c.field, from: x[j]!, to: v[j]! })).filter((c) => c.to !== c.from);
  const cost = cands.reduce((s, _, j) => s + Math.abs(v[j]! - x[j]!) / scale[j]!, 0);
  return { values, cost, total: cur.total };
}

/** The best step, re-evaluating stale leaders until one is current and still best; null when none gains. */
function bestStep(steps: Step[], k: number, stepOf: (j: number, at: number) => Step | null, set: (s: Step[]) => void): Step | null {
  for (;;) {
    steps.sort((a, b) => b.ratio - a.ratio);
    const best = steps[0];
    if (!best || !(best.ratio > 0)) return null;
    if (best.at === k) return best;
    const fresh = stepOf(best.j, k);
    steps = fresh ? [fresh, ...steps.slice(1)] : steps.slice(1);
    set(steps);
  }
}

/** The smallest fraction of a last step (the probe's field, from value `v` by `delta`, on top of `cur`) that still reaches the target. */
function shortest(probe: Probe, r: number, t: Target, v: number, delta: number, cur: Outcome): { frac: number; o: Outcome } {
  let lo = 0;
  let hi = 1;
  const at = (f: number) => probe.run(r, [v + delta * f], cur.rt);
  let o = at(1);
  for (let k = 0; k < 50 && hi - lo > 1e-7; k++) {
    const mid = (lo + hi) / 2;
    const m = at(mid);
    if (reaches(m, t)) { hi = mid; o = m; } else lo = mid;
  }
  return { frac: hi, o };
}
