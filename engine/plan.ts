/**
 * CheckedScheme → EvalGraph. Allocates a slot for every named thing, then compiles each
 * declaration into a typed node whose dependencies are the slots its expressions read, and
 * orders the nodes topologically. Names are resolved here, once; evaluation never looks up a name.
 */
import type { Decl, GradesDecl, Indicator, RankDecl, RuleBlock, VetoDecl } from "../dsl/ast.js";
import type { CheckedNode, CheckedScheme } from "../dsl/check/types.js";
import { error, type Diagnostic } from "../dsl/diagnostics.js";
import { compileExpr } from "./compile-expr.js";
import { topoOrder, type EvalGraph, type GraphNode, type PointsPlan } from "./graph.js";
import { compileItem, compileVariants, type IndicatorContext } from "./plan-indicator.js";
import { Interner, PlanScope, type SlotTable } from "./plan-scope.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Allocates slot ids for every named thing, in a fixed order. */
function allocate(scheme: CheckedScheme): { slots: SlotTable; next: number; treeNodes: CheckedNode[] } {
  let next = 0;
  const inputs = new Map<string, { id: number; index: number }>();
  const tables = new Map<string, number>();
  const lets = new Map<string, number>();
  const typologies = new Map<string, { id: number; index: number }>();
  for (const d of scheme.ast.decls) if (d.kind === "input" && !inputs.has(d.name.name)) inputs.set(d.name.name, { id: next++, index: inputs.size });
  for (const d of scheme.ast.decls) if (d.kind === "table" && !tables.has(d.name.name)) tables.set(d.name.name, next++);
  for (const d of scheme.letOrder) if (!lets.has(d.name.name)) lets.set(d.name.name, next++);
  for (const t of scheme.typologies) if (!typologies.has(t.name.name)) typologies.set(t.name.name, { id: next++, index: typologies.size });
  const tree = new Map<string, number>();
  const treeNodes: CheckedNode[] = [];
  const walk = (n: CheckedNode): void => {
    tree.set(n.path, next++);
    treeNodes.push(n);
    n.children.forEach(walk);
  };
  walk(scheme.root);
  const total = next++;
  const grades = scheme.ast.decls.some((d) => d.kind === "grades") ? next++ : null;
  return { slots: { inputs, tables, lets, typologies, tree, root: tree.get("")!, total, grades }, next, treeNodes };
}

/** Provisional points of every tree node: shares down from the total; entropy groups count as equal until the data decides. */
function provisionalPoints(scheme: CheckedScheme): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: CheckedNode, points: number): void => {
    out.set(n.path, points);
    for (const c of n.children) walk(c, points * (Number.isFinite(c.localWeight) ? c.localWeight : 1 / n.children.length));
  };
  walk(scheme.root, scheme.total);
  return out;
}

