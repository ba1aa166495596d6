/**
 * The structural diff of two versions of a scheme: what the author changed (tree, scoring,
 * values, typologies, rules, grades), and apart from it how every node's effective points moved.
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import { diffHeader, diffTypologies, diffValues } from "./decls.js";
import { Recorder } from "./record.js";
import { diffRules } from "./rules.js";
import { diffTree, effectiveChanges } from "./tree.js";
import type { DiffSide, SchemeDiff } from "./types.js";

/** A version's name, title and total, as diffs show them. */
export function diffSide(s: CheckedScheme): DiffSide {
  return { name: s.source.name, title: s.ast.header?.title.value ?? null, total: s.total };
}

/** Compares two checked versions of a scheme; `diff(a, a)` has no changes. */
export function structuralDiff(old: CheckedScheme, now: CheckedScheme): SchemeDiff {
  const rec = new Recorder();
  diffHeader(rec, old.ast, now.ast);
  diffValues(rec, old.ast, now.ast);
  diffTypologies(rec, old.ast, now.ast);
  const match = diffTree(rec, old, now);
  diffRules(rec, old.ast, now.ast);
  return { format: 1, old: diffSide(old), new: diffSide(now), changes: rec.changes(), effective: effectiveChanges(match, now) };
}
