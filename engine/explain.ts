/**
 * Why a region got its score: the contribution tree (which indicator gave how many points, and
 * why — value, method, parameters, adjustments, caps, missing data) and every rule that fired,
 * as data; plus a plain-text renderer for the CLI. Reads only from `Results`.
 */
import { itemText, methodText } from "./describe.js";
import type { GroupNode, IndicatorNode } from "./graph.js";
import { scoredValue, scoredValues } from "./indicator-detail.js";
import { regionResult, tidy, type RegionResult } from "./results-region.js";
import type { Results } from "./results.js";

/** One node of the contribution tree. */
export interface ExplainNode {
  readonly path: string;
  readonly label: string;
  readonly kind: "indicator" | "group";
  readonly points: number;
  readonly score: number;
  readonly fraction: number;
  /** Effective share of the total. */
  readonly weight: number;
  readonly contribution: number;
  /** Indicators: the value as read (null when missing) and the value scored (after transform/imputation). */
  readonly value?: number | null;
  readonly scored?: number | null;
  /** Indicators: the method as written, its parameters for this region, and its score before adjustments. */
  readonly method?: { readonly text: string; readonly params: Readonly<Record<string, number>> } | null;
  readonly base?: number;
  readonly adjustments?: readonly { readonly sign: "add" | "deduct"; readonly label: string; readonly amount: number }[];
  /** Which `for T` override applied (null: the base body). */
  readonly override?: string | null;
  readonly status?: readonly string[];
  /** Groups: how children combine and are weighted. */
  readonly aggregate?: string;
  readonly weighting?: string;
  readonly children: readonly ExplainNode[];
}

/** The explanation of one region's result. */
export interface Explanation {
  readonly summary: RegionResult;
  readonly tree: ExplainNode;
}

function indicatorPart(r: Results, node: IndicatorNode, i: number): Partial<ExplainNode> {
  const d = r.nodeDetail(node.tree.path);
  if (!d || d.kind !== "indicator") return {};
  const vi = d.variant ? d.variant[i]! : 0;
  const variant = node.plan.variants[vi]!;
  const run = d.variants[vi]!;
  const params: Record<string, number> = {};
  for (const p of run.params(scoredValues(d))) if (p.values[i] === p.values[i]) params[p.name] = tidy(p.values[i]!);
  const x = scoredValue(d, i);
  const valued = variant.value.kind !== "none";
  return {
    ...(valued ? { value: d.raw[i] === d.raw[i] ? tidy(d.raw[i]!) : null, scored: x === x ? tidy(x) : null } : {}),
    method: variant.methodAst ? { text: methodText(variant.methodAst), params } : null,
    base: tidy(d.base[i]! === d.base[i]! ? d.base[i]! : 0),
    adjustments: run.adjustments.flatMap((a, k) => (a.amount[i] === 0 ? [] : [{
      sign: a.sign, label: a.label ?? itemText(variant.adjustments[k]!.item.ast), amount: tidy(a.amount[i]!),
    }])),
    override: vi === 0 ? null : variant.label,
  };
}

function groupPart(node: GroupNode): Partial<ExplainNode> {
  return { aggregate: node.tree.aggregate, weighting: node.tree.weights };
}

/** Builds the explanation of one region (by id or index); null when there is no such region. */
export function explain(r: Results, which: string | number): Explanation | null {
  const i = typeof which === "number" ? which : r.indexOf(which);
  if (i < 0 || i >= r.regions.length) return null;
  const summary = regionResult(r, i);
  const g = r.program.graph;
  const byPath = new Map(summary.nodes.map((n) => [n.path, n]));
  const build = (id: number): ExplainNode => {
    const node = g.nodes[id]!;
    if (node.kind !== "indicator" && node.kind !== "group") throw new Error("engine bug: tree id is not a tree node");
    const s = byPath.get(node.tree.path)!;
    const base = { path: s.path, label: s.label, kind: s.kind, points: s.points, score: s.score, fraction: s.fraction, weight: s.weight, contribution: s.contribution };
    if (node.kind === "indicator") return { ...base, ...indicatorPart(r, node, i), status: s.status, children: [] };
    return { ...base, ...groupPart(node), children: node.children.map(build) };
  };
  return { summary, tree: build(g.root) };
}

