/**
 * One region's stability under one share, as plain numbers for shells: the share interval and
 * the same in points, and the smallest move that flips the property (signed, in share, points
 * and percent of the current share).
 */
import type { NodeStability, ShareIntervals } from "./index.js";

/** One property (the grade, or a ranking) of one region under one share. */
export interface PropertyStability {
  /** The share interval [lo, hi] (within 0..1) over which the property stays as it is. */
  readonly lo: number;
  readonly hi: number;
  /** The same interval in the node's points (share × parent points). */
  readonly loPoints: number;
  readonly hiPoints: number;
  /** The smallest change of the share that flips it, signed (null: no move within 0..1 does). */
  readonly flip: number | null;
  /** That change in points and as a percent of the current share. */
  readonly flipPoints: number | null;
  readonly flipPercent: number | null;
}

/** One region's stability under one share. */
export interface RegionStability {
  readonly region: string;
  readonly path: string;
  readonly label: string;
  readonly share: number;
  readonly points: number;
  readonly exact: boolean;
  readonly grade: PropertyStability | null;
  readonly ranks: readonly (PropertyStability & { readonly within: string | null })[];
}

function property(node: NodeStability, iv: ShareIntervals, r: number): PropertyStability {
  const lo = iv.lo[r]!;
  const hi = iv.hi[r]!;
  const w = node.share;
  const down = iv.down[r]!;
  const up = iv.up[r]!;
  const flip = !Number.isFinite(down) && !Number.isFinite(up) ? null : up <= down ? up : -down;
  return {
    lo, hi, loPoints: lo * node.parentPoints, hiPoints: hi * node.parentPoints,
    flip, flipPoints: flip === null ? null : flip * node.parentPoints, flipPercent: flip === null || w === 0 ? null : (flip / w) * 100,
  };
}

/** Region r's stability under one analysed share. */
export function regionStability(node: NodeStability, region: string, r: number): RegionStability {
  return {
    region, path: node.path, label: node.label, share: node.share, points: node.points, exact: node.exact,
    grade: node.grade ? property(node, node.grade, r) : null,
    ranks: node.ranks.map((k) => ({ within: k.within, ...property(node, k, r) })),
  };
}
