/**
 * Translates scheme expressions into JSON Logic with the engine's semantics, including missing
 * values. JSON Logic has no "unknown", so each expression is translated into up to four rules:
 * - `value(e)`: its value (meaningful only where it is present);
 * - `present(e)`: truthy where the engine has a value (arithmetic with a missing operand is missing);
 * - `holds(e)` / `fails(e)`: truthy where a condition is true / false; where it is unknown both
 *   are falsy (Kleene logic: `false and unknown` fails, `true or unknown` holds).
 * Derived values, tables and typologies are inlined, so every exported rule reads only the
 * dataset row (its canonical JSON form, as the dataset's JSON Schema describes it).
 * What JSON Logic cannot express (cross-region functions, `prev`, logarithms, results such as
 * `total`) raises `NotExpressible`, which the exporter turns into an entry of `unsupported`.
 */
import type { Call, Expr, InputDecl, LetDecl, TableDecl, TypologyDecl } from "../../dsl/ast.js";
import type { CheckedScheme } from "../../dsl/check/types.js";
import { constantValue } from "../data/fields.js";
import { CROSS_FUNCTIONS } from "../ops/cross.js";
import { absent, abs, and, cond, field, nearlyEqual, not, op, or, type Logic } from "./logic.js";

/** Raised inside the translator for a construct JSON Logic cannot express; caught by the exporter. */
export class NotExpressible extends Error {}

/** The kind of value an expression has. */
type Kind = "number" | "boolean" | "category" | "ratings";

const COMPARE = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const;

/** Translates expressions of one scheme. */
export class Translator {
  private readonly inputs = new Map<string, InputDecl>();
  private readonly lets = new Map<string, LetDecl>();
  private readonly tables = new Map<string, TableDecl>();
  private readonly typologies = new Map<string, TypologyDecl>();
  private readonly stack: string[] = [];

  constructor(readonly checked: CheckedScheme, readonly idField: string) {
    for (const d of checked.ast.decls) {
      if (d.kind === "input") this.inputs.set(d.name.name, d);
      else if (d.kind === "let") this.lets.set(d.name.name, d);
      else if (d.kind === "table") this.tables.set(d.name.name, d);
      else if (d.kind === "typology") this.typologies.set(d.name.name, d);
    }
  }

  /** The kind of an expression's value, by its shape and the declarations it names. */
  kind(e: Expr): Kind {
    switch (e.kind) {
      case "number": return "number";
      case "string": return "category";
      case "bool": return "boolean";
      case "in": return "boolean";
      case "unary": return e.op === "not" ? "boolean" : "number";
      case "binary": return ["+", "-", "*", "/"].includes(e.op) ? "number" : "boolean";
      case "if": return this.kind(e.then);
      case "name": return this.nameKind(e.name);
      default: return "number";
    }
  }

  private nameKind(name: string): Kind {
    const input = this.inputs.get(name);
    if (input) return input.type === "boolean" || input.type === "category" || input.type === "ratings" ? input.type : "number";
    const l = this.lets.get(name);
    if (l) return this.inside(name, () => this.kind(l.expr));
    return this.typologies.has(name) ? "category" : "number";
  }

  private inside<T>(name: string, f: () => T): T {
    if (this.stack.includes(name)) throw new NotExpressible(`\`${name}\` depends on itself`);
    this.stack.push(name);
    try { return f(); } finally { this.stack.pop(); }
  }

  /** Truthy where the expression has a value. */
  present(e: Expr): Logic {
    switch (e.kind) {
      case "number": case "string": case "bool": return true;
      case "name": return this.namePresent(e.name);
      case "unary": return e.op === "-" ? this.present(e.operand) : or(this.holds(e), this.fails(e));
      case "binary": return ["+", "-", "*", "/"].includes(e.op) ? and(this.present(e.left), this.present(e.right)) : or(this.holds(e), this.fails(e));
      case "in": return this.present(e.value);
      case "if": return or(and(this.holds(e.cond), this.present(e.then)), and(this.fails(e.cond), this.present(e.otherwise)));
      case "call": return this.callPresent(e);
      default: return this.unsupported(e);
    }
  }

