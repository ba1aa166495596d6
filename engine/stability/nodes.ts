/**
 * Which shares can move, and whether a move keeps every total piecewise-linear in the share.
 * A node bears a weight when it has siblings and its group's shares are written (points,
 * weights, equal or AHP — not entropy). Moving its share w to w′ rescales its own subtree by
 * w′/w and its siblings' by (1 − w′)/(1 − w) (what-if's proportional re-normalisation); the
 * totals are then sums of indicator scores that are piecewise-linear in w′ when the group and
 * every ancestor aggregate arithmetically, nothing below the group uses entropy weights, drops
 * missing values or per-type points, and no bonus, deduction, veto or grade threshold reads a
 * score or the total.
 */
import type { CheckedNode } from "../../dsl/check/types.js";
import type { EvalGraph, GraphNode } from "../graph.js";
import { downstream } from "../whatif/rerun.js";

/** A share that can move. */
export interface WeightNode {
  readonly path: string;
  readonly label: string;
  /** The node's current share of its parent. */
  readonly share: number;
  /** Its points and its parent's (share × parent points = points). */
  readonly points: number;
  readonly parentPoints: number;
  /** The parent group's path. */
  readonly parent: string;
}

function parentOf(path: string): string {
  const k = path.lastIndexOf(".");
  return k < 0 ? "" : path.slice(0, k);
}

/** Every node whose share can move, in tree order; `only` keeps one path (and says why not, when it cannot). */
export function weightNodes(nodes: ReadonlyMap<string, CheckedNode>, only?: string): { nodes: WeightNode[]; problem: string | null } {
  const out: WeightNode[] = [];
  for (const n of nodes.values()) {
    if (n.path === "" || (only !== undefined && n.path !== only)) continue;
    const parent = nodes.get(parentOf(n.path))!;
    const why = parent.children.length < 2 ? "it is its group's only child (its share is always 100%)"
      : parent.weights === "entropy" ? "its group's shares are entropy weights, computed from the data" : null;
    if (why) {
      if (only !== undefined) return { nodes: [], problem: `\`${n.path}\` cannot move: ${why}` };
      continue;
    }
    out.push({ path: n.path, label: n.label, share: n.localWeight, points: n.points, parentPoints: parent.points, parent: parent.path });
  }
  if (only !== undefined && out.length === 0) return { nodes: [], problem: `no dimension or indicator \`${only}\`` };
  return { nodes: out, problem: null };
}

/** Paths of every node at or below `path` (its subtree). */
export function subtree(nodes: ReadonlyMap<string, CheckedNode>, path: string): CheckedNode[] {
  const out: CheckedNode[] = [];
  const walk = (n: CheckedNode) => { out.push(n); n.children.forEach(walk); };
  walk(nodes.get(path)!);
  return out;
}

/** Why moving a share of group `parent` is not piecewise-linear in the share, or null when it is. */
export function nonLinearReason(nodes: ReadonlyMap<string, CheckedNode>, graph: EvalGraph, parent: string): string | null {
  for (let p = parent; ; p = parentOf(p)) {
    const g = nodes.get(p)!;
    if (g.aggregate !== "arithmetic") return `\`${g.path || "the top level"}\` aggregates by ${g.aggregate}`;
    if (g.weights === "entropy") return `\`${g.path || "the top level"}\` uses entropy weights`;
    if (p === "") break;
  }
  for (const n of subtree(nodes, parent)) {
    if (n.children.length > 0 && n.aggregate !== "arithmetic") return `\`${n.path}\` aggregates by ${n.aggregate}`;
    if (n.children.length > 0 && n.weights === "entropy") return `\`${n.path}\` uses entropy weights`;
  }
  return rulesReadScores(graph);
}

/** True when some node under group `parent` has per-type points (so shares move per type). */
export function hasTypePoints(nodes: ReadonlyMap<string, CheckedNode>, parent: string): boolean {
  return subtree(nodes, parent).some((n) => n.pointsByType.size > 0);
}

/** Why some rule reads a score or the total (so it moves with the weights), or null. */
export function rulesReadScores(graph: EvalGraph): string | null {
  const dirty = downstream(graph, [graph.root]);
  const reads = (n: GraphNode, ignore: ReadonlySet<number>) => n.deps.some((d) => !ignore.has(d) && dirty[d]);
  for (const n of graph.nodes) {
    if ((n.kind === "block" || n.kind === "veto") && reads(n, new Set())) {
      return `${n.kind === "veto" ? "the veto" : "the block"} \`${n.decl.label.value}\` reads a score or the total`;
    }
    if (n.kind === "grades" && reads(n, new Set([n.total, ...n.vetoes]))) return "a grade threshold reads a score or the total";
  }
  return null;
}
