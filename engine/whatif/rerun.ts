/**
 * Partial re-evaluation: runs only the nodes a change reaches, starting from a finished run's
 * columns. Nodes downstream of a changed node (by the graph's dependencies) run again; every
 * other column and detail is the base run's, shared, not copied. An indicator whose points
 * alone changed is finished from its cached columns where its scoring allows (see repoint.ts),
 * groups re-aggregate from the fractions so kept (regroup.ts), and the latest what-if's tree
 * columns on the same base are taken over where nothing they depend on changed (memo.ts);
 * ranks and grades read radix-sorted orders (see rerun-runtime.ts).
 */
import { runNode, type Evaluation } from "../evaluate.js";
import type { EvalGraph, GraphNode } from "../graph.js";
import type { EvalIssue } from "../issues.js";
import type { Program } from "../program.js";
import { Results } from "../results.js";
import type { Runtime } from "../runtime.js";
import type { TreeDetail } from "../exec-tree.js";
import { groupInputs, indicatorInputs, install, latest, remember, reusable, type NodeOutcome } from "./memo.js";
import { canRegroup, regroup } from "./regroup.js";
import { repoint, type KeptFraction } from "./repoint.js";
import { RerunRuntime } from "./rerun-runtime.js";

export { scalesWithPoints } from "./repoint.js";

/** What a re-run starts from and what it must redo. */
export interface RerunPlan {
  /** Nodes whose own computation changed; everything that reads them (transitively) runs again. */
  readonly roots: ReadonlySet<number>;
  /** Indicators (among `roots`) whose points alone changed: finished from their cached columns where they allow it. */
  readonly repointed: ReadonlySet<number>;
  /** When given, only these nodes may run again; the others keep the base's columns (a caller reading the total alone passes what it reads: `upstream`). */
  readonly only?: Uint8Array;
}

/** Each node's readers, per graph (what-if edits replace nodes but never change what they read). */
const USERS = new WeakMap<EvalGraph, readonly (readonly number[])[]>();

function usersOf(graph: EvalGraph): readonly (readonly number[])[] {
  let users = USERS.get(graph);
  if (!users) {
    const u: number[][] = graph.nodes.map(() => []);
    for (const n of graph.nodes) for (const d of n.deps) u[d]!.push(n.id);
    USERS.set(graph, (users = u));
  }
  return users;
}

/** Every node that reads one of `roots`, directly or not, with the roots themselves; `readers` may give the graph's readers (`usersOf`) when an unedited graph has them. */
export function downstream(graph: EvalGraph, roots: Iterable<number>, readers: EvalGraph = graph): Uint8Array {
  const users = usersOf(readers);
  const dirty = new Uint8Array(graph.nodes.length);
  const stack = [...roots];
  for (const r of stack) dirty[r] = 1;
  while (stack.length > 0) {
    for (const u of users[stack.pop()!]!) if (!dirty[u]) { dirty[u] = 1; stack.push(u); }
  }
  return dirty;
}

/** The node `id` and every node it reads, directly or not. */
export function upstream(graph: EvalGraph, id: number): Uint8Array {
  const seen = new Uint8Array(graph.nodes.length);
  const stack = [id];
  seen[id] = 1;
  while (stack.length > 0) {
    for (const d of graph.nodes[stack.pop()!]!.deps) if (!seen[d]) { seen[d] = 1; stack.push(d); }
  }
  return seen;
}

/** A new run of `graph` (the base's with some nodes replaced) over the base run's data, starting from its columns and details. */
export function forkRun(base: Results, graph: EvalGraph): Runtime {
  const from = base.runtime;
  return new RerunRuntime(graph, from.data, from.prevData).adopt(from);
}

/** True when none of the node's inputs ran again (so its cached columns still hold). */
function inputsKept(node: GraphNode, dirty: Uint8Array): boolean {
  for (const d of node.deps) if (dirty[d]) return false;
  return true;
}

/** Re-evaluates `program` (the base's with some nodes replaced) by running only what changed. */
export function rerun(base: Results, program: Program, plan: RerunPlan): Evaluation {
  // The base run may have interned dataset categories after the plan's strings: keep their codes.
  const graph: EvalGraph = { ...program.graph, strings: base.runtime.strings.strings.slice() };
  const before = base.program.graph.nodes;
  const rt = forkRun(base, graph);
  const dirty = downstream(graph, plan.roots, base.program.graph);
  const kept = new Map<number, KeptFraction>();
  // The nodes that ran again (a repointed indicator did not: its issues, about its values, still hold).
  const ran = new Uint8Array(graph.nodes.length);
  const previous = latest(base);
  const outcomes = new Map<number, NodeOutcome>();
  const record = (id: number, key: string, inputs: readonly unknown[], k: KeptFraction | null) => {
    outcomes.set(id, { key, inputs, detail: rt.details[id] as TreeDetail, kept: k });
    if (k) kept.set(id, k);
  };
  const only = plan.only;
  for (const id of graph.order) {
    if (!dirty[id] || (only && !only[id])) continue;
    const node = graph.nodes[id]!;
    const was = before[id]!;
    if (node.kind === "indicator" && was.kind === "indicator" && plan.repointed.has(id) && inputsKept(node, dirty)) {
      const { key, inputs } = indicatorInputs(node);
      const same = reusable(previous.get(id), key, inputs);
      if (same) { install(node, same, rt); record(id, key, inputs, same.kept); continue; }
      const done = repoint(node, was, rt);
      if (done) { record(id, key, inputs, done.kept); continue; }
    }
    if (node.kind === "group" && kept.size > 0 && canRegroup(node)) {
      const { key, inputs } = groupInputs(node, rt);
      const same = reusable(previous.get(id), key, inputs);
      if (same) install(node, same, rt);
      else regroup(node, rt, kept, before);
      record(id, key, inputs, null);
    } else runNode(node, rt);
    ran[id] = 1;
  }
  remember(base, outcomes);
  const issues = mergeIssues(base.issues, rt.issues, graph, ran);
  rt.issues.splice(0, rt.issues.length, ...issues);
  const failed = issues.some((i) => i.severity === "error");
  return { results: failed ? null : new Results({ ...program, graph }, rt), issues };
}

/** The base run's issues from nodes that did not run again, then the new ones (without repeats). */
function mergeIssues(before: readonly EvalIssue[], fresh: readonly EvalIssue[], graph: EvalGraph, ran: Uint8Array): EvalIssue[] {
  const paths = new Set<string>();
  const spans = new Set<number>();
  for (const n of graph.nodes) {
    if (!ran[n.id]) continue;
    if (n.kind === "indicator") paths.add(n.tree.path);
    if (n.span) spans.add(n.span.start);
  }
  const kept = before.filter((i) => !(i.path !== null && paths.has(i.path)) && !(i.span !== null && spans.has(i.span.start)));
  const seen = new Set(kept.map((i) => `${i.code}\u0000${i.message}`));
  return [...kept, ...fresh.filter((i) => !seen.has(`${i.code}\u0000${i.message}`))];
}
