/**
 * Compiles an indicator: its base scoring body and each `for T { … }` override (a clause the
 * override writes replaces the base's clause; the rest is inherited) into `VariantPlan`s.
 */
import type { Indicator, Method, RuleItem, ScoringBody, TypeOverride } from "../dsl/ast.js";
import type { CheckedNode, CheckedScheme } from "../dsl/check/types.js";
import { error } from "../dsl/diagnostics.js";
import { compileExpr } from "./compile-expr.js";
import { constantExpr, type ColumnExpr } from "./ops/column.js";
import type { PlanScope } from "./plan-scope.js";
import type { ItemPlan, MethodPlan, ValuePlan, VariantPlan } from "./plan-types.js";

/** What compiling an indicator needs besides the scope. */
export interface IndicatorContext {
  readonly scheme: CheckedScheme;
  readonly scope: PlanScope;
  /** (typology index, type index) of a type name, recording the dependency on its typology. */
  readonly typeOf: (name: string) => { typology: number; type: number } | null;
  /** A typology's index by name, recording the dependency. */
  readonly typologyIndex: (name: string | null | undefined) => number;
}

/** A body with an override's written clauses laid over the base's. */
export function mergeBody(base: ScoringBody, o: ScoringBody): ScoringBody {
  return {
    value: o.value ?? base.value,
    transform: o.transform ?? base.transform,
    method: o.method ?? base.method,
    adjustments: o.adjustments.length > 0 ? o.adjustments : base.adjustments,
    zeroWhen: o.zeroWhen.length > 0 ? o.zeroWhen : base.zeroWhen,
    exemptWhen: o.exemptWhen.length > 0 ? o.exemptWhen : base.exemptWhen,
    inapplicable: o.inapplicable ?? base.inapplicable,
    cap: o.cap ?? base.cap,
    floor: o.floor ?? base.floor,
    missing: o.missing ?? base.missing,
  };
}

/** The variants of an indicator: the base body first, then one per override. */
export function compileVariants(decl: Indicator, node: CheckedNode, ctx: IndicatorContext): VariantPlan[] {
  const base = compileVariant(decl, decl.body, node, ctx, null);
  const out = [base];
  for (const o of decl.overrides) out.push(compileVariant(decl, mergeBody(decl.body, o.body), node, ctx, o));
  return out;
}

function compileVariant(decl: Indicator, body: ScoringBody, node: CheckedNode, ctx: IndicatorContext, o: TypeOverride | null): VariantPlan {
  const s = ctx.scope;
  const c = (e: Parameters<typeof compileExpr>[0]) => compileExpr(e, s);
  const types = (o?.types ?? []).flatMap((t) => {
    const found = ctx.typeOf(t.name);
    if (!found) s.diagnostics.push(error("unknown-name", `no type \`${t.name}\` in any typology`, t.span));
    return found ? [found] : [];
  });
  return {
    types,
    label: o ? o.types.map((t) => t.name).join(", ") : "",
    value: compileValue(decl, body, ctx),
    transform: body.transform?.fn ?? null,
    method: body.method ? compileMethod(body.method, ctx) : null,
    methodAst: body.method,
    adjustments: body.adjustments.map((a) => ({ sign: a.sign, item: compileItem(a.item, ctx, true) })),
    zeroWhen: body.zeroWhen.map((z) => c(z.cond)),
    exemptWhen: body.exemptWhen.map((z) => c(z.cond)),
    inapplicable: body.inapplicable ? { when: c(body.inapplicable.cond), within: ctx.typologyIndex(body.inapplicable.within?.name) } : null,
    cap: body.cap ? c(body.cap.value) : null,
    floor: body.floor ? c(body.floor.value) : null,
    missing: body.missing?.policy ?? decl.body.missing?.policy ?? node.missing,
    missingWithin: ctx.typologyIndex(body.missing?.within?.name ?? decl.body.missing?.within?.name ?? node.missingWithin),
  };
}

function needsValue(m: Method | null): boolean {
  return m !== null && m.kind !== "custom" && m.kind !== "ballots" && m.kind !== "fuzzy";
}

