/**
 * Prints the layout tree as text: two-space indentation, blocks flat when they fit in
 * `MAX_WIDTH` columns and hold no comments, otherwise one item per line; at most one blank line
 * where the author left one, and one around multi-line declarations at the top level.
 */
import type { Comment } from "../ast.js";
import { docLines, hasInnerComments, previous } from "./comments.js";
import type { Block, CommaRule, Stmt } from "./layout.js";
import { displayWidth } from "./width.js";

/** The widest a flat block may be, indentation included. */
export const MAX_WIDTH = 100;
const INDENT = "  ";

/** A statement's lines: comments before it, its own lines, and the text trailing its last line. */
interface Rendered {
  readonly lead: string[];
  readonly body: string[];
  readonly trail: string;
}

/** Prints the file's top-level statements and the comments after them. */
export function printFile(root: Block): string {
  const out: string[] = [];
  let prevBody: string[] | null = null;
  root.items.forEach((s, i) => {
    const r = render(s, "");
    if (prevBody && (blankBefore(root.items, i) || prevBody.length > 1 || r.body.length > 1)) out.push("");
    out.push(...compose(r, ""));
    prevBody = r.body;
  });
  out.push(...danglingLines(root, ""));
  return out.length > 0 ? out.join("\n") + "\n" : "";
}

function render(s: Stmt, indent: string): Rendered {
  const lead: string[] = [];
  s.leading.forEach((c, k) => {
    const before = s.leading[k - 1];
    if (before && c.span.line - before.span.endLine >= 2) lead.push("");
    lead.push(indent + commentText(c));
  });
  const last = s.leading[s.leading.length - 1];
  if (last && s.span && s.span.line - last.span.endLine >= 2) lead.push("");
  lead.push(...docLines(s).map((d) => indent + d));
  const trail = s.trailing.map(commentText).join(" ");
  return { lead, body: body(s, indent), trail };
}

function compose(r: Rendered, comma: string): string[] {
  const lines = [...r.lead, ...r.body];
  lines[lines.length - 1] += comma + (r.trail ? "  " + r.trail : "");
  return lines;
}

function body(s: Stmt, indent: string): string[] {
  const flat = flatText(s);
  if (flat !== null && (!s.block || displayWidth(indent + flat) <= MAX_WIDTH)) return [indent + flat];
  const block = s.block!;
  const inner = indent + INDENT;
  const opening = block.opening.map(commentText).join(" ");
  const lines = [`${indent}${s.head} {${opening ? "  " + opening : ""}`];
  block.items.forEach((item, i) => {
    const r = render(item, inner);
    if (i > 0 && blankBefore(block.items, i)) lines.push("");
    const next = block.items[i + 1];
    lines.push(...compose(r, next && needsComma(block.comma, next) ? "," : ""));
  });
  lines.push(...danglingLines(block, inner));
  lines.push(`${indent}}${s.tail ? " " + s.tail : ""}`);
  return lines;
}

/** The statement on one line, or null when it must be broken (comments inside, several clauses). */
function flatText(s: Stmt): string | null {
  if (!s.block) return s.head;
  const { items, style } = s.block;
  if ((style === "broken" && items.length > 0) || (style === "body" && items.length > 1) || hasInnerComments(s)) return null;
  const parts: string[] = [];
  for (const item of items) {
    const text = flatText(item);
    if (text === null) return null;
    parts.push(text);
  }
  const inner = parts.length > 0 ? `{ ${parts.join(", ")} }` : "{}";
  return `${s.head} ${inner}${s.tail ? " " + s.tail : ""}`;
}

function needsComma(rule: CommaRule, next: Stmt): boolean {
  // An item starting with `-` or `(` would otherwise continue the previous item's expression.
  return rule === "always" || (rule === "needed" && /^[-−(]/.test(next.head));
}

/**
 * True when the author left a blank line before the i-th statement (or before its comments).
 * A statement without a position (an empty matrix row) cannot tell, so none is added after it.
 */
function blankBefore(items: readonly Stmt[], i: number): boolean {
  const s = items[i]!;
  if (!s.span || !items[i - 1]?.span) return false;
  const prev = previous(items, s.span.start);
  if (!prev) return false;
  const first = Math.min(s.span.line, ...s.leading.map((c) => c.span.line));
  return first - lastLine(prev) >= 2;
}

function lastLine(s: Stmt): number {
  return Math.max(s.span!.endLine, ...s.trailing.map((c) => c.span.endLine));
}

function danglingLines(block: Block, indent: string): string[] {
  const lines: string[] = [];
  block.dangling.forEach((c, k) => {
    const before = block.dangling[k - 1];
    const prev = previous(block.items, c.span.start);
    const gap = before ? c.span.line - before.span.endLine : prev ? c.span.line - lastLine(prev) : 0;
    if (gap >= 2) lines.push("");
    lines.push(indent + commentText(c));
  });
  return lines;
}

/** A comment as printed: line comments lose trailing spaces; block comments are kept as written. */
function commentText(c: Comment): string {
  return c.text.startsWith("/*") ? c.text : c.text.trimEnd();
}
