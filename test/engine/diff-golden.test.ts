/**
 * Golden tests of the structural diff: each `test/golden/diff/NAME.old.yard` / `NAME.new.yard`
 * pair (both must check without errors) is diffed; the text must equal `NAME.out` and the JSON
 * `NAME.json`. Run with UPDATE_GOLDEN=1 to rewrite them after a deliberate change, and read the
 * diff of the golden files. The `yardstick diff` command is run as a real process on some pairs.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { renderDiff, structuralDiff, type Section } from "../../engine/diff/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIR = join(ROOT, "test", "golden", "diff");
const update = process.env["UPDATE_GOLDEN"] === "1";
const cases = readdirSync(DIR).filter((f) => f.endsWith(".old.yard")).map((f) => f.slice(0, -".old.yard".length)).sort();

function golden(file: string, actual: string): void {
  const path = join(DIR, file);
  if (update) writeFileSync(path, actual);
  expect(existsSync(path), `${file} is missing: run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

function pair(name: string) {
  const read = (side: string) => {
    const file = `${name}.${side}.yard`;
    const checked = compile(readFileSync(join(DIR, file), "utf8"), file);
    expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${file}:${d.span.line}: ${d.message}`)).toEqual([]);
    return checked;
  };
  return structuralDiff(read("old"), read("new"));
}

describe("structural diff goldens", () => {
  it("has the cases", () => {
    expect(cases).toEqual(expect.arrayContaining(["impact", "rules", "same", "scoring", "tree", "typology", "values"]));
  });
  for (const name of cases) {
    it(name, () => {
      const d = pair(name);
      golden(`${name}.out`, renderDiff(d));
      golden(`${name}.json`, `${JSON.stringify(d, null, 2)}\n`);
    });
  }

  it("covers every section and every kind of change", () => {
    const all = cases.flatMap((name) => pair(name).changes);
    const sections = new Set<Section>(all.map((c) => c.section));
    expect([...sections].sort()).toEqual(["alert", "block", "check", "flag", "grades", "header", "input", "let", "node", "rank", "scoring", "table", "total", "typology", "veto"]);
    expect(new Set(all.map((c) => c.op))).toEqual(new Set(["added", "removed", "changed", "moved", "renamed", "relabelled"]));
  });

  it("reports nothing for a pair differing only in layout, comments and number spelling", () => {
    const d = pair("same");
    expect(d.changes).toEqual([]);
    expect(d.effective).toEqual([]);
  });
});

const run = promisify(execFile);

/** Runs `yardstick diff` in a child process (through cli/diff.ts, the command's own module). */
async function yardstick(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const script = `import("./cli/diff.ts").then(async (m) => { process.exitCode = await m.diffCommand(${JSON.stringify(args)}); })`;
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

describe("yardstick diff", () => {
  const at = (f: string) => join("test", "golden", "diff", f);
  it("prints the structural diff", async () => {
    const r = await yardstick([at("tree.old.yard"), at("tree.new.yard")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(renderDiff(pair("tree")).replaceAll("tree.old.yard", at("tree.old.yard")).replaceAll("tree.new.yard", at("tree.new.yard")));
  });

  it("prints JSON with --json", async () => {
    const r = await yardstick([at("rules.old.yard"), at("rules.new.yard"), "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { changes: unknown[] };
    expect(json.changes).toHaveLength(pair("rules").changes.length);
  });

  it("adds the impact diff with --data", async () => {
    const r = await yardstick([at("impact.old.yard"), at("impact.new.yard"), "--data", at("impact.data.json")]);
    expect(r.stderr).toBe("");
    golden("impact.cli.out", r.stdout.replaceAll("test/golden/diff/", ""));
    const j = await yardstick([at("impact.old.yard"), at("impact.new.yard"), "--data", at("impact.data.json"), "--json", "--top", "1"]);
    const json = JSON.parse(j.stdout) as { impact: { regions: { region: string; drivers: unknown[] }[] } };
    expect(json.impact.regions.map((x) => x.region)).toEqual(["东城", "西城", "南城"]);
    expect(json.impact.regions.every((x) => x.drivers.length === 1)).toBe(true);
  });

  it("fails with the scheme's errors, and on bad usage", async () => {
    const [bad, one, unknown] = await Promise.all([
      yardstick([at("tree.old.yard"), at("no-such.yard")]),
      yardstick([at("tree.old.yard")]),
      yardstick([at("tree.old.yard"), at("tree.new.yard"), "--frob"]),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("no-such.yard");
    expect(one.code).toBe(2);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option `--frob`");
  });
});
