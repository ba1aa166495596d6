/**
 * The fast searches behind stability intervals against brute force on random piecewise-linear
 * totals: the first rank change of every region — by the sweep over all regions at once
 * (sweep.ts) and by the envelope-tree search it falls back on (crossings.ts) — equals the
 * earliest flip over all pairs of its group, bit for bit; and the quota boundary (level.ts)
 * equals the k-th largest total wherever it is sampled.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Grouping } from "../../engine/ops/column.js";
import { firstRankChange, groupOrder, RankIndex } from "../../engine/stability/crossings.js";
import { kthLevel } from "../../engine/stability/level.js";
import { firstAboveFlip, valueAt, type SideModel } from "../../engine/stability/pwl.js";
import { boundSlack, firstRankChanges } from "../../engine/stability/sweep.js";

/** A side model from per-region breakpoints (distances ascending from 0 to `length`). */
function model(length: number, regions: readonly { xs: number[]; ys: number[] }[]): SideModel {
  const off = new Int32Array(regions.length + 1);
  const xs: number[] = [];
  const ys: number[] = [];
  const minSlope = new Float64Array(regions.length);
  const maxSlope = new Float64Array(regions.length);
  const lowChord = new Float64Array(regions.length);
  const highChord = new Float64Array(regions.length);
  regions.forEach((f, r) => {
    off[r] = xs.length;
    xs.push(...f.xs);
    ys.push(...f.ys);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 1; k < f.xs.length; k++) {
      const s = (f.ys[k]! - f.ys[k - 1]!) / (f.xs[k]! - f.xs[k - 1]!);
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    minSlope[r] = lo;
    maxSlope[r] = hi;
    const chords = f.xs.slice(1).map((x, k) => (f.ys[k + 1]! - f.ys[0]!) / x);
    lowChord[r] = Math.min(...chords);
    highChord[r] = Math.max(...chords);
  });
  off[regions.length] = xs.length;
  const slope = Float64Array.from(minSlope, (lo, r) => Math.max(-lo, maxSlope[r]!));
  return { length, off, xs: Float64Array.from(xs), ys: Float64Array.from(ys), slope, minSlope, maxSlope, lowChord, highChord };
}

const LENGTH = 0.7;
/** One region's total: a start value on a coarse grid (ties happen) and up to six pieces (many kinks: chord bounds differ from slope bounds). */
const region = fc.record({
  y0: fc.integer({ min: 0, max: 40 }).map((v) => v / 2),
  slopes: fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 6 }),
  cuts: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 5, maxLength: 5 }),
}).map(({ y0, slopes, cuts }) => {
  const at = [...new Set(cuts)].sort((a, b) => a - b).slice(0, slopes.length - 1).map((c) => (c / 100) * LENGTH);
  const xs = [0, ...at, LENGTH];
  const ys = [y0];
  for (let k = 1; k < xs.length; k++) ys.push(ys[k - 1]! + slopes[k - 1]! * (xs[k]! - xs[k - 1]!));
  return { xs, ys };
});
const cases = fc.record({ regions: fc.array(region, { minLength: 2, maxLength: 60 }), groups: fc.integer({ min: 1, max: 3 }) });

function grouping(n: number, count: number): Grouping {
  return { ids: Int32Array.from({ length: n }, (_, r) => r % count), count } as unknown as Grouping;
}

describe("stability crossings", () => {
  it("the first rank change is the earliest flip over every pair of the group", () => {
    fc.assert(fc.property(cases, firstChangeIsEarliestFlip), { numRuns: 300, seed: 3 });
  });

  it("the same with hundreds of regions (deep envelope trees, searches cut off far from the region)", () => {
    fc.assert(fc.property(bigCases, firstChangeIsEarliestFlip), { numRuns: 25, seed: 11 });
  });

  it("the sweep's first rank changes are the earliest flips over every pair (some regions wanted, seeded from a finer grouping)", () => {
    fc.assert(fc.property(cases, fc.integer({ min: 0, max: 3 }), (c, skip) => { sweepIsEarliestFlip(c, skip, undefined); }), { numRuns: 300, seed: 17 });
  });

  it("the same with hundreds of regions, scans handing over to the tree search early or late", () => {
    let fallbacks = 0;
    fc.assert(fc.property(bigCases, fc.integer({ min: 0, max: 3 }), fc.constantFrom(undefined, 0, 3), (c, skip, scan) => { fallbacks += sweepIsEarliestFlip(c, skip, scan); }), { numRuns: 40, seed: 19 });
    expect(fallbacks).toBeGreaterThan(0);
  });

  it("the quota boundary is the k-th largest total along the side", () => {
    fc.assert(fc.property(fc.array(region, { minLength: 2, maxLength: 40 }), fc.integer({ min: 1, max: 40 }), (regions, kk) => kthIsKthLargest(regions, kk)), { numRuns: 300, seed: 5 });
  });

  it("the same with hundreds of regions (most read only through their chord bounds)", () => {
    fc.assert(fc.property(fc.array(region, { minLength: 100, maxLength: 400 }), fc.integer({ min: 1, max: 400 }), (regions, kk) => kthIsKthLargest(regions, kk)), { numRuns: 25, seed: 13 });
  });

  it("the same with the candidates best first, as simple grading hands them (windows, whole blocks passed over)", () => {
    fc.assert(fc.property(fc.array(region, { minLength: 20, maxLength: 400 }), fc.integer({ min: 1, max: 400 }), (regions, kk) => kthIsKthLargest(regions, kk, true)), { numRuns: 60, seed: 23 });
  });
});