/** The result of planning: the graph, or diagnostics saying why there is none. */
export interface PlanResult {
  readonly graph: EvalGraph | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Builds the evaluation graph of a checked scheme (which must have no errors). */
export function plan(scheme: CheckedScheme): PlanResult {
  const diagnostics: Diagnostic[] = [];
  const { slots, next, treeNodes } = allocate(scheme);
  const interner = new Interner();
  const hasEntropy = treeNodes.some((n) => n.children.length > 0 && n.weights === "entropy");
  const scope = new PlanScope(scheme, slots, interner, hasEntropy, diagnostics);
  const b = new Builder(scheme, slots, scope, interner, next);
  b.build(treeNodes, provisionalPoints(scheme));
  const nodes = b.nodes;
  const { order, cycle } = topoOrder(nodes);
  if (cycle.length > 0) {
    const first = nodes[cycle[0]!]!;
    diagnostics.push(error("cycle", `these parts of the scheme depend on each other in a circle: ${cycle.map((id) => `\`${b.names[id]}\``).join(", ")}`,
      first.span ?? scheme.ast.span, "a rule that uses `total`, `grade` or `score(...)` cannot feed back into the scores"));
  }
  if (diagnostics.some((d) => d.severity === "error")) return { graph: null, diagnostics };
  const graph: EvalGraph = {
    nodes, order, inputs: nodes.filter((n) => n.kind === "input"), typologies: nodes.filter((n) => n.kind === "typology"),
    tree: slots.tree, root: slots.root, total: slots.total, grades: slots.grades,
    ranks: nodes.filter((n) => n.kind === "rank").map((n) => n.id), strings: interner.strings,
  };
  return { graph, diagnostics };
}

/** Builds the nodes; one method per kind of declaration. */
class Builder implements IndicatorContext {
  readonly nodes: GraphNode[] = [];
  readonly names: string[] = [];
  private next: number;
  private vetoes: number[] = [];
  private levels: string[] = [];
  private readonly blocks = { bonus: [] as number[], deduction: [] as number[] };

  constructor(
    readonly scheme: CheckedScheme, private readonly slots: SlotTable, readonly scope: PlanScope,
    private readonly interner: Interner, next: number,
  ) {
    this.next = next;
  }

  private put(node: GraphNode, name: string): void {
    (node as Mutable<GraphNode>).deps = [...this.scope.deps];
    this.nodes[node.id] = node;
    this.names[node.id] = name;
  }

  typeOf = (name: string): { typology: number; type: number } | null => {
    const t = this.scheme.types.get(name);
    const typ = t && this.slots.typologies.get(t.typology.name.name);
    if (!t || !typ) return null;
    this.scope.use(typ.id);
    return { typology: typ.index, type: t.typology.types.indexOf(t.rule) };
  };

  typologyIndex = (name: string | null | undefined): number => {
    if (!name) return -1;
    const t = this.scope.typology(name);
    return t ?? -1;
  };

  build(treeNodes: CheckedNode[], points: Map<string, number>): void {
    const grades = this.scheme.ast.decls.find((d): d is GradesDecl => d.kind === "grades");
    this.levels = grades ? grades.levels.map((l) => l.label.value) : [];
    for (const d of this.scheme.ast.decls) this.declaration(d);
    for (const d of this.scheme.letOrder) this.letNode(d);
    for (const t of this.scheme.typologies) this.typology(t);
    for (const n of treeNodes) this.treeNode(n, points);
    this.totalNode();
    for (const d of this.scheme.ast.decls) if (d.kind === "veto") this.veto(d);
    if (grades) this.grades(grades);
    this.ranks(this.scheme.ast.decls.filter((d): d is RankDecl => d.kind === "rank"));
    for (const d of this.scheme.ast.decls) this.postRule(d);
  }

  private declaration(d: Decl): void {
    if (d.kind === "input") {
      const slot = this.slots.inputs.get(d.name.name)!;
      if (this.nodes[slot.id]) return;
      const sym = this.scheme.symbols.get(d.name.name);
      this.scope.begin();
      const fallback = d.default ? compileExpr(d.default, this.scope) : null;
      const valueType = sym?.kind === "input" ? sym.type : "number";
      this.put({ kind: "input", id: slot.id, deps: [], span: d.span, decl: d, valueType, input: slot.index, fallback }, d.name.name);
    } else if (d.kind === "table") {
      const id = this.slots.tables.get(d.name.name)!;
      if (this.nodes[id]) return;
      this.scope.begin();
      const entries = new Map(d.entries.map((e) => [e.region.value, constantOf(compileExpr(e.value, this.scope).constant)]));
      const otherwise = d.default ? constantOf(compileExpr(d.default, this.scope).constant) : NaN;
      this.put({ kind: "table", id, deps: [], span: d.span, decl: d, entries, otherwise }, d.name.name);
    } else if (d.kind === "bonus" || d.kind === "deduction") this.block(d);
  }

  private letNode(d: CheckedScheme["letOrder"][number]): void {
    const id = this.slots.lets.get(d.name.name)!;
    if (this.nodes[id]) return;
    this.scope.begin();
    this.put({ kind: "let", id, deps: [], span: d.span, decl: d, expr: compileExpr(d.expr, this.scope) }, d.name.name);
  }

  private typology(t: CheckedScheme["typologies"][number]): void {
    const slot = this.slots.typologies.get(t.name.name)!;
    if (this.nodes[slot.id]) return;
    this.scope.begin();
    const rules = t.types.map((r) => ({
      name: r.name.name, label: r.label?.value ?? r.name.name, code: this.interner.code(r.name.name),
      when: r.when ? compileExpr(r.when, this.scope) : null,
    }));
    this.put({ kind: "typology", id: slot.id, deps: [], span: t.span, decl: t, typology: slot.index, rules }, t.name.name);
  }

  private pointsPlan(n: CheckedNode, provisional: number): PointsPlan {
    const byType: { typology: number; type: number; points: number }[] = [];
    for (const [name, p] of n.pointsByType) {
      const t = this.typeOf(name);
      if (t && Number.isFinite(p)) byType.push({ ...t, points: p });
    }
    return { base: Number.isFinite(n.points) ? n.points : provisional, byType };
  }

  private treeNode(n: CheckedNode, points: Map<string, number>): void {
    const id = this.slots.tree.get(n.path)!;
    const isIndicator = n.decl?.kind === "indicator";
    this.scope.begin(isIndicator);
    const p = this.pointsPlan(n, points.get(n.path)!);
    if (isIndicator) {
      const decl = n.decl as Indicator;
      const variants = compileVariants(decl, n, this);
      this.put({ kind: "indicator", id, deps: [], span: decl.span, tree: n, plan: { direction: decl.direction ?? "higher", points: p, variants } }, n.path);
      return;
    }
    const children = n.children.map((c) => this.slots.tree.get(c.path)!);
    for (const c of children) this.scope.use(c);
    this.put({ kind: "group", id, deps: [], span: n.decl?.span ?? null, tree: n, children, points: p, root: n.path === "" }, n.path || "(root)");
  }

  private block(d: RuleBlock): void {
    const id = this.next++;
    this.scope.begin();
    const items = d.items.map((i) => compileItem(i, this, false));
    const max = d.max ? compileExpr(d.max, this.scope) : null;
    this.blocks[d.kind].push(id);
    this.put({ kind: "block", id, deps: [], span: d.span, decl: d, items, max }, d.label.value);
  }

  private totalNode(): void {
    this.scope.begin();
    for (const id of [this.slots.root, ...this.blocks.bonus, ...this.blocks.deduction]) this.scope.use(id);
    this.put({ kind: "total", id: this.slots.total, deps: [], span: null, root: this.slots.root, bonuses: this.blocks.bonus, deductions: this.blocks.deduction }, "total");
  }

  private veto(d: VetoDecl): void {
    const id = this.next++;
    this.scope.begin();
    const when = compileExpr(d.when, this.scope);
    let level = -1;
    if (d.grade) {
      level = this.levels.indexOf(d.grade.value);
      if (level < 0) {
        this.scope.diagnostics.push(error("unknown-name", `no grade \`${d.grade.value}\``, d.grade.span,
          this.levels.length ? `grades are ${this.levels.map((l) => `\`${l}\``).join(", ")}` : "declare `grades { ... }`"));
      }
    }
    this.vetoes.push(id);
    this.put({ kind: "veto", id, deps: [], span: d.span, decl: d, when, level }, d.label.value);
  }

  private grades(d: GradesDecl): void {
    const id = this.slots.grades!;
    this.scope.begin();
    const within = this.typologyIndex(d.within?.name);
    const levels = d.levels.map((l) => ({
      label: l.label.value, code: this.interner.code(l.label.value), op: l.op,
      threshold: l.threshold ? compileExpr(l.threshold, this.scope) : null,
      quotas: l.quotas.map((q) => ({ bound: q.bound, value: q.value.value, percent: q.value.unit === "%" })),
    }));
    for (const v of [this.slots.total, ...this.vetoes]) this.scope.use(v);
    this.put({ kind: "grades", id, deps: [], span: d.span, decl: d, levels, within, total: this.slots.total, vetoes: this.vetoes }, "grades");
  }

  private ranks(decls: RankDecl[]): void {
    const scopes = decls.length ? decls.flatMap((d) => d.scopes.map((s) => ({ s, span: d.span }))) : [{ s: null, span: null }];
    const seen = new Set<number>();
    for (const { s, span } of scopes) {
      this.scope.begin();
      const within = this.typologyIndex(s?.name);
      if (seen.has(within)) continue;
      seen.add(within);
      this.scope.use(this.slots.total);
      const id = this.next++;
      this.put({ kind: "rank", id, deps: [], span, within, total: this.slots.total }, within < 0 ? "rank overall" : `rank within ${s!.name}`);
    }
  }

  private postRule(d: Decl): void {
    if (d.kind !== "check" && d.kind !== "alert" && d.kind !== "flag") return;
    const id = this.next++;
    this.scope.begin();
    if (d.kind === "check") this.put({ kind: "check", id, deps: [], span: d.span, decl: d, cond: compileExpr(d.cond, this.scope) }, `check ${d.message.value}`);
    else if (d.kind === "flag") this.put({ kind: "flag", id, deps: [], span: d.span, decl: d, cond: compileExpr(d.when, this.scope) }, d.label.value);
    else {
      const subject = compileExpr(d.subject, this.scope);
      const levels = d.levels.map((l) => ({ color: l.color, side: l.side, threshold: compileExpr(l.threshold, this.scope) }));
      this.put({ kind: "alert", id, deps: [], span: d.span, decl: d, subject, levels }, d.label?.value ?? "alert");
    }
  }
}

function constantOf(v: number | null): number {
  return v === null ? NaN : v;
}
