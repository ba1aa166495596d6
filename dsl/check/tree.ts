/**
 * The indicator tree: paths, sibling shares (explicit, equal, AHP, entropy), effective points
 * for every node and every type with its own points, and the settings each node inherits.
 */
import type { Dimension, Expr, GroupSetting, Indicator, MissingClause, Share, TreeNode } from "../ast.js";
import type { Span } from "../source.js";
import { ahpWeights } from "./ahp.js";
import { constantValue } from "./constant.js";
import type { CheckContext } from "./context.js";
import { explicitWeights, round, shareAmount, type GroupOwner } from "./shares.js";
import type { AhpResult, CheckedNode, WeightsMethod } from "./types.js";

/** The resolved tree and the scheme's total. */
export interface TreeResult {
  readonly root: CheckedNode;
  readonly nodes: ReadonlyMap<string, CheckedNode>;
  readonly total: number;
}

interface Inherited {
  readonly missing: MissingClause["policy"];
  readonly within: string | null;
}

interface Group {
  readonly owner: GroupOwner;
  readonly path: string;
  readonly decl: Dimension | null;
  readonly children: readonly TreeNode[];
  readonly settings: readonly GroupSetting[];
}

/** Records every node's dotted path (so `score(path)` can be checked) and reports duplicate siblings. */
export function collectPaths(cx: CheckContext): void {
  const visit = (children: readonly TreeNode[], prefix: string): void => {
    const seen = new Map<string, TreeNode>();
    for (const c of children) {
      const earlier = seen.get(c.name.name);
      if (earlier) {
        cx.error("duplicate-name", `\`${c.name.name}\` appears twice in the same group`, c.name.span, `the first is at line ${earlier.name.span.line}`);
        continue;
      }
      seen.set(c.name.name, c);
      const path = prefix ? `${prefix}.${c.name.name}` : c.name.name;
      cx.paths.add(path);
      if (c.kind === "dimension") visit(c.children, path);
    }
  };
  visit(topNodes(cx), "");
}

function topNodes(cx: CheckContext): TreeNode[] {
  return cx.ast.decls.filter((d): d is TreeNode => d.kind === "dimension" || d.kind === "indicator");
}

/** Builds the checked tree. */
export function buildTree(cx: CheckContext): TreeResult {
  const top = topNodes(cx);
  const totalDecl = cx.ast.decls.find((d) => d.kind === "total");
  const allPoints = top.length > 0 && top.every((c) => c.share?.unit === "points");
  const total = totalDecl ? totalDecl.value.value : allPoints ? top.reduce((a, c) => a + c.share!.value.value, 0) : 100;
  if (totalDecl && !(total > 0)) cx.error("bad-value", "the total must be more than 0", totalDecl.value.span);
  const settings = cx.ast.decls.filter((d): d is GroupSetting => d.kind === "weights" || d.kind === "aggregate" || d.kind === "missing");
  const types = overrideTypes(cx, top);
  const nodes = new Map<string, CheckedNode>();
  const owner: GroupOwner = { title: "at the top level", points: totalDecl ? total : null, span: totalDecl?.span ?? top[0]?.name.span ?? cx.ast.span };
  const group: Group = { owner, path: "", decl: null, children: top, settings };
  const byType = new Map([...types].map((t) => [t, total] as const));
  const root = buildGroup(cx, group, total, byType, { missing: "error", within: null }, 1, types, nodes, "");
  reportZeroWeights(cx, root);
  return { root, nodes, total };
}

/** Types named by `for T points n` anywhere in the tree. */
function overrideTypes(cx: CheckContext, top: readonly TreeNode[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: TreeNode): void => {
    for (const o of n.overrides) {
      if (n.kind === "indicator" && !o.share) continue;
      for (const t of o.types) if (cx.checkTypeName(t.name, t.span)) out.add(t.name);
    }
    if (n.kind === "dimension") n.children.forEach(visit);
  };
  top.forEach(visit);
  return out;
}

