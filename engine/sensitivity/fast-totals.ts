/**
 * The fast sampler's arithmetic: each indicator's effective share of the root for a sample's
 * perturbed shares (per share class), and the totals of a pass of samples at once — one pass
 * over the region-major fraction matrix serves every lane, so each fraction is read from memory
 * once per pass and the inner loop is one multiply-add per lane with no allocation. The pass
 * runs on the WebAssembly SIMD kernel where there is one (`wasm-totals.ts`, 16 lanes), else on
 * the JavaScript loop here (8 lanes); both give the same bits.
 */
import type { FastModel } from "./fast-model.js";
import type { SensitivityModel } from "./model.js";
import { wasmTotals } from "./wasm-totals.js";

/** Samples per pass of the JavaScript loop. */
export const JS_LANES = 8;

/** A pass of lane totals: fill `pts`, `run`, read `lanes`. */
export interface LaneKernel {
  /** Samples per pass. */
  readonly width: number;
  /** Effective shares: class c, indicator l, lane b at (c × m + l) × width + b. */
  readonly pts: Float64Array;
  /** The tree's share of the root: region i, lane b at i × width + b. */
  readonly lanes: Float64Array;
  /** Computes `lanes` from `pts`. */
  run(): void;
}

/**
 * Writes sample `lane`'s effective shares of the root into `pts` (class c, indicator l at
 * (c × m + l) × width + lane): down the tree in pre-order, each child gets its parent's share
 * × (its share × factor) / Σ siblings' (share × factor); 0 when the siblings' sum is 0.
 * `eff` is scratch with one slot per node.
 */
export function effectiveShares(fm: FastModel, model: SensitivityModel, factors: readonly (readonly number[])[], pts: Float64Array, lane: number, width: number, eff: Float64Array): void {
  const nodes = model.nodes;
  for (let c = 0; c < fm.classCount; c++) {
    const shares = fm.shares[c]!;
    eff[0] = 1;
    for (let k = 0; k < nodes.length; k++) {
      const children = nodes[k]!.children;
      if (children.length === 0) {
        const l = fm.leafSlot[k]!;
        if (l >= 0) pts[(c * fm.m + l) * width + lane] = eff[k]!;
        continue;
      }
      const s = shares[k]!;
      const f = factors[k]!;
      let sum = 0;
      for (let x = 0; x < children.length; x++) sum += s[x]! * f[x]!;
      for (let x = 0; x < children.length; x++) eff[children[x]!] = sum > 0 ? (eff[k]! * (s[x]! * f[x]!)) / sum : 0;
    }
  }
}

/** Sets lane `lane` of `pts` to 0 everywhere (a lane with no sample in it). */
export function clearLane(pts: Float64Array, lane: number, width: number): void {
  for (let q = lane; q < pts.length; q += width) pts[q] = 0;
}

/** out[i × 8 + b] = Σ_l fraction[i][l] × pts[class(i)][l][b], in indicator order: the JavaScript pass. */
export function laneTotals(fm: FastModel, pts: Float64Array, out: Float64Array): void {
  const { n, m, matrix, classOf } = fm;
  const stride = m * JS_LANES;
  for (let i = 0; i < n; i++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    const row = i * m;
    let q = classOf[i]! * stride;
    for (let l = 0; l < m; l++, q += JS_LANES) {
      const f = matrix[row + l]!;
      s0 += f * pts[q]!;
      s1 += f * pts[q + 1]!;
      s2 += f * pts[q + 2]!;
      s3 += f * pts[q + 3]!;
      s4 += f * pts[q + 4]!;
      s5 += f * pts[q + 5]!;
      s6 += f * pts[q + 6]!;
      s7 += f * pts[q + 7]!;
    }
    const o = i * JS_LANES;
    out[o] = s0; out[o + 1] = s1; out[o + 2] = s2; out[o + 3] = s3;
    out[o + 4] = s4; out[o + 5] = s5; out[o + 6] = s6; out[o + 7] = s7;
  }
}

/** The JavaScript pass as a kernel. */
export function jsKernel(fm: FastModel): LaneKernel {
  const pts = new Float64Array(fm.classCount * fm.m * JS_LANES);
  const lanes = new Float64Array(fm.n * JS_LANES);
  return { width: JS_LANES, pts, lanes, run: () => laneTotals(fm, pts, lanes) };
}

/** The fastest kernel available: WebAssembly SIMD, else the JavaScript pass (`prefer: "js"` forces it, for tests). */
export function laneKernel(fm: FastModel, prefer: "auto" | "js" = "auto"): LaneKernel {
  const w = prefer === "auto" ? wasmTotals(fm.n, fm.m, fm.matrix, fm.classOf, fm.classCount) : null;
  return w ?? jsKernel(fm);
}

/** Lane b's totals: the tree's share × the root's points, plus bonuses minus deductions. */
export function laneColumn(model: SensitivityModel, lanes: Float64Array, b: number, width: number, total: Float64Array): void {
  const { rootPoints, extra } = model;
  for (let i = 0; i < total.length; i++) total[i] = lanes[i * width + b]! * rootPoints[i]! + extra[i]!;
}
