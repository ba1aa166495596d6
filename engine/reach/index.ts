/**
 * Counterfactuals — "what must 区A reach to become 优秀?": for a region and a target grade or
 * rank, the smallest change of each input field an indicator scores that reaches the target on
 * its own (or why none does), and the cheapest combination of changes under relative cost.
 * Fields whose effect on the total the compiled plan shows (piecewise-linear per region) are
 * solved analytically and the answers checked by the real engine; the others are searched by
 * re-evaluating the engine (only the nodes downstream of the changed inputs), so bands, caps,
 * deductions, quotas and vetoes all count. See README.md.
 */
import type { IndicatorDetail } from "../indicator-detail.js";
import type { IndicatorNode } from "../graph.js";
import type { Results } from "../results.js";
import { combineAnalytic, type Option } from "./analytic.js";
import { combine, type Candidate, type Combination } from "./combine.js";
import { indicatorFields, type Field } from "./fields.js";
import { needOf, type Need } from "./need.js";
import { Probe, type Outcome } from "./probe.js";
import { whyNot } from "./reasons.js";
import { reaches, scaleOf, searchField, type Target } from "./search.js";
import { analyticSingle, type AnalyticSingle } from "./single.js";

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
  const known = fieldCache.get(base);
  if (known) return known;
  const byName = new Map<string, { field: Field; indicators: IndicatorNode[] }>();
  for (const node of base.program.graph.nodes) {
    if (node.kind !== "indicator") continue;
    for (const f of indicatorFields(node, base.program.scheme)) {
      const e = byName.get(f.name) ?? { field: f, indicators: [] };
      e.indicators.push(node);
      byName.set(f.name, e);
    }
  }
  const out = [...byName.values()];
  fieldCache.set(base, out);
  return out;
}

const fieldCache = new WeakMap<Results, { field: Field; indicators: IndicatorNode[] }[]>();

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
  const need = needOf(base, r, t);
  const singles: SingleChange[] = [];
  const cands: Candidate[] = [];
  const options: { field: Field; dir: 1 | -1; option: Option }[] = [];
  const unchecked = new Map<SingleChange, { field: Field; indicators: IndicatorNode[]; fallback: 1 | -1 }>();
  for (const { field, indicators } of fieldsOf(base)) {
    const x = base.runtime.slot(inputId(base, field.name))[r]!;
    if (x !== x) continue;
    const fallback = indicators[0]!.plan.direction === "lower" ? -1 : 1;
    const a = typeof need === "string" ? null : analyticSingle(base, field, r, x, t, need, fallback);
    const s = a ? fromAnalytic(base, a, field, indicators, r, x) : searched(base, field, indicators, r, t, fallback, total, x);
    if (s.gained > 0) cands.push({ field, dir: s.dir, bound: s.single.bound });
    if (a && a.path.at.some((g, k) => g > 0 || a.path.after[k]! > 0)) options.push({ field, dir: a.dir, option: { path: a.path, scale: scaleOf(field, x) } });
    singles.push(s.single);
    if (a && a.value !== null && !a.outcome) unchecked.set(s.single, { field, indicators, fallback });
  }
  singles.sort((a, b) => (a.cost ?? Infinity) - (b.cost ?? Infinity));
  confirmBest(base, r, t, singles, unchecked, total);
  const analytic = typeof need === "string" ? null : analyticCombination(base, r, t, need, options);
  return { ...empty, already: false, blocked: null, singles, combination: cheapest(base, r, t, cands, singles, analytic) };
}

function inputId(base: Results, name: string): number {
  return base.program.graph.inputs.find((i) => i.decl.name.name === name)!.id;
}

function single(field: Field, indicators: readonly IndicatorNode[], x: number, value: number | null, bound: number, points: number, gained: number, reason: string | null): SingleChange {
  const change = value === null ? null : value - x;
  return {
    field: field.name, label: field.label, unit: field.unit, indicators: indicators.map((n) => ({ path: n.tree.path, label: n.tree.label })),
    current: x, needed: value, change, cost: change === null ? null : Math.abs(change) / scaleOf(field, x),
    bound, pointsGained: points, totalGained: gained, reason,
  };
}

/** A single change from the analytic path (points and total read from the engine's check when a value was found). */
function fromAnalytic(base: Results, a: AnalyticSingle, field: Field, indicators: readonly IndicatorNode[], r: number, x: number): { single: SingleChange; dir: 1 | -1; gained: number } {
  const points = a.outcome ? pointsGained(base, a.outcome, indicators, r) : a.points;
  return { single: single(field, indicators, x, a.value, a.bound, points, a.gained, a.reason), dir: a.dir, gained: a.gained };
}

