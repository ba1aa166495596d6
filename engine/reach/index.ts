/**
 * Counterfactuals — "what must 区A reach to become 优秀?": for a region and a target grade or
 * rank, the smallest change of each input field an indicator scores that reaches the target on
 * its own (or why none does), and the cheapest combination of changes under relative cost.
 * Fields whose effect on the total the compiled plan shows (piecewise-linear per region) are
 * solved analytically and each answer confirmed by the engine's kernels on the changed parts
 * (confirm.ts; a full evaluation only where that cannot tell); the others are searched by
 * re-evaluating the engine (only the nodes downstream of the changed inputs), so bands, caps,
 * deductions, quotas and vetoes all count. `reachAll` serves every region sharing the per-run
 * work. See README.md.
 */
import type { IndicatorDetail } from "../indicator-detail.js";
import type { IndicatorNode } from "../graph.js";
import type { Results } from "../results.js";
import { combineAnalytic } from "./analytic.js";
import { combine, type Candidate, type Combination } from "./combine.js";
import { indicatorFields, type Field } from "./fields.js";
import { confirmLocal, localTotal, othersRise } from "./confirm.js";
import { fieldModel, type FieldModel } from "./field-model.js";
import { needOf, type Need } from "./need.js";
import { GainPath } from "./path.js";
import { Probe, type Outcome } from "./probe.js";
import { whyNot } from "./reasons.js";
import { reaches, scaleOf, searchField, type Target } from "./search.js";
import { cheapestFirst } from "./order.js";
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

/** A field a counterfactual may change: the indicators that score it, its column and its model (or why there is none). */
interface FieldEntry {
  readonly field: Field;
  readonly indicators: IndicatorNode[];
  readonly column: Float64Array;
  readonly model: FieldModel | string;
  readonly fallback: 1 | -1;
  /** The indicators as every single change of the field reports them (one shared list). */
  readonly listed: SingleChange["indicators"];
}

/** The fields of every indicator, each field once with the indicators that score it (built once per run). */
function fieldsOf(base: Results): FieldEntry[] {
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
  const out = [...byName.values()].map(({ field, indicators }) => ({
    field, indicators, column: base.runtime.slot(inputId(base, field.name)), model: fieldModel(base, field.name),
    fallback: (indicators[0]!.plan.direction === "lower" ? -1 : 1) as 1 | -1,
    listed: indicators.map((n) => ({ path: n.tree.path, label: n.tree.label })),
  }));
  fieldCache.set(base, out);
  return out;
}

const fieldCache = new WeakMap<Results, FieldEntry[]>();

function pointsGained(base: Results, o: Outcome, nodes: readonly IndicatorNode[], r: number): number {
  return nodes.reduce((s, n) => s + (o.rt.details[n.id] as IndicatorDetail).score[r]! - (base.runtime.details[n.id] as IndicatorDetail).score[r]!, 0);
}

/** Finds what region `region` must reach for the target. */
export function reach(base: Results, region: string, t: Target): ReachResult | string {
  const r = base.indexOf(region);
  if (r < 0) return `no region \`${region}\``;
  return reachRegion(base, r, t);
}

/**
 * Counterfactuals to the next grade for every region below the top grade (or the given regions),
 * sharing the fields, their models and the grading's sorted totals: one result per region, in order.
 */
export function reachAll(base: Results, regions?: readonly number[]): { region: number; result: ReachResult }[] {
  const out: { region: number; result: ReachResult }[] = [];
  const list = regions ?? Array.from(base.regions.keys());
  for (const r of list) {
    const t = nextGrade(base, r);
    if (t) out.push({ region: r, result: reachRegion(base, r, t) });
  }
  return out;
}

/** The counterfactual of region index r. */
function reachRegion(base: Results, r: number, t: Target): ReachResult {
  const region = base.regions[r]!;
  const total = base.total[r]!;
  const empty = { region, target: t, singles: [], combination: null };
  if (reachesNow(base, r, t)) return { ...empty, already: true, blocked: null };
  const blocked = vetoBlock(base, r, t);
  if (blocked) return { ...empty, already: false, blocked };
  const need = needOf(base, r, t);
  const singles: SingleChange[] = [];
  const cands = clearCands();
  const options = clearOptions();
  const entries = fieldsOf(base);
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    const { field, indicators, model } = entry;
    const x = entry.column[r]!;
    if (x !== x) continue;
    const a = typeof need === "string" || typeof model === "string" ? null : analyticSingle(base, model, field, r, x, t, need, entry.fallback, pathOf(e), answerBox);
    if (a) {
      if (a.gained > 0) { cands.fields.push(field); cands.dirs.push(a.dir); cands.bounds.push(a.bound); }
      if (a.path.rises) {
        options.entries.push(entry);
        options.xs.push(x);
        options.dirs.push(a.dir);
        options.paths.push(a.path);
        options.scales.push(scaleOf(field, x));
      }
      singles.push(single(field, entry.listed, x, a.value, a.bound, a.points, a.gained, a.reason));
      continue;
    }
    const s = searched(base, field, indicators, entry.listed, r, t, entry.fallback, total, x);
    if (s.gained > 0) { cands.fields.push(field); cands.dirs.push(s.dir); cands.bounds.push(s.single.bound); }
    singles.push(s.single);
  }
  cheapestFirst(singles);
  const analytic = typeof need === "string" ? null : analyticCombination(base, r, t, need, options);
  return { ...empty, already: false, blocked: null, singles, combination: cheapest(base, r, t, cands, singles, analytic) };
}

/**
 * Storage reused by every region (one is answered at a time, and nothing of these outlives it):
 * a gain path per field, the analytic answer filled in per field, the combination's options and
 * the greedy's candidates (made into objects only when the greedy runs) as parallel lists.
 */
