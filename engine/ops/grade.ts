/**
 * Grades by threshold with rank quotas, vetoes and vacancy refill. Within each group (all
 * regions, or each type for `grades within T`), regions are taken best total first:
 * - a level's candidates are the ungraded regions whose total meets its threshold;
 * - `quota at most k` (k regions, or k% of the group's regions rounded down) keeps the best k;
 *   **a tie at the quota boundary** (the k-th and the (k+1)-th totals are equal) sends every
 *   region of that tie below the level, so the quota is never exceeded; those left out compete
 *   for the next level;
 * - `quota at least k` (k%, rounded up) raises the best regions of lower levels until k hold the
 *   level (for the last, catch-all level: lowers the worst regions), ties at the boundary all move;
 * - a veto sets a ceiling: the region can get its forced grade or a worse one, never better
 *   (`veto` without a grade: the lowest; `veto top`: anything but the first). Above its ceiling,
 *   without `refill`, the region still occupies — once — the quota place its total would have
 *   earned (the place stays empty); with `refill` (缺额依次递补) that place goes to the next
 *   region in rank.
 */
import { sameValue, type Grouping } from "./column.js";
import { rankOrder } from "./rank.js";

/** A quota on a level: a count or a percentage of the group's regions. */
export interface QuotaSpec {
  readonly bound: "at-most" | "at-least";
  readonly value: number;
  readonly percent: boolean;
}

/** One grade level with its threshold evaluated. */
export interface LevelSpec {
  readonly op: ">=" | ">" | null;
  /** Threshold per region; null for the last, catch-all level. */
  readonly threshold: Float64Array | null;
  /** True when the threshold is the same for every region: then, best total first, those meeting it come first. */
  readonly uniform?: boolean;
  readonly quotas: readonly QuotaSpec[];
}

/** Why a region got its grade (`veto`/`veto-top`: its total earned a better grade than the veto allows). */
export const GRADE_REASONS = ["threshold", "quota-at-most", "quota-at-least", "veto", "veto-top"] as const;

/** What grading needs. */
export interface GradeInput {
  readonly total: Float64Array;
  readonly levels: readonly LevelSpec[];
  readonly group: Grouping;
  readonly refill: boolean;
  /** The best level a veto allows each region (0: no veto). */
  readonly ceiling: Int32Array;
  /** The reason to give where the ceiling kept a region down (3 veto, 4 veto top). */
  readonly vetoReason: Uint8Array;
  /** `rankOrder(total, group, true)`, when already computed. */
  readonly order?: Int32Array;
}

/** Each region's level index and the reason (index into `GRADE_REASONS`). */
export interface Graded {
  readonly level: Int32Array;
  readonly reason: Uint8Array;
  /** Groups whose `at least` quota could not be met, by level index. */
  readonly unmet: readonly { readonly group: number; readonly level: number }[];
}

/** How many regions a quota allows (at most, rounded down) or requires (at least, rounded up). */
export function quotaCount(q: QuotaSpec, groupSize: number): number {
  if (!q.percent) return Math.max(0, Math.floor(q.value));
  const exact = (q.value * groupSize) / 100;
  return q.bound === "at-most" ? Math.floor(exact + 1e-9) : Math.ceil(exact - 1e-9);
}

function meets(l: LevelSpec, total: number, i: number): boolean {
  if (!l.threshold) return true;
  const t = l.threshold[i]!;
  return l.op === ">" ? total > t && !sameValue(total, t) : total >= t || sameValue(total, t);
}

/** Grades every region. */
export function grade(input: GradeInput): Graded {
  const n = input.total.length;
  const level = new Int32Array(n).fill(-1);
  const reason = new Uint8Array(n);
  const order = input.order ?? rankOrder(input.total, input.group, true);
  const members = splitGroups(order, input.group);
  const unmet: { group: number; level: number }[] = [];
  members.forEach((m, g) => {
    gradeGroup(input, m, level, reason);
    for (const l of atLeast(input, m, level, reason)) unmet.push({ group: g, level: l });
  });
  const last = input.levels.length - 1;
  for (let i = 0; i < n; i++) if (level[i] === -1) level[i] = last;
  return { level, reason, unmet };
}

/** Each group's regions in the order given (best first), as views of one buffer. */
function splitGroups(order: Int32Array, g: Grouping): Int32Array[] {
  const starts = new Int32Array(g.count + 1);
  for (let p = 0; p < order.length; p++) starts[g.ids[order[p]!]! + 1]!++;
  for (let k = 0; k < g.count; k++) starts[k + 1]! += starts[k]!;
  const all = new Int32Array(order.length);
  const next = starts.slice(0, g.count);
  for (let p = 0; p < order.length; p++) { const i = order[p]!; all[next[g.ids[i]!]!++] = i; }
  return Array.from({ length: g.count }, (_, k) => all.subarray(starts[k]!, starts[k + 1]!));
}

const NONE = 0;
const REAL = 1;
const GHOST = 2;

