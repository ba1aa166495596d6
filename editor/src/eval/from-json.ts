/**
 * The server fallback's answers in the worker's shape: results as JSON objects (one per region)
 * → the columns the ranking table draws, so both paths share one table.
 */
import type { RegionResult } from "../api/analysis.js";
import { changesFrom, orderOf } from "./ranking.js";
import type { BaseRun, Outcome, WhatIfOutcome } from "./protocol.js";

/** Rankings by their JSON key: `overall` is the overall ranking (null), others a typology. */
function rankingsOf(regions: readonly RegionResult[]): (string | null)[] {
  return Object.keys(regions[0]?.ranks ?? {}).map((k) => (k === "overall" ? null : k));
}

function outcome(regions: readonly RegionResult[], rankings: readonly (string | null)[], labels: string[]): Outcome {
  const n = regions.length;
  const total = Float64Array.from(regions, (r) => r.total);
  const grade = new Int32Array(n);
  regions.forEach((r, i) => {
    if (r.grade === null) return void (grade[i] = -1);
    // A what-if may give a grade no region had before: it joins the labels.
    grade[i] = labels.includes(r.grade) ? labels.indexOf(r.grade) : labels.push(r.grade) - 1;
  });
  const ranks = rankings.map((k) => Int32Array.from(regions, (r) => r.ranks[k ?? "overall"] ?? 0));
  const overall = rankings.indexOf(null);
  return { total, grade, ranks, order: orderOf(overall >= 0 ? ranks[overall]! : null, total) };
}

/** The base run from the server's results. */
export function baseOfJson(regions: readonly RegionResult[]): BaseRun {
  const rankings = rankingsOf(regions);
  const gradeLabels: string[] = [];
  return { ...outcome(regions, rankings, gradeLabels), regions: regions.map((r) => r.region), rankings, gradeLabels };
}

/** A server what-if's regions (same regions, same order) as an outcome against `base`. */
export function outcomeOfJson(base: BaseRun, regions: readonly RegionResult[]): WhatIfOutcome {
  const o = outcome(regions, base.rankings, base.gradeLabels as string[]);
  return { ...o, ...changesFrom(base, o), issues: [], workerMs: 0 };
}
