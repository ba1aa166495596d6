/**
 * The `dsl/` façade: text → AST → checked scheme, and the formatter. Runs in Node and in the
 * browser; never throws on bad input.
 */
export { parse, type ParseResult } from "./parse.js";
export { formatScheme, formatSource, type FormatResult } from "./format/index.js";
export { canonicalize } from "./format/canonical.js";
export { compile } from "./compile.js";
export { checkScheme } from "./check/index.js";
export type { AhpResult, CheckedNode, CheckedScheme, SymbolInfo, ValueType, WeightsMethod } from "./check/types.js";
export { FUNCTION_NAMES } from "./check/functions.js";
export type * from "./ast.js";
export type { Diagnostic, DiagnosticCode, Severity } from "./diagnostics.js";
export { hasErrors, sortDiagnostics, DIAGNOSTIC_CODES } from "./diagnostics.js";
export { sourceFile, lineText, type SourceFile, type Span } from "./source.js";
