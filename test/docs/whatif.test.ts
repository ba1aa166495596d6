/**
 * The overrides listed in docs/whatif.md run on the sample scheme they name, each applied with
 * no issue and each changing some region's total, rank or grade.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateFiles } from "../../cli/eval.js";
import { whatIf } from "../../engine/whatif/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DOC = readFileSync(join(ROOT, "docs", "whatif.md"), "utf8");

/** The overrides between `<!-- overrides: NAME -->` and `<!-- /overrides -->`, by scheme name. */
function listed(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of DOC.matchAll(/<!-- overrides: (\S+) -->\n([\s\S]*?)<!-- \/overrides -->/g)) {
    out.set(m[1]!, [...m[2]!.matchAll(/^- `([^`]+)`/gm)].map((x) => x[1]!));
  }
  return out;
}

describe("docs/whatif.md", () => {
  const lists = listed();

  it("lists examples", () => {
    expect(lists.get("county-annual")?.length).toBeGreaterThanOrEqual(8);
  });

  for (const [name, overrides] of lists) {
    it(`every example applies to schemes/${name}.yard and changes something`, async () => {
      const data = join(ROOT, "schemes", "data", name);
      const base = await evaluateFiles(join(ROOT, "schemes", `${name}.yard`), `${data}.csv`, `${data}.prev.csv`);
      expect(base).not.toBeNull();
      for (const o of overrides) {
        const w = whatIf(base!, [o]);
        expect(w.issues, o).toEqual([]);
        expect(w.applied, o).toEqual([o]);
        const moved = w.deltas.some((d) => d.total.delta !== 0 || d.grade.changed || d.ranks.some((r) => r.delta !== 0));
        expect(moved, `${o} changes nothing`).toBe(true);
      }
    }, 60_000);
  }
});
