/**
 * Stability intervals: for each region and each movable share (weight or points), the interval
 * of that share over which the region's grade — and each of its ranks — stays the same, the
 * siblings re-normalised proportionally as what-if does. Exact (from piecewise-linear totals,
 * see README.md) wherever the scheme keeps totals piecewise-linear in the share; elsewhere by
 * sampling the real engine (`exact: false`).
 */
import type { Results } from "../results.js";
import { whatIf, whatIfTotal } from "../whatif/index.js";
import { gradePlan, type GradePlan } from "./grading.js";
import { Regrader, side, type OrderCache, type Side } from "./intervals.js";
import { SimpleGrades } from "./simple-grade.js";
import { moving, reached, releaseModel, releaseTerms, sideModels, type Moving, type Reached, type TermCache } from "./model.js";
import { refines } from "./crossings.js";
import type { Grouping } from "../ops/column.js";
import { hasTypePoints, nonLinearReason, weightNodes, type WeightNode } from "./nodes.js";
import { numericEnds } from "./numeric.js";
import { valueAt } from "./pwl.js";
import { scoreFnsOf, type ScoreFns } from "./score-fn.js";

/** What to analyse. */
export interface StabilityOptions {
  /** One node's path (default: every movable share). */
  readonly path?: string;
  /** Region ids (default: all). */
  readonly regions?: readonly string[];
  /** Check each exact model against one engine evaluation (default true). */
  readonly verify?: boolean;
  /** Only the shares of these groups (paths; default: every group). Threads split the work by group. */
  readonly groups?: readonly string[];
}

/** Share intervals of one property (the grade, or one ranking) for the regions analysed. */
export interface ShareIntervals {
  /** Per region (dataset order; NaN for regions not analysed): the share interval's ends, within 0..1. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** How far the share can fall / rise before the property changes (Infinity: it never does). */
  readonly down: Float64Array;
  readonly up: Float64Array;
}

/** The stability of every analysed region under one share. */
export interface NodeStability extends WeightNode {
  /** True when the intervals are exact; false when they come from sampling the engine. */
  readonly exact: boolean;
  /** Why the intervals are not exact (null when they are). */
  readonly why: string | null;
  /** Grade intervals, or null when the scheme has no grades. */
  readonly grade: ShareIntervals | null;
  /** One per ranking, in the scheme's order. */
  readonly ranks: readonly (ShareIntervals & { readonly within: string | null })[];
}

/** Every analysed share, and those that could not be analysed. */
export interface StabilityReport {
  readonly regions: readonly string[];
  /** Indices of the regions analysed. */
  readonly analysed: readonly number[];
  readonly nodes: readonly NodeStability[];
  /** Shares left out, with the reason (e.g. a node that is its group's only child). */
  readonly problems: readonly string[];
}

/** Computes stability intervals on a finished run. */
export function stability(base: Results, options: StabilityOptions = {}): StabilityReport {
  const problems: string[] = [];
  const analysed = pickRegions(base, options.regions, problems);
  const listed = weightNodes(base.program.scheme.nodes, options.path);
  const problem = listed.problem;
  const groups = options.groups ? new Set(options.groups) : null;
  const nodes = groups ? listed.nodes.filter((wn) => groups.has(wn.parent)) : listed.nodes;
  if (problem) problems.push(problem);
  const fns = scoreFnsOf(base);
  const plan = gradePlan(base);
  const out: NodeStability[] = [];
  const orders: OrderCache = new Map();
  // Sibling terms shared by the shares of a group, dropped after the group's last share.
  const remaining = new Map<string, number>();
  for (const wn of nodes) remaining.set(wn.parent, (remaining.get(wn.parent) ?? 0) + 1);
  const terms = new Map<string, TermCache>();
  for (const wn of nodes) {
    let cache = terms.get(wn.parent);
    if (!cache) terms.set(wn.parent, (cache = new Map()));
    const r = analyseNode(base, wn, analysed, plan, fns, options.verify ?? true, orders, cache);
    const more = remaining.get(wn.parent)! - 1;
    remaining.set(wn.parent, more);
    if (more === 0) {
      releaseTerms(cache);
      terms.delete(wn.parent);
    }
    if (typeof r === "string") problems.push(`\`${wn.path}\`: ${r}`);
    else out.push(r);
  }
  return { regions: base.regions, analysed, nodes: out, problems };
}

function pickRegions(base: Results, ids: readonly string[] | undefined, problems: string[]): number[] {
  if (!ids) return base.regions.map((_, i) => i);
  const out: number[] = [];
  for (const id of ids) {
    const i = base.indexOf(id);
    if (i < 0) problems.push(`no region \`${id}\``);
    else out.push(i);
  }
  return out;
}

type Fns = (path: string) => ScoreFns | string;

/** One node: exact when its move is piecewise-linear and the model checks out, else sampled. */
function analyseNode(base: Results, wn: WeightNode, regions: readonly number[], plan: GradePlan | null, fns: Fns, verify: boolean, orders: OrderCache, terms: TermCache): NodeStability | string {
  const w = wn.share;
  let why = !(w > 0 && w < 1) ? `the share is ${w}, at an end of 0..1` : nonLinearReason(base.program.scheme.nodes, base.program.graph, wn.parent);
  const list = why ? null : reached(base.program.scheme.nodes, wn.parent, wn.path, fns);
  if (typeof list === "string") why = list;
  const moves = !why && list && typeof list !== "string" ? movingPoints(base, wn, list) : null;
  if (typeof moves === "string") why = moves;
  else if (moves) {
    const both = sideModels(base, moves, w, terms);
    const right = side(both.right, base.total, orders);
    const left = side(both.left, base.total, orders);
    why = verify ? mismatch(base, wn, right, left) : null;
    const out = why ? null : exactNode(base, wn, regions, plan, right, left);
    // Nothing built on the models outlives this share: their arrays go to the next share's models.
    releaseModel(both.right);
    releaseModel(both.left);
    if (out) return out;
  }
  return numericNode(base, wn, regions, why!);
}

