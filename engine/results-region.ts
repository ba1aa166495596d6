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
  const head = regionHead(r, i);
  return { ...head, nodes: nodes(r, i), ...regionTail(r, head.region, i) };
}

/** The fields before `nodes`, in the order the JSON lists them. */
function regionHead(r: Results, i: number) {
  const id = r.regions[i]!;
  const types: Record<string, string | null> = {};
  for (const t of r.typologies) types[t.name] = t.type[i]! >= 0 ? t.types[t.type[i]!]!.name : null;
  const ranks: Record<string, number> = {};
  for (const k of r.ranks) ranks[k.within ?? "overall"] = k.rank[i]!;
  return {
    region: id, types, total: tidy(r.total[i]!), treeScore: tidy(r.treeScore[i]!), bonus: tidy(r.bonus[i]!), deduction: tidy(r.deduction[i]!),
    grade: r.grades ? r.grades.labels[r.grades.level[i]!]! : null, gradeReason: r.gradeReason(i), ranks,
  };
}

/** The fields after `nodes`, in the order the JSON lists them. */
function regionTail(r: Results, id: string, i: number) {
  return {
    bonuses: fired(r, "bonus", i), deductions: fired(r, "deduction", i), blocks: blocks(r, i),
    vetoes: r.vetoes.filter((v) => v.fired[i]).map((v) => ({ label: v.label, scope: v.scope })),
    alerts: r.alerts.map((a) => ({ label: a.label, color: ALERT_COLORS[a.color[i]!]! })),
    flags: r.flags.filter((f) => f.fired[i]).map((f) => f.label),
    issues: r.issues.filter((x) => x.regions.includes(id)).map((x) => ({ code: x.code, severity: x.severity, message: x.message })),
  };
}

/** Where JSON text goes: any text, or constant text whose UTF-8 bytes are already made. */
export interface JsonSink {
  text(s: string): void;
  /** `s`, whose UTF-8 encoding is `utf8` (a sink writing bytes copies those instead of encoding). */
  constant(s: string, utf8: Uint8Array): void;
}

/** A tree node's JSON up to its points (`{"path":…,"depth":2,"points":`), as text and UTF-8. */
interface NodePrefix {
  readonly text: string;
  readonly utf8: Uint8Array;
}

// per program (the tree's paths, labels, kinds and depths are the program's)
const nodePrefixes = new WeakMap<object, readonly NodePrefix[]>();

function prefixes(r: Results): readonly NodePrefix[] {
  const hit = nodePrefixes.get(r.program);
  if (hit && hit.length === r.tree.size) return hit;
  const encoder = new TextEncoder();
  const made = [...r.tree.values()].map((c) => {
    const text = `${JSON.stringify({ path: c.path, label: c.label, kind: c.kind, depth: c.depth }).slice(0, -1)},"points":`;
    return { text, utf8: encoder.encode(text) };
  });
  nodePrefixes.set(r.program, made);
  return made;
}

// `status` arrays as JSON, by status bits
const statusJson: string[] = [];

function statusText(bits: number): string {
  return (statusJson[bits] ??= JSON.stringify(statusNames(bits)));
}

/** A number's JSON after `tidy`, remembering the last one per slot (points and weights rarely change between regions). */
class NumberTexts {
  private readonly last: Float64Array;
  private readonly text: string[];
  constructor(size: number) {
    this.last = new Float64Array(size).fill(NaN);
    this.text = new Array<string>(size).fill("");
  }
  get(slot: number, x: number): string {
    if (x === this.last[slot]) return this.text[slot]!;
    this.last[slot] = x;
    return (this.text[slot] = String(tidy(x)));
  }
}

/**
 * Writes regions' results as JSON, each the same text as `JSON.stringify(regionResult(r, i))`,
 * but with the tree nodes written straight from the columns: each node's constant part (path,
 * label, kind, depth) is made once per program, the rest is numbers.
 */
export function regionJsonWriter(r: Results, sink: JsonSink): (i: number) => void {
  const pre = prefixes(r);
  const columns = [...r.tree.values()];
  const points = new NumberTexts(columns.length);
  const weights = new NumberTexts(columns.length);
  const last = columns.length - 1;
  return (i) => {
    const head = regionHead(r, i);
    sink.text(`${JSON.stringify(head).slice(0, -1)},"nodes":[`);
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      const value = c.value && !c.valueMissing![i] ? String(tidy(c.value[i]!)) : "null";
      sink.constant(pre[k]!.text, pre[k]!.utf8);
      sink.text(`${points.get(k, c.points[i]!)},"value":${value},"score":${tidy(c.score[i]!)},"fraction":${tidy(c.fraction[i]!)},"weight":${weights.get(k, c.weight[i]!)},"contribution":${tidy(c.contribution[i]!)},"status":${c.status ? statusText(c.status[i]!) : "[]"}${k < last ? "}," : "}"}`);
    }
    sink.text(`],${JSON.stringify(regionTail(r, head.region, i)).slice(1)}`);
  };
}
