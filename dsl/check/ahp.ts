/** AHP (层次分析法): principal-eigenvector weights and Saaty's consistency ratio. */
import type { AhpResult } from "./types.js";

/** Saaty's random consistency index by matrix size (index = n). */
const RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

/** Weights and consistency of a positive reciprocal matrix (power iteration). */
export function ahpWeights(m: readonly (readonly number[])[]): AhpResult {
  const n = m.length;
  let w = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < 1000; it++) {
    const next = m.map((row) => row.reduce((s, a, j) => s + a * w[j]!, 0));
    const sum = next.reduce((a, b) => a + b, 0);
    const normalised = next.map((x) => x / sum);
    const moved = normalised.reduce((d, x, i) => Math.max(d, Math.abs(x - w[i]!)), 0);
    w = normalised;
    if (moved < 1e-13) break;
  }
  const aw = m.map((row) => row.reduce((s, a, j) => s + a * w[j]!, 0));
  const lambdaMax = n === 0 ? 0 : aw.reduce((s, x, i) => s + x / w[i]!, 0) / n;
  const ci = n > 2 ? (lambdaMax - n) / (n - 1) : 0;
  const ri = RANDOM_INDEX[n] ?? RANDOM_INDEX[RANDOM_INDEX.length - 1]!;
  const cr = n > 2 ? Math.max(0, ci / ri) : 0;
  return { weights: w, lambdaMax, ci: Math.max(0, ci), cr };
}
