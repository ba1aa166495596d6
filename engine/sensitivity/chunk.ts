/**
 * A chunk of samples: CHUNK consecutive samples drawn from the chunk's own random stream, so
 * any thread can run any chunk and get the same numbers.
 */
import type { SensitivityModel } from "./model.js";
import { CHUNK, type ResolvedOptions } from "./options.js";
import { streamFor } from "./prng.js";
import { perturbedFractions, perturbedQuotas, type RuleContext } from "./rules.js";
import { baseLeafWeights, runSample, SampleBuffers, shareFactors } from "./sample.js";
import { addSample, emptyPartial, type Partial } from "./stats.js";

/** How many chunks `samples` samples make. */
export function chunkCount(samples: number): number {
  return Math.ceil(samples / CHUNK);
}

/** Runs chunk k (samples k·CHUNK … up to `o.samples`). */
export function runChunk(model: SensitivityModel, o: ResolvedOptions, k: number, rules: RuleContext | null): Partial {
  const rng = streamFor(o.seed, k);
  const buf = new SampleBuffers(model);
  const partial = emptyPartial(model.n, model.leaves.length);
  const count = Math.min(CHUNK, o.samples - k * CHUNK);
  const base = { rank: model.baseRank, level: model.baseLevel, weights: baseLeafWeights(model) };
  for (let s = 0; s < count; s++) {
    const factors = shareFactors(model, o, rng);
    const fractions = o.rules && rules ? perturbedFractions(rules, o.spread, rng) : null;
    const quotas = o.rules ? perturbedQuotas(model, o.spread, rng) : null;
    addSample(partial, runSample(model, factors, buf, fractions, quotas), base);
  }
  return partial;
}
