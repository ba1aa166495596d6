/** The bulletin (考核通报) as data: what the printed report shows, computed from one run's results. */

/** One row of a ranking table. */
export interface RankingRow {
  readonly region: string;
  readonly total: number;
  readonly rank: number;
  readonly rankWithin: number | null;
  readonly grade: string | null;
  /** `quota-at-most`, `veto`, … when the grade is not simply the one the total earns. */
  readonly gradeReason: string | null;
  readonly flags: readonly string[];
}

/** The ranking of one type of a typology (or of all regions when the scheme has no typology). */
export interface RankingGroup {
  readonly title: string;
  readonly rows: readonly RankingRow[];
}

/** A histogram bin of totals. */
export interface Bin { readonly from: number; readonly to: number; readonly count: number }

/** A region at the top or bottom of a dimension. */
export interface Standing { readonly region: string; readonly score: number; readonly points: number }

/** A dimension's leaders and laggards. */
export interface DimensionStandings {
  readonly path: string;
  readonly label: string;
  readonly points: number;
  readonly leaders: readonly Standing[];
  readonly laggards: readonly Standing[];
}

/** A region's rank then and now. */
export interface RankChange { readonly region: string; readonly before: number; readonly after: number }

/** A region whose grade is not the one its total earns by threshold. */
export interface Displacement {
  readonly region: string;
  readonly total: number;
  readonly earned: string;
  readonly got: string;
  readonly reason: string;
}

/** One bar of a region's contribution chart. */
export interface Contribution { readonly path: string; readonly label: string; readonly points: number; readonly score: number }

/** A region's page. */
export interface RegionPage {
  readonly region: string;
  readonly types: readonly string[];
  readonly total: number;
  readonly treeScore: number;
  readonly bonus: number;
  readonly deduction: number;
  readonly grade: string | null;
  readonly rank: number;
  readonly contributions: readonly Contribution[];
  /** Bonus and deduction items, vetoes and flags that fired, as text. */
  readonly fired: readonly { readonly kind: "bonus" | "deduction" | "veto" | "flag" | "alert"; readonly text: string; readonly amount: number | null }[];
  /** What it would take to reach the next grade, in words; null when there is none to reach. */
  readonly nextGrade: readonly string[] | null;
}

/** Everything the bulletin prints. */
export interface Bulletin {
  readonly title: string;
  readonly period: string | null;
  readonly receipt: string;
  readonly regionCount: number;
  readonly gradeCounts: readonly { readonly grade: string; readonly count: number }[];
  readonly rankings: readonly RankingGroup[];
  readonly distribution: { readonly bins: readonly Bin[]; readonly thresholds: readonly { readonly grade: string; readonly total: number }[] };
  readonly dimensions: readonly DimensionStandings[];
  readonly rankChanges: { readonly against: string; readonly changes: readonly RankChange[] } | null;
  readonly displaced: readonly Displacement[];
  readonly regions: readonly RegionPage[];
}
