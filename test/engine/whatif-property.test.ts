/**
 * Property: a what-if of random share edits equals a full evaluation of the scheme with the same
 * edit written into its text (the node's share replaced, its siblings' scaled to fill the rest,
 * recompiled and evaluated from scratch) — totals, every ranking and grades; and the totals
 * alone (`whatIfTotal`, which runs only what the total reads) are what-if's, bit for bit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckedNode } from "../../dsl/check/types.js";
import { whatIf, whatIfTotal } from "../../engine/whatif/index.js";
import { checkedFor } from "./support/checked.js";
import { run, type Cell } from "./support/run.js";

const SCHEME = `scheme "p" period 2026 unit id
input a number
input b number
input c number
input d number
input u number
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
  aggregate geometric
  indicator c2 "C2" points 15 { value c  zscore within t }
  indicator d2 "D2" points 10 { value d  ratio to best }
}
bonus "加分" max 3 { 1 when c >= 90 }
grades { "优秀" >= 75 quota at most 30%, "良好" >= 60, "合格" >= 45, "不合格" }
rank overall, within t
`;

const checked = checkedFor(SCHEME);
/** Paths of the nodes whose share is written (every node but the root here). */
const EDITABLE = [...checked.nodes.values()].filter((n) => n.decl?.share).map((n) => n.path);

interface Edit { readonly start: number; readonly end: number; readonly text: string }

/**
 * The text with node `path`'s share set to `v` (in its unit), its siblings' scaled to fill the
 * rest, and the points written below each changed node scaled with it (so points still add up).
 */
function editText(text: string, path: string, v: number): string {
  const c = checkedFor(text);
  const node = c.nodes.get(path)!;
  const k = path.lastIndexOf(".");
  const siblings = c.nodes.get(k < 0 ? "" : path.slice(0, k))!.children;
  const written = (x: CheckedNode) => x.decl!.share!.value.value;
  const whole = siblings.reduce((s, x) => s + written(x), 0);
  const scale = (whole - v) / (whole - written(node));
  const edits: Edit[] = [];
  const put = (x: CheckedNode, value: number, factor: number) => {
    const span = x.decl!.share!.value.span;
    edits.push({ start: span.start, end: span.end, text: String(value) });
    if (x.decl!.share!.unit !== "points") return;
    for (const child of x.children) if (child.decl?.share?.unit === "points") put(child, written(child) * factor, factor);
  };
  for (const x of siblings) put(x, x === node ? v : written(x) * scale, x === node ? v / written(x) : scale);
  let out = text;
  for (const e of edits.sort((p, q) => q.start - p.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The new share: a fraction of the whole of the node's siblings (so they keep a share). */
function shareFor(path: string, fraction: number): { field: string; value: number } {
  const node = checked.nodes.get(path)!;
  const k = path.lastIndexOf(".");
  const whole = checked.nodes.get(k < 0 ? "" : path.slice(0, k))!.children.reduce((s, x) => s + x.decl!.share!.value.value, 0);
  return { field: node.decl!.share!.unit === "weight" ? "weight" : "points", value: whole * fraction };
}

const row = fc.record({
  a: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 0, max: 100 }), c: fc.integer({ min: 1, max: 100 }),
  d: fc.integer({ min: 1, max: 100 }), u: fc.integer({ min: 0, max: 100 }),
});
const data = fc.array(row, { minLength: 3, maxLength: 12 }).map((rs) => rs.map((r, i) => ({ id: `r${i}`, ...r }) as Record<string, Cell>));
/** A node and a new share strictly inside (0, the whole of its siblings). */
const edit = fc.record({ path: fc.constantFrom(...EDITABLE), fraction: fc.double({ min: 0.02, max: 0.95, noNaN: true }) });

function outcome(r: NonNullable<ReturnType<typeof whatIf>["results"]>) {
  return {
    totals: Array.from(r.total, (x) => Math.round(x * 1e6) / 1e6 + 0),
    ranks: r.ranks.map((k) => Array.from(k.rank)),
    grades: Array.from(r.grades!.level),
  };
}

describe("what-if against a full re-evaluation of the edited text", () => {
  it("random weight and points edits", () => {
    fc.assert(fc.property(data, edit, (rows, { path, fraction }) => {
      const base = run(SCHEME, rows).results!;
      const { field, value } = shareFor(path, fraction);
      const w = whatIf(base, [{ path, field, value }]);
      expect(w.issues).toEqual([]);
      const full = run(editText(SCHEME, path, value), rows).results!;
      expect(outcome(w.results!)).toEqual(outcome(full));
    }), { numRuns: 100, seed: 20260 });
  });

  it("two edits at once, in groups that do not contain each other", () => {
    fc.assert(fc.property(data, edit, edit, (rows, e1, e2) => {
      const parent = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf(".")));
      const related = (p: string, q: string) => p === q || p.startsWith(`${q}.`) || q.startsWith(`${p}.`);
      const [p1, p2] = [parent(e1.path), parent(e2.path)];
      fc.pre(p1 !== "" && p2 !== "" && !related(p1, p2));
      const base = run(SCHEME, rows).results!;
      const s1 = shareFor(e1.path, e1.fraction);
      const s2 = shareFor(e2.path, e2.fraction);
      const w = whatIf(base, [{ path: e1.path, ...s1 }, { path: e2.path, ...s2 }]);
      expect(w.issues).toEqual([]);
      const text = editText(editText(SCHEME, e1.path, s1.value), e2.path, s2.value);
      expect(outcome(w.results!)).toEqual(outcome(run(text, rows).results!));
    }), { numRuns: 60, seed: 7 });
  });

  it("the totals alone are what-if's totals, bit for bit", () => {
    fc.assert(fc.property(data, edit, edit, (rows, e1, e2) => {
      const base = run(SCHEME, rows).results!;
      const overrides = [{ path: e1.path, ...shareFor(e1.path, e1.fraction) }, { path: e2.path, ...shareFor(e2.path, e2.fraction) }];
      // The first edit alone, then both (a later edit of the same group wins, as in what-if).
      for (const list of [overrides.slice(0, 1), overrides]) {
        const want = whatIf(base, list).results!.total;
        const got = whatIfTotal(base, list)!;
        expect(Array.from(got, (x) => Object.is(x, -0) ? "-0" : x)).toEqual(Array.from(want, (x) => Object.is(x, -0) ? "-0" : x));
      }
    }), { numRuns: 100, seed: 11 });
  });
});
