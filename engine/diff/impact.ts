/**
 * The impact diff: both versions evaluated on the same dataset (engine `buildProgram` +
 * `evaluate`), each region's total, rank and grade under both, and the indicators whose
 * contribution moved most. Indicators are matched across versions as the structural diff
 * matches them, so a moved indicator is compared with itself.
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import { evaluate } from "../evaluate.js";
import { overall } from "../ops/column.js";
import { competitionRanks } from "../ops/rank.js";
import { buildProgram } from "../program.js";
import type { Results } from "../results.js";
import type { ColumnarData } from "../runtime.js";
import type { Driver, ImpactDiff, ImpactIssue, RegionImpact, RegionOutcome } from "./impact-types.js";
import { matchTrees, treeOrder } from "./match.js";
import { round } from "./record.js";
import { diffSide } from "./structural.js";

/** Options of an impact diff. */
export interface ImpactOptions {
  /** Last period's dataset, for `prev(x)` and `missing prev`. */
  readonly prev?: ColumnarData | null;
  /** The dataset as loaded for the old version, when its inputs differ from the new one's (default: the same dataset). */
  readonly oldDataset?: ColumnarData;
  /** Last period's dataset as loaded for the old version (default: `prev`). */
  readonly oldPrev?: ColumnarData | null;
  /** How many indicators to list per region (default 3). */
  readonly top?: number;
}

/** The impact diff, or null with the issues that stopped either version. */
export interface ImpactOutcome {
  readonly impact: ImpactDiff | null;
  /** Every issue of both versions (build diagnostics and evaluation issues), errors and warnings. */
  readonly issues: readonly ImpactIssue[];
}

function run(scheme: CheckedScheme, data: ColumnarData, prev: ColumnarData | null, side: "old" | "new", issues: ImpactIssue[]): Results | null {
  const errors = scheme.diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) issues.push({ side, severity: "error", code: d.code, message: d.message, span: d.span });
  if (errors.length) return null;
  const built = buildProgram(scheme);
  for (const d of built.diagnostics) issues.push({ side, severity: d.severity, code: d.code, message: d.message, span: d.span });
  if (!built.program) return null;
  const ev = evaluate(built.program, data, { prev });
  for (const i of ev.issues) issues.push({ side, severity: i.severity, code: i.code, message: i.message, span: i.span });
  return ev.results;
}

function overallRanks(r: Results): ArrayLike<number> {
  return r.ranks.find((x) => x.within === null)?.rank ?? competitionRanks(r.total, overall(r.regions.length));
}

function outcomes(r: Results): Map<string, RegionOutcome> {
  const ranks = overallRanks(r);
  const g = r.grades;
  return new Map(r.regions.map((id, i) => [id, {
    total: round(r.total[i]!), treeScore: round(r.treeScore[i]!), bonus: round(r.bonus[i]!), deduction: round(r.deduction[i]!),
    rank: ranks[i]!, grade: g ? g.labels[g.level[i]!] ?? null : null,
  }]));
}

/** Contribution columns of every indicator present in either version, paired. */
function pairedIndicators(a: CheckedScheme, b: CheckedScheme): { old: string | null; new: string | null; label: string }[] {
  const m = matchTrees(a, b);
  const leaves = (root: CheckedScheme["root"]) => treeOrder(root).filter((n) => n.decl?.kind === "indicator");
  return [
    ...leaves(b.root).map((n) => ({ old: m.toOld.get(n)?.path ?? null, new: n.path, label: n.label })),
    ...leaves(a.root).filter((o) => !m.toNew.has(o)).map((o) => ({ old: o.path, new: null, label: o.label })),
  ];
}

function drivers(pairs: ReturnType<typeof pairedIndicators>, ra: Results, rb: Results, ia: number, ib: number, top: number): Driver[] {
  const at = (r: Results, path: string | null, i: number) => (path === null || i < 0 ? 0 : r.tree.get(path)?.contribution[i] ?? 0);
  return pairs.map((p) => {
    const old = at(ra, p.old, ia);
    const now = at(rb, p.new, ib);
    return { path: (p.new ?? p.old)!, oldPath: p.new !== null && p.old !== null && p.old !== p.new ? p.old : null, label: p.label, old: round(old), new: round(now), delta: round(now - old) };
  }).filter((d) => Math.abs(d.delta) > 1e-9).sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta)).slice(0, top);
}

function order(x: RegionImpact, y: RegionImpact): number {
  const abs = (v: number | null) => (v === null ? -1 : Math.abs(v));
  return abs(y.rankGain) - abs(x.rankGain) || abs(y.scoreDelta) - abs(x.scoreDelta)
    || (x.new?.rank ?? Infinity) - (y.new?.rank ?? Infinity) || (x.region < y.region ? -1 : x.region > y.region ? 1 : 0);
}

/** Evaluates both versions on the dataset and compares every region's outcome. */
export function impactDiff(old: CheckedScheme, now: CheckedScheme, dataset: ColumnarData, opts: ImpactOptions = {}): ImpactOutcome {
  const issues: ImpactIssue[] = [];
  const ra = run(old, opts.oldDataset ?? dataset, opts.oldPrev !== undefined ? opts.oldPrev : opts.prev ?? null, "old", issues);
  const rb = run(now, dataset, opts.prev ?? null, "new", issues);
  if (!ra || !rb) return { impact: null, issues };
  const oa = outcomes(ra);
  const ob = outcomes(rb);
  const pairs = pairedIndicators(old, now);
  const ids = [...rb.regions, ...ra.regions.filter((id) => !ob.has(id))];
  const regions = ids.map((region): RegionImpact => {
    const a = oa.get(region) ?? null;
    const b = ob.get(region) ?? null;
    return {
      region, old: a, new: b,
      scoreDelta: a && b ? round(b.total - a.total) : null,
      rankGain: a && b ? a.rank - b.rank : null,
      gradeChanged: a !== null && b !== null && a.grade !== b.grade,
      drivers: drivers(pairs, ra, rb, ra.indexOf(region), rb.indexOf(region), opts.top ?? 3),
    };
  }).sort(order);
  const summary = {
    regions: regions.length,
    rankChanged: regions.filter((r) => (r.rankGain ?? 0) !== 0).length,
    gradeChanged: regions.filter((r) => r.gradeChanged).length,
    maxScoreChange: regions.reduce((m, r) => Math.max(m, Math.abs(r.scoreDelta ?? 0)), 0),
  };
  return { impact: { format: 1, old: diffSide(old), new: diffSide(now), regions, summary }, issues };
}
