/**
 * A group run again in a what-if, reading each child whose fraction the change kept from its
 * columns before the change (score ÷ points is the same), so those children's new columns are
 * never computed unless something else reads them. It is exec-tree's `runGroup` without entropy
 * weights (a scheme with entropy weights runs its whole tree again through `runGroup`).
 */
import type { GraphNode, GroupNode } from "../graph.js";
import type { GroupDetail, TreeDetail } from "../exec-tree.js";
import { pointsColumn } from "../indicator-detail.js";
import { arithmetic, geometric, minimum, type ChildColumns } from "../ops/aggregate.js";
import type { Runtime } from "../runtime.js";
import type { KeptFraction } from "./repoint.js";

function constantPoints(n: GraphNode): number | undefined {
  const plan = n.kind === "indicator" ? n.plan.points : n.kind === "group" ? n.points : null;
  return plan && plan.byType.length === 0 ? plan.base : undefined;
}

function perTypePoints(n: GraphNode): boolean {
  const plan = n.kind === "indicator" ? n.plan.points : n.kind === "group" ? n.points : null;
  return plan !== null && plan.byType.length > 0;
}

/** True when `regroup` can run the group (otherwise `runGroup` must): not for entropy weights. */
export function canRegroup(node: GroupNode): boolean {
  return node.tree.weights !== "entropy";
}

/**
 * Each child's share, as `runGroup` takes them: the checked local weights, or — where some child
 * has per-type points — per region, its (new) points over the sum of its siblings'.
 */
function shares(node: GroupNode, rt: Runtime): (number | Float64Array)[] {
  const local = node.tree.children.map((c) => (Number.isFinite(c.localWeight) ? c.localWeight : 1 / node.children.length));
  if (!node.children.some((id) => perTypePoints(rt.node(id)))) return local;
  const n = rt.n;
  const points = node.children.map((id) => (rt.details[id] as TreeDetail).points);
  const sum = new Float64Array(n);
  for (const p of points) for (let i = 0; i < n; i++) sum[i] = sum[i]! + p[i]!;
  return points.map((p, k) => Float64Array.from({ length: n }, (_, i) => (sum[i]! > 0 ? p[i]! / sum[i]! : local[k]!)));
}

/**
 * Runs a group (one `canRegroup` accepts); `kept` gives the children whose fraction the change
 * kept, with their columns from before it (`before`: the nodes as they were).
 */
export function regroup(node: GroupNode, rt: Runtime, kept: ReadonlyMap<number, KeptFraction>, before: readonly GraphNode[]): void {
  const n = rt.n;
  const weights = shares(node, rt);
  const cols: ChildColumns[] = node.children.map((id, k) => {
    const old = kept.get(id);
    const d = rt.details[id] as TreeDetail;
    const c = old
      ? { score: old.score, points: old.points, weight: weights[k]!, dropped: d.dropped, constantPoints: constantPoints(before[id]!) }
      : { score: d.score, points: d.points, weight: weights[k]!, dropped: d.dropped, constantPoints: constantPoints(rt.node(id)) };
    return c.constantPoints === undefined ? { score: c.score, points: c.points, weight: c.weight, dropped: c.dropped } : c;
  });
  const how = node.tree.aggregate;
  const agg = how === "geometric" ? geometric(cols, n) : how === "minimum" ? minimum(cols, n) : arithmetic(cols, n);
  const points = pointsColumn(node.points, rt);
  const score = agg.fraction;
  for (let i = 0; i < n; i++) score[i] = score[i]! * points[i]!;
  const detail: GroupDetail = { kind: "group", points, score, weights, dropped: agg.dropped, entropy: null };
  rt.details[node.id] = detail;
  rt.values[node.id] = score;
}
