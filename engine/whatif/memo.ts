/**
 * The tree columns of the latest what-if on each base run, so that the next what-if on the same
 * base — a slider moved once more, every other override as before — takes over every indicator
 * and group whose inputs are the same instead of computing them again. A node's columns are a
 * function of its own numbers (points, shares, aggregation, scoring plan) and of its children's
 * columns, so a node is taken over when its numbers are equal and its children's details are
 * the very same objects. Columns are never written once computed, so sharing them is safe.
 */
import type { TreeDetail } from "../exec-tree.js";
import type { GraphNode, GroupNode, IndicatorNode, PointsPlan } from "../graph.js";
import type { Results } from "../results.js";
import type { Runtime } from "../runtime.js";
import type { KeptFraction } from "./repoint.js";

/** One node's outcome in a re-run, with what it was computed from. */
export interface NodeOutcome {
  /** The node's own numbers, as text. */
  readonly key: string;
  /** What else it read (compared by identity): an indicator's scoring plan, a group's children's details. */
  readonly inputs: readonly unknown[];
  readonly detail: TreeDetail;
  /** The columns before the change, when the change kept the node's fraction (its score is computed on first read). */
  readonly kept: KeptFraction | null;
}

const LATEST = new WeakMap<Results, ReadonlyMap<number, NodeOutcome>>();

/** The tree outcomes of the latest what-if on `base` (empty before the first). */
export function latest(base: Results): ReadonlyMap<number, NodeOutcome> {
  return LATEST.get(base) ?? new Map();
}

/** Keeps a what-if's tree outcomes for the next what-if on `base`. */
export function remember(base: Results, outcomes: ReadonlyMap<number, NodeOutcome>): void {
  LATEST.set(base, outcomes);
}

function pointsKey(p: PointsPlan): string {
  return `${p.base};${p.byType.map((t) => `${t.typology}.${t.type}=${t.points}`).join(",")}`;
}

/** An indicator's numbers and inputs. */
export function indicatorInputs(node: IndicatorNode): { key: string; inputs: unknown[] } {
  return { key: pointsKey(node.plan.points), inputs: [node.plan.variants] };
}

/** A group's numbers and inputs (its children's details as they are in `rt` now). */
export function groupInputs(node: GroupNode, rt: Runtime): { key: string; inputs: unknown[] } {
  const t = node.tree;
  const key = `${pointsKey(node.points)}|${t.aggregate}|${t.weights}|${t.children.map((c) => c.localWeight).join(",")}`;
  return { key, inputs: node.children.map((id) => rt.details[id]) };
}

/** The outcome to take over: the latest one when its numbers and inputs are the same. */
export function reusable(previous: NodeOutcome | undefined, key: string, inputs: readonly unknown[]): NodeOutcome | null {
  if (!previous || previous.key !== key || previous.inputs.length !== inputs.length) return null;
  for (let k = 0; k < inputs.length; k++) if (previous.inputs[k] !== inputs[k]) return null;
  return previous;
}

/** Puts a taken-over outcome in the run (a kept fraction's score column is computed on first read). */
export function install(node: GraphNode, o: NodeOutcome, rt: Runtime): void {
  rt.details[node.id] = o.detail;
  if (o.kept) Object.defineProperty(rt.values, node.id, { get: () => o.detail.score, enumerable: true, configurable: true });
  else rt.values[node.id] = o.detail.score;
}
