/**
 * Property: the incremental what-if (only what the overrides reach runs again; fractions kept,
 * band scores re-clamped, groups re-aggregated from kept fractions, the latest what-if's columns
 * taken over where their inputs did not change, ranks and grades from radix orders, columns
 * computed on first read) equals evaluating the same overridden program from
 * scratch — totals, every ranking, grades and their reasons, flags and vetoes that read scores,
 * the run's warnings, and every tree node's points, score, fraction and status — on random data and random lists of
 * overrides (points and weights at every level, per type, method parameters, grade thresholds
 * and quotas). A scheme with every kind of node the re-run treats differently.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine/evaluate.js";
import { topoOrder } from "../../engine/graph.js";
import type { Program } from "../../engine/program.js";
import type { Results } from "../../engine/results.js";
import { whatIf, type Override } from "../../engine/whatif/index.js";
import { checkedFor } from "./support/checked.js";
import { dataset, programFor, type Cell } from "./support/run.js";

const SCHEME = `scheme "inc" period 2026 unit id
input a number
input b number
input c number
input d number
input u number
input m number optional
input k count
typology t { hi "高" when u >= 50  lo "低" otherwise }
dimension e "经济" points 40 {
  indicator a "A" weight 0.3 { minmax }
  indicator b "B" weight 0.3 { bands { >= 80: 12, >= 50: 8, else 2 } }
  indicator c "C" weight 0.2 {
    goalposts floor 0 target 100
    for lo { goalposts floor 0 target 80 }
  }
  indicator r "R" weight 0.2 { value a  rank points 8, 6, 4 else 1 }
}
dimension s "社会" points 35 {
  dimension s1 "S1" points 20 {
    for lo points 25
    indicator d "D" points 12 { deduct 0.5 per 1 below 90 }
    indicator q "Q" points 8 { value b  score b / 10 }
  }
  indicator b2 "B2" points 15 {
    value b  proportional  cap 15
    for lo { points 10 }
  }
}
dimension g "治理" points 25 {
  aggregate geometric
  indicator c2 "C2" points 15 { value c  zscore within t }
  indicator d2 "D2" points 10 { value d  ratio to best }
}
dimension h "创新" points 20 {
  aggregate minimum
  indicator mm "M" points 8 { value m  minmax  missing drop }
  indicator mp "MP" points 5 { value m  proportional  missing prev }
  indicator kk "K" points 7 {
    value c  goalposts floor 10 target 90
    inapplicable when k == 0 score average
  }
}
bonus "加分" max 3 { 1 when c >= 90 }
veto "否决" when score(e.b) < 3 grade "合格"
flag "关注" when score(s) < 15 or score(h.kk) > 8
grades { "优秀" >= 70 quota at most 30%, "良好" >= 55, "合格" >= 40 quota at least 10%, "不合格" }
rank overall, within t
`;

/** The same scheme without its per-type points (where they exist, every group takes shares per region). */
const PLAIN = SCHEME.replace("    for lo points 25\n", "").replace("\n    for lo { points 10 }", "");
const checked = checkedFor(SCHEME);
/** Every tree path but the root, and the indicators. */
const PATHS = [...checked.nodes.keys()].filter((p) => p !== "");
const INDICATORS = PATHS.filter((p) => checked.nodes.get(p)!.decl?.kind === "indicator");

const row = fc.record({
  a: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 0, max: 100 }), c: fc.integer({ min: 1, max: 100 }),
  d: fc.integer({ min: 1, max: 100 }), u: fc.integer({ min: 0, max: 100 }),
  m: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 4 }), k: fc.integer({ min: 0, max: 3 }),
});
const rows = fc.array(row, { minLength: 3, maxLength: 14 })
  .map((rs) => rs.map((r, i) => ({ id: `r${i}`, ...r }) as Record<string, Cell>));

/** One override: a share anywhere (for everyone or one type), a method parameter, or a grade's number. */
const override: fc.Arbitrary<Override> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ path: fc.constantFrom(...PATHS), field: fc.constant("points"), value: fc.double({ min: 0.5, max: 30, noNaN: true }), type: fc.constantFrom(null, null, "lo", "hi") }) },
  { weight: 3, arbitrary: fc.record({ path: fc.constantFrom(...PATHS), field: fc.constant("weight"), value: fc.double({ min: 0.05, max: 0.9, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ path: fc.constantFrom(...INDICATORS), field: fc.constantFrom("target", "band.1", "deduct.1", "cap"), value: fc.integer({ min: 1, max: 95 }) }) },
  { weight: 1, arbitrary: fc.record({ path: fc.constantFrom("grades.优秀", "grades.良好"), field: fc.constantFrom("threshold", "quota"), value: fc.integer({ min: 10, max: 80 }), percent: fc.constant(true) }) },
);

/**
 * The overridden program as a program of its own: a what-if may give a node per-type points it
 * did not have (`points=N@T`), which reads the typology a re-run already has; evaluated from
 * scratch, every tree node must then come after the typologies.
 */
function standalone(p: Program): Program {
  const typologies = p.graph.typologies.map((t) => t.id);
  const nodes = p.graph.nodes.map((n) => (n.kind === "indicator" || n.kind === "group" ? { ...n, deps: [...n.deps, ...typologies] } : n));
  const { order, cycle } = topoOrder(nodes);
  expect(cycle).toEqual([]);
  return { ...p, graph: { ...p.graph, order } };
}

function near(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1e-9 * Math.max(1, Math.abs(b[i]!))) return false;
  return a.length === b.length;
}

