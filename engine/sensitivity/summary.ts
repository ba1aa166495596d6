/** Turns merged sample sums into the per-region and per-indicator figures of a sensitivity run. */
import type { SensitivityModel } from "./model.js";
import type { ResolvedOptions } from "./options.js";
import { baseLeafWeights } from "./sample.js";
import { importance, rankQuantile, type Tally } from "./stats.js";

/** How robust one region's standing is. */
export interface RegionSensitivity {
  readonly region: string;
  readonly baseRank: number;
  readonly medianRank: number;
  /** The 5% and 95% quantiles of its overall rank (nearest-rank). */
  readonly low: number;
  readonly high: number;
  /** Mean |rank − base rank| over the samples. */
  readonly meanShift: number;
  /** The share of samples in which its grade differs from the base run's. */
  readonly gradeChange: number;
  readonly baseGrade: string | null;
}

/** How much one indicator's weight drives the ranking. */
export interface IndicatorImportance {
  readonly path: string;
  readonly label: string;
  /** Its effective share of the root in the base run (mean over regions). */
  readonly weight: number;
  /** Pearson r between how far its share moved (|w/w₀ − 1|) and how far the ranking moved (mean |Δrank|), −1..1. */
  readonly importance: number;
}

/** The per-region and per-indicator figures. */
export function summarise(model: SensitivityModel, t: Tally): { regions: RegionSensitivity[]; indicators: IndicatorImportance[] } {
  const n = model.n;
  const g = model.grades;
  const { counts: c, sums: p } = t;
  const regions = model.regions.map((region, i) => ({
    region, baseRank: model.baseRank[i]!,
    medianRank: p.samples ? rankQuantile(c, p.samples, n, i, 0.5) : model.baseRank[i]!,
    low: p.samples ? rankQuantile(c, p.samples, n, i, 0.05) : model.baseRank[i]!,
    high: p.samples ? rankQuantile(c, p.samples, n, i, 0.95) : model.baseRank[i]!,
    meanShift: p.samples ? c.shift[i]! / p.samples : 0,
    gradeChange: p.samples ? c.gradeChanged[i]! / p.samples : 0,
    baseGrade: g && model.baseLevel ? g.labels[model.baseLevel[i]!] ?? null : null,
  }));
  const base = baseLeafWeights(model);
  const indicators = model.leaves.map((j, k) => ({ path: model.nodes[j]!.path, label: model.nodes[j]!.label, weight: base[k]!, importance: importance(p, k) }));
  return { regions, indicators };
}

/** The options as reported back. */
export function reportedOptions(o: ResolvedOptions): { samples: number; seed: number; mode: string; spread: number; concentration: number; perturb: string } {
  return { samples: o.samples, seed: o.seed, mode: o.mode, spread: o.spread * 100, concentration: o.concentration, perturb: o.weights && o.rules ? "both" : o.rules ? "rules" : "weights" };
}
