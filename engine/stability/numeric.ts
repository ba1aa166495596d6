/**
 * The fallback when totals are not piecewise-linear in a share (geometric or minimum
 * aggregation, entropy weights, dropped values, per-type points, rules that read scores): the
 * share is moved by what-if and the real engine re-evaluates. Each side is sampled on a grid of
 * 16 points; where a region's grade or rank first differs, the cell is refined 4-fold, four
 * more times, with every region whose first change falls in the same cell sharing the
 * evaluations. The end found is the first sampled share where the outcome differs, within
 * (side length)/4,096 of it (a change that reverts between two samples is not seen); results
 * from here are marked `exact: false`.
 */
import type { Results } from "../results.js";
import { whatIf } from "../whatif/index.js";

const GRID = 16;
const SUB = 4;
const DEPTH = 4;

/** Grades and ranks of every region at one share. */
interface Outcome {
  readonly grade: Int32Array | null;
  readonly ranks: readonly Int32Array[];
}

/** Property k of region r: k = 0 the grade, k ≥ 1 ranking k − 1. */
function value(o: Outcome, r: number, k: number): number {
  return k === 0 ? (o.grade ? o.grade[r]! : 0) : o.ranks[k - 1]![r]!;
}

/** Ends of one side for the regions and properties asked: ends[k][r] is a distance (Infinity when nothing changes). */
export function numericEnds(base: Results, path: string, w: number, sigma: 1 | -1, regions: readonly number[]): Float64Array[] | string {
  const length = sigma > 0 ? 1 - w : w;
  const props = 1 + base.ranks.length;
  const ends = Array.from({ length: props }, () => new Float64Array(base.regions.length).fill(Infinity));
  if (length <= 0) return ends;
  const memo = new Map<number, Outcome>();
  let failed: string | null = null;
  const at = (d: number): Outcome | null => {
    let o = memo.get(d);
    if (o) return o;
    const res = whatIf(base, [{ path, field: "weight", value: Math.min(1, Math.max(0, w + sigma * d)) }]);
    if (!res.results) {
      failed = [...res.issues.map((i) => i.message), ...res.evalIssues.map((i) => i.message)].join("; ") || "the what-if failed";
      return null;
    }
    o = { grade: res.results.grades?.level ?? null, ranks: res.results.ranks.map((k) => k.rank) };
    memo.set(d, o);
    return o;
  };
  const start = at(0);
  if (!start) return failed ?? "the what-if failed";
  const items = regions.flatMap((r) => Array.from({ length: props }, (_, k) => ({ r, k, v: value(start, r, k) })));
  refine(0, length, GRID, DEPTH + 1, items, at, ends);
  return failed ?? ends;
}

/** Splits (a, b] into `parts` cells; for each item, recurses into the cell of its first change. */
function refine(a: number, b: number, parts: number, depth: number, items: readonly { r: number; k: number; v: number }[], at: (d: number) => Outcome | null, ends: Float64Array[]): void {
  const byCell = new Map<number, { r: number; k: number; v: number }[]>();
  const points = Array.from({ length: parts }, (_, j) => (j + 1 === parts ? b : a + ((b - a) * (j + 1)) / parts));
  const outcomes: Outcome[] = [];
  for (const p of points) {
    const o = at(p);
    if (!o) return;
    outcomes.push(o);
  }
  for (const it of items) {
    const j = outcomes.findIndex((o) => value(o, it.r, it.k) !== it.v);
    if (j < 0) continue;
    if (depth <= 1) { ends[it.k]![it.r] = points[j]!; continue; }
    const list = byCell.get(j) ?? [];
    list.push(it);
    byCell.set(j, list);
  }
  for (const [j, list] of byCell) {
    const lo = j === 0 ? a : points[j - 1]!;
    // The change is at or before points[j]; the cell's right end is its first known change.
    for (const it of list) ends[it.k]![it.r] = points[j]!;
    refine(lo, points[j]!, SUB, depth - 1, list, at, ends);
  }
}
