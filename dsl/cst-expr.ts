/** Builds expression AST nodes from the expression rules of the CST. */
import type { CstNode, IToken } from "chevrotain";
import type { BinaryOp, Expr, Ident, Path } from "./ast.js";
import { isToken, type CstReader } from "./cst-reader.js";
import { joinSpans } from "./source.js";

const OP_TOKENS: Record<string, BinaryOp> = {
  OrKw: "or", AndKw: "and", EqEq: "==", NotEq: "!=", LtEq: "<=", GtEq: ">=", Lt: "<", Gt: ">",
  Plus: "+", Minus: "-", Star: "*", Slash: "/",
};

/** Builds expressions; holds the reader for spans and literals. */
export class ExprBuilder {
  constructor(private readonly r: CstReader) {}

  /** An expression from an `expr` CST node; a `Missing` node when recovery left nothing. */
  expr(n: CstNode | undefined): Expr {
    if (!n) return { kind: "missing", span: this.r.nodeSpan(n) };
    switch (n.name) {
      case "expr": return this.chain(n, "andExpr", ["OrKw"]);
      case "andExpr": return this.chain(n, "notExpr", ["AndKw"]);
      case "notExpr": return this.notExpr(n);
      case "cmpExpr": return this.cmpExpr(n);
      case "addExpr": return this.chain(n, "mulExpr", ["Plus", "Minus"]);
      case "mulExpr": return this.chain(n, "unary", ["Star", "Slash"]);
      case "unary": return this.unary(n);
      case "primary": return this.primary(n);
      default: return { kind: "missing", span: this.r.nodeSpan(n) };
    }
  }

  /** A left-associative chain `a op b op c` with operators interleaved by offset. */
  private chain(n: CstNode, operand: string, ops: string[]): Expr {
    const operands = this.r.nodes(n, operand).map((c) => this.expr(c));
    const tokens = ops.flatMap((k) => this.r.toks(n, k)).sort((a, b) => a.startOffset - b.startOffset);
    let acc = operands[0] ?? { kind: "missing", span: this.r.nodeSpan(n) };
    for (let i = 0; i < tokens.length; i++) {
      const right: Expr = operands[i + 1] ?? { kind: "missing", span: this.r.tokenSpan(tokens[i]) };
      acc = { kind: "binary", op: OP_TOKENS[tokens[i]!.tokenType.name]!, left: acc, right, span: joinSpans(acc.span, right.span) };
    }
    return acc;
  }

  private notExpr(n: CstNode): Expr {
    const inner = this.r.node(n, "notExpr");
    if (inner || this.r.has(n, "NotKw")) {
      const operand = this.expr(inner);
      return { kind: "unary", op: "not", operand, span: joinSpans(this.r.tokenSpan(this.r.toks(n, "NotKw")[0]), operand.span) };
    }
    return this.expr(this.r.node(n, "cmpExpr"));
  }

  private cmpExpr(n: CstNode): Expr {
    const sides = this.r.nodes(n, "addExpr").map((c) => this.expr(c));
    const left = sides[0] ?? { kind: "missing", span: this.r.nodeSpan(n) };
    if (this.r.has(n, "InKw")) {
      const options = this.r.nodes(n, "expr").map((c) => this.expr(c));
      return { kind: "in", value: left, options, span: this.r.nodeSpan(n) };
    }
    const opToken = ["EqEq", "NotEq", "LtEq", "GtEq", "Lt", "Gt"].flatMap((k) => this.r.toks(n, k))[0];
    if (!opToken) return left;
    const right: Expr = sides[1] ?? { kind: "missing", span: this.r.tokenSpan(opToken) };
    return { kind: "binary", op: OP_TOKENS[opToken.tokenType.name]!, left, right, span: joinSpans(left.span, right.span) };
  }

  private unary(n: CstNode): Expr {
    const inner = this.r.node(n, "unary");
    if (inner || this.r.has(n, "Minus")) {
      const operand = this.expr(inner);
      const minus = this.r.toks(n, "Minus")[0];
      if (operand.kind === "number" && minus && operand.span.start === minus.startOffset + 1) {
        return { ...operand, value: -operand.value, text: "-" + operand.text, span: joinSpans(this.r.tokenSpan(minus), operand.span) };
      }
      return { kind: "unary", op: "-", operand, span: joinSpans(this.r.tokenSpan(minus), operand.span) };
    }
    return this.expr(this.r.node(n, "primary"));
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
