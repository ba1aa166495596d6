/**
 * AST equality that ignores where things were written: spans are left out, and comments are
 * compared as the list of their texts in sorted order (the formatter may move a comment with the
 * clause it belongs to). A line comment's trailing spaces do not count.
 */

/** Options of `equalModuloSpans`. */
export interface EqualOptions {
  /** Leave `Scheme.comments` out of the comparison entirely. */
  readonly ignoreComments?: boolean;
}

/** A deep copy of an AST node without spans, for comparison and readable failure messages. */
export function stripSpans(node: unknown, options: EqualOptions = {}): unknown {
  if (Array.isArray(node)) return node.map((n) => stripSpans(n, options));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === "span") continue;
    if (key === "comments" && record["kind"] === "scheme") {
      if (!options.ignoreComments) out[key] = commentTexts(value);
      continue;
    }
    out[key] = stripSpans(value, options);
  }
  return out;
}

function commentTexts(comments: unknown): string[] {
  const list = Array.isArray(comments) ? (comments as { text: string }[]) : [];
  return list.map((c) => (c.text.startsWith("/*") ? c.text : c.text.trimEnd())).sort();
}

/** True when two AST nodes are the same apart from spans (and comment positions). */
export function equalModuloSpans(a: unknown, b: unknown, options: EqualOptions = {}): boolean {
  return deepEqual(stripSpans(a, options), stripSpans(b, options));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => deepEqual(x, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}