/** A single change found by the engine-driven search. */
function searched(base: Results, field: Field, indicators: readonly IndicatorNode[], r: number, t: Target, fallback: 1 | -1, total: number, x: number): { single: SingleChange; dir: 1 | -1; gained: number } {
  const probe = new Probe(base, [field.name]);
  const s = searchField(probe, field, r, t, fallback, total);
  const gained = s.outcome.total - total;
  const points = pointsGained(base, s.outcome, indicators, r);
  const reason = s.value === null ? whyNot(base, { valid: s.outcome.valid, full: fullMarks(s.outcome, indicators, r), pointsGained: points, total: s.outcome.total }, r, t) : null;
  return { single: single(field, indicators, x, s.value, s.bound, points, gained, reason), dir: s.dir, gained };
}

/**
 * Checks the cheapest single change with the engine when the model alone gave it (the one the
 * combination and the bulletin report); one that does not reach is searched again, until the
 * cheapest is confirmed.
 */
function confirmBest(base: Results, r: number, t: Target, singles: SingleChange[], unchecked: Map<SingleChange, { field: Field; indicators: IndicatorNode[]; fallback: 1 | -1 }>, total: number): void {
  for (;;) {
    const best = singles[0];
    const u = best && unchecked.get(best);
    if (!best || !u) return;
    unchecked.delete(best);
    const o = new Probe(base, [best.field]).run(r, [best.needed!]);
    if (reaches(o, t)) {
      singles[0] = { ...best, totalGained: o.total - total, pointsGained: pointsGained(base, o, u.indicators, r) };
      return;
    }
    singles[0] = searched(base, u.field, u.indicators, r, t, u.fallback, total, best.current).single;
    singles.sort((a, b) => (a.cost ?? Infinity) - (b.cost ?? Infinity));
  }
}

function reachesNow(base: Results, r: number, t: Target): boolean {
  return t.kind === "grade" ? !!base.grades && base.grades.level[r]! <= t.level : base.ranks[t.ranking]!.rank[r]! <= t.rank;
}

function fullMarks(o: Outcome, nodes: readonly IndicatorNode[], r: number): boolean {
  return nodes.every((n) => {
    const d = o.rt.details[n.id] as IndicatorDetail;
    return d.score[r]! >= d.points[r]! - 1e-9;
  });
}

/** The analytic combination over the fields the model reads, checked by one engine evaluation (null when it does not reach). */
function analyticCombination(base: Results, r: number, t: Target, need: Need, options: readonly { field: Field; dir: 1 | -1; option: Option }[]): Combination | null {
  if (options.length === 0) return null;
  const d = combineAnalytic(options.map((o) => o.option), base.total[r]!, need);
  if (!d) return null;
  const moved = options.map((o, j) => ({ o, j })).filter(({ j }) => d[j]! > 0);
  const probe = new Probe(base, moved.map(({ o }) => o.field.name));
  const from = probe.current(r);
  const to = moved.map(({ o, j }, k) => from[k]! + o.dir * d[j]!);
  const outcome = probe.run(r, to);
  if (!reaches(outcome, t)) return null;
  const values = moved.map(({ o }, k) => ({ field: o.field, from: from[k]!, to: to[k]! }));
  const cost = moved.reduce((s, { o, j }) => s + d[j]! / o.option.scale, 0);
  return { values, cost, outcome };
}

/** The combination, or the best single change when that is cheaper; the search's greedy runs only when the analytic one is missing. */
function cheapest(base: Results, r: number, t: Target, cands: readonly Candidate[], singles: readonly SingleChange[], analytic: Combination | null): ReachResult["combination"] {
  const best = singles[0];
  const total = base.total[r]!;
  if (best && best.cost !== null && (!analytic || best.cost <= analytic.cost)) {
    return { changes: [{ field: best.field, label: best.label, from: best.current, to: best.needed! }], cost: best.cost, totalGained: best.totalGained };
  }
  const c: Combination | null = analytic ?? combine(base, r, t, cands);
  if (best && best.cost !== null && (!c || best.cost <= c.cost)) {
    return { changes: [{ field: best.field, label: best.label, from: best.current, to: best.needed! }], cost: best.cost, totalGained: best.totalGained };
  }
  if (!c) return null;
  return { changes: c.values.map((v) => ({ field: v.field.name, label: v.field.label, from: v.from, to: v.to })), cost: c.cost, totalGained: c.outcome.total - total };
}

export { nextGradeSentences } from "./sentences.js";
export type { Target } from "./search.js";
