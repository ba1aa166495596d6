/**
 * Reading helpers over Chevrotain's CST, shared by the AST builders: children by key, spans
 * from tokens and nodes (recovery can leave NaN offsets: those fall back to a nearby span),
 * and literal decoding.
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Ident, NumberLit, StringLit } from "./ast.js";
import { spanOf, type SourceFile, type Span } from "./source.js";

const NONE: CstElement[] = [];

/** The reading context of one parse: the source and a fallback span for recovered pieces. */
export class CstReader {
  constructor(readonly src: SourceFile, private readonly fallback: Span) {}

  /** Child tokens under a key (a token type name or label; a key never mixes tokens and nodes). */
  toks(n: CstNode | undefined, key: string): IToken[] {
    return (n?.children[key] ?? NONE) as IToken[];
  }

  /** The i-th child token under a key. */
  tok(n: CstNode | undefined, key: string, i = 0): IToken | undefined {
    const t = this.toks(n, key)[i];
    return t && !t.isInsertedInRecovery && Number.isFinite(t.startOffset) ? t : undefined;
  }

  /** Child nodes under a key (a rule name or label). */
  nodes(n: CstNode | undefined, key: string): CstNode[] {
    return (n?.children[key] ?? NONE) as CstNode[];
  }

  /** The i-th child node under a key. */
  node(n: CstNode | undefined, key: string, i = 0): CstNode | undefined {
    return this.nodes(n, key)[i];
  }

  /** True when a child token exists under the key. */
  has(n: CstNode | undefined, key: string): boolean {
    return this.toks(n, key).length > 0;
  }

  /** The span of a token. */
  tokenSpan(t: IToken | undefined): Span {
    if (!t || !Number.isFinite(t.startOffset)) return this.fallback;
    return spanOf(this.src, t.startOffset, t.startOffset + t.image.length);
  }

  /** The span of a CST node. */
  nodeSpan(n: CstNode | undefined): Span {
    const loc = n?.location;
    if (!loc || !Number.isFinite(loc.startOffset)) return this.fallback;
    const end = Number.isFinite(loc.endOffset) ? (loc.endOffset as number) + 1 : loc.startOffset + 1;
    return spanOf(this.src, loc.startOffset, end);
  }

  /** An identifier from a token, or null when recovery left none. */
  ident(t: IToken | undefined): Ident | null {
    return t ? { kind: "ident", name: t.image, span: this.tokenSpan(t) } : null;
  }

  /** A string literal from a token, or null. */
  string(t: IToken | undefined): StringLit | null {
    return t ? { kind: "string", value: unquote(t.image), span: this.tokenSpan(t) } : null;
  }

  /** A number literal from a token, or null. */
  number(t: IToken | undefined): NumberLit | null {
    if (!t) return null;
    const last = t.image.charCodeAt(t.image.length - 1);
    const unit = last === 112 /* p */ ? "pp" : last === 37 /* % */ ? "%" : null;
    const digits = unit === "pp" ? t.image.slice(0, -2) : unit === "%" ? t.image.slice(0, -1) : t.image;
    return { kind: "number", value: Number(digits), unit, text: t.image, span: this.tokenSpan(t) };
  }
}

/** True for tokens (as opposed to CST nodes). */
export function isToken(c: CstElement): c is IToken {
  return (c as IToken).image !== undefined;
}

/** Decodes a double-quoted string literal. */
export function unquote(image: string): string {
  const body = image.endsWith('"') && image.length >= 2 ? image.slice(1, -1) : image.slice(1);
  return body.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}
