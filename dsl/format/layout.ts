/**
 * The formatter's intermediate form: a tree of line-level pieces ("statements") built from the
 * AST, to which comments are attached by span before it is printed. A statement is one line
 * (`head tail`) or, with a block, `head { items } tail`, printed flat when it fits.
 */
import type { Comment } from "../ast.js";
import type { Span } from "../source.js";

/** How a block lays out its items. */
export type BlockStyle =
  /** Flat (`{ a, b }`) when it fits and holds no comments; else one item per line. */
  | "list"
  /** Flat only with a single item (an indicator with one clause); else one item per line. */
  | "body"
  /** Always one item per line (dimensions, the file itself). */
  | "broken";

/** When a broken block needs a comma after an item so the next one does not run into it. */
export type CommaRule = "always" | "needed" | "never";

/** A `{ ... }` block of statements. */
export interface Block {
  readonly style: BlockStyle;
  readonly comma: CommaRule;
  readonly items: Stmt[];
  /** Comments on the line of the opening brace, printed after it. */
  readonly opening: Comment[];
  /** Comments after the last item, printed before the closing brace. */
  readonly dangling: Comment[];
}

/** One line-level piece of the output, anchored to the source by its span. */
export interface Stmt {
  /** Where the piece was in the source; null when it has no position (it then anchors no comment). */
  readonly span: Span | null;
  /** The text before the block, or the whole line. */
  readonly head: string;
  readonly block: Block | null;
  /** Text after the block (`scale 5` after ballots, `max 2` after `highest { }`). */
  readonly tail: string;
  /** True for a declaration: the `///` comments right before it are its doc string. */
  readonly decl: boolean;
  /** A doc string to print as `///` lines when no `///` comment of the source carries it. */
  readonly doc: string | null;
  /** Comments printed on their own lines before the statement. */
  readonly leading: Comment[];
  /** Comments printed at the end of the statement's last line. */
  readonly trailing: Comment[];
}

/** Makes a statement without a block; a declaration passes its doc string (null when it has none). */
export function line(head: string, span: Span | null, doc?: string | null): Stmt {
  return { span, head, block: null, tail: "", decl: doc !== undefined, doc: doc ?? null, leading: [], trailing: [] };
}

/** Makes a statement with a block. */
export function withBlock(
  head: string, span: Span | null, style: BlockStyle, items: Stmt[],
  opts: { tail?: string; doc?: string | null; comma?: CommaRule } = {},
): Stmt {
  return {
    span, head, tail: opts.tail ?? "", decl: opts.doc !== undefined, doc: opts.doc ?? null, leading: [], trailing: [],
    block: { style, comma: opts.comma ?? "never", items, opening: [], dangling: [] },
  };
}

/** Joins the words of a head, dropping empty ones. */
export function words(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p.length > 0).join(" ");
}
