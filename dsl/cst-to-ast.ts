/** Builds the AST from the CST: declarations here, expressions and scoring in their own files. */
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { CstReader } from "./cst-reader.js";
import { ExprBuilder } from "./cst-expr.js";
import { ScoringBuilder } from "./cst-indicator.js";
import type { Diagnostic } from "./diagnostics.js";
import { spanOf, type SourceFile } from "./source.js";

const INPUT_TYPES: readonly A.InputType[] = ["number", "percent", "count", "money", "years", "boolean", "category", "ratings"];
const WEIGHT_METHODS = ["equal", "entropy", "ahp"] as const;
const AGGREGATES = ["arithmetic", "geometric", "minimum"] as const;

/** Builds a Scheme AST from a CST and the comment tokens; problems go to `diagnostics`. */
export function cstToAst(src: SourceFile, cst: CstNode, comments: IToken[], diagnostics: Diagnostic[]): A.Scheme {
  return new AstBuilder(src, comments, diagnostics).scheme(cst);
}

class AstBuilder {
  private readonly r: CstReader;
  private readonly x: ExprBuilder;
  private readonly s: ScoringBuilder;
  private readonly docs: Map<number, string>;

  constructor(private readonly src: SourceFile, private readonly comments: IToken[], diagnostics: Diagnostic[]) {
    this.r = new CstReader(src, spanOf(src, src.text.length, src.text.length));
    this.x = new ExprBuilder(this.r);
    this.s = new ScoringBuilder(this.r, this.x, diagnostics);
    this.docs = docComments(src.text, comments);
  }

  scheme(n: CstNode): A.Scheme {
    const header = this.r.node(n, "header");
    const decls = this.r.nodes(n, "decl").flatMap((d) => this.decl(d));
    const comments: A.Comment[] = this.comments.map((t) => ({ kind: "comment", text: t.image, span: this.r.tokenSpan(t) }));
    return { kind: "scheme", header: header ? this.header(header) : null, decls, comments, span: spanOf(this.src, 0, this.src.text.length) };
  }

  private doc(n: CstNode): string | null {
    const start = n.location?.startOffset;
    return start === undefined || !Number.isFinite(start) ? null : this.docs.get(start) ?? null;
  }

  private header(n: CstNode): A.Header {
    const r = this.r;
    const strings = r.toks(n, "StringLiteral");
    const periodString = strings.length > 1 ? r.string(strings[1]) : null;
    return {
      kind: "header", title: r.string(strings[0]) ?? { kind: "string", value: "", span: r.nodeSpan(n) },
      period: r.number(r.tok(n, "NumberLiteral")) ?? periodString, unit: r.ident(r.tok(n, "Identifier")), span: r.nodeSpan(n),
    };
  }

  private decl(d: CstNode): A.Decl[] {
    const [key] = Object.keys(d.children);
    const n = this.r.node(d, key!);
    if (!n) return [];
    const built = this.build(key!, n);
    return built ? [built] : [];
  }

  private build(key: string, n: CstNode): A.Decl | null {
    switch (key) {
      case "inputDecl": return this.input(n);
      case "letDecl": return this.letDecl(n);
      case "table": return this.table(n);
      case "typology": return this.typology(n);
      case "check": return this.check(n);
      case "alert": return this.alert(n);
      case "flag": return this.flag(n);
      case "total": return this.total(n);
      case "setting": return this.setting(n);
      case "dimension": return this.dimension(n);
      case "indicator": return this.indicator(n);
      case "ruleBlock": return this.ruleBlock(n);
      case "veto": return this.veto(n);
      case "grades": return this.grades(n);
      case "rank": return this.rank(n);
      default: return null;
    }
  }

  private input(n: CstNode): A.InputDecl | null {
    const r = this.r;
    const name = r.ident(r.tok(n, "name"));
    const typeTok = r.tok(n, "type");
    if (!name || !typeTok) return null;
    let type = INPUT_TYPES.find((t) => t === typeTok.image);
    if (!type) {
      this.s.unknownWord(typeTok.image, r.tokenSpan(typeTok), INPUT_TYPES, "input type");
      type = "number";
    }
    const opts = r.nodes(n, "inputOption");
    const opt = (key: string) => opts.find((o) => r.has(o, key));
    const str = (key: string) => r.string(r.tok(opt(key), "StringLiteral"));
    const range = opt("RangeKw");
    const dflt = opt("DefaultKw");
    return {
      kind: "input", name, type, label: str("LabelKw"), unit: str("UnitKw"),
      range: range ? { kind: "range", min: this.x.expr(r.node(range, "min")), max: this.x.expr(r.node(range, "max")), span: r.nodeSpan(range) } : null,
      default: dflt ? this.x.expr(r.node(dflt, "expr")) : null,
      required: opt("RequiredKw") ? true : opt("OptionalKw") ? false : null,
      values: r.toks(r.node(opt("ValuesKw"), "stringList"), "StringLiteral").map((t) => r.string(t)!),
      source: str("SourceKw"), doc: this.doc(n), span: r.nodeSpan(n),
    };
  }