  /** The expression's value (meaningful where `present`); booleans as 1/0. */
  value(e: Expr): Logic {
    switch (e.kind) {
      case "number": case "string": return e.value;
      case "bool": return e.value ? 1 : 0;
      case "name": return this.nameValue(e.name);
      case "unary": return e.op === "-" ? op("-", this.value(e.operand)) : cond(this.holds(e), 1, 0);
      case "binary": return this.binaryValue(e.op, e.left, e.right, e);
      case "in": return cond(this.holds(e), 1, 0);
      case "if": return cond(this.holds(e.cond), this.value(e.then), this.value(e.otherwise));
      case "call": return this.callValue(e);
      default: return this.unsupported(e);
    }
  }

  /** Truthy where the condition is true. */
  holds(e: Expr): Logic {
    return this.truth(e, true);
  }

  /** Truthy where the condition is false (not where it is unknown). */
  fails(e: Expr): Logic {
    return this.truth(e, false);
  }

  private truth(e: Expr, want: boolean): Logic {
    if (e.kind === "bool") return e.value === want;
    if (e.kind === "unary" && e.op === "not") return this.truth(e.operand, !want);
    if (e.kind === "binary" && (e.op === "and" || e.op === "or")) {
      const both = (e.op === "and") === want;
      const parts = [this.truth(e.left, want), this.truth(e.right, want)];
      return both ? and(...parts) : or(...parts);
    }
    if (e.kind === "binary" && e.op in COMPARE) {
      const o = e.op as keyof typeof COMPARE;
      return and(this.present(e.left), this.present(e.right), op(want ? o : COMPARE[o], this.value(e.left), this.value(e.right)));
    }
    if (e.kind === "binary" && (e.op === "==" || e.op === "!=")) {
      const eq = this.equal(e.left, e.right);
      return and(this.present(e.left), this.present(e.right), (e.op === "==") === want ? eq : not(eq));
    }
    if (e.kind === "in") {
      const hit = or(...e.options.map((o) => and(this.present(o), this.equal(e.value, o))));
      return and(this.present(e.value), want ? hit : not(hit));
    }
    if (e.kind === "if") {
      return or(and(this.holds(e.cond), this.truth(e.then, want)), and(this.fails(e.cond), this.truth(e.otherwise, want)));
    }
    if (e.kind === "name" && this.kind(e) === "boolean") return this.nameTruth(e.name, want);
    if (this.kind(e) === "category") throw new NotExpressible("a category value is not a condition");
    return and(this.present(e), op(want ? "!=" : "==", this.value(e), 0));
  }

  private equal(a: Expr, b: Expr): Logic {
    if (this.kind(a) === "category" || this.kind(b) === "category") return op("===", this.value(a), this.value(b));
    return nearlyEqual(this.value(a), this.value(b));
  }

  private binaryValue(o: string, l: Expr, r: Expr, e: Expr): Logic {
    if (o === "/") {
      const b = this.value(r);
      return cond(op("==", b, 0), 0, op("/", this.value(l), b));
    }
    if (o === "+" || o === "-" || o === "*") return op(o, this.value(l), this.value(r));
    return cond(this.holds(e), 1, 0);
  }

  // ------------------------------------------------------------------ names

  private builtin(name: string): never {
    throw new NotExpressible(`\`${name}\` is a result of the evaluation, not a dataset field`);
  }

  private withDefault(d: InputDecl, own: Logic, fallback: (e: Expr) => Logic): Logic {
    return d.default ? or(and(not(absent(d.name.name)), own), and(absent(d.name.name), fallback(d.default))) : own;
  }

  private namePresent(name: string): Logic {
    const d = this.inputs.get(name);
    if (d) {
      const own = d.type === "ratings" ? and(not(absent(name)), op(">", this.count(name), 0)) : not(absent(name));
      return d.default ? or(own, this.present(d.default)) : own;
    }
    const l = this.lets.get(name);
    if (l) return this.inside(name, () => this.present(l.expr));
    const t = this.tables.get(name);
    if (t) return t.default ? or(op("in", field(this.idField), t.entries.map((x) => x.region.value)), this.present(t.default)) : op("in", field(this.idField), t.entries.map((x) => x.region.value));
    const ty = this.typologies.get(name);
    if (ty) return or(...ty.types.map((r) => (r.when ? this.inside(name, () => this.holds(r.when!)) : true)));
    return this.builtin(name);
  }

