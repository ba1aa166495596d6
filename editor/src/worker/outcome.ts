/**
 * Results → the compact outcome the page draws: totals, grade indices, rank columns and the
 * display order as fresh typed arrays (fresh, because their buffers are transferred and a
 * what-if's columns may be the base run's own).
 */
import type { Results } from "../../../engine/results.js";
import type { WhatIfResult } from "../../../engine/whatif/index.js";
import type { BaseRun, Outcome, WhatIfOutcome } from "../eval/protocol.js";
import { changesFrom, orderOf } from "../eval/ranking.js";

/** The outcome of a run. */
export function outcomeOf(r: Results): Outcome {
  const total = r.total.slice();
  const g = r.grades;
  const grade = g ? g.level.slice() : new Int32Array(total.length).fill(-1);
  const ranks = r.ranks.map((k) => k.rank.slice());
  const overall = r.ranks.findIndex((k) => k.within === null);
  return { total, grade, ranks, order: orderOf(overall >= 0 ? ranks[overall]! : null, total) };
}

/** The base run: its regions, names of rankings and grades, and its outcome. */
export function baseRun(r: Results): BaseRun {
  return { ...outcomeOf(r), regions: [...r.regions], rankings: r.ranks.map((k) => k.within), gradeLabels: [...(r.grades?.labels ?? [])] };
}

/** A what-if's outcome against the base (`w.results` must not be null). */
export function whatIfOutcome(base: BaseRun, w: WhatIfResult, started: number): WhatIfOutcome {
  const o = outcomeOf(w.results!);
  const issues = w.issues.map((i) => ({ severity: i.severity, message: i.message, override: i.override }));
  return { ...o, ...changesFrom(base, o), issues, workerMs: performance.now() - started };
}
