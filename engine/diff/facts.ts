/**
 * Facts: the comparable parts of a construct, each with its printed text, the AST value that
 * decides equality and its span. Two constructs are compared by comparing their facts by name.
 */
import type { Expr, NumberLit, StringLit } from "../../dsl/ast.js";
import type { Span } from "../../dsl/source.js";
import { expr } from "../../dsl/format/expr.js";

/** One comparable part of a construct. */
export interface Fact {
  /** As printed in the diff. */
  readonly text: string;
  /** Decides equality (compared with `sameAst`). */
  readonly value: unknown;
  readonly span: Span | null;
}

/** Named facts in a stable order. */
export type Facts = ReadonlyMap<string, Fact>;

/** An expression as source text (the formatter's printer: fewest brackets, numbers as written). */
export function exprText(e: Expr): string {
  return expr(e);
}

/** A fact for an expression (printed as source text). */
export function exprFact(e: Expr): Fact {
  return { text: exprText(e), value: e, span: e.span };
}

/** A fact for a quoted text (a label, a message). */
export function stringFact(s: StringLit): Fact {
  return { text: JSON.stringify(s.value), value: s.value, span: s.span };
}

/** A fact for a number literal (compared by value and unit). */
export function numberFact(n: NumberLit): Fact {
  return { text: exprText(n), value: n, span: n.span };
}

/** A fact for a keyword or other plain word. */
export function wordFact(word: string, span: Span | null): Fact {
  return { text: word, value: word, span };
}

/** Builds facts from `[name, fact | null]` pairs, leaving out the absent ones. */
export function facts(entries: readonly (readonly [string, Fact | null | undefined])[]): Facts {
  const out = new Map<string, Fact>();
  for (const [k, f] of entries) if (f) out.set(k, f);
  return out;
}

const NUMBER = /(?<![\p{L}\p{N}_.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/giu;

/**
 * new − old when two printed values differ only in one number (`points 20` → `points 25`,
 * `>= 90` → `>= 92`, `at most 30%` → `at most 25%`); null otherwise.
 */
export function numericDelta(old: string | null, now: string | null): number | null {
  if (old === null || now === null) return null;
  const a = [...old.matchAll(NUMBER)];
  const b = [...now.matchAll(NUMBER)];
  if (a.length !== 1 || b.length !== 1) return null;
  if (old.replace(NUMBER, "#") !== now.replace(NUMBER, "#")) return null;
  return Number(b[0]![0]) - Number(a[0]![0]);
}
