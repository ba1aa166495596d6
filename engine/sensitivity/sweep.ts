/**
 * One-at-a-time sensitivity: one share moved from `from` to `to` in equal steps, each point an
 * exact what-if (the other shares of its group keep their proportions), with every region's
 * total, overall rank and grade at each point.
 */
import type { Results } from "../results.js";
import { whatIf, type WhatIfIssue } from "../whatif/index.js";
import type { Sweep } from "./options.js";

/** Every region's outcome at one value of the swept share. */
export interface SweepPoint {
  readonly value: number;
  readonly totals: readonly number[];
  /** Overall competition ranks (the first ranking when there is no overall one). */
  readonly ranks: readonly number[];
  readonly grades: readonly (string | null)[];
}

/** The sweep's points, or the issues that stopped it. */
export interface SweepResult {
  readonly path: string;
  readonly field: "weight" | "points";
  readonly points: readonly SweepPoint[];
  readonly issues: readonly WhatIfIssue[];
}

/** Runs a sweep. */
export function sweep(base: Results, s: Sweep): SweepResult {
  const field = s.field ?? "weight";
  const points: SweepPoint[] = [];
  for (let k = 0; k <= s.steps; k++) {
    const value = s.from + ((s.to - s.from) * k) / s.steps;
    const w = whatIf(base, [{ path: s.path, field, value }]);
    if (w.issues.some((i) => i.severity === "error") || !w.results) return { path: s.path, field, points, issues: w.issues };
    const r = w.results;
    const ranking = r.ranks.find((x) => x.within === null) ?? r.ranks[0];
    const g = r.grades;
    points.push({
      value, totals: Array.from(r.total), ranks: ranking ? Array.from(ranking.rank) : [],
      grades: r.regions.map((_, i) => (g ? g.labels[g.level[i]!] ?? null : null)),
    });
  }
  return { path: s.path, field, points, issues: [] };
}
