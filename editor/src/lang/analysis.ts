/**
 * What the language worker sends the page after reading a scheme: the diagnostics as the `dsl/`
 * produced them (spans intact) and plain tables of the scheme's names and indicator tree, so
 * hover, completion, go-to-definition and the outline answer without another round trip.
 */
import type { Diagnostic, Span } from "../../../dsl/index.js";

/** What kind of thing a name declares. */
export type SymbolKind = "input" | "let" | "table" | "typology" | "type" | "dimension" | "indicator";

/** One declared name. */
export interface SymbolEntry {
  readonly name: string;
  readonly kind: SymbolKind;
  /** The label as written, or null. */
  readonly label: string | null;
  /** A short description: an input's type and unit, a typology's types, a node's path. */
  readonly detail: string;
  /** Where the name is declared. */
  readonly span: Span;
  /** Tree nodes: their dotted path. */
  readonly path?: string;
}

/** One node of the indicator tree, for the outline and hovers. */
export interface TreeEntry {
  readonly path: string;
  readonly name: string;
  readonly label: string;
  readonly kind: "dimension" | "indicator";
  /** Share of the parent (0..1), or null when the checker has not computed it. */
  readonly localWeight: number | null;
  /** Effective points in the total, or the points as written when unchecked; null when unknown. */
  readonly points: number | null;
  /** The share as written, e.g. `points 15` or `weight 30%`. */
  readonly share: string | null;
  /** The share's parts: unit, number, whether written with `%`, and where the number is (for what-if edits). */
  readonly shareParts: { readonly unit: "points" | "weight"; readonly value: number; readonly percent: boolean; readonly span: Span } | null;
  /** Per-type effective points where they differ, as [type, points]. */
  readonly pointsByType: readonly (readonly [string, number])[];
  /** Scoring method as written (indicators), e.g. `goalposts floor 0 target 6.5`. */
  readonly method: string | null;
  /** `higher` or `lower`. */
  readonly direction: string | null;
  /** Groups: how the children are weighted and combined. */
  readonly weighting: string | null;
  readonly aggregate: string | null;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly children: readonly TreeEntry[];
}

/** The worker's reading of one version of the text. */
export interface Analysis {
  /** The editor model version the text came from. */
  readonly version: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols: readonly SymbolEntry[];
  /** Top-level dimensions and indicators. */
  readonly tree: readonly TreeEntry[];
  /** The scheme's total points, when known. */
  readonly total: number | null;
  /** True when the checker ran (names resolved, weights computed), false for parse only. */
  readonly checked: boolean;
  /** Milliseconds the worker spent. */
  readonly ms: number;
}

/** Messages to the worker. */
export type WorkerRequest =
  | { readonly type: "analyze"; readonly id: number; readonly version: number; readonly text: string }
  | { readonly type: "format"; readonly id: number; readonly text: string };

/** Messages from the worker. */
export type WorkerReply =
  | { readonly type: "analysis"; readonly id: number; readonly analysis: Analysis }
  | { readonly type: "formatted"; readonly id: number; readonly text: string | null; readonly diagnostics: readonly Diagnostic[] };

/** Every entry of a tree, parents before children. */
export function flatten(tree: readonly TreeEntry[]): TreeEntry[] {
  return tree.flatMap((t) => [t, ...flatten(t.children)]);
}