const bigCases = fc.record({ regions: fc.array(region, { minLength: 100, maxLength: 500 }), groups: fc.integer({ min: 1, max: 3 }) });

/** Checks every region's first rank change against the earliest flip over all pairs of its group. */
function firstChangeIsEarliestFlip({ regions, groups }: { regions: { xs: number[]; ys: number[] }[]; groups: number }): void {
  const m = model(LENGTH, regions);
  const n = regions.length;
  const v0 = Float64Array.from(regions, (f) => f.ys[0]!);
  const g = grouping(n, groups);
  const go = groupOrder(v0, g);
  const ix = new RankIndex(m, v0, go);
  for (let r = 0; r < n; r++) {
    let brute = Infinity;
    for (let s = 0; s < n; s++) if (s !== r && g.ids[s] === g.ids[r]) brute = Math.min(brute, firstAboveFlip(m, r, s, LENGTH));
    // Flips do not depend on how far a walk was asked to look: the search finds the same number.
    expect(firstRankChange(m, v0, go, ix, r)).toBe(brute);
  }
}

/** The earliest flip of r over every pair of its group, by brute force. */
function bruteFirst(m: SideModel, g: Grouping, r: number): number {
  let best = Infinity;
  for (let s = 0; s < g.ids.length; s++) if (s !== r && g.ids[s] === g.ids[r]) best = Math.min(best, firstAboveFlip(m, r, s, m.length));
  return best;
}

/**
 * Checks the sweep against brute force for the regions wanted (every `skip`+1-th left out when
 * skip > 0), unseeded and seeded with the brute-force answers of a grouping that refines this
 * one, scans handing over after `scan` places; returns how often it fell back on the tree search.
 */
function sweepIsEarliestFlip({ regions, groups }: { regions: { xs: number[]; ys: number[] }[]; groups: number }, skip: number, scan: number | undefined): number {
  const m = model(LENGTH, regions);
  const n = regions.length;
  const v0 = Float64Array.from(regions, (f) => f.ys[0]!);
  const g = grouping(n, groups);
  const fine = grouping(n, 2 * groups);
  const want = Uint8Array.from({ length: n }, (_, r) => (skip > 0 && r % (skip + 1) === 0 ? 0 : 1));
  const seed = Float64Array.from({ length: n }, (_, r) => bruteFirst(m, fine, r));
  const go = groupOrder(v0, g);
  let fallbacks = 0;
  const ix = new RankIndex(m, v0, go);
  for (const s of [null, seed]) {
    const out = new Float64Array(n).fill(-1);
    firstRankChanges({ m, go, tol: boundSlack(m), scan, fallback: (r, best) => { fallbacks++; return ix.first(m, v0, go, r, best); } }, want, s, out);
    for (let r = 0; r < n; r++) expect(out[r]).toBe(want[r] ? bruteFirst(m, g, r) : -1);
  }
  return fallbacks;
}

/** Checks the quota boundary against the k-th largest total at 201 points of the side (candidates in region order, or best first). */
function kthIsKthLargest(regions: { xs: number[]; ys: number[] }[], kk: number, bestFirst = false): void {
  const m = model(LENGTH, regions);
  const cand = Int32Array.from(regions.keys());
  if (bestFirst) cand.sort((a, b) => regions[b]!.ys[0]! - regions[a]!.ys[0]! || a - b);
  const k = 1 + ((kk - 1) % regions.length);
  const f = kthLevel(m, cand, k);
  for (let j = 0; j <= 200; j++) {
    const d = (j / 200) * LENGTH;
    const want = Array.from(cand, (r) => valueAt(m, r, d)).sort((a, b) => b - a)[k - 1]!;
    const got = valueAt({ ...m, off: Int32Array.of(0, f.xs.length), xs: f.xs, ys: f.ys }, 0, d);
    expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  }
}
