/**
 * Names and types in expressions: resolves every name, types every node (number, boolean,
 * category, ratings) and reports unknown names, misplaced builtins, type errors, bad calls and
 * divisions whose denominator can be zero.
 */
import type { Binary, Call, Expr, StringLit } from "../ast.js";
import type { CheckContext } from "./context.js";
import { arityText, CROSS_FUNCTIONS, ELEMENTWISE_FUNCTIONS, FUNCTION_NAMES, isCrossCall } from "./functions.js";
import { surelyNonZero } from "./signs.js";
import type { ValueType } from "./types.js";

/** Where an expression stands, which decides the builtins it may use. */
export interface ExprPlace {
  /** Inside an indicator: `x` is its value. */
  readonly x: boolean;
  /** After scoring: `total` and `score(path)` (vetoes, alerts, flags). */
  readonly results: boolean;
  /** After grading: `grade` (flags). */
  readonly grade: boolean;
}

/** Expressions before scoring: inputs, derived values, typologies, rules' amounts. */
export const PLAIN: ExprPlace = { x: false, results: false, grade: false };
/** Inside an indicator. */
export const IN_INDICATOR: ExprPlace = { x: true, results: false, grade: false };
/** Vetoes and alerts. */
export const AFTER_SCORING: ExprPlace = { x: false, results: true, grade: false };
/** Flags. */
export const AFTER_GRADING: ExprPlace = { x: false, results: true, grade: true };

const TYPE_WORDS: Record<ValueType, string> = {
  number: "a number", boolean: "a condition (true or false)", category: "a category (text)", ratings: "a list of ratings",
};

/** Checks an expression where a value of type `expected` is needed; returns its type, or null if unknown. */
export function checkExpr(cx: CheckContext, e: Expr, place: ExprPlace, expected?: ValueType): ValueType | null {
  const t = typeOf(cx, e, place);
  if (t) cx.exprTypes.set(e, t);
  if (t && expected && t !== expected) {
    cx.error("type-mismatch", `expected ${TYPE_WORDS[expected]} here, but this is ${TYPE_WORDS[t]}`, e.span,
      expected === "boolean" ? "write a comparison, such as `x >= 90`" : undefined);
  }
  return t;
}

function typeOf(cx: CheckContext, e: Expr, place: ExprPlace): ValueType | null {
  switch (e.kind) {
    case "number": return "number";
    case "string": return "category";
    case "bool": return "boolean";
    case "missing": return null;
    case "name": return nameType(cx, e.name, e.span, place);
    case "unary": return checkExpr(cx, e.operand, place, e.op === "-" ? "number" : "boolean") && (e.op === "-" ? "number" : "boolean");
    case "binary": return binaryType(cx, e, place);
    case "call": return callType(cx, e, place);
    case "score": return scoreType(cx, e.path.parts.map((p) => p.name).join("."), e.span, place);
    case "if": {
      checkExpr(cx, e.cond, place, "boolean");
      const a = checkExpr(cx, e.then, place);
      return a ? checkExpr(cx, e.otherwise, place, a) : checkExpr(cx, e.otherwise, place);
    }
    case "in": {
      const v = checkExpr(cx, e.value, place);
      for (const o of e.options) {
        checkExpr(cx, o, place, v ?? undefined);
        if (o.kind === "string") checkCategoryValue(cx, e.value, o);
      }
      return "boolean";
    }
  }
}

function nameType(cx: CheckContext, name: string, span: Expr["span"], place: ExprPlace): ValueType | null {
  const sym = cx.symbols.get(name);
  if (sym) {
    cx.used.add(name);
    return sym.type;
  }
  if (name === "x" && place.x) return "number";
  if (name === "total" || name === "grade") {
    const allowed = name === "total" ? place.results : place.grade;
    if (allowed) return name === "total" ? "number" : "category";
    cx.error("cycle", `\`${name}\` is known only after ${name === "total" ? "scoring" : "grading"}; it cannot be used here`, span,
      name === "total" ? "`total` may be used in vetoes, alerts and flags" : "`grade` may be used in flags");
    return null;
  }
  const candidates = [...cx.symbols.keys(), ...(place.x ? ["x"] : []), ...(place.results ? ["total"] : []), ...(place.grade ? ["grade"] : [])];
  cx.error("unknown-name", `unknown name \`${name}\``, span,
    cx.suggest(name, candidates) ?? (name === "x" ? "`x` is an indicator's own value and exists only inside an indicator" : "declare it with `input` or `let`"));
  return null;
}

function scoreType(cx: CheckContext, path: string, span: Expr["span"], place: ExprPlace): ValueType | null {
  if (!place.results) {
    cx.error("cycle", `\`score(${path})\` is known only after scoring; it cannot be used here`, span, "`score(…)` may be used in vetoes, alerts and flags");
    return null;
  }
  if (!cx.paths.has(path)) {
    cx.error("unknown-name", `no dimension or indicator \`${path}\``, span, cx.suggest(path, cx.paths) ?? "paths are written from the top, as in `economy.gdp_growth`");
    return null;
  }
  return "number";
}

