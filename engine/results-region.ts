/**
 * One region's results as a plain object (for JSON output, the API and explanations), built on
 * request from the result columns. Numbers are rounded to 10 decimals so that float noise such
 * as 7.000000000000001 never shows; the columns keep full precision.
 */
import { ALERT_COLORS } from "./exec-rules.js";
import { STATUS } from "./ops/adjust.js";
import type { Results } from "./results.js";

/** One tree node for one region. */
export interface RegionNode {
  readonly path: string;
  readonly label: string;
  readonly kind: "indicator" | "group";
  readonly depth: number;
  readonly points: number;
  /** The value as read; null for groups and where missing. */
  readonly value: number | null;
  readonly score: number;
  readonly fraction: number;
  readonly weight: number;
  readonly contribution: number;
  /** What happened to an indicator: `missing`, `imputed`, `dropped`, `zeroed`, `exempt`, `inapplicable`, `capped`, `floored`. */
  readonly status: readonly string[];
}

/** Everything about one region. */
export interface RegionResult {
  readonly region: string;
  /** Type name per typology (null where unclassified). */
  readonly types: Readonly<Record<string, string | null>>;
  readonly total: number;
  readonly treeScore: number;
  readonly bonus: number;
  readonly deduction: number;
  readonly grade: string | null;
  readonly gradeReason: string | null;
  /** Competition rank: `overall` and per typology name. */
  readonly ranks: Readonly<Record<string, number>>;
  readonly nodes: readonly RegionNode[];
  readonly bonuses: readonly { readonly block: string; readonly item: string; readonly amount: number }[];
  readonly deductions: readonly { readonly block: string; readonly item: string; readonly amount: number }[];
  /** Each bonus/deduction block that paid anything: its total after the block's `max`, and the sum of its items before it. */
  readonly blocks: readonly { readonly kind: "bonus" | "deduction"; readonly block: string; readonly total: number; readonly items: number }[];
  readonly vetoes: readonly { readonly label: string; readonly scope: "all" | "top" }[];
  readonly alerts: readonly { readonly label: string; readonly color: (typeof ALERT_COLORS)[number] }[];
  readonly flags: readonly string[];
  /** Failed warning checks and other issues that name this region. */
  readonly issues: readonly { readonly code: string; readonly severity: string; readonly message: string }[];
}

/** Rounds to 10 decimals (and turns −0 into 0). */
export function tidy(x: number): number {
  const r = Math.round(x * 1e10) / 1e10;
  return r === 0 || !Number.isFinite(r) ? 0 : r;
}

/** Names of the status bits set. */
export function statusNames(bits: number): string[] {
  return (Object.keys(STATUS) as (keyof typeof STATUS)[]).filter((k) => bits & STATUS[k]);
}

function nodes(r: Results, i: number): RegionNode[] {
  return [...r.tree.values()].map((c) => ({
    path: c.path, label: c.label, kind: c.kind, depth: c.depth, points: tidy(c.points[i]!),
    value: c.value && !c.valueMissing![i] ? tidy(c.value[i]!) : null,
    score: tidy(c.score[i]!), fraction: tidy(c.fraction[i]!), weight: tidy(c.weight[i]!), contribution: tidy(c.contribution[i]!),
    status: c.status ? statusNames(c.status[i]!) : [],
  }));
}

function fired(r: Results, kind: "bonus" | "deduction", i: number): RegionResult["bonuses"] {
  return r.blocks.filter((b) => b.kind === kind).flatMap((b) =>
    b.items.filter((it) => it.amount[i]! !== 0).map((it) => ({ block: b.label, item: it.label, amount: tidy(it.amount[i]!) })));
}

function blocks(r: Results, i: number): RegionResult["blocks"] {
  return r.blocks.flatMap((b) => {
    const items = b.items.reduce((sum, it) => sum + it.amount[i]!, 0);
    return items === 0 && b.total[i] === 0 ? [] : [{ kind: b.kind, block: b.label, total: tidy(b.total[i]!), items: tidy(items) }];
  });
}

/** Builds one region's result object. */
export function regionResult(r: Results, i: number): RegionResult {
  const id = r.regions[i]!;
  const types: Record<string, string | null> = {};
  for (const t of r.typologies) types[t.name] = t.type[i]! >= 0 ? t.types[t.type[i]!]!.name : null;
  const ranks: Record<string, number> = {};
  for (const k of r.ranks) ranks[k.within ?? "overall"] = k.rank[i]!;
  return {
    region: id, types, total: tidy(r.total[i]!), treeScore: tidy(r.treeScore[i]!), bonus: tidy(r.bonus[i]!), deduction: tidy(r.deduction[i]!),
    grade: r.grades ? r.grades.labels[r.grades.level[i]!]! : null, gradeReason: r.gradeReason(i),
    ranks, nodes: nodes(r, i), bonuses: fired(r, "bonus", i), deductions: fired(r, "deduction", i), blocks: blocks(r, i),
    vetoes: r.vetoes.filter((v) => v.fired[i]).map((v) => ({ label: v.label, scope: v.scope })),
    alerts: r.alerts.map((a) => ({ label: a.label, color: ALERT_COLORS[a.color[i]!]! })),
    flags: r.flags.filter((f) => f.fired[i]).map((f) => f.label),
    issues: r.issues.filter((x) => x.regions.includes(id)).map((x) => ({ code: x.code, severity: x.severity, message: x.message })),
  };
}
