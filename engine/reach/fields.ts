/**
 * The input fields an indicator scores: the input of the same name, or the inputs its `value`
 * expression (or the derived value of its name) reads, through derived values, leaving out what
 * is read inside `prev(…)` (last period's data cannot change this period) and fields that are
 * not numbers (categories, booleans, ratings).
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import type { Expr, InputDecl } from "../../dsl/ast.js";
import type { IndicatorNode } from "../graph.js";

const NUMERIC = new Set(["number", "percent", "count", "money", "years"]);

/** An input field a counterfactual may change. */
export interface Field {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly unit: string | null;
  /** The declared valid range (±Infinity where none). */
  readonly min: number;
  readonly max: number;
}

/** A constant of a range bound (`-20`, `100`), or NaN when it is not a plain number. */
function constant(e: Expr): number {
  if (e.kind === "number") return e.value;
  if (e.kind === "unary" && e.op === "-") return -constant(e.operand);
  return NaN;
}

/** The field of an input declaration. */
export function fieldOf(d: InputDecl): Field {
  const lo = d.range ? constant(d.range.min) : NaN;
  const hi = d.range ? constant(d.range.max) : NaN;
  return {
    name: d.name.name, label: d.label?.value ?? d.name.name, type: d.type, unit: d.unit?.value ?? null,
    min: Number.isFinite(lo) ? lo : -Infinity, max: Number.isFinite(hi) ? hi : Infinity,
  };
}

/** The names an expression reads, outside `prev(…)`. */
function names(e: unknown, out: Set<string>): void {
  if (!e || typeof e !== "object") return;
  if (Array.isArray(e)) { for (const x of e) names(x, out); return; }
  const node = e as { kind?: string; name?: string; callee?: { name: string } };
  if (node.kind === "name" && typeof node.name === "string") { out.add(node.name); return; }
  if (node.kind === "call" && node.callee?.name === "prev") return;
  for (const [k, v] of Object.entries(node)) if (k !== "span") names(v, out);
}

/** The numeric input fields an indicator's value reads, in the order first met. */
export function indicatorFields(node: IndicatorNode, scheme: CheckedScheme): Field[] {
  const decls = new Map<string, { kind: string; decl: unknown }>();
  for (const d of scheme.ast.decls) if (d.kind === "input" || d.kind === "let") decls.set(d.name.name, { kind: d.kind, decl: d });
  const decl = node.tree.decl;
  const seen = new Set<string>();
  const out: Field[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const d = decls.get(name);
    if (!d) return;
    if (d.kind === "input") {
      const input = d.decl as InputDecl;
      if (NUMERIC.has(input.type)) out.push(fieldOf(input));
      return;
    }
    const read = new Set<string>();
    names((d.decl as { expr: Expr }).expr, read);
    for (const n of read) visit(n);
  };
  const value = decl?.kind === "indicator" ? decl.body.value : null;
  if (value) {
    const read = new Set<string>();
    names(value, read);
    for (const n of read) visit(n);
  } else if (decl) visit(decl.name.name);
  return out;
}
