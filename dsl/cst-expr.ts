/** Builds expression AST nodes from the expression rules of the CST. */
import type { CstNode, IToken } from "chevrotain";
import type { Span } from "./source.js";
import type { BinaryOp, Expr, Ident, Path } from "./ast.js";
import { isToken, type CstReader } from "./cst-reader.js";
import { joinSpans } from "./source.js";

type Item =
  | { kind: "operand"; at: number; node: CstNode }
  | { kind: "op"; at: number; token: IToken }
  | { kind: "in"; at: number; node: CstNode };

const PRECEDENCE: Record<BinaryOp, number> = {
  "or": 1, "and": 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6,
};
/** `not x` binds looser than comparisons and tighter than `and`. */
const NOT_OPERAND = 4;
const IN_PRECEDENCE = 4;

function offset(n: CstNode): number {
  return n.location?.startOffset ?? 0;
}

/** Precedence climbing over the flat operand/operator list of one `expr` node. */
class Climber {
  private i = 0;
  private prefixes = new Map<CstNode, IToken[]>();

  constructor(private readonly b: ExprBuilder, private readonly items: Item[], private readonly whole: Span) {}

  expr(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const next = this.items[this.i];
      if (!next || next.kind === "operand") return left;
      if (next.kind === "in") {
        if (IN_PRECEDENCE < minPrec) return left;
        this.i++;
        left = { kind: "in", value: left, options: this.b.inOptions(next.node), span: joinSpans(left.span, this.b.spanOfNode(next.node)) };
        continue;
      }
      const op = OP_TOKENS[next.token.tokenType.name]!;
      const prec = PRECEDENCE[op];
      if (prec < minPrec) return left;
      this.i++;
      const right = this.expr(prec + 1);
      left = { kind: "binary", op, left, right, span: joinSpans(left.span, right.span) };
    }
  }

  private unary(): Expr {
    const item = this.items[this.i];
    if (!item || item.kind !== "operand") return { kind: "missing", span: this.whole };
    let prefixes = this.prefixes.get(item.node);
    if (!prefixes) {
      prefixes = this.b.prefixTokens(item.node);
      this.prefixes.set(item.node, prefixes);
    }
    const rest = prefixes.slice(1);
    const [first] = prefixes;
    if (!first) this.i++;
    else this.prefixes.set(item.node, rest);
    return this.b.prefixed(item.node, first ? [first] : [], () => this.unary(), () => this.expr(NOT_OPERAND));
  }
}

const OP_TOKENS: Record<string, BinaryOp> = {
  OrKw: "or", AndKw: "and", EqEq: "==", NotEq: "!=", LtEq: "<=", GtEq: ">=", Lt: "<", Gt: ">",
  Plus: "+", Minus: "-", Star: "*", Slash: "/",
};

/** Builds expressions; holds the reader for spans and literals. */
export class ExprBuilder {
  constructor(private readonly r: CstReader) {}

  /** An expression from an `expr` CST node; a `Missing` node when recovery left nothing. */
  expr(n: CstNode | undefined): Expr {
    if (!n || n.name !== "expr") return { kind: "missing", span: this.r.nodeSpan(n) };
    const items: Item[] = [
      ...this.r.nodes(n, "operand").map((o) => ({ kind: "operand" as const, at: offset(o), node: o })),
      ...this.r.nodes(n, "binaryOp").flatMap((o) => {
        const token = Object.keys(o.children).flatMap((k) => this.r.toks(o, k))[0];
        return token ? [{ kind: "op" as const, at: offset(o), token }] : [];
      }),
      ...this.r.nodes(n, "inList").map((o) => ({ kind: "in" as const, at: offset(o), node: o })),
    ].sort((a, b) => a.at - b.at);
    return new Climber(this, items, this.r.nodeSpan(n)).expr(1);
  }

