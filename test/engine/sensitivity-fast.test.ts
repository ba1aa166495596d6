/**
 * The fast sampler against the general one: on random schemes (nested groups, points and equal
 * weights, per-type points, dropped indicators, bonuses, deductions, vetoes, quotas, grades
 * within a typology) and random data, both samplers give the same sensitivity result for the
 * same seed; the rank order helper equals the engine's `rankOrder`; and runs the fast sampler
 * cannot express take the general one, saying why.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { overall, type Grouping } from "../../engine/ops/column.js";
import { rankOrder } from "../../engine/ops/rank.js";
import { sensitivity, type SensitivityResult } from "../../engine/sensitivity/index.js";
import type { FastModel } from "../../engine/sensitivity/fast-model.js";
import { laneKernel } from "../../engine/sensitivity/fast-totals.js";
import { RadixOrder } from "../../engine/ops/radix.js";
import { run, type Cell } from "./support/run.js";

interface Leaf { readonly kind: "leaf"; readonly points: number; readonly method: string; readonly drop: boolean; readonly typePoints: number | null }
interface Group { readonly kind: "group"; readonly equal: boolean; readonly typePoints: number | null; readonly kids: readonly (Leaf | Group)[] }

const leafArb: fc.Arbitrary<Leaf> = fc.record({
  kind: fc.constant("leaf" as const),
  points: fc.integer({ min: 1, max: 9 }),
  method: fc.constantFrom("minmax", "proportional to 10", "goalposts floor 2 target 8", "minmax within t"),
  drop: fc.boolean(),
  typePoints: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null, freq: 3 }),
});

function groupArb(depth: number): fc.Arbitrary<Group> {
  const kid: fc.Arbitrary<Leaf | Group> = depth > 0 ? fc.oneof({ arbitrary: leafArb, weight: 3 }, { arbitrary: groupArb(depth - 1), weight: 1 }) : leafArb;
  return fc.record({
    kind: fc.constant("group" as const),
    equal: fc.boolean(),
    typePoints: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 3 }),
    kids: fc.array(kid, { minLength: 1, maxLength: 4 }),
  });
}

/** A node's points: a leaf's own; a group's, the sum of its children's (equal-weight groups: one per child). */
function pointsOf(x: Leaf | Group): number {
  return x.kind === "leaf" ? x.points : x.equal && x.kids.every((k) => k.kind === "leaf") ? x.kids.length : x.kids.reduce((s, k) => s + pointsOf(k), 0);
}

/** Scheme text for a tree; `leaves` collects the indicator names. */
function treeText(nodes: readonly (Leaf | Group)[], indent: string, leaves: string[], withShares: boolean): string {
  return nodes.map((x) => {
    const share = withShares ? ` points ${pointsOf(x)}` : "";
    if (x.kind === "leaf") {
      const name = `x${leaves.push(`x${leaves.length + 1}`)}`;
      const body = [x.method, x.drop ? "missing drop" : "", x.typePoints !== null && withShares ? `for b { points ${x.typePoints} }` : ""].filter(Boolean).join("  ");
      return `${indent}indicator ${name}${share} { ${body} }\n`;
    }
    const equal = x.equal && x.kids.every((k) => k.kind === "leaf");
    const head = [equal ? `${indent}  weights equal\n` : "", x.typePoints !== null && withShares ? `${indent}  for b points ${x.typePoints}\n` : ""].join("");
    return `${indent}dimension g${leaves.length}_${indent.length}${share} {\n${head}${treeText(x.kids, `${indent}  `, leaves, !equal)}${indent}}\n`;
  }).join("");
}

interface Case { readonly text: string; readonly rows: Record<string, Cell>[] }

