/**
 * The language reference's examples are real: every ```yard block of docs/language.md must
 * parse without a diagnostic, and, once `compile` (parse + check) is exported by
 * `dsl/index.ts`, every complete example (a block starting with `scheme`) must have no errors.
 *
 * Wrapping rule (see `doc-blocks.ts`): a block whose first word after comments is `scheme` is
 * parsed as written; any other block is a fragment of top-level declarations and is parsed
 * under a one-line header, `scheme "docs example" period 2026 unit id`. Positions in failure
 * messages are the document's own lines.
 *
 * The one-line examples of the constructs table are checked too: each code span (split at
 * `…`, which separates pieces) must parse either as top-level declarations or as clauses of an
 * indicator, i.e. inside `indicator _ points 10 { … }`.
 */
import { describe, expect, it } from "vitest";
import { compile, parse, type Diagnostic } from "../../dsl/index.js";
import {
  constructRows, docLine, exampleMarkers, FRAGMENT_HEADER, headingAnchors, readDoc, schemeText, yardBlocks, type DocBlock,
} from "./doc-blocks.js";

const doc = readDoc();
const blocks = yardBlocks(doc);

/**
 * Parser gaps the document knowingly shows: a block matching `block` may have diagnostics, but
 * the first must match `message` and all must be on lines that match `block` (recovery may add
 * a follow-on error on the same line). When the parser accepts the construct, the test fails,
 * saying to remove the entry.
 */
const KNOWN_GAPS: readonly { readonly block: RegExp; readonly message: RegExp; readonly why: string }[] = [];

function located(block: DocBlock, d: Diagnostic): string {
  return `docs/language.md:${docLine(block, d.span.line)}:${d.span.col} ${d.code}: ${d.message}`;
}

describe("docs/language.md: yard examples", () => {
  it("has an example for every part of the language", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(50);
    expect(blocks.filter((b) => b.complete).length).toBeGreaterThanOrEqual(1);
  });

  for (const block of blocks) {
    const gap = KNOWN_GAPS.find((g) => g.block.test(block.text));
    const title = `line ${block.line}${block.example ? ` (${block.example})` : ""}${block.complete ? ", complete scheme" : ""}`;
    it(`parses: ${title}`, () => {
      const { diagnostics } = parse(schemeText(block), "language.md");
      const messages = diagnostics.map((d) => located(block, d));
      if (!gap) {
        expect(messages).toEqual([]);
        return;
      }
      expect(messages.length, `known gap fixed (${gap.why}): remove it from KNOWN_GAPS`).toBeGreaterThan(0);
      expect(diagnostics[0]!.message).toMatch(gap.message);
      const lines = schemeText(block).split("\n");
      expect(diagnostics.filter((d) => !gap.block.test(lines[d.span.line - 1] ?? "")).map((d) => located(block, d))).toEqual([]);
    });
  }

  it("gives every example marker exactly one block, and no name twice", () => {
    const markers = exampleMarkers(doc);
    expect(new Set(markers).size).toBe(markers.length);
    expect(blocks.filter((b) => b.example).map((b) => b.example)).toEqual(markers);
  });

  it("has no link to a heading that does not exist", () => {
    const anchors = headingAnchors(doc);
    const links = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((l) => !anchors.has(l))).toEqual([]);
  });
});


describe("docs/language.md: complete examples check cleanly", () => {
  const complete = blocks.filter((b) => b.complete);
  for (const block of complete) {
    it(`compiles without errors: line ${block.line}`, () => {
      const { diagnostics } = compile(block.text, "language.md");
      expect(diagnostics.filter((d) => d.severity === "error").map((d) => located(block, d))).toEqual([]);
    });
  }
});

/** Diagnostics of a piece of code parsed as declarations, or else as indicator clauses (whichever has fewer). */
function pieceDiagnostics(piece: string): string[] {
  const asDecls = parse(`${FRAGMENT_HEADER}\n${piece}`).diagnostics;
  if (asDecls.length === 0) return [];
  const asClauses = parse(`${FRAGMENT_HEADER}\nindicator _ points 10 { ${piece} }`).diagnostics;
  if (asClauses.length === 0) return [];
  const best = asClauses.length < asDecls.length ? asClauses : asDecls;
  return best.map((d) => `\`${piece}\`: ${d.code}: ${d.message}`);
}

describe("docs/language.md: the constructs table", () => {
  const rows = constructRows(doc);

  it("maps each of the 45 constructs, in order, to a feature with an example", () => {
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    for (const r of rows) {
      expect(r.feature.length, `row ${r.number}`).toBeGreaterThan(5);
      expect(r.examples.length, `row ${r.number} has no example`).toBeGreaterThan(0);
    }
  });

  for (const r of rows) {
    it(`row ${r.number}: the example parses (${r.construct.slice(0, 40)})`, () => {
      const pieces = r.examples.flatMap((e) => e.split("…")).map((p) => p.trim()).filter((p) => p.length > 0);
      expect(pieces.flatMap(pieceDiagnostics), `docs/language.md:${r.line}`).toEqual([]);
    });
  }
});