  /** An operand with its prefix operators applied (`not` and `-`), for the climber. */
  prefixed(o: CstNode, prefixes: IToken[], rest: () => Expr, notOperand: () => Expr): Expr {
    const first = prefixes[0];
    if (!first) return this.expr1(this.r.node(o, "primary"));
    if (first.tokenType.name === "NotKw") {
      const operand = notOperand();
      return { kind: "unary", op: "not", operand, span: joinSpans(this.r.tokenSpan(first), operand.span) };
    }
    const operand = rest();
    if (operand.kind === "number" && operand.span.start === first.startOffset + 1 && !operand.text.startsWith("-")) {
      return { ...operand, value: -operand.value, text: "-" + operand.text, span: joinSpans(this.r.tokenSpan(first), operand.span) };
    }
    return { kind: "unary", op: "-", operand, span: joinSpans(this.r.tokenSpan(first), operand.span) };
  }

  /** The options of an `in (...)` list. */
  inOptions(n: CstNode): Expr[] {
    return this.r.nodes(n, "expr").map((c) => this.expr(c));
  }

  /** Prefix tokens of an operand, in order. */
  prefixTokens(o: CstNode): IToken[] {
    return [...this.r.toks(o, "NotKw"), ...this.r.toks(o, "Minus")].sort((a, b) => a.startOffset - b.startOffset);
  }

  /** A span helper for the climber. */
  spanOfNode(n: CstNode): Span {
    return this.r.nodeSpan(n);
  }

  private expr1(n: CstNode | undefined): Expr {
    return n ? this.primary(n) : { kind: "missing", span: this.r.nodeSpan(n) };
  }

  private primary(n: CstNode): Expr {
    const span = this.r.nodeSpan(n);
    const num = this.r.tok(n, "NumberLiteral");
    if (num) return this.r.number(num)!;
    const str = this.r.tok(n, "StringLiteral");
    if (str) return this.r.string(str)!;
    if (this.r.has(n, "TrueKw")) return { kind: "bool", value: true, span };
    if (this.r.has(n, "FalseKw")) return { kind: "bool", value: false, span };
    const paren = this.r.node(n, "expr");
    if (paren) return this.expr(paren);
    const ifNode = this.r.node(n, "ifExpr");
    if (ifNode) return this.ifExpr(ifNode);
    const scoreNode = this.r.node(n, "scoreRef");
    if (scoreNode) return { kind: "score", path: this.path(scoreNode, this.r.toks(scoreNode, "Identifier")), span: this.r.nodeSpan(scoreNode) };
    const call = this.r.node(n, "nameOrCall");
    if (call) return this.nameOrCall(call);
    return { kind: "missing", span };
  }

  private ifExpr(n: CstNode): Expr {
    return {
      kind: "if",
      cond: this.expr(this.r.node(n, "cond")),
      then: this.expr(this.r.node(n, "then")),
      otherwise: this.expr(this.r.node(n, "otherwise")),
      span: this.r.nodeSpan(n),
    };
  }

  private nameOrCall(n: CstNode): Expr {
    const nameTok = this.r.toks(n, "name").find((t) => isToken(t) && Number.isFinite(t.startOffset));
    const span = this.r.nodeSpan(n);
    if (!nameTok) return { kind: "missing", span };
    if (!this.r.has(n, "LParen")) return { kind: "name", name: nameTok.image, span: this.r.tokenSpan(nameTok) };
    const within = this.r.node(n, "within");
    return {
      kind: "call",
      callee: this.r.ident(nameTok)!,
      args: this.r.nodes(n, "expr").map((c) => this.expr(c)),
      within: within ? this.withinIdent(within) : null,
      span,
    };
  }

  /** The typology named by a `within T` node. */
  withinIdent(n: CstNode): Ident | null {
    return this.r.ident(this.r.tok(n, "Identifier"));
  }

  /** A dotted path from identifier tokens. */
  path(n: CstNode, parts: IToken[]): Path {
    const idents = parts.map((t) => this.r.ident(t)).filter((i): i is Ident => i !== null);
    return { kind: "path", parts: idents, span: this.r.nodeSpan(n) };
  }
}