/** How the reached indicators' points move: analytically, or probed by one what-if where per-type points are involved. */
function movingPoints(base: Results, wn: WeightNode, list: readonly Reached[]): Moving[] | string {
  if (!hasTypePoints(base.program.scheme.nodes, wn.parent)) return moving(list, wn.share, null, 0);
  const probeShare = wn.share < 0.5 ? wn.share + (1 - wn.share) / 2 : wn.share / 2;
  const res = whatIf(base, [{ path: wn.path, field: "weight", value: probeShare }]).results;
  if (!res) return "the engine could not evaluate the moved share";
  return moving(list, wn.share, (path) => res.nodeDetail(path)!.points, probeShare);
}

/** Compares the model with one engine evaluation on the longer side; the reason when they differ. */
function mismatch(base: Results, wn: WeightNode, right: Side, left: Side): string | null {
  const s = right.m.length >= left.m.length ? right : left;
  const d = s.m.length * 0.613;
  const share = wn.share + (s === right ? d : -d);
  const t = whatIfTotal(base, [{ path: wn.path, field: "weight", value: share }]);
  if (!t) return "the engine could not evaluate the moved share";
  for (let r = 0; r < t.length; r++) {
    const v = valueAt(s.m, r, d);
    if (Math.abs(v - t[r]!) > 1e-6 * Math.max(1, Math.abs(t[r]!))) return `the linear model missed region ${base.regions[r]} (${v} against ${t[r]})`;
  }
  return null;
}

function blank(n: number): ShareIntervals {
  return { lo: new Float64Array(n).fill(NaN), hi: new Float64Array(n).fill(NaN), down: new Float64Array(n).fill(NaN), up: new Float64Array(n).fill(NaN) };
}

/** Records region r's distances on both sides and the interval they bound. */
function put(iv: ShareIntervals, r: number, w: number, down: number, up: number): void {
  iv.down[r] = down;
  iv.up[r] = up;
  iv.lo[r] = Number.isFinite(down) ? Math.max(0, w - down) : 0;
  iv.hi[r] = Number.isFinite(up) ? Math.min(1, w + up) : 1;
}

function exactNode(base: Results, wn: WeightNode, regions: readonly number[], plan: GradePlan | null, right: Side, left: Side): NodeStability {
  const n = base.regions.length;
  const w = wn.share;
  const grade = plan ? blank(n) : null;
  if (plan && grade) {
    const sr = new SimpleGrades(right, plan);
    const simple = plan.quota !== null && sr.holds();
    const [gr, gl] = simple ? [sr, new SimpleGrades(left, plan)] : [new Regrader(base, right, plan), new Regrader(base, left, plan)];
    for (const r of regions) put(grade, r, w, gl.end(r), gr.end(r));
  }
  return { ...wn, exact: true, why: null, grade, ranks: rankIntervals(base, regions, w, right, left) };
}

/** Rank intervals of every ranking; finer groupings first, their ends seeding the searches of the coarser ones. */
function rankIntervals(base: Results, regions: readonly number[], w: number, right: Side, left: Side): (ShareIntervals & { within: string | null })[] {
  const rt = base.runtime;
  const gs = base.program.graph.ranks.map((id) => {
    const node = rt.node(id);
    return rt.grouping(node.kind === "rank" ? node.within : -1);
  });
  const done: { g: Grouping; iv: ShareIntervals }[] = [];
  const out: ShareIntervals[] = [];
  const want = new Uint8Array(base.regions.length);
  for (const r of regions) want[r] = 1;
  for (const k of gs.map((_, k) => k).sort((a, b) => gs[b]!.count - gs[a]!.count)) {
    const g = gs[k]!;
    const seed = done.find((f) => f.g !== g && refines(f.g, g))?.iv ?? done.find((f) => f.g === g)?.iv;
    const iv = blank(base.regions.length);
    left.rankEnds(g, want, seed ? seed.down : null, iv.down);
    right.rankEnds(g, want, seed ? seed.up : null, iv.up);
    for (const r of regions) put(iv, r, w, iv.down[r]!, iv.up[r]!);
    done.push({ g, iv });
    out[k] = iv;
  }
  return out.map((iv, k) => ({ within: base.ranks[k]!.within, ...iv }));
}

function numericNode(base: Results, wn: WeightNode, regions: readonly number[], why: string): NodeStability | string {
  const w = wn.share;
  const right = numericEnds(base, wn.path, w, 1, regions);
  const left = numericEnds(base, wn.path, w, -1, regions);
  if (typeof right === "string") return right;
  if (typeof left === "string") return left;
  const n = base.regions.length;
  const interval = (k: number) => {
    const iv = blank(n);
    for (const r of regions) put(iv, r, w, left[k]![r]!, right[k]![r]!);
    return iv;
  };
  const grade = base.grades ? interval(0) : null;
  const ranks = base.ranks.map((k, j) => ({ within: k.within, ...interval(j + 1) }));
  return { ...wn, exact: false, why, grade, ranks };
}

export { regionStability, type PropertyStability, type RegionStability } from "./view.js";