function compileValue(decl: Indicator, body: ScoringBody, ctx: IndicatorContext): ValuePlan {
  const s = ctx.scope;
  const m = body.method;
  if (m?.kind === "ballots" || m?.kind === "fuzzy") {
    return {
      kind: "categories",
      counts: m.categories.map((k) => compileExpr({ kind: "name", name: k.field.name, span: k.field.span }, s)),
      values: m.categories.map((k) => compileExpr(k.value, s)),
    };
  }
  const name = body.value?.kind === "name" ? body.value.name : body.value ? null : decl.name.name;
  const sym = name !== null ? ctx.scheme.symbols.get(name) : undefined;
  if (m?.kind === "panel") {
    if (sym?.kind === "input" && sym.decl.type === "ratings") {
      s.name(name!);
      const input = s.prevInput(name!)!;
      const trim = m.trim?.value ?? 0;
      return { kind: "panel", input, rule: trim > 0 ? { trim, above: m.above?.value ?? null } : null };
    }
    s.diagnostics.push(error("type-mismatch", `a panel scores a \`ratings\` input; \`${name ?? "the value"}\` is not one`, (body.value ?? decl.name).span,
      "declare `input NAME ratings` and write `value NAME` or name the indicator after it"));
    return { kind: "none" };
  }
  if (body.value) return { kind: "expr", expr: compileExpr(body.value, s) };
  if (sym && sym.kind !== "builtin" && sym.kind !== "typology") return { kind: "expr", expr: compileExpr({ kind: "name", name: name!, span: decl.name.span }, s) };
  if (needsValue(m)) {
    s.diagnostics.push(error("unknown-name", `indicator \`${decl.name.name}\` has no value to score`, decl.name.span,
      `declare an input or derived value \`${decl.name.name}\`, or write \`value EXPR\``));
  }
  return { kind: "none" };
}

const HUNDRED = constantExpr(100);
const ZERO = constantExpr(0);

function compileMethod(m: Method, ctx: IndicatorContext): MethodPlan {
  const s = ctx.scope;
  const c = (e: Parameters<typeof compileExpr>[0]) => compileExpr(e, s);
  const opt = (e: Parameters<typeof compileExpr>[0] | null, d: ColumnExpr) => (e ? c(e) : d);
  switch (m.kind) {
    case "minmax": case "zscore": case "ratio-to-best": return { kind: m.kind, within: ctx.typologyIndex(m.within?.name) };
    case "goalposts": return { kind: "goalposts", floor: c(m.floor), target: c(m.target) };
    case "target": return { kind: "target", target: c(m.target), proportional: m.otherwise === "proportional" };
    case "proportional": return { kind: "proportional", to: opt(m.to, HUNDRED) };
    case "bands": return { kind: "bands", bands: m.bands.map((b) => ({ op: b.op, threshold: c(b.threshold), points: c(b.points) })), otherwise: opt(m.otherwise, ZERO) };
    case "rank-points": return {
      kind: "rank-points", within: ctx.typologyIndex(m.within?.name), points: m.points.map(c), step: m.step ? c(m.step) : null, otherwise: opt(m.otherwise, ZERO),
    };
    case "efficacy": return { kind: "efficacy", satisfactory: c(m.satisfactory), disallowed: c(m.disallowed) };
    case "panel": case "ballots": case "fuzzy": return { kind: "scaled", source: m.kind, scale: opt(m.scale, HUNDRED) };
    case "custom": return { kind: "custom", expr: c(m.expr) };
  }
}

/** Compiles a bonus/deduction item; `inIndicator` allows gap items (they measure `x`). */
export function compileItem(item: RuleItem, ctx: Pick<IndicatorContext, "scope">, inIndicator: boolean): ItemPlan {
  const s = ctx.scope;
  const c = (e: Parameters<typeof compileExpr>[0]) => compileExpr(e, s);
  const b = item.basis;
  let basis: ItemPlan["basis"];
  if (b.kind === "gap") {
    if (!inIndicator) {
      s.diagnostics.push(error("misplaced-clause", "a `below`/`above` gap measures an indicator's value and cannot appear in a bonus or deduction block", b.span,
        "put the item in the indicator as `add`/`deduct`, or use `per COUNT` or `when CONDITION` here"));
    }
    basis = { kind: "gap", step: b.step.value, relative: b.step.unit === "%", below: b.side === "below", reference: c(b.reference) };
  } else if (b.kind === "count") basis = { kind: "count", count: c(b.count) };
  else if (b.kind === "when") basis = { kind: "when", cond: c(b.cond) };
  else basis = { kind: "highest", tiers: b.tiers.map((t) => ({ amount: c(t.amount), cond: c(t.cond) })) };
  return {
    label: item.label?.value ?? null, span: item.span, ast: item, amount: item.amount ? c(item.amount) : null, basis,
    max: item.max ? c(item.max) : null, times: item.times ? c(item.times) : null, unless: item.unless ? c(item.unless) : null,
  };
}
