/**
 * Evaluates a program on a dataset: walks the graph in topological order, running each node's
 * kernel over whole columns. Problems become issues; when any is an error (a failed `check …
 * error`, a value missing under `missing error`) there are no results, but every problem of the
 * run is still reported at once.
 */
import { runAlert, runBlock, runCheck, runFlag, runGrades, runRank, runTotal, runVeto } from "./exec-rules.js";
import { runIndicator } from "./exec-indicator.js";
import { runGroup } from "./exec-tree.js";
import { runInput, runLet, runTable, runTypology } from "./exec-values.js";
import type { GraphNode } from "./graph.js";
import type { EvalIssue } from "./issues.js";
import type { Program } from "./program.js";
import { Results } from "./results.js";
import { Runtime, type ColumnarData } from "./runtime.js";

/** Options of an evaluation; part of the receipt. */
export interface EvaluateOptions {
  /** The previous period's dataset, for `prev(x)` and `missing prev`. */
  readonly prev?: ColumnarData | null;
}

/** The outcome of an evaluation. */
export interface Evaluation {
  /** Null when an error issue stopped the run. */
  readonly results: Results | null;
  /** Every issue found, errors and warnings, in evaluation order. */
  readonly issues: readonly EvalIssue[];
}

/** Runs one graph node's kernel (its dependencies must already be in `rt`); what-if re-runs call it for the nodes that changed. */
export function runNode(node: GraphNode, rt: Runtime): void {
  switch (node.kind) {
    case "input": return runInput(node, rt);
    case "table": return runTable(node, rt);
    case "let": return runLet(node, rt);
    case "typology": return runTypology(node, rt);
    case "indicator": return runIndicator(node, rt);
    case "group": return runGroup(node, rt);
    case "block": return runBlock(node, rt);
    case "total": return runTotal(node, rt);
    case "veto": return runVeto(node, rt);
    case "grades": return runGrades(node, rt);
    case "rank": return runRank(node, rt);
    case "check": return runCheck(node, rt);
    case "alert": return runAlert(node, rt);
    case "flag": return runFlag(node, rt);
  }
}

/** Evaluates a program on a dataset (and optionally last period's). */
export function evaluate(program: Program, dataset: ColumnarData, options: EvaluateOptions = {}): Evaluation {
  const rt = new Runtime(program.graph, dataset, options.prev ?? null);
  for (const id of program.graph.order) runNode(program.graph.nodes[id]!, rt);
  const failed = rt.issues.some((i) => i.severity === "error");
  return { results: failed ? null : new Results(program, rt), issues: rt.issues };
}
