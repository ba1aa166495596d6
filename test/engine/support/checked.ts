/**
 * A stand-in for the DSL checker while `dsl/check` is being written: builds the `CheckedScheme`
 * side tables the engine reads (symbols, derived-value order, the resolved tree with effective
 * points, expression types) from a parsed scheme, so engine tests can run on real scheme text.
 * It validates nothing; tests switch to the real `check` once it lands.
 */
import { parse } from "../../../dsl/index.js";
import type { Dimension, Expr, GroupSetting, Indicator, LetDecl, Scheme, Share, TreeNode } from "../../../dsl/ast.js";
import type { CheckedNode, CheckedScheme, SymbolInfo, ValueType } from "../../../dsl/check/types.js";

function shareValue(s: Share | null): number | null {
  if (!s) return null;
  if (s.unit === "points") return s.value.value;
  return s.value.unit === "%" || s.value.value > 1 ? s.value.value / 100 : s.value.value;
}

function ahp(matrix: readonly (readonly Expr[])[]): number[] {
  const m = matrix.map((row) => row.map((e) => (e.kind === "number" ? e.value : e.kind === "binary" && e.left.kind === "number" && e.right.kind === "number" ? e.left.value / e.right.value : 1)));
  let w = m.map(() => 1 / m.length);
  for (let it = 0; it < 200; it++) {
    const next = m.map((row) => row.reduce((s, a, j) => s + a * w[j]!, 0));
    const sum = next.reduce((a, b) => a + b, 0);
    w = next.map((x) => x / sum);
  }
  return w;
}

interface Settings { weights: CheckedNode["weights"]; aggregate: CheckedNode["aggregate"]; missing: CheckedNode["missing"]; within: string | null; matrix: readonly (readonly Expr[])[] }

function settingsOf(list: readonly GroupSetting[], inherited: Settings): Settings {
  const s: Settings = { ...inherited, weights: "explicit", aggregate: "arithmetic", matrix: [] };
  for (const g of list) {
    if (g.kind === "weights") { s.weights = g.method; s.matrix = g.matrix; }
    if (g.kind === "aggregate") s.aggregate = g.method;
    if (g.kind === "missing") { s.missing = g.policy; s.within = g.within?.name ?? null; }
  }
  return s;
}

function build(children: readonly TreeNode[], settings: Settings, points: number, byType: Map<string, number>, path: string, decl: Dimension | Indicator | null, label: string, localWeight: number): CheckedNode {
  const shares = children.map((c) => shareValue(c.share));
  const allNull = shares.every((s) => s === null);
  const sum = shares.reduce<number>((a, b) => a + (b ?? 0), 0);
  const ahpW = settings.weights === "ahp" ? ahp(settings.matrix) : null;
  const nodes: CheckedNode[] = children.map((c, k) => {
    const w = settings.weights === "entropy" ? NaN : ahpW ? ahpW[k]! : settings.weights === "equal" || allNull || sum === 0 ? 1 / children.length : (shares[k] ?? 0) / sum;
    const p = points * w;
    const cBy = new Map<string, number>();
    for (const [t, pt] of byType) cBy.set(t, pt * w);
    const overrides = c.kind === "dimension" ? c.overrides.map((o) => ({ types: o.types, share: o.share })) : c.overrides.filter((o) => o.share).map((o) => ({ types: o.types, share: o.share! }));
    for (const o of overrides) for (const t of o.types) if (o.share.unit === "points") cBy.set(t.name, o.share.value.value);
    const cPath = path ? `${path}.${c.name.name}` : c.name.name;
    const cLabel = c.label?.value ?? c.name.name;
    if (c.kind === "indicator") {
      const missing = c.body.missing ? c.body.missing.policy : settings.missing;
      return { path: cPath, decl: c, label: cLabel, children: [], localWeight: w, points: p, pointsByType: cBy, weights: "explicit", ahp: null, aggregate: "arithmetic", missing, missingWithin: c.body.missing?.within?.name ?? settings.within };
    }
    return build(c.children, settingsOf(c.settings, settings), p, cBy, cPath, c, cLabel, w);
  });
  return { path, decl, label, children: nodes, localWeight, points, pointsByType: byType, weights: settings.weights, ahp: null, aggregate: settings.aggregate, missing: settings.missing, missingWithin: settings.within };
}

