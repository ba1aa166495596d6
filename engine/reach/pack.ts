/**
 * Counterfactual results as a few flat arrays, for a worker thread to post: a region's ~200
 * single changes are otherwise ~200 objects each, and copying object graphs between threads
 * costs more than computing them. Unpacking gives the same results, key for key and in the
 * same key order (so the same JSON).
 */
import type { ReachResult, SingleChange } from "./index.js";

/** One region's counterfactual, as `reachAll` lists it. */
export interface ReachItem {
  readonly region: number;
  readonly result: ReachResult;
}

/** What is the same for every single change of a field. */
type FieldPart = Pick<SingleChange, "field" | "label" | "unit" | "indicators">;
/** What names a field in a combination's change. */
type ChangeName = { readonly field: string; readonly label: string };

/** Results as flat arrays (every field is posted by structured clone; the numbers' buffer can be moved). */
export interface ReachPack {
  /** Per result: region index, target, region id, already, blocked, and its count of singles and of combination changes (−1: none). */
  readonly heads: readonly { r: number; t: ReachResult["target"]; id: string; a: boolean; b: string | null; s: number; c: number; cost: number; gained: number }[];
  /** The fields' shared parts, the changed fields' names, and each single's (then each change's) field as an index into them. */
  readonly fields: readonly FieldPart[];
  readonly names: readonly ChangeName[];
  readonly fieldOf: Int32Array;
  /** Seven numbers per single (current, needed, change, cost, bound, points, total; NaN for null), then two per change (from, to). */
  readonly nums: Float64Array;
  /** Per single: its reason, as an index into `reasons` (−1: null); the reasons repeat, each is posted once. */
  readonly reasonOf: Int32Array;
  readonly reasons: readonly string[];
}

const PER_SINGLE = 7;

function counts(items: readonly ReachItem[]): { singles: number; changes: number } {
  let singles = 0;
  let changes = 0;
  for (const { result } of items) {
    singles += result.singles.length;
    changes += result.combination?.changes.length ?? 0;
  }
  return { singles, changes };
}

/** Distinct values by key, each numbered in the order first seen. */
class Interned<T> {
  readonly list: T[] = [];
  private readonly at = new Map<string, number>();

  /** The number of `key`'s value, made by `make` the first time. */
  index(key: string, make: () => T): number {
    let k = this.at.get(key);
    if (k === undefined) this.at.set(key, (k = this.list.push(make()) - 1));
    return k;
  }
}

/** Packs `reachAll`'s results. */
export function packReach(items: readonly ReachItem[]): ReachPack {
  const n = counts(items);
  const nums = new Float64Array(n.singles * PER_SINGLE + n.changes * 2);
  const fieldOf = new Int32Array(n.singles + n.changes);
  const fields = new Interned<FieldPart>();
  const names = new Interned<ChangeName>();
  const reasons = new Interned<string>();
  const reasonOf = new Int32Array(n.singles);
  let at = 0;
  let slot = 0;
  let single = 0;
  const heads = items.map(({ region, result: res }) => {
    for (const s of res.singles) {
      fieldOf[slot++] = fields.index(s.field, () => ({ field: s.field, label: s.label, unit: s.unit, indicators: s.indicators }));
      nums[at] = s.current;
      nums[at + 1] = s.needed ?? NaN;
      nums[at + 2] = s.change ?? NaN;
      nums[at + 3] = s.cost ?? NaN;
      nums[at + 4] = s.bound;
      nums[at + 5] = s.pointsGained;
      nums[at + 6] = s.totalGained;
      at += PER_SINGLE;
      const why = s.reason;
      reasonOf[single++] = why === null ? -1 : reasons.index(why, () => why);
    }
    const c = res.combination;
    for (const ch of c?.changes ?? []) {
      fieldOf[slot++] = names.index(ch.field, () => ({ field: ch.field, label: ch.label }));
      nums[at++] = ch.from;
      nums[at++] = ch.to;
    }
    return { r: region, t: res.target, id: res.region, a: res.already, b: res.blocked, s: res.singles.length, c: c ? c.changes.length : -1, cost: c?.cost ?? NaN, gained: c?.totalGained ?? NaN };
  });
  return { heads, fields: fields.list, names: names.list, fieldOf, nums, reasonOf, reasons: reasons.list };
}

const orNull = (x: number) => (x === x ? x : null);
const reasonAt = (p: ReachPack, k: number) => (p.reasonOf[k]! < 0 ? null : p.reasons[p.reasonOf[k]!]!);

/** The results a pack holds. */
export function unpackReach(p: ReachPack): ReachItem[] {
  let at = 0;
  let slot = 0;
  let single = 0;
  return p.heads.map((h) => {
    const singles: SingleChange[] = new Array(h.s);
    for (let k = 0; k < h.s; k++, at += PER_SINGLE) {
      const f = p.fields[p.fieldOf[slot++]!]!;
      const x = p.nums;
      singles[k] = {
        field: f.field, label: f.label, unit: f.unit, indicators: f.indicators,
        current: x[at]!, needed: orNull(x[at + 1]!), change: orNull(x[at + 2]!), cost: orNull(x[at + 3]!),
        bound: x[at + 4]!, pointsGained: x[at + 5]!, totalGained: x[at + 6]!, reason: reasonAt(p, single++),
      };
    }
    let combination: ReachResult["combination"] = null;
    if (h.c >= 0) {
      const changes = Array.from({ length: h.c }, () => {
        const f = p.names[p.fieldOf[slot++]!]!;
        const from = p.nums[at++]!;
        return { field: f.field, label: f.label, from, to: p.nums[at++]! };
      });
      combination = { changes, cost: h.cost, totalGained: h.gained };
    }
    return { region: h.r, result: { region: h.id, target: h.t, singles, combination, already: h.a, blocked: h.b } };
  });
}
