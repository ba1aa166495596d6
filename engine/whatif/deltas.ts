/** Per-region differences between two runs of the same regions: total, ranks and grade. */
import type { Results } from "../results.js";

/** A region's rank in one ranking before and after (0: unranked). */
export interface RankDelta {
  /** Null for the overall ranking, else the typology's name. */
  readonly within: string | null;
  readonly before: number;
  readonly after: number;
  /** after − before: negative means the region moved up. */
  readonly delta: number;
}

/** How one region moved. */
export interface RegionDelta {
  readonly region: string;
  readonly total: { readonly before: number; readonly after: number; readonly delta: number };
  readonly ranks: readonly RankDelta[];
  readonly grade: { readonly before: string | null; readonly after: string | null; readonly changed: boolean };
}

/** Differences region by region (both runs must be over the same regions in the same order). */
export function regionDeltas(before: Results, after: Results): RegionDelta[] {
  const t0 = before.total;
  const t1 = after.total;
  const g0 = before.grades;
  const g1 = after.grades;
  const r0 = before.ranks;
  const r1 = after.ranks;
  return before.regions.map((region, i) => {
    const ranks = r0.map((r, k) => {
      const a = r1[k]!.rank[i]!;
      return { within: r.within, before: r.rank[i]!, after: a, delta: a - r.rank[i]! };
    });
    const gb = g0 ? g0.labels[g0.level[i]!] ?? null : null;
    const ga = g1 ? g1.labels[g1.level[i]!] ?? null : null;
    return { region, total: { before: t0[i]!, after: t1[i]!, delta: t1[i]! - t0[i]! }, ranks, grade: { before: gb, after: ga, changed: gb !== ga } };
  });
}
