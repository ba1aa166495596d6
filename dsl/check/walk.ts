/** Visits an expression and every expression inside it. */
import type { Expr } from "../ast.js";

/** Calls `f` on `e` and each of its sub-expressions, parents first. */
export function walkExpr(e: Expr | null | undefined, f: (e: Expr) => void): void {
  if (!e) return;
  f(e);
  switch (e.kind) {
    case "unary": walkExpr(e.operand, f); return;
    case "binary": walkExpr(e.left, f); walkExpr(e.right, f); return;
    case "call": for (const a of e.args) walkExpr(a, f); return;
    case "if": walkExpr(e.cond, f); walkExpr(e.then, f); walkExpr(e.otherwise, f); return;
    case "in": walkExpr(e.value, f); for (const o of e.options) walkExpr(o, f); return;
    default: return;
  }
}
