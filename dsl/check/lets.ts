/** Derived values: the order that computes each after what it uses, cycles, and their types. */
import type { LetDecl } from "../ast.js";
import type { CheckContext } from "./context.js";
import { checkExpr, PLAIN } from "./exprs.js";
import { walkExpr } from "./walk.js";

/** Orders the derived values, reports cycles, and types each one; returns the order. */
export function checkLets(cx: CheckContext): LetDecl[] {
  const lets = new Map<string, LetDecl>();
  for (const sym of cx.symbols.values()) if (sym.kind === "let") lets.set(sym.decl.name.name, sym.decl);
  const order: LetDecl[] = [];
  const state = new Map<LetDecl, "visiting" | "done">();
  const reported = new Set<LetDecl>();
  const visit = (d: LetDecl, stack: LetDecl[]): void => {
    const s = state.get(d);
    if (s === "done") return;
    if (s === "visiting") {
      const circle = stack.slice(stack.indexOf(d));
      if (!circle.some((c) => reported.has(c))) {
        circle.forEach((c) => reported.add(c));
        const names = [...circle, d].map((c) => `\`${c.name.name}\``).join(" → ");
        cx.error("cycle", `derived values depend on each other in a circle: ${names}`, d.name.span, "break the circle: one of them must be computed from inputs");
      }
      return;
    }
    state.set(d, "visiting");
    walkExpr(d.expr, (e) => {
      const dep = e.kind === "name" ? lets.get(e.name) : undefined;
      if (dep) visit(dep, [...stack, d]);
    });
    state.set(d, "done");
    order.push(d);
  };
  for (const d of lets.values()) visit(d, []);
  for (const d of order) {
    const t = checkExpr(cx, d.expr, PLAIN);
    if (t === "ratings") cx.error("type-mismatch", "a derived value cannot be a list of ratings; use a `panel` indicator", d.expr.span);
    if (t) cx.symbols.set(d.name.name, { kind: "let", decl: d, type: t });
  }
  return order;
}
