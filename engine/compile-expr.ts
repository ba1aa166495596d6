/**
 * Compiles an expression AST into a column closure, once, at plan time. Names are resolved here
 * (to graph slots), constants are folded, and each operator becomes one vectorised kernel call:
 * at run time nothing looks at the AST again and nothing loops region by region.
 */
import type { Call, Expr } from "../dsl/ast.js";
import type { Diagnostic } from "../dsl/diagnostics.js";
import { error } from "../dsl/diagnostics.js";
import type { Span } from "../dsl/source.js";
import { constantExpr, type ColumnExpr, type ExprEnv } from "./ops/column.js";
import { CROSS_FUNCTIONS, cross, type CrossFunction } from "./ops/cross.js";
import { binary, binaryConstant, binaryScalar, ELEMENTWISE, member, negate, not, select } from "./ops/elementwise.js";

/** What an expression may refer to; the planner implements it and records dependencies. */
export interface ExprScope {
  /** A name's graph slot, `"x"` for the indicator's own value, or null when unknown here. */
  name(name: string): number | "x" | null;
  /** The slot of a tree node's score column, by dotted path. */
  score(path: string): number | null;
  /** A typology's index, for `within T`. */
  typology(name: string): number | null;
  /** An input's index, for `prev(x)`. */
  prevInput(name: string): number | null;
  /** The code of a string (category values, type names, grade labels). */
  intern(text: string): number;
  /** True when the checker typed this expression as a boolean. */
  isBoolean(e: Expr): boolean;
  /** Where problems go. */
  readonly diagnostics: Diagnostic[];
}

/** The grouping index meaning "all regions together". */
export const OVERALL = -1;

const MISSING: ColumnExpr = constantExpr(NaN);

/** Compiles an expression to a column closure. */
export function compileExpr(e: Expr, s: ExprScope): ColumnExpr {
  switch (e.kind) {
    case "number": return constantExpr(e.value);
    case "string": return constantExpr(s.intern(e.value));
    case "bool": return constantExpr(e.value ? 1 : 0);
    case "name": return compileName(e.name, e.span, s);
    case "unary": return compileUnary(e.op, compileExpr(e.operand, s));
    case "binary": return compileBinary(e.op, compileExpr(e.left, s), compileExpr(e.right, s));
    case "call": return compileCall(e, s);
    case "score": return compileScore(e.path.parts.map((p) => p.name).join("."), e.span, s);
    case "if": return compileIf(compileExpr(e.cond, s), compileExpr(e.then, s), compileExpr(e.otherwise, s));
    case "in": return compileIn(compileExpr(e.value, s), e.options.map((o) => compileExpr(o, s)));
    case "missing": return MISSING;
  }
}

function compileName(name: string, span: Span, s: ExprScope): ColumnExpr {
  const slot = s.name(name);
  if (slot === "x") return { run: (env) => env.local(), constant: null };
  if (slot === null) {
    s.diagnostics.push(error("unknown-name", `\`${name}\` cannot be used here`, span));
    return MISSING;
  }
  return { run: (env) => env.slot(slot), constant: null };
}

function compileScore(path: string, span: Span, s: ExprScope): ColumnExpr {
  const slot = s.score(path);
  if (slot === null) {
    s.diagnostics.push(error("unknown-name", `no dimension or indicator \`${path}\``, span));
    return MISSING;
  }
  return { run: (env) => env.slot(slot), constant: null };
}

function compileUnary(op: "-" | "not", a: ColumnExpr): ColumnExpr {
  const kernel = op === "-" ? negate : not;
  if (a.constant !== null) return constantExpr(kernel(Float64Array.of(a.constant))[0]!);
  return { run: (env) => kernel(a.run(env)), constant: null };
}

