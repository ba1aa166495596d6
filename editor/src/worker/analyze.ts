/**
 * Scheme text → `Analysis`: runs the shared `dsl/` front end and flattens its result into the
 * plain tables the editor needs (names, the indicator tree with points). Reads only what the
 * parser and checker produced; computes no weights of its own.
 */
import type { Decl, Dimension, Indicator, Scheme, Share, TreeNode } from "../../../dsl/ast.js";
import type { CheckedNode } from "../../../dsl/check/types.js";
import type { ParseResult } from "../../../dsl/index.js";
import { flatten, type Analysis, type SymbolEntry, type TreeEntry } from "../lang/analysis.js";

/** A parse result, plus the checker's tables when the checker ran. */
export type FrontEndResult = ParseResult & { readonly nodes?: ReadonlyMap<string, CheckedNode>; readonly total?: number };

/** Builds the analysis of a front-end result. */
export function analysisOf(result: FrontEndResult, version: number, ms: number): Analysis {
  const text = result.source.text;
  const symbols: SymbolEntry[] = [];
  for (const d of result.ast.decls) symbols.push(...declSymbols(d));
  const tree = treeOf(result.ast, result.nodes, text);
  for (const t of flatten(tree)) {
    symbols.push({ name: t.name, kind: t.kind, label: t.label, detail: t.path, span: t.nameSpan, path: t.path });
  }
  return {
    version, diagnostics: result.diagnostics, symbols, tree, ms,
    total: result.total ?? null, checked: result.nodes !== undefined,
  };
}

function declSymbols(d: Decl): SymbolEntry[] {
  switch (d.kind) {
    case "input":
      return [{ name: d.name.name, kind: "input", label: d.label?.value ?? null, detail: d.unit ? `${d.type} · ${d.unit.value}` : d.type, span: d.name.span }];
    case "let":
      return [{ name: d.name.name, kind: "let", label: d.label?.value ?? null, detail: "", span: d.name.span }];
    case "table":
      return [{ name: d.name.name, kind: "table", label: d.label?.value ?? null, detail: `${d.entries.length}`, span: d.name.span }];
    case "typology":
      return [
        { name: d.name.name, kind: "typology", label: d.label?.value ?? null, detail: d.types.map((t) => t.name.name).join(", "), span: d.name.span },
        ...d.types.map((t): SymbolEntry => ({ name: t.name.name, kind: "type", label: t.label?.value ?? null, detail: d.name.name, span: t.name.span })),
      ];
    default:
      return [];
  }
}

function shareText(s: Share | null): string | null {
  return s ? `${s.unit} ${s.value.text}` : null;
}

function treeOf(ast: Scheme, nodes: ReadonlyMap<string, CheckedNode> | undefined, text: string): TreeEntry[] {
  const top = ast.decls.filter((d): d is TreeNode => d.kind === "dimension" || d.kind === "indicator");
  return top.map((n) => entry(n, "", nodes, text));
}

function entry(n: Dimension | Indicator, parent: string, nodes: ReadonlyMap<string, CheckedNode> | undefined, text: string): TreeEntry {
  const path = parent ? `${parent}.${n.name.name}` : n.name.name;
  const checked = nodes?.get(path);
  const written = n.share?.unit === "points" ? n.share.value.value : null;
  const base = {
    path, name: n.name.name, label: n.label?.value ?? n.name.name, kind: n.kind,
    localWeight: checked ? checked.localWeight : null,
    points: checked ? checked.points : written,
    share: shareText(n.share),
    shareParts: n.share ? { unit: n.share.unit, value: n.share.value.value, percent: n.share.value.unit === "%", span: n.share.value.span } : null,
    pointsByType: checked ? [...checked.pointsByType].filter(([, p]) => p !== checked.points) : [],
    span: n.span, nameSpan: n.name.span,
  };
  if (n.kind === "indicator") {
    const m = n.body.method;
    return { ...base, method: m ? text.slice(m.span.start, m.span.end) : null, direction: n.direction ?? "higher", weighting: null, aggregate: null, children: [] };
  }
  const children = n.children.map((c) => entry(c, path, nodes, text));
  const weighting = checked?.weights ?? n.settings.find((s) => s.kind === "weights")?.method ?? null;
  const aggregate = checked?.aggregate ?? n.settings.find((s) => s.kind === "aggregate")?.method ?? null;
  return { ...base, method: null, direction: null, weighting, aggregate, children };
}
