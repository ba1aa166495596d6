/**
 * The shape of a structural diff between two versions of a scheme: a flat, ordered list of
 * authored changes, and apart from it the derived changes of effective points. The JSON form is
 * exactly these objects (see `engine/diff/README.md`).
 */
import type { Span } from "../../dsl/source.js";

/** What part of a scheme a change is in; also the order in which sections are listed. */
export const SECTIONS = [
  "header", "input", "let", "table", "typology", "check", "alert", "node", "scoring",
  "total", "block", "veto", "grades", "rank", "flag",
] as const;

/** A section of the scheme. */
export type Section = (typeof SECTIONS)[number];

/** What happened: to the whole subject (`field` null) or to one part of it (`field` set). */
export type ChangeOp = "added" | "removed" | "changed" | "moved" | "renamed" | "relabelled";

/** One authored change. Values are printed as source text; spans point into each version. */
export interface Change {
  readonly section: Section;
  readonly op: ChangeOp;
  /** What it is about: a tree path, an input/let/table/typology name, a rule's label; the new one when both exist. */
  readonly subject: string;
  /** The subject in the old version, when it differs (moved, renamed). */
  readonly oldSubject: string | null;
  /** The label people read (Chinese as written), or null. */
  readonly label: string | null;
  /** Which part changed, e.g. `points`, `goalposts target`, `for outer: band >= 95`; null for the whole subject. */
  readonly field: string | null;
  /** The old text (null when added). */
  readonly old: string | null;
  /** The new text (null when removed). */
  readonly new: string | null;
  /** new − old, when both are plain numbers (a share, a threshold, an amount). */
  readonly delta: number | null;
  /** Where in the old version (null when added). */
  readonly oldSpan: Span | null;
  /** Where in the new version (null when removed). */
  readonly newSpan: Span | null;
}

/** A node's effective points for one typology type, under both versions. */
export interface TypePoints {
  readonly type: string;
  readonly old: number;
  readonly new: number;
  readonly delta: number;
}

/**
 * A derived change: a tree node whose effective points (product of shares down the tree times the
 * total), per-type points or normalised local share differ. Listed apart from the authored changes
 * that cause them, for every node present in both versions.
 */
export interface EffectiveChange {
  readonly path: string;
  readonly oldPath: string;
  readonly label: string;
  readonly old: number;
  readonly new: number;
  readonly delta: number;
  /** The share of the parent (0..1), old and new. */
  readonly localWeight: { readonly old: number; readonly new: number };
  /** Types whose effective points differ from the default on either side and changed. */
  readonly byType: readonly TypePoints[];
  readonly oldSpan: Span | null;
  readonly newSpan: Span | null;
}

/** One version's identity in a diff. */
export interface DiffSide {
  /** The source name (file name or version id). */
  readonly name: string;
  readonly title: string | null;
  readonly total: number;
}

/** The structural diff of two scheme versions. */
export interface SchemeDiff {
  /** The shape's version, bumped when fields change meaning. */
  readonly format: 1;
  readonly old: DiffSide;
  readonly new: DiffSide;
  /** Authored changes, by section (in `SECTIONS` order), then by position in the new version. */
  readonly changes: readonly Change[];
  /** Effective points changes, in the new version's tree order. */
  readonly effective: readonly EffectiveChange[];
}
