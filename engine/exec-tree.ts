/**
 * Runs the groups of the indicator tree: children's scores → the group's fraction (by its
 * aggregation and weights) → the group's score in points. Entropy weights are computed from the
 * children's fractions here; when any group uses them, the root rescales the points (and scores)
 * of everything below that group once the weights are known.
 */
import type { GroupNode } from "./graph.js";
import { pointsColumn, type IndicatorDetail } from "./indicator-detail.js";
import { arithmetic, entropyWeights, geometric, minimum, type Aggregated, type ChildColumns } from "./ops/aggregate.js";
import { DeferredSum, type ScoreBlocks } from "./ops/deferred.js";
import type { Runtime } from "./runtime.js";

/** Everything a group computed, per region. */
export interface GroupDetail {
  readonly kind: "group";
  readonly points: Float64Array;
  /** Fraction × points (the fraction itself is score ÷ points). */
  readonly score: Float64Array;
  /** Each child's share of the group before re-normalisation for dropped children. */
  readonly weights: readonly (number | Float64Array)[];
  /** Where every child was dropped (null: nowhere). */
  readonly dropped: Uint8Array | null;
  /** The entropy weights, when the group uses them. */
  readonly entropy: readonly number[] | null;
  /** The score not yet computed as a column (a sum of deferred children; see `DeferredSum`). */
  readonly deferred?: ScoreBlocks;
}

/** The detail of a tree node (indicator or group). */
export type TreeDetail = IndicatorDetail | GroupDetail;

/** A child as the aggregation sees it; a deferred child's `score` is computed only if read. */
class Child implements ChildColumns {
  readonly points: Float64Array;
  readonly dropped: Uint8Array | null;
  readonly deferred: ScoreBlocks | undefined;

  constructor(private readonly d: TreeDetail, readonly weight: number | Float64Array, readonly constantPoints: number | undefined) {
    this.points = d.points;
    this.dropped = d.dropped;
    this.deferred = d.deferred;
  }

  get score(): Float64Array {
    return this.d.score;
  }
}


function childColumns(node: GroupNode, rt: Runtime): { cols: ChildColumns[]; perType: boolean; constant: (number | undefined)[] } {
  let perType = false;
  const constant = node.children.map((id) => {
    const c = rt.node(id);
    const plan = c.kind === "indicator" ? c.plan.points : c.kind === "group" ? c.points : null;
    if (plan && plan.byType.length > 0) perType = true;
    return plan && plan.byType.length === 0 ? plan.base : undefined;
  });
  const cols = node.children.map((id, k) => new Child(rt.details[id] as TreeDetail, 0, constant[k]));
  return { cols, perType, constant };
}

/** Each child's share: per region from the points where types change them, else the checked local weights. */
function shares(node: GroupNode, cols: ChildColumns[], perType: boolean, n: number): (number | Float64Array)[] {
  const local = node.tree.children.map((c) => (Number.isFinite(c.localWeight) ? c.localWeight : 1 / cols.length));
  if (!perType) return local;
  const sum = new Float64Array(n);
  for (const c of cols) for (let i = 0; i < n; i++) sum[i] = sum[i]! + c.points[i]!;
  return cols.map((c, k) => Float64Array.from({ length: n }, (_, i) => (sum[i]! > 0 ? c.points[i]! / sum[i]! : local[k]!)));
}

/** Runs a group node. */
export function runGroup(node: GroupNode, rt: Runtime): void {
  const n = rt.n;
  const { cols, perType, constant } = childColumns(node, rt);
  const entropy = node.tree.weights === "entropy" && cols.length > 0 ? entropyWeights(cols, n) : null;
  const weights = entropy ?? shares(node, cols, perType, n);
  if (!entropy && !perType && deferSum(node, cols, weights, rt)) return;
  const weighted = node.children.map((id, k) => new Child(rt.details[id] as TreeDetail, weights[k]!, constant[k]));
  const agg: Aggregated = node.tree.aggregate === "geometric" ? geometric(weighted, n) : node.tree.aggregate === "minimum" ? minimum(weighted, n) : arithmetic(weighted, n);
  const points = pointsColumn(node.points, rt);
  const score = agg.fraction;
  for (let i = 0; i < n; i++) score[i] = score[i]! * points[i]!;
  const detail: GroupDetail = { kind: "group", points, score, weights, dropped: agg.dropped, entropy };
  rt.details[node.id] = detail;
  rt.values[node.id] = score;
  if (node.root && hasEntropy(node, rt)) rescale(node.id, points, rt);
}

/**
 * Leaves a group's score deferred when it is a weighted arithmetic mean of deferred children
 * with constant points and weights (the common case): its parent, or whoever reads it, computes
 * it block by block with theirs. Returns false when the group must run as usual.
 */
function deferSum(node: GroupNode, cols: readonly ChildColumns[], weights: readonly (number | Float64Array)[], rt: Runtime): boolean {
  if (node.tree.aggregate !== "arithmetic" || node.points.byType.length > 0 || cols.length === 0 || hasEntropy(node, rt)) return false;
  if (!cols.every((c, k) => c.deferred && !c.dropped && c.constantPoints !== undefined && typeof weights[k] === "number")) return false;
  const w = weights as readonly number[];
  let wtotal = 0;
  for (const x of w) wtotal += x;
  const ks = cols.map((c, k) => (c.constantPoints === 0 ? 0 : w[k]! / c.constantPoints!));
  const sum = new DeferredSum(cols.map((c) => c.deferred!), ks, wtotal, node.points.base, rt.n);
  const detail: GroupDetail = { kind: "group", points: pointsColumn(node.points, rt), get score() { return sum.column(); }, weights, dropped: null, entropy: null, deferred: sum };
  rt.defer(node.id, detail);
  return true;
}

function hasEntropy(node: GroupNode, rt: Runtime): boolean {
  return rt.graph.nodes.some((g) => g.kind === "group" && g.tree.weights === "entropy" && g.tree.children.length > 0);
}

/**
 * Sets every node's points to its final value (entropy weights now known) and rescales its
 * score and points-valued details accordingly; fractions do not change.
 */
function rescale(id: number, finalPoints: Float64Array, rt: Runtime): void {
  const node = rt.node(id);
  const d = rt.details[id] as TreeDetail;
  const factor = Float64Array.from(finalPoints, (p, i) => (d.points[i] === 0 ? 0 : p / d.points[i]!));
  const score = Float64Array.from(d.score, (s, i) => s * factor[i]!);
  if (d.kind === "indicator") {
    const base = Float64Array.from(d.base, (s, i) => s * factor[i]!);
    rt.details[id] = { ...d, points: finalPoints, score, base, deferred: undefined };
  } else rt.details[id] = { ...d, points: finalPoints, score, deferred: undefined };
  rt.values[id] = score;
  if (node.kind !== "group" || d.kind !== "group") return;
  node.children.forEach((c, k) => {
    const w = d.weights[k]!;
    const child = rt.details[c] as TreeDetail;
    const p = node.tree.weights === "entropy"
      ? Float64Array.from(finalPoints, (fp) => fp * (w as number))
      : Float64Array.from(child.points, (cp, i) => cp * factor[i]!);
    rescale(c, p, rt);
  });
}