  private letDecl(n: CstNode): A.LetDecl | null {
    const name = this.r.ident(this.r.tok(n, "Identifier"));
    if (!name) return null;
    return { kind: "let", name, label: this.r.string(this.r.tok(n, "StringLiteral")), expr: this.x.expr(this.r.node(n, "expr")), doc: this.doc(n), span: this.r.nodeSpan(n) };
  }

  private table(n: CstNode): A.TableDecl | null {
    const r = this.r;
    const name = r.ident(r.tok(n, "Identifier"));
    if (!name) return null;
    const entries = r.nodes(n, "tableEntry").flatMap((e) => {
      const region = r.string(r.tok(e, "StringLiteral"));
      return region ? [{ kind: "entry" as const, region, value: this.x.expr(r.node(e, "expr")), span: r.nodeSpan(e) }] : [];
    });
    const dflt = r.node(n, "expr");
    return { kind: "table", name, label: r.string(r.tok(n, "label")), entries, default: dflt ? this.x.expr(dflt) : null, doc: this.doc(n), span: r.nodeSpan(n) };
  }

  private typology(n: CstNode): A.TypologyDecl | null {
    const r = this.r;
    const name = r.ident(r.tok(n, "Identifier"));
    if (!name) return null;
    const types = r.nodes(n, "typeRule").flatMap((t) => {
      const typeName = r.ident(r.tok(t, "Identifier"));
      if (!typeName) return [];
      const when = r.has(t, "OtherwiseKw") ? null : this.x.expr(r.node(t, "expr"));
      return [{ kind: "type" as const, name: typeName, label: r.string(r.tok(t, "StringLiteral")), when, span: r.nodeSpan(t) }];
    });
    return { kind: "typology", name, label: r.string(r.tok(n, "StringLiteral")), types, doc: this.doc(n), span: r.nodeSpan(n) };
  }

  private check(n: CstNode): A.CheckDecl {
    const r = this.r;
    return {
      kind: "check", cond: this.x.expr(r.node(n, "expr")), severity: r.has(n, "WarningKw") ? "warning" : "error",
      message: r.string(r.tok(n, "StringLiteral")) ?? { kind: "string", value: "", span: r.nodeSpan(n) }, doc: this.doc(n), span: r.nodeSpan(n),
    };
  }

  private alert(n: CstNode): A.AlertDecl {
    const r = this.r;
    const levels = r.nodes(n, "alertLevel").map((l) => ({
      kind: "alert-level" as const, color: r.has(l, "RedKw") ? "red" as const : "yellow" as const,
      side: r.has(l, "AboveKw") ? "above" as const : "below" as const, threshold: this.x.expr(r.node(l, "expr")), span: r.nodeSpan(l),
    }));
    return { kind: "alert", label: r.string(r.tok(n, "StringLiteral")), subject: this.x.expr(r.node(n, "expr")), levels, doc: this.doc(n), span: r.nodeSpan(n) };
  }

  private flag(n: CstNode): A.FlagDecl {
    const r = this.r;
    return {
      kind: "flag", label: r.string(r.tok(n, "StringLiteral")) ?? { kind: "string", value: "", span: r.nodeSpan(n) },
      when: this.x.expr(r.node(n, "expr")), doc: this.doc(n), span: r.nodeSpan(n),
    };
  }

  private total(n: CstNode): A.TotalClause | null {
    const value = this.r.number(this.r.tok(n, "NumberLiteral"));
    return value ? { kind: "total", value, span: this.r.nodeSpan(n) } : null;
  }

  private setting(n: CstNode): A.GroupSetting | null {
    const r = this.r;
    const weights = r.node(n, "weights");
    if (weights) return this.weights(weights);
    const missing = r.node(n, "missing");
    if (missing) return this.s.missing(missing);
    const t = r.tok(n, "Identifier");
    if (!t) return null;
    const method = AGGREGATES.find((a) => a === t.image);
    if (!method) {
      this.s.unknownWord(t.image, r.tokenSpan(t), AGGREGATES, "aggregation");
      return null;
    }
    return { kind: "aggregate", method, span: r.nodeSpan(n) };
  }

  private weights(n: CstNode): A.WeightsClause | null {
    const r = this.r;
    const t = r.tok(n, "Identifier");
    if (!t) return null;
    const method = WEIGHT_METHODS.find((m) => m === t.image);
    if (!method) {
      this.s.unknownWord(t.image, r.tokenSpan(t), WEIGHT_METHODS, "weighting method");
      return null;
    }
    const matrix = r.nodes(n, "matrixRow").map((row) => r.nodes(row, "expr").map((e) => this.x.expr(e)));
    return { kind: "weights", method, matrix, span: r.nodeSpan(n) };
  }

