/**
 * Property tests of the front end and the formatter:
 * (a) the parser never throws, on any string and on mutated real schemes, and places every
 *     diagnostic at a real position;
 * (b) formatting is idempotent, on real and mutated schemes;
 * (c) on generated valid ASTs, parse(format(ast)) is ast modulo spans.
 * Real schemes are the ```yard blocks of docs/language.md and whatever `schemes/*.yard` exist.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalModuloSpans, stripSpans } from "../../dsl/equal.js";
import { formatScheme, formatSource } from "../../dsl/format/index.js";
import { lex } from "../../dsl/lexer.js";
import { parse } from "../../dsl/parse.js";
import { sourceFile } from "../../dsl/source.js";
import { readDoc, schemeText, yardBlocks } from "../docs/doc-blocks.js";
import { scheme as schemeArb } from "./arbitrary.js";

const SCHEMES_DIR = join(import.meta.dirname, "..", "..", "schemes");

/** Every real scheme text available at run time: the documentation's examples and schemes/. */
function realSchemes(): string[] {
  const docs = yardBlocks(readDoc()).map(schemeText);
  let files: string[] = [];
  try {
    files = readdirSync(SCHEMES_DIR).filter((f) => f.endsWith(".yard")).map((f) => readFileSync(join(SCHEMES_DIR, f), "utf8"));
  } catch {
    // No schemes/ folder yet: the documentation's examples are enough.
  }
  return [...docs, ...files];
}

const sources = realSchemes();
/** Multiplies every property's runs: `YARD_PROPERTY_SCALE=20` for a long search. */
const SCALE = Number(process.env["YARD_PROPERTY_SCALE"] ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });

/** Pieces inserted by mutations: tokens, broken tokens, odd whitespace and odd characters. */
const TOKENS = [
  "{", "}", "(", ")", "[", "]", ",", "，", ":", "：", "..", ".", "==", "!=", ">=", "≥", "<", "-", "−", "*", "/", "=",
  "not", "and", "or", "in", "if", "then", "else", "\"", "\"open", "\"x\"", "//", "/*", "*/", "///", "\n", "\r\n", "\t",
  "\u3000", "\uFEFF", "（", "@", "#", "\\", "indicator", "dimension", "input", "let", "scheme", "points", "weight", "per",
  "when", "for", "score", "rank", "highest", "bands", "max", "within", "quota", "at", "most", "1pp", "95%", "0.5", "1e3",
  "x", "区县", "\u0000", "\uD800",
];

type Mutation =
  | { kind: "delete"; at: number; len: number }
  | { kind: "insert"; at: number; piece: string }
  | { kind: "duplicate"; at: number; len: number; to: number }
  | { kind: "swap"; at: number; len: number; to: number };

/**
 * A relative position in [0, 1), spread evenly: fast-check biases integers towards their bounds
 * (hence noBias), and its doubles are uniform over representations, i.e. nearly all tiny.
 */
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: position, len: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: position, piece: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 5 })) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: position, len: fc.integer({ min: 1, max: 80 }), to: position }),
  fc.record({ kind: fc.constant("swap" as const), at: position, len: fc.integer({ min: 1, max: 40 }), to: position }),
);

/** Applies one mutation to a text. */
function mutate(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case "delete": return text.slice(0, at) + text.slice(at + m.len);
    case "insert": return text.slice(0, at) + m.piece + text.slice(at);
    case "duplicate": {
      const to = Math.floor(m.to * text.length);
      return text.slice(0, to) + text.slice(at, at + m.len) + text.slice(to);
    }
    case "swap": {
      const to = Math.floor(m.to * (text.length - m.len));
      const [a, b] = at <= to ? [at, to] : [to, at];
      if (b < a + m.len) return text;
      return text.slice(0, a) + text.slice(b, b + m.len) + text.slice(a + m.len, b) + text.slice(a, a + m.len) + text.slice(b + m.len);
    }
  }
}

