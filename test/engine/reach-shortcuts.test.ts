/**
 * The reach path's exact shortcuts against the plain computations they stand for, bit for bit:
 * the kept extremes (extremes.ts) against `groupRange`'s pass over the column; simple grading
 * reading only the regions near the total (`levelReachedNear`) against reading every region; and
 * the combination's greedy (analytic.ts, which skips the one-field finishes while none can reach)
 * against the same greedy looking at every finish every time; and the lowest totals merged in
 * descending order (need.ts) against a sort; the hull segments taken from a heap against a stable
 * sort; the sum of value functions by one merge against the plain sum; the singles' order against
 * the stable sort by cost.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overall } from "../../engine/ops/column.js";
import { groupRange } from "../../engine/ops/scoring.js";
import { combineAnalytic, solve } from "../../engine/reach/analytic.js";
import { Extremes } from "../../engine/reach/extremes.js";
import { levelReached, levelReachedNear, lowestDescending, meets, type Need } from "../../engine/reach/need.js";
import { RatioQueue, type Segments } from "../../engine/reach/hull.js";
import { gainAt, gainPath, GainPath } from "../../engine/reach/path.js";
import { limitAt, sumFns, sumFnsPlain, valueAt, type ValueFn } from "../../engine/reach/value-fn.js";
import type { SingleChange } from "../../engine/reach/index.js";
import { byCost, cheapestFirst } from "../../engine/reach/order.js";
import { reachCases } from "./support/reach-cases.js";
import { run } from "./support/run.js";

const value = fc.oneof(fc.constantFrom(NaN, 0, -0, 5, 5, -3), fc.double({ min: -100, max: 100, noNaN: true }));

describe("the kept extremes", () => {
  it("give groupRange's range, or null where a zero is an end", () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 12 }), fc.nat(), value, value, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (vals, pick, v, extra, imputed) => {
      const col = Float64Array.from(vals);
      const r = pick % col.length;
      const keep = Uint8Array.from(vals, (_, i) => (i === r || !imputed[i] ? 1 : 0));
      // The extra value stands for the regions not kept (the imputed ones, all at the mean): added only when there are some.
      const extraOn = keep.includes(0);
      const got = new Extremes(col, keep).rangeWith(r, v, extraOn, extra);
      const xs = col.slice();
      xs[r] = v;
      for (let i = 0; i < xs.length; i++) if (!keep[i]) xs[i] = extra;
      const want = groupRange(xs, overall(xs.length));
      if (col[r] !== col[r]) expect(got).toBeNull();
      else if (got === null) expect(want.lo[0] === 0 || want.hi[0] === 0).toBe(true);
      else expect([got.lo, got.hi]).toEqual([want.lo[0], want.hi[0]]);
    }), { numRuns: 2000, seed: 5 });
  });
});

const scheme = fc.integer({ min: 20, max: 70 }).map((quota) => [
  `scheme "a" period 2026 unit id`, "missing mean",
  "input f0 number optional", "input f1 number optional",
  `dimension d "维度" points 100 {`,
  `  indicator f0 "指标0" points 50 { minmax }`,
  `  indicator f1 "指标1" points 50 { goalposts floor 20 target 80 }`,
  "}",
  `grades { "优" >= 50 quota at most ${quota}%, "良" >= 30, "差" }`,
  "",
].join("\n"));

describe("simple grading near the total", () => {
  it("agrees with reading every region when no change is larger than the reach", () => {
    let counted = 0;
    fc.assert(fc.property(reachCases(scheme, { min: 5, freq: 6, regions: [5, 14] }), fc.double({ min: 0, max: 30, noNaN: true }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 14, maxLength: 14 }), ({ text, data }, reach, shares) => {
      const base = run(text, data).results!;
      const n = base.regions.length;
      const moved = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : reach * shares[i]!));
      for (let r = 0; r < n; r++) {
        for (const total of [base.total[r]!, base.total[r]! + reach / 2, 50, 49.999999999]) {
          const want = levelReached(base, r, total, 0, moved);
          expect(levelReachedNear(base, r, total, 0, moved, reach)).toBe(want);
          counted++;
        }
      }
    }), { numRuns: 120, seed: 9 });
    expect(counted).toBeGreaterThan(1000);
  });
});

/** A random piecewise-linear function with jumps. */
const valueFn = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 0, maxLength: 4 }).chain((raw) => {
  const bs = [...new Set(raw)].sort((a, b) => a - b);
  const m = bs.length;
  const num = fc.double({ min: -3, max: 3, noNaN: true });
  return fc.tuple(fc.array(num, { minLength: m, maxLength: m }), fc.array(num, { minLength: m + 1, maxLength: m + 1 }), fc.array(fc.double({ min: -0.1, max: 0.2, noNaN: true }), { minLength: m + 1, maxLength: m + 1 }))
    .map(([at, a, b]): ValueFn => ({ bs: Float64Array.from(bs), at: Float64Array.from(at), a: Float64Array.from(a), b: Float64Array.from(b) }));
});

