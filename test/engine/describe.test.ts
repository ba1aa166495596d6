/** Explanation texts quote expressions so that they read back as the same tree. */
import { describe, expect, it } from "vitest";
import type { LetDecl } from "../../dsl/ast.js";
import { equalModuloSpans } from "../../dsl/equal.js";
import { parse } from "../../dsl/parse.js";
import { exprText } from "../../engine/describe.js";

function letExpr(source: string) {
  const { ast, diagnostics } = parse(`scheme "s" period 2026 unit 区县\ninput a number\nlet v = ${source}\n`);
  expect(diagnostics).toEqual([]);
  return ast.decls.find((d): d is LetDecl => d.kind === "let")!.expr;
}

describe("exprText", () => {
  it.each([
    "(if a > 1 then 2 else 3) * 2",
    "a in (1, 2) == true",
    "a == (a in (1, 2))",
    "not (a > 1 or a < 0)",
    "-(a + 1) * 2",
    "a - (a - 1)",
  ])("keeps the brackets the tree needs: %s", (text) => {
    expect(exprText(letExpr(text))).toBe(text);
    expect(equalModuloSpans(letExpr(exprText(letExpr(text))), letExpr(text))).toBe(true);
  });
});