/** What must agree: the ranking outcome exactly, the numbers up to rounding noise. */
function outcome(r: Results) {
  const tree = [...r.tree.values()].map((c) => ({ path: c.path, points: Array.from(c.points), score: Array.from(c.score), fraction: Array.from(c.fraction), status: c.status ? Array.from(c.status) : null }));
  const issues = r.issues.map((i) => `${i.severity} ${i.code} ${i.path ?? ""}: ${i.message}`).sort();
  return {
    issues, total: Array.from(r.total), ranks: r.ranks.map((k) => Array.from(k.rank)), grades: Array.from(r.grades!.level),
    reasons: Array.from(r.grades!.reason), flags: r.flags.map((f) => Array.from(f.fired)), vetoes: r.vetoes.map((v) => Array.from(v.fired)), tree,
  };
}

function expectSame(got: ReturnType<typeof outcome>, want: ReturnType<typeof outcome>): void {
  expect(near(got.total, want.total)).toBe(true);
  expect({ ranks: got.ranks, grades: got.grades, reasons: got.reasons, flags: got.flags, vetoes: got.vetoes, issues: got.issues })
    .toEqual({ ranks: want.ranks, grades: want.grades, reasons: want.reasons, flags: want.flags, vetoes: want.vetoes, issues: want.issues });
  got.tree.forEach((n, k) => {
    const w = want.tree[k]!;
    expect(n.path).toBe(w.path);
    for (const f of ["points", "score", "fraction"] as const) if (!near(n[f], w[f])) expect({ path: n.path, [f]: n[f] }).toEqual({ path: w.path, [f]: w[f] });
    expect({ path: n.path, status: n.status }).toEqual({ path: w.path, status: w.status });
  });
}

describe.each([["with per-type points", SCHEME], ["without per-type points", PLAIN]])("incremental what-if against evaluating the overridden program from scratch, %s", (_, text) => {
  const program = programFor(text);

  it("the plain scheme has no per-type points", () => {
    expect(PLAIN).not.toMatch(/for lo (points|\{ points)/);
  });

  it("random lists of overrides on random data", () => {
    fc.assert(fc.property(rows, fc.array(override, { minLength: 1, maxLength: 4 }), (rs, overrides) => {
      const data = dataset(rs);
      const base = evaluate(program, data).results!;
      const w = whatIf(base, overrides);
      if (!w.results) return;
      // The overridden program, evaluated from nothing.
      const full = evaluate(standalone(w.results.program), data);
      expect(full.results).not.toBeNull();
      expectSame(outcome(w.results), outcome(full.results!));
    }), { numRuns: 150, seed: 4242 });
  });

  it("what-ifs in a row on one base, one override changed at a time (a slider drag), each equal a full evaluation", () => {
    fc.assert(fc.property(rows, fc.array(override, { minLength: 2, maxLength: 8 }), (rs, steps) => {
      const data = dataset(rs);
      const base = evaluate(program, data).results!;
      // As the editor sends them: every override set so far, the latest value per path and field.
      const current = new Map<string, Override>();
      for (const o of steps) {
        current.set(`${o.path}.${o.field}@${o.type ?? ""}`, o);
        const w = whatIf(base, [...current.values()]);
        if (!w.results) continue;
        expectSame(outcome(w.results), outcome(evaluate(standalone(w.results.program), data).results!));
      }
    }), { numRuns: 80, seed: 31 });
  });

  it("a what-if of a what-if's results still equals a full evaluation (columns computed on first read carry over)", () => {
    fc.assert(fc.property(rows, override, override, (rs, o1, o2) => {
      const data = dataset(rs);
      const base = evaluate(program, data).results!;
      const first = whatIf(base, [o1]).results;
      if (!first) return;
      const second = whatIf(first, [o2]).results;
      if (!second) return;
      expectSame(outcome(second), outcome(evaluate(standalone(second.program), data).results!));
    }), { numRuns: 60, seed: 99 });
  });

  it("per-region deltas are built when first read, and match the columns", () => {
    const rs = [0, 1, 2, 3, 4, 5].map((i) => ({ id: `r${i}`, a: 10 * i, b: 90 - 12 * i, c: 15 * i + 5, d: 50 + i, u: 30 * i, m: i, k: i % 2 }));
    const base = evaluate(program, dataset(rs)).results!;
    const w = whatIf(base, ["e.points=10", "s.s1.points=5@lo"]);
    expect(w.issues.filter((i) => i.severity === "error")).toEqual([]);
    const deltas = w.deltas;
    expect(w.deltas).toBe(deltas);
    expect(deltas.map((d) => d.total.after)).toEqual(Array.from(w.results!.total));
    expect(deltas.map((d) => d.ranks[0]!.after)).toEqual(Array.from(w.results!.ranks[0]!.rank));
  });
});