function buildGroup(
  cx: CheckContext, g: Group, points: number, byType: ReadonlyMap<string, number>, inherited: Inherited,
  localWeight: number, types: ReadonlySet<string>, nodes: Map<string, CheckedNode>, label: string,
): CheckedNode {
  const s = readSettings(cx, g.settings);
  const here: Inherited = s.missing ? { missing: s.missing.policy, within: s.missing.within?.name ?? null } : inherited;
  if (s.missing?.within) cx.typology(s.missing.within.name, s.missing.within.span);
  const method: WeightsMethod = s.weights?.method ?? "explicit";
  const { weights, ahp } = localWeights(cx, g, method, s.weights?.matrix ?? [], s.weights?.span);
  const typeWeights = new Map([...types].map((t) => [t, typeShares(cx, g, t, method, weights)] as const));
  const children = g.children.map((c, i) => {
    const w = weights[i]!;
    const cByType = new Map([...byType].map(([t, p]) => [t, p * typeWeights.get(t)![i]!] as const));
    const path = g.path ? `${g.path}.${c.name.name}` : c.name.name;
    const cLabel = c.label?.value ?? c.name.name;
    if (c.kind === "dimension") {
      const owner: GroupOwner = { title: `in \`${c.name.name}\``, points: c.share?.unit === "points" ? c.share.value.value : null, span: c.name.span };
      return buildGroup(cx, { owner, path, decl: c, children: c.children, settings: c.settings }, points * w, cByType, here, w, types, nodes, cLabel);
    }
    return leaf(cx, c, path, cLabel, points * w, cByType, here, w, nodes);
  });
  const node: CheckedNode = {
    path: g.path, decl: g.decl, label, children, localWeight, points, pointsByType: byType, weights: method, ahp,
    aggregate: s.aggregate?.method ?? "arithmetic", missing: here.missing, missingWithin: here.within,
  };
  nodes.set(g.path, node);
  return node;
}

function leaf(cx: CheckContext, c: Indicator, path: string, label: string, points: number, byType: ReadonlyMap<string, number>,
  inherited: Inherited, w: number, nodes: Map<string, CheckedNode>): CheckedNode {
  const own = c.body.missing;
  if (own?.within) cx.typology(own.within.name, own.within.span);
  const node: CheckedNode = {
    path, decl: c, label, children: [], localWeight: w, points, pointsByType: byType, weights: "explicit", ahp: null,
    aggregate: "arithmetic", missing: own?.policy ?? inherited.missing, missingWithin: own ? own.within?.name ?? null : inherited.within,
  };
  nodes.set(path, node);
  return node;
}

interface Settings { weights: Extract<GroupSetting, { kind: "weights" }> | null; aggregate: Extract<GroupSetting, { kind: "aggregate" }> | null; missing: MissingClause | null }

function readSettings(cx: CheckContext, list: readonly GroupSetting[]): Settings {
  const s: Settings = { weights: null, aggregate: null, missing: null };
  for (const g of list) {
    if (s[g.kind]) {
      cx.error("misplaced-clause", `\`${g.kind}\` is set twice in the same group`, g.span, `the first is at line ${s[g.kind]!.span.line}; keep one`);
      continue;
    }
    if (g.kind === "weights") s.weights = g;
    else if (g.kind === "aggregate") s.aggregate = g;
    else s.missing = g;
  }
  return s;
}

function localWeights(cx: CheckContext, g: Group, method: WeightsMethod, matrix: readonly (readonly Expr[])[], span: Span | undefined): { weights: number[]; ahp: AhpResult | null } {
  const n = g.children.length;
  if (n === 0) return { weights: [], ahp: null };
  if (method === "explicit") return { weights: explicitWeights(cx, g.owner, g.children), ahp: null };
  for (const c of g.children) {
    if (c.share) {
      cx.warning("misplaced-clause", `\`weights ${method}\` sets the shares ${g.owner.title}; the \`${c.share.unit}\` written on \`${c.name.name}\` is not used`, c.share.span, "remove it");
    }
  }
  if (method === "equal") return { weights: g.children.map(() => 1 / n), ahp: null };
  if (method === "entropy") return { weights: g.children.map(() => NaN), ahp: null };
  const ahp = checkAhp(cx, g, matrix, span!);
  return { weights: ahp ? [...ahp.weights] : g.children.map(() => 1 / n), ahp };
}

