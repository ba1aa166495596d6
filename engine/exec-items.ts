/** Runs compiled bonus/deduction items: evaluates their columns, then the item kernel. */
import type { ExprEnv } from "./ops/column.js";
import { itemAmounts, type BasisColumns } from "./ops/rules.js";
import type { ItemPlan } from "./plan-types.js";

/** What the item pays each region; `x` is the indicator's value for gap items. */
export function runItem(item: ItemPlan, env: ExprEnv, x: Float64Array | null): Float64Array {
  const b = item.basis;
  let basis: BasisColumns;
  if (b.kind === "gap") {
    basis = { kind: "gap", step: b.step, relative: b.relative, below: b.below, reference: b.reference.run(env), x: x ?? env.fill(NaN) };
  } else if (b.kind === "count") basis = { kind: "count", count: b.count.run(env) };
  else if (b.kind === "when") basis = { kind: "when", cond: b.cond.run(env) };
  else basis = { kind: "highest", tiers: b.tiers.map((t) => ({ amount: t.amount.run(env), cond: t.cond.run(env) })) };
  return itemAmounts({
    amount: item.amount ? item.amount.run(env) : null, basis,
    max: item.max ? item.max.run(env) : null, times: item.times ? item.times.run(env) : null, unless: item.unless ? item.unless.run(env) : null,
  }, env.n);
}
