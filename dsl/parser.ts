/**
 * The pure grammar: a Chevrotain CstParser with recovery and full locations. It builds a CST
 * only; `cst-to-ast.ts` turns that into the AST. Rules are class fields, so a misspelt rule
 * is a compile error.
 */
import { CstParser, type CstNode, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";
import { messages } from "./parse-messages.js";

/** Names usable where an expression names a value: identifiers and builtins that share a keyword. */
const NAME_TOKENS: TokenType[] = [T.Identifier, T.Max, T.Rank, T.Total, T.Grade];

/** The Yardstick grammar (see docs/grammar.md). */
export class YardstickParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 3, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  scheme = this.RULE("scheme", () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.decl));
  });

  header = this.RULE("header", () => {
    this.CONSUME(T.Scheme);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(T.Period);
      this.OR([{ ALT: () => this.CONSUME(T.NumberLiteral) }, { ALT: () => this.CONSUME2(T.StringLiteral) }]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Unit);
      this.CONSUME(T.Identifier);
    });
  });

  decl = this.RULE("decl", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.table) },
      { ALT: () => this.SUBRULE(this.typology) },
      { ALT: () => this.SUBRULE(this.check) },
      { ALT: () => this.SUBRULE(this.alert) },
      { ALT: () => this.SUBRULE(this.flag) },
      { ALT: () => this.SUBRULE(this.total) },
      { ALT: () => this.SUBRULE(this.setting) },
      { ALT: () => this.SUBRULE(this.dimension) },
      { ALT: () => this.SUBRULE(this.indicator) },
      { ALT: () => this.SUBRULE(this.ruleBlock) },
      { ALT: () => this.SUBRULE(this.veto) },
      { ALT: () => this.SUBRULE(this.grades) },
      { ALT: () => this.SUBRULE(this.rank) },
    ]);
  });

  inputDecl = this.RULE("inputDecl", () => {
    this.CONSUME(T.Input);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME2(T.Identifier, { LABEL: "type" });
    this.MANY(() => this.SUBRULE(this.inputOption));
  });

  inputOption = this.RULE("inputOption", () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Label); this.CONSUME(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(T.Unit); this.CONSUME2(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(T.RangeKw); this.SUBRULE(this.expr, { LABEL: "min" }); this.CONSUME(T.DotDot); this.SUBRULE2(this.expr, { LABEL: "max" }); } },
      { ALT: () => { this.CONSUME(T.Default); this.SUBRULE3(this.expr); } },
      { ALT: () => this.CONSUME(T.Required) },
      { ALT: () => this.CONSUME(T.Optional) },
      { ALT: () => { this.CONSUME(T.Values); this.SUBRULE(this.stringList); } },
      { ALT: () => { this.CONSUME(T.Source); this.CONSUME3(T.StringLiteral); } },
    ]);
  });

  stringList = this.RULE("stringList", () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLiteral) });
    this.CONSUME(T.RParen);
  });

  letDecl = this.RULE("letDecl", () => {
    this.CONSUME(T.Let);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.Assign);
    this.SUBRULE(this.expr);
  });

  table = this.RULE("table", () => {
    this.CONSUME(T.Table);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.tableEntry));
    this.OPTION2(() => { this.CONSUME(T.Else); this.SUBRULE(this.expr); });
    this.CONSUME(T.RBrace);
  });

  tableEntry = this.RULE("tableEntry", () => {
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  typology = this.RULE("typology", () => {
    this.CONSUME(T.Typology);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.typeRule));
    this.CONSUME(T.RBrace);
  });

  typeRule = this.RULE("typeRule", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OR([
      { ALT: () => { this.CONSUME(T.When); this.SUBRULE(this.expr); } },
      { ALT: () => this.CONSUME(T.Otherwise) },
    ]);
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  check = this.RULE("check", () => {
    this.CONSUME(T.Check);
    this.SUBRULE(this.expr);
    this.OR([{ ALT: () => this.CONSUME(T.ErrorKw) }, { ALT: () => this.CONSUME(T.WarningKw) }]);
    this.CONSUME(T.StringLiteral);
  });

  alert = this.RULE("alert", () => {
    this.CONSUME(T.Alert);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.On);
    this.SUBRULE(this.expr);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.alertLevel));
  });

  alertLevel = this.RULE("alertLevel", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Red) }, { ALT: () => this.CONSUME(T.Yellow) }]);
    this.OR2([{ ALT: () => this.CONSUME(T.Below) }, { ALT: () => this.CONSUME(T.Above) }]);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  flag = this.RULE("flag", () => {
    this.CONSUME(T.Flag);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.When);
    this.SUBRULE(this.expr);
  });

  total = this.RULE("total", () => {
    this.CONSUME(T.Total);
    this.CONSUME(T.NumberLiteral);
  });

  setting = this.RULE("setting", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.weights) },
      { ALT: () => { this.CONSUME(T.Aggregate); this.CONSUME(T.Identifier); } },
      { ALT: () => this.SUBRULE(this.missing) },
    ]);
  });

  weights = this.RULE("weights", () => {
    this.CONSUME(T.Weights);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.SUBRULE(this.matrixRow));
      this.CONSUME(T.RBrace);
    });
  });

  matrixRow = this.RULE("matrixRow", () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
    this.CONSUME(T.RBracket);
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  missing = this.RULE("missing", () => {
    this.CONSUME(T.Missing);
    this.OR([
      { ALT: () => this.CONSUME(T.Zero) },
      { ALT: () => this.CONSUME(T.ErrorKw) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
    this.OPTION(() => this.SUBRULE(this.within));
  });

  within = this.RULE("within", () => {
    this.CONSUME(T.Within);
    this.CONSUME(T.Identifier);
  });

  share = this.RULE("share", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Points) }, { ALT: () => this.CONSUME(T.Weight) }]);
    this.CONSUME(T.NumberLiteral);
  });

  typeList = this.RULE("typeList", () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
  });

  dimension = this.RULE("dimension", () => {
    this.CONSUME(T.Dimension);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => this.SUBRULE(this.share));
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.setting) },
        { ALT: () => this.SUBRULE(this.shareFor) },
        { ALT: () => this.SUBRULE(this.dimension) },
        { ALT: () => this.SUBRULE(this.indicator) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  shareFor = this.RULE("shareFor", () => {
    this.CONSUME(T.For);
    this.SUBRULE(this.typeList);
    this.SUBRULE(this.share);
  });

  indicator = this.RULE("indicator", () => {
    this.CONSUME(T.Indicator);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => this.SUBRULE(this.share));
    this.OPTION3(() => this.OR([{ ALT: () => this.CONSUME(T.Higher) }, { ALT: () => this.CONSUME(T.Lower) }]));
    this.OPTION4(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.OR2([{ ALT: () => this.SUBRULE(this.clause) }, { ALT: () => this.SUBRULE(this.override) }]));
      this.CONSUME(T.RBrace);
    });
  });

  override = this.RULE("override", () => {
    this.CONSUME(T.For);
    this.SUBRULE(this.typeList);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.share) }, { ALT: () => this.SUBRULE(this.clause) }]));
    this.CONSUME(T.RBrace);
  });

  clause = this.RULE("clause", () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Value); this.SUBRULE(this.expr); } },
      { ALT: () => { this.CONSUME(T.Transform); this.CONSUME(T.Identifier); } },
      { ALT: () => this.SUBRULE(this.method) },
      { ALT: () => this.SUBRULE(this.adjustment) },
      { ALT: () => { this.CONSUME(T.Zero); this.CONSUME(T.When); this.SUBRULE2(this.expr); } },
      { ALT: () => { this.CONSUME(T.Exempt); this.CONSUME2(T.When); this.SUBRULE3(this.expr); } },
      { ALT: () => this.SUBRULE(this.inapplicable) },
      { ALT: () => { this.CONSUME(T.Cap); this.SUBRULE4(this.expr); } },
      { ALT: () => { this.CONSUME(T.Floor); this.SUBRULE5(this.expr); } },
      { ALT: () => this.SUBRULE(this.missing) },
    ]);
  });

  inapplicable = this.RULE("inapplicable", () => {
    this.CONSUME(T.Inapplicable);
    this.CONSUME(T.When);
    this.SUBRULE(this.expr);
    this.OPTION(() => {
      this.CONSUME(T.Score);
      this.CONSUME(T.Average);
      this.OPTION2(() => this.SUBRULE(this.within));
    });
  });

  method = this.RULE("method", () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Minmax); this.OPTION(() => this.SUBRULE(this.within)); } },
      { ALT: () => { this.CONSUME(T.Zscore); this.OPTION2(() => this.SUBRULE2(this.within)); } },
      { ALT: () => { this.CONSUME(T.Goalposts); this.CONSUME(T.Floor); this.SUBRULE(this.expr, { LABEL: "floor" }); this.CONSUME(T.Target); this.SUBRULE2(this.expr, { LABEL: "target" }); } },
      { ALT: () => { this.CONSUME2(T.Target); this.SUBRULE3(this.expr, { LABEL: "target" }); this.OPTION3(() => { this.CONSUME(T.Else); this.CONSUME(T.Proportional); }); } },
      { ALT: () => { this.CONSUME2(T.Proportional); this.OPTION4(() => { this.CONSUME(T.To); this.SUBRULE4(this.expr, { LABEL: "to" }); }); } },
      { ALT: () => this.SUBRULE(this.bands) },
      { ALT: () => { this.CONSUME(T.Ratio); this.CONSUME2(T.To); this.CONSUME(T.Best); this.OPTION5(() => this.SUBRULE3(this.within)); } },
      { ALT: () => this.SUBRULE(this.rankPoints) },
      { ALT: () => { this.CONSUME(T.Efficacy); this.CONSUME(T.Satisfactory); this.SUBRULE5(this.expr, { LABEL: "satisfactory" }); this.CONSUME(T.Disallowed); this.SUBRULE6(this.expr, { LABEL: "disallowed" }); } },
      { ALT: () => this.SUBRULE(this.panel) },
      { ALT: () => this.SUBRULE(this.categories) },
      { ALT: () => { this.CONSUME(T.Score); this.SUBRULE7(this.expr, { LABEL: "custom" }); } },
    ]);
  });

  bands = this.RULE("bands", () => {
    this.CONSUME(T.Bands);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.band));
    this.OPTION(() => { this.CONSUME(T.Else); this.SUBRULE(this.expr); });
    this.CONSUME(T.RBrace);
  });

  band = this.RULE("band", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.GtEq) },
      { ALT: () => this.CONSUME(T.Gt) },
      { ALT: () => this.CONSUME(T.LtEq) },
      { ALT: () => this.CONSUME(T.Lt) },
    ]);
    this.SUBRULE(this.expr, { LABEL: "threshold" });
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expr, { LABEL: "points" });
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  rankPoints = this.RULE("rankPoints", () => {
    this.CONSUME(T.Rank);
    this.CONSUME(T.Points);
    this.OPTION(() => this.SUBRULE(this.within));
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: "points" }) });
    this.OPTION2(() => { this.CONSUME(T.Then); this.CONSUME(T.Step); this.SUBRULE2(this.expr, { LABEL: "step" }); });
    this.OPTION3(() => { this.CONSUME(T.Else); this.SUBRULE3(this.expr, { LABEL: "otherwise" }); });
  });

  panel = this.RULE("panel", () => {
    this.CONSUME(T.Panel);
    this.OPTION(() => { this.CONSUME(T.Trim); this.CONSUME(T.NumberLiteral, { LABEL: "trim" }); });
    this.OPTION2(() => { this.CONSUME(T.Above); this.CONSUME2(T.NumberLiteral, { LABEL: "above" }); this.CONSUME(T.Raters); });
    this.OPTION3(() => { this.CONSUME(T.Scale); this.SUBRULE(this.expr); });
  });

  categories = this.RULE("categories", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Ballots) }, { ALT: () => this.CONSUME(T.Fuzzy) }]);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.category));
    this.CONSUME(T.RBrace);
    this.OPTION(() => { this.CONSUME(T.Scale); this.SUBRULE(this.expr); });
  });

  category = this.RULE("category", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  adjustment = this.RULE("adjustment", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Add) }, { ALT: () => this.CONSUME(T.Deduct) }]);
    this.SUBRULE(this.item);
  });

  item = this.RULE("item", () => {
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OR([
      { ALT: () => this.SUBRULE(this.highest) },
      {
        ALT: () => {
          this.SUBRULE(this.expr, { LABEL: "amount" });
          this.OR2([
            { ALT: () => { this.CONSUME(T.Per); this.SUBRULE2(this.expr, { LABEL: "per" }); this.OPTION2(() => this.SUBRULE(this.gapSide)); } },
            { ALT: () => { this.CONSUME(T.When); this.SUBRULE3(this.expr, { LABEL: "when" }); } },
          ]);
        },
      },
    ]);
    this.OPTION3(() => { this.CONSUME(T.Max); this.SUBRULE4(this.expr, { LABEL: "max" }); });
    this.OPTION4(() => { this.CONSUME(T.Times); this.SUBRULE5(this.expr, { LABEL: "times" }); });
    this.OPTION5(() => { this.CONSUME(T.Unless); this.SUBRULE6(this.expr, { LABEL: "unless" }); });
    this.OPTION6(() => this.CONSUME(T.Comma));
  });

  gapSide = this.RULE("gapSide", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Below) }, { ALT: () => this.CONSUME(T.Above) }]);
    this.SUBRULE(this.expr);
  });

  highest = this.RULE("highest", () => {
    this.CONSUME(T.Highest);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.tier));
    this.CONSUME(T.RBrace);
  });

  tier = this.RULE("tier", () => {
    this.SUBRULE(this.expr, { LABEL: "amount" });
    this.CONSUME(T.When);
    this.SUBRULE2(this.expr, { LABEL: "cond" });
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  ruleBlock = this.RULE("ruleBlock", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Bonus) }, { ALT: () => this.CONSUME(T.Deduction) }]);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => { this.CONSUME(T.Max); this.SUBRULE(this.expr); });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.item));
    this.CONSUME(T.RBrace);
  });

  veto = this.RULE("veto", () => {
    this.CONSUME(T.Veto);
    this.OPTION(() => this.CONSUME(T.Top));
    this.CONSUME(T.StringLiteral, { LABEL: "label" });
    this.CONSUME(T.When);
    this.SUBRULE(this.expr);
    this.OPTION2(() => { this.CONSUME(T.Grade); this.CONSUME2(T.StringLiteral, { LABEL: "grade" }); });
  });

  grades = this.RULE("grades", () => {
    this.CONSUME(T.Grades);
    this.OPTION(() => this.SUBRULE(this.within));
    this.OPTION2(() => this.CONSUME(T.Refill));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.gradeLevel));
    this.CONSUME(T.RBrace);
  });

  gradeLevel = this.RULE("gradeLevel", () => {
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.GtEq) }, { ALT: () => this.CONSUME(T.Gt) }]);
      this.SUBRULE(this.expr);
    });
    this.MANY(() => this.SUBRULE(this.quota));
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  quota = this.RULE("quota", () => {
    this.CONSUME(T.Quota);
    this.CONSUME(T.At);
    this.OR([{ ALT: () => this.CONSUME(T.Most) }, { ALT: () => this.CONSUME(T.Least) }]);
    this.CONSUME(T.NumberLiteral);
  });

  rank = this.RULE("rank", () => {
    this.CONSUME(T.Rank);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => this.OR([{ ALT: () => this.CONSUME(T.Overall) }, { ALT: () => this.SUBRULE(this.within) }]),
    });
  });

  // ------------------------------------------------------------ expressions, by precedence

  expr = this.RULE("expr", () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => { this.CONSUME(T.Or); this.SUBRULE2(this.andExpr); });
  });

  andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => { this.CONSUME(T.And); this.SUBRULE2(this.notExpr); });
  });

  notExpr = this.RULE("notExpr", () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Not); this.SUBRULE(this.notExpr); } },
      { ALT: () => this.SUBRULE(this.cmpExpr) },
    ]);
  });

  cmpExpr = this.RULE("cmpExpr", () => {
    this.SUBRULE(this.addExpr);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(T.EqEq) },
              { ALT: () => this.CONSUME(T.NotEq) },
              { ALT: () => this.CONSUME(T.LtEq) },
              { ALT: () => this.CONSUME(T.GtEq) },
              { ALT: () => this.CONSUME(T.Lt) },
              { ALT: () => this.CONSUME(T.Gt) },
            ]);
            this.SUBRULE2(this.addExpr);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.In);
            this.CONSUME(T.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
            this.CONSUME(T.RParen);
          },
        },
      ]);
    });
  });

  addExpr = this.RULE("addExpr", () => {
    this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.mulExpr);
    });
  });

  mulExpr = this.RULE("mulExpr", () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }]);
      this.SUBRULE2(this.unary);
    });
  });

  unary = this.RULE("unary", () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Minus); this.SUBRULE(this.unary); } },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expr); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.scoreRef) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
    ]);
  });

  ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expr, { LABEL: "cond" });
    this.CONSUME(T.Then);
    this.SUBRULE2(this.expr, { LABEL: "then" });
    this.CONSUME(T.Else);
    this.SUBRULE3(this.expr, { LABEL: "otherwise" });
  });

  scoreRef = this.RULE("scoreRef", () => {
    this.CONSUME(T.Score);
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Dot, DEF: () => this.CONSUME(T.Identifier) });
    this.CONSUME(T.RParen);
  });

  nameOrCall = this.RULE("nameOrCall", () => {
    this.OR(NAME_TOKENS.map((t) => ({ ALT: () => this.CONSUME(t, { LABEL: "name" }) })));
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
      this.OPTION2(() => this.SUBRULE(this.within));
      this.CONSUME(T.RParen);
    });
  });
}

/** The single parser instance (Chevrotain parsers are reusable; building one is slow). */
export const parser = new YardstickParser();

/** Parses tokens into a CST; errors are left on `parser.errors`. */
export function parseTokens(tokens: IToken[]): CstNode {
  parser.input = tokens;
  return parser.scheme();
}