const option = fc.tuple(valueFn, fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(1, -1) as fc.Arbitrary<1 | -1>, fc.double({ min: 1, max: 200, noNaN: true }), fc.double({ min: 0.5, max: 50, noNaN: true }))
  .map(([f, x, dir, span, scale]) => ({ path: gainPath(f, x, dir, span), scale }));

/** The greedy as analytic.ts runs it, without its shortcuts: the hull of every path, every finish looked at before every segment. */
function plainGreedy(paths: readonly GainPath[], scales: readonly number[], total: number, need: Need): number[] | null {
  type Seg = { j: number; d1: number; ratio: number };
  const segs: Seg[] = [];
  paths.forEach((p, j) => {
    const pts = [{ c: 0, y: 0, d: 0 }];
    for (let k = 1; k < p.n; k++) {
      const y = Math.max(p.at(k), p.before(k), k + 1 < p.n ? p.after(k) : -Infinity);
      const c = p.d(k) / scales[j]!;
      while (pts.length >= 2) {
        const [a, b] = [pts[pts.length - 2]!, pts[pts.length - 1]!];
        if ((b.y - a.y) * (c - a.c) <= (y - a.y) * (b.c - a.c)) pts.pop();
        else break;
      }
      pts.push({ c, y, d: p.d(k) });
    }
    for (let k = 1; k < pts.length; k++) {
      const gain = pts[k]!.y - pts[k - 1]!.y;
      if (!(gain > 0)) break;
      segs.push({ j, d1: pts[k]!.d, ratio: gain / (pts[k]!.c - pts[k - 1]!.c) });
    }
  });
  segs.sort((a, b) => b.ratio - a.ratio);
  const most = paths.map((p) => Math.max(...Array.from({ length: p.n }, (_, k) => p.at(k)), ...Array.from({ length: p.n }, (_, k) => p.before(k))));
  const d = paths.map(() => 0);
  let gained = 0;
  let spent = 0;
  let best: { d: number[]; cost: number } | null = null;
  for (let k = 0; k <= segs.length; k++) {
    const now = total + gained;
    let fin: { j: number; d: number; cost: number } | null = null;
    paths.forEach((p, j) => {
      const here = gainAt(p, d[j]!);
      if (!meets(now - here + most[j]!, need)) return;
      const x = solve(p, now - here, need, d[j]!);
      if (x !== null && (!fin || (x - d[j]!) / scales[j]! < fin.cost)) fin = { j, d: x, cost: (x - d[j]!) / scales[j]! };
    });
    const f = fin as { j: number; d: number; cost: number } | null;
    if (f && (!best || spent + f.cost < best.cost)) {
      best = { d: d.slice(), cost: spent + f.cost };
      best.d[f.j] = f.d;
    }
    const s = segs[k];
    if (!s || meets(now, need)) break;
    const p = paths[s.j]!;
    gained += gainAt(p, s.d1) - gainAt(p, d[s.j]!);
    spent += (s.d1 - d[s.j]!) / scales[s.j]!;
    d[s.j] = s.d1;
  }
  return best ? best.d : null;
}

