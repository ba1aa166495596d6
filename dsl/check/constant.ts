/** Folds expressions made only of number literals (AHP entries such as `1/3`, band edges). */
import type { Expr } from "../ast.js";

/** The value of a constant numeric expression, or null when it reads anything else. */
export function constantValue(e: Expr | null | undefined): number | null {
  if (!e) return null;
  switch (e.kind) {
    case "number": return e.value;
    case "unary": {
      const v = e.op === "-" ? constantValue(e.operand) : null;
      return v === null ? null : -v;
    }
    case "binary": {
      const a = constantValue(e.left);
      const b = constantValue(e.right);
      if (a === null || b === null) return null;
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return b === 0 ? null : a / b;
        default: return null;
      }
    }
    default: return null;
  }
}
