/**
 * Rule-parameter perturbation: the band edges and add/deduct amounts written as constants in
 * each indicator's base body, and the percentage quotas of the grades. A sample scales each by
 * (1 ± spread) and re-scores only the indicators concerned, on a copy of the base run.
 */
import { runIndicator } from "../exec-indicator.js";
import type { IndicatorNode } from "../graph.js";
import type { IndicatorDetail } from "../indicator-detail.js";
import type { QuotaSpec } from "../ops/grade.js";
import type { Results } from "../results.js";
import type { Runtime } from "../runtime.js";
import { withParam } from "../whatif/params.js";
import type { ParamField } from "../whatif/resolve.js";
import { forkRun } from "../whatif/rerun.js";
import type { SensitivityModel } from "./model.js";
import type { Random } from "./prng.js";

/** One perturbable parameter of an indicator. */
interface RuleParam {
  readonly field: ParamField;
  readonly value: number;
}

/** What rule mode needs: the indicators with parameters, and a run to re-score them on. */
export interface RuleContext {
  /** Model leaf index → its graph node and parameters. */
  readonly indicators: ReadonlyMap<number, { readonly node: IndicatorNode; readonly params: readonly RuleParam[] }>;
  readonly rt: Runtime;
}

function paramsOf(node: IndicatorNode): RuleParam[] {
  const v = node.plan.variants[0]!;
  const out: RuleParam[] = [];
  if (v.method?.kind === "bands") {
    v.method.bands.forEach((b, k) => { if (b.threshold.constant !== null) out.push({ field: { name: "band", index: k + 1, part: "threshold" }, value: b.threshold.constant }); });
  }
  const count = { add: 0, deduct: 0 };
  for (const a of v.adjustments) {
    const index = ++count[a.sign];
    if (a.item.amount?.constant != null) out.push({ field: { name: a.sign, index, part: "amount" }, value: a.item.amount.constant });
  }
  return out;
}

/** The rule context of a run (null when nothing in it can be perturbed). */
export function ruleContext(base: Results, model: SensitivityModel): RuleContext | null {
  const indicators = new Map<number, { node: IndicatorNode; params: RuleParam[] }>();
  for (const j of model.leaves) {
    const node = base.program.graph.nodes[model.nodes[j]!.id]!;
    if (node.kind !== "indicator") continue;
    const params = paramsOf(node);
    if (params.length > 0) indicators.set(j, { node, params });
  }
  if (indicators.size === 0) return null;
  return { indicators, rt: forkRun(base, { ...base.program.graph, strings: base.runtime.strings.strings.slice() }) };
}

/** Re-scores every indicator with perturbed parameters; returns the new fractions by model leaf. */
export function perturbedFractions(ctx: RuleContext, spread: number, rng: Random): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  for (const [j, { node, params }] of ctx.indicators) {
    let v = node.plan.variants[0]!;
    for (const p of params) {
      const next = withParam(v, p.field, p.value * (1 + spread * (2 * rng.uniform() - 1)));
      if (typeof next !== "string") v = next;
    }
    const changed: IndicatorNode = { ...node, plan: { ...node.plan, variants: [v, ...node.plan.variants.slice(1)] } };
    runIndicator(changed, ctx.rt);
    const d = ctx.rt.details[node.id] as IndicatorDetail;
    out.set(j, Float64Array.from(d.score, (s, i) => {
      const f = d.points[i] === 0 ? 0 : s / d.points[i]!;
      return f - f === 0 ? f : 0;
    }));
  }
  return out;
}

/** Percentage quotas scaled by (1 ± spread); counts stay. */
export function perturbedQuotas(model: SensitivityModel, spread: number, rng: Random): QuotaSpec[][] | null {
  if (!model.grades) return null;
  return model.grades.levels.map((l) => l.quotas.map((q) => (q.percent ? { ...q, value: Math.min(100, q.value * (1 + spread * (2 * rng.uniform() - 1))) } : q)));
}