const pathPool: GainPath[] = [];
const answerBox: AnalyticSingle = { dir: 1, bound: 0, value: null, gained: 0, points: 0, reason: null, path: new GainPath() };
const options: Options = { entries: [], xs: [], dirs: [], paths: [], scales: [] };
const candLists: Cands = { fields: [], dirs: [], bounds: [] };

function pathOf(e: number): GainPath {
  return (pathPool[e] ??= new GainPath(4));
}

/** The fields the greedy may move (those that raised the total on their own), as parallel lists. */
interface Cands { readonly fields: Field[]; readonly dirs: (1 | -1)[]; readonly bounds: number[] }

function clearCands(): Cands {
  candLists.fields.length = candLists.dirs.length = candLists.bounds.length = 0;
  return candLists;
}

function clearOptions(): Options {
  options.entries.length = options.xs.length = options.dirs.length = options.paths.length = options.scales.length = 0;
  return options;
}

function candidates(c: Cands): Candidate[] {
  return c.fields.map((field, k) => ({ field, dir: c.dirs[k]!, bound: c.bounds[k]! }));
}

function inputId(base: Results, name: string): number {
  return base.program.graph.inputs.find((i) => i.decl.name.name === name)!.id;
}

function single(field: Field, indicators: SingleChange["indicators"], x: number, value: number | null, bound: number, points: number, gained: number, reason: string | null): SingleChange {
  const change = value === null ? null : value - x;
  return {
    field: field.name, label: field.label, unit: field.unit, indicators,
    current: x, needed: value, change, cost: change === null ? null : Math.abs(change) / scaleOf(field, x),
    bound, pointsGained: points, totalGained: gained, reason,
  };
}

/** A single change found by the engine-driven search. */
function searched(base: Results, field: Field, indicators: readonly IndicatorNode[], listed: SingleChange["indicators"], r: number, t: Target, fallback: 1 | -1, total: number, x: number): { single: SingleChange; dir: 1 | -1; gained: number } {
  const probe = new Probe(base, [field.name]);
  const s = searchField(probe, field, r, t, fallback, total);
  const gained = s.outcome.total - total;
  const points = pointsGained(base, s.outcome, indicators, r);
  const reason = s.value === null ? whyNot(base, { valid: s.outcome.valid, full: fullMarks(s.outcome, indicators, r), pointsGained: points, total: s.outcome.total }, r, t) : null;
  return { single: single(field, listed, x, s.value, s.bound, points, gained, reason), dir: s.dir, gained };
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

/**
 * The analytic combination over the fields the model reads, confirmed locally (confirm.ts) or
 * else by one engine evaluation (null when it does not reach). Where others' imputations rise
 * with the changes, the combination is sought again with the need raised by their largest rise.
 */
/** The fields the analytic combination may move, as parallel lists: entry, current value, direction, gain path and cost scale. */
interface Options { readonly entries: FieldEntry[]; readonly xs: number[]; readonly dirs: (1 | -1)[]; readonly paths: GainPath[]; readonly scales: number[] }

function analyticCombination(base: Results, r: number, t: Target, need: Need, options: Options): Combination | null {
  if (options.entries.length === 0) return null;
  let want = need;
  for (let attempt = 0; attempt < 6; attempt++) {
    const d = combineAnalytic(options.paths, options.scales, base.total[r]!, want);
    if (!d) return null;
    const { entries, xs, dirs, scales } = options;
    const moved = d.flatMap((dj, j) => (dj > 0 ? [j] : []));
    const values = moved.map((j) => ({ field: entries[j]!.field, from: xs[j]!, to: xs[j]! + dirs[j]! * d[j]! }));
    const cost = moved.reduce((s, j) => s + d[j]! / scales[j]!, 0);
    const changes = moved.map((j, k) => ({ model: entries[j]!.model as FieldModel, x: xs[j]!, v: values[k]!.to }));
    const local = confirmLocal(base, r, t, need, changes);
    if (local !== null) return { values, cost, total: local };
    // Short of the need by what the model added up (a block's cap shared by several fields), or by others' rise: ask for that much more.
    const short = need.value - localTotal(base, r, changes);
    const rise = need.others ? othersRise(base, r, changes) : 0;
    const more = Math.max(rise, short > 0 ? short : 0);
    if (more > 0 && more < Infinity) { want = { value: want.value + more, strict: true, others: need.others }; continue; }
    const outcome = new Probe(base, moved.map((j) => entries[j]!.field.name)).run(r, values.map((v) => v.to));
    return reaches(outcome, t) ? { values, cost, total: outcome.total } : null;
  }
  return null;
}

/** The combination, or the best single change when that is cheaper; the search's greedy runs only when the analytic one is missing. */
function cheapest(base: Results, r: number, t: Target, cands: Cands, singles: readonly SingleChange[], analytic: Combination | null): ReachResult["combination"] {
  const best = singles[0];
  const total = base.total[r]!;
  if (best && best.cost !== null && (!analytic || best.cost <= analytic.cost)) {
    return { changes: [{ field: best.field, label: best.label, from: best.current, to: best.needed! }], cost: best.cost, totalGained: best.totalGained };
  }
  const c: Combination | null = analytic ?? combine(base, r, t, candidates(cands));
  if (best && best.cost !== null && (!c || best.cost <= c.cost)) {
    return { changes: [{ field: best.field, label: best.label, from: best.current, to: best.needed! }], cost: best.cost, totalGained: best.totalGained };
  }
  if (!c) return null;
  return { changes: c.values.map((v) => ({ field: v.field.name, label: v.field.label, from: v.from, to: v.to })), cost: c.cost, totalGained: c.total - total };
}

export { nextGradeSentences } from "./sentences.js";
export type { Target } from "./search.js";