function walkExpr(e: Expr | null | undefined, f: (e: Expr) => void): void {
  if (!e) return;
  f(e);
  const kids: (Expr | null)[] = e.kind === "unary" ? [e.operand] : e.kind === "binary" ? [e.left, e.right] : e.kind === "call" ? [...e.args] : e.kind === "if" ? [e.cond, e.then, e.otherwise] : e.kind === "in" ? [e.value, ...e.options] : [];
  for (const k of kids) walkExpr(k, f);
}

/** Every expression object reachable from the AST (found by shape: objects with a `kind` and `span`). */
function allExprs(node: unknown, out: Expr[], seen = new Set<unknown>()): void {
  if (!node || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  const k = (node as { kind?: string }).kind;
  if (k && ["number", "string", "bool", "name", "unary", "binary", "call", "score", "if", "in"].includes(k) && "span" in (node as object)) out.push(node as Expr);
  for (const v of Object.values(node as object)) if (v && typeof v === "object") allExprs(v, out, seen);
}

/** Builds a CheckedScheme from scheme text; throws on syntax errors (tests only). */
export function checkedFor(text: string, name = "test.yard"): CheckedScheme {
  const { ast, source, diagnostics } = parse(text, name);
  if (diagnostics.some((d) => d.severity === "error")) throw new Error(diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`).join("\n"));
  const symbols = new Map<string, SymbolInfo>();
  for (const d of ast.decls) {
    if (d.kind === "input") {
      const type: ValueType = d.type === "boolean" ? "boolean" : d.type === "category" ? "category" : d.type === "ratings" ? "ratings" : "number";
      symbols.set(d.name.name, { kind: "input", decl: d, type });
    } else if (d.kind === "let") symbols.set(d.name.name, { kind: "let", decl: d, type: "number" });
    else if (d.kind === "table") symbols.set(d.name.name, { kind: "table", decl: d, type: "number" });
    else if (d.kind === "typology") symbols.set(d.name.name, { kind: "typology", decl: d, type: "category" });
  }
  const exprs: Expr[] = [];
  allExprs(ast, exprs);
  const boolOps = new Set(["<", "<=", ">", ">=", "==", "!=", "and", "or"]);
  const exprTypes = new Map<Expr, ValueType>();
  for (const e of exprs) {
    const isBool = e.kind === "bool" || e.kind === "in" || (e.kind === "unary" && e.op === "not") || (e.kind === "binary" && boolOps.has(e.op))
      || (e.kind === "name" && (symbols.get(e.name) as { type?: string } | undefined)?.type === "boolean");
    exprTypes.set(e, isBool ? "boolean" : "number");
  }
  const lets = ast.decls.filter((d): d is LetDecl => d.kind === "let");
  const letOrder: LetDecl[] = [];
  const visit = (d: LetDecl, stack: Set<LetDecl>) => {
    if (letOrder.includes(d) || stack.has(d)) return;
    stack.add(d);
    walkExpr(d.expr, (e) => { if (e.kind === "name") { const dep = lets.find((l) => l.name.name === e.name); if (dep) visit(dep, stack); } });
    letOrder.push(d);
  };
  for (const d of lets) visit(d, new Set());
  const typologies = ast.decls.filter((d) => d.kind === "typology");
  const types = new Map(typologies.flatMap((t) => t.types.map((r) => [r.name.name, { typology: t, rule: r }] as const)));
  const top = ast.decls.filter((d): d is TreeNode => d.kind === "dimension" || d.kind === "indicator");
  const totalDecl = ast.decls.find((d) => d.kind === "total");
  const topShares = top.map((c) => c.share);
  const total = totalDecl ? totalDecl.value.value : topShares.every((s) => s?.unit === "points") && top.length ? topShares.reduce((a, s) => a + s!.value.value, 0) : 100;
  const rootSettings = settingsOf(ast.decls.filter((d): d is GroupSetting => d.kind === "weights" || d.kind === "aggregate" || d.kind === "missing"), { weights: "explicit", aggregate: "arithmetic", missing: "error", within: null, matrix: [] });
  const root = build(top, rootSettings, total, new Map(), "", null, "", 1);
  const nodes = new Map<string, CheckedNode>();
  const index = (n: CheckedNode) => { nodes.set(n.path, n); n.children.forEach(index); };
  index(root);
  const prevInputs = new Set<string>();
  for (const e of exprs) if (e.kind === "call" && e.callee.name === "prev" && e.args[0]?.kind === "name") prevInputs.add(e.args[0].name);
  return { source, ast: ast as Scheme, diagnostics, symbols, letOrder, typologies, types, root, nodes, exprTypes, total, prevInputs };
}