describe("the combination's greedy", () => {
  it("gives the same distances as looking at every finish before every segment", () => {
    let found = 0;
    fc.assert(fc.property(fc.array(option, { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 12, noNaN: true }), fc.boolean(), (opts, total, gap, strict) => {
      const paths = opts.map((o) => o.path);
      const scales = opts.map((o) => o.scale);
      const need: Need = { value: total + gap, strict, others: false };
      const want = plainGreedy(paths, scales, total, need);
      const got = combineAnalytic(paths, scales, total, need);
      if (want) found++;
      expect(got === null ? null : got.map((d) => d)).toEqual(want);
      if (got && want) got.forEach((d, j) => expect(Object.is(d, want[j])).toBe(true));
    }), { numRuns: 1500, seed: 3 });
    expect(found).toBeGreaterThan(100);
  });
});

/** The path as the gains read by searching the function at every point (no breakpoint read by index), with its largest gains found by plain loops. */
function plainPath(f: ValueFn, x: number, dir: 1 | -1, span: number): { pts: number[][]; top: number; most: number; large: number; rises: boolean } {
  const fx = valueAt(f, x);
  const ds = [0, ...Array.from(f.bs).map((b) => (b - x) * dir).filter((d) => d > 0 && d < span).sort((a, b) => a - b), span];
  const pts: number[][] = [];
  for (const d of ds) {
    if (pts.length && !(d > pts[pts.length - 1]![0]!)) continue;
    const v = x + dir * d;
    pts.push([d, valueAt(f, v) - fx, limitAt(f, v, dir) - fx, limitAt(f, v, dir > 0 ? -1 : 1) - fx]);
  }
  const gains = (i: number) => pts.map((p) => p[i]!);
  return {
    pts, top: Math.max(...gains(1), ...gains(2), ...gains(3)), most: Math.max(...gains(1), ...gains(3)),
    large: Math.max(0, ...pts.flatMap((p) => p.slice(1).map(Math.abs))), rises: pts.some((p) => p[1]! > 0 || p[2]! > 0),
  };
}

describe("the gain path", () => {
  it("reads a breakpoint's gains by its index as the searches find them, and keeps its largest gains as the loops do", () => {
    const reused = new GainPath(1);
    fc.assert(fc.property(valueFn, fc.double({ min: 0, max: 100, noNaN: true }), fc.nat(), fc.constantFrom(1, -1) as fc.Arbitrary<1 | -1>, fc.double({ min: 1, max: 200, noNaN: true }), (f, x0, k, dir, span) => {
      // Start on a breakpoint now and then (a jump at the start).
      const x = f.bs.length && k % 3 === 0 ? f.bs[k % f.bs.length]! : x0;
      const want = plainPath(f, x, dir, span);
      for (const p of [gainPath(f, x, dir, span), gainPath(f, x, dir, span, valueAt(f, x), reused)]) {
        const got = Array.from({ length: p.n }, (_, i) => [p.d(i), p.at(i), p.after(i), p.before(i)]);
        expect(got.length).toBe(want.pts.length);
        got.forEach((g, i) => g.forEach((v, c) => expect(Object.is(v, want.pts[i]![c])).toBe(true)));
        expect([p.top, p.most, p.large, p.rises]).toEqual([want.top, want.most, want.large, want.rises]);
      }
    }), { numRuns: 3000, seed: 5 });
  });

  it("solve's shortcut (no gain near the need) answers as the full walk", () => {
    let found = 0;
    fc.assert(fc.property(option, fc.double({ min: -10, max: 60, noNaN: true }), fc.double({ min: -3, max: 12, noNaN: true }), fc.boolean(), ({ path }, total, gap, strict) => {
      const need: Need = { value: total + gap, strict, others: false };
      const plain = Object.assign(Object.create(GainPath.prototype) as GainPath, path, { top: Infinity });
      const want = solve(plain, total, need);
      if (want !== null) found++;
      expect(Object.is(solve(path, total, need), want)).toBe(true);
    }), { numRuns: 3000, seed: 6 });
    expect(found).toBeGreaterThan(300);
  });
});

