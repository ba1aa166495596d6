/**
 * Attaches every comment of a scheme to one statement of the layout, by span, so each is
 * printed exactly once: a comment at the end of a statement's line trails it; any other comment
 * leads the nearest statement after it; comments after a block's last item stay before its `}`.
 */
import type { Comment } from "../ast.js";
import type { Block, Stmt } from "./layout.js";

/** True for a `///` doc comment, which must stay directly before the declaration it documents. */
export function isDoc(c: Comment): boolean {
  return c.text.startsWith("///");
}

/** Places each comment on the statement it belongs to (mutates the layout's comment lists). */
export function attachComments(root: Block, comments: readonly Comment[]): void {
  const sorted = [...comments].sort((a, b) => a.span.start - b.span.start);
  for (const c of sorted) place(root, null, c);
  keepDocs(root);
}

/**
 * Moves `///` comments that would become a declaration's doc string although they were not
 * (one written inside a declaration, or before a `{`) to the end of their block, where they
 * document nothing, so formatting never changes a doc string.
 */
function keepDocs(block: Block): void {
  for (const s of block.items) {
    if (s.decl && s.span) {
      const run = docRun(s.leading);
      if (run.length > 0 && docText(run) !== s.doc) {
        const keep = run.filter((c) => c.span.start < s.span!.start);
        const moved = run.filter((c) => c.span.start >= s.span!.start);
        while (keep.length > 0 && docText(keep) !== s.doc) moved.push(keep.shift()!);
        s.leading.splice(s.leading.length - run.length, run.length, ...keep);
        block.dangling.push(...moved);
        block.dangling.sort((a, b) => a.span.start - b.span.start);
      }
    }
    if (s.block) keepDocs(s.block);
  }
}

/** The `///` comments at the end of a list of leading comments: those that document what follows. */
function docRun(leading: readonly Comment[]): Comment[] {
  let i = leading.length;
  while (i > 0 && isDoc(leading[i - 1]!)) i--;
  return leading.slice(i);
}

/** The doc string a run of `///` comments gives, as the parser reads it. */
function docText(run: readonly Comment[]): string | null {
  return run.length === 0 ? null : run.map((c) => c.text.slice(3).trim()).join("\n");
}

function place(block: Block, owner: Stmt | null, c: Comment): void {
  const inside = block.items.find((s) => s.span !== null && s.span.start < c.span.start && c.span.end <= s.span.end);
  if (inside) {
    if (inside.block) place(inside.block, inside, c);
    else moveBefore(inside, c);
    return;
  }
  const prev = previous(block.items, c.span.start);
  const next = following(block.items, c.span.end);
  // A doc comment never trails: it documents what follows it, and must keep doing so.
  if (prev && !isDoc(c) && prev.span!.endLine === c.span.line) prev.trailing.push(c);
  else if (owner && !prev && !isDoc(c) && opensBlock(owner, c, next)) block.opening.push(c);
  else if (next) next.leading.push(c);
  else if (prev || !owner) block.dangling.push(c);
  else moveBefore(owner, c);
}

/** True for a comment on a block statement's first line with nothing of the block before it: `{  // …`. */
function opensBlock(owner: Stmt, c: Comment, next: Stmt | null): boolean {
  return owner.span !== null && c.span.line === owner.span.line && (!next || next.span!.line > c.span.endLine);
}

/**
 * Leads a statement with a comment written inside it. A plain comment goes before the
 * statement's doc comments, which must stay last to remain its doc string.
 */
function moveBefore(s: Stmt, c: Comment): void {
  if (isDoc(c)) s.leading.push(c);
  else s.leading.splice(s.leading.length - docRun(s.leading).length, 0, c);
}

/** The statement of a block that ends last at or before an offset. */
export function previous(items: readonly Stmt[], offset: number): Stmt | null {
  let best: Stmt | null = null;
  for (const s of items) {
    if (s.span && s.span.end <= offset && (!best || s.span.end > best.span!.end)) best = s;
  }
  return best;
}

function following(items: readonly Stmt[], offset: number): Stmt | null {
  let best: Stmt | null = null;
  for (const s of items) {
    if (s.span && s.span.start >= offset && (!best || s.span.start < best.span!.start)) best = s;
  }
  return best;
}

/** True when a statement's block, or any block nested in it, holds a comment. */
export function hasInnerComments(s: Stmt): boolean {
  if (!s.block) return false;
  if (s.block.dangling.length > 0 || s.block.opening.length > 0) return true;
  return s.block.items.some((i) => i.leading.length > 0 || i.trailing.length > 0 || docLines(i).length > 0 || hasInnerComments(i));
}

/** The `///` lines to print for a statement's doc string: none when a source comment carries it. */
export function docLines(s: Stmt): string[] {
  if (s.doc === null || s.leading.some(isDoc)) return [];
  return s.doc.split("\n").map((l) => (l.trim() ? `/// ${l.trim()}` : "///"));
}
