/** Properties of the engine over random datasets (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckedNode, CheckedScheme } from "../../dsl/check/types.js";
import { evaluate } from "../../engine/evaluate.js";
import { arithmetic, geometric, minimum, type ChildColumns } from "../../engine/ops/aggregate.js";
import { competitionRanks } from "../../engine/ops/rank.js";
import { sameValue, overall } from "../../engine/ops/column.js";
import { buildProgram } from "../../engine/program.js";
import { checkedFor } from "./support/checked.js";
import { dataset, programFor, type Cell } from "./support/run.js";

const BROAD = `scheme "p" period 2026 unit id
input a number
input b number
input c count
input k category
input r ratings
typology t { hi when a >= 0  lo otherwise }
let ratio_ab = a / b
let lg = ln(b)
missing mean
dimension d1 points 40 {
  indicator a points 10 { minmax }
  indicator b points 10 lower { zscore within t }
  indicator ratio_ab points 10 { goalposts floor 0 target 1 }
  indicator lg points 10 { transform sqrt  ratio to best }
}
dimension d2 points 30 {
  missing drop
  aggregate geometric
  indicator e1 points 10 { value a  bands { >= 10: 10, >= 0: 5, else 0 } }
  indicator e2 points 10 { value b  rank points within t 10, 8, 6 then step -1 }
  indicator e3 points 10 { value c  efficacy satisfactory 10 disallowed 10 }
}
dimension d3 points 30 {
  missing zero
  weights entropy
  indicator r points 10 { panel trim 1 above 2 raters scale 10 }
  indicator p1 points 10 { value a  proportional to b  deduct 1 per 1% below b  add 0.5 per c max 2 }
  indicator p2 points 10 { value c  score x / (a - a) + 1e308 * 10  inapplicable when b < 0 score average within t }
}
bonus "B" max 3 { 1 per c, highest { 2 when a > 0, 1 when b > 0 } }
deduction "D" { 0.5 per c times 2 unless a > 0 }
veto "V" when c > 5
grades refill { "A" >= 80 quota at most 20%, "B" >= 50 quota at least 1, "C" quota at least 10% }
rank overall, within t
alert "al" on total red below 30 yellow below 60
flag "f" when grade == "C"
`;

const num = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, -1, 100, 1e-300));
const cell = fc.option(num, { nil: null });
const row = fc.record({
  a: cell, b: cell, c: fc.option(fc.integer({ min: -3, max: 9 }), { nil: null }), k: fc.option(fc.constantFrom("甲", "乙"), { nil: null }),
  r: fc.option(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { maxLength: 6 }), { nil: null }),
});
const rowsArb = fc.array(row, { minLength: 1, maxLength: 25 }).map((rs) => rs.map((r, i) => ({ id: `r${i}`, ...r })));

function finite(xs: ArrayLike<number>): boolean {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i]!)) return false;
  return true;
}

describe("properties", () => {
  const broad = programFor(BROAD);

  it("no NaN or Infinity ever reaches a result, whatever the data", () => {
    fc.assert(fc.property(rowsArb, rowsArb, (rows, prevRows) => {
      const { results } = evaluate(broad, dataset(rows as Record<string, Cell>[]), { prev: dataset(prevRows as Record<string, Cell>[]) });
      expect(results).not.toBeNull();
      const r = results!;
      for (const col of [r.total, r.treeScore, r.bonus, r.deduction]) expect(finite(col)).toBe(true);
      for (const n of r.tree.values()) {
        for (const col of [n.points, n.score, n.fraction, n.weight, n.contribution, n.value ?? []]) expect(finite(col)).toBe(true);
        // not only sanitised at the boundary: the engine's own columns are finite too
        const d = r.nodeDetail(n.path)!;
        expect(finite(d.score) && finite(d.points)).toBe(true);
      }
      for (let i = 0; i < r.regions.length; i++) expect(r.total[i]).toBeCloseTo(r.treeScore[i]! + r.bonus[i]! - r.deduction[i]!, 6);
      for (const b of r.blocks) expect(finite(b.total)).toBe(true);
      for (const v of r.values.values()) expect(finite(v.column)).toBe(true);
      expect(JSON.stringify(r.toJSON())).not.toMatch(/NaN|Infinity/);
    }), { numRuns: 150 });
  });

  const METHODS = [
    "minmax", "zscore", "goalposts floor 10 target 90", "target 50", "target 50 else proportional", "proportional",
    "bands { >= 90: 10, >= 50: 6, >= 0: 2, else 0 }", "ratio to best", "rank points 10, 8, 6 then step -1", "efficacy satisfactory 90 disallowed 10",
  ];

  it("raising a higher-is-better input never lowers that indicator's score", () => {
    const programs = METHODS.map((m) => programFor(`scheme "m"\ninput v number\nindicator v points 10 { ${m} }`));
    const values = fc.array(fc.double({ min: -100, max: 200, noNaN: true }), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(fc.integer({ min: 0, max: METHODS.length - 1 }), values, fc.nat(), fc.double({ min: 0, max: 100, noNaN: true }), (m, vs, pick, delta) => {
      const i = pick % vs.length;
      const before = evaluate(programs[m]!, dataset(vs.map((v, j) => ({ id: `r${j}`, v })))).results!.tree.get("v")!.score[i]!;
      const raised = vs.map((v, j) => (j === i ? v + delta : v));
      const after = evaluate(programs[m]!, dataset(raised.map((v, j) => ({ id: `r${j}`, v })))).results!.tree.get("v")!.score[i]!;
      expect(after).toBeGreaterThanOrEqual(before - 1e-9);
    }), { numRuns: 400 });
  });

  it("scaling all weights of a group by a constant changes nothing (engine and kernels)", () => {
    const checked = checkedFor(`scheme "w"
input a number
input b number
input c number
dimension d points 60 { aggregate geometric  indicator a points 20 { minmax }  indicator b points 40 { proportional } }
indicator c points 40 { goalposts floor 0 target 50 }`);
    const scale = (s: CheckedScheme, path: string, k: number): CheckedScheme => {
      const walk = (n: CheckedNode): CheckedNode => ({
        ...n, children: n.children.map((c) => ({ ...walk(c), localWeight: n.path === path ? c.localWeight * k : c.localWeight })),
      });
      return { ...s, root: walk(s.root) };
    };
    const rows = fc.array(fc.record({ a: num, b: num, c: num }), { minLength: 1, maxLength: 10 });
    fc.assert(fc.property(rows, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.constantFrom("", "d"), (rs, k, path) => {
      const data = dataset(rs.map((r, i) => ({ id: `r${i}`, ...r })));
      const base = evaluate(buildProgram(checked).program!, data).results!;
      const scaled = evaluate(buildProgram(scale(checked, path, k)).program!, data).results!;
      for (let i = 0; i < rs.length; i++) expect(scaled.total[i]).toBeCloseTo(base.total[i]!, 7);
    }), { numRuns: 100 });
    const kids = fc.array(fc.record({ s: fc.double({ min: 0, max: 10, noNaN: true }), w: fc.double({ min: 0.01, max: 5, noNaN: true }) }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(kids, fc.double({ min: 0.01, max: 100, noNaN: true }), (ks, k) => {
      const cols = (c: number): ChildColumns[] => ks.map((x) => ({ score: Float64Array.of(x.s), points: Float64Array.of(10), weight: x.w * c, dropped: null }));
      for (const agg of [arithmetic, geometric, minimum]) expect(agg(cols(k), 1).fraction[0]).toBeCloseTo(agg(cols(1), 1).fraction[0]!, 9);
    }));
  });

  it("ranks are a valid competition ranking of the scores", () => {
    const totals = fc.array(fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.constantFrom(0, 50, 100)), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(totals, (ts) => {
      const ranks = competitionRanks(Float64Array.from(ts), overall(ts.length), true);
      ts.forEach((t, i) => {
        const better = ts.filter((u) => u > t && !sameValue(u, t)).length;
        expect(ranks[i]).toBe(better + 1);
      });
    }), { numRuns: 300 });
    const program = programFor(`scheme "r"\ninput v number\nindicator v points 100 { score x }\nrank overall`);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), (vs) => {
      const r = evaluate(program, dataset(vs.map((v, i) => ({ id: `r${i}`, v })))).results!;
      const t = Array.from(r.total);
      Array.from(r.ranks[0]!.rank).forEach((rank, i) => expect(rank).toBe(t.filter((u) => u > t[i]!).length + 1));
    }));
  });
});