function compileBinary(op: Parameters<typeof binary>[0], a: ColumnExpr, b: ColumnExpr): ColumnExpr {
  if (a.constant !== null && b.constant !== null) return constantExpr(binaryScalar(op, a.constant, b.constant));
  // One constant operand (`x >= 3`, `prev(x) + 1`): a scalar, not a filled column.
  // (Arithmetic with 0 keeps the filled column: the run's fill for 0 and −0 is one column, whichever came first.)
  const signed = op === "+" || op === "-" || op === "*" || op === "/";
  const ca = signed && a.constant === 0 ? null : a.constant;
  const cb = signed && b.constant === 0 ? null : b.constant;
  if (cb !== null) return { run: (env) => binaryConstant(op, a.run(env), cb, true), constant: null };
  if (ca !== null) return { run: (env) => binaryConstant(op, b.run(env), ca, false), constant: null };
  return { run: (env) => binary(op, a.run(env), b.run(env)), constant: null };
}

function compileIf(c: ColumnExpr, a: ColumnExpr, b: ColumnExpr): ColumnExpr {
  if (c.constant !== null && c.constant === c.constant) return c.constant !== 0 ? a : b;
  return { run: (env) => select(c.run(env), a.run(env), b.run(env)), constant: null };
}

function compileIn(v: ColumnExpr, options: ColumnExpr[]): ColumnExpr {
  return { run: (env) => member(v.run(env), options.map((o) => o.run(env))), constant: null };
}

function isCross(name: string, arity: number): name is CrossFunction {
  if (name === "min" || name === "max") return arity === 1;
  return (CROSS_FUNCTIONS as readonly string[]).includes(name);
}

function compileCall(e: Call, s: ExprScope): ColumnExpr {
  const name = e.callee.name;
  if (name === "prev") return compilePrev(e, s);
  if (isCross(name, e.args.length)) return compileCross(name, e, s);
  const fn = ELEMENTWISE[name];
  if (!fn) {
    s.diagnostics.push(error("unknown-name", `unknown function \`${name}\``, e.callee.span));
    return MISSING;
  }
  if (e.args.length < fn.min || e.args.length > fn.max) return badArity(e, s, fn.min === fn.max ? `${fn.min}` : `${fn.min} or more`);
  if (e.within) {
    s.diagnostics.push(error("bad-argument", `\`${name}\` works region by region and takes no \`within\``, e.within.span));
  }
  const args = e.args.map((a) => compileExpr(a, s));
  if (args.every((a) => a.constant !== null)) {
    return constantExpr(fn.fn(args.map((a) => Float64Array.of(a.constant!)))[0]!);
  }
  return { run: (env) => fn.fn(args.map((a) => a.run(env))), constant: null };
}

function badArity(e: Call, s: ExprScope, expected: string): ColumnExpr {
  s.diagnostics.push(error("bad-argument", `\`${e.callee.name}\` takes ${expected} argument${expected === "1" ? "" : "s"}, not ${e.args.length}`, e.span));
  return MISSING;
}

function compileCross(name: CrossFunction, e: Call, s: ExprScope): ColumnExpr {
  const maxArgs = name === "percentile" ? 2 : 1;
  if (e.args.length < 1 || e.args.length > maxArgs) return badArity(e, s, name === "percentile" ? "1 or 2" : "1");
  let group = OVERALL;
  if (e.within) {
    const t = s.typology(e.within.name);
    if (t === null) s.diagnostics.push(error("unknown-name", `no typology \`${e.within.name}\``, e.within.span));
    else group = t;
  }
  const v = compileExpr(e.args[0]!, s);
  const p = e.args[1] ? compileExpr(e.args[1], s) : null;
  const boolean = s.isBoolean(e.args[0]!);
  return {
    run: (env: ExprEnv) => cross(name, v.run(env), env.grouping(group), { boolean, ...(p ? { p: p.run(env) } : {}) }),
    constant: null,
  };
}

function compilePrev(e: Call, s: ExprScope): ColumnExpr {
  const arg = e.args[0];
  if (e.args.length !== 1 || arg?.kind !== "name") {
    s.diagnostics.push(error("bad-argument", "`prev` takes the name of one input, as in `prev(gdp)`", e.span));
    return MISSING;
  }
  const input = s.prevInput(arg.name);
  if (input === null) {
    s.diagnostics.push(error("bad-argument", `\`prev\` needs an input; \`${arg.name}\` is not one`, arg.span));
    return MISSING;
  }
  return { run: (env) => env.prev(input), constant: null };
}
