/** Sensitivity options, their defaults and their validation (bad options are issues, not exceptions). */

/** How shares are perturbed. */
export type SamplingMode = "uniform" | "dirichlet";

/** What a sample perturbs besides the shares. */
export type Perturb = "weights" | "rules" | "both";

/** A sweep of one share from `from` to `to` in `steps` equal steps (what-if at each point). */
export interface Sweep {
  readonly path: string;
  /** `weight` (a fraction of the parent, the default) or `points`. */
  readonly field?: "weight" | "points";
  readonly from: number;
  readonly to: number;
  readonly steps: number;
}

/** What to sample and how. */
export interface SensitivityOptions {
  /** Monte Carlo samples (0: none, e.g. for a sweep only). */
  readonly samples: number;
  /** Seed of the random streams (default 1). */
  readonly seed?: number;
  /** `uniform` (default): each share × (1 ± spread%); `dirichlet`: shares ~ Dirichlet(concentration × share). */
  readonly mode?: SamplingMode;
  /** Uniform spread in percent (default 10). */
  readonly spread?: number;
  /** Dirichlet concentration K (default 100; larger is tighter). */
  readonly concentration?: number;
  /** `weights` (default); `rules` perturbs band edges, add/deduct amounts and percent quotas by ±spread%; `both` does both. */
  readonly perturb?: Perturb;
  /** A one-at-a-time sweep, computed exactly by what-if. */
  readonly oneAtATime?: Sweep;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly samples: number;
  readonly seed: number;
  readonly mode: SamplingMode;
  /** As a fraction (10% → 0.1). */
  readonly spread: number;
  readonly concentration: number;
  readonly weights: boolean;
  readonly rules: boolean;
}

/** A problem with the options. */
export interface OptionIssue {
  readonly option: string;
  readonly message: string;
}

/** Samples per chunk: fixed, so the random streams do not depend on the number of threads. */
export const CHUNK = 250;

/** Fills defaults and checks ranges. */
export function resolveOptions(o: SensitivityOptions): { options: ResolvedOptions; issues: OptionIssue[] } {
  const issues: OptionIssue[] = [];
  const samples = Number.isInteger(o.samples) && o.samples >= 0 ? o.samples : (issues.push({ option: "samples", message: `samples must be a whole number ≥ 0, not \`${o.samples}\`` }), 0);
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed)) issues.push({ option: "seed", message: `the seed must be a whole number, not \`${seed}\`` });
  const spread = o.spread ?? 10;
  if (!(spread >= 0)) issues.push({ option: "spread", message: `the spread must be ≥ 0 (percent), not \`${spread}\`` });
  const concentration = o.concentration ?? 100;
  if (!(concentration > 0)) issues.push({ option: "concentration", message: `the Dirichlet concentration must be > 0, not \`${concentration}\`` });
  const perturb = o.perturb ?? "weights";
  const sweep = o.oneAtATime;
  if (sweep && !(Number.isInteger(sweep.steps) && sweep.steps >= 1)) issues.push({ option: "oneAtATime.steps", message: `steps must be a whole number ≥ 1, not \`${sweep.steps}\`` });
  return {
    options: {
      samples, seed: Number.isInteger(seed) ? seed : 1, mode: o.mode ?? "uniform", spread: spread >= 0 ? spread / 100 : 0,
      concentration: concentration > 0 ? concentration : 100, weights: perturb !== "rules", rules: perturb !== "weights",
    },
    issues,
  };
}
