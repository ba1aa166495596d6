/**
 * The analytic path against the engine-driven search on random small schemes (goalposts, bands,
 * target and min-max indicators with random constants; grades with and without a quota, some
 * values missing under `missing mean`): where the model reads a field, both find the same
 * direction, agree on whether one change reaches the next grade, and on the value within 1e-6
 * of the change; the analytic combination reaches the grade by a full evaluation and, where the
 * model reads every field that can help, costs no more than the search's greedy one in at least
 * 95% of the cases (both are greedy heuristics over non-concave gains).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combine, type Candidate } from "../../engine/reach/combine.js";
import { fieldOf } from "../../engine/reach/fields.js";
import { fieldModel } from "../../engine/reach/field-model.js";
import { needOf } from "../../engine/reach/need.js";
import { Probe } from "../../engine/reach/probe.js";
import { nextGrade, reach, type ReachResult } from "../../engine/reach/index.js";
import { searchField } from "../../engine/reach/search.js";
import { analyticSingle } from "../../engine/reach/single.js";
import { reachCases } from "./support/reach-cases.js";
import { run } from "./support/run.js";

const method = fc.oneof(
  fc.record({ lo: fc.integer({ min: 20, max: 50 }), w: fc.integer({ min: 5, max: 40 }) }).map(({ lo, w }) => `goalposts floor ${lo} target ${lo + w}`),
  fc.tuple(fc.integer({ min: 40, max: 60 }), fc.integer({ min: 3, max: 15 }), fc.constantFrom(">=", ">")).map(([t, s, op]) => `bands { ${op} ${t + s}: 10, ${op} ${t}: 6, else 2 }`),
  fc.integer({ min: 40, max: 90 }).map((t) => (t % 2 ? `target ${t} else proportional` : `proportional to ${t}`)),
  fc.constant("minmax"),
);

const scheme = fc.record({
  methods: fc.array(method, { minLength: 2, maxLength: 4 }),
  quota: fc.boolean(),
}).map(({ methods, quota }) => [
  `scheme "a" period 2026 unit id`, "missing mean",
  ...methods.map((_, k) => `input f${k} number range 0..100 optional`),
  `dimension d "维度" points 100 {`,
  ...methods.map((m, k) => `  indicator f${k} "指标${k}" points ${100 / methods.length} { ${m} }`),
  "}",
  `grades { "优" >= 80${quota ? " quota at most 30%" : ""}, "良" >= 60, "中" >= 40, "差" }`,
  "rank overall", "",
].join("\n"));

const cases = reachCases(scheme, { min: 10, freq: 12, regions: [3, 8] });

describe("the analytic path agrees with the search", () => {
  it("on single changes and combinations", () => {
    let compared = 0;
    const ratios: number[] = [];
    fc.assert(fc.property(cases, ({ text, data }) => {
      const base = run(text, data).results!;
      for (let r = 0; r < base.regions.length; r++) {
        const t = nextGrade(base, r);
        if (!t) continue;
        const need = needOf(base, r, t);
        if (typeof need === "string") continue;
        const cands: Candidate[] = [];
        const read = new Set<string>();
        for (const input of base.program.graph.inputs) {
          const f = fieldOf(input.decl);
          const x = base.runtime.slot(input.id)[r]!;
          if (x !== x) continue;
          const probe = new Probe(base, [f.name]);
          const s = searchField(probe, f, r, t, 1, base.total[r]!);
          if (s.outcome.total > base.total[r]!) cands.push({ field: f, dir: s.dir, bound: s.bound });
          const m = fieldModel(base, f.name);
          const a = typeof m === "string" ? null : analyticSingle(base, m, f, r, x, t, need, 1);
          if (!a) continue;
          read.add(f.name);
          compared++;
          expect(a.dir).toBe(s.dir);
          expect(a.value === null).toBe(s.value === null);
          if (a.value !== null && s.value !== null) expect(Math.abs(a.value - s.value)).toBeLessThanOrEqual(1e-6 * Math.max(1e-3, Math.abs(s.value - x)));
        }
        const res = reach(base, base.regions[r]!, t) as ReachResult;
        const c = res.combination;
        if (!c) continue;
        const edited = data.map((row, i) => (i === r ? { ...row, ...Object.fromEntries(c.changes.map((ch) => [ch.field, ch.to])) } : row));
        expect(run(text, edited).results!.grades!.level[r]).toBeLessThanOrEqual((t as { level: number }).level);
        const greedy = combine(base, r, t, cands);
        // Fields the model cannot read join only the search's greedy (when the analytic one fails).
        if (greedy && cands.every((k) => read.has(k.field.name))) ratios.push(c.cost / greedy.cost);
      }
    }), { numRuns: 60, seed: 11 });
    expect(compared).toBeGreaterThan(100);
    // Both are greedy over non-concave gains (bands jump), so neither is optimal: the analytic one
    // is to cost no more in all but a few cases.
    expect(ratios.length).toBeGreaterThan(50);
    expect(ratios.filter((x) => x > 1 + 1e-6).length).toBeLessThanOrEqual(ratios.length * 0.05);
  });
});
