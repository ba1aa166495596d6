/**
 * Qualitative-indicator kernels: expert panels (去掉最高分和最低分), ballots (繁重×100+较多×80…
 * ÷有效票数) and fuzzy comprehensive evaluation (membership-weighted grade values). Each yields
 * the indicator's raw value on the rating scale; the method then divides by the scale.
 */

/** How a panel's ratings are trimmed. */
export interface TrimRule {
  /** Ratings dropped at each end. */
  readonly trim: number;
  /** Trim only when there are more raters than this (null: whenever enough ratings remain). */
  readonly above: number | null;
}

/**
 * Trimmed mean of one region's ratings: `trim` dropped at each end when the rule applies and at
 * least one rating remains, else the plain mean; no (finite) ratings → missing.
 */
export function trimmedMean(ratings: readonly number[] | null | undefined, rule: TrimRule | null): number {
  const xs = (ratings ?? []).filter((r) => Number.isFinite(r));
  if (xs.length === 0) return NaN;
  const applies = rule !== null && rule.trim > 0 && (rule.above === null || xs.length > rule.above) && xs.length - 2 * rule.trim >= 1;
  let kept = xs;
  if (applies) {
    xs.sort((a, b) => a - b);
    kept = xs.slice(rule.trim, xs.length - rule.trim);
  }
  let sum = 0;
  for (const x of kept) sum += x;
  return sum / kept.length;
}

/** The panel value column: each region's trimmed mean rating (missing when it has none). */
export function panelValues(ratings: readonly (readonly number[] | null | undefined)[], n: number, rule: TrimRule | null): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = trimmedMean(ratings[i], rule);
  return out;
}

/**
 * Weighted average of category values by counts (ballots) or memberships (fuzzy):
 * Σ countₖ·valueₖ / Σ countₖ; a missing count makes the region missing; no ballots at all → 0.
 */
export function weightedCategories(counts: readonly Float64Array[], values: readonly Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let num = 0;
    let den = 0;
    for (let k = 0; k < counts.length; k++) {
      const c = counts[k]![i]!;
      num += c * values[k]![i]!;
      den += c;
    }
    out[i] = den !== den ? NaN : den === 0 ? 0 : num / den;
  }
  return out;
}
