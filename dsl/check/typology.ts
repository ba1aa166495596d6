/**
 * Typologies: conditions are checked as conditions, `otherwise` must come last, and rules are
 * tested for overlaps and gaps. Conditions built from comparisons of inputs with constants are
 * decided exactly, by trying one region from every cell the constants cut the inputs into.
 */
import type { Expr, TypologyDecl } from "../ast.js";
import type { CheckContext } from "./context.js";
import { checkExpr, PLAIN } from "./exprs.js";

/** Checks every typology. */
export function checkTypologies(cx: CheckContext): void {
  for (const d of cx.ast.decls) if (d.kind === "typology") checkTypology(cx, d);
}

function checkTypology(cx: CheckContext, d: TypologyDecl): void {
  if (d.types.length === 0) cx.error("bad-value", `typology \`${d.name.name}\` has no types`, d.name.span);
  d.types.forEach((rule, i) => {
    if (rule.when) checkExpr(cx, rule.when, PLAIN, "boolean");
    else if (i < d.types.length - 1) {
      cx.error("misplaced-clause", `\`${rule.name.name} otherwise\` must be the last type: the types after it can never match`, rule.span);
    }
  });
  analyse(cx, d);
}

type Value = number | string | boolean;
type Assignment = ReadonlyMap<string, Value>;
type Condition = (a: Assignment) => boolean;

/** Collects the values worth trying for each input a condition reads; null when it reads anything else. */
interface Domains { numbers: Map<string, Set<number>>; texts: Map<string, Set<string>>; flags: Set<string> }

function analyse(cx: CheckContext, d: TypologyDecl): void {
  const domains: Domains = { numbers: new Map(), texts: new Map(), flags: new Set() };
  const rules = d.types.filter((t) => t.when);
  const conditions = rules.map((t) => compile(cx, t.when!, domains));
  if (conditions.some((c) => c === null) || rules.length === 0) return;
  const cells = assignments(cx, domains);
  if (!cells) return;
  const hasOtherwise = rules.length < d.types.length;
  const overlapping = new Set<string>();
  const assigned = new Set<number>();
  const holdsSomewhere = new Set<number>();
  let gap: Assignment | null = null;
  for (const cell of cells) {
    const holds = conditions.map((c) => c!(cell));
    const first = holds.indexOf(true);
    if (first < 0 && !gap) gap = cell;
    assigned.add(first);
    holds.forEach((h, k) => { if (h) holdsSomewhere.add(k); });
    for (let j = first + 1; first >= 0 && j < holds.length; j++) {
      const key = `${first}:${j}`;
      if (!holds[j] || overlapping.has(key)) continue;
      overlapping.add(key);
      const [a, b] = [rules[first]!.name.name, rules[j]!.name.name];
      cx.warning("typology-overlap", `types \`${a}\` and \`${b}\` overlap: a region with ${describe(cell)} matches both and is \`${a}\``,
        rules[j]!.span, "each region takes the first type whose condition holds; make the conditions exclusive if that is not meant");
    }
  }
  rules.forEach((rule, k) => {
    if (assigned.has(k)) return;
    if (!holdsSomewhere.has(k)) cx.warning("typology-gap", `type \`${rule.name.name}\` is never assigned: its condition holds for no region`, rule.span);
    else cx.warning("typology-overlap", `type \`${rule.name.name}\` is never assigned: every region it matches is taken by an earlier type`, rule.span,
      "move it before the types that take its regions, or narrow theirs");
  });
  if (gap && !hasOtherwise) {
    cx.warning("typology-gap", `typology \`${d.name.name}\` leaves some regions unclassified, e.g. one with ${describe(gap)}`, d.name.span,
      "add a last type with `otherwise`, or widen the conditions");
  }
}

function describe(a: Assignment): string {
  return [...a].map(([k, v]) => `${k} = ${typeof v === "string" ? `"${v}"` : String(v)}`).join(", ");
}

function compile(cx: CheckContext, e: Expr, dom: Domains): Condition | null {
  switch (e.kind) {
    case "bool": return () => e.value;
    case "name": {
      if (inputType(cx, e.name) !== "boolean") return null;
      dom.flags.add(e.name);
      return (a) => a.get(e.name) === true;
    }
    case "unary": {
      if (e.op !== "not") return null;
      const c = compile(cx, e.operand, dom);
      return c && ((a) => !c(a));
    }
    case "in": {
      if (e.value.kind !== "name" || inputType(cx, e.value.name) !== "category" || !e.options.every((o) => o.kind === "string")) return null;
      const name = e.value.name;
      const options = e.options.map((o) => (o as { value: string }).value);
      addTexts(dom, name, options);
      return (a) => options.includes(a.get(name) as string);
    }
    case "binary": return compileBinary(cx, e.op, e.left, e.right, dom);
    default: return null;
  }
}