  private dimension(n: CstNode): A.Dimension | null {
    const r = this.r;
    const name = r.ident(r.tok(n, "Identifier"));
    if (!name) return null;
    const children = [...r.nodes(n, "dimension"), ...r.nodes(n, "indicator")]
      .sort((a, b) => (a.location?.startOffset ?? 0) - (b.location?.startOffset ?? 0))
      .flatMap((c) => {
        const built = c.name === "dimension" ? this.dimension(c) : this.indicator(c);
        return built ? [built] : [];
      });
    const overrides = r.nodes(n, "shareFor").flatMap((f) => {
      const share = this.s.share(r.node(f, "share"));
      return share ? [{ kind: "share-override" as const, types: this.typeList(f), share, span: r.nodeSpan(f) }] : [];
    });
    return {
      kind: "dimension", name, label: r.string(r.tok(n, "StringLiteral")), share: this.s.share(r.node(n, "share")),
      settings: r.nodes(n, "setting").flatMap((s) => this.setting(s) ?? []), overrides, children, doc: this.doc(n), span: r.nodeSpan(n),
    };
  }

  private typeList(n: CstNode): A.Ident[] {
    return this.r.toks(this.r.node(n, "typeList"), "Identifier").flatMap((t) => this.r.ident(t) ?? []);
  }

  private indicator(n: CstNode): A.Indicator | null {
    const r = this.r;
    const name = r.ident(r.tok(n, "Identifier"));
    if (!name) return null;
    const overrides = r.nodes(n, "override").map((o) => ({
      kind: "override" as const, types: this.typeList(o), share: this.s.share(r.node(o, "share")),
      body: this.s.body(r.nodes(o, "clause")), span: r.nodeSpan(o),
    }));
    return {
      kind: "indicator", name, label: r.string(r.tok(n, "StringLiteral")), share: this.s.share(r.node(n, "share")),
      direction: r.has(n, "LowerKw") ? "lower" : r.has(n, "HigherKw") ? "higher" : null,
      body: this.s.body(r.nodes(n, "clause")), overrides, doc: this.doc(n), span: r.nodeSpan(n),
    };
  }

  private ruleBlock(n: CstNode): A.RuleBlock {
    const r = this.r;
    return {
      kind: r.has(n, "DeductionKw") ? "deduction" : "bonus",
      label: r.string(r.tok(n, "StringLiteral")) ?? { kind: "string", value: "", span: r.nodeSpan(n) },
      max: r.node(n, "expr") ? this.x.expr(r.node(n, "expr")) : null,
      items: r.nodes(n, "item").map((i) => this.s.item(i)), doc: this.doc(n), span: r.nodeSpan(n),
    };
  }

  private veto(n: CstNode): A.VetoDecl {
    const r = this.r;
    return {
      kind: "veto", scope: r.has(n, "TopKw") ? "top" : "all",
      label: r.string(r.tok(n, "label")) ?? { kind: "string", value: "", span: r.nodeSpan(n) },
      when: this.x.expr(r.node(n, "expr")), grade: r.string(r.tok(n, "grade")), doc: this.doc(n), span: r.nodeSpan(n),
    };
  }

  private grades(n: CstNode): A.GradesDecl {
    const r = this.r;
    const within = r.node(n, "within");
    const levels = r.nodes(n, "gradeLevel").flatMap((g) => {
      const label = r.string(r.tok(g, "StringLiteral"));
      if (!label) return [];
      const op = r.has(g, "Gt") ? ">" as const : r.has(g, "GtEq") ? ">=" as const : null;
      const quotas = r.nodes(g, "quota").flatMap((q) => {
        const value = r.number(r.tok(q, "NumberLiteral"));
        return value ? [{ kind: "quota" as const, bound: r.has(q, "LeastKw") ? "at-least" as const : "at-most" as const, value, span: r.nodeSpan(q) }] : [];
      });
      return [{ kind: "grade" as const, label, op, threshold: op ? this.x.expr(r.node(g, "expr")) : null, quotas, span: r.nodeSpan(g) }];
    });
    return { kind: "grades", within: within ? this.x.withinIdent(within) : null, refill: r.has(n, "RefillKw"), levels, doc: this.doc(n), span: r.nodeSpan(n) };
  }

  private rank(n: CstNode): A.RankDecl {
    const r = this.r;
    const scopes: { offset: number; scope: A.Ident | null }[] = [
      ...r.toks(n, "OverallKw").map((t) => ({ offset: t.startOffset, scope: null })),
      ...r.nodes(n, "within").map((w) => ({ offset: w.location?.startOffset ?? 0, scope: this.x.withinIdent(w) })),
    ];
    scopes.sort((a, b) => a.offset - b.offset);
    return { kind: "rank", scopes: scopes.map((s) => s.scope), doc: this.doc(n), span: r.nodeSpan(n) };
  }
}

/** Maps the offset of the code after each run of `///` lines to the run's text. */
function docComments(text: string, comments: IToken[]): Map<number, string> {
  const docs = new Map<number, string>();
  let run: string[] = [];
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i]!;
    if (!c.image.startsWith("///")) {
      run = [];
      continue;
    }
    run.push(c.image.slice(3).trim());
    let next = c.startOffset + c.image.length;
    while (next < text.length && /\s/.test(text[next]!)) next++;
    const following = comments[i + 1];
    if (following && following.startOffset === next && following.image.startsWith("///")) continue;
    docs.set(next, run.join("\n"));
    run = [];
  }
  return docs;
}
