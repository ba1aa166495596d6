/**
 * A compiled program: the evaluation graph of a checked scheme plus the hash that identifies the
 * scheme text. Build it once, evaluate it on many datasets.
 */
import type { CheckedScheme } from "../dsl/check/types.js";
import { hasErrors, type Diagnostic } from "../dsl/diagnostics.js";
import type { EvalGraph } from "./graph.js";
import { sha256 } from "./hash.js";
import { plan } from "./plan.js";

/** The engine's version; part of every receipt, so a change in numerics changes receipts. */
export const ENGINE_VERSION = "0.1.0";

/** A scheme ready to evaluate. */
export interface Program {
  readonly graph: EvalGraph;
  /** sha256 (hex) of the scheme's source text. */
  readonly schemeHash: string;
  readonly scheme: CheckedScheme;
}

export { sha256 } from "./hash.js";

/** Builds the program of a checked scheme; null (with the reasons) when the scheme has errors. */
export function buildProgram(scheme: CheckedScheme): { program: Program | null; diagnostics: readonly Diagnostic[] } {
  if (hasErrors(scheme.diagnostics)) return { program: null, diagnostics: [] };
  const { graph, diagnostics } = plan(scheme);
  if (!graph) return { program: null, diagnostics };
  return { program: { graph, schemeHash: sha256(scheme.source.text), scheme }, diagnostics };
}
