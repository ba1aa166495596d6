import type { Span } from "./source.js";

/** How serious a diagnostic is: an error stops evaluation, a warning does not. */
export type Severity = "error" | "warning";

/**
 * The catalogue of diagnostic codes. Codes are stable: tests, the editor and the API rely on
 * them. Messages follow one style: lower-case, no final period, the author's text in backticks.
 */
export const DIAGNOSTIC_CODES = {
  "syntax": "the text does not follow the language's grammar",
  "unknown-keyword": "a word where a keyword was expected is not one the language knows",
  "misplaced-clause": "a clause that belongs elsewhere",
  "unknown-name": "a name that is not declared",
  "duplicate-name": "a name declared twice",
  "cycle": "derived values that depend on each other in a circle",
  "points-sum": "children's points do not add up to the parent's",
  "weights-sum": "sibling weights do not add up to 1 or 100",
  "mixed-weights": "siblings mixing points and weights",
  "missing-share": "a node without points or weight among siblings that state theirs",
  "ahp-shape": "an AHP matrix of the wrong size",
  "ahp-reciprocal": "an AHP matrix that is not reciprocal",
  "ahp-consistency": "an AHP matrix whose consistency ratio exceeds 0.1",
  "band-order": "band thresholds out of order",
  "typology-overlap": "typology rules that overlap",
  "typology-gap": "typology rules that can leave regions unclassified",
  "type-mismatch": "a value of the wrong type (number, boolean, category)",
  "unused-input": "an input no indicator, rule or check uses",
  "zero-weight": "an indicator whose effective weight is zero",
  "cap-exceeds-points": "a rule cap larger than its item's points",
  "percent-rate": "a deduction rate in `%` where percentage points are likely meant",
  "zero-denominator": "a ratio whose denominator can be zero",
  "no-scoring": "an indicator without a scoring method",
  "bad-argument": "a function called with the wrong number or kind of arguments",
  "bad-value": "a number or option outside what the clause allows",
  "missing-header": "a scheme without its `scheme` header",
  "io": "a file that cannot be read or written",
} as const;

/** A stable code naming the kind of problem. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** A problem found in a scheme, with where it is; the one shape the CLI, API and editor share. */
export interface Diagnostic {
  /** Stable code from the catalogue. */
  readonly code: DiagnosticCode;
  /** Error or warning. */
  readonly severity: Severity;
  /** One line saying what is wrong, in the catalogue's style. */
  readonly message: string;
  /** Where it is. */
  readonly span: Span;
  /** An optional hint saying how to fix it. */
  readonly help?: string;
}

/** Makes an error diagnostic. */
export function error(code: DiagnosticCode, message: string, span: Span, help?: string): Diagnostic {
  return help === undefined ? { code, severity: "error", message, span } : { code, severity: "error", message, span, help };
}

/** Makes a warning diagnostic. */
export function warning(code: DiagnosticCode, message: string, span: Span, help?: string): Diagnostic {
  return help === undefined ? { code, severity: "warning", message, span } : { code, severity: "warning", message, span, help };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sorts diagnostics by position, then code, for stable output. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
