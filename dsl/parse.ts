/** Text → AST plus every lexical and syntax diagnostic, with recovery. Never throws. */
import type { IRecognitionException, IToken } from "chevrotain";
import type { Scheme } from "./ast.js";
import { cstToAst } from "./cst-to-ast.js";
import { error, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { lex } from "./lexer.js";
import { parser, parseTokens } from "./parser.js";
import { spanOf, sourceFile, type SourceFile, type Span } from "./source.js";
import { closest } from "./suggest.js";
import { HARD_KEYWORDS, keywordText } from "./tokens.js";

/** The parser's output: always a tree, plus the problems found on the way. */
export interface ParseResult {
  readonly source: SourceFile;
  readonly ast: Scheme;
  readonly diagnostics: readonly Diagnostic[];
}

const KEYWORD_WORDS = HARD_KEYWORDS.map(keywordText);

/** Parses scheme text. */
export function parse(text: string, name = "scheme.yard"): ParseResult {
  const source = sourceFile(name, text);
  const lexed = lex(source);
  const cst = parseTokens(lexed.tokens);
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  const last = lexed.tokens[lexed.tokens.length - 1];
  for (const e of parser.errors) diagnostics.push(syntaxDiagnostic(source, e, last));
  const ast = cstToAst(source, cst, lexed.comments, diagnostics);
  return { source, ast, diagnostics: sortDiagnostics(dedupe(diagnostics)) };
}

function tokenSpan(src: SourceFile, t: IToken | undefined, last: IToken | undefined): Span {
  if (t && Number.isFinite(t.startOffset)) return spanOf(src, t.startOffset, t.startOffset + t.image.length);
  // Chevrotain's end-of-input token has no position: point just after the last real token.
  const end = last ? last.startOffset + last.image.length : src.text.length;
  return spanOf(src, end, end);
}

function syntaxDiagnostic(src: SourceFile, e: IRecognitionException, last: IToken | undefined): Diagnostic {
  const t = e.token;
  const span = tokenSpan(src, t, last);
  if (t?.tokenType.name === "UnterminatedString") {
    return error("syntax", "text is missing its closing `\"`", span, "close the text on the same line");
  }
  if (t?.tokenType.name === "Identifier" && /^expected a declaration/.test(e.message)) {
    const guess = closest(t.image, KEYWORD_WORDS);
    return error("unknown-keyword", `unknown keyword \`${t.image}\`: expected a declaration such as \`input\`, \`let\`, \`dimension\` or \`indicator\``,
      span, guess ? `did you mean \`${guess}\`?` : undefined);
  }
  const rule = e.context?.ruleStack?.at(-1) ?? "";
  const unknownClause = /^expected an indicator clause/.test(e.message)
    || (/^expected `\}`/.test(e.message) && (rule === "indicator" || rule === "override"));
  if (t?.tokenType.name === "Identifier" && unknownClause) {
    const guess = closest(t.image, KEYWORD_WORDS);
    return error("unknown-keyword", `unknown clause \`${t.image}\` in an indicator`, span,
      guess ? `did you mean \`${guess}\`?` : "an indicator's block holds a scoring method, `value`, `add`, `deduct`, `cap`, `floor`, …");
  }
  if (t?.tokenType.name === "Identifier" && /^expected `\}`/.test(e.message) && rule === "dimension") {
    const guess = closest(t.image, KEYWORD_WORDS);
    return error("unknown-keyword", `unknown keyword \`${t.image}\` in a dimension: expected \`indicator\`, \`dimension\`, \`weights\`, \`aggregate\`, \`missing\` or \`for\``,
      span, guess ? `did you mean \`${guess}\`?` : undefined);
  }
  const clauseHere = t && HARD_KEYWORDS.includes(t.tokenType) && rule !== "scheme" && rule !== "decl";
  return error(clauseHere ? "misplaced-clause" : "syntax", e.message, span,
    clauseHere ? `\`${t!.image}\` cannot appear here` : undefined);
}

/** Recovery can report the same position twice; keep the first message per position. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.span.start}:${d.span.end}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
