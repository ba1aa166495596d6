/**
 * Stability intervals against the engine itself: inside a reported interval the grade (and each
 * rank) never changes, and at or just past each finite end it does — checked by what-if on
 * random datasets and random shares (fast-check), and against dense one-at-a-time sampling on a
 * sample scheme. Schemes whose totals are not piecewise-linear in a share are sampled instead
 * and say so.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Results } from "../../engine/results.js";
import { loadDatasetFile } from "../../engine/data/files.node.js";
import { buildProgram, evaluate } from "../../engine/index.js";
import { regionStability, stability, type NodeStability, type ShareIntervals } from "../../engine/stability/index.js";
import { whatIf } from "../../engine/whatif/index.js";
import { checkedFor } from "./support/checked.js";
import { run, type Cell } from "./support/run.js";

const SCHEME = `scheme "s" period 2026 unit id
input a number
input b number
input c number
input d number
input u number
input bad count default 0
typology t { hi "高" when u >= 50  lo "低" otherwise }
dimension e "经济" points 40 {
  indicator a "A" weight 0.5 { minmax }
  indicator b "B" weight 0.3 { bands { >= 80: 10, >= 50: 6, else 2 } }
  indicator c "C" weight 0.2 {
    goalposts floor 0 target 100
    for lo { goalposts floor 0 target 80 }
  }
}
dimension s "社会" points 35 {
  dimension s1 "S1" points 20 {
    indicator d "D" points 12 { deduct 0.5 per 1 below 90 }
    indicator a2 "A2" points 8 { value a  rank points 8, 6, 4 else 1 }
  }
  indicator b2 "B2" points 15 { value b  proportional  cap 15 }
}
dimension g "治理" points 25 {
  indicator c2 "C2" points 15 { value c  zscore within t }
  indicator d2 "D2" points 10 { value d  ratio to best }
}
bonus "加分" max 3 { 1 when c >= 90 }
veto top "否优" when bad > 0
grades { "优秀" >= 48 quota at most 30%, "良好" >= 40, "合格" >= 30, "不合格" }
rank overall, within t
`;

const row = fc.record({
  a: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 0, max: 100 }), c: fc.integer({ min: 1, max: 100 }),
  d: fc.integer({ min: 1, max: 100 }), u: fc.integer({ min: 0, max: 100 }), bad: fc.integer({ min: 0, max: 6 }).map((x) => (x === 0 ? 1 : 0)),
});
const data = fc.array(row, { minLength: 3, maxLength: 14 }).map((rs) => rs.map((r, i) => ({ id: `r${i}`, ...r }) as Record<string, Cell>));
const PATHS = [...checkedFor(SCHEME).nodes.values()].filter((n) => n.decl?.share).map((n) => n.path);

/** Grade level or rank of region i in a run: k = 0 the grade, else ranking k − 1. */
function prop(r: Results, k: number, i: number): number {
  return k === 0 ? r.grades!.level[i]! : r.ranks[k - 1]!.rank[i]!;
}

/** Checks every interval of a node against what-if at sampled shares; returns the violations. */
function violations(base: Results, node: NodeStability, inside: readonly number[]): string[] {
  const memo = new Map<number, Results>();
  const at = (t: number) => {
    const v = Math.min(1, Math.max(0, t));
    let r = memo.get(v);
    if (!r) memo.set(v, (r = whatIf(base, [{ path: node.path, field: "weight", value: v }]).results!));
    return r;
  };
  const out: string[] = [];
  const props: ShareIntervals[] = [node.grade!, ...node.ranks];
  props.forEach((iv, k) => {
    for (let i = 0; i < base.regions.length; i++) {
      const b = prop(base, k, i);
      for (const f of inside) {
        const t = iv.lo[i]! + (iv.hi[i]! - iv.lo[i]!) * f;
        if (prop(at(t), k, i) !== b) out.push(`${node.path} prop ${k} region ${i}: changed inside at ${t} of [${iv.lo[i]}, ${iv.hi[i]}]`);
      }
      for (const [end, dist, dir] of [[iv.hi[i]!, iv.up[i]!, 1], [iv.lo[i]!, iv.down[i]!, -1]] as const) {
        if (!Number.isFinite(dist)) continue;
        const past = [0, 1e-6, 1e-5, 1e-4].map((eps) => prop(at(end + dir * eps), k, i));
        if (past.every((v) => v === b)) out.push(`${node.path} prop ${k} region ${i}: no change at or just past ${end}`);
      }
    }
  });
  return out;
}

