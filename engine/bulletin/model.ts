/**
 * Builds the bulletin's data from one run: rankings by type, the distribution of totals, each
 * dimension's leaders and laggards, rank changes against an earlier run, the regions a quota
 * or veto displaced, and one page per region.
 */
import { constantValue } from "../../dsl/check/constant.js";
import type { GradesDecl } from "../../dsl/ast.js";
import { nextGradeSentences } from "../reach/sentences.js";
import { regionResult, tidy } from "../results-region.js";
import type { Results } from "../results.js";
import type { Bin, Bulletin, DimensionStandings, Displacement, RankChange, RankingGroup, RegionPage } from "./types.js";

/** What else the bulletin may show. */
export interface BulletinOptions {
  /** An earlier run (last period, or the previous version) to show rank changes against. */
  readonly previous?: { readonly label: string; readonly results: Results } | null;
  /** Whether each region's page says what it needs for the next grade (default true; it costs a search per region). */
  readonly counterfactuals?: boolean;
  /** Leaders and laggards shown per dimension. */
  readonly standings?: number;
}

/** Builds the bulletin of a run. */
export function buildBulletin(r: Results, opts: BulletinOptions = {}): Bulletin {
  const header = r.program.scheme.ast.header;
  const overall = overallRanks(r);
  const thresholds = gradeThresholds(r);
  const grades = r.grades;
  return {
    title: header?.title.value ?? r.program.scheme.source.name,
    period: header?.period ? String(header.period.kind === "number" ? header.period.text : header.period.value) : null,
    receipt: r.receipt,
    regionCount: r.regions.length,
    gradeCounts: grades ? grades.labels.map((g, k) => ({ grade: g, count: grades.level.filter((l) => l === k).length })) : [],
    rankings: rankings(r, overall),
    distribution: { bins: histogram(r.total), thresholds },
    dimensions: dimensionStandings(r, opts.standings ?? 3),
    rankChanges: opts.previous ? { against: opts.previous.label, changes: rankChanges(r, overall, opts.previous.results) } : null,
    displaced: displaced(r, thresholds),
    regions: [...r.regions.keys()].sort((a, b) => overall[a]! - overall[b]! || a - b)
      .map((i) => regionPage(r, i, overall[i]!, opts.counterfactuals === false ? null : nextGradeSentences(r, r.regions[i]!))),
  };
}

/** Overall competition ranks of the total (computed here when the scheme asks for no overall rank). */
function overallRanks(r: Results): Int32Array {
  const declared = r.ranks.find((k) => k.within === null);
  if (declared) return declared.rank;
  const order = [...r.total.keys()].sort((a, b) => r.total[b]! - r.total[a]!);
  const rank = new Int32Array(order.length);
  order.forEach((i, k) => { rank[i] = k > 0 && r.total[order[k - 1]!] === r.total[i] ? rank[order[k - 1]!]! : k + 1; });
  return rank;
}

function rankings(r: Results, overall: Int32Array): RankingGroup[] {
  const withinName = r.ranks.find((k) => k.within !== null)?.within ?? r.typologies[0]?.name ?? null;
  const typology = r.typologies.find((t) => t.name === withinName) ?? null;
  const within = r.ranks.find((k) => k.within === withinName)?.rank ?? null;
  const row = (i: number) => {
    const rr = regionResult(r, i);
    return { region: rr.region, total: rr.total, rank: overall[i]!, rankWithin: within ? within[i]! : null, grade: rr.grade, gradeReason: rr.gradeReason, flags: rr.flags };
  };
  const byRank = (a: number, b: number) => r.total[b]! - r.total[a]! || a - b;
  if (!typology) return [{ title: "全部地区", rows: [...r.regions.keys()].sort(byRank).map(row) }];
  const groups: RankingGroup[] = typology.types.map((t, k) => ({
    title: `${typology.label}：${t.label}`,
    rows: [...r.regions.keys()].filter((i) => typology.type[i] === k).sort(byRank).map(row),
  }));
  const unclassified = [...r.regions.keys()].filter((i) => typology.type[i]! < 0);
  if (unclassified.length) groups.push({ title: `${typology.label}：未分类`, rows: unclassified.sort(byRank).map(row) });
  return groups.filter((g) => g.rows.length > 0);
}

