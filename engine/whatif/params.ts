/**
 * Parameter overrides → new compiled plans: an indicator's target, floor, band edge or points,
 * cap, or add/deduct amount or reference, and a grade's threshold or quota. A parameter is
 * replaced by a constant in the compiled plan, so only the indicator (or the grades) changed is
 * scored again. Without `@T` the change applies where the scheme's base body applies (its
 * `for T { … }` blocks that write their own clause keep it); with `@T` only regions of type T
 * see it.
 */
import type { Indicator } from "../../dsl/ast.js";
import type { GradesNode, IndicatorNode } from "../graph.js";
import { constantExpr } from "../ops/column.js";
import type { MethodPlan, VariantPlan } from "../plan-types.js";
import type { ParamField, Resolved } from "./resolve.js";

type ParamOverride = Extract<Resolved, { kind: "param" }>;
type GradeOverride = Extract<Resolved, { kind: "grade" }>;

/** A (typology, type) pair as the plan numbers them. */
export interface TypeRef {
  readonly typology: number;
  readonly type: number;
  readonly name: string;
}

/** The clause a field lives in (decides what a `for T` block inherits). */
function clauseOf(f: ParamField): "method" | "cap" | "adjustments" {
  return f.name === "cap" ? "cap" : f.name === "add" || f.name === "deduct" ? "adjustments" : "method";
}

function withMethod(m: MethodPlan | null, f: ParamField, v: number): MethodPlan | string {
  const c = constantExpr(v);
  const none = `the scoring method has no \`${fieldName(f)}\``;
  if (!m) return "the indicator has no scoring method";
  switch (f.name) {
    case "target":
      if (m.kind === "goalposts" || m.kind === "target") return { ...m, target: c };
      return m.kind === "proportional" ? { ...m, to: c } : none;
    case "floor": return m.kind === "goalposts" ? { ...m, floor: c } : none;
    case "to": return m.kind === "proportional" ? { ...m, to: c } : none;
    case "satisfactory": return m.kind === "efficacy" ? { ...m, satisfactory: c } : none;
    case "disallowed": return m.kind === "efficacy" ? { ...m, disallowed: c } : none;
    case "else": return m.kind === "bands" || m.kind === "rank-points" ? { ...m, otherwise: c } : none;
    case "band": {
      if (m.kind !== "bands") return "the scoring method is not `bands`";
      if (f.index > m.bands.length) return `there are only ${m.bands.length} bands`;
      const bands = m.bands.map((b, k) => (k + 1 === f.index ? (f.part === "points" ? { ...b, points: c } : { ...b, threshold: c }) : b));
      return { ...m, bands };
    }
    default: return none;
  }
}

/** The field's name as written in an override. */
export function fieldName(f: ParamField): string {
  if (f.name === "band") return `band.${f.index}${f.part === "points" ? ".points" : ""}`;
  if (f.name === "add" || f.name === "deduct") return `${f.name}.${f.index}${f.part === "reference" ? ".reference" : ""}`;
  return f.name;
}

/** One variant with the parameter replaced, or why it cannot be. */
export function withParam(v: VariantPlan, f: ParamField, value: number): VariantPlan | string {
  if (f.name === "cap") return { ...v, cap: constantExpr(value) };
  if (f.name !== "add" && f.name !== "deduct") {
    const m = withMethod(v.method, f, value);
    return typeof m === "string" ? m : { ...v, method: m };
  }
  const mine = v.adjustments.map((a, k) => ({ a, k })).filter(({ a }) => a.sign === f.name);
  const hit = mine[f.index - 1];
  if (!hit) return `the indicator has ${mine.length} \`${f.name}\` item${mine.length === 1 ? "" : "s"}`;
  const item = hit.a.item;
  let next = item;
  if (f.part === "amount") {
    if (!item.amount) return `\`${f.name}\` item ${f.index} pays by tiers (\`highest\`); set its tiers in the scheme`;
    next = { ...item, amount: constantExpr(value) };
  } else {
    if (item.basis.kind !== "gap") return `\`${f.name}\` item ${f.index} is not \`per … below|above REFERENCE\``;
    next = { ...item, basis: { ...item.basis, reference: constantExpr(value) } };
  }
  const adjustments = v.adjustments.map((a, k) => (k === hit.k ? { ...a, item: next } : a));
  return { ...v, adjustments };
}

/** True when a `for T { … }` block writes its own clause (so the base's change does not reach it). */
function writesOwn(decl: Indicator, variant: number, clause: "method" | "cap" | "adjustments"): boolean {
  const body = decl.overrides[variant - 1]?.body;
  if (!body) return false;
  return clause === "method" ? body.method !== null : clause === "cap" ? body.cap !== null : body.adjustments.length > 0;
}

/** The indicator with a parameter changed (for every region, or for one type), or why not. */
export function applyParam(node: IndicatorNode, o: ParamOverride, type: TypeRef | null): IndicatorNode | string {
  const decl = node.tree.decl as Indicator;
  const variants = [...node.plan.variants];
  if (type === null) {
    const clause = clauseOf(o.field);
    let problem: string | null = null;
    let any = false;
    for (let v = 0; v < variants.length; v++) {
      if (v > 0 && writesOwn(decl, v, clause)) continue;
      const next = withParam(variants[v]!, o.field, o.value);
      if (typeof next === "string") problem ??= next;
      else { variants[v] = next; any = true; }
    }
    if (!any) return problem ?? "nothing to change";
  } else {
    const at = variants.findIndex((v, k) => k > 0 && v.types.some((t) => t.typology === type.typology && t.type === type.type));
    const from = at > 0 ? at : 0;
    const next = withParam(variants[from]!, o.field, o.value);
    if (typeof next === "string") return next;
    const own = { ...next, types: [{ typology: type.typology, type: type.type }], label: type.name };
    // The lowest-numbered override wins where several name a type, so the new one goes first.
    if (at > 0 && variants[at]!.types.length === 1) variants[at] = own;
    else variants.splice(1, 0, own);
  }
  return { ...node, plan: { ...node.plan, variants } };
}

/** The grades with a level's threshold or quota changed, or why not. */
export function applyGrade(node: GradesNode, o: GradeOverride): GradesNode | string {
  const level = node.levels[o.level]!;
  if (o.field === "threshold") {
    if (!level.threshold) return `\`${level.label}\` is the catch-all grade and has no threshold`;
    return { ...node, levels: node.levels.map((l, k) => (k === o.level ? { ...l, threshold: constantExpr(o.value) } : l)) };
  }
  if (level.quotas.length === 0) return `\`${level.label}\` has no quota`;
  const quotas = level.quotas.map((q, k) => (k === 0 ? { ...q, value: o.value, percent: o.percent } : q));
  return { ...node, levels: node.levels.map((l, k) => (k === o.level ? { ...l, quotas } : l)) };
}