const mutated = fc.record({ source: fc.constantFrom(...sources), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
  .map(({ source, mutations }) => mutations.reduce(mutate, source));

/**
 * What `sprinkled` puts between tokens: layout and comments, which must not change the AST
 * (a comment starts with a space, so that it does not run into a `/` before it).
 */
const FILLERS = [" ", "\n", "\n\n\n", "\t", " // note\n", " /* c */", " /* two\n   lines */", " /// doc\n", " //\n", " // 注释  \n"];

/** Real schemes with whitespace and comments inserted between random tokens. */
const sprinkled = fc.record({
  source: fc.constantFrom(...sources),
  inserts: fc.array(fc.record({ at: position, piece: fc.constantFrom(...FILLERS) }), { minLength: 1, maxLength: 8 }),
}).map(({ source, inserts }) => {
  const { tokens, comments } = lex(sourceFile("s.yard", source));
  const lineComments = comments.filter((c) => c.image.startsWith("//"));
  // Token edges, except the end of a line comment, where an insertion would join the comment.
  const bounds = [0, source.length, ...tokens.flatMap((t) => [t.startOffset, t.startOffset + t.image.length])]
    .filter((b) => !lineComments.some((c) => c.startOffset < b && b <= c.startOffset + c.image.length));
  const edits = inserts.map((i) => ({ offset: bounds[Math.min(bounds.length - 1, Math.floor(i.at * bounds.length))]!, piece: i.piece }));
  edits.sort((a, b) => b.offset - a.offset);
  return edits.reduce((text, e) => text.slice(0, e.offset) + e.piece + text.slice(e.offset), source);
});

/** Parses, failing with the offending text if the parser throws or misplaces a diagnostic. */
function parsesSafely(text: string): void {
  const { diagnostics, ast } = parse(text, "p.yard");
  expect(ast.kind).toBe("scheme");
  for (const d of diagnostics) {
    const where = `${d.span.line}:${d.span.col}-${d.span.endLine}:${d.span.endCol} [${d.span.start},${d.span.end}) ${d.message}`;
    expect(d.span.line >= 1 && d.span.col >= 1 && d.span.endLine >= d.span.line, where).toBe(true);
    expect(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, where).toBe(true);
  }
}

/** The formatter is idempotent on a text and keeps its AST; texts with errors are declined. */
function formatsStably(text: string): void {
  const once = formatSource(text);
  if (once.text === null) return;
  const twice = formatSource(once.text);
  expect(twice.text, "formatting the formatted text changes it").toBe(once.text);
  const before = parse(text).ast;
  const after = parse(once.text).ast;
  if (!equalModuloSpans(before, after)) expect(stripSpans(after)).toEqual(stripSpans(before));
}

describe("parser robustness", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), parsesSafely), runs(1500));
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), parsesSafely), runs(1500));
  });

  it("never throws on token soup", () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((ts) => ts.join(" "));
    fc.assert(fc.property(soup, parsesSafely), runs(1000));
  });

  it("never throws on mutated real schemes", () => {
    expect(sources.length).toBeGreaterThanOrEqual(50);
    fc.assert(fc.property(mutated, parsesSafely), runs(300));
  });
});

describe("formatter properties", () => {
  it("is idempotent and keeps the AST on every real scheme", () => {
    for (const text of sources) {
      expect(formatSource(text).text, text.slice(0, 200)).not.toBeNull();
      formatsStably(text);
    }
  });

  it("is idempotent and keeps the AST on mutated real schemes that still parse", () => {
    fc.assert(fc.property(mutated, formatsStably), runs(300));
  });

  it("keeps every comment, once, wherever comments and blank lines are put between tokens", () => {
    fc.assert(fc.property(sprinkled, (text) => {
      expect(formatSource(text).text, text).not.toBeNull();
      formatsStably(text);
    }), runs(300));
  });

  it("prints generated schemes so that they parse back to the same AST", () => {
    fc.assert(fc.property(schemeArb, (ast) => {
      const text = formatScheme(ast);
      const parsed = parse(text, "generated.yard");
      expect(parsed.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`), text).toEqual([]);
      if (!equalModuloSpans(parsed.ast, ast, { ignoreComments: true })) {
        expect(stripSpans(parsed.ast, { ignoreComments: true }), text).toEqual(stripSpans(ast, { ignoreComments: true }));
      }
      // Doc strings are the only comments a generated AST prints.
      expect(parsed.ast.comments.every((c) => c.text.startsWith("///"))).toBe(true);
      expect(formatScheme(parsed.ast), "formatting the printed text changes it").toBe(text);
    }), runs(600));
  });
});
