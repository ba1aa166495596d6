/**
 * The checker: parsed scheme → `CheckedScheme`. Runs its passes in order (symbols, tree,
 * derived values, typologies, inputs, indicators, rules, unused inputs); every problem becomes
 * a diagnostic and nothing is thrown.
 */
import type { TypologyDecl } from "../ast.js";
import { sortDiagnostics } from "../diagnostics.js";
import type { ParseResult } from "../parse.js";
import { CheckContext } from "./context.js";
import { checkInputsAndTables } from "./decls.js";
import { checkIndicators } from "./indicator.js";
import { checkLets } from "./lets.js";
import { checkRules } from "./rules.js";
import { declareSymbols } from "./symbols.js";
import { buildTree, collectPaths } from "./tree.js";
import { checkTypologies } from "./typology.js";
import type { CheckedScheme } from "./types.js";

export type * from "./types.js";

/** Checks a parsed scheme; the result carries the parse diagnostics too. */
export function checkScheme(parsed: ParseResult): CheckedScheme {
  const cx = new CheckContext(parsed.source, parsed.ast, parsed.diagnostics);
  declareSymbols(cx);
  collectPaths(cx);
  const tree = buildTree(cx);
  const letOrder = checkLets(cx);
  checkTypologies(cx);
  checkInputsAndTables(cx);
  checkIndicators(cx, tree.nodes);
  checkRules(cx);
  reportUnusedInputs(cx);
  return {
    source: parsed.source,
    ast: parsed.ast,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...cx.diagnostics]),
    symbols: cx.symbols,
    letOrder,
    typologies: parsed.ast.decls.filter((d): d is TypologyDecl => d.kind === "typology"),
    types: cx.types,
    root: tree.root,
    nodes: tree.nodes,
    exprTypes: cx.exprTypes,
    total: tree.total,
    prevInputs: cx.prevInputs,
  };
}

function reportUnusedInputs(cx: CheckContext): void {
  for (const sym of cx.symbols.values()) {
    if (sym.kind !== "input" || cx.used.has(sym.decl.name.name)) continue;
    cx.warning("unused-input", `input \`${sym.decl.name.name}\` is not used by any indicator, rule or check`, sym.decl.name.span,
      "remove it, or score it with an indicator of the same name");
  }
}
