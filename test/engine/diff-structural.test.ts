/** Unit tests of the structural diff: matching the trees (moved, renamed), spans, deltas. */
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { structuralDiff, type Change } from "../../engine/diff/index.js";
import { numericDelta } from "../../engine/diff/facts.js";

const head = `scheme "t" unit 区县\ninput a percent\ninput b percent\ninput c percent\n`;
const diff = (a: string, b: string) => {
  const old = compile(head + a, "old.yard");
  const now = compile(head + b, "new.yard");
  for (const s of [old, now]) expect(s.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return { old, now, d: structuralDiff(old, now) };
};
const brief = (c: Change) => [c.op, c.subject, c.field, c.old, c.new];

describe("tree matching", () => {
  it("reports an indicator under another dimension as moved, not removed and added", () => {
    const { d } = diff(
      `dimension x points 100 { indicator a points 50 { proportional } indicator b points 50 { proportional } }`,
      `dimension x points 50 { indicator a points 50 { proportional } }\ndimension y points 50 { indicator b points 50 { proportional } }`,
    );
    expect(d.changes.filter((c) => c.subject === "y.b").map(brief)).toEqual([["moved", "y.b", null, "x.b", "y.b"]]);
    expect(d.changes.map((c) => c.op)).not.toContain("removed");
    expect(d.changes.filter((c) => c.op === "added").map((c) => c.subject)).toEqual(["y"]);
  });

  it("does not report the children of a moved dimension as moved", () => {
    const { d } = diff(
      `dimension top points 100 { dimension x points 60 { indicator a points 60 { proportional } } dimension z points 40 { indicator c points 40 { proportional } } }`,
      `dimension top points 60 { dimension z points 60 { indicator c points 60 { proportional } } }\ndimension other points 40 { dimension x points 40 { indicator a points 40 { proportional } } }`,
    );
    const moved = d.changes.filter((c) => c.op === "moved").map((c) => [c.oldSubject, c.subject]);
    expect(moved).toEqual([["top.x", "other.x"]]);
    expect(d.effective.find((e) => e.path === "other.x.a")).toMatchObject({ oldPath: "top.x.a", old: 60, new: 40, delta: -20 });
  });

  it("reports a dimension renamed under the same label as renamed, its children unchanged", () => {
    const { d } = diff(
      `dimension econ "经济" points 100 { indicator a points 100 { proportional } }`,
      `dimension economy "经济" points 100 { indicator a points 100 { proportional } }`,
    );
    expect(d.changes.map(brief)).toEqual([["renamed", "economy", null, "econ", "economy"]]);
    expect(d.effective).toEqual([]);
  });

  it("treats an indicator turned into a dimension as removed and added", () => {
    const { d } = diff(
      `indicator a points 100 { proportional }`,
      `dimension a points 100 { indicator b points 100 { proportional } }`,
    );
    expect(d.changes.map((c) => [c.op, c.subject])).toEqual([["added", "a"], ["removed", "a"]]);
  });
});

describe("change records", () => {
  it("carry spans into both versions' text", () => {
    const { old, now, d } = diff(`indicator a points 100 { goalposts floor 0 target 6.5 }`, `indicator a points 100 {\n  goalposts floor 0 target 7\n}`);
    const [c] = d.changes;
    expect(brief(c!)).toEqual(["changed", "a", "goalposts target", "6.5", "7"]);
    expect(old.source.text.slice(c!.oldSpan!.start, c!.oldSpan!.end)).toBe("6.5");
    expect(now.source.text.slice(c!.newSpan!.start, c!.newSpan!.end)).toBe("7");
    expect(c!.newSpan!.line).toBe(6);
    expect(c!.delta).toBe(0.5);
  });

  it("reverse when the versions are swapped", () => {
    const a = `indicator a points 60 { proportional } indicator b points 40 { deduct 1 per 1pp below 90 }`;
    const b = `indicator a points 50 { proportional } indicator b points 50 { deduct 2 per 1pp below 90 } indicator c points 0 { proportional }`;
    const fwd = diff(a, b).d.changes.map((c) => [c.subject, c.field, c.old, c.new]);
    const back = diff(b, a).d.changes.map((c) => [c.subject, c.field, c.new, c.old]);
    expect(back).toEqual(fwd);
  });

  it("compute a delta only when the texts differ in one number", () => {
    expect(numericDelta("points 20", "points 25")).toBe(5);
    expect(numericDelta(">= 90", ">= 92")).toBe(2);
    expect(numericDelta("at most 30%", "at most 25%")).toBe(-5);
    expect(numericDelta("weight 0.3", "weight 30%")).toBeNull();
    expect(numericDelta("x1 + 2", "x1 + 3")).toBe(1);
    expect(numericDelta("min(a, 2)", "max(a, 3)")).toBeNull();
    expect(numericDelta("10, 9", "10, 8")).toBeNull();
    expect(numericDelta(null, "3")).toBeNull();
  });
});
