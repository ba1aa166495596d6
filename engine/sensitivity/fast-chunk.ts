/**
 * A chunk on the fast sampler: the same random draws as the general sampler (one set of share
 * factors per sample, in sample order), a pass of samples' totals per pass over the fraction matrix,
 * then each sample in order ranked, graded with the engine's grading kernel and tallied.
 */
import { overall, type Grouping } from "../ops/column.js";
import { grade } from "../ops/grade.js";
import { competitionRanks } from "../ops/rank.js";
import type { FastModel } from "./fast-model.js";
import { clearLane, effectiveShares, laneColumn, laneKernel, type LaneKernel } from "./fast-totals.js";
import type { SensitivityModel } from "./model.js";
import { CHUNK, type ResolvedOptions } from "./options.js";
import { RadixOrder } from "../ops/radix.js";
import { streamFor } from "./prng.js";
import { leafWeightsInto, shareFactors } from "./sample.js";
import { addSample, emptySums, type Baseline, type Counts, type Sums } from "./stats.js";

/** The fast sampler of one thread, with buffers reused across chunks. */
export class FastSampler {
  private readonly kernel: LaneKernel;
  private readonly total: Float64Array;
  private readonly eff: Float64Array;
  private readonly leafW: Float64Array;
  private readonly sorter: RadixOrder;
  private readonly overall: Grouping;
  private readonly gradeGroup: Grouping | null;
  /** The base run's order (by rank, then dataset order): where each sample's sort starts. */
  private readonly guess: Int32Array;

  /** Buffers for this model. */
  constructor(private readonly fm: FastModel, private readonly model: SensitivityModel, private readonly base: Baseline) {
    this.kernel = laneKernel(fm);
    this.total = new Float64Array(fm.n);
    this.eff = new Float64Array(model.nodes.length);
    this.leafW = new Float64Array(model.leaves.length);
    this.sorter = new RadixOrder(fm.n);
    this.overall = overall(fm.n);
    this.gradeGroup = model.grades ? { ids: model.grades.groupIds, count: model.grades.groupCount } : null;
    this.guess = Int32Array.from(this.sorter.order(model.baseRank.map((r) => -r)));
  }

  /** Runs chunk k, adding its counts into `counts`; returns its sums. */
  runChunk(o: ResolvedOptions, k: number, counts: Counts): Sums {
    const rng = streamFor(o.seed, k);
    const sums = emptySums(this.model.leaves.length);
    const count = Math.min(CHUNK, o.samples - k * CHUNK);
    const { pts, width } = this.kernel;
    for (let s0 = 0; s0 < count; s0 += width) {
      const used = Math.min(width, count - s0);
      const factors = Array.from({ length: used }, (_, b) => {
        const f = shareFactors(this.model, o, rng);
        effectiveShares(this.fm, this.model, f, pts, b, width, this.eff);
        return f;
      });
      for (let b = used; b < width; b++) clearLane(pts, b, width);
      this.kernel.run();
      for (let b = 0; b < used; b++) this.tally(b, factors[b]!, counts, sums);
    }
    return sums;
  }

  /** Ranks and grades lane b's sample and adds it to the tallies. */
  private tally(b: number, factors: readonly number[][], counts: Counts, sums: Sums): void {
    const { model, total } = this;
    laneColumn(model, this.kernel.lanes, b, this.kernel.width, total);
    const order = this.sorter.orderFrom(total, this.guess);
    const rank = competitionRanks(total, this.overall, true, order);
    const g = model.grades;
    const level = g && this.gradeGroup ? grade({
      total, levels: g.levels, group: this.gradeGroup, refill: g.refill, ceiling: g.ceiling, vetoReason: g.vetoReason,
      order: this.sorter.groupedOrder(order, this.gradeGroup),
    }).level : null;
    addSample(counts, sums, { rank, level, leafWeights: leafWeightsInto(model, factors, this.eff, this.leafW) }, this.base);
  }
}
