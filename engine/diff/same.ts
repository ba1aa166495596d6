/**
 * Equality of AST fragments as the author meant them: spans, doc strings and the spelling of
 * number literals (`0.50` vs `0.5`) are ignored, so only a change of meaning counts.
 */

const IGNORED = new Set(["span", "doc", "text"]);

/** Whether two AST values (nodes, lists, primitives) are the same apart from spans and spelling. */
export function sameAst(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameAst(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => !IGNORED.has(k) || !isIgnorable(a, k));
  const kb = Object.keys(b).filter((k) => !IGNORED.has(k) || !isIgnorable(b, k));
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameAst((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `text` is ignorable only on number literals (elsewhere, e.g. a comment, it is content). */
function isIgnorable(node: object, key: string): boolean {
  if (key !== "text") return true;
  return (node as { kind?: unknown }).kind === "number";
}