  private nameValue(name: string): Logic {
    const d = this.inputs.get(name);
    if (d) {
      const own = d.type === "ratings" ? op("/", op("reduce", field(name), op("+", field("current"), field("accumulator")), 0), this.count(name))
        : d.type === "boolean" ? cond(op("===", field(name), true), 1, 0) : field(name);
      return d.default ? cond(absent(name), this.value(d.default), own) : own;
    }
    const l = this.lets.get(name);
    if (l) return this.inside(name, () => this.value(l.expr));
    const t = this.tables.get(name);
    if (t) return this.tableValue(t);
    const ty = this.typologies.get(name);
    if (ty) return this.inside(name, () => this.typologyValue(ty));
    return this.builtin(name);
  }

  private nameTruth(name: string, want: boolean): Logic {
    const d = this.inputs.get(name);
    if (d) return this.withDefault(d, op("===", field(name), want), (e) => this.truth(e, want));
    const l = this.lets.get(name);
    if (l) return this.inside(name, () => this.truth(l.expr, want));
    return this.builtin(name);
  }

  private count(name: string): Logic {
    return op("reduce", field(name), op("+", field("accumulator"), 1), 0);
  }

  private tableValue(t: TableDecl): Logic {
    const args: Logic[] = [];
    for (const entry of t.entries) {
      const v = constantValue(entry.value);
      if (typeof v !== "number") throw new NotExpressible(`table \`${t.name.name}\` has an entry that is not a number`);
      args.push(op("===", field(this.idField), entry.region.value), v);
    }
    args.push(t.default ? this.value(t.default) : null);
    return args.length === 1 ? args[0]! : op("if", ...args);
  }

  private typologyValue(t: TypologyDecl): Logic {
    const args: Logic[] = [];
    for (const r of t.types) {
      if (!r.when) { args.push(r.name.name); return args.length === 1 ? args[0]! : op("if", ...args); }
      args.push(this.holds(r.when), r.name.name);
    }
    args.push(null);
    return op("if", ...args);
  }

  // ------------------------------------------------------------------ calls

  private callPresent(e: Call): Logic {
    const name = e.callee.name;
    this.checkCall(e);
    if (name === "ratio") {
      const [a, b, d] = e.args as [Expr, Expr, Expr | undefined];
      const zero = op("==", this.value(b), 0);
      return or(and(this.present(b), zero, d ? this.present(d) : true), and(this.present(a), this.present(b), not(zero)));
    }
    return and(...e.args.map((a) => this.present(a)));
  }

  private callValue(e: Call): Logic {
    this.checkCall(e);
    const args = e.args.map((a) => this.value(a));
    switch (e.callee.name) {
      case "min": case "max": return op(e.callee.name, ...args);
      case "abs": return abs(args[0]!);
      case "clamp": return op("min", op("max", args[0]!, args[1]!), args[2]!);
      case "ratio": return cond(op("==", args[1]!, 0), args[2] ?? 0, op("/", args[0]!, args[1]!));
      case "round": return this.round(e, args[0]!);
      default: throw new NotExpressible(`JSON Logic has no \`${e.callee.name}\``);
    }
  }

  private checkCall(e: Call): void {
    const name = e.callee.name;
    if (name === "prev") throw new NotExpressible("`prev` needs last period's dataset");
    const cross = (CROSS_FUNCTIONS as readonly string[]).includes(name) && !((name === "min" || name === "max") && e.args.length > 1);
    if (cross) throw new NotExpressible(`\`${name}\` is a cross-region function: it needs every region's values, and a JSON Logic rule sees one row`);
    if (name === "ln" || name === "log10" || name === "sqrt") throw new NotExpressible(`JSON Logic has no \`${name}\``);
  }

  /** 四舍五入 as the engine does it: floor(|x|·10ᵈ + 0.5 + 1e-9·max(1, |x|·10ᵈ)) / 10ᵈ with x's sign. */
  private round(e: Call, x: Logic): Logic {
    const d = e.args[1] ? constantValue(e.args[1]) : 0;
    if (typeof d !== "number") throw new NotExpressible("`round` with a number of decimals that is not a constant");
    const m = 10 ** Math.max(0, Math.min(12, Math.trunc(d)));
    const y = op("*", abs(x), m);
    const z = op("+", y, 0.5, op("*", 1e-9, op("max", 1, y)));
    const r = op("/", op("-", z, op("%", z, 1)), m);
    return cond(op("<", x, 0), op("-", r), r);
  }

  private unsupported(e: Expr): never {
    if (e.kind === "score") throw new NotExpressible("`score(…)` is a result of the evaluation, not a dataset field");
    throw new NotExpressible("the expression could not be read");
  }
}
