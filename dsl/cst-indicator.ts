/**
 * Builds the scoring parts of the AST: indicator bodies, methods and bonus/deduction items.
 * A clause written twice where one is allowed is reported here (`misplaced-clause`).
 */
import type { CstNode } from "chevrotain";
import type {
  Adjustment, Basis, Category, Expr, Ident, Limit, Method, MissingClause, RuleItem, ScoringBody, Share,
  TransformClause,
} from "./ast.js";
import type { CstReader } from "./cst-reader.js";
import type { ExprBuilder } from "./cst-expr.js";
import { error, type Diagnostic } from "./diagnostics.js";
import { closest } from "./suggest.js";

/** Mutable form of a scoring body while its clauses are read. */
type BodyDraft = { -readonly [K in keyof ScoringBody]: ScoringBody[K] extends readonly (infer E)[] ? E[] : ScoringBody[K] };

const MISSING_POLICIES = ["error", "zero", "mean", "prev", "drop"] as const;

/** Builds indicator bodies, methods and rule items, reporting misplaced clauses. */
export class ScoringBuilder {
  constructor(private readonly r: CstReader, private readonly x: ExprBuilder, private readonly diagnostics: Diagnostic[]) {}

  /** A scoring body from a list of `clause` nodes. */
  body(clauses: CstNode[]): ScoringBody {
    const b: BodyDraft = {
      value: null, transform: null, method: null, adjustments: [], zeroWhen: [], exemptWhen: [],
      inapplicable: null, cap: null, floor: null, missing: null,
    };
    for (const c of clauses) this.clause(c, b);
    return b;
  }

  private once<K extends "value" | "transform" | "method" | "inapplicable" | "cap" | "floor" | "missing">(
    b: BodyDraft, key: K, value: BodyDraft[K], n: CstNode, what: string,
  ): void {
    if (b[key] !== null) {
      this.diagnostics.push(error("misplaced-clause", `an indicator has only one ${what}; this one repeats it`, this.r.nodeSpan(n),
        "remove one of them, or use `for T { ... }` to score some types differently"));
      return;
    }
    b[key] = value;
  }

  private clause(n: CstNode, b: BodyDraft): void {
    const span = this.r.nodeSpan(n);
    const r = this.r;
    const expr = r.node(n, "expr");
    if (r.has(n, "ValueKw")) return this.once(b, "value", this.x.expr(expr), n, "`value`");
    if (r.has(n, "TransformKw")) return this.once(b, "transform", this.transform(n), n, "`transform`");
    if (r.has(n, "ZeroKw")) return void b.zeroWhen.push({ kind: "zero-when", cond: this.x.expr(expr), span });
    if (r.has(n, "ExemptKw")) return void b.exemptWhen.push({ kind: "exempt-when", cond: this.x.expr(expr), span });
    if (r.has(n, "CapKw") || r.has(n, "FloorKw")) {
      const limit: Limit = { kind: r.has(n, "CapKw") ? "cap" : "floor", value: this.x.expr(expr), span };
      return this.once(b, limit.kind, limit, n, `\`${limit.kind}\``);
    }
    const method = r.node(n, "method");
    if (method) return this.once(b, "method", this.method(method), n, "scoring method");
    const adj = r.node(n, "adjustment");
    if (adj) return void b.adjustments.push(this.adjustment(adj));
    const inap = r.node(n, "inapplicable");
    if (inap) {
      const within = r.node(inap, "within");
      const value = { kind: "inapplicable" as const, cond: this.x.expr(r.node(inap, "expr")), within: within ? this.x.withinIdent(within) : null, span: r.nodeSpan(inap) };
      return this.once(b, "inapplicable", value, n, "`inapplicable`");
    }
    const missing = r.node(n, "missing");
    if (missing) return this.once(b, "missing", this.missing(missing), n, "`missing` policy");
  }

  private transform(n: CstNode): TransformClause | null {
    const t = this.r.tok(n, "Identifier");
    if (!t) return null;
    if (t.image === "log" || t.image === "sqrt") return { kind: "transform", fn: t.image, span: this.r.nodeSpan(n) };
    this.unknownWord(t.image, this.r.tokenSpan(t), ["log", "sqrt"], "transform");
    return null;
  }

  /** A `missing` clause; unknown policies are reported. */
  missing(n: CstNode): MissingClause | null {
    const t = this.r.tok(n, "ZeroKw") ?? this.r.tok(n, "ErrorKw") ?? this.r.tok(n, "Identifier");
    if (!t) return null;
    const within = this.r.node(n, "within");
    const policy = MISSING_POLICIES.find((p) => p === t.image);
    if (!policy) {
      this.unknownWord(t.image, this.r.tokenSpan(t), MISSING_POLICIES, "missing-data policy");
      return null;
    }
    return { kind: "missing", policy, within: within ? this.x.withinIdent(within) : null, span: this.r.nodeSpan(n) };
  }

