/**
 * An indicator's scoring classes: regions scored by one body — a variant, its points and, for
 * min-max, the range of the other regions of the group — share what is built from it (a value
 * function, a scorer), made once per class. Most indicators have one variant and one points
 * value, so the class is the group (min-max, unless the region holds an end of it alone) or the
 * same for every region: those are found without a lookup per region.
 */

/** A min-max indicator's group range without region r (one occurrence of r's own value left out). */
export interface OthersRange { readonly lo: number; readonly hi: number; readonly alone: boolean }

/** Each region's group range of the scored values leaving out the region itself (only differs from the group's where it holds an end alone). */
export class OthersRanges {
  private readonly lo: Float64Array;
  private readonly lo2: Float64Array;
  private readonly hi: Float64Array;
  private readonly hi2: Float64Array;
  private readonly nLo: Int32Array;
  private readonly nHi: Int32Array;
  /** The group's range, one object per group (most regions read it); and a region's own where it holds an end alone. */
  private readonly shared: (OthersRange | undefined)[];
  /** Made on the first region that holds an end alone (few do: no column per indicator). */
  private own: (OthersRange | undefined)[] | null = null;

  constructor(private readonly x: Float64Array, private readonly g: { readonly ids: Int32Array; readonly count: number }) {
    const c = g.count;
    this.lo = new Float64Array(c).fill(Infinity);
    this.lo2 = new Float64Array(c).fill(Infinity);
    this.hi = new Float64Array(c).fill(-Infinity);
    this.hi2 = new Float64Array(c).fill(-Infinity);
    this.nLo = new Int32Array(c);
    this.nHi = new Int32Array(c);
    this.shared = new Array(c);
    const { lo, lo2, hi, hi2, nLo, nHi } = this;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v !== v) continue;
      const k = g.ids[i]!;
      if (v < lo[k]!) { lo2[k] = lo[k]!; lo[k] = v; nLo[k] = 1; } else if (v === lo[k]) nLo[k]!++; else if (v < lo2[k]!) lo2[k] = v;
      if (v > hi[k]!) { hi2[k] = hi[k]!; hi[k] = v; nHi[k] = 1; } else if (v === hi[k]) nHi[k]!++; else if (v > hi2[k]!) hi2[k] = v;
    }
  }

  /** Region r's group, or −1 when r holds an end of it alone (its range is then its own). */
  groupOf(r: number): number {
    const k = this.g.ids[r]!;
    const v = this.x[r]!;
    return (v === this.lo[k] && this.nLo[k] === 1) || (v === this.hi[k] && this.nHi[k] === 1) ? -1 : k;
  }

  /** The range of the other regions of r's group. */
  at(r: number): OthersRange {
    const k = this.groupOf(r);
    if (k >= 0) return (this.shared[k] ??= { lo: this.lo[k]!, hi: this.hi[k]!, alone: false });
    const own = (this.own ??= new Array(this.x.length));
    const seen = own[r];
    if (seen) return seen;
    const g = this.g.ids[r]!;
    const v = this.x[r]!;
    const aloneLo = v === this.lo[g] && this.nLo[g] === 1;
    const aloneHi = v === this.hi[g] && this.nHi[g] === 1;
    return (own[r] = { lo: aloneLo ? this.lo2[g]! : this.lo[g]!, hi: aloneHi ? this.hi2[g]! : this.hi[g]!, alone: true });
  }
}

/**
 * Region r's value of its class, `make` run once per class. With one variant and one points
 * value (bit for bit) the class is the region's group (or the same for all), kept per group;
 * else each region's numbers are looked up (`ClassMemo`) and the answer kept per region.
 */
export function perClass<T>(variant: Uint8Array | null, points: Float64Array, ranges: readonly (OthersRanges | null)[], make: (vi: number, points: number, range: OthersRange | null) => T): (r: number) => T {
  const memo = new ClassMemo<T>();
  const ask = (r: number): T => {
    const vi = variant ? variant[r]! : 0;
    const rg = ranges[vi]?.at(r) ?? null;
    let v = memo.get(vi, points[r]!, rg);
    if (v === undefined) memo.set(vi, points[r]!, rg, (v = make(vi, points[r]!, rg)));
    return v;
  };
  if (variant || !samePoints(points)) {
    const known: (T | undefined)[] = new Array(points.length);
    return (r) => {
      const v = known[r];
      return v !== undefined ? v : (known[r] = ask(r));
    };
  }
  const only = ranges[0];
  if (!only) {
    let single: T | undefined;
    return (r) => (single !== undefined ? single : (single = ask(r)));
  }
  // Per group; a region holding an end alone is its own class, which the memo keeps (its range is kept per region).
  const byGroup: (T | undefined)[] = [];
  return (r) => {
    const k = only.groupOf(r);
    if (k < 0) return ask(r);
    const w = byGroup[k];
    return w !== undefined ? w : (byGroup[k] = ask(r));
  };
}

/** True when every points value is the first's, bit for bit (-0 and 0 apart). */
function samePoints(points: Float64Array): boolean {
  const p = points[0];
  for (let i = 1; i < points.length; i++) if (!Object.is(points[i], p)) return false;
  return true;
}

/** Values per scoring class — a variant, its points and min-max's range (none: NaN) — keyed by the numbers themselves. */
class ClassMemo<T> {
  private readonly byKey = new Map<number, Map<number, Map<number, Map<number, T>>>>();
  /** The last two classes asked for (most regions share one or two, e.g. a variant per type): their keys and values, made once per slot. */
  private readonly slots = [new Slot<T>(), new Slot<T>()];
  private next = 0;
  get(vi: number, points: number, rg: { lo: number; hi: number } | null): T | undefined {
    const lo = rg ? rg.lo : NaN;
    const hi = rg ? rg.hi : NaN;
    for (const s of this.slots) if (s.full && s.vi === vi && Object.is(s.points, points) && Object.is(s.lo, lo) && Object.is(s.hi, hi)) return s.v;
    const v = this.byKey.get(vi)?.get(points)?.get(lo)?.get(hi);
    if (v !== undefined) {
      const s = this.slots[this.next]!;
      this.next = 1 - this.next;
      s.full = true; s.vi = vi; s.points = points; s.lo = lo; s.hi = hi; s.v = v;
    }
    return v;
  }
  set(vi: number, points: number, rg: { lo: number; hi: number } | null, v: T): void {
    for (const s of this.slots) s.full = false;
    let a = this.byKey.get(vi);
    if (!a) this.byKey.set(vi, (a = new Map()));
    let b = a.get(points);
    if (!b) a.set(points, (b = new Map()));
    const lo = rg ? rg.lo : NaN;
    let c = b.get(lo);
    if (!c) b.set(lo, (c = new Map()));
    c.set(rg ? rg.hi : NaN, v);
  }
}

/** One remembered class of a ClassMemo. */
class Slot<T> {
  full = false;
  vi = 0;
  points = 0;
  lo = 0;
  hi = 0;
  v: T | undefined = undefined;
}