function num(x: number): string {
  return String(tidy(x));
}

function nodeLine(n: ExplainNode): string {
  const named = n.path !== "" && n.label !== n.path.split(".").at(-1);
  const head = `${n.label}${named ? ` (${n.path})` : ""}  ${num(n.score)} / ${num(n.points)}`;
  if (n.kind === "group") return `${head}  [${n.aggregate}, ${n.weighting} weights]`;
  const parts = [head];
  if (n.value !== undefined) parts.push(`value ${n.value === null ? "missing" : num(n.value)}${n.scored !== n.value && n.scored !== null && n.scored !== undefined ? ` → ${num(n.scored)}` : ""}`);
  if (n.method) {
    const ps = Object.entries(n.method.params).map(([k, v]) => `${k} ${v}`).join(", ");
    parts.push(`${n.method.text}${ps ? ` (${ps})` : ""} → ${num(n.base!)}`);
  }
  for (const a of n.adjustments ?? []) parts.push(`${a.sign === "add" ? "+" : "−"}${num(a.amount)} ${a.label}`);
  if (n.override) parts.push(`for ${n.override}`);
  if (n.status && n.status.length) parts.push(n.status.join(", "));
  return parts.join("  ·  ");
}

function renderTree(n: ExplainNode, prefix: string, last: boolean, out: string[], root: boolean): void {
  out.push(root ? nodeLine({ ...n, label: n.label || "total" }) : `${prefix}${last ? "└─ " : "├─ "}${nodeLine(n)}`);
  const next = root ? "" : prefix + (last ? "   " : "│  ");
  n.children.forEach((c, k) => renderTree(c, next, k === n.children.length - 1, out, false));
}

function issueLine(x: { readonly severity: string; readonly message: string }): string {
  return `${x.severity}: ${x.message}`;
}

/** Renders an explanation as indented plain text (for the terminal). */
export function renderExplanation(e: Explanation): string {
  const s = e.summary;
  const out: string[] = [];
  const types = Object.entries(s.types).map(([t, v]) => `${t} ${v ?? "(unclassified)"}`).join(", ");
  const ranks = Object.entries(s.ranks).map(([k, v]) => `${v} ${k === "overall" ? "overall" : `within ${k}`}`).join(", ");
  out.push(`${s.region}: total ${num(s.total)} = tree ${num(s.treeScore)} + bonus ${num(s.bonus)} − deduction ${num(s.deduction)}`);
  if (s.grade !== null) out.push(`grade ${s.grade} (${s.gradeReason})`);
  if (ranks) out.push(`rank ${ranks}`);
  if (types) out.push(`type ${types}`);
  out.push("");
  renderTree(e.tree, "", true, out, true);
  const capped = s.blocks.filter((b) => b.total !== b.items).map((b) => `${b.kind} ${b.block}: ${b.kind === "bonus" ? "+" : "−"}${num(b.total)} (items ${num(b.items)}, capped by the block's max)`);
  const rules = [
    ...s.bonuses.map((b) => `bonus ${b.block} / ${b.item}: +${num(b.amount)}`),
    ...s.deductions.map((d) => `deduction ${d.block} / ${d.item}: −${num(d.amount)}`),
    ...capped,
    ...s.vetoes.map((v) => `veto${v.scope === "top" ? " top" : ""} ${v.label}`),
    ...s.flags.map((f) => `flag ${f}`),
    ...s.alerts.filter((a) => a.color !== "green").map((a) => `alert ${a.label}: ${a.color}`),
    ...s.issues.map(issueLine),
  ];
  if (rules.length) out.push("", ...rules);
  return out.join("\n") + "\n";
}