/** Ten equal bins between the lowest and highest total. */
function histogram(total: Float64Array, bins = 10): Bin[] {
  if (total.length === 0) return [];
  const lo = Math.floor(Math.min(...total));
  const hi = Math.ceil(Math.max(...total));
  const width = Math.max(1, (hi - lo) / bins);
  const out = Array.from({ length: bins }, (_, k) => ({ from: tidy(lo + k * width), to: tidy(lo + (k + 1) * width), count: 0 }));
  for (const t of total) out[Math.min(bins - 1, Math.floor((t - lo) / width))]!.count++;
  return out;
}

/** Grade thresholds written as constants, best first. */
function gradeThresholds(r: Results): { grade: string; total: number }[] {
  const decl = r.program.scheme.ast.decls.find((d): d is GradesDecl => d.kind === "grades");
  if (!decl) return [];
  return decl.levels.flatMap((l) => {
    const v = constantValue(l.threshold);
    return v === null ? [] : [{ grade: l.label.value, total: v }];
  });
}

function dimensionStandings(r: Results, n: number): DimensionStandings[] {
  return [...r.tree.values()].filter((c) => c.depth === 1).map((c) => {
    const order = [...r.regions.keys()].sort((a, b) => c.fraction[b]! - c.fraction[a]! || a - b);
    const standing = (i: number) => ({ region: r.regions[i]!, score: tidy(c.score[i]!), points: tidy(c.points[i]!) });
    return { path: c.path, label: c.label, points: tidy(c.points[order[0] ?? 0] ?? 0), leaders: order.slice(0, n).map(standing), laggards: order.slice(-n).reverse().map(standing) };
  });
}

function rankChanges(r: Results, overall: Int32Array, before: Results): RankChange[] {
  const earlier = overallRanks(before);
  return [...r.regions.keys()].flatMap((i) => {
    const j = before.indexOf(r.regions[i]!);
    return j < 0 || earlier[j] === overall[i] ? [] : [{ region: r.regions[i]!, before: earlier[j]!, after: overall[i]! }];
  }).sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before) || a.after - b.after);
}

function displaced(r: Results, thresholds: readonly { grade: string; total: number }[]): Displacement[] {
  const g = r.grades;
  if (!g) return [];
  return [...r.regions.keys()].flatMap((i) => {
    const reason = r.gradeReason(i);
    if (!reason || reason === "threshold") return [];
    const earned = thresholds.find((t) => r.total[i]! >= t.total)?.grade ?? g.labels[g.labels.length - 1]!;
    const got = g.labels[g.level[i]!]!;
    return earned === got ? [] : [{ region: r.regions[i]!, total: tidy(r.total[i]!), earned, got, reason }];
  });
}

function regionPage(r: Results, i: number, rank: number, nextGrade: readonly string[] | null): RegionPage {
  if (nextGrade?.length === 0) nextGrade = null;
  const rr = regionResult(r, i);
  const fired: RegionPage["fired"][number][] = [
    ...rr.bonuses.map((b) => ({ kind: "bonus" as const, text: `${b.block}：${b.item}`, amount: b.amount })),
    ...rr.deductions.map((d) => ({ kind: "deduction" as const, text: `${d.block}：${d.item}`, amount: d.amount })),
    ...rr.vetoes.map((v) => ({ kind: "veto" as const, text: v.label, amount: null })),
    ...rr.flags.map((f) => ({ kind: "flag" as const, text: f, amount: null })),
    ...rr.alerts.filter((a) => a.color === "red" || a.color === "yellow").map((a) => ({ kind: "alert" as const, text: `${a.label}（${a.color === "red" ? "红色" : "黄色"}）`, amount: null })),
  ];
  const typeLabels = r.typologies.flatMap((t) => (t.type[i]! >= 0 ? [t.types[t.type[i]!]!.label] : []));
  return {
    region: rr.region, types: typeLabels, total: rr.total, treeScore: rr.treeScore, bonus: rr.bonus, deduction: rr.deduction,
    grade: rr.grade, rank, contributions: rr.nodes.filter((n) => n.depth === 1).map((n) => ({ path: n.path, label: n.label, points: n.points, score: n.score })),
    fired, nextGrade,
  };
}
