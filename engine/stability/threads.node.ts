/**
 * Stability on several threads: the groups whose shares move are shared out among this thread
 * and the pool's workers (largest groups first), and their reports put back in the order one
 * thread gives — the same report, node for node and problem for problem. Node-only;
 * `index.ts` is the portable version.
 */
import type { Results } from "../results.js";
import { defaultThreads, threadPool, type ThreadOptions } from "../threads/pool.node.js";
import { stability, type StabilityOptions, type StabilityReport } from "./index.js";
import { weightNodes, type WeightNode } from "./nodes.js";

export { defaultThreads };

/** The groups whose shares move, those near the top (more work each) first. */
function movingGroups(shares: readonly WeightNode[]): string[] {
  const groups = new Set(shares.map((wn) => wn.parent));
  const depth = (p: string) => (p === "" ? 0 : p.split(".").length);
  return [...groups].sort((a, b) => depth(a) - depth(b));
}

/** The tree index of the node a per-node problem names (its text starts with the node's path in backticks). */
function problemPlace(problem: string, place: ReadonlyMap<string, number>): number {
  const m = /^`([^`]*)`/.exec(problem);
  return (m && place.get(m[1]!)) ?? -1;
}

/** Puts the groups' reports together in tree order, with the problems one thread would list. */
function merge(base: Results, options: StabilityOptions, reports: readonly StabilityReport[]): StabilityReport {
  const head = stability(base, { ...options, groups: [] });
  const place = new Map(weightNodes(base.program.scheme.nodes, options.path).nodes.map((wn, k) => [wn.path, k]));
  const nodes = reports.flatMap((r) => r.nodes).sort((a, b) => place.get(a.path)! - place.get(b.path)!);
  const perNode = reports.flatMap((r) => r.problems.slice(head.problems.length));
  perNode.sort((a, b) => problemPlace(a, place) - problemPlace(b, place));
  return { ...head, nodes, problems: [...head.problems, ...perNode] };
}

/** Below this many region × share pairs, starting a worker costs more than it saves (by default one thread then). */
const SMALL = 20_000;

/**
 * Computes stability intervals on the threads `how` asks for (one thread: as `stability`); by
 * default one per core, or one for a small scheme.
 */
export async function stabilityParallel(base: Results, options: StabilityOptions = {}, how: ThreadOptions = {}): Promise<StabilityReport> {
  const shares = weightNodes(base.program.scheme.nodes, options.path).nodes;
  const groups = options.groups ?? movingGroups(shares);
  const pairs = shares.length * (options.regions?.length ?? base.regions.length);
  const threads = how.threads ?? (pairs < SMALL ? 1 : defaultThreads());
  if ((threads <= 1 && how.workHere !== false) || groups.length <= 1) return stability(base, options);
  const reports = await threadPool().run("stability", base, { options, groups }, groups.length, { ...how, threads });
  return merge(base, { ...options, groups }, reports);
}
