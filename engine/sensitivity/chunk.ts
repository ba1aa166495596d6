/**
 * Chunks of samples: CHUNK consecutive samples drawn from the chunk's own random stream, so
 * any thread can run any chunk and get the same numbers. A `ChunkRunner` runs them with the
 * fast sampler when the run allows it (`fast-model.ts`), else with the general one, which
 * re-aggregates the whole tree per sample (and re-scores indicators in rule mode).
 */
import { FastSampler } from "./fast-chunk.js";
import { fastModel, type SamplerChoice } from "./fast-model.js";
import type { SensitivityModel } from "./model.js";
import { CHUNK, type ResolvedOptions } from "./options.js";
import { streamFor } from "./prng.js";
import { perturbedFractions, perturbedQuotas, type RuleContext } from "./rules.js";
import { baseLeafWeights, runSample, SampleBuffers, shareFactors } from "./sample.js";
import { addSample, emptySums, type Baseline, type Counts, type Sums } from "./stats.js";

/** Which sampler to use: the fast one where it applies (`auto`), or always the general one. */
export type SamplerRequest = "auto" | "general";

/** How many chunks `samples` samples make. */
export function chunkCount(samples: number): number {
  return Math.ceil(samples / CHUNK);
}

/** The run's base ranks, grade levels and effective shares. */
export function baselineOf(model: SensitivityModel): Baseline {
  return { rank: model.baseRank, level: model.baseLevel, weights: baseLeafWeights(model) };
}

/** Runs chunk k on the general sampler, adding its counts into `counts`; returns its sums. */
function generalChunk(model: SensitivityModel, o: ResolvedOptions, k: number, rules: RuleContext | null, buf: SampleBuffers, base: Baseline, counts: Counts): Sums {
  const rng = streamFor(o.seed, k);
  const sums = emptySums(model.leaves.length);
  const count = Math.min(CHUNK, o.samples - k * CHUNK);
  for (let s = 0; s < count; s++) {
    const factors = shareFactors(model, o, rng);
    const fractions = o.rules && rules ? perturbedFractions(rules, o.spread, rng) : null;
    const quotas = o.rules ? perturbedQuotas(model, o.spread, rng) : null;
    addSample(counts, sums, runSample(model, factors, buf, fractions, quotas), base);
  }
  return sums;
}

/** Runs the chunks of one run on one thread, with buffers reused across chunks. */
export class ChunkRunner {
  /** The sampler in use and why. */
  readonly choice: SamplerChoice;
  private readonly fast: FastSampler | null = null;
  private readonly buf: SampleBuffers | null = null;
  private readonly base: Baseline;

  /** Chooses the sampler for this model and options. */
  constructor(private readonly model: SensitivityModel, private readonly o: ResolvedOptions, private readonly rules: RuleContext | null, request: SamplerRequest = "auto") {
    this.base = baselineOf(model);
    const { fast, choice } = request === "auto" ? fastModel(model, o) : { fast: null, choice: { kind: "general", reason: "the general sampler was requested" } as const };
    this.choice = choice;
    if (fast) this.fast = new FastSampler(fast, model, this.base);
    else this.buf = new SampleBuffers(model);
  }

  /** Runs chunk k (samples k·CHUNK … up to `o.samples`), adding its counts into `counts`; returns its sums. */
  run(k: number, counts: Counts): Sums {
    if (this.fast) return this.fast.runChunk(this.o, k, counts);
    return generalChunk(this.model, this.o, k, this.rules, this.buf!, this.base, counts);
  }
}
