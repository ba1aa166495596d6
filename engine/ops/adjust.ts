/**
 * Finishing an indicator's score and handling its missing values.
 * score = clamp(base + Σ add − Σ deduct, floor, cap), then `zero when` sets it to 0. The cap
 * defaults to the item's points and the floor to 0 (扣完为止). Deductions are skipped where an
 * `exempt when` holds. Status bits per region record what happened, for explanations.
 */
import { isTrue, type Grouping } from "./column.js";
import { broadcast, groupMeans } from "./cross.js";

/** Where status bits go (set rarely, so it may allocate lazily). */
export interface BitSink {
  set(i: number, bit: number): void;
}

/** Status bits of an indicator per region. */
export const STATUS = {
  missing: 1, imputed: 2, dropped: 4, zeroed: 8, exempt: 16, inapplicable: 32, capped: 64, floored: 128,
} as const;

/** What finishing needs; columns are per region. */
export interface FinishInput {
  readonly base: Float64Array;
  /** True when `base` is a fresh column this indicator owns (so it may double as the score). */
  readonly owned: boolean;
  /**
   * True when the method guarantees 0 ≤ base ≤ points wherever the value is present, and a
   * missing base exactly where the value is missing: then the default clamp has nothing to do.
   */
  readonly bounded: boolean;
  readonly adds: Float64Array | null;
  readonly deducts: Float64Array | null;
  readonly exempt: Float64Array | null;
  readonly zero: Float64Array | null;
  readonly floor: Float64Array | null;
  readonly cap: Float64Array | null;
  readonly points: Float64Array;
}

/** The finished scores and how many are still missing (NaN) — not counting those of a bounded method. */
export interface Finished {
  readonly score: Float64Array;
  readonly missing: number;
}

/** Finishes scores, setting status bits; the base itself is the score when nothing changes it. */
export function finish(f: FinishInput, status: BitSink): Finished {
  if (!f.adds && !f.deducts && !f.zero && !f.floor && !f.cap) {
    // The missing scores are counted by the caller (they are where the value stayed missing).
    if (f.bounded && f.owned) return { score: f.base, missing: 0 };
    return clampToPoints(f.base, f.owned, f.points, status);
  }
  const { base, adds, deducts, exempt, zero, floor, cap, points } = f;
  const out = new Float64Array(base.length);
  let missing = 0;
  for (let i = 0; i < out.length; i++) {
    let s = base[i]!;
    if (adds) s += adds[i]!;
    if (deducts) {
      if (exempt && isTrue(exempt[i]!)) status.set(i, STATUS.exempt);
      else s -= deducts[i]!;
    }
    const hi = cap ? cap[i]! : points[i]!;
    const lo = floor ? floor[i]! : 0;
    if (s > hi) { s = hi; status.set(i, STATUS.capped); }
    if (s < lo) { s = lo; status.set(i, STATUS.floored); }
    if (zero && isTrue(zero[i]!)) { s = 0; status.set(i, STATUS.zeroed); }
    if (s !== s) missing++;
    out[i] = s;
  }
  return { score: out, missing };
}

/** The common case: only the default cap (the points) and floor (0). */
function clampToPoints(base: Float64Array, owned: boolean, points: Float64Array, status: BitSink): Finished {
  let inRange = owned;
  let missing = 0;
  for (let i = 0; i < base.length; i++) {
    const s = base[i]!;
    if (s > points[i]! || s < 0) inRange = false;
    else if (s !== s) missing++;
  }
  if (inRange && missing === 0) return { score: base, missing: 0 };
  const out = new Float64Array(base.length);
  for (let i = 0; i < out.length; i++) {
    const s = base[i]!;
    const hi = points[i]!;
    if (s > hi) { out[i] = hi; status.set(i, STATUS.capped); }
    else if (s < 0) { out[i] = 0; status.set(i, STATUS.floored); }
    else out[i] = s;
  }
  return { score: out, missing };
}

/** Element-wise `or` of condition columns (null when there are none). */
export function anyTrue(conds: readonly Float64Array[], n: number): Float64Array | null {
  if (conds.length === 0) return null;
  if (conds.length === 1) return conds[0]!;
  const out = new Float64Array(n);
  for (const c of conds) for (let i = 0; i < n; i++) if (isTrue(c[i]!)) out[i] = 1;
  return out;
}

/** Sums item amounts (null when there are none). */
export function sumColumns(cols: readonly Float64Array[], n: number): Float64Array | null {
  if (cols.length === 0) return null;
  const out = new Float64Array(n);
  for (const c of cols) for (let i = 0; i < n; i++) out[i] = out[i]! + c[i]!;
  return out;
}

/**
 * The peers' average for inapplicable regions (不适用 → 按平均分得分): the mean fraction of the
 * applicable regions of the group, times the region's points; a group with no applicable region
 * gives full marks. Writes into `score` where `inapplicable` is set.
 */
export function peerAverage(score: Float64Array, points: Float64Array, inapplicable: Uint8Array, excluded: Uint8Array | null, g: Grouping): void {
  const frac = new Float64Array(score.length).fill(NaN);
  for (let i = 0; i < score.length; i++) {
    if (inapplicable[i] || (excluded && excluded[i])) continue;
    frac[i] = points[i] === 0 ? 0 : score[i]! / points[i]!;
  }
  const means = broadcast(groupMeans(frac, g), g);
  for (let i = 0; i < score.length; i++) {
    if (!inapplicable[i]) continue;
    const m = means[i]!;
    score[i] = (m === m ? m : 1) * points[i]!;
  }
}
