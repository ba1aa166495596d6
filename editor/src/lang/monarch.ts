/**
 * Syntax highlighting of `.yard` text (a Monarch grammar). The keyword lists come from the
 * language's own token table (`dsl/tokens.ts`), so a new keyword is highlighted without an edit
 * here; soft keywords (words that may also be names) get a lighter colour.
 */
import type { languages } from "monaco-editor/editor";
import { HARD_KEYWORDS, SOFT_KEYWORDS, keywordText } from "../../../dsl/tokens.js";
import { FUNCTIONS } from "./functions.js";

/** The language id registered with Monaco. */
export const LANGUAGE_ID = "yardstick";

/** Hard keywords as words, e.g. `indicator`. */
export const HARD_WORDS: readonly string[] = HARD_KEYWORDS.map(keywordText);
/** Soft keywords as words, e.g. `label`. */
export const SOFT_WORDS: readonly string[] = SOFT_KEYWORDS.map(keywordText);

/** The Monarch grammar. */
export const monarch: languages.IMonarchLanguage = {
  unicode: true,
  defaultToken: "",
  tokenPostfix: ".yard",
  keywords: [...HARD_WORDS],
  softKeywords: [...SOFT_WORDS],
  functions: FUNCTIONS.map((f) => f.name),
  tokenizer: {
    root: [
      [/\/\/\/.*$/, "comment.doc"],
      [/\/\/.*$/, "comment"],
      [/\/\*/, "comment", "@block"],
      [/"(?:[^"\\]|\\.)*"/, "string"],
      [/"(?:[^"\\]|\\.)*$/, "string.invalid"],
      [/\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?:pp|%)?/, "number"],
      [/[\p{L}_][\p{L}\p{N}_]*(?=\s*\()/u, { cases: { "@functions": "predefined", "@keywords": "keyword", "@default": "identifier" } }],
      [/[\p{L}_][\p{L}\p{N}_]*/u, { cases: { "@keywords": "keyword", "@softKeywords": "keyword.soft", "@default": "identifier" } }],
      [/[{}()[\]]/, "@brackets"],
      [/==|!=|<=|>=|≤|≥|[<>=+\-−*×/÷]/, "operator"],
      [/\.\.|[.,，:：]/, "delimiter"],
    ],
    block: [
      [/\*\//, "comment", "@pop"],
      [/[^*]+/, "comment"],
      [/\*/, "comment"],
    ],
  },
};

/** Brackets, comments and auto-closing pairs. */
export const languageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: "//", blockComment: ["/*", "*/"] },
  brackets: [["{", "}"], ["(", ")"], ["[", "]"]],
  autoClosingPairs: [
    { open: "{", close: "}" }, { open: "(", close: ")" }, { open: "[", close: "]" }, { open: "\"", close: "\"", notIn: ["string", "comment"] },
  ],
  surroundingPairs: [{ open: "{", close: "}" }, { open: "(", close: ")" }, { open: "\"", close: "\"" }],
  wordPattern: /[\p{L}_][\p{L}\p{N}_]*|-?\d+(?:\.\d+)?(?:pp|%)?/u,
  indentationRules: { increaseIndentPattern: /\{[^}]*$/, decreaseIndentPattern: /^\s*\}/ },
};