/** A scheme around a random tree, with bonus, deduction, veto and grades, and its data. */
function caseArb(): fc.Arbitrary<Case> {
  const setup = fc.record({
    tree: fc.array(fc.oneof(leafArb, groupArb(2)), { minLength: 1, maxLength: 3 }),
    top: fc.double({ min: 0.3, max: 0.9, noNaN: true }),
    quota: fc.integer({ min: 0, max: 60 }),
    within: fc.boolean(),
    refill: fc.boolean(),
    regions: fc.integer({ min: 1, max: 30 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  });
  return setup.chain((s) => {
    const leaves: string[] = [];
    const tree = treeText(s.tree, "", leaves, true);
    const total = s.tree.reduce((a, x) => a + pointsOf(x), 0);
    const value = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 6 });
    const row = fc.record({ u: fc.integer({ min: 0, max: 100 }), k: fc.integer({ min: 0, max: 3 }), xs: fc.array(value, { minLength: leaves.length, maxLength: leaves.length }) });
    return fc.array(row, { minLength: s.regions, maxLength: s.regions }).map((rs) => {
      const text = [
        `scheme "r" period 2026 unit id`, "input u number", "input k number", ...leaves.map((x) => `input ${x} number optional`),
        `typology t { a "A" when u >= 50  b "B" otherwise }`, "missing zero", tree,
        `bonus "加分" max 3 { 1 when ${leaves[0]} >= 5 }`, `deduction "扣分" { 0.5 per k }`, `veto "否" when k >= 3 grade "B"`,
        `grades${s.within ? " within t" : ""}${s.refill ? " refill" : ""} { "A" >= ${(total * s.top).toFixed(2)} quota at most ${s.quota}%, "B" >= ${(total * s.top * 0.6).toFixed(2)}, "C" }`,
        "rank overall",
      ].join("\n");
      const rows = rs.map((r, i) => ({ id: `r${i}`, u: r.u, k: r.k, ...Object.fromEntries(leaves.map((x, j) => [x, r.xs[j]])) }));
      return { text, rows };
    });
  });
}

const withoutSampler = (s: SensitivityResult) => ({ ...s, sampler: null });

describe("the fast sampler equals the general one", () => {
  it("on random schemes, data, modes and seeds", () => {
    const options = fc.record({
      samples: fc.integer({ min: 1, max: 40 }), seed: fc.integer({ min: 0, max: 99 }), spread: fc.constantFrom(5, 30, 90, 150),
      mode: fc.constantFrom("uniform" as const, "dirichlet" as const), concentration: fc.constantFrom(2, 50),
    });
    fc.assert(fc.property(caseArb(), options, ({ text, rows }, o) => {
      const base = run(text, rows).results!;
      const fast = sensitivity(base, o);
      expect(fast.sampler.kind).toBe("fast");
      expect(withoutSampler(fast)).toEqual(withoutSampler(sensitivity(base, o, undefined, "general")));
    }), { numRuns: 150 });
  });

  it("on the county golden scheme (per-type points, ties), 600 samples", () => {
    const dir = join(import.meta.dirname, "golden");
    const rows = JSON.parse(readFileSync(join(dir, "county.data.json"), "utf8")) as Record<string, Cell>[];
    const prev = JSON.parse(readFileSync(join(dir, "county.prev.json"), "utf8")) as Record<string, Cell>[];
    const base = run(readFileSync(join(dir, "county.yard"), "utf8"), rows, prev).results!;
    for (const o of [{ samples: 600, spread: 20, seed: 4 }, { samples: 300, mode: "dirichlet" as const, concentration: 20, seed: 2 }]) {
      const fast = sensitivity(base, o);
      expect(fast.sampler.kind).toBe("fast");
      expect(withoutSampler(fast)).toEqual(withoutSampler(sensitivity(base, o, undefined, "general")));
    }
  });
});

