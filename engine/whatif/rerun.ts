/**
 * Partial re-evaluation: runs only the nodes a change reaches, starting from a finished run's
 * columns. Nodes downstream of a changed node (by the graph's dependencies) run again; every
 * other column and detail is the base run's, shared, not copied. An indicator whose points
 * alone changed, and whose score is proportional to its points, is not scored again: its cached
 * fraction is scaled to the new points (score = fraction × points).
 */
import { runNode, type Evaluation } from "../evaluate.js";
import type { EvalGraph, IndicatorNode } from "../graph.js";
import { pointsColumn, type IndicatorDetail } from "../indicator-detail.js";
import type { EvalIssue } from "../issues.js";
import type { Program } from "../program.js";
import type { VariantPlan } from "../plan-types.js";
import { Results } from "../results.js";
import { Runtime } from "../runtime.js";

/** What a re-run starts from and what it must redo. */
export interface RerunPlan {
  /** Nodes whose own computation changed; everything that reads them (transitively) runs again. */
  readonly roots: ReadonlySet<number>;
  /** Indicators (among `roots`) whose points alone changed and whose scores scale with them. */
  readonly rescaled: ReadonlySet<number>;
}

/** Every node that reads one of `roots`, directly or not, with the roots themselves. */
export function downstream(graph: EvalGraph, roots: Iterable<number>): Uint8Array {
  const users: number[][] = graph.nodes.map(() => []);
  for (const n of graph.nodes) for (const d of n.deps) users[d]!.push(n.id);
  const dirty = new Uint8Array(graph.nodes.length);
  const stack = [...roots];
  for (const r of stack) dirty[r] = 1;
  while (stack.length > 0) {
    for (const u of users[stack.pop()!]!) if (!dirty[u]) { dirty[u] = 1; stack.push(u); }
  }
  return dirty;
}

const PROPORTIONAL = new Set(["minmax", "zscore", "goalposts", "target", "proportional", "ratio-to-best", "efficacy", "scaled"]);

/**
 * True when a variant's score is its fraction times its points, so new points only rescale it:
 * a fraction-valued method (or full marks), no `add`/`deduct` amounts, no written cap or floor.
 */
export function scalesWithPoints(v: VariantPlan): boolean {
  return (v.method === null || PROPORTIONAL.has(v.method.kind)) && v.adjustments.length === 0 && v.cap === null && (v.floor === null || v.floor.constant === 0);
}

/** The indicator's detail at new points, by scaling; null when some old points are 0 (nothing to scale). */
function rescale(d: IndicatorDetail, points: Float64Array): IndicatorDetail | null {
  const n = points.length;
  const score = new Float64Array(n);
  const base = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const old = d.points[i]!;
    if (old === points[i]) { score[i] = d.score[i]!; base[i] = d.base[i]!; continue; }
    if (old === 0) return null;
    const k = points[i]! / old;
    score[i] = d.score[i]! * k;
    base[i] = d.base[i]! * k;
  }
  return { ...d, points, score, base };
}

/** A new run of `graph` (the base's with some nodes replaced) over the base run's data, starting from its columns and details. */
export function forkRun(base: Results, graph: EvalGraph): Runtime {
  const from = base.runtime;
  const rt = new Runtime(graph, from.data, from.prevData);
  for (let i = 0; i < from.values.length; i++) { rt.values[i] = from.values[i]!; rt.details[i] = from.details[i]; }
  from.groupings.forEach((g, k) => { rt.groupings[k] = g; });
  from.ratings.forEach((r, k) => { rt.ratings[k] = r; });
  return rt;
}

/** Re-evaluates `program` (the base's with some nodes replaced) by running only what changed. */
export function rerun(base: Results, program: Program, plan: RerunPlan): Evaluation {
  // The base run may have interned dataset categories after the plan's strings: keep their codes.
  const graph: EvalGraph = { ...program.graph, strings: base.runtime.strings.strings.slice() };
  const rt = forkRun(base, graph);
  const dirty = downstream(graph, plan.roots);
  for (const id of graph.order) {
    if (!dirty[id]) continue;
    const node = graph.nodes[id]!;
    if (plan.rescaled.has(id) && node.kind === "indicator" && rescaleInto(node, rt)) continue;
    runNode(node, rt);
  }
  const issues = mergeIssues(base.issues, rt.issues, graph, dirty);
  rt.issues.splice(0, rt.issues.length, ...issues);
  const failed = issues.some((i) => i.severity === "error");
  return { results: failed ? null : new Results({ ...program, graph }, rt), issues };
}

function rescaleInto(node: IndicatorNode, rt: Runtime): boolean {
  const d = rt.details[node.id] as IndicatorDetail;
  const next = rescale(d, pointsColumn(node.plan.points, rt));
  if (!next) return false;
  rt.details[node.id] = next;
  rt.values[node.id] = next.score;
  return true;
}

/** The base run's issues from nodes that did not run again, then the new ones (without repeats). */
function mergeIssues(before: readonly EvalIssue[], fresh: readonly EvalIssue[], graph: EvalGraph, dirty: Uint8Array): EvalIssue[] {
  const paths = new Set<string>();
  const spans = new Set<number>();
  for (const n of graph.nodes) {
    if (!dirty[n.id]) continue;
    if (n.kind === "indicator") paths.add(n.tree.path);
    if (n.span) spans.add(n.span.start);
  }
  const kept = before.filter((i) => !(i.path !== null && paths.has(i.path)) && !(i.span !== null && spans.has(i.span.start)));
  const seen = new Set(kept.map((i) => `${i.code}\u0000${i.message}`));
  return [...kept, ...fresh.filter((i) => !seen.has(`${i.code}\u0000${i.message}`))];
}
