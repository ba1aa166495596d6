/**
 * Counterfactuals — "what must 区A reach to become 优秀?": for a region and a target grade or
 * rank, the smallest change of each input field an indicator scores that reaches the target on
 * its own (or why none does), and the cheapest combination of changes under relative cost.
 * Every candidate is checked by re-evaluating the real engine (only the nodes downstream of the
 * changed inputs), so bands, caps, deductions, quotas and vetoes all count. See README.md.
 */
import type { IndicatorDetail } from "../indicator-detail.js";
import type { IndicatorNode } from "../graph.js";
import type { Results } from "../results.js";
import { combine, type Candidate, type Combination } from "./combine.js";
import { indicatorFields, type Field } from "./fields.js";
import { Probe, type Outcome } from "./probe.js";
import { scaleOf, searchField, type Target } from "./search.js";

/** One field changed alone. */
export interface SingleChange {
  readonly field: string;
  readonly label: string;
  readonly unit: string | null;
  /** The indicators that score the field. */
  readonly indicators: readonly { readonly path: string; readonly label: string }[];
  readonly current: number;
  /** The value needed; null when no value within `bound` reaches the target. */
  readonly needed: number | null;
  /** needed − current (null with needed). */
  readonly change: number | null;
  /** |change| / scale (|current|, or the range's width when it is 0). */
  readonly cost: number | null;
  /** The searched bound (the declared range's end, or a generous one). */
  readonly bound: number;
  /** What the indicators gain in points, and the total, at the needed value (or at the bound). */
  readonly pointsGained: number;
  readonly totalGained: number;
  /** Why the field cannot reach the target alone (null when it can). */
  readonly reason: string | null;
}

/** The outcome of a counterfactual search. */
export interface ReachResult {
  readonly region: string;
  readonly target: Target;
  /** True when the region already meets the target (nothing to change). */
  readonly already: boolean;
  /** Why no change of any indicator can reach it (a veto), else null. */
  readonly blocked: string | null;
  /** One per field, those that reach the target first (cheapest first), then the others. */
  readonly singles: readonly SingleChange[];
  /** The cheapest combination found (null when none reaches, or the region is blocked). */
  readonly combination: { readonly changes: readonly { readonly field: string; readonly label: string; readonly from: number; readonly to: number }[]; readonly cost: number; readonly totalGained: number } | null;
}

/** The next better grade of region r (null when it has the best grade or there are no grades). */
export function nextGrade(base: Results, r: number): Target | null {
  const g = base.grades;
  if (!g || g.level[r]! <= 0) return null;
  const level = g.level[r]! - 1;
  return { kind: "grade", level, label: g.labels[level]! };
}

