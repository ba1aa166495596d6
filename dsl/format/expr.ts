/**
 * Prints expressions with the fewest parentheses that re-parse to the same tree. Precedence
 * follows `dsl/cst-expr.ts`: or < and < not < comparisons and `in` < + - < * / < unary minus.
 */
import type { BinaryOp, Expr, Ident, NumberLit, StringLit } from "../ast.js";

const BINARY_PREC: Record<BinaryOp, number> = {
  "or": 1, "and": 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6,
};
/** `not x` sits between `and` and the comparisons: its operand may be a comparison. */
const NOT_PREC = 3;
const IN_PREC = 4;
const NEG_PREC = 7;
const ATOM_PREC = 8;
/** `if … else e` swallows everything after it, so it is bracketed wherever something may follow. */
const IF_PREC = 0;

/** How tightly an expression binds, for deciding where parentheses are needed. */
function precedence(e: Expr): number {
  switch (e.kind) {
    case "binary": return BINARY_PREC[e.op];
    case "unary": return e.op === "not" ? NOT_PREC : NEG_PREC;
    case "in": return IN_PREC;
    case "if": return IF_PREC;
    default: return ATOM_PREC;
  }
}

/** A string literal in canonical form: double quotes, `\\`, `\"`, `\n` and `\t` escaped. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"\n\t]/g, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\${c}`))}"`;
}

/** A string literal node as text. */
export function str(s: StringLit): string {
  return quote(s.value);
}

/** A number literal as its author wrote it. */
export function num(n: NumberLit): string {
  return n.text;
}

/** A comma-separated list of names (`core, outer`). */
export function names(ids: readonly Ident[]): string {
  return ids.map((i) => i.name).join(", ");
}

/** An expression as text, bracketed if it binds looser than `min`. */
export function expr(e: Expr, min = 0): string {
  const text = bare(e);
  return precedence(e) < min ? `(${text})` : text;
}

function bare(e: Expr): string {
  switch (e.kind) {
    case "number": return e.text;
    case "string": return quote(e.value);
    case "bool": return e.value ? "true" : "false";
    case "name": return e.name;
    // Only trees without syntax errors are formatted; a recovered gap shows as `<?>`.
    case "missing": return "<?>";
    case "score": return `score(${e.path.parts.map((p) => p.name).join(".")})`;
    case "unary": return unary(e.op, e.operand);
    case "binary": {
      const p = BINARY_PREC[e.op];
      return `${expr(e.left, p)} ${e.op} ${expr(e.right, p + 1)}`;
    }
    case "in": return `${expr(e.value, IN_PREC)} in (${e.options.map((o) => expr(o)).join(", ")})`;
    case "if": return `if ${expr(e.cond)} then ${expr(e.then)} else ${expr(e.otherwise)}`;
    case "call": {
      const args = e.args.map((a) => expr(a)).join(", ");
      const within = e.within ? `${args ? " " : ""}within ${e.within.name}` : "";
      return `${e.callee.name}(${args}${within})`;
    }
  }
}

function unary(op: "-" | "not", operand: Expr): string {
  if (op === "not") {
    // `not not x` reads back as written; any other looser operand needs brackets.
    const nested = operand.kind === "unary" && operand.op === "not";
    return `not ${nested ? bare(operand) : expr(operand, NOT_PREC + 1)}`;
  }
  // `-5` would read back as the literal −5 (and `--0` as a literal too), so minus applied to a
  // literal keeps its brackets.
  if (operand.kind === "number") return `-(${operand.text})`;
  return `-${expr(operand, NEG_PREC)}`;
}
