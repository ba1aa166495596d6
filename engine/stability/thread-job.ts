/**
 * Stability as parallel work: one unit per group whose shares move (the shares of a group share
 * their siblings' terms, so a group is not split), each a `stability` report of its own.
 */
import type { ThreadJob } from "../threads/job.js";
import { stability, type StabilityOptions, type StabilityReport } from "./index.js";

/** The groups to analyse (one per unit) and the options every unit shares. */
export interface StabilityUnits {
  readonly options: StabilityOptions;
  readonly groups: readonly string[];
}

function buffers(rep: StabilityReport): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const n of rep.nodes) {
    for (const iv of n.grade ? [n.grade, ...n.ranks] : n.ranks) {
      for (const a of [iv.lo, iv.hi, iv.down, iv.up]) out.add(a.buffer as ArrayBuffer);
    }
  }
  return [...out];
}

/** Unit k analyses the shares of group k. */
export const stabilityJob: ThreadJob<StabilityUnits, StabilityReport> = {
  run: (base, p, k) => stability(base, { ...p.options, groups: [p.groups[k]!] }),
  transfer: buffers,
};
