/**
 * The structural diff as text for an auditor's terminal: a header, then the changes grouped by
 * section (Chinese and English headings), each line naming the path with its label, old → new
 * and a signed delta; then the table of effective points old → new.
 */
import stringWidth from "string-width";
import type { Span } from "../../dsl/source.js";
import { SECTIONS, type Change, type EffectiveChange, type SchemeDiff, type Section } from "./types.js";

/** Section headings, Chinese first. */
export const SECTION_TITLES: Record<Section, string> = {
  header: "方案 header", input: "输入 inputs", let: "派生值 derived values", table: "目标表 tables",
  typology: "分类 typologies", check: "数据校验 checks", alert: "预警 alerts", node: "指标体系 indicator tree",
  scoring: "评分方法 scoring", total: "总分 total", block: "加分扣分 bonus and deduction blocks",
  veto: "一票否决 vetoes", grades: "等次 grades", rank: "排名 ranking", flag: "标记 flags",
};

/** A number for reading: at most 4 decimals, no float noise. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const r = Math.round(x * 1e4) / 1e4;
  return String(r === 0 ? 0 : r);
}

/** A signed number: `+5`, `-2.5`, `±0`. */
export function signed(x: number): string {
  const s = num(x);
  return s === "0" ? "±0" : x > 0 ? `+${s}` : s;
}

/** `path「label」`, or the path alone when the label just repeats the name. */
export function named(path: string, label: string | null): string {
  const shown = path === "" ? "(top level)" : path;
  const last = path.split(".").at(-1);
  return label && label !== last ? `${shown}「${label}」` : shown;
}

function where(a: Span | null, b: Span | null): string {
  return `[${a ? a.line : ""}→${b ? b.line : ""}]`;
}

/** The field and text of an added or removed part, without saying the same thing twice. */
function part(c: Change, text: string): string {
  if (c.field === null) return text;
  const segments = c.field.split(": ");
  if (!text.startsWith(segments.at(-1)!)) return ` ${c.field}: ${text}`;
  return segments.length > 1 ? ` ${segments.slice(0, -1).join(": ")}: ${text}` : ` ${text}`;
}

function line(c: Change): string {
  const who = named(c.subject, c.label);
  const field = c.field === null ? "" : ` ${c.field}:`;
  const delta = c.delta === null ? "" : ` (${signed(c.delta)})`;
  let what: string;
  switch (c.op) {
    case "added": case "removed": {
      const text = (c.op === "added" ? c.new : c.old)!;
      // A whole construct's text usually names it already: `input g percent …`.
      const whole = c.field === null && text.includes(c.subject);
      what = whole ? text : `${who}${c.field === null ? ` ${text}` : part(c, text)}`;
      return `  ${c.op.padEnd(10)} ${what}  ${where(c.oldSpan, c.newSpan)}`;
    }
    case "moved": what = ` from ${c.old} to ${c.new}`; break;
    case "renamed": what = ` ${c.old} → ${c.new}`; break;
    default: what = `${field} ${c.old ?? "(none)"} → ${c.new ?? "(none)"}${delta}`;
  }
  return `  ${c.op.padEnd(10)} ${who}${what}  ${where(c.oldSpan, c.newSpan)}`;
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - stringWidth(s)));
}

function effectiveTable(list: readonly EffectiveChange[]): string[] {
  const rows = list.flatMap((e) => [
    [named(e.path, e.label), num(e.old), num(e.new), signed(e.delta), `share ${pct(e.localWeight.old)} → ${pct(e.localWeight.new)}`],
    ...e.byType.map((t) => [`  for ${t.type}`, num(t.old), num(t.new), signed(t.delta), ""]),
  ]);
  const w = [0, 1, 2, 3].map((k) => Math.max(...rows.map((r) => stringWidth(r[k]!))));
  return rows.map((r) => `  ${pad(r[0]!, w[0]!)}  ${r[1]!.padStart(w[1]!)} → ${pad(r[2]!, w[2]!)}  ${pad(r[3]!, w[3]!)}  ${r[4]}`.trimEnd());
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${num(x * 100)}%` : "—";
}

/** Renders a structural diff as terminal text. */
export function renderDiff(d: SchemeDiff): string {
  const out: string[] = [];
  out.push(`方案差异 scheme diff: ${d.old.name} → ${d.new.name}`);
  if (d.old.title !== d.new.title) out.push(`  ${d.old.title ?? "(untitled)"} → ${d.new.title ?? "(untitled)"}`);
  else if (d.new.title) out.push(`  ${d.new.title}`);
  if (d.old.total !== d.new.total) out.push(`  total ${num(d.old.total)} → ${num(d.new.total)}`);
  const count = (op: string) => d.changes.filter((c) => c.op === op).length;
  const ops = ["added", "removed", "moved", "renamed", "relabelled", "changed"].filter((op) => count(op) > 0).map((op) => `${count(op)} ${op}`);
  out.push(d.changes.length === 0 && d.effective.length === 0 ? "  no changes" : `  ${d.changes.length} change${d.changes.length === 1 ? "" : "s"}${ops.length ? ` (${ops.join(", ")})` : ""}; effective points changed on ${d.effective.length} node${d.effective.length === 1 ? "" : "s"}`);
  for (const section of SECTIONS) {
    const list = d.changes.filter((c) => c.section === section);
    if (list.length === 0) continue;
    out.push("", SECTION_TITLES[section], ...list.map(line));
  }
  if (d.effective.length) out.push("", "有效分值 effective points (old → new, Δ)", ...effectiveTable(d.effective));
  return out.join("\n") + "\n";
}
