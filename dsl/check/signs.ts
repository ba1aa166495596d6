/**
 * A small sign analysis for the `zero-denominator` warning: can this expression be zero for
 * some region? Inputs are judged by their declared range; anything unknown can be zero.
 */
import type { Expr } from "../ast.js";
import type { CheckContext } from "./context.js";

/** True when the expression is never zero (for any region the data can hold). */
export function surelyNonZero(cx: CheckContext, e: Expr): boolean {
  return sign(cx, e, new Set()) !== "any";
}

type Sign = "pos" | "neg" | "any";

function sign(cx: CheckContext, e: Expr, seen: Set<string>): Sign {
  switch (e.kind) {
    case "number": return e.value > 0 ? "pos" : e.value < 0 ? "neg" : "any";
    case "name": return nameSign(cx, e.name, seen);
    case "unary": return e.op === "-" ? flip(sign(cx, e.operand, seen)) : "any";
    case "binary": return binarySign(e.op, sign(cx, e.left, seen), sign(cx, e.right, seen));
    case "call": {
      const args = e.args.map((a) => sign(cx, a, seen));
      if (e.callee.name === "max" && args.length > 1 && args.includes("pos")) return "pos";
      if (e.callee.name === "min" && args.length > 1 && args.includes("neg")) return "neg";
      if (e.callee.name === "abs" && args[0] !== "any") return "pos";
      if (e.callee.name === "clamp" && args[1] === "pos") return "pos";
      return "any";
    }
    case "if": {
      const a = sign(cx, e.then, seen);
      return a === sign(cx, e.otherwise, seen) ? a : "any";
    }
    default: return "any";
  }
}

function flip(s: Sign): Sign {
  return s === "pos" ? "neg" : s === "neg" ? "pos" : "any";
}

function binarySign(op: string, a: Sign, b: Sign): Sign {
  if (a === "any" || b === "any") return "any";
  if (op === "*" || op === "/") return a === b ? "pos" : "neg";
  if (op === "+") return a === b ? a : "any";
  if (op === "-") return a !== b ? a : "any";
  return "any";
}

function nameSign(cx: CheckContext, name: string, seen: Set<string>): Sign {
  const sym = cx.symbols.get(name);
  if (!sym || seen.has(name)) return "any";
  if (sym.kind === "let") {
    seen.add(name);
    const s = sign(cx, sym.decl.expr, seen);
    seen.delete(name);
    return s;
  }
  if (sym.kind === "table") {
    const values = [...sym.decl.entries.map((en) => en.value), ...(sym.decl.default ? [sym.decl.default] : [])];
    const signs = values.map((v) => sign(cx, v, seen));
    return signs.length > 0 && signs.every((s) => s === signs[0]) ? signs[0]! : "any";
  }
  if (sym.kind !== "input" || !sym.decl.range) return "any";
  const lo = sign(cx, sym.decl.range.min, seen);
  const hi = sign(cx, sym.decl.range.max, seen);
  return lo === "pos" ? "pos" : hi === "neg" ? "neg" : "any";
}
