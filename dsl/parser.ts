/**
 * The pure grammar: a Chevrotain CstParser with recovery and full locations. It builds a CST
 * only; `cst-to-ast.ts` turns that into the AST. Rules are class fields, so a misspelt rule
 * is a compile error.
 */
import { CstParser, type CstNode, type IOrAlt, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";
import { messages } from "./parse-messages.js";

/** Names usable where an expression names a value: identifiers and builtins that share a keyword. */
const NAME_TOKENS: TokenType[] = [T.Identifier, T.Max, T.Rank, T.Total, T.Grade, T.Ratio];
/**
 * Wraps an alternative. Writing `{ ALT: () => … }` inline makes esbuild's keepNames (used by
 * tsx) name every closure at every call; a plain argument is not named, which halves parse time.
 */
const alt = (f: () => unknown): IOrAlt<unknown> => ({ ALT: f });
/** Binary operator tokens. */
const BINARY_OPS: TokenType[] = [T.Or, T.And, T.EqEq, T.NotEq, T.LtEq, T.GtEq, T.Lt, T.Gt, T.Plus, T.Minus, T.Star, T.Slash];

/** The Yardstick grammar (see docs/grammar.md). */
export class YardstickParser extends CstParser {
  // Alternatives built once: these rules run for every operator and name.
  private binaryAlts?: IOrAlt<unknown>[];
  private nameAlts?: IOrAlt<unknown>[];

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: "onlyOffset", maxLookahead: 3, errorMessageProvider: messages });
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
      this.OR([alt(() => this.CONSUME(T.NumberLiteral)), alt(() => this.CONSUME2(T.StringLiteral))]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Unit);
      this.CONSUME(T.Identifier);
    });
  });

  decl = this.RULE("decl", () => {
    this.OR([
      alt(() => this.SUBRULE(this.inputDecl)),
      alt(() => this.SUBRULE(this.letDecl)),
      alt(() => this.SUBRULE(this.table)),
      alt(() => this.SUBRULE(this.typology)),
      alt(() => this.SUBRULE(this.check)),
      alt(() => this.SUBRULE(this.alert)),
      alt(() => this.SUBRULE(this.flag)),
      alt(() => this.SUBRULE(this.total)),
      alt(() => this.SUBRULE(this.setting)),
      alt(() => this.SUBRULE(this.dimension)),
      alt(() => this.SUBRULE(this.indicator)),
      alt(() => this.SUBRULE(this.ruleBlock)),
      alt(() => this.SUBRULE(this.veto)),
      alt(() => this.SUBRULE(this.grades)),
      alt(() => this.SUBRULE(this.rank)),
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
      alt(() => { this.CONSUME(T.Label); this.CONSUME(T.StringLiteral); }),
      alt(() => { this.CONSUME(T.Unit); this.CONSUME2(T.StringLiteral); }),
      alt(() => { this.CONSUME(T.RangeKw); this.SUBRULE(this.expr, { LABEL: "min" }); this.CONSUME(T.DotDot); this.SUBRULE2(this.expr, { LABEL: "max" }); }),
      alt(() => { this.CONSUME(T.Default); this.SUBRULE3(this.expr); }),
      alt(() => this.CONSUME(T.Required)),
      alt(() => this.CONSUME(T.Optional)),
      alt(() => { this.CONSUME(T.Values); this.SUBRULE(this.stringList); }),
      alt(() => { this.CONSUME(T.Source); this.CONSUME3(T.StringLiteral); }),
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
      alt(() => { this.CONSUME(T.When); this.SUBRULE(this.expr); }),
      alt(() => this.CONSUME(T.Otherwise)),
    ]);
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  check = this.RULE("check", () => {
    this.CONSUME(T.Check);
    this.SUBRULE(this.expr);
    this.OR([alt(() => this.CONSUME(T.ErrorKw)), alt(() => this.CONSUME(T.WarningKw))]);
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
    this.OR([alt(() => this.CONSUME(T.Red)), alt(() => this.CONSUME(T.Yellow))]);
    this.OR2([alt(() => this.CONSUME(T.Below)), alt(() => this.CONSUME(T.Above))]);
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
      alt(() => this.SUBRULE(this.weights)),
      alt(() => { this.CONSUME(T.Aggregate); this.CONSUME(T.Identifier); }),
      alt(() => this.SUBRULE(this.missing)),
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
      alt(() => this.CONSUME(T.Zero)),
      alt(() => this.CONSUME(T.ErrorKw)),
      alt(() => this.CONSUME(T.Identifier)),
    ]);
    this.OPTION(() => this.SUBRULE(this.within));
  });

  within = this.RULE("within", () => {
    this.CONSUME(T.Within);
    this.CONSUME(T.Identifier);
  });

  share = this.RULE("share", () => {
    this.OR([alt(() => this.CONSUME(T.Points)), alt(() => this.CONSUME(T.Weight))]);
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
        alt(() => this.SUBRULE(this.setting)),
        alt(() => this.SUBRULE(this.shareFor)),
        alt(() => this.SUBRULE(this.dimension)),
        alt(() => this.SUBRULE(this.indicator)),
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
    this.OPTION3(() => this.OR([alt(() => this.CONSUME(T.Higher)), alt(() => this.CONSUME(T.Lower))]));
    this.OPTION4(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.OR2([alt(() => this.SUBRULE(this.clause)), alt(() => this.SUBRULE(this.override))]));
      this.CONSUME(T.RBrace);
    });
  });

  override = this.RULE("override", () => {
    this.CONSUME(T.For);
    this.SUBRULE(this.typeList);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR([alt(() => this.SUBRULE(this.share)), alt(() => this.SUBRULE(this.clause))]));
    this.CONSUME(T.RBrace);
  });

  clause = this.RULE("clause", () => {
    this.OR([
      alt(() => { this.CONSUME(T.Value); this.SUBRULE(this.expr); }),
      alt(() => { this.CONSUME(T.Transform); this.CONSUME(T.Identifier); }),
      alt(() => this.SUBRULE(this.method)),
      alt(() => this.SUBRULE(this.adjustment)),
      alt(() => { this.CONSUME(T.Zero); this.CONSUME(T.When); this.SUBRULE2(this.expr); }),
      alt(() => { this.CONSUME(T.Exempt); this.CONSUME2(T.When); this.SUBRULE3(this.expr); }),
      alt(() => this.SUBRULE(this.inapplicable)),
      alt(() => { this.CONSUME(T.Cap); this.SUBRULE4(this.expr); }),
      alt(() => { this.CONSUME(T.Floor); this.SUBRULE5(this.expr); }),
      alt(() => this.SUBRULE(this.missing)),
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
      alt(() => { this.CONSUME(T.Minmax); this.OPTION(() => this.SUBRULE(this.within)); }),
      alt(() => { this.CONSUME(T.Zscore); this.OPTION2(() => this.SUBRULE2(this.within)); }),
      alt(() => { this.CONSUME(T.Goalposts); this.CONSUME(T.Floor); this.SUBRULE(this.expr, { LABEL: "floor" }); this.CONSUME(T.Target); this.SUBRULE2(this.expr, { LABEL: "target" }); }),
      alt(() => { this.CONSUME2(T.Target); this.SUBRULE3(this.expr, { LABEL: "target" }); this.OPTION3(() => { this.CONSUME(T.Else); this.CONSUME(T.Proportional); }); }),
      alt(() => { this.CONSUME2(T.Proportional); this.OPTION4(() => { this.CONSUME(T.To); this.SUBRULE4(this.expr, { LABEL: "to" }); }); }),
      alt(() => this.SUBRULE(this.bands)),
      alt(() => { this.CONSUME(T.Ratio); this.CONSUME2(T.To); this.CONSUME(T.Best); this.OPTION5(() => this.SUBRULE3(this.within)); }),
      alt(() => this.SUBRULE(this.rankPoints)),
      alt(() => { this.CONSUME(T.Efficacy); this.CONSUME(T.Satisfactory); this.SUBRULE5(this.expr, { LABEL: "satisfactory" }); this.CONSUME(T.Disallowed); this.SUBRULE6(this.expr, { LABEL: "disallowed" }); }),
      alt(() => this.SUBRULE(this.panel)),
      alt(() => this.SUBRULE(this.categories)),
      alt(() => { this.CONSUME(T.Score); this.SUBRULE7(this.expr, { LABEL: "custom" }); }),
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
      alt(() => this.CONSUME(T.GtEq)),
      alt(() => this.CONSUME(T.Gt)),
      alt(() => this.CONSUME(T.LtEq)),
      alt(() => this.CONSUME(T.Lt)),
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
    this.OR([alt(() => this.CONSUME(T.Ballots)), alt(() => this.CONSUME(T.Fuzzy))]);
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
    this.OR([alt(() => this.CONSUME(T.Add)), alt(() => this.CONSUME(T.Deduct))]);
    this.SUBRULE(this.item);
  });

  item = this.RULE("item", () => {
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OR([
      alt(() => this.SUBRULE(this.highest)),
      {
        ALT: () => {
          this.SUBRULE(this.expr, { LABEL: "amount" });
          this.OR2([
            alt(() => { this.CONSUME(T.Per); this.SUBRULE2(this.expr, { LABEL: "per" }); this.OPTION2(() => this.SUBRULE(this.gapSide)); }),
            alt(() => { this.CONSUME(T.When); this.SUBRULE3(this.expr, { LABEL: "when" }); }),
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
    this.OR([alt(() => this.CONSUME(T.Below)), alt(() => this.CONSUME(T.Above))]);
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
    this.OR([alt(() => this.CONSUME(T.Bonus)), alt(() => this.CONSUME(T.Deduction))]);
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
      this.OR([alt(() => this.CONSUME(T.GtEq)), alt(() => this.CONSUME(T.Gt))]);
      this.SUBRULE(this.expr);
    });
    this.MANY(() => this.SUBRULE(this.quota));
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  quota = this.RULE("quota", () => {
    this.CONSUME(T.Quota);
    this.CONSUME(T.At);
    this.OR([alt(() => this.CONSUME(T.Most)), alt(() => this.CONSUME(T.Least))]);
    this.CONSUME(T.NumberLiteral);
  });

  rank = this.RULE("rank", () => {
    this.CONSUME(T.Rank);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => this.OR([alt(() => this.CONSUME(T.Overall)), alt(() => this.SUBRULE(this.within))]),
    });
  });

  // ------------------------------------------------------------ expressions, by precedence

  // Expressions are a flat list of operands and operators here; `cst-expr.ts` applies the
  // precedence (or < and < not < comparisons < + - < * / < unary minus). A flat rule keeps the
  // CST small, which is most of the parser's time on large schemes.
  expr = this.RULE("expr", () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.OR([
        alt(() => { this.SUBRULE(this.binaryOp); this.SUBRULE2(this.operand); }),
        alt(() => this.SUBRULE(this.inList)),
      ]);
    });
  });

  binaryOp = this.RULE("binaryOp", () => {
    this.OR((this.binaryAlts ??= BINARY_OPS.map((t) => (alt(() => this.CONSUME(t))))));
  });

  inList = this.RULE("inList", () => {
    this.CONSUME(T.In);
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
    this.CONSUME(T.RParen);
  });

  operand = this.RULE("operand", () => {
    this.MANY(() => this.OR([alt(() => this.CONSUME(T.Not)), alt(() => this.CONSUME(T.Minus))]));
    this.SUBRULE(this.primary);
  });

  primary = this.RULE("primary", () => {
    this.OR([
      alt(() => this.CONSUME(T.NumberLiteral)),
      alt(() => this.CONSUME(T.StringLiteral)),
      alt(() => this.CONSUME(T.True)),
      alt(() => this.CONSUME(T.False)),
      alt(() => { this.CONSUME(T.LParen); this.SUBRULE(this.expr); this.CONSUME(T.RParen); }),
      alt(() => this.SUBRULE(this.ifExpr)),
      alt(() => this.SUBRULE(this.scoreRef)),
      alt(() => this.SUBRULE(this.nameOrCall)),
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
    this.OR((this.nameAlts ??= NAME_TOKENS.map((t) => (alt(() => this.CONSUME(t, { LABEL: "name" }))))));
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
