/**
 * The cheapest combination of field changes under the cost Σ |Δⱼ| / scaleⱼ (relative changes;
 * scale = |x|, or the range's width when x is 0): greedy steps of 5% of a field's scale (less
 * near its bound), each time taking the step with the largest gain in the region's total per
 * unit of cost, until the target is reached; the last step is then bisected to the smallest
 * fraction that still reaches it. Greedy, so not guaranteed optimal; `reach` also compares it
 * with the best single change and reports the cheaper.
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
  readonly outcome: Outcome;
}

const STEP = 0.05;
const MAX_STEPS = 400;

/** Greedy combination for region r, or null when the candidates together cannot reach the target. */
export function combine(base: Results, r: number, t: Target, cands: readonly Candidate[]): Combination | null {
  if (cands.length === 0) return null;
  const probe = new Probe(base, cands.map((c) => c.field.name));
  const x = probe.current(r);
  const scale = cands.map((c, j) => scaleOf(c.field, x[j]!));
  const v = [...x];
  let cur = probe.run(r, v);
  for (let step = 0; step < MAX_STEPS && !reaches(cur, t); step++) {
    let best: { j: number; d: number; o: Outcome; ratio: number } | null = null;
    cands.forEach((c, j) => {
      const room = Math.abs(c.bound - v[j]!);
      const d = Math.min(STEP * scale[j]!, room);
      if (!(d > 0)) return;
      const next = [...v];
      next[j] = v[j]! + c.dir * d;
      const o = probe.run(r, next);
      const ratio = reaches(o, t) ? Infinity : (o.total - cur.total) / (d / scale[j]!);
      if (o.valid && ratio > 0 && (!best || ratio > best.ratio || (ratio === Infinity && d / scale[j]! < best.d / scale[best.j]!))) best = { j, d, o, ratio };
    });
    if (!best) return null;
    const { j, d } = best as { j: number; d: number; o: Outcome };
    if (reaches((best as { o: Outcome }).o, t)) {
      const { frac, o } = shortest(probe, r, t, v, j, cands[j]!.dir * d);
      v[j] = v[j]! + cands[j]!.dir * d * frac;
      cur = o;
      break;
    }
    v[j] = v[j]! + cands[j]!.dir * d;
    cur = (best as { o: Outcome }).o;
  }
  if (!reaches(cur, t)) return null;
  const values = cands.map((c, j) => ({ field: c.field, from: x[j]!, to: v[j]! })).filter((c) => c.to !== c.from);
  const cost = cands.reduce((s, _, j) => s + Math.abs(v[j]! - x[j]!) / scale[j]!, 0);
  return { values, cost, outcome: cur };
}

/** The smallest fraction of a last step (field j by `delta`) that still reaches the target. */
function shortest(probe: Probe, r: number, t: Target, v: readonly number[], j: number, delta: number): { frac: number; o: Outcome } {
  let lo = 0;
  let hi = 1;
  const at = (f: number) => { const next = [...v]; next[j] = v[j]! + delta * f; return probe.run(r, next); };
  let o = at(1);
  for (let k = 0; k < 50 && hi - lo > 1e-7; k++) {
    const mid = (lo + hi) / 2;
    const m = at(mid);
    if (reaches(m, t)) { hi = mid; o = m; } else lo = mid;
  }
  return { frac: hi, o };
}
