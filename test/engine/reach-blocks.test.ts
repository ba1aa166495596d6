/**
 * Fields read by a bonus block as well as scored (`1 when f > prev(f)`, `f − prev(f) >= c`,
 * `f > prev(f) + c and f >= k`), under a block cap, with min-max or bands indicators, `missing
 * mean` and a first-grade quota: the analytic path reads them, and agrees with the engine-driven
 * search on direction, on whether one change reaches the next grade and on the value (within 1e-6
 * of the change); every reported value, applied in a full evaluation, reaches the grade, and 1%
 * short of the change does not (unless the change is a rounding-sized step past a strict jump).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldModel } from "../../engine/reach/field-model.js";
import { fieldOf } from "../../engine/reach/fields.js";
import { nextGrade, reach, type ReachResult } from "../../engine/reach/index.js";
import { needOf } from "../../engine/reach/need.js";
import { Probe } from "../../engine/reach/probe.js";
import { searchField } from "../../engine/reach/search.js";
import { analyticSingle } from "../../engine/reach/single.js";
import { run, type Cell } from "./support/run.js";

const method = fc.constantFrom("minmax", "bands { >= 70: 10, >= 50: 6, else 2 }", "goalposts floor 30 target 80");
const cond = fc.constantFrom((f: string) => `${f} > prev(${f})`, (f: string) => `${f} - prev(${f}) >= 2`, (f: string) => `${f} > prev(${f}) + 1 and ${f} >= 50`);

const scheme = fc.record({ methods: fc.array(method, { minLength: 2, maxLength: 3 }), conds: fc.array(cond, { minLength: 3, maxLength: 3 }), cap: fc.constantFrom(1, 3, 10), quota: fc.boolean() })
  .map(({ methods, conds, cap, quota }) => [
    `scheme "b" period 2026 unit id`, "missing mean",
    ...methods.map((_, k) => `input f${k} number range 0..100 optional`),
    `dimension d "维度" points 90 {`,
    ...methods.map((m, k) => `  indicator f${k} "指标${k}" points ${90 / methods.length} { ${m} }`),
    "}",
    `bonus "加分" max ${cap} {`,
    ...methods.map((_, k) => `  "改善${k}" ${2 + k} when ${conds[k]!(`f${k}`)}`),
    "}",
    `grades { "优" >= 70${quota ? " quota at most 30%" : ""}, "良" >= 50, "中" >= 30, "差" }`,
    "rank overall", "",
  ].join("\n"));

const value = fc.option(fc.integer({ min: 10, max: 95 }), { freq: 12 });
const rows = (fields: number) => fc.array(fc.tuple(fc.array(value, { minLength: fields, maxLength: fields }), fc.array(fc.integer({ min: 10, max: 95 }), { minLength: fields, maxLength: fields })), { minLength: 3, maxLength: 8 })
  .map((rs) => ({
    now: rs.map(([vals], i) => ({ id: `r${i}`, ...Object.fromEntries(vals.map((v, k) => [`f${k}`, v])) }) as Record<string, Cell>),
    prev: rs.map(([, vals], i) => ({ id: `r${i}`, ...Object.fromEntries(vals.map((v, k) => [`f${k}`, v])) }) as Record<string, Cell>),
  }));

const cases = scheme.chain((text) => rows((text.match(/^input /gm) ?? []).length).map((data) => ({ text, ...data })));

describe("fields a bonus block reads", () => {
  it("are read analytically and agree with the search and with full evaluations", () => {
    let compared = 0;
    let applied = 0;
    fc.assert(fc.property(cases, ({ text, now, prev }) => {
      const base = run(text, now, prev).results!;
      for (let r = 0; r < base.regions.length; r++) {
        const t = nextGrade(base, r);
        if (!t || t.kind !== "grade") continue;
        const need = needOf(base, r, t);
        if (typeof need === "string") continue;
        for (const input of base.program.graph.inputs) {
          const f = fieldOf(input.decl);
          const x = base.runtime.slot(input.id)[r]!;
          if (x !== x) continue;
          const m = fieldModel(base, f.name);
          expect(typeof m).not.toBe("string");
          if (typeof m === "string") continue;
          const a = analyticSingle(base, m, f, r, x, t, need, 1);
          if (!a) continue;
          const s = searchField(new Probe(base, [f.name]), f, r, t, 1, base.total[r]!);
          compared++;
          expect(a.dir).toBe(s.dir);
          expect(a.value === null).toBe(s.value === null);
          if (a.value !== null && s.value !== null) expect(Math.abs(a.value - s.value)).toBeLessThanOrEqual(1e-6 * Math.max(1e-3, Math.abs(s.value - x)));
        }
        const res = reach(base, base.regions[r]!, t) as ReachResult;
        for (const c of res.singles) {
          if (c.needed === null) continue;
          applied++;
          const edit = (v: number) => now.map((row, i) => (i === r ? { ...row, [c.field]: v } : row));
          expect(run(text, edit(c.needed), prev).results!.grades!.level[r]).toBeLessThanOrEqual(t.level);
          // A region sitting on a strict jump (f = prev(f) + 1 under `>`) needs only a step past it, which 1% short still is.
          if (Math.abs(c.change!) <= 1e-9 * Math.max(1, Math.abs(c.current))) continue;
          expect(run(text, edit(c.current + c.change! * 0.99), prev).results!.grades!.level[r]).toBeGreaterThan(t.level);
        }
        if (res.combination) {
          const edited = now.map((row, i) => (i === r ? { ...row, ...Object.fromEntries(res.combination!.changes.map((ch) => [ch.field, ch.to])) } : row));
          expect(run(text, edited, prev).results!.grades!.level[r]).toBeLessThanOrEqual(t.level);
        }
      }
    }), { numRuns: 60, seed: 7 });
    expect(compared).toBeGreaterThan(100);
    expect(applied).toBeGreaterThan(20);
  });
});
