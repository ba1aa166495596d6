/**
 * Counterfactuals for many regions on several threads: the regions are sliced and the slices
 * shared out among this thread and the pool's workers; the results come back in the regions'
 * order, the same as `reachAll` gives on one thread. Node-only; `index.ts` is the portable version.
 */
import type { Results } from "../results.js";
import { defaultThreads, threadPool, type ThreadOptions } from "../threads/pool.node.js";
import { reachAll } from "./index.js";
import { unpackReach, type ReachItem } from "./pack.js";

/** Regions per unit at most: small enough to share out evenly, large enough that posting is a small part. */
const SLICE = 48;

/** Below this many regions, a worker's start and per-run models cost more than it saves (by default one thread then). */
const SMALL = 400;

/**
 * `reachAll` on the threads `how` asks for (one thread: as `reachAll`); by default one per
 * core, or one for a few regions.
 */
export async function reachAllParallel(base: Results, regions?: readonly number[], how: ThreadOptions = {}): Promise<ReachItem[]> {
  const list = regions ?? Array.from(base.regions.keys());
  const threads = how.threads ?? (list.length < SMALL ? 1 : defaultThreads());
  const slice = Math.max(1, Math.min(SLICE, Math.ceil(list.length / (4 * Math.max(1, threads)))));
  const units = Math.ceil(list.length / slice);
  if ((threads <= 1 && how.workHere !== false) || units <= 1) return reachAll(base, list);
  const slices = await threadPool().run("reach", base, { regions: list, slice }, units, { ...how, threads });
  return slices.flatMap((s) => ("items" in s ? s.items : unpackReach(s.pack)));
}
