/**
 * The indicator fast path (engine/exec-indicator-fast.ts) against the general path: the same
 * indicator scored as it is (fast: plain min-max, goalposts or bands) and with a `zero when false`
 * clause (which does nothing but forces the general path) must give the same columns bit for bit
 * — scores, base, values, missing and imputed lists, status — and the same region results, on
 * random columns with missing values, ties, −0 and blocks of regions beyond the fast path's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IndicatorDetail } from "../../engine/indicator-detail.js";
import type { Evaluation } from "../../engine/evaluate.js";
import { run, type Cell } from "./support/run.js";

const METHODS = [
  "minmax", "minmax within area", "goalposts floor 2 target 8", "goalposts floor 8 target 2", "goalposts floor 3 target 3",
  "bands { >= 6: 4, >= 3: 2, >= 0: 1, else 0 }", "bands { <= 1: 4, <= 5: 3, else 1 }", "bands { > 5: 4, > 2: 3, else 2 }", "bands { < 2: 4, < 5: 3, else 1 }",
];

const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 1, 5, 6, -3, 1e-300) },
  { weight: 4, arbitrary: fc.double({ min: -20, max: 20, noNaN: true }) },
);

function scheme(method: string, policy: string, lower: boolean, forceGeneral: boolean): string {
  return `scheme "t" period 2026 unit id
missing ${policy}
input v number optional
input u number
typology area { a "A" when u >= 0.5  b "B" otherwise }
indicator v points 4${lower ? " lower" : ""} { ${method}${forceGeneral ? "  zero when false" : ""} }`;
}

function detail(ev: Evaluation): IndicatorDetail {
  const rt = (ev.results as unknown as { rt: { details: unknown[] } }).rt;
  return rt.details.find((d) => (d as { kind?: string } | undefined)?.kind === "indicator") as IndicatorDetail;
}

const bits = (c: Float64Array) => Array.from(new Uint32Array(c.buffer, c.byteOffset, c.length * 2));

function same(fast: Evaluation, general: Evaluation): void {
  expect(fast.issues.map((i) => i.message)).toEqual(general.issues.map((i) => i.message));
  if (!general.results) return expect(fast.results).toBeNull();
  const [f, g] = [detail(fast), detail(general)];
  expect(bits(f.score)).toEqual(bits(g.score));
  expect(bits(f.base)).toEqual(bits(g.base));
  expect(bits(f.transformed)).toEqual(bits(g.transformed));
  expect(Array.from(f.missing)).toEqual(Array.from(g.missing));
  expect(bits(f.imputed)).toEqual(bits(g.imputed));
  expect(f.dropped).toEqual(g.dropped);
  const n = general.results.regions.length;
  for (let i = 0; i < n; i++) {
    expect(f.status.get(i)).toBe(g.status.get(i));
    expect(fast.results!.region(i)).toEqual(general.results.region(i));
  }
}

function rows(n: number): fc.Arbitrary<Record<string, Cell>[]> {
  return fc.array(fc.tuple(cell, fc.double({ min: 0, max: 1, noNaN: true })), { minLength: n, maxLength: n })
    .map((cells) => cells.map(([v, u], i) => ({ id: `r${i}`, v, u })));
}

describe("indicator fast path", () => {
  for (const [n, runs] of [[1, 40], [7, 200], [4099, 6]] as const) {
    it(`scores as the general path does (${n} regions)`, () => {
      fc.assert(fc.property(rows(n), fc.constantFrom(...METHODS), fc.constantFrom("mean", "zero", "drop"), fc.boolean(), (data, method, policy, lower) => {
        same(run(scheme(method, policy, lower, false), data), run(scheme(method, policy, lower, true), data));
      }), { numRuns: runs });
    });
  }
});

/** Two dimensions of plain indicators (the fast path defers the whole tree) or the same with `zero when false` on every indicator. */
function treeScheme(methods: readonly string[], forceGeneral: boolean): string {
  const zero = forceGeneral ? "  zero when false" : "";
  const ind = (k: number, points: number) => `    indicator v${k} points ${points}${k % 3 === 2 ? " lower" : ""} { ${methods[k]!}${zero} }`;
  return `scheme "t" period 2026 unit id
missing mean
${methods.map((_, k) => `input v${k} number optional`).join("\n")}
input u number
typology area { a "A" when u >= 0.5  b "B" otherwise }
dimension d1 "一" points 60 {
${ind(0, 20)}
${ind(1, 25)}
${ind(2, 15)}
}
dimension d2 "二" points 40 {
${ind(3, 30)}
${ind(4, 10)}
}`;
}

function treeRows(n: number): fc.Arbitrary<Record<string, Cell>[]> {
  return fc.array(fc.tuple(fc.array(cell, { minLength: 5, maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: n, maxLength: n })
    .map((rs) => rs.map(([vs, u], i) => ({ id: `r${i}`, u, ...Object.fromEntries(vs.map((v, k) => [`v${k}`, v])) })));
}

describe("deferred tree", () => {
  const plain = METHODS.filter((m) => !m.includes("within"));
  for (const [n, runs] of [[6, 150], [4099, 4]] as const) {
    it(`sums the tree as the general path does (${n} regions)`, () => {
      let deferred = 0;
      fc.assert(fc.property(treeRows(n), fc.array(fc.constantFrom(...plain), { minLength: 5, maxLength: 5 }), (data, methods) => {
        const [fast, general] = [run(treeScheme(methods, false), data), run(treeScheme(methods, true), data)];
        const details = (fast.results as unknown as { rt: { details: ({ kind?: string; deferred?: unknown } | undefined)[] } } | null)?.rt.details ?? [];
        if (details.some((d) => d?.kind === "group" && d.deferred)) deferred++;
        expect(fast.issues.map((i) => i.message)).toEqual(general.issues.map((i) => i.message));
        if (!general.results) return expect(fast.results).toBeNull();
        expect(bits(fast.results!.total)).toEqual(bits(general.results.total));
        for (let i = 0; i < Math.min(n, 40); i++) expect(fast.results!.region(i)).toEqual(general.results.region(i));
      }), { numRuns: runs, ...(n > 1000 ? { seed: 20261123 } : {}) });
      // The comparison is about the deferred path: most runs must have taken it. (Four large runs
      // are too few for that to hold for every random seed — CI once saw 2 of 4 — so they have a fixed seed.)
      expect(deferred).toBeGreaterThan(runs / 2);
    });
  }
});