  /** Reports a word that is not one of the allowed options. */
  unknownWord(word: string, span: Diagnostic["span"], options: readonly string[], what: string): void {
    const guess = closest(word, options);
    this.diagnostics.push(error("unknown-keyword", `unknown ${what} \`${word}\``, span,
      (guess ? `did you mean \`${guess}\`? ` : "") + `expected one of ${options.map((o) => `\`${o}\``).join(", ")}`));
  }

  private within(n: CstNode): Ident | null {
    const w = this.r.node(n, "within");
    return w ? this.x.withinIdent(w) : null;
  }

  private optExpr(n: CstNode | undefined, key: string): Expr | null {
    const e = this.r.node(n, key);
    return e ? this.x.expr(e) : null;
  }

  /** A scoring method from a `method` node. */
  method(n: CstNode): Method {
    const r = this.r;
    const span = r.nodeSpan(n);
    const e = (key: string) => this.x.expr(r.node(n, key));
    if (r.has(n, "MinmaxKw")) return { kind: "minmax", within: this.within(n), span };
    if (r.has(n, "ZscoreKw")) return { kind: "zscore", within: this.within(n), span };
    if (r.has(n, "GoalpostsKw")) return { kind: "goalposts", floor: e("floor"), target: e("target"), span };
    if (r.has(n, "TargetKw")) return { kind: "target", target: e("target"), otherwise: r.has(n, "ElseKw") ? "proportional" : "zero", span };
    if (r.has(n, "ProportionalKw")) return { kind: "proportional", to: this.optExpr(n, "to"), span };
    if (r.has(n, "RatioKw")) return { kind: "ratio-to-best", within: this.within(n), span };
    if (r.has(n, "EfficacyKw")) return { kind: "efficacy", satisfactory: e("satisfactory"), disallowed: e("disallowed"), span };
    if (r.has(n, "ScoreKw")) return { kind: "custom", expr: e("custom"), span };
    const bands = r.node(n, "bands");
    if (bands) return this.bands(bands);
    const rank = r.node(n, "rankPoints");
    if (rank) return this.rankPoints(rank);
    const panel = r.node(n, "panel");
    if (panel) return this.panel(panel);
    return this.categories(r.node(n, "categories"));
  }

  private bands(n: CstNode): Method {
    const r = this.r;
    const bands = r.nodes(n, "band").map((b) => {
      const opTok = ["GtEq", "Gt", "LtEq", "Lt"].flatMap((k) => r.toks(b, k))[0];
      const op = (opTok?.image === "≥" ? ">=" : opTok?.image ?? ">=") as ">=" | ">" | "<=" | "<";
      return { kind: "band" as const, op, threshold: this.x.expr(r.node(b, "threshold")), points: this.x.expr(r.node(b, "points")), span: r.nodeSpan(b) };
    });
    return { kind: "bands", bands, otherwise: this.optExpr(n, "expr"), span: r.nodeSpan(n) };
  }

  private rankPoints(n: CstNode): Method {
    const r = this.r;
    return {
      kind: "rank-points", within: this.within(n), points: r.nodes(n, "points").map((p) => this.x.expr(p)),
      step: this.optExpr(n, "step"), otherwise: this.optExpr(n, "otherwise"), span: r.nodeSpan(n),
    };
  }

  private panel(n: CstNode): Method {
    const r = this.r;
    return { kind: "panel", trim: r.number(r.tok(n, "trim")), above: r.number(r.tok(n, "above")), scale: this.optExpr(n, "expr"), span: r.nodeSpan(n) };
  }

  private categories(n: CstNode | undefined): Method {
    const r = this.r;
    const categories: Category[] = r.nodes(n, "category").flatMap((c) => {
      const field = r.ident(r.tok(c, "Identifier"));
      return field ? [{ kind: "category" as const, field, value: this.x.expr(r.node(c, "expr")), span: r.nodeSpan(c) }] : [];
    });
    const kind = r.has(n, "FuzzyKw") ? "fuzzy" : "ballots";
    return { kind, categories, scale: this.optExpr(n, "expr"), span: r.nodeSpan(n) };
  }

  private adjustment(n: CstNode): Adjustment {
    return { kind: "adjustment", sign: this.r.has(n, "AddKw") ? "add" : "deduct", item: this.item(this.r.node(n, "item")), span: this.r.nodeSpan(n) };
  }

  /** A bonus or deduction item. */
  item(n: CstNode | undefined): RuleItem {
    const r = this.r;
    const span = r.nodeSpan(n);
    return {
      kind: "item", label: r.string(r.tok(n, "label")), amount: this.optExpr(n, "amount"), basis: this.basis(n),
      max: this.optExpr(n, "max"), times: this.optExpr(n, "times"), unless: this.optExpr(n, "unless"), span,
    };
  }

  private basis(n: CstNode | undefined): Basis {
    const r = this.r;
    const highest = r.node(n, "highest");
    if (highest) {
      const tiers = r.nodes(highest, "tier").map((t) => ({ kind: "tier" as const, amount: this.x.expr(r.node(t, "amount")), cond: this.x.expr(r.node(t, "cond")), span: r.nodeSpan(t) }));
      return { kind: "highest", tiers, span: r.nodeSpan(highest) };
    }
    if (r.has(n, "WhenKw")) return { kind: "when", cond: this.x.expr(r.node(n, "when")), span: r.nodeSpan(r.node(n, "when")) };
    const per = this.x.expr(r.node(n, "per"));
    const side = r.node(n, "gapSide");
    if (!side) return { kind: "count", count: per, span: per.span };
    const step = per.kind === "number" ? per : null;
    if (!step) {
      this.diagnostics.push(error("syntax", "the step before `below`/`above` must be a number such as `1pp`", per.span,
        "write e.g. `deduct 0.5 per 1pp below 95`"));
    }
    const reference = this.x.expr(r.node(side, "expr"));
    return {
      kind: "gap", step: step ?? { kind: "number", value: 1, unit: null, text: "1", span: per.span },
      side: r.has(side, "BelowKw") ? "below" : "above", reference, span: r.nodeSpan(side),
    };
  }

  /** A `points n` / `weight n` share. */
  share(n: CstNode | undefined): Share | null {
    const value = this.r.number(this.r.tok(n, "NumberLiteral"));
    if (!n || !value) return null;
    return { kind: "share", unit: this.r.has(n, "PointsKw") ? "points" : "weight", value, span: this.r.nodeSpan(n) };
  }
}
