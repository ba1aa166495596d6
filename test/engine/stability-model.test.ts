/**
 * Stability models: sibling terms shared between the shares of a group (model.ts `TermCache`)
 * give the same piecewise-linear totals, bit for bit, as computing every term for every share,
 * whether the group's shares are equal (terms reused) or not (terms replaced), and so the same
 * intervals; and models built into the arrays of released ones (`releaseModel`) are the same too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stability } from "../../engine/stability/index.js";
import { moving, reached, releaseModel, releaseTerms, sideModels, type TermCache } from "../../engine/stability/model.js";
import { weightNodes } from "../../engine/stability/nodes.js";
import type { SideModel } from "../../engine/stability/pwl.js";
import { scoreFns } from "../../engine/stability/score-fn.js";
import type { IndicatorNode } from "../../engine/graph.js";
import type { Results } from "../../engine/results.js";
import { run, type Cell } from "./support/run.js";

// Equal shares in `e` and at the top (terms reused), unequal in `g` (terms replaced); kinks from caps, bands, deductions and floors.
const SCHEME = `scheme "s" period 2026 unit id
input a number
input b number
input c number
input d number
dimension e "E" points 40 {
  indicator a "A" weight 0.25 { minmax }
  indicator b "B" weight 0.25 { bands { >= 80: 10, >= 50: 6, else 2 } }
  indicator c "C" weight 0.25 { goalposts floor 10 target 90 }
  indicator d "D" weight 0.25 { deduct 0.5 per 1 below 90 }
}
dimension f "F" points 40 {
  indicator a2 "A2" points 12 { value a  proportional  cap 9 }
  indicator b2 "B2" points 28 { value b  ratio to best }
}
dimension g "G" points 40 {
  indicator c2 "C2" points 25 { value c  zscore }
  indicator d2 "D2" points 15 { value d  goalposts floor 20 target 60 }
}
grades { "优秀" >= 70 quota at most 30%, "良好" >= 50, "合格" }
rank overall
`;

const row = fc.record({
  a: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 0, max: 100 }),
  c: fc.integer({ min: 1, max: 100 }), d: fc.integer({ min: 1, max: 100 }),
});
const data = fc.array(row, { minLength: 3, maxLength: 12 }).map((rs) => rs.map((r, i) => ({ id: `r${i}`, ...r }) as Record<string, Cell>));

/** Every share's side models in the scheme's order, with one term cache per group (or none). */
function models(base: Results, shared: boolean, release = false): { right: SideModel; left: SideModel }[] {
  const { nodes } = weightNodes(base.program.scheme.nodes, undefined);
  const fns = (path: string) => scoreFns(base.program.graph.nodes[base.program.graph.tree.get(path)!]! as IndicatorNode, base.runtime);
  const caches = new Map<string, TermCache>();
  const out = nodes.map((wn) => {
    const list = reached(base.program.scheme.nodes, wn.parent, wn.path, fns);
    if (typeof list === "string") throw new Error(list);
    let cache = caches.get(wn.parent);
    if (!cache) caches.set(wn.parent, (cache = new Map()));
    const both = sideModels(base, moving(list, wn.share, null, 0), wn.share, shared ? cache : undefined);
    if (!release) return both;
    // Read out before handing the arrays back: the next share's models are built into them.
    const copy = { right: frozen(both.right), left: frozen(both.left) };
    releaseModel(both.right);
    releaseModel(both.left);
    return copy;
  });
  for (const c of caches.values()) releaseTerms(c);
  return out;
}

/** A copy of a model in arrays of its own. */
function frozen(m: SideModel): SideModel {
  return { length: m.length, off: m.off.slice(), xs: m.xs.slice(), ys: m.ys.slice(), slope: m.slope.slice(), minSlope: m.minSlope.slice(), maxSlope: m.maxSlope.slice(), lowChord: m.lowChord.slice(), highChord: m.highChord.slice() };
}

/** The model's arrays as plain lists (Object.is tells −0 from 0 and matches NaN). */
function flat(m: SideModel): number[][] {
  return [[m.length], [...m.off], [...m.xs], [...m.ys], [...m.slope], [...m.minSlope], [...m.maxSlope], [...m.lowChord], [...m.highChord]];
}

function sameBits(a: number[][], b: number[][]): boolean {
  return a.length === b.length && a.every((x, i) => x.length === b[i]!.length && x.every((v, j) => Object.is(v, b[i]![j])));
}

describe("stability models with shared sibling terms", () => {
  it("equal every share's model computed term by term, bit for bit (random data)", () => {
    fc.assert(fc.property(data, (rows) => {
      const base = run(SCHEME, rows).results!;
      const plain = models(base, false);
      const shared = models(base, true);
      expect(plain.length).toBe(11);
      plain.forEach((p, k) => {
        expect(sameBits(flat(shared[k]!.right), flat(p.right))).toBe(true);
        expect(sameBits(flat(shared[k]!.left), flat(p.left))).toBe(true);
      });
    }), { numRuns: 80, seed: 11 });
  });

  it("are the same, bit for bit, when built into the arrays of released models (model.ts `releaseModel`)", () => {
    fc.assert(fc.property(data, data, (rows, more) => {
      const base = run(SCHEME, rows).results!;
      const kept = models(base, true);
      // A larger run's models, released, leave longer arrays full of other numbers for the next models.
      const other = [...rows, ...more].map((r, i) => ({ ...r, id: `o${i}` }));
      models(run(SCHEME, other).results!, true, true);
      const reused = models(base, true, true);
      kept.forEach((p, k) => {
        expect(sameBits(flat(reused[k]!.right), flat(p.right))).toBe(true);
        expect(sameBits(flat(reused[k]!.left), flat(p.left))).toBe(true);
      });
    }), { numRuns: 40, seed: 13 });
  });

  it("give the same intervals whether shares are analysed together or one at a time", () => {
    fc.assert(fc.property(data, (rows) => {
      const base = run(SCHEME, rows).results!;
      const all = stability(base, { verify: false });
      expect(all.nodes.every((n) => n.exact)).toBe(true);
      for (const n of all.nodes) {
        const one = stability(base, { verify: false, path: n.path }).nodes[0]!;
        for (const [a, b] of [[n.grade!, one.grade!], ...n.ranks.map((r, k) => [r, one.ranks[k]!] as const)] as const) {
          expect([...a.down, ...a.up]).toEqual([...b.down, ...b.up]);
        }
      }
    }), { numRuns: 30, seed: 12 });
  });
});
