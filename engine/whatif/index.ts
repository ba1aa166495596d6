/**
 * What-if: a finished run plus overrides (weights, points, scoring parameters, grade thresholds
 * and quotas) → new results and each region's change in total, rank and grade. Only what the
 * overrides reach is computed again: a weight change re-aggregates the groups it reaches from the
 * cached fractions (an indicator whose points alone changed keeps its fraction, or has its band
 * points clamped again; see rerun.ts) and re-runs the rules, grades and ranks; a parameter
 * change re-scores that one indicator. Columns nobody reads yet (a kept indicator's new score,
 * the per-region delta objects) are built on first read. Bad overrides become issues.
 */
import type { CheckedNode } from "../../dsl/check/types.js";
import type { Evaluation } from "../evaluate.js";
import type { EvalGraph, GraphNode, PointsPlan } from "../graph.js";
import type { EvalIssue } from "../issues.js";
import type { Program } from "../program.js";
import type { Results } from "../results.js";
import { regionDeltas, type RegionDelta } from "./deltas.js";
import { whatIfIssue, type Override, type WhatIfIssue } from "./override.js";
import { applyGrade, applyParam, type TypeRef } from "./params.js";
import { rerun, upstream } from "./rerun.js";
import { readOverrides, resolveOverrides, type Resolved } from "./resolve.js";
import { editShares } from "./shares.js";

/** The outcome of a what-if. */
export interface WhatIfResult {
  /** The results under the overrides; null when the run stopped on an error. */
  readonly results: Results | null;
  /** Each region's change, in dataset order (empty without results); built on first read. */
  readonly deltas: readonly RegionDelta[];
  /** The overrides applied, as written. */
  readonly applied: readonly string[];
  /** Overrides that could not be applied (errors) and how others were read (warnings). */
  readonly issues: readonly WhatIfIssue[];
  /** The re-run's evaluation issues. */
  readonly evalIssues: readonly EvalIssue[];
}

/** Every type of every typology as the plan numbers them. */
function typeRefs(graph: EvalGraph): Map<string, TypeRef> {
  const out = new Map<string, TypeRef>();
  for (const t of graph.typologies) t.rules.forEach((r, k) => out.set(r.name, { typology: t.typology, type: k, name: r.name }));
  return out;
}

function pointsPlan(n: CheckedNode, old: PointsPlan, types: ReadonlyMap<string, TypeRef>): PointsPlan {
  const byType: { typology: number; type: number; points: number }[] = [];
  for (const [name, points] of n.pointsByType) {
    const t = types.get(name);
    if (t && Number.isFinite(points)) byType.push({ typology: t.typology, type: t.type, points });
  }
  return { base: Number.isFinite(n.points) ? n.points : old.base, byType };
}

/** Applies the overrides to the base program's graph: the new nodes and what must run again. */
function edit(base: Program, resolved: readonly Resolved[], issues: WhatIfIssue[]) {
  const graph = base.graph;
  const nodes: GraphNode[] = [...graph.nodes];
  const types = typeRefs(graph);
  const roots = new Set<number>();
  const repointed = new Set<number>();
  const applied: string[] = [];
  const tree = editShares(base.scheme, resolved.filter((r): r is Extract<Resolved, { kind: "share" }> => r.kind === "share"));
  issues.push(...tree.issues);
  applied.push(...tree.applied);
  for (const [path, checked] of tree.changed) {
    const id = graph.tree.get(path)!;
    const node = nodes[id]!;
    if (node.kind === "indicator") nodes[id] = { ...node, tree: checked, plan: { ...node.plan, points: pointsPlan(checked, node.plan.points, types) } };
    else if (node.kind === "group") nodes[id] = { ...node, tree: checked, points: pointsPlan(checked, node.points, types) };
    if (tree.pointsChanged.has(path) || tree.sharesChanged.has(path)) roots.add(id);
    if (node.kind === "indicator" && tree.pointsChanged.has(path)) repointed.add(id);
  }
  for (const r of resolved) {
    if (r.kind === "share") continue;
    const id = r.kind === "param" ? graph.tree.get(r.path)! : graph.grades!;
    const node = nodes[id]!;
    const next = r.kind === "param" && node.kind === "indicator" ? applyParam(node, r, r.type === null ? null : types.get(r.type)!)
      : r.kind === "grade" && node.kind === "grades" ? applyGrade(node, r) : "nothing to change";
    if (typeof next === "string") { issues.push(whatIfIssue("unknown-field", next, r.text)); continue; }
    nodes[id] = next;
    roots.add(id);
    repointed.delete(id);
    applied.push(r.text);
  }
  // Entropy weights come from every child's scores and rescale the whole tree: run it all again.
  const entropy = graph.nodes.some((n) => n.kind === "group" && n.tree.weights === "entropy");
  if (entropy && [...roots].some((id) => nodes[id]!.kind !== "grades")) {
    for (const id of graph.tree.values()) roots.add(id);
    repointed.clear();
  }
  const program: Program = { ...base, graph: { ...graph, nodes } };
  return { program, roots, repointed, applied };
}

/** Re-evaluates `base` under the overrides (objects, or text `path.field=value[@type]`). */
export function whatIf(base: Results, overrides: readonly (Override | string)[]): WhatIfResult {
  const { e, issues } = edited(base, overrides);
  const ev: Evaluation = rerun(base, e.program, { roots: e.roots, repointed: e.repointed });
  const results = ev.results;
  let deltas: RegionDelta[] | null = null;
  // Per-region objects cost more than the re-run itself: they are built when first read.
  return {
    results, applied: e.applied, issues, evalIssues: ev.issues,
    get deltas() { return (deltas ??= results ? regionDeltas(base, results) : []); },
  };
}

/**
 * The totals alone under the overrides, applied as `whatIf` applies them (null when the re-run
 * stops on an error): only what the total reads runs again — no ranks, grades or rules after it. For checks
 * that read totals (stability's model check).
 */
export function whatIfTotal(base: Results, overrides: readonly (Override | string)[]): Float64Array | null {
  const { e } = edited(base, overrides);
  const graph = e.program.graph;
  const ev = rerun(base, e.program, { roots: e.roots, repointed: e.repointed, only: upstream(graph, graph.total) });
  return ev.results ? ev.results.total : null;
}

/** The base program with the overrides applied, and the overrides' issues. */
function edited(base: Results, overrides: readonly (Override | string)[]): { e: ReturnType<typeof edit>; issues: WhatIfIssue[] } {
  const scheme = base.program.scheme;
  const texts = overrides.filter((o): o is string => typeof o === "string");
  const read = readOverrides(texts, scheme);
  const objects = overrides.filter((o): o is Override => typeof o !== "string");
  const { resolved, issues } = resolveOverrides([...objects, ...read.overrides], scheme);
  const all: WhatIfIssue[] = [...read.issues, ...issues];
  return { e: edit(base.program, resolved, all), issues: all };
}

export { regionDeltas, type RankDelta, type RegionDelta } from "./deltas.js";
export { parseOverride, overrideText, WHATIF_CODES, type Override, type WhatIfCode, type WhatIfIssue } from "./override.js";
export { readOverrides } from "./resolve.js";
