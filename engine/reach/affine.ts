/**
 * Where a rule condition can flip as one input field moves: every comparison in the condition
 * whose sides read the field is, per region, an affine function α + β·v of the field's value v
 * (sums, differences, products and quotients by parts that do not read it, other inputs and
 * last period's values), so its root −α/β is a candidate breakpoint. Only proposes
 * breakpoints: block-part.ts places each one exactly with the compiled condition itself.
 */
import type { Expr } from "../../dsl/ast.js";
import type { EvalGraph } from "../graph.js";
import type { Runtime } from "../runtime.js";

/** α + β·v per region (β null: the part does not read the field). */
interface Affine { readonly a: Float64Array; readonly b: Float64Array | null }

const COMPARE = new Set(["<", "<=", ">", ">="]);

/** The names an expression reads (outside `prev`). */
export function readsName(e: Expr | null, name: string): boolean {
  if (!e) return false;
  switch (e.kind) {
    case "name": return e.name === name;
    case "unary": return readsName(e.operand, name);
    case "binary": return readsName(e.left, name) || readsName(e.right, name);
    case "call": return e.callee.name !== "prev" && e.args.some((x) => readsName(x, name));
    case "if": return readsName(e.cond, name) || readsName(e.then, name) || readsName(e.otherwise, name);
    case "in": return readsName(e.value, name) || e.options.some((x) => readsName(x, name));
    default: return false;
  }
}

/** True when an expression calls anything but `prev` (a cross-region function, say: it cannot run region by region). */
export function callsOtherThanPrev(e: Expr | null): boolean {
  if (!e) return false;
  switch (e.kind) {
    case "call": return e.callee.name !== "prev" || e.args.some(callsOtherThanPrev);
    case "unary": return callsOtherThanPrev(e.operand);
    case "binary": return callsOtherThanPrev(e.left) || callsOtherThanPrev(e.right);
    case "if": return callsOtherThanPrev(e.cond) || callsOtherThanPrev(e.then) || callsOtherThanPrev(e.otherwise);
    case "in": return callsOtherThanPrev(e.value) || e.options.some(callsOtherThanPrev);
    case "score": return true;
    default: return false;
  }
}

/** Each region's candidate roots of a condition along field `name` (NaN where none), or why the condition is not of that kind. */
export function conditionRoots(e: Expr, name: string, graph: EvalGraph, rt: Runtime, out: Float64Array[]): string | null {
  if (!readsName(e, name)) return null;
  if (e.kind === "unary" && e.op === "not") return conditionRoots(e.operand, name, graph, rt, out);
  if (e.kind === "binary" && (e.op === "and" || e.op === "or")) {
    return conditionRoots(e.left, name, graph, rt, out) ?? conditionRoots(e.right, name, graph, rt, out);
  }
  if (e.kind !== "binary" || !COMPARE.has(e.op)) return "a condition on it is not an ordering comparison";
  const l = affine(e.left, name, graph, rt);
  const r = typeof l === "string" ? l : affine(e.right, name, graph, rt);
  if (typeof l === "string" || typeof r === "string") return typeof l === "string" ? l : (r as string);
  const roots = new Float64Array(rt.n);
  for (let i = 0; i < rt.n; i++) {
    const a = l.a[i]! - r.a[i]!;
    const b = (l.b ? l.b[i]! : 0) - (r.b ? r.b[i]! : 0);
    const v = -a / b;
    roots[i] = b !== 0 && Number.isFinite(v) ? v : NaN;
  }
  out.push(roots);
  return null;
}

function affine(e: Expr, name: string, graph: EvalGraph, rt: Runtime): Affine | string {
  switch (e.kind) {
    case "number": return { a: rt.fill(e.value), b: null };
    case "name": {
      if (e.name === name) return { a: rt.fill(0), b: rt.fill(1) };
      const input = graph.inputs.find((i) => i.decl.name.name === e.name);
      if (input) return { a: rt.slot(input.id), b: null };
      const let_ = graph.nodes.find((n) => n.kind === "let" && n.decl.name.name === e.name);
      if (let_ && !readsLet(let_.id, graph, name)) return { a: rt.slot(let_.id), b: null };
      return `\`${e.name}\` is not an input`;
    }
    case "call": {
      const arg = e.args[0];
      if (e.callee.name !== "prev" || e.args.length !== 1 || arg?.kind !== "name") return `\`${e.callee.name}(…)\` in a condition`;
      const input = graph.inputs.find((i) => i.decl.name.name === arg.name);
      return input ? { a: rt.prev(input.input), b: null } : `\`prev(${arg.name})\``;
    }
    case "unary": {
      if (e.op !== "-") return "a logical operand";
      const x = affine(e.operand, name, graph, rt);
      return typeof x === "string" ? x : { a: map(x.a, (v) => -v), b: x.b && map(x.b, (v) => -v) };
    }
    case "binary": return binary(e.op, affine(e.left, name, graph, rt), affine(e.right, name, graph, rt));
    default: return `a ${e.kind} expression in a condition`;
  }
}

function binary(op: string, l: Affine | string, r: Affine | string): Affine | string {
  if (typeof l === "string") return l;
  if (typeof r === "string") return r;
  const both = (f: (x: number, y: number) => number, p: Float64Array | null, q: Float64Array | null) => (!p && !q ? null : zip(p ?? ZERO, q ?? ZERO, f));
  switch (op) {
    case "+": return { a: zip(l.a, r.a, (x, y) => x + y), b: both((x, y) => x + y, l.b, r.b) };
    case "-": return { a: zip(l.a, r.a, (x, y) => x - y), b: both((x, y) => x - y, l.b, r.b) };
    case "*":
      if (l.b && r.b) return "a product of the field with itself";
      return { a: zip(l.a, r.a, (x, y) => x * y), b: l.b ? zip(l.b, r.a, (x, y) => x * y) : r.b ? zip(l.a, r.b, (x, y) => x * y) : null };
    case "/":
      if (r.b) return "a division by the field";
      return { a: zip(l.a, r.a, (x, y) => x / y), b: l.b && zip(l.b, r.a, (x, y) => x / y) };
    default: return `\`${op}\` inside a comparison`;
  }
}

const ZERO = new Float64Array(0);

function zip(p: Float64Array, q: Float64Array, f: (x: number, y: number) => number): Float64Array {
  const n = Math.max(p.length, q.length);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(p.length ? p[i]! : 0, q.length ? q[i]! : 0);
  return out;
}

function map(p: Float64Array, f: (x: number) => number): Float64Array {
  return p.map(f);
}

/** True when a derived value reads the field (it is then not a constant of the region). */
function readsLet(id: number, graph: EvalGraph, name: string): boolean {
  const input = graph.inputs.find((i) => i.decl.name.name === name);
  const seen = new Set<number>();
  const visit = (k: number): boolean => {
    if (k === input?.id) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return (graph.nodes[k]!.deps ?? []).some(visit);
  };
  return visit(id);
}
