/**
 * The compiled form of an indicator and of rule items: every expression already a column
 * closure, every name already a slot. One `VariantPlan` per scoring body: the indicator's own,
 * then one per `for T { … }` override (whose written clauses replace the base's).
 */
import type { Adjustment, Method, MissingClause, RuleItem, Span } from "../dsl/index.js";
import type { ColumnExpr } from "./ops/column.js";
import type { TrimRule } from "./ops/panel.js";
import type { PointsPlan } from "./graph.js";

/** Where an indicator's value comes from. */
export type ValuePlan =
  | { readonly kind: "expr"; readonly expr: ColumnExpr }
  /** A ratings input, reduced per region by the panel's trimmed mean. */
  | { readonly kind: "panel"; readonly input: number; readonly rule: TrimRule | null }
  /** Ballot counts or fuzzy memberships per category, reduced to their weighted average. */
  | { readonly kind: "categories"; readonly counts: readonly ColumnExpr[]; readonly values: readonly ColumnExpr[] }
  /** No value (the method and rules do not need one). */
  | { readonly kind: "none" };

/** A scoring method with its parameters compiled. */
export type MethodPlan =
  | { readonly kind: "minmax" | "zscore" | "ratio-to-best"; readonly within: number }
  | { readonly kind: "goalposts"; readonly floor: ColumnExpr; readonly target: ColumnExpr }
  | { readonly kind: "target"; readonly target: ColumnExpr; readonly proportional: boolean }
  | { readonly kind: "proportional"; readonly to: ColumnExpr }
  | { readonly kind: "bands"; readonly bands: readonly { readonly op: ">=" | ">" | "<=" | "<"; readonly threshold: ColumnExpr; readonly points: ColumnExpr }[]; readonly otherwise: ColumnExpr }
  | { readonly kind: "rank-points"; readonly within: number; readonly points: readonly ColumnExpr[]; readonly step: ColumnExpr | null; readonly otherwise: ColumnExpr }
  | { readonly kind: "efficacy"; readonly satisfactory: ColumnExpr; readonly disallowed: ColumnExpr }
  /** Panel, ballots and fuzzy: the value (on the rating scale) divided by the scale. */
  | { readonly kind: "scaled"; readonly source: "panel" | "ballots" | "fuzzy"; readonly scale: ColumnExpr }
  | { readonly kind: "custom"; readonly expr: ColumnExpr };

/** A compiled bonus/deduction item. */
export interface ItemPlan {
  readonly label: string | null;
  readonly span: Span;
  readonly ast: RuleItem;
  readonly amount: ColumnExpr | null;
  readonly basis:
    | { readonly kind: "gap"; readonly step: number; readonly relative: boolean; readonly below: boolean; readonly reference: ColumnExpr }
    | { readonly kind: "count"; readonly count: ColumnExpr }
    | { readonly kind: "when"; readonly cond: ColumnExpr }
    | { readonly kind: "highest"; readonly tiers: readonly { readonly amount: ColumnExpr; readonly cond: ColumnExpr }[] };
  readonly max: ColumnExpr | null;
  readonly times: ColumnExpr | null;
  readonly unless: ColumnExpr | null;
}

/** An indicator adjustment: an item that adds to or deducts from the method's score. */
export interface AdjustmentPlan {
  readonly sign: Adjustment["sign"];
  readonly item: ItemPlan;
}

/** One scoring body, compiled. */
export interface VariantPlan {
  /** The types this variant applies to as (typology, type) pairs; empty for the base. */
  readonly types: readonly { readonly typology: number; readonly type: number }[];
  readonly label: string;
  readonly value: ValuePlan;
  readonly transform: "log" | "sqrt" | null;
  readonly method: MethodPlan | null;
  /** The method as written, for explanations. */
  readonly methodAst: Method | null;
  readonly adjustments: readonly AdjustmentPlan[];
  readonly zeroWhen: readonly ColumnExpr[];
  readonly exemptWhen: readonly ColumnExpr[];
  readonly inapplicable: { readonly when: ColumnExpr; readonly within: number } | null;
  readonly cap: ColumnExpr | null;
  readonly floor: ColumnExpr | null;
  readonly missing: MissingClause["policy"];
  /** Typology index for `missing mean within T`, else −1. */
  readonly missingWithin: number;
}

/** How an indicator is computed. */
export interface IndicatorPlan {
  readonly direction: "higher" | "lower";
  readonly points: PointsPlan;
  readonly variants: readonly VariantPlan[];
}