function compileBinary(cx: CheckContext, op: string, l: Expr, r: Expr, dom: Domains): Condition | null {
  if (op === "and" || op === "or") {
    const a = compile(cx, l, dom);
    const b = compile(cx, r, dom);
    if (!a || !b) return null;
    return op === "and" ? (x) => a(x) && b(x) : (x) => a(x) || b(x);
  }
  const [name, lit, flipped] = l.kind === "name" ? [l.name, r, false] : r.kind === "name" ? [r.name, l, true] : [null, null, false];
  if (!name || !lit) return null;
  const type = inputType(cx, name);
  if (lit.kind === "number" && type === "number") {
    const v = lit.value;
    const set = dom.numbers.get(name) ?? new Set<number>();
    dom.numbers.set(name, set.add(v));
    const cmp = compare(flipped ? mirror(op) : op);
    return cmp && ((a) => cmp(a.get(name) as number, v));
  }
  if ((op === "==" || op === "!=") && lit.kind === "string" && type === "category") {
    addTexts(dom, name, [lit.value]);
    return (a) => (a.get(name) === lit.value) === (op === "==");
  }
  if ((op === "==" || op === "!=") && lit.kind === "bool" && type === "boolean") {
    dom.flags.add(name);
    return (a) => (a.get(name) === lit.value) === (op === "==");
  }
  return null;
}

function mirror(op: string): string {
  return ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as Record<string, string>)[op] ?? op;
}

function compare(op: string): ((a: number, b: number) => boolean) | null {
  switch (op) {
    case "<": return (a, b) => a < b;
    case "<=": return (a, b) => a <= b;
    case ">": return (a, b) => a > b;
    case ">=": return (a, b) => a >= b;
    case "==": return (a, b) => a === b;
    case "!=": return (a, b) => a !== b;
    default: return null;
  }
}

function addTexts(dom: Domains, name: string, values: string[]): void {
  const set = dom.texts.get(name) ?? new Set<string>();
  for (const v of values) set.add(v);
  dom.texts.set(name, set);
}

function inputType(cx: CheckContext, name: string): "number" | "category" | "boolean" | null {
  const sym = cx.symbols.get(name);
  if (sym?.kind !== "input") return null;
  return sym.type === "ratings" ? null : sym.type;
}

const MAX_CELLS = 20000;

/** One representative region per cell, or null when there would be too many. */
function assignments(cx: CheckContext, dom: Domains): Assignment[] | null {
  const axes: [string, Value[]][] = [];
  for (const [name, cuts] of dom.numbers) axes.push([name, numberCells(cx, name, [...cuts].sort((a, b) => a - b))]);
  for (const [name, seen] of dom.texts) {
    const sym = cx.symbols.get(name);
    const declared = sym?.kind === "input" ? sym.decl.values.map((v) => v.value) : [];
    axes.push([name, declared.length ? declared : [...seen, "其他"]]);
  }
  for (const name of dom.flags) axes.push([name, [true, false]]);
  if (axes.reduce((n, [, vs]) => n * vs.length, 1) > MAX_CELLS) return null;
  let out: Map<string, Value>[] = [new Map()];
  for (const [name, values] of axes) out = out.flatMap((a) => values.map((v) => new Map(a).set(name, v)));
  return out;
}

function numberCells(cx: CheckContext, name: string, cuts: number[]): number[] {
  const sym = cx.symbols.get(name);
  const range = sym?.kind === "input" ? sym.decl.range : null;
  const lo = range?.min.kind === "number" ? range.min.value : -Infinity;
  const hi = range?.max.kind === "number" ? range.max.value : Infinity;
  const reps: number[] = [cuts[0]! - 1];
  cuts.forEach((c, i) => reps.push(c, i + 1 < cuts.length ? (c + cuts[i + 1]!) / 2 : c + 1));
  if (Number.isFinite(lo)) reps.push(lo);
  if (Number.isFinite(hi)) reps.push(hi);
  return [...new Set(reps.filter((v) => v >= lo && v <= hi))];
}
