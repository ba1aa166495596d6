/**
 * One-line source-like text of whole constructs, for changes that add or remove them, built on
 * the formatter's expression printer (`dsl/format/expr.ts`) so a diff quotes what the author
 * would read in the formatted scheme.
 */
import type {
  Band, Expr, InputDecl, Method, RuleItem, ScoringBody, Share, TypeRule,
} from "../../dsl/ast.js";
import { exprText } from "./facts.js";

const within = (w: { name: string } | null) => (w ? ` within ${w.name}` : "");
const opt = (word: string, e: Expr | null) => (e ? ` ${word} ${exprText(e)}` : "");

/** A scoring method as written: `goalposts floor 0 target 6.5`. */
export function methodText(m: Method): string {
  const t = exprText;
  switch (m.kind) {
    case "minmax": case "zscore": return `${m.kind}${within(m.within)}`;
    case "ratio-to-best": return `ratio to best${within(m.within)}`;
    case "goalposts": return `goalposts floor ${t(m.floor)} target ${t(m.target)}`;
    case "target": return `target ${t(m.target)}${m.otherwise === "proportional" ? " else proportional" : ""}`;
    case "proportional": return `proportional${opt("to", m.to)}`;
    case "bands": return `bands { ${[...m.bands.map(bandText), ...(m.otherwise ? [`else ${t(m.otherwise)}`] : [])].join(", ")} }`;
    case "rank-points": return `rank points${within(m.within)} ${listText(m.points)}${opt("then step", m.step)}${opt("else", m.otherwise)}`;
    case "efficacy": return `efficacy satisfactory ${t(m.satisfactory)} disallowed ${t(m.disallowed)}`;
    case "panel": return `panel${opt("trim", m.trim)}${m.above ? ` above ${t(m.above)} raters` : ""}${opt("scale", m.scale)}`;
    case "ballots": case "fuzzy": return `${m.kind} { ${m.categories.map((c) => `${c.field.name}: ${t(c.value)}`).join(", ")} }${opt("scale", m.scale)}`;
    case "custom": return `score ${t(m.expr)}`;
  }
}

/** A rule item as written, without its label: `0.5 per 1pp below 95 max 2`. */
export function itemText(item: RuleItem): string {
  const b = item.basis;
  const amount = item.amount ? exprText(item.amount) : "";
  const head = b.kind === "gap" ? `${amount} per ${exprText(b.step)} ${b.side} ${exprText(b.reference)}`
    : b.kind === "count" ? `${amount} per ${exprText(b.count)}`
    : b.kind === "when" ? `${amount} when ${exprText(b.cond)}`
    : `highest { ${b.tiers.map((x) => `${exprText(x.amount)} when ${exprText(x.cond)}`).join(", ")} }`;
  return `${head}${opt("max", item.max)}${opt("times", item.times)}${opt("unless", item.unless)}`;
}

/** `points 20` or `weight 30%`. */
export function shareText(s: Share): string {
  return `${s.unit} ${exprText(s.value)}`;
}

/** A band as written: `>= 95: 10`. */
export function bandText(b: Band): string {
  return `${b.op} ${exprText(b.threshold)}: ${exprText(b.points)}`;
}

/** A rule item with its label: `"省级奖项" 2 per awards max 4`. */
export function labelledItemText(item: RuleItem): string {
  return `${item.label ? `${JSON.stringify(item.label.value)} ` : ""}${itemText(item)}`;
}

/** The clauses of a scoring body on one line, in the formatter's order. */
export function bodyText(b: ScoringBody): string {
  const parts: string[] = [];
  if (b.value) parts.push(`value ${exprText(b.value)}`);
  if (b.transform) parts.push(`transform ${b.transform.fn}`);
  if (b.method) parts.push(methodText(b.method));
  for (const a of b.adjustments) parts.push(`${a.sign} ${labelledItemText(a.item)}`);
  for (const z of b.zeroWhen) parts.push(`zero when ${exprText(z.cond)}`);
  for (const z of b.exemptWhen) parts.push(`exempt when ${exprText(z.cond)}`);
  if (b.inapplicable) parts.push(inapplicableText(b.inapplicable));
  if (b.cap) parts.push(`cap ${exprText(b.cap.value)}`);
  if (b.floor) parts.push(`floor ${exprText(b.floor.value)}`);
  if (b.missing) parts.push(`missing ${b.missing.policy}${b.missing.within ? ` within ${b.missing.within.name}` : ""}`);
  return parts.join("  ");
}

/** `inapplicable when c score average [within T]`. */
export function inapplicableText(i: NonNullable<ScoringBody["inapplicable"]>): string {
  return `inapplicable when ${exprText(i.cond)} score average${i.within ? ` within ${i.within.name}` : ""}`;
}

/** An input declaration on one line. */
export function inputText(d: InputDecl): string {
  const parts = [`input ${d.name.name} ${d.type}`];
  if (d.values.length) parts.push(`values (${d.values.map((v) => JSON.stringify(v.value)).join(", ")})`);
  if (d.label) parts.push(`label ${JSON.stringify(d.label.value)}`);
  if (d.unit) parts.push(`unit ${JSON.stringify(d.unit.value)}`);
  if (d.range) parts.push(`range ${exprText(d.range.min)}..${exprText(d.range.max)}`);
  if (d.default) parts.push(`default ${exprText(d.default)}`);
  if (d.required !== null) parts.push(d.required ? "required" : "optional");
  if (d.source) parts.push(`source ${JSON.stringify(d.source.value)}`);
  return parts.join(" ");
}

/** A typology rule's condition: `when …` or `otherwise`. */
export function whenText(r: TypeRule): string {
  return r.when ? `when ${exprText(r.when)}` : "otherwise";
}

/** A list of expressions, comma-separated. */
export function listText(list: readonly Expr[]): string {
  return list.map((e) => exprText(e)).join(", ");
}
