/**
 * Counterfactuals to the next grade as parallel work: unit k is the k-th slice of the regions.
 * A worker posts its slice packed (pack.ts), unpacked here on arrival.
 */
import type { ThreadJob } from "../threads/job.js";
import { reachAll } from "./index.js";
import { packReach, unpackReach, type ReachItem, type ReachPack } from "./pack.js";

/** The regions, and how many each unit takes. */
export interface ReachUnits {
  readonly regions: readonly number[];
  readonly slice: number;
}

/** A unit's results: as computed, or packed by a worker. */
export type ReachSlice = { readonly items: ReachItem[] } | { readonly pack: ReachPack };

/** Unit k runs `reachAll` on the k-th slice of the regions. */
export const reachJob: ThreadJob<ReachUnits, ReachSlice> = {
  run: (base, p, k) => ({ items: reachAll(base, p.regions.slice(k * p.slice, (k + 1) * p.slice)) }),
  post: (s) => ("items" in s ? { pack: packReach(s.items) } : s),
  receive: (s) => ("pack" in s ? { items: unpackReach(s.pack) } : s),
  transfer: (s) => ("pack" in s ? [s.pack.nums.buffer, s.pack.fieldOf.buffer, s.pack.reasonOf.buffer] as ArrayBuffer[] : []),
};
