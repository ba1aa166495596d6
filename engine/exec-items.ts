/** Runs compiled bonus/deduction items: evaluates their columns (constants stay numbers), then the item kernel. */
import type { ColumnExpr, ExprEnv } from "./ops/column.js";
import { itemAmounts, type BasisColumns, type Operand } from "./ops/rules.js";
import type { ItemPlan } from "./plan-types.js";

/** An expression's value as an operand: its constant when it has one (no column is filled), else its column. */
export function operand(e: ColumnExpr, env: ExprEnv): Operand {
  // (0 keeps its filled column, as it always has: it holds the literal's own zero.)
  return e.constant !== null && e.constant !== 0 ? e.constant : e.run(env);
}

/** What the item pays each region (into `out` when given); `x` is the indicator's value for gap items. */
export function runItem(item: ItemPlan, env: ExprEnv, x: Float64Array | null, out?: Float64Array | null): Float64Array {
  const b = item.basis;
  let basis: BasisColumns;
  if (b.kind === "gap") {
    basis = { kind: "gap", step: b.step, relative: b.relative, below: b.below, reference: operand(b.reference, env), x: x ?? NaN };
  } else if (b.kind === "count") basis = { kind: "count", count: b.count.run(env) };
  else if (b.kind === "when") basis = { kind: "when", cond: b.cond.run(env) };
  else basis = { kind: "highest", tiers: b.tiers.map((t) => ({ amount: operand(t.amount, env), cond: t.cond.run(env) })) };
  return itemAmounts({
    amount: item.amount ? operand(item.amount, env) : null, basis,
    max: item.max ? operand(item.max, env) : null, times: item.times ? operand(item.times, env) : null, unless: item.unless ? item.unless.run(env) : null,
  }, env.n, out ?? undefined);
}
