/**
 * Runs the nodes after the tree: bonus/deduction blocks, the total, vetoes, grades, ranks,
 * checks, alerts and flags.
 */
import type { AlertNode, BlockNode, CheckNode, FlagNode, GradesNode, RankNode, TotalNode, VetoNode } from "./graph.js";
import { operand, runItem } from "./exec-items.js";
import { issue, regionList, regionsWhere } from "./issues.js";
import { truth } from "./ops/column.js";
import { grade } from "./ops/grade.js";
import { competitionRanks } from "./ops/rank.js";
import { blockTotal } from "./ops/rules.js";
import type { Runtime } from "./runtime.js";

/** A block's item amounts and capped total. */
export interface BlockDetail {
  readonly kind: "block";
  readonly items: readonly Float64Array[];
  readonly total: Float64Array;
}

/** The parts of the total. */
export interface TotalDetail {
  readonly kind: "total";
  readonly tree: Float64Array;
  readonly bonus: Float64Array;
  readonly deduction: Float64Array;
}

/** Each region's grade level and why. */
export interface GradesDetail {
  readonly kind: "grades";
  readonly level: Int32Array;
  /** Index into `GRADE_REASONS`. */
  readonly reason: Uint8Array;
}

/** Alert colours as stored in an alert's column. */
export const ALERT_COLORS = ["none", "green", "yellow", "red"] as const;

/**
 * Runs a bonus or deduction block: each item (capped by its `max`), then the block's `max`. The
 * items' amounts pass through one scratch column into the total; the detail recomputes them
 * (the same kernels on the same columns) when an explanation first reads them.
 */
export function runBlock(node: BlockNode, rt: Runtime): void {
  const scratch = node.items.length > 0 ? new Float64Array(rt.n) : null;
  const amounts = function* (): Generator<Float64Array> { for (const it of node.items) yield runItem(it, rt, null, scratch); };
  const total = blockTotal(amounts(), node.max ? operand(node.max, rt) : null, rt.n);
  let items: Float64Array[] | null = null;
  const detail: BlockDetail = { kind: "block", get items() { return (items ??= node.items.map((it) => runItem(it, rt, null))); }, total };
  rt.details[node.id] = detail;
  rt.values[node.id] = total;
}

/** total = tree score + bonuses − deductions (not clamped). */
export function runTotal(node: TotalNode, rt: Runtime): void {
  const n = rt.n;
  const tree = rt.slot(node.root);
  const bonus = sumOf(node.bonuses, rt);
  const deduction = sumOf(node.deductions, rt);
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) total[i] = tree[i]! + bonus[i]! - deduction[i]!;
  rt.details[node.id] = { kind: "total", tree, bonus, deduction } satisfies TotalDetail;
  rt.values[node.id] = total;
}

/** The sum of some blocks' totals (a single block's own column: 0 + x is x, as block totals are never −0). */
function sumOf(ids: readonly number[], rt: Runtime): Float64Array {
  if (ids.length === 1) return rt.slot(ids[0]!);
  const out = new Float64Array(rt.n);
  for (const id of ids) { const b = rt.slot(id); for (let i = 0; i < rt.n; i++) out[i] = out[i]! + b[i]!; }
  return out;
}

/** A veto fires where its condition holds (missing data never fires it). */
export function runVeto(node: VetoNode, rt: Runtime): void {
  const cond = node.when.run(rt);
  rt.values[node.id] = truth(cond);
}

/** Grades every region: vetoes cap grades, quotas and refill apply (see ops/grade.ts). */
export function runGrades(node: GradesNode, rt: Runtime): void {
  const n = rt.n;
  const last = node.levels.length - 1;
  const ceiling = new Int32Array(n);
  const vetoReason = new Uint8Array(n);
  for (const id of node.vetoes) {
    const v = rt.node(id);
    if (v.kind !== "veto") continue;
    const fired = rt.slot(id);
    const top = v.decl.scope === "top";
    const cap = top ? 1 : v.level < 0 ? last : v.level;
    for (let i = 0; i < n; i++) {
      if (!fired[i] || cap <= ceiling[i]!) continue;
      ceiling[i] = cap;
      vetoReason[i] = top ? 4 : 3;
    }
  }
  const levels = node.levels.map((l) => ({ op: l.op, threshold: l.threshold ? l.threshold.run(rt) : null, uniform: l.threshold?.constant != null, quotas: l.quotas }));
  const total = rt.slot(node.total);
  const g = grade({ total, levels, group: rt.grouping(node.within), refill: node.decl.refill, ceiling, vetoReason, order: rt.order(total, node.within) });
  for (const u of g.unmet) {
    rt.issues.push(issue("quota-unmet", "warning", `too few regions to give \`${node.levels[u.level]!.label}\` to as many as its \`at least\` quota asks`, { span: node.span }));
  }
  rt.details[node.id] = { kind: "grades", level: g.level, reason: g.reason } satisfies GradesDetail;
  const codes = new Float64Array(n);
  for (let i = 0; i < n; i++) codes[i] = node.levels[g.level[i]!]!.code;
  rt.values[node.id] = codes;
}

/** Competition ranks of the total, overall or within each type. */
export function runRank(node: RankNode, rt: Runtime): void {
  const total = rt.slot(node.total);
  rt.values[node.id] = competitionRanks(total, rt.grouping(node.within), true, rt.order(total, node.within));
}

/** A check fails where its condition is false; unknown (missing data) does not fail it. */
export function runCheck(node: CheckNode, rt: Runtime): void {
  const cond = node.cond.run(rt);
  const failed = new Float64Array(cond.length);
  for (let i = 0; i < cond.length; i++) failed[i] = cond[i] === 0 ? 1 : 0;
  const regions = regionsWhere(rt.data.regions, failed);
  if (regions.length > 0) {
    rt.issues.push(issue("check-failed", node.decl.severity, `${node.decl.message.value}: ${regionList(regions)}`, { span: node.span, regions }));
  }
  rt.values[node.id] = failed;
}

/** An alert's colour per region: red if a red level holds, else yellow if a yellow one does, else green; none when the subject is missing. */
export function runAlert(node: AlertNode, rt: Runtime): void {
  const subject = node.subject.run(rt);
  const levels = node.levels.map((l) => ({ ...l, t: l.threshold.run(rt) }));
  const out = new Float64Array(rt.n);
  for (let i = 0; i < rt.n; i++) {
    const v = subject[i]!;
    if (v !== v) continue;
    let color = 1;
    for (const l of levels) {
      const hit = l.side === "below" ? v < l.t[i]! : v > l.t[i]!;
      if (hit) color = Math.max(color, l.color === "red" ? 3 : 2);
    }
    out[i] = color;
  }
  rt.values[node.id] = out;
}

/** A flag is raised where its condition holds. */
export function runFlag(node: FlagNode, rt: Runtime): void {
  const cond = node.cond.run(rt);
  rt.values[node.id] = truth(cond);
}
