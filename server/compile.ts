/**
 * Scheme text → checked scheme → program, through `dsl/` and `engine/`, with the results cached
 * by text (a stored version is compiled once, however often it is evaluated). Diagnostics go to
 * clients as JSON with `line:col` and the end of their span.
 */
import { compile } from "../dsl/index.js";
import type { CheckedScheme } from "../dsl/check/types.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../dsl/diagnostics.js";
import { buildProgram, type Program } from "../engine/index.js";
import { Lru } from "./lru.js";
import { problem } from "./problem.js";

/** A diagnostic as the API sends it. */
export interface DiagnosticJson {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly help?: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  /** Offsets into the text (UTF-16 code units), half-open. */
  readonly start: number;
  readonly end: number;
}

/** A compiled scheme: the checked scheme, the program when it has no errors, every diagnostic. */
export interface Compiled {
  readonly checked: CheckedScheme;
  readonly program: Program | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** The API's form of a diagnostic. */
export function diagnosticJson(d: Diagnostic): DiagnosticJson {
  const s = d.span;
  return {
    code: d.code, severity: d.severity, message: d.message, ...(d.help ? { help: d.help } : {}),
    line: s.line, col: s.col, endLine: s.endLine, endCol: s.endCol, start: s.start, end: s.end,
  };
}

const cache = new Lru<string, Compiled>(64);

/** Compiles scheme text (cached by name and text: the name shows in diagnostics and diffs). */
export function compileText(text: string, name = "scheme.yard"): Compiled {
  const key = `${name}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const checked = compile(text, name);
  const built = hasErrors(checked.diagnostics) ? { program: null, diagnostics: [] } : buildProgram(checked);
  const compiled: Compiled = { checked, program: built.program, diagnostics: sortDiagnostics([...checked.diagnostics, ...built.diagnostics]) };
  cache.set(key, compiled);
  return compiled;
}

/** The 422 problem for a scheme with errors, listing them with their places. */
export function schemeProblem(diagnostics: readonly Diagnostic[], what = "the scheme"): ReturnType<typeof problem> {
  const errors = diagnostics.filter((d) => d.severity === "error").map((d) => ({ ...diagnosticJson(d), pointer: "/source" }));
  const first = errors[0];
  const detail = `${what} has ${errors.length} error${errors.length === 1 ? "" : "s"}${first ? `; first at ${first.line}:${first.col}: ${first.message}` : ""}`;
  return problem(422, "scheme-errors", "the scheme has errors", detail, { errors });
}

/** The program of scheme text, or throws the 422 problem listing its errors. */
export function programOf(text: string, name?: string): Program {
  const c = compileText(text, name);
  if (!c.program) throw schemeProblem(c.diagnostics);
  return c.program;
}
