/**
 * Golden tests: each `golden/NAME.yard` with its `NAME.data.json` rows (and `NAME.prev.json`, last
 * period's, when there is one) is evaluated; the results
 * as JSON must equal `NAME.expected.json` and the explanation of the first region must equal
 * `NAME.explain.txt`. Run with UPDATE_GOLDEN=1 to rewrite them after a deliberate change (and
 * read the diff: the numbers are the point).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explain, renderExplanation } from "../../engine/explain.js";
import { dataset, run, type Cell } from "./support/run.js";

const DIR = join(import.meta.dirname, "golden");
const update = process.env["UPDATE_GOLDEN"] === "1";

function golden(file: string, actual: string): void {
  const path = join(DIR, file);
  if (update || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("golden evaluations", () => {
  for (const yard of readdirSync(DIR).filter((f) => f.endsWith(".yard"))) {
    const name = yard.slice(0, -5);
    it(name, () => {
      const read = (file: string) => JSON.parse(readFileSync(join(DIR, file), "utf8")) as Record<string, Cell>[];
      const rows = read(`${name}.data.json`);
      const prev = existsSync(join(DIR, `${name}.prev.json`)) ? read(`${name}.prev.json`) : undefined;
      const ev = run(readFileSync(join(DIR, yard), "utf8"), rows, prev);
      expect(ev.issues.filter((i) => i.severity === "error")).toEqual([]);
      golden(`${name}.expected.json`, JSON.stringify(ev.results!.toJSON(), null, 2) + "\n");
      golden(`${name}.explain.txt`, renderExplanation(explain(ev.results!, 0)!));
      expect(dataset(rows).regions.length).toBe(ev.results!.regions.length);
    });
  }
});
