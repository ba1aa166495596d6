/**
 * The sensitivity model: what a Monte Carlo sample needs from a finished run, as plain typed
 * arrays — the indicator tree's shape and shares, every indicator's fraction (score ÷ points),
 * the root's points, bonuses minus deductions, and the grading inputs (thresholds, quotas,
 * veto ceilings). A sample re-aggregates the cached fractions under perturbed shares: no
 * indicator is scored again unless rule parameters are perturbed too.
 */
import type { TreeDetail } from "../exec-tree.js";
import type { GradesDetail } from "../exec-rules.js";
import { overall } from "../ops/column.js";
import { competitionRanks } from "../ops/rank.js";
import type { QuotaSpec } from "../ops/grade.js";
import type { Results } from "../results.js";
import type { Runtime } from "../runtime.js";

/** One node of the indicator tree, in pre-order (the root first). */
export interface ModelNode {
  readonly path: string;
  readonly label: string;
  /** The graph node id (to re-score indicators in rule mode). */
  readonly id: number;
  /** Child indices (empty for indicators). */
  readonly children: readonly number[];
  readonly aggregate: "arithmetic" | "geometric" | "minimum";
  /** Each child's share as the run used it: one number, or one per region (per-type points). */
  readonly shares: readonly (number | Float64Array)[];
}

/** Grading inputs that do not change with the weights. */
export interface GradeModel {
  readonly labels: readonly string[];
  readonly levels: readonly { readonly op: ">=" | ">" | null; readonly threshold: Float64Array | null; readonly quotas: readonly QuotaSpec[] }[];
  readonly groupIds: Int32Array;
  readonly groupCount: number;
  readonly refill: boolean;
  readonly ceiling: Int32Array;
  readonly vetoReason: Uint8Array;
}

/** Everything a sample needs, structured-cloneable. */
export interface SensitivityModel {
  readonly n: number;
  readonly regions: readonly string[];
  /** Tree nodes in pre-order; 0 is the root. */
  readonly nodes: readonly ModelNode[];
  /** Each node's children's shares, averaged over regions (per-type shares differ by region). */
  readonly meanShares: readonly (readonly number[])[];
  /** Group indices children-first, the order a sample aggregates in. */
  readonly postOrder: readonly number[];
  /** Indicator indices. */
  readonly leaves: readonly number[];
  /** Fraction per node (indicators: cached; groups: null). */
  readonly fractions: readonly (Float64Array | null)[];
  /** Where a node is dropped (missing `drop`), or null. */
  readonly dropped: readonly (Uint8Array | null)[];
  readonly rootPoints: Float64Array;
  /** Bonuses minus deductions per region. */
  readonly extra: Float64Array;
  readonly grades: GradeModel | null;
  /** The base run's overall competition ranks and grade levels. */
  readonly baseRank: Float64Array;
  readonly baseLevel: Int32Array | null;
}

function fractionOf(d: TreeDetail): Float64Array {
  const out = new Float64Array(d.score.length);
  for (let i = 0; i < out.length; i++) {
    const p = d.points[i]!;
    const f = p === 0 ? 0 : d.score[i]! / p;
    out[i] = f - f === 0 ? f : 0;
  }
  return out;
}

function treeNodes(base: Results, rt: Runtime): { nodes: ModelNode[]; fractions: (Float64Array | null)[]; dropped: (Uint8Array | null)[] } {
  const graph = base.program.graph;
  const nodes: ModelNode[] = [];
  const fractions: (Float64Array | null)[] = [];
  const dropped: (Uint8Array | null)[] = [];
  const visit = (id: number): number => {
    const g = graph.nodes[id]!;
    const d = rt.details[id] as TreeDetail;
    const k = nodes.length;
    nodes.push(null as unknown as ModelNode);
    fractions.push(g.kind === "indicator" ? fractionOf(d) : null);
    dropped.push(d.dropped);
    const children = g.kind === "group" ? g.children.map(visit) : [];
    const shares = d.kind === "group" ? d.weights : [];
    const path = g.kind === "group" || g.kind === "indicator" ? g.tree.path : "";
    const label = g.kind === "group" || g.kind === "indicator" ? g.tree.label : "";
    const aggregate = g.kind === "group" ? g.tree.aggregate : "arithmetic";
    nodes[k] = { path, label, id, children, aggregate, shares };
    return k;
  };
  visit(graph.root);
  return { nodes, fractions, dropped };
}

function gradeModel(base: Results, rt: Runtime): GradeModel | null {
  const graph = base.program.graph;
  const node = graph.grades === null ? null : graph.nodes[graph.grades]!;
  if (!node || node.kind !== "grades") return null;
  const n = rt.n;
  const last = node.levels.length - 1;
  const ceiling = new Int32Array(n);
  const vetoReason = new Uint8Array(n);
  // As in runGrades: the most restrictive veto that fired sets each region's best allowed level.
  for (const id of node.vetoes) {
    const v = graph.nodes[id]!;
    if (v.kind !== "veto") continue;
    const fired = rt.slot(id);
    const top = v.decl.scope === "top";
    const cap = top ? 1 : v.level < 0 ? last : v.level;
    for (let i = 0; i < n; i++) if (fired[i] && cap > ceiling[i]!) { ceiling[i] = cap; vetoReason[i] = top ? 4 : 3; }
  }
  const g = rt.grouping(node.within);
  return {
    labels: node.levels.map((l) => l.label),
    levels: node.levels.map((l) => ({ op: l.op, threshold: l.threshold ? Float64Array.from(l.threshold.run(rt)) : null, quotas: l.quotas })),
    groupIds: g.ids, groupCount: g.count, refill: node.decl.refill, ceiling, vetoReason,
  };
}

/** Builds the model of a finished run. */
export function buildModel(base: Results): SensitivityModel {
  const rt = base.runtime;
  const { nodes, fractions, dropped } = treeNodes(base, rt);
  const postOrder: number[] = [];
  const walk = (k: number): void => { for (const c of nodes[k]!.children) walk(c); if (nodes[k]!.children.length > 0 || k === 0) postOrder.push(k); };
  walk(0);
  const leaves = nodes.flatMap((x, k) => (fractions[k] ? [k] : []));
  const rootPoints = Float64Array.from((rt.details[base.program.graph.root] as TreeDetail).points);
  const extra = Float64Array.from(base.bonus, (b, i) => b - base.deduction[i]!);
  const overall = base.ranks.find((r) => r.within === null);
  const baseRank = overall ? Float64Array.from(overall.rank) : rankOf(base.total);
  const gd = base.program.graph.grades === null ? null : (rt.details[base.program.graph.grades] as GradesDetail);
  const meanShares = nodes.map((x) => x.shares.map(meanOf));
  return {
    n: rt.n, regions: base.regions, nodes, meanShares, postOrder, leaves, fractions, dropped, rootPoints, extra,
    grades: gradeModel(base, rt), baseRank, baseLevel: gd ? Int32Array.from(gd.level) : null,
  };
}

/** A share's mean over regions. */
function meanOf(s: number | Float64Array): number {
  if (typeof s === "number") return s;
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i]!;
  return s.length ? t / s.length : 0;
}

/** Competition ranks of a column (best first). */
function rankOf(total: Float64Array): Float64Array {
  return competitionRanks(total, overall(total.length), true);
}
