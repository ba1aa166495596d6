/** Ranking columns: the display order (best first) and how an outcome's ranks and grades differ from the base's. */
import type { BaseRun, Outcome } from "./protocol.js";

/**
 * Region indices best first: by `rank` (1 best; 0 or out of range last) with a counting sort, ties
 * in dataset order; without a ranking, by total descending.
 */
export function orderOf(rank: Int32Array | null, total: Float64Array): Int32Array {
  const n = total.length;
  const out = new Int32Array(n);
  if (rank === null) {
    for (let i = 0; i < n; i++) out[i] = i;
    out.sort((a, b) => total[b]! - total[a]! || a - b);
    return out;
  }
  const bucket = (i: number): number => (rank[i]! >= 1 && rank[i]! <= n ? rank[i]! : n + 1);
  const start = new Int32Array(n + 3);
  for (let i = 0; i < n; i++) start[bucket(i) + 1]!++;
  for (let r = 1; r < start.length; r++) start[r]! += start[r - 1]!;
  for (let i = 0; i < n; i++) out[start[bucket(i)]!++] = i;
  return out;
}

/** Each region's overall rank change (base − new: positive moved up), and how many changed rank and grade. */
export function changesFrom(base: BaseRun, o: Outcome): { rankChange: Int32Array; moved: number; gradeChanged: number } {
  const n = o.total.length;
  const overall = base.rankings.indexOf(null);
  const rankChange = new Int32Array(n);
  let moved = 0;
  let gradeChanged = 0;
  for (let i = 0; i < n; i++) {
    if (overall >= 0) rankChange[i] = base.ranks[overall]![i]! - o.ranks[overall]![i]!;
    if (rankChange[i] !== 0) moved++;
    if (o.grade[i] !== base.grade[i]) gradeChanged++;
  }
  return { rankChange, moved, gradeChanged };
}
