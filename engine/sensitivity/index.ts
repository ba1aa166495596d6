/**
 * Sensitivity: how robust each region's rank and grade are to the weights (and optionally to
 * the rule parameters). Monte Carlo samples perturb every group's shares — uniformly by ±spread%
 * or from a Dirichlet around them — and re-aggregate the cached indicator fractions (score ÷
 * points, held at their evaluated values; in `rules` mode the perturbed indicators are scored
 * again). Seeded and deterministic; this module runs anywhere, `threads.node.ts` spreads the
 * same chunks over worker threads with identical results.
 */
import type { Results } from "../results.js";
import { chunkCount, runChunk } from "./chunk.js";
import { buildModel, type SensitivityModel } from "./model.js";
import { resolveOptions, type OptionIssue, type ResolvedOptions, type SensitivityOptions } from "./options.js";
import { ruleContext } from "./rules.js";
import { emptyPartial, mergeInto, type Partial } from "./stats.js";
import { reportedOptions, summarise, type IndicatorImportance, type RegionSensitivity } from "./summary.js";
import { sweep, type SweepResult } from "./sweep.js";

/** The outcome of a sensitivity run. */
export interface SensitivityResult {
  readonly options: ReturnType<typeof reportedOptions>;
  readonly regions: readonly RegionSensitivity[];
  readonly indicators: readonly IndicatorImportance[];
  readonly sweep: SweepResult | null;
  /** Options that could not be used (their defaults were). */
  readonly issues: readonly OptionIssue[];
}

/** Progress: samples done out of all. */
export type Progress = (done: number, total: number) => void;

/** Builds the result from merged sums. */
export function finishResult(base: Results, model: SensitivityModel, o: ResolvedOptions, p: Partial, issues: readonly OptionIssue[], options: SensitivityOptions): SensitivityResult {
  const { regions, indicators } = summarise(model, p);
  return { options: reportedOptions(o), regions, indicators, sweep: options.oneAtATime ? sweep(base, options.oneAtATime) : null, issues };
}

/** Runs a sensitivity analysis on this thread. */
export function sensitivity(base: Results, options: SensitivityOptions, onProgress?: Progress): SensitivityResult {
  const { options: o, issues } = resolveOptions(options);
  const model = buildModel(base);
  const rules = o.rules ? ruleContext(base, model) : null;
  const total = emptyPartial(model.n, model.leaves.length);
  const chunks = chunkCount(o.samples);
  for (let k = 0; k < chunks; k++) {
    mergeInto(total, runChunk(model, o, k, rules));
    onProgress?.(total.samples, o.samples);
  }
  return finishResult(base, model, o, total, issues, options);
}

export { buildModel, type SensitivityModel } from "./model.js";
export type { OptionIssue, Perturb, SamplingMode, SensitivityOptions, Sweep } from "./options.js";
export type { IndicatorImportance, RegionSensitivity } from "./summary.js";
export type { SweepPoint, SweepResult } from "./sweep.js";
