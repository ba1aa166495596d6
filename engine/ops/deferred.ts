/**
 * Scores computed when read (see engine/README.md, "Deferred scores"): a plain indicator's
 * (engine/exec-indicator-fast.ts), a group's weighted sum of such children, and a per-type pick
 * between variants. Each scores a block of regions at a time — written, or added into a
 * parent's block — and computes its whole column only when someone reads it.
 */

/** Scores computed when read (a plain indicator's, see engine/exec-indicator-fast.ts, or a sum of such). */
export interface ScoreBlocks {
  /** True once the whole column exists (then `score` is read as usual). */
  readonly computed: boolean;
  /** Writes the scores of regions from..to−1 into out[0 .. to−from). */
  block(from: number, to: number, out: Float64Array): void;
  /** Adds k × the scores of regions from..to−1 to out[0 .. to−from) (`buf`: scratch of at least that length). */
  addBlock(from: number, to: number, k: number, out: Float64Array, buf: Float64Array): void;
  /** Every region's score (computed on first read, then kept). */
  column(): Float64Array;
}

/** out[i] += k × s[i] for i in 0 .. m−1: a block's scores added to a sum. */
export function addScaledBlock(out: Float64Array, k: number, s: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) out[i] = out[i]! + k * s[i]!;
}

/** `addBlock` by way of `block` (for deferred scores that cannot add in place). */
function addViaBlock(s: ScoreBlocks, from: number, to: number, k: number, out: Float64Array, buf: Float64Array): void {
  s.block(from, to, buf);
  addScaledBlock(out, k, buf, to - from);
}

/** Regions per block: a block's sums and scores stay in the first-level cache. */
export const BLOCK = 2048;

/** Computes a whole column from `block` (for deferred scores that have no faster way). */
export function blocksColumn(s: Pick<ScoreBlocks, "block">, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    s.block(from, to, out.subarray(from, to));
  }
  return out;
}

/**
 * A group's score left deferred: the weighted arithmetic mean of children that are all deferred
 * (constant points and weights, none dropped), times the group's constant points. Block by block
 * it makes the additions `arithmetic` and `runGroup` make, in the same order.
 */
export class DeferredSum implements ScoreBlocks {
  private kept: Float64Array | null = null;
  private readonly buf: Float64Array;

  constructor(private readonly children: readonly ScoreBlocks[], private readonly ks: readonly number[], private readonly wtotal: number, private readonly points: number, private readonly n: number) {
    this.buf = new Float64Array(Math.min(BLOCK, n));
  }

  get computed(): boolean {
    return this.kept !== null;
  }

  block(from: number, to: number, out: Float64Array): void {
    const m = to - from;
    if (this.kept) {
      out.set(this.kept.subarray(from, to));
      return;
    }
    out.fill(0, 0, m);
    for (let j = 0; j < this.children.length; j++) this.children[j]!.addBlock(from, to, this.ks[j]!, out, this.buf);
    const w = this.wtotal;
    if (w > 0 && Math.abs(w - 1) > 1e-12) for (let i = 0; i < m; i++) out[i] = out[i]! / w;
    else if (!(w > 0)) out.fill(0, 0, m);
    const p = this.points;
    for (let i = 0; i < m; i++) out[i] = out[i]! * p;
  }

  addBlock(from: number, to: number, k: number, out: Float64Array, buf: Float64Array): void {
    addViaBlock(this, from, to, k, out, buf);
  }

  column(): Float64Array {
    this.kept ??= blocksColumn(this, this.n);
    return this.kept;
  }
}

/** Deferred scores that differ by region type: each region takes its own variant's (`sel`), as a merge of columns would. */
export class DeferredPick implements ScoreBlocks {
  private kept: Float64Array | null = null;
  private readonly bufs: Float64Array[];

  constructor(private readonly variants: readonly ScoreBlocks[], private readonly sel: Uint8Array) {
    this.bufs = variants.map(() => new Float64Array(Math.min(BLOCK, sel.length)));
  }

  get computed(): boolean {
    return this.kept !== null;
  }

  block(from: number, to: number, out: Float64Array): void {
    if (this.kept) {
      out.set(this.kept.subarray(from, to));
      return;
    }
    this.variants[0]!.block(from, to, out);
    for (let v = 1; v < this.variants.length; v++) {
      const b = this.bufs[v]!;
      this.variants[v]!.block(from, to, b);
      for (let i = from; i < to; i++) if (this.sel[i] === v) out[i - from] = b[i - from]!;
    }
  }

  addBlock(from: number, to: number, k: number, out: Float64Array, buf: Float64Array): void {
    addViaBlock(this, from, to, k, out, buf);
  }

  column(): Float64Array {
    this.kept ??= blocksColumn(this, this.sel.length);
    return this.kept;
  }
}
