/**
 * Short text for scoring methods and rule items as explanations show them, printed from the AST
 * (so it does not depend on source spans): `goalposts floor 0 target 6.5`, `0.5 per 1pp below 95`.
 */
import type { Expr, Method, RuleItem } from "../dsl/ast.js";
import { expr } from "../dsl/format/expr.js";

/** An expression as source-like text: the formatter's printer, so explanations quote what the author wrote. */
export const exprText = (e: Expr): string => expr(e);

function within(w: { name: string } | null): string {
  return w ? ` within ${w.name}` : "";
}

/** A scoring method as written. */
export function methodText(m: Method): string {
  const t = (e: Expr) => exprText(e);
  switch (m.kind) {
    case "minmax": case "zscore": return `${m.kind}${within(m.within)}`;
    case "ratio-to-best": return `ratio to best${within(m.within)}`;
    case "goalposts": return `goalposts floor ${t(m.floor)} target ${t(m.target)}`;
    case "target": return `target ${t(m.target)}${m.otherwise === "proportional" ? " else proportional" : ""}`;
    case "proportional": return `proportional${m.to ? ` to ${t(m.to)}` : ""}`;
    case "bands": return `bands { ${[...m.bands.map((b) => `${b.op} ${t(b.threshold)}: ${t(b.points)}`), ...(m.otherwise ? [`else ${t(m.otherwise)}`] : [])].join(", ")} }`;
    case "rank-points": return `rank points${within(m.within)} ${m.points.map(t).join(", ")}${m.step ? ` then step ${t(m.step)}` : ""}${m.otherwise ? ` else ${t(m.otherwise)}` : ""}`;
    case "efficacy": return `efficacy satisfactory ${t(m.satisfactory)} disallowed ${t(m.disallowed)}`;
    case "panel": return `panel${m.trim ? ` trim ${m.trim.text}` : ""}${m.above ? ` above ${m.above.text} raters` : ""}${m.scale ? ` scale ${t(m.scale)}` : ""}`;
    case "ballots": case "fuzzy": return `${m.kind} { ${m.categories.map((c) => `${c.field.name}: ${t(c.value)}`).join(", ")} }${m.scale ? ` scale ${t(m.scale)}` : ""}`;
    case "custom": return `score ${t(m.expr)}`;
  }
}

/** A bonus/deduction item as written (without its label). */
export function itemText(item: RuleItem): string {
  const t = (e: Expr) => exprText(e);
  const b = item.basis;
  let s: string;
  if (b.kind === "gap") s = `${item.amount ? t(item.amount) : "?"} per ${b.step.text} ${b.side} ${t(b.reference)}`;
  else if (b.kind === "count") s = `${item.amount ? t(item.amount) : "?"} per ${t(b.count)}`;
  else if (b.kind === "when") s = `${item.amount ? t(item.amount) : "?"} when ${t(b.cond)}`;
  else s = `highest { ${b.tiers.map((x) => `${t(x.amount)} when ${t(x.cond)}`).join(", ")} }`;
  if (item.max) s += ` max ${t(item.max)}`;
  if (item.times) s += ` times ${t(item.times)}`;
  if (item.unless) s += ` unless ${t(item.unless)}`;
  return s;
}
