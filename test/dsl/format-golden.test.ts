/**
 * Golden files for the formatter: each `test/golden/fmt/NAME.yard` must format to exactly
 * `NAME.formatted.yard`, which must itself be a fixed point and parse to the same AST.
 * `UPDATE_GOLDEN=1 npx vitest run test/dsl/format-golden.test.ts` rewrites the expected files
 * (review the diff before committing them).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { equalModuloSpans } from "../../dsl/equal.js";
import { formatSource } from "../../dsl/format/index.js";
import { parse } from "../../dsl/parse.js";

const DIR = join(import.meta.dirname, "..", "golden", "fmt");
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";
const inputs = readdirSync(DIR).filter((f) => f.endsWith(".yard") && !f.endsWith(".formatted.yard")).sort();

describe("formatter golden files", () => {
  it("has golden inputs", () => expect(inputs.length).toBeGreaterThanOrEqual(6));

  for (const file of inputs) {
    it(file, () => {
      const input = readFileSync(join(DIR, file), "utf8");
      const result = formatSource(input, file);
      const where = result.diagnostics.map((d) => `${file}:${d.span.line}:${d.span.col} ${d.message}`).join("\n");
      expect(result.text, where).not.toBeNull();
      const expectedPath = join(DIR, file.replace(/\.yard$/, ".formatted.yard"));
      if (UPDATE) writeFileSync(expectedPath, result.text!, "utf8");
      expect(existsSync(expectedPath), `missing ${expectedPath}: run with UPDATE_GOLDEN=1`).toBe(true);
      const expected = readFileSync(expectedPath, "utf8");
      expect(result.text).toBe(expected);
      expect(formatSource(expected).text, "the expected file is not a fixed point").toBe(expected);
      expect(equalModuloSpans(parse(expected).ast, parse(input).ast), "formatting changed the AST").toBe(true);
    });
  }
});
