/** The shape of an impact diff: each region's score, rank and grade under two scheme versions. */
import type { Span } from "../../dsl/source.js";
import type { DiffSide } from "./types.js";

/** One region's outcome under one version. */
export interface RegionOutcome {
  readonly total: number;
  readonly treeScore: number;
  readonly bonus: number;
  readonly deduction: number;
  /** Overall competition rank (1, 2, 2, 4). */
  readonly rank: number;
  /** The grade label, or null when the scheme has no grades. */
  readonly grade: string | null;
}

/** An indicator whose contribution to a region's total changed. */
export interface Driver {
  /** The indicator's path in the new version (in the old one when it was removed). */
  readonly path: string;
  /** Its path in the old version when it differs, or null. */
  readonly oldPath: string | null;
  readonly label: string;
  /** Contribution (points added to the total) under each version; 0 where the indicator does not exist. */
  readonly old: number;
  readonly new: number;
  readonly delta: number;
}

/** One region under both versions. */
export interface RegionImpact {
  readonly region: string;
  /** Null when the region is not in the dataset as loaded for that version. */
  readonly old: RegionOutcome | null;
  readonly new: RegionOutcome | null;
  /** new total − old total. */
  readonly scoreDelta: number | null;
  /** old rank − new rank: positive means the region moved up. */
  readonly rankGain: number | null;
  readonly gradeChanged: boolean;
  /** The indicators whose contribution changed most, largest |delta| first. */
  readonly drivers: readonly Driver[];
}

/** The impact diff of two versions on one dataset. */
export interface ImpactDiff {
  readonly format: 1;
  readonly old: DiffSide;
  readonly new: DiffSide;
  /** Sorted by |rank change| (largest first), then |score change|, then new rank, then id. */
  readonly regions: readonly RegionImpact[];
  readonly summary: {
    readonly regions: number;
    readonly rankChanged: number;
    readonly gradeChanged: number;
    /** Largest |score change|. */
    readonly maxScoreChange: number;
  };
}

/** A problem building or evaluating one of the versions. */
export interface ImpactIssue {
  readonly side: "old" | "new";
  readonly severity: "error" | "warning";
  readonly code: string;
  readonly message: string;
  /** Where in that version's text, when the issue has a place. */
  readonly span: Span | null;
}
