/**
 * What an indicator keeps per region after it ran. Only the score is a full column of its own;
 * the value is the dataset's (or transform's) column, missing values and their imputations are
 * kept sparsely, and status bits are allocated only when something rare happens (a cap, a zero,
 * an exemption …). That keeps evaluation memory close to one Float64 column per indicator.
 */
import type { PointsPlan } from "./graph.js";
import { STATUS } from "./ops/adjust.js";
import type { MethodParam } from "./exec-method.js";
import type { ScoreBlocks } from "./ops/deferred.js";
import type { Runtime } from "./runtime.js";

/** Status bits set only when needed (most regions of most indicators have none). */
export class StatusBits {
  private bits: Uint8Array | null = null;

  constructor(private readonly n: number) {}

  /** Sets a bit for region i. */
  set(i: number, bit: number): void {
    this.bits ??= new Uint8Array(this.n);
    this.bits[i]! |= bit;
  }

  /** True when some region has a bit set. */
  any(): boolean {
    return this.bits !== null;
  }

  /** The bits of region i. */
  get(i: number): number {
    return this.bits ? this.bits[i]! : 0;
  }
}

/** One variant's adjustments and method parameters, kept for explanations. */
export interface VariantRun {
  readonly adjustments: readonly { readonly sign: "add" | "deduct"; readonly label: string | null; readonly amount: Float64Array }[];
  /** The method's parameters per region, given the scored values (`scoredValues`). */
  readonly params: (x: Float64Array) => MethodParam[];
}

/** What one variant computed over all regions (before the variants are merged and missing scores resolved). */
export interface VariantResult {
  /** The value after its transform. */
  readonly t: Float64Array;
  readonly missing: Int32Array;
  readonly imputed: Float64Array;
  readonly base: Float64Array;
  readonly score: Float64Array;
  /** True when some scores are missing (NaN). */
  readonly nan: boolean;
  readonly status: StatusBits;
  readonly inapplicable: Float64Array | null;
  readonly run: VariantRun;
}

/** Everything an indicator computed, per region. */
export interface IndicatorDetail {
  readonly kind: "indicator";
  readonly points: Float64Array;
  /** The value as read, before transform and imputation (NaN where missing). */
  readonly raw: Float64Array;
  /** The value after its transform (the same column as `raw` without one). */
  readonly transformed: Float64Array;
  /** Regions whose value was missing, ascending. */
  readonly missing: Int32Array;
  /** The imputed value of each region in `missing` (NaN where none could be imputed). */
  readonly imputed: Float64Array;
  /** The method's score before adjustments. */
  readonly base: Float64Array;
  readonly score: Float64Array;
  /** Rare status bits (`STATUS`: capped, floored, zeroed, exempt, inapplicable, dropped). */
  readonly status: StatusBits;
  /** Which variant each region used (null: all used the base). */
  readonly variant: Uint8Array | null;
  readonly variants: readonly VariantRun[];
  /** Where the missing-data policy dropped the indicator (null: nowhere). */
  readonly dropped: Uint8Array | null;
  /** The scores not yet computed as a column (a plain indicator's): its group adds them up block by block. */
  readonly deferred?: ScoreBlocks;
}

/** Position of the first entry of ascending `sorted` that is ≥ i (its length when none). */
export function firstAtOrAfter(sorted: Int32Array, i: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of region i in the sorted `missing` list, or −1. */
export function missingIndex(missing: Int32Array, i: number): number {
  const at = firstAtOrAfter(missing, i);
  return at < missing.length && missing[at] === i ? at : -1;
}

/** All status bits of region i, including missing and imputed. */
export function statusAt(d: IndicatorDetail, i: number): number {
  let bits = d.status.get(i);
  const k = missingIndex(d.missing, i);
  if (k >= 0) bits |= STATUS.missing | (d.imputed[k] === d.imputed[k] ? STATUS.imputed : 0);
  return bits;
}

/** The value region i was scored on (after transform and imputation; NaN when missing). */
export function scoredValue(d: IndicatorDetail, i: number): number {
  const k = missingIndex(d.missing, i);
  return k >= 0 ? d.imputed[k]! : d.transformed[i]!;
}

/** The whole column of values scored (transform and imputations applied). */
export function scoredValues(d: IndicatorDetail): Float64Array {
  const x = d.transformed.slice();
  d.missing.forEach((i, k) => { x[i] = d.imputed[k]!; });
  return x;
}

/** A node's points per region: the base points, or a type's own where `for T points n` changed them. */
export function pointsColumn(p: PointsPlan, rt: Runtime): Float64Array {
  if (p.byType.length === 0) return rt.fill(p.base);
  const out = new Float64Array(rt.n).fill(p.base);
  for (const t of p.byType) {
    const ids = rt.grouping(t.typology).ids;
    for (let i = 0; i < rt.n; i++) if (ids[i] === t.type) out[i] = t.points;
  }
  return out;
}
