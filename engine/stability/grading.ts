/**
 * Grades along a share move. Grading is re-run by the engine itself (`gradesAt`: the grades node
 * over a forked run whose total column is replaced), and, for the common kind of grading, read
 * analytically: when quotas are `at most` and only on the first level, and the first level's
 * threshold is the same for every region of a group, a region's grade depends only on which
 * thresholds its own total meets, its veto ceiling, and c — how many regions counted for the
 * first level's quota are above it (every region, or with `refill` those without a veto
 * ceiling). It gets the first level from its ceiling on whose threshold it meets, skipping the
 * first level when c ≥ k (the quota). So its grade changes only where its total crosses a
 * threshold or where c crosses k, and both are found exactly from the piecewise-linear totals.
 * The analytic grades at the current share are checked against the run's; any difference sends
 * the node to the general path, which confirms each candidate with `gradesAt`.
 */
import { runNode } from "../evaluate.js";
import type { GradesDetail } from "../exec-rules.js";
import type { GradesNode } from "../graph.js";
import type { Grouping } from "../ops/column.js";
import { quotaCount } from "../ops/grade.js";
import type { Results } from "../results.js";
import { forkRun } from "../whatif/rerun.js";

/** What grading along a move needs from the base run. */
export interface GradePlan {
  readonly node: GradesNode;
  readonly group: Grouping;
  /** Thresholds per level (null for the last), each a column. */
  readonly thresholds: readonly (Float64Array | null)[];
  readonly ops: readonly (">=" | ">" | null)[];
  /** The best level each region's vetoes allow (0: none). */
  readonly ceiling: Int32Array;
  /** The base grade of each region. */
  readonly level: Int32Array;
  /** The first level's quota per region's group (Infinity: none); null when grading is not of the simple kind. */
  readonly quota: Float64Array | null;
  readonly refill: boolean;
}

/** The grades of every region for given totals, by the engine's grades node. */
export function gradesAt(base: Results, totals: Float64Array): Int32Array {
  const graph = base.program.graph;
  const rt = forkRun(base, graph);
  rt.values[graph.total] = totals;
  runNode(graph.nodes[graph.grades!]!, rt);
  return (rt.details[graph.grades!] as GradesDetail).level;
}

/** The veto ceiling of each region, as the grades node computes it. */
function ceilings(base: Results, node: GradesNode): Int32Array {
  const rt = base.runtime;
  const last = node.levels.length - 1;
  const out = new Int32Array(rt.n);
  for (const id of node.vetoes) {
    const v = rt.node(id);
    if (v.kind !== "veto") continue;
    const fired = rt.slot(id);
    const cap = v.decl.scope === "top" ? 1 : v.level < 0 ? last : v.level;
    for (let i = 0; i < rt.n; i++) if (fired[i] && cap > out[i]!) out[i] = cap;
  }
  return out;
}

/** The grading plan of a run, or null when the scheme has no grades. */
export function gradePlan(base: Results): GradePlan | null {
  const graph = base.program.graph;
  if (graph.grades === null) return null;
  const node = graph.nodes[graph.grades]! as GradesNode;
  const rt = base.runtime;
  const group = rt.grouping(node.within);
  const thresholds = node.levels.map((l) => (l.threshold ? l.threshold.run(rt) : null));
  const level = (rt.details[node.id] as GradesDetail).level;
  return {
    node, group, thresholds, ops: node.levels.map((l) => l.op), ceiling: ceilings(base, node), level,
    quota: simpleQuota(node, group, thresholds[0] ?? null), refill: node.decl.refill,
  };
}

/** The first level's quota per region when grading is of the simple kind (see above), else null. */
function simpleQuota(node: GradesNode, g: Grouping, first: Float64Array | null): Float64Array | null {
  if (node.levels.length < 2 || !first) return null;
  if (node.levels.some((l, k) => l.quotas.some((q) => q.bound !== "at-most" || k > 0))) return null;
  const size = new Float64Array(g.count);
  const theta = new Float64Array(g.count).fill(NaN);
  for (let i = 0; i < g.ids.length; i++) {
    const id = g.ids[i]!;
    size[id]!++;
    if (theta[id] !== theta[id]) theta[id] = first[i]!;
    else if (theta[id] !== first[i]) return null;
  }
  return Float64Array.from(g.ids, (id) => {
    let k = Infinity;
    for (const q of node.levels[0]!.quotas) k = Math.min(k, quotaCount(q, size[id]!));
    return k;
  });
}

/** Whether a total's sign against a threshold (sign3) meets a level with operator op. */
export function meetsSign(sign: number, op: ">=" | ">" | null): boolean {
  return op === null || (op === ">" ? sign > 0 : sign >= 0);
}

/** A region's grade in simple grading, from the levels it meets, its ceiling and c. */
export function simpleLevel(meets: readonly boolean[], c: number, k: number, ceiling: number): number {
  const last = meets.length;
  for (let l = ceiling; l < last; l++) {
    if (!meets[l]) continue;
    if (l === 0 && c >= k) continue;
    return l;
  }
  return last;
}
