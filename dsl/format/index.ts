/**
 * The formatter: one canonical layout for a scheme, keeping every comment. `formatScheme`
 * prints an AST; `formatSource` parses text first and declines (text null) when it has errors.
 */
import type { Scheme } from "../ast.js";
import { hasErrors, type Diagnostic } from "../diagnostics.js";
import { parse } from "../parse.js";
import { attachComments } from "./comments.js";
import { schemeStmts } from "./decls.js";
import type { Block } from "./layout.js";
import { printFile } from "./printer.js";

/** The result of formatting text: the new text, or null when the text does not parse cleanly. */
export interface FormatResult {
  readonly text: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Prints a scheme in the canonical layout; parsing the result gives the same AST modulo spans. */
export function formatScheme(scheme: Scheme): string {
  const root: Block = { style: "broken", comma: "never", items: schemeStmts(scheme), opening: [], dangling: [] };
  attachComments(root, scheme.comments);
  return printFile(root);
}

/** Parses and formats scheme text; returns text null (and the diagnostics) on syntax errors. */
export function formatSource(text: string, name = "scheme.yard"): FormatResult {
  const parsed = parse(text, name);
  if (hasErrors(parsed.diagnostics)) return { text: null, diagnostics: parsed.diagnostics };
  return { text: formatScheme(parsed.ast), diagnostics: parsed.diagnostics };
}