/** Top-down pass over the levels for one group's regions (best first). */
function gradeGroup(input: GradeInput, members: Int32Array, level: Int32Array, reason: Uint8Array): void {
  const { levels, total, refill } = input;
  const m = members.length;
  const ghostDone = new Uint8Array(m);
  // Candidates of the level, best first: their positions in `members`, and which are ghosts.
  const cands = new Int32Array(m);
  const ghost = new Uint8Array(m);
  // Positions still ungraded, best first: a region graded at one level takes part in no later one.
  const rest = new Int32Array(m);
  for (let k = 0; k < m; k++) rest[k] = k;
  let restCount = m;
  for (let l = 0; l < levels.length; l++) {
    let count = 0;
    let kept = 0;
    const prefix = levels[l]!.uniform === true && levels[l]!.threshold !== null;
    for (let r = 0; r < restCount; r++) {
      const k = rest[r]!;
      const i = members[k]!;
      if (level[i] !== -1) continue;
      if (prefix && !meets(levels[l]!, total[i]!, i)) {
        // Nobody after this region meets the level's threshold either: keep them all for the next level.
        rest.copyWithin(kept, r, restCount);
        kept += restCount - r;
        break;
      }
      rest[kept++] = k;
      const kind = candidacy(input, i, l, level[i]!, ghostDone[k] === 1);
      if (kind === NONE) continue;
      if (kind === GHOST) {
        reason[i] = input.vetoReason[i]!;
        if (refill) continue;
      }
      cands[count] = k;
      ghost[count++] = kind === GHOST ? 1 : 0;
    }
    restCount = kept;
    const taken = takeWithinQuota(levels[l]!, total, members, cands, count, m);
    for (let c = 0; c < count; c++) {
      const k = cands[c]!;
      const i = members[k]!;
      if (ghost[c]) {
        if (c < taken) ghostDone[k] = 1;
      } else if (c < taken) level[i] = l;
      else reason[i] = 1;
    }
  }
}

/**
 * How region i takes part in level l: as a real candidate (REAL); as a ghost (GHOST), above its
 * veto ceiling, holding a quota place without taking the grade (once); or not at all (NONE).
 */
function candidacy(input: GradeInput, i: number, l: number, current: number, ghostDone: boolean): number {
  const last = input.levels.length - 1;
  if (current !== -1) return NONE;
  const qualifies = l === last || meets(input.levels[l]!, input.total[i]!, i);
  if (!qualifies) return NONE;
  if (l < input.ceiling[i]!) return ghostDone ? NONE : GHOST;
  return REAL;
}

/** How many of the (best-first) candidates a level's `at most` quotas let in, ties at the boundary kept out. */
function takeWithinQuota(l: LevelSpec, total: Float64Array, members: Int32Array, cands: Int32Array, count: number, groupSize: number): number {
  let limit = count;
  for (const q of l.quotas) if (q.bound === "at-most") limit = Math.min(limit, quotaCount(q, groupSize));
  if (limit >= count) return count;
  const at = (c: number) => total[members[cands[c]!]!]!;
  while (limit > 0 && sameValue(at(limit - 1), at(limit))) limit--;
  return limit;
}

/** Applies `at least` quotas; returns the levels whose quota could not be met. */
function atLeast(input: GradeInput, members: Int32Array, level: Int32Array, reason: Uint8Array): number[] {
  const unmet: number[] = [];
  const last = input.levels.length - 1;
  input.levels.forEach((l, li) => {
    for (const q of l.quotas) {
      if (q.bound !== "at-least") continue;
      const need = quotaCount(q, members.length);
      const ok = li === last ? lowerInto(input, members, level, reason, li, need) : raiseInto(input, members, level, reason, li, need);
      if (!ok) unmet.push(li);
    }
  });
  return unmet;
}

function countAt(members: Int32Array, level: Int32Array, li: number, last: number): number {
  let c = 0;
  for (const i of members) if (level[i] === li || (li === last && level[i] === -1)) c++;
  return c;
}

/** Raises the best regions graded below `li` until `need` hold it; ties with the last raised move too. */
function raiseInto(input: GradeInput, members: Int32Array, level: Int32Array, reason: Uint8Array, li: number, need: number): boolean {
  const last = input.levels.length - 1;
  let have = countAt(members, level, li, last);
  let boundary = NaN;
  for (const i of members) {
    const cur = level[i] === -1 ? last : level[i]!;
    if (cur <= li || li < input.ceiling[i]!) continue;
    const t = input.total[i]!;
    if (have >= need && !sameValue(t, boundary)) break;
    level[i] = li;
    reason[i] = 2;
    have++;
    boundary = t;
  }
  return have >= need;
}

/** Lowers the worst regions into the last level until `need` hold it; ties with the last lowered move too. */
function lowerInto(input: GradeInput, members: Int32Array, level: Int32Array, reason: Uint8Array, li: number, need: number): boolean {
  let have = countAt(members, level, li, li);
  let boundary = NaN;
  for (let k = members.length - 1; k >= 0; k--) {
    const i = members[k]!;
    if (level[i] === li || level[i] === -1) continue;
    const t = input.total[i]!;
    if (have >= need && !sameValue(t, boundary)) break;
    level[i] = li;
    reason[i] = 2;
    have++;
    boundary = t;
  }
  return have >= need;
}
