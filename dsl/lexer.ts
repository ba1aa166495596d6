/** Turns scheme text into tokens and comments; unknown characters become diagnostics. */
import { Lexer, type IToken } from "chevrotain";
import { allTokens, KEYWORD_BY_WORD } from "./tokens.js";

import { error, type Diagnostic } from "./diagnostics.js";
import { spanOf, type SourceFile } from "./source.js";

/** The lexer's output: tokens for the parser, comments for the formatter, and problems. */
export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

const lexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true });

/** Lexes a source file. Never throws. */
export function lex(src: SourceFile): LexResult {
  const result = lexer.tokenize(src.text);
  const diagnostics = result.errors.map((e) => {
    const text = src.text.slice(e.offset, e.offset + e.length);
    return error("syntax", `unexpected character \`${text.slice(0, 20)}\``, spanOf(src, e.offset, e.offset + e.length),
      "names use letters, digits and `_`; text goes in double quotes");
  });
  for (const t of result.tokens) {
    // "onlyOffset" tracking leaves endOffset unset; the parser's node spans need it.
    t.endOffset = t.startOffset + t.image.length - 1;
    const keyword = KEYWORD_BY_WORD.get(t.image);
    if (keyword) {
      t.tokenType = keyword;
      t.tokenTypeIdx = keyword.tokenTypeIdx!;
    }
  }
  return { tokens: result.tokens, comments: result.groups["comments"] ?? [], diagnostics };
}
