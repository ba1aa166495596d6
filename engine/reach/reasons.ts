/**
 * Why a field at its bound still does not reach the target, from what the bound gives: whether a
 * data check fails, whether the indicators all score full marks, the points they gain and the
 * region's total there. Shared by the search (read from an engine outcome) and the analytic path
 * (read from the model).
 */
import type { GradesNode } from "../graph.js";
import type { Results } from "../results.js";
import type { Target } from "./search.js";

/** What a field's bound gives the region. */
export interface AtBound {
  readonly valid: boolean;
  readonly full: boolean;
  readonly pointsGained: number;
  readonly total: number;
}

/** The reason, in the report's words. */
export function whyNot(base: Results, o: AtBound, r: number, t: Target): string {
  if (!o.valid) return "a data check fails before the target is reached";
  if (o.full) return said(FULL, cents(o.total), fullText);
  if (o.pointsGained <= 0) return "the indicator's score does not rise (its rule does not reward this field further)";
  if (t.kind === "grade") {
    const graph = base.program.graph;
    const node = graph.nodes[graph.grades!]! as GradesNode;
    const th = node.levels[t.level]!.threshold;
    const theta = th ? th.run(base.runtime)[r]! : -Infinity;
    if (o.total >= theta) return `the total reaches ${round(o.total)} (threshold ${round(theta)}) but the grade's quota is full`;
  }
  return said(SHORT, cents(o.total), shortText);
}

/** Reasons already written, by kind and the total they print in cents (an integer key: most fields of a run share a few hundred). */
const FULL = new Map<number, string>();
const SHORT = new Map<number, string>();
const fullText = (t: number): string => `at its bound the indicator scores full marks (cap), and the total reaches only ${t}`;
const shortText = (t: number): string => `even at its bound the total reaches only ${t}`;

/** The last reason said (a region's fields at full marks mostly print one total): its map, total in cents and text. */
let lastMap: Map<number, string> | null = null;
let lastCents = NaN;
let lastText = "";

/** The reason of a kind for a total of `c` cents (written with `round`'s number, c / 100). */
function said(known: Map<number, string>, c: number, write: (t: number) => string): string {
  if (known === lastMap && c === lastCents) return lastText;
  let s = known.get(c);
  if (s === undefined) {
    s = write(c / 100);
    if (known.size < 100_000) known.set(c, s);
  }
  lastMap = known;
  lastCents = c;
  lastText = s;
  return s;
}

/** A total in cents as `round` reads it (round(x) = cents(x) / 100). */
function cents(x: number): number {
  return Math.round(x * 100);
}

/** A number rounded to two decimals, as the reasons print it. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