const ARITHMETIC = new Set(["+", "-", "*", "/"]);
const ORDERING = new Set(["<", "<=", ">", ">="]);

function binaryType(cx: CheckContext, e: Binary, place: ExprPlace): ValueType | null {
  if (e.op === "and" || e.op === "or") {
    checkExpr(cx, e.left, place, "boolean");
    checkExpr(cx, e.right, place, "boolean");
    return "boolean";
  }
  if (ARITHMETIC.has(e.op) || ORDERING.has(e.op)) {
    checkExpr(cx, e.left, place, "number");
    checkExpr(cx, e.right, place, "number");
    if (e.op === "/" && !surelyNonZero(cx, e.right)) {
      cx.warning("zero-denominator", "this denominator can be zero; a division by zero gives 0", e.right.span,
        "if another value is right when it is zero, write `ratio(a, b, value)`");
    }
    return ARITHMETIC.has(e.op) ? "number" : "boolean";
  }
  const l = checkExpr(cx, e.left, place);
  checkExpr(cx, e.right, place, l ?? undefined);
  if (e.right.kind === "string") checkCategoryValue(cx, e.left, e.right);
  if (e.left.kind === "string") checkCategoryValue(cx, e.right, e.left);
  return "boolean";
}

/** Reports a text compared with a category that can never hold it (a misspelt type or value). */
function checkCategoryValue(cx: CheckContext, subject: Expr, text: StringLit): void {
  const known = knownValues(cx, subject);
  if (!known || known.includes(text.value)) return;
  cx.error("type-mismatch", `"${text.value}" is not one of ${known.map((k) => `"${k}"`).join(", ")}`, text.span,
    cx.suggest(text.value, known));
}

function knownValues(cx: CheckContext, subject: Expr): string[] | null {
  if (subject.kind !== "name") return null;
  const sym = cx.symbols.get(subject.name);
  if (sym?.kind === "typology") return sym.decl.types.map((t) => t.name.name);
  if (sym?.kind === "input" && sym.decl.values.length > 0) return sym.decl.values.map((v) => v.value);
  if (!sym && subject.name === "grade") {
    const grades = cx.ast.decls.find((d) => d.kind === "grades");
    return grades ? grades.levels.map((l) => l.label.value) : null;
  }
  return null;
}

function callType(cx: CheckContext, e: Call, place: ExprPlace): ValueType | null {
  const name = e.callee.name;
  if (name === "prev") return prevType(cx, e, place);
  const cross = isCrossCall(name, e.args.length);
  const arity = cross ? CROSS_FUNCTIONS.get(name) : ELEMENTWISE_FUNCTIONS.get(name);
  if (!arity) {
    cx.error("unknown-name", `unknown function \`${name}\``, e.callee.span, cx.suggest(name, FUNCTION_NAMES) ?? `functions: ${FUNCTION_NAMES.join(", ")}`);
    for (const a of e.args) checkExpr(cx, a, place);
    return null;
  }
  if (e.args.length < arity.min || e.args.length > arity.max) {
    cx.error("bad-argument", `\`${name}\` takes ${arityText(arity)}, not ${e.args.length}`, e.span);
  }
  if (e.within) {
    if (cross) cx.typology(e.within.name, e.within.span);
    else cx.error("bad-argument", `\`${name}\` with several arguments works region by region and takes no \`within\``, e.within.span);
  }
  e.args.forEach((a, i) => {
    const t = checkExpr(cx, a, place);
    const ok = t === null || t === "number" || (name === "count" && i === 0 && t === "boolean");
    if (!ok) cx.error("type-mismatch", `\`${name}\` needs ${name === "count" ? "a number or a condition" : "numbers"}, but this is ${TYPE_WORDS[t!]}`, a.span);
  });
  return "number";
}

function prevType(cx: CheckContext, e: Call, place: ExprPlace): ValueType | null {
  const arg = e.args[0];
  if (e.args.length !== 1 || arg?.kind !== "name") {
    cx.error("bad-argument", "`prev` takes the name of one input, as in `prev(gdp)`", e.span);
    for (const a of e.args) checkExpr(cx, a, place);
    return null;
  }
  const sym = cx.symbols.get(arg.name);
  if (sym?.kind !== "input") {
    const inputs = [...cx.symbols.values()].filter((s) => s.kind === "input").map((s) => s.decl.name.name);
    cx.error(sym ? "bad-argument" : "unknown-name", sym ? `\`prev\` needs an input; \`${arg.name}\` is not one` : `unknown input \`${arg.name}\``, arg.span,
      cx.suggest(arg.name, inputs) ?? (sym ? "for a derived value, write it again with `prev` on its inputs" : undefined));
    return null;
  }
  cx.used.add(arg.name);
  cx.prevInputs.add(arg.name);
  cx.exprTypes.set(arg, sym.type);
  return sym.type;
}