describe("stability intervals", () => {
  it("hold inside and flip at their ends (random data, every share)", () => {
    fc.assert(fc.property(data, fc.constantFrom(...PATHS), (rows, path) => {
      const base = run(SCHEME, rows).results!;
      const rep = stability(base, { path });
      expect(rep.problems).toEqual([]);
      const node = rep.nodes[0]!;
      expect(node.exact).toBe(true);
      expect(violations(base, node, [0.001, 0.25, 0.5, 0.75, 0.999])).toEqual([]);
    }), { numRuns: 60, seed: 7 });
  });

  it("hold with `refill`, and with an `at least` quota (re-graded at every candidate)", () => {
    const refill = SCHEME.replace("grades {", "grades refill {");
    const atLeast = SCHEME.replace(`"不合格" }`, `"不合格" quota at least 25% }`);
    fc.assert(fc.property(data, fc.constantFrom(refill, atLeast), fc.constantFrom(...PATHS), (rows, text, path) => {
      const base = run(text, rows).results!;
      const node = stability(base, { path }).nodes[0]!;
      expect(node.exact).toBe(true);
      expect(violations(base, node, [0.001, 0.5, 0.999])).toEqual([]);
    }), { numRuns: 40, seed: 8 });
  });

  it("intervals contain the current share and stay within 0..1", () => {
    fc.assert(fc.property(data, (rows) => {
      const base = run(SCHEME, rows).results!;
      for (const node of stability(base).nodes) {
        for (const iv of [node.grade!, ...node.ranks]) {
          for (let i = 0; i < base.regions.length; i++) {
            expect(iv.lo[i]!).toBeGreaterThanOrEqual(0);
            expect(iv.hi[i]!).toBeLessThanOrEqual(1);
            expect(iv.lo[i]!).toBeLessThanOrEqual(node.share + 1e-12);
            expect(iv.hi[i]!).toBeGreaterThanOrEqual(node.share - 1e-12);
          }
        }
      }
    }), { numRuns: 20, seed: 11 });
  });

  it("say how far to move and in which direction", () => {
    const rows = [
      { id: "x", a: 90, b: 85, c: 95, d: 92, u: 60, bad: 0 }, { id: "y", a: 70, b: 40, c: 60, d: 80, u: 60, bad: 0 },
      { id: "z", a: 50, b: 90, c: 70, d: 95, u: 20, bad: 0 }, { id: "w", a: 30, b: 55, c: 40, d: 70, u: 20, bad: 0 },
    ];
    const base = run(SCHEME, rows).results!;
    const node = stability(base, { path: "e.a" }).nodes[0]!;
    const s = regionStability(node, "y", 1);
    expect(s.share).toBe(0.5);
    const r = s.ranks[0]!;
    if (r.flip !== null) {
      expect(r.flipPoints).toBeCloseTo(r.flip * node.parentPoints, 12);
      expect(r.flipPercent).toBeCloseTo((r.flip / 0.5) * 100, 9);
      expect(r.flip > 0 ? r.hi : r.lo).toBeCloseTo(0.5 + r.flip, 12);
    }
  });

  it("fall back to sampling the engine where totals are not piecewise-linear, and say why", () => {
    const geometric = SCHEME.replace(`dimension g "治理" points 25 {`, `dimension g "治理" points 25 {\n  aggregate geometric`);
    const rows = Array.from({ length: 8 }, (_, i) => ({ id: `r${i}`, a: 10 + i * 11, b: 90 - i * 9, c: 5 + i * 12, d: 20 + i * 10, u: i * 13, bad: 0 }));
    const base = run(geometric, rows).results!;
    const rep = stability(base, { path: "g.c2" });
    expect(rep.nodes[0]!.exact).toBe(false);
    expect(rep.nodes[0]!.why).toContain("geometric");
    expect(violations(base, rep.nodes[0]!, [0.01, 0.5, 0.99])).toEqual([]);
    // A share outside the geometric group moves nothing inside it: still exact.
    const other = stability(base, { path: "e.a" }).nodes[0]!;
    expect(other.exact).toBe(true);
    expect(violations(base, other, [0.01, 0.5, 0.99])).toEqual([]);
  });

  it("report shares that cannot move", () => {
    const base = run(SCHEME, [{ id: "x", a: 1, b: 2, c: 3, d: 4, u: 5 }, { id: "y", a: 5, b: 4, c: 3, d: 2, u: 1 }]).results!;
    expect(stability(base, { path: "nowhere" }).problems[0]).toContain("no dimension or indicator");
    expect(stability(base, { regions: ["nobody"] }).problems[0]).toContain("no region");
  });
});

describe("stability on a sample scheme against dense one-at-a-time sampling", () => {
  it("digital-gov: every exact interval matches a 400-point sweep of the share", async () => {
    const text = readFileSync("schemes/digital-gov.yard", "utf8");
    const checked = checkedFor(text, "digital-gov.yard");
    const { dataset } = await loadDatasetFile(checked, "schemes/data/digital-gov.csv");
    const base = evaluate(buildProgram(checked).program!, dataset!).results!;
    const rep = stability(base);
    expect(rep.nodes.length).toBeGreaterThan(20);
    for (const node of rep.nodes.filter((n) => n.exact).slice(0, 6)) {
      const grid = Array.from({ length: 401 }, (_, k) => k / 400);
      const runs = grid.map((t) => whatIf(base, [{ path: node.path, field: "weight", value: t }]).results!);
      const props: ShareIntervals[] = [node.grade!, ...node.ranks];
      props.forEach((iv, k) => {
        for (let i = 0; i < base.regions.length; i++) {
          const b = prop(base, k, i);
          // The sweep's own interval: the run of samples around the share with the base value.
          let lo = grid.findIndex((t) => t >= node.share);
          let hi = lo;
          while (lo > 0 && prop(runs[lo - 1]!, k, i) === b) lo--;
          while (hi < grid.length - 1 && prop(runs[hi + 1]!, k, i) === b) hi++;
          expect(iv.lo[i]!).toBeLessThanOrEqual(grid[lo]! + 1e-12);
          expect(iv.hi[i]!).toBeGreaterThanOrEqual(grid[hi]! - 1e-12);
          if (lo > 0) expect(iv.lo[i]!).toBeGreaterThanOrEqual(grid[lo - 1]! - 1e-12);
          if (hi < grid.length - 1) expect(iv.hi[i]!).toBeLessThanOrEqual(grid[hi + 1]! + 1e-12);
        }
      });
    }
  }, 60_000);
});