describe("which sampler runs", () => {
  const TEXT = (aggregate: string) => `scheme "s" period 2026 unit id
input a number
input b number
dimension d points 100 {
  ${aggregate}
  indicator a points 50 { minmax }
  indicator b points 50 { minmax }
}
rank overall
`;
  const rows = [{ id: "p", a: 1, b: 5 }, { id: "q", a: 4, b: 2 }, { id: "r", a: 3, b: 3 }];

  it("geometric and minimum aggregation, and rule perturbation, take the general sampler and say why", () => {
    expect(sensitivity(run(TEXT("aggregate geometric"), rows).results!, { samples: 5 }).sampler).toEqual({ kind: "general", reason: "`d` aggregates geometrically" });
    expect(sensitivity(run(TEXT("aggregate minimum"), rows).results!, { samples: 5 }).sampler).toEqual({ kind: "general", reason: "`d` aggregates by its minimum" });
    const arithmetic = run(TEXT(""), rows).results!;
    expect(sensitivity(arithmetic, { samples: 5 }).sampler).toEqual({ kind: "fast", reason: "weights only, arithmetic aggregation" });
    expect(sensitivity(arithmetic, { samples: 5, perturb: "both" }).sampler.kind).toBe("general");
  });
});

describe("rank order", () => {
  const column = fc.array(fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1, 1 + 1e-12, 100, -5, NaN, 1e-300, -1e-300, Infinity, -Infinity),
    fc.integer({ min: 0, max: 5 }),
  ), { minLength: 0, maxLength: 300 });

  it("equals the engine's rankOrder, overall and grouped, from scratch and from any guess", () => {
    fc.assert(fc.property(column, fc.integer({ min: 1, max: 4 }), fc.nat(), (vs, groups, salt) => {
      const v = Float64Array.from(vs);
      const n = v.length;
      const sorter = new RadixOrder(n);
      const expected = Array.from(rankOrder(v, overall(n), true));
      expect(Array.from(sorter.order(v))).toEqual(expected);
      const guess = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) { const j = (salt + i * 31) % (i + 1); [guess[i], guess[j]] = [guess[j]!, guess[i]!]; }
      if (!vs.some((x) => Number.isNaN(x))) expect(Array.from(sorter.orderFrom(v, guess))).toEqual(expected);
      const g: Grouping = { ids: Int32Array.from({ length: n }, (_, i) => (i * 13 + salt) % groups), count: groups };
      expect(Array.from(sorter.groupedOrder(sorter.order(v), g))).toEqual(Array.from(rankOrder(v, g, true)));
    }), { numRuns: 400 });
  });

  it("a guess that is far off still gives the right order (the sorter falls back)", () => {
    const n = 500;
    const v = Float64Array.from({ length: n }, (_, i) => i % 17);
    const reversed = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const sorter = new RadixOrder(n);
    for (let k = 0; k < 6; k++) expect(Array.from(sorter.orderFrom(v, reversed))).toEqual(Array.from(rankOrder(v, overall(n), true)));
  });
});

describe("lane totals", () => {
  it("the WebAssembly SIMD kernel gives the JavaScript pass's bits, lane by lane", () => {
    const value = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0, -0, 1e-300, 0.1, 1 / 3));
    fc.assert(fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.array(value, { minLength: 1, maxLength: 50 }), (n, m, classes, pool) => {
      const at = (k: number) => pool[k % pool.length]!;
      const fm: FastModel = {
        n, m, matrix: Float64Array.from({ length: n * m }, (_, k) => at(k)), classOf: Int32Array.from({ length: n }, (_, i) => (i * 7) % classes),
        classCount: classes, shares: [], leafSlot: new Int32Array(0),
      };
      const wasm = laneKernel(fm);
      const js = laneKernel(fm, "js");
      expect(wasm.width).toBe(16);
      for (let c = 0; c < classes; c++) for (let l = 0; l < m; l++) for (let b = 0; b < 16; b++) {
        const p = at(c * 31 + l * 5 + b * 3 + 1) / 7;
        wasm.pts[(c * m + l) * 16 + b] = p;
        if (b < js.width) js.pts[(c * m + l) * js.width + b] = p;
      }
      wasm.run();
      js.run();
      for (let i = 0; i < n; i++) for (let b = 0; b < js.width; b++) expect(Object.is(wasm.lanes[i * 16 + b], js.lanes[i * js.width + b])).toBe(true);
    }), { numRuns: 200 });
  });
});
