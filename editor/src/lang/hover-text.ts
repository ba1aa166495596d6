/** The text of a hover on a name: what it is, its label, and for tree nodes their weight, points and scoring. */
import { num, t } from "../i18n.js";
import { flatten, type Analysis, type SymbolEntry, type TreeEntry } from "./analysis.js";

/** Markdown paragraphs describing one symbol. */
export function hoverLines(s: SymbolEntry, a: Analysis): string[] {
  const head = `**${s.name}**${s.label ? ` “${s.label}”` : ""} — ${t(`kind_${s.kind}`)}`;
  if (s.kind !== "dimension" && s.kind !== "indicator") return s.detail ? [head, "`" + s.detail + "`"] : [head];
  const node = flatten(a.tree).find((n) => n.path === s.path);
  return node ? [head, ...nodeLines(node, a.checked)] : [head];
}

function nodeLines(n: TreeEntry, checked: boolean): string[] {
  const lines: string[] = [`\`${n.path}\``];
  if (checked) {
    lines.push(`${t("localWeight")}: ${num(n.localWeight === null ? null : n.localWeight * 100, 2)}% · ${t("effectivePoints")}: ${num(n.points, 3)}`);
  } else {
    lines.push(`${t("points")}: ${n.share ?? "—"} ${t("notChecked")}`);
  }
  if (n.share && checked) lines.push(`${t("points")}: \`${n.share}\``);
  if (n.pointsByType.length) lines.push(`${t("byType")}: ${n.pointsByType.map(([k, p]) => `${k} ${num(p, 3)}`).join(", ")}`);
  if (n.kind === "indicator") {
    lines.push(`${t("method")}: ${n.method ? "`" + n.method + "`" : "—"}`);
    lines.push(`${t("direction")}: ${n.direction === "lower" ? t("lower") : t("higher")}`);
  } else {
    if (n.weighting) lines.push(`${t("weighting")}: ${n.weighting}`);
    if (n.aggregate) lines.push(`${t("aggregate")}: ${n.aggregate}`);
  }
  return lines;
}
