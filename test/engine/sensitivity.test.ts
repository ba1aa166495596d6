/** Sensitivity: zero perturbation, determinism across threads, and a hand-computable sweep. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sensitivity } from "../../engine/sensitivity/index.js";
import { Random, streamFor } from "../../engine/sensitivity/prng.js";
import { sensitivityParallel } from "../../engine/sensitivity/threads.node.js";
import { run, type Cell } from "./support/run.js";

const DIR = join(import.meta.dirname, "golden");
const COUNTY = readFileSync(join(DIR, "county.yard"), "utf8");
const rows = JSON.parse(readFileSync(join(DIR, "county.data.json"), "utf8")) as Record<string, Cell>[];
const prev = JSON.parse(readFileSync(join(DIR, "county.prev.json"), "utf8")) as Record<string, Cell>[];
const base = run(COUNTY, rows, prev).results!;

describe("zero perturbation", () => {
  it("every region keeps its rank in every sample and no grade changes", () => {
    for (const perturb of ["weights", "both"] as const) {
      const s = sensitivity(base, { samples: 600, spread: 0, perturb });
      expect(s.regions.map((r) => [r.low, r.medianRank, r.high, r.gradeChange, r.meanShift])).toEqual(s.regions.map((r) => [r.baseRank, r.baseRank, r.baseRank, 0, 0]));
      expect(s.indicators.every((i) => i.importance === 0)).toBe(true);
    }
  });

  it("the base ranks and grades are the run's", () => {
    const s = sensitivity(base, { samples: 0 });
    expect(s.regions.map((r) => r.baseRank)).toEqual(Array.from(base.ranks.find((r) => r.within === null)!.rank));
    expect(s.regions.map((r) => r.baseGrade)).toEqual(Array.from(base.grades!.level, (l) => base.grades!.labels[l]));
    expect(s.indicators.map((i) => [i.path, i.weight])).toEqual([...base.tree.values()].filter((c) => c.kind === "indicator").map((c) => [c.path, 0.2]));
  });
});

describe("perturbation", () => {
  it("a wide spread moves ranks and grades, and the intervals contain the median", () => {
    const s = sensitivity(base, { samples: 1000, spread: 40, seed: 3 });
    expect(s.regions.some((r) => r.high > r.low)).toBe(true);
    expect(s.regions.some((r) => r.gradeChange > 0)).toBe(true);
    for (const r of s.regions) expect(r.low <= r.medianRank && r.medianRank <= r.high).toBe(true);
    expect(s.indicators.some((i) => i.importance > 0.1)).toBe(true);
  });

  it("Dirichlet: a higher concentration keeps the ranks tighter", () => {
    const width = (k: number) => sensitivity(base, { samples: 800, mode: "dirichlet", concentration: k }).regions.reduce((a, r) => a + r.high - r.low, 0);
    expect(width(5)).toBeGreaterThan(width(5000));
  });

  it("bad options are reported and defaulted", () => {
    const s = sensitivity(base, { samples: -3, spread: -1 });
    expect(s.issues.map((i) => i.option)).toEqual(["samples", "spread"]);
    expect(s.options.samples).toBe(0);
  });
});

describe("determinism", () => {
  it("the same seed gives the same result; another seed another", () => {
    const a = sensitivity(base, { samples: 700, spread: 30, seed: 9 });
    expect(sensitivity(base, { samples: 700, spread: 30, seed: 9 })).toEqual(a);
    expect(sensitivity(base, { samples: 700, spread: 30, seed: 10 })).not.toEqual(a);
  });

  it("one thread and two threads give identical results (weights, and weights with rules)", async () => {
    for (const perturb of ["weights", "both"] as const) {
      const options = { samples: 1300, spread: 25, seed: 5, perturb };
      const progress: number[] = [];
      const one = await sensitivityParallel(base, options, 1);
      const two = await sensitivityParallel(base, options, 2, (done) => progress.push(done));
      expect(two).toEqual(one);
      expect(progress.sort((x, y) => x - y).at(-1)).toBe(1300);
      // Every chunk on the workers (the main thread idle): still the same.
      expect(await sensitivityParallel(base, options, 2, undefined, "auto", false)).toEqual(one);
    }
  });

  it("chunk streams are fixed by (seed, chunk)", () => {
    const a = streamFor(1, 4);
    const b = streamFor(1, 4);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(streamFor(1, 5).uniform()).not.toBe(xs[0]);
    const r = new Random(1, 2, 3, 4);
    const g = Array.from({ length: 4000 }, () => r.gamma(2.5));
    expect(g.reduce((s, x) => s + x, 0) / g.length).toBeCloseTo(2.5, 1);
  });
});

describe("one at a time", () => {
  // Two indicators; region p is strong on a, q on b. Total = 100·(w·a + (1 − w)·b).
  const TINY = `scheme "t" period 2026 unit id
input a number
input b number
indicator a weight 0.5 { proportional }
indicator b weight 0.5 { proportional }
grades { "A" >= 70, "B" }
rank overall
`;
  const tiny = run(TINY, [{ id: "p", a: 90, b: 30 }, { id: "q", a: 40, b: 80 }, { id: "r", a: 60, b: 60 }]).results!;

  it("moving a's weight from 0 to 1 moves the totals linearly and the ranks monotonically", () => {
    const s = sensitivity(tiny, { samples: 0, oneAtATime: { path: "a", from: 0, to: 1, steps: 4 } });
    const points = s.sweep!.points;
    expect(points.map((p) => p.value)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // p: 90w + 30(1 − w); q: 40w + 80(1 − w); r: 60.
    expect(points.map((p) => p.totals.map((t) => Math.round(t * 1e9) / 1e9))).toEqual([[30, 80, 60], [45, 70, 60], [60, 60, 60], [75, 50, 60], [90, 40, 60]]);
    expect(points.map((p) => p.ranks)).toEqual([[3, 1, 2], [3, 1, 2], [1, 1, 1], [1, 3, 2], [1, 3, 2]]);
    expect(points.map((p) => p.grades)).toEqual([["B", "A", "B"], ["B", "A", "B"], ["B", "B", "B"], ["A", "B", "B"], ["A", "B", "B"]]);
    for (let k = 1; k < points.length; k++) {
      expect(points[k]!.totals[0]!).toBeGreaterThan(points[k - 1]!.totals[0]!);
      expect(points[k]!.ranks[0]!).toBeLessThanOrEqual(points[k - 1]!.ranks[0]!);
      expect(points[k]!.ranks[1]!).toBeGreaterThanOrEqual(points[k - 1]!.ranks[1]!);
    }
  });

  it("a path that is not there is an issue", () => {
    const s = sensitivity(tiny, { samples: 0, oneAtATime: { path: "aa", from: 0, to: 1, steps: 2 } });
    expect(s.sweep!.points).toEqual([]);
    expect(s.sweep!.issues.map((i) => i.code)).toEqual(["unknown-path"]);
  });
});