describe("the hull segments' order", () => {
  it("is a stable sort by ratio, best first, ties and infinities included", () => {
    const ratio = fc.oneof(fc.constantFrom(1, 1, 2, 0.5, Infinity, 0), fc.double({ min: 1e-3, max: 10, noNaN: true }));
    fc.assert(fc.property(fc.array(ratio, { maxLength: 90 }), fc.boolean(), (rs, withNaN) => {
      const list = withNaN && rs.length ? [...rs.slice(1), NaN] : rs;
      const segs: Segments = { n: list.length, j: new Int32Array(list.length), d1: new Float64Array(list.length), gain: new Float64Array(list.length), ratio: Float64Array.from(list) };
      const queue = new RatioQueue();
      queue.start(segs);
      const order = list.map(() => queue.next());
      const want = list.map((_, s) => s).sort((a, b) => { const d = list[b]! - list[a]!; return d > 0 ? 1 : d < 0 ? -1 : 0; });
      expect(order).toEqual(want);
    }), { numRuns: 2000, seed: 8 });
  });
});

describe("the sum of value functions", () => {
  it("merges the breakpoints and adds values and pieces as the plain sum does, bit for bit", () => {
    // Breakpoints often shared between the functions, zeros of both signs among them.
    const point = fc.oneof(fc.constantFrom(-0, 0, 1, 2.5, 3, 7), fc.double({ min: -10, max: 10, noNaN: true }));
    const num = fc.oneof(fc.constantFrom(-0, 0, 0.1, 0.2), fc.double({ min: -5, max: 5, noNaN: true }));
    const fn = fc.array(point, { maxLength: 5 }).chain((raw) => {
      // Distinct (a zero's sign kept: a set would make it +0), ascending.
      const bs = raw.filter((v, k) => raw.findIndex((w) => w === v) === k).sort((a, b) => a - b);
      const m = bs.length;
      return fc.tuple(fc.array(num, { minLength: m, maxLength: m }), fc.array(num, { minLength: m + 1, maxLength: m + 1 }), fc.array(num, { minLength: m + 1, maxLength: m + 1 }))
        .map(([at, a, b]): ValueFn => ({ bs: Float64Array.from(bs), at: Float64Array.from(at), a: Float64Array.from(a), b: Float64Array.from(b) }));
    });
    const bits = (f: ValueFn) => [f.bs, f.at, f.a, f.b].map((c) => Array.from(c, (v) => (Object.is(v, -0) ? "-0" : String(v))));
    fc.assert(fc.property(fc.array(fn, { minLength: 1, maxLength: 4 }), (fns) => {
      expect(bits(sumFns(fns))).toEqual(bits(sumFnsPlain(fns)));
    }), { numRuns: 3000, seed: 10 });
  });
});

describe("the single changes' order", () => {
  it("is the stable sort by cost, no cost last, infinities and NaN included", () => {
    const cost = fc.oneof(fc.constantFrom(null, null, null, 0, 1, 1, 2.5, Infinity), fc.double({ min: 0, max: 10, noNaN: true }));
    fc.assert(fc.property(fc.array(cost, { maxLength: 30 }), fc.boolean(), (cs, withNaN) => {
      const list = (withNaN && cs.length ? [...cs.slice(1), NaN] : cs).map((c, k) => ({ field: `f${k}`, cost: c }) as unknown as SingleChange);
      const got = list.slice();
      cheapestFirst(got);
      expect(got.map((s) => s.field)).toEqual(list.slice().sort(byCost).map((s) => s.field));
    }), { numRuns: 3000, seed: 11 });
  });
});

describe("the lowest totals in descending order", () => {
  it("are the listed values sorted, bit for bit, however far they are from the list's order", () => {
    fc.assert(fc.property(fc.array(value, { minLength: 0, maxLength: 14 }), fc.array(fc.integer({ min: -3, max: 3 })), (vals, moves) => {
      const low = Float64Array.from(vals);
      // Listed by descending value (as the base totals order them), then some lows moved down or up.
      const order = Array.from(low.keys()).sort((a, b) => (low[b]! > low[a]! ? 1 : low[b]! < low[a]! ? -1 : 0));
      moves.forEach((m, k) => { if (low.length) low[k % low.length] = low[k % low.length]! + m; });
      const got = lowestDescending({ region: Int32Array.from(order) }, low);
      const want = Float64Array.from(order.map((i) => low[i]!).filter((v) => v === v)).sort().reverse();
      expect(Array.from(got)).toEqual(Array.from(want));
    }), { numRuns: 3000, seed: 9 });
  });
});
