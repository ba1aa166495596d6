/**
 * The token vocabulary. Keywords come before `Identifier` and use it as `longer_alt`, so
 * `pointsTotal` is a name. Hard keywords start declarations and clauses; soft keywords appear
 * only in the middle of a construct and are also identifiers (`categories: [Identifier]`), so an
 * input may be called `label` or `source` without a clash.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

/**
 * Any name: letters (Latin, CJK and the rest of the BMP's letter blocks), digits and `_`, not
 * starting with a digit. CJK punctuation (，：（）、。) and math signs (≥ × ÷ −) are excluded so
 * they lex as operators. Keywords are not lexed separately: `lex()` re-types identifiers whose
 * text is a keyword, which keeps the lexer a single fast regex.
 */
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2070-\u218F\u2C00-\u2FFF\u3040-\uFEFE\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFEF][A-Za-z0-9_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2070-\u218F\u2C00-\u2FFF\u3040-\uFEFE\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFEF]*/,
});

const hard: TokenType[] = [];
/** Keyword token types by their word, used by the lexer to re-type identifiers. */
export const KEYWORD_BY_WORD = new Map<string, TokenType>();
const soft: TokenType[] = [];

function keyword(word: string, isSoft = false): TokenType {
  const name = word[0]!.toUpperCase() + word.slice(1) + "Kw";
  const token = createToken({ name, pattern: Lexer.NA, ...(isSoft ? { categories: [Identifier] } : {}) });
  KEYWORD_BY_WORD.set(word, token);
  (isSoft ? soft : hard).push(token);
  return token;
}

// Declarations.
export const Scheme = keyword("scheme");
export const Input = keyword("input");
export const Let = keyword("let");
export const Table = keyword("table");
export const Typology = keyword("typology");
export const Check = keyword("check");
export const Alert = keyword("alert");
export const Flag = keyword("flag");
export const Total = keyword("total");
export const Weights = keyword("weights");
export const Weight = keyword("weight");
export const Aggregate = keyword("aggregate");
export const Missing = keyword("missing");
export const Dimension = keyword("dimension");
export const Indicator = keyword("indicator");
export const Bonus = keyword("bonus");
export const Deduction = keyword("deduction");
export const Veto = keyword("veto");
export const Grades = keyword("grades");
export const Grade = keyword("grade");
export const Rank = keyword("rank");
// Indicator clauses and scoring methods.
export const For = keyword("for");
export const Points = keyword("points");
export const Higher = keyword("higher");
export const Lower = keyword("lower");
export const Value = keyword("value");
export const Transform = keyword("transform");
export const Add = keyword("add");
export const Deduct = keyword("deduct");
export const Zero = keyword("zero");
export const Exempt = keyword("exempt");
export const Inapplicable = keyword("inapplicable");
export const Cap = keyword("cap");
export const Floor = keyword("floor");
export const Target = keyword("target");
export const Minmax = keyword("minmax");
export const Zscore = keyword("zscore");
export const Goalposts = keyword("goalposts");
export const Proportional = keyword("proportional");
export const Bands = keyword("bands");
export const Ratio = keyword("ratio");
export const Efficacy = keyword("efficacy");
export const Panel = keyword("panel");
export const Ballots = keyword("ballots");
export const Fuzzy = keyword("fuzzy");
export const Score = keyword("score");
// Rule items.
export const Per = keyword("per");
export const Max = keyword("max");
export const Times = keyword("times");
export const Unless = keyword("unless");
export const Highest = keyword("highest");
export const When = keyword("when");
export const Otherwise = keyword("otherwise");
export const Within = keyword("within");
export const ErrorKw = keyword("error");
export const WarningKw = keyword("warning");
// Expressions.
export const If = keyword("if");
export const Then = keyword("then");
export const Else = keyword("else");
export const True = keyword("true");
export const False = keyword("false");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const In = keyword("in");

// Soft keywords: meaningful only in the middle of a construct.
export const Period = keyword("period", true);
export const Unit = keyword("unit", true);
export const Label = keyword("label", true);
export const RangeKw = keyword("range", true);
export const Default = keyword("default", true);
export const Required = keyword("required", true);
export const Optional = keyword("optional", true);
export const Values = keyword("values", true);
export const Source = keyword("source", true);
export const Satisfactory = keyword("satisfactory", true);
export const Disallowed = keyword("disallowed", true);
export const Trim = keyword("trim", true);
export const Above = keyword("above", true);
export const Below = keyword("below", true);
export const Raters = keyword("raters", true);
export const Scale = keyword("scale", true);
export const Best = keyword("best", true);
export const To = keyword("to", true);
export const Step = keyword("step", true);
export const At = keyword("at", true);
export const Most = keyword("most", true);
export const Least = keyword("least", true);
export const Red = keyword("red", true);
export const Yellow = keyword("yellow", true);
export const Average = keyword("average", true);
export const Overall = keyword("overall", true);
export const Top = keyword("top", true);
export const Refill = keyword("refill", true);
export const Quota = keyword("quota", true);
export const On = keyword("on", true);

/** A number with an optional unit: `95`, `6.5`, `95%`, `0.5pp`. */
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?:pp(?![A-Za-z0-9_])|%)?/,
});
/** A double-quoted string; `\"` and `\\` escape. */
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\r\n]|\\.)*"/ });
/** An unterminated string, lexed as a token so the parser can report it where it starts. */
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"(?:[^"\\\r\n]|\\.)*/ });

export const DocComment = createToken({ name: "DocComment", pattern: /\/\/\/[^\r\n]*/, group: "comments" });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\r\n]*/, group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: "comments" });
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[\s\u3000\uFEFF]+/, group: Lexer.SKIPPED });

export const LBrace = createToken({ name: "LBrace", pattern: /\{/ });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/ });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/ });
export const Comma = createToken({ name: "Comma", pattern: /[,，]/ });
export const Colon = createToken({ name: "Colon", pattern: /[:：]/ });
export const DotDot = createToken({ name: "DotDot", pattern: /\.\./ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });
export const EqEq = createToken({ name: "EqEq", pattern: /==/ });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/ });
export const LtEq = createToken({ name: "LtEq", pattern: /≤|<=/ });
export const GtEq = createToken({ name: "GtEq", pattern: /≥|>=/ });
export const Lt = createToken({ name: "Lt", pattern: /</ });
export const Gt = createToken({ name: "Gt", pattern: />/ });
export const Assign = createToken({ name: "Assign", pattern: /=/ });
export const Plus = createToken({ name: "Plus", pattern: /\+/ });
export const Minus = createToken({ name: "Minus", pattern: /-|−/ });
export const Star = createToken({ name: "Star", pattern: /\*|×/ });
export const Slash = createToken({ name: "Slash", pattern: /\/|÷/ });

/** Every hard keyword, for suggestions. */
export const HARD_KEYWORDS: readonly TokenType[] = hard;
/** Every soft keyword. */
export const SOFT_KEYWORDS: readonly TokenType[] = soft;

/** All tokens in lexing order: comments, then keywords before Identifier, longer operators first. */
export const allTokens: TokenType[] = [
  WhiteSpace, DocComment, LineComment, BlockComment,
  NumberLiteral, StringLiteral, UnterminatedString,
  Identifier, ...hard, ...soft,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Comma, Colon, DotDot, Dot,
  EqEq, NotEq, LtEq, GtEq, Lt, Gt, Assign, Plus, Minus, Star, Slash,
];

/** The word a keyword token stands for, e.g. `points`. */
export function keywordText(token: TokenType): string {
  return token.name.replace(/Kw$/, "").toLowerCase();
}
