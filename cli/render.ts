/** Renders diagnostics for a terminal: `file:line:col: severity: message`, the line, carets, help. */
import stringWidth from "string-width";
import type { Diagnostic } from "../dsl/diagnostics.js";
import { lineText, type SourceFile } from "../dsl/source.js";

/** Renders every diagnostic of one file, in order, as compiler-style text. */
export function renderDiagnostics(source: SourceFile, diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => renderOne(source, d)).join("");
}

function renderOne(source: SourceFile, d: Diagnostic): string {
  const { line, col } = d.span;
  const text = lineText(source, line).replace(/\t/g, " ");
  const gutter = String(line).length;
  const pad = " ".repeat(gutter);
  const before = stringWidth(text.slice(0, col - 1));
  const endCol = d.span.endLine === line ? d.span.endCol : text.length + 1;
  const width = Math.max(1, stringWidth(text.slice(col - 1, Math.max(col - 1, endCol - 1))));
  let out = `${source.name}:${line}:${col}: ${d.severity}: ${d.message} [${d.code}]\n`;
  out += `${pad} |\n${line} | ${text}\n${pad} | ${" ".repeat(before)}${"^".repeat(width)}\n`;
  if (d.help) out += `${pad} = help: ${d.help}\n`;
  return out;
}

/** A one-line summary such as `2 errors, 1 warning`. */
export function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
