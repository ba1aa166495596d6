/**
 * Sensitivity: how robust each region's rank and grade are to the weights (and optionally to
 * the rule parameters). Monte Carlo samples perturb every group's shares — uniformly by ±spread%
 * or from a Dirichlet around them — and re-aggregate the cached indicator fractions (score ÷
 * points, held at their evaluated values; in `rules` mode the perturbed indicators are scored
 * again). Weights-only runs with arithmetic aggregation take the fast sampler (totals as
 * Σ fraction × effective points); the result says which sampler ran. Seeded and deterministic;
 * this module runs anywhere, `threads.node.ts` spreads the same chunks over worker threads with
 * identical results.
 */
import type { Results } from "../results.js";
import { chunkCount, ChunkRunner, type SamplerRequest } from "./chunk.js";
import type { SamplerChoice } from "./fast-model.js";
import { buildModel, type SensitivityModel } from "./model.js";
import { resolveOptions, type OptionIssue, type ResolvedOptions, type SensitivityOptions } from "./options.js";
import { ruleContext } from "./rules.js";
import { emptyCounts, emptySums, mergeSums, type Tally } from "./stats.js";
import { reportedOptions, summarise, type IndicatorImportance, type RegionSensitivity } from "./summary.js";
import { sweep, type SweepResult } from "./sweep.js";

/** The outcome of a sensitivity run. */
export interface SensitivityResult {
  readonly options: ReturnType<typeof reportedOptions>;
  readonly regions: readonly RegionSensitivity[];
  readonly indicators: readonly IndicatorImportance[];
  readonly sweep: SweepResult | null;
  /** The sampler that ran (`fast` or `general`) and why. */
  readonly sampler: SamplerChoice;
  /** Options that could not be used (their defaults were). */
  readonly issues: readonly OptionIssue[];
}

/** Progress: samples done out of all. */
export type Progress = (done: number, total: number) => void;

/** Builds the result from merged sums. */
export function finishResult(base: Results, model: SensitivityModel, o: ResolvedOptions, tally: Tally, sampler: SamplerChoice, issues: readonly OptionIssue[], options: SensitivityOptions): SensitivityResult {
  const { regions, indicators } = summarise(model, tally);
  return { options: reportedOptions(o), regions, indicators, sweep: options.oneAtATime ? sweep(base, options.oneAtATime) : null, sampler, issues };
}

/** Runs a sensitivity analysis on this thread (`sampler: "general"` forces the general sampler, for tests). */
export function sensitivity(base: Results, options: SensitivityOptions, onProgress?: Progress, sampler: SamplerRequest = "auto"): SensitivityResult {
  const { options: o, issues } = resolveOptions(options);
  const model = buildModel(base);
  const rules = o.rules ? ruleContext(base, model) : null;
  const runner = new ChunkRunner(model, o, rules, sampler);
  const tally = { counts: emptyCounts(model.n), sums: emptySums(model.leaves.length) };
  const chunks = chunkCount(o.samples);
  for (let k = 0; k < chunks; k++) {
    mergeSums(tally.sums, runner.run(k, tally.counts));
    onProgress?.(tally.sums.samples, o.samples);
  }
  return finishResult(base, model, o, tally, runner.choice, issues, options);
}

export type { SamplerRequest } from "./chunk.js";
export type { SamplerChoice } from "./fast-model.js";
export { buildModel, type SensitivityModel } from "./model.js";
export type { OptionIssue, Perturb, SamplingMode, SensitivityOptions, Sweep } from "./options.js";
export type { IndicatorImportance, RegionSensitivity } from "./summary.js";
export type { SweepPoint, SweepResult } from "./sweep.js";
