/**
 * Golden tests of `yardstick check`: one broken scheme per diagnostic kind under
 * test/golden/check/, each with the exact CLI output expected. `UPDATE_GOLDEN=1` rewrites them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkReport } from "../../cli/check.js";
import { DIAGNOSTIC_CODES } from "../../dsl/index.js";

const dir = "test/golden/check";
const cases = readdirSync(dir).filter((f) => f.endsWith(".yard")).sort();
const update = process.env["UPDATE_GOLDEN"] === "1";

describe("check goldens", () => {
  for (const file of cases) {
    it(file, () => {
      const path = join(dir, file);
      const { output } = checkReport(path, readFileSync(path, "utf8"));
      const expected = path.replace(/\.yard$/, ".out");
      if (update || !existsSync(expected)) writeFileSync(expected, output);
      expect(output).toBe(readFileSync(expected, "utf8"));
      expect(output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    });
  }

  it("has a case that shows each diagnostic code (other than io)", () => {
    const shown = new Set(cases.map((f) => f.replace(/\.yard$/, "")));
    const outputs = cases.map((f) => readFileSync(join(dir, f.replace(/\.yard$/, ".out")), "utf8")).join("\n");
    for (const code of Object.keys(DIAGNOSTIC_CODES).filter((c) => c !== "io")) {
      expect(shown.has(code), `test/golden/check/${code}.yard`).toBe(true);
      expect(outputs).toContain(`[${code}]`);
    }
  });
});
