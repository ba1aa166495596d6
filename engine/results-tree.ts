/**
 * The indicator tree's columns in the results: for every node its points, value, score,
 * fraction, effective weight and contribution to the total, per region. Contributions are
 * computed top-down: a child's effective points are its parent's times its share (re-normalised
 * over the siblings present for the region), and its contribution is its fraction times them;
 * under arithmetic aggregation the contributions of a group's children add up to the group's.
 * (Under geometric or minimum aggregation they are indicative only.)
 */
import type { TreeDetail } from "./exec-tree.js";
import type { EvalGraph } from "./graph.js";
import { sanitized } from "./ops/column.js";
import { statusAt, type IndicatorDetail } from "./indicator-detail.js";

/** One tree node's columns, per region. */
export interface NodeColumns {
  readonly path: string;
  readonly label: string;
  readonly kind: "indicator" | "group";
  /** Path of the parent ("" is the root); null for the root itself. */
  readonly parent: string | null;
  readonly depth: number;
  /** The node's points for each region. */
  readonly points: Float64Array;
  /** The indicator's value as read (0 where missing; see `valueMissing`); null for groups. */
  readonly value: Float64Array | null;
  readonly valueMissing: Uint8Array | null;
  /** Points earned (得分). */
  readonly score: Float64Array;
  /** Score over points (0 when the points are 0). */
  readonly fraction: Float64Array;
  /** The node's effective share of the root, after re-normalisation for dropped siblings. */
  readonly weight: Float64Array;
  /** What the node adds to the tree score. */
  readonly contribution: Float64Array;
  /** Indicator status bits (`STATUS`), null for groups. */
  readonly status: Uint8Array | null;
}

function fractionOf(d: TreeDetail): Float64Array {
  const out = new Float64Array(d.score.length);
  for (let i = 0; i < out.length; i++) out[i] = d.points[i] === 0 ? 0 : finiteOr0(d.score[i]! / d.points[i]!);
  return out;
}

function finiteOr0(x: number): number {
  return x - x === 0 ? x : 0;
}

/** Effective share of the root, and contribution (fraction × effective points), per region. */
function shares(effective: Float64Array, rootPoints: Float64Array, fraction: Float64Array): { weight: Float64Array; contribution: Float64Array } {
  const weight = new Float64Array(effective.length);
  const contribution = new Float64Array(effective.length);
  for (let i = 0; i < effective.length; i++) {
    weight[i] = rootPoints[i] === 0 ? 0 : finiteOr0(effective[i]! / rootPoints[i]!);
    contribution[i] = finiteOr0(fraction[i]! * effective[i]!);
  }
  return { weight, contribution };
}

function missingMask(raw: Float64Array): Uint8Array {
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw[i] === raw[i] ? 0 : 1;
  return out;
}

/** Builds every tree node's columns from a run's details. */
export function treeColumns(graph: EvalGraph, details: readonly unknown[], n: number): Map<string, NodeColumns> {
  const out = new Map<string, NodeColumns>();
  const root = details[graph.root] as TreeDetail;
  const visit = (id: number, effective: Float64Array, parent: string | null, depth: number): void => {
    const node = graph.nodes[id]!;
    if (node.kind !== "indicator" && node.kind !== "group") return;
    const d = details[id] as TreeDetail;
    const fraction = fractionOf(d);
    const isInd = d.kind === "indicator";
    out.set(node.tree.path, {
      path: node.tree.path, label: node.tree.label, kind: d.kind, parent, depth,
      points: sanitized(d.points), value: isInd ? sanitized(d.raw) : null,
      valueMissing: isInd ? missingMask(d.raw) : null,
      score: sanitized(d.score), fraction, ...shares(effective, root.points, fraction),
      status: isInd ? statusColumn(d, n) : null,
    });
    if (node.kind === "group" && d.kind === "group") {
      node.children.forEach((c, k) => visit(c, childEffective(d, k, details, node.children, effective, n), node.tree.path, depth + 1));
    }
  };
  visit(graph.root, root.points, null, 0);
  return out;
}

/** A child's effective points: the parent's times the child's share among the siblings present. */
function childEffective(
  d: Extract<TreeDetail, { kind: "group" }>, k: number, details: readonly unknown[], children: readonly number[], parent: Float64Array, n: number,
): Float64Array {
  const w = (j: number, i: number) => {
    const x = d.weights[j]!;
    return typeof x === "number" ? x : x[i]!;
  };
  const dropped = children.map((c) => (details[c] as TreeDetail).dropped);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (dropped[k]?.[i]) continue;
    let sum = 0;
    for (let j = 0; j < children.length; j++) if (!dropped[j]?.[i]) sum += w(j, i);
    out[i] = sum > 0 ? (parent[i]! * w(k, i)) / sum : 0;
  }
  return out;
}

function statusColumn(d: IndicatorDetail, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = statusAt(d, i);
  return out;
}