/** Reads a target: a grade label, or a rank (in the first ranking, or the one `within` a typology). */
export function readTarget(base: Results, grade: string | null, rank: number | null, within: string | null = null): Target | string {
  if (grade !== null) {
    const labels = base.grades?.labels ?? [];
    const level = labels.indexOf(grade);
    if (level < 0) return labels.length ? `no grade \`${grade}\` (grades are ${labels.map((l) => `\`${l}\``).join(", ")})` : "the scheme has no grades";
    return { kind: "grade", level, label: grade };
  }
  if (rank === null || !(rank >= 1)) return "give a target grade or a rank of 1 or more";
  const ranking = base.ranks.findIndex((k) => k.within === within);
  if (ranking < 0) return `no ranking ${within === null ? "overall" : `within \`${within}\``}`;
  return { kind: "rank", ranking, rank: Math.floor(rank), within };
}

/** Why a veto keeps region r from a grade target (null when none does). */
function vetoBlock(base: Results, r: number, t: Target): string | null {
  if (t.kind !== "grade") return null;
  const last = (base.grades?.labels.length ?? 1) - 1;
  for (const v of base.vetoes) {
    if (!v.fired[r]) continue;
    const ceiling = v.scope === "top" ? 1 : v.grade === null ? last : base.grades!.labels.indexOf(v.grade);
    if (ceiling > t.level) return `the veto 「${v.label}」 applies`;
  }
  return null;
}

/** The fields of every indicator, each field once with the indicators that score it. */
function fieldsOf(base: Results): { field: Field; indicators: IndicatorNode[] }[] {
  const byName = new Map<string, { field: Field; indicators: IndicatorNode[] }>();
  for (const node of base.program.graph.nodes) {
    if (node.kind !== "indicator") continue;
    for (const f of indicatorFields(node, base.program.scheme)) {
      const e = byName.get(f.name) ?? { field: f, indicators: [] };
      e.indicators.push(node);
      byName.set(f.name, e);
    }
  }
  return [...byName.values()];
}

function pointsGained(base: Results, o: Outcome, nodes: readonly IndicatorNode[], r: number): number {
  return nodes.reduce((s, n) => s + (o.rt.details[n.id] as IndicatorDetail).score[r]! - (base.runtime.details[n.id] as IndicatorDetail).score[r]!, 0);
}

/** Finds what region `region` must reach for the target. */
export function reach(base: Results, region: string, t: Target): ReachResult | string {
  const r = base.indexOf(region);
  if (r < 0) return `no region \`${region}\``;
  const total = base.total[r]!;
  const empty = { region, target: t, singles: [], combination: null };
  if (reachesNow(base, r, t)) return { ...empty, already: true, blocked: null };
  const blocked = vetoBlock(base, r, t);
  if (blocked) return { ...empty, already: false, blocked };
  const singles: SingleChange[] = [];
  const cands: Candidate[] = [];
  for (const { field, indicators } of fieldsOf(base)) {
    const probe = new Probe(base, [field.name]);
    const x = probe.current(r)[0]!;
    if (x !== x) continue;
    const fallback = indicators[0]!.plan.direction === "lower" ? -1 : 1;
    const s = searchField(probe, field, r, t, fallback, total);
    const gained = s.outcome.total - total;
    if (gained > 0) cands.push({ field, dir: s.dir, bound: s.bound });
    const change = s.value === null ? null : s.value - x;
    singles.push({
      field: field.name, label: field.label, unit: field.unit, indicators: indicators.map((n) => ({ path: n.tree.path, label: n.tree.label })),
      current: x, needed: s.value, change, cost: change === null ? null : Math.abs(change) / scaleOf(field, x),
      bound: s.bound, pointsGained: pointsGained(base, s.outcome, indicators, r), totalGained: gained,
      reason: s.value === null ? whyNot(base, s.outcome, indicators, r, t) : null,
    });
  }
  singles.sort((a, b) => (a.cost ?? Infinity) - (b.cost ?? Infinity));
  return { ...empty, already: false, blocked: null, singles, combination: cheapest(base, r, t, cands, singles) };
}

function reachesNow(base: Results, r: number, t: Target): boolean {
  return t.kind === "grade" ? !!base.grades && base.grades.level[r]! <= t.level : base.ranks[t.ranking]!.rank[r]! <= t.rank;
}

/** Why a field at its bound still does not reach the target. */
function whyNot(base: Results, o: Outcome, nodes: readonly IndicatorNode[], r: number, t: Target): string {
  if (!o.valid) return "a data check fails before the target is reached";
  const full = nodes.every((n) => {
    const d = o.rt.details[n.id] as IndicatorDetail;
    return d.score[r]! >= d.points[r]! - 1e-9;
  });
  if (full) return `at its bound the indicator scores full marks (cap), and the total reaches only ${round(o.total)}`;
  if (pointsGained(base, o, nodes, r) <= 0) return "the indicator's score does not rise (its rule does not reward this field further)";
  if (t.kind === "grade") {
    const graph = base.program.graph;
    const node = graph.nodes[graph.grades!]!;
    const th = node.kind === "grades" ? node.levels[t.level]!.threshold : null;
    const theta = th ? th.run(base.runtime)[r]! : -Infinity;
    if (o.total >= theta) return `the total reaches ${round(o.total)} (threshold ${round(theta)}) but the grade's quota is full`;
  }
  return `even at its bound the total reaches only ${round(o.total)}`;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The combination, or the best single change when that is cheaper. */
function cheapest(base: Results, r: number, t: Target, cands: readonly Candidate[], singles: readonly SingleChange[]): ReachResult["combination"] {
  const c: Combination | null = combine(base, r, t, cands);
  const best = singles[0];
  const total = base.total[r]!;
  if (best && best.cost !== null && (!c || best.cost <= c.cost)) {
    return { changes: [{ field: best.field, label: best.label, from: best.current, to: best.needed! }], cost: best.cost, totalGained: best.totalGained };
  }
  if (!c) return null;
  return { changes: c.values.map((v) => ({ field: v.field.name, label: v.field.label, from: v.from, to: v.to })), cost: c.cost, totalGained: c.outcome.total - total };
}

export { nextGradeSentences } from "./sentences.js";
export type { Target } from "./search.js";