function checkAhp(cx: CheckContext, g: Group, rows: readonly (readonly Expr[])[], span: Span): AhpResult | null {
  const n = g.children.length;
  if (rows.length !== n || rows.some((r) => r.length !== n)) {
    cx.error("ahp-shape", `the AHP matrix ${g.owner.title} must be ${n} × ${n} (one row and column per child), not ${rows.length} × ${rows[0]?.length ?? 0}`, span,
      `children in order: ${g.children.map((c) => c.name.name).join(", ")}`);
    return null;
  }
  const m = rows.map((r) => r.map((e) => {
    const v = constantValue(e);
    if (v === null || !(v > 0)) cx.error("bad-value", "an AHP entry must be a positive number such as `3` or `1/3`", e.span);
    return v !== null && v > 0 ? v : 1;
  }));
  for (let i = 0; i < n; i++) {
    if (Math.abs(m[i]![i]! - 1) > 1e-9) cx.error("ahp-reciprocal", `the diagonal of an AHP matrix must be 1 (row ${i + 1})`, rows[i]![i]!.span);
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(m[i]![j]! * m[j]![i]! - 1) > 0.01) {
        cx.error("ahp-reciprocal", `the AHP matrix is not reciprocal: row ${j + 1}, column ${i + 1} should be 1/${round(m[i]![j]!)}, not ${round(m[j]![i]!)}`, rows[j]![i]!.span);
      }
    }
  }
  const result = ahpWeights(m);
  if (result.cr > 0.1) {
    cx.error("ahp-consistency", `the AHP matrix ${g.owner.title} is inconsistent: CR = ${result.cr.toFixed(3)} > 0.1`, span,
      `λmax = ${result.lambdaMax.toFixed(4)}, CI = ${result.ci.toFixed(4)}; revise the comparisons so that they agree with each other`);
  }
  return result;
}

/** For one type, each child's share of the group, after `for T points n` overrides. */
function typeShares(cx: CheckContext, g: Group, type: string, method: WeightsMethod, base: readonly number[]): number[] {
  if (method !== "explicit") return [...base];
  const overrides = g.children.map((c) => typeShare(c, type));
  if (overrides.every((o) => o === null)) return [...base];
  const shares = g.children.map((c, i) => overrides[i] ?? c.share);
  if (shares.some((s) => s === null)) return [...base];
  const amounts = shares.map((s) => shareAmount(s!));
  const sum = amounts.reduce((a, b) => a + b, 0);
  const parentPoints = g.decl ? (typeShare(g.decl, type)?.value.value ?? g.owner.points) : g.owner.points;
  if (shares.every((s) => s!.unit === "points") && parentPoints !== null && Math.abs(sum - parentPoints) > 1e-9 * Math.max(1, parentPoints)) {
    cx.warning("points-sum", `for type \`${type}\`, the points ${g.owner.title} add up to ${round(sum)}, not ${round(parentPoints)}`, g.owner.span,
      "each region's shares are its type's points divided by their sum");
  }
  return sum > 0 ? amounts.map((a) => a / sum) : [...base];
}

function typeShare(n: TreeNode, type: string): Share | null {
  for (const o of n.overrides) {
    if (o.share && o.types.some((t) => t.name === type)) return o.share;
  }
  return null;
}

function reportZeroWeights(cx: CheckContext, node: CheckedNode): void {
  for (const c of node.children) {
    if (c.points === 0 && [...c.pointsByType.values()].every((p) => p === 0) && c.decl?.share?.value.value === 0) {
      const leaves = countLeaves(c);
      cx.warning("zero-weight", `\`${c.path}\` has an effective weight of zero${leaves > 1 ? ` (with its ${leaves} indicators)` : ""}: it cannot change any score`, c.decl.name.span,
        "give it points, or remove it");
      continue;
    }
    reportZeroWeights(cx, c);
  }
}

function countLeaves(n: CheckedNode): number {
  return n.children.length === 0 ? 1 : n.children.reduce((a, c) => a + countLeaves(c), 0);
}
