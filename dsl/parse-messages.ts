/** Parser error messages worded for a policy officer, not a parser author. */
import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";
import { SOFT_KEYWORDS, HARD_KEYWORDS, keywordText } from "./tokens.js";

const PUNCTUATION: Record<string, string> = {
  LBrace: "`{`", RBrace: "`}`", LParen: "`(`", RParen: "`)`", LBracket: "`[`", RBracket: "`]`",
  Comma: "`,`", Colon: "`:`", DotDot: "`..`", Dot: "`.`", Assign: "`=`", EqEq: "`==`", NotEq: "`!=`",
  LtEq: "`<=`", GtEq: "`>=`", Lt: "`<`", Gt: "`>`", Plus: "`+`", Minus: "`-`", Star: "`*`", Slash: "`/`",
  Identifier: "a name", NumberLiteral: "a number", StringLiteral: "text in double quotes",
  UnterminatedString: "text in double quotes",
};

const KEYWORDS = new Set([...HARD_KEYWORDS, ...SOFT_KEYWORDS]);

/** How a token type is named to the user: `points`, `{`, "a number". */
export function describeType(t: TokenType): string {
  if (KEYWORDS.has(t)) return `\`${keywordText(t)}\``;
  return PUNCTUATION[t.name] ?? t.name;
}

/** How an actual token is shown to the user. */
export function describeToken(token: IToken): string {
  if (token.tokenType.name === "EOF") return "the end of the file";
  if (token.tokenType.name === "UnterminatedString") return "text with no closing `\"`";
  return `\`${token.image.length > 30 ? token.image.slice(0, 30) + "…" : token.image}\``;
}

/** What each rule is, for "expected …" messages. */
const VALUE = "a value (a number, a name, text in quotes or `(`)";
const RULE_NAMES: Record<string, string> = {
  scheme: "a declaration", decl: "a declaration (`input`, `let`, `dimension`, `indicator`, `bonus`, `grades`, …)",
  inputOption: "an input option (`label`, `unit`, `range`, `default`, `required`, `optional`, `values`, `source`)",
  clause: "an indicator clause (a scoring method such as `goalposts` or `bands`, `value`, `add`, `deduct`, `cap`, …)",
  method: "a scoring method", unary: VALUE, notExpr: VALUE, primary: "a value (a number, a name, text in quotes or `(`)",
  expr: "a value", setting: "`weights`, `aggregate` or `missing`", item: "a bonus or deduction item",
  band: "a band such as `>= 95: 10`", share: "`points` or `weight`",
};

function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? "more of the scheme";
}

function list(types: TokenType[]): string {
  const names = [...new Set(types.map(describeType))];
  if (names.length <= 1) return names[0] ?? "something else";
  if (names.length > 6) return names.slice(0, 6).join(", ") + ", …";
  return names.slice(0, -1).join(", ") + " or " + names[names.length - 1];
}

/** The message provider handed to the Chevrotain parser. */
export const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    if (expected.name === "EOF") return `expected ${RULE_NAMES["decl"]} but found ${describeToken(actual)}`;
    return `expected ${describeType(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `expected a declaration (\`input\`, \`let\`, \`dimension\`, …) but found ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName: rule }) {
    const firsts = expectedPathsPerAlt.flatMap((paths) => paths.map((p) => p[0]!)).filter(Boolean);
    const found = actual[0] ? describeToken(actual[0]) : "the end of the file";
    return RULE_NAMES[rule] ? `expected ${ruleName(rule)} but found ${found}` : `expected ${list(firsts)} but found ${found}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName: rule }) {
    const firsts = expectedIterationPaths.map((p) => p[0]!).filter(Boolean);
    const found = actual[0] ? describeToken(actual[0]) : "the end of the file";
    return `expected at least one ${RULE_NAMES[rule] ? ruleName(rule) : list(firsts)} but found ${found}`;
  },
};
