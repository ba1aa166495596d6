/**
 * Stability intervals and counterfactuals on the county workload (2,844 regions, 224 movable
 * shares: 4 dimensions, 20 sub-dimensions, 200 indicators): every region × every share, exact
 * (piecewise-linear model checked against one engine evaluation per share, and without that
 * check); then counterfactuals to the next grade for every region below the top grade (or a
 * sample, extrapolated, when all would take over a minute). Run alone: `node --import tsx bench/stability.ts`.
 */
import { pathToFileURL } from "node:url";
import { evaluate, type Results } from "../engine/index.js";
import { nextGrade, reach, reachAll } from "../engine/reach/index.js";
import { stability } from "../engine/stability/index.js";
import { stabilityParallel } from "../engine/stability/threads.node.js";
import { reachAllParallel } from "../engine/reach/threads.node.js";
import { defaultThreads, threadPool } from "../engine/threads/pool.node.js";
import { prepareCounty } from "./county.js";
import { COUNTY_REGIONS, countyData } from "./county-workload.js";

function ms(t: number): string {
  if (t >= 3_600_000) return `${(t / 3_600_000).toFixed(1)} h`;
  if (t >= 600_000) return `${(t / 60_000).toFixed(0)} min`;
  return t >= 10_000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(0)} ms`;
}

/** CPU time of this process (all its threads, the garbage collector's included) since `c0`, in ms. */
function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Times one full stability run; the line says how many shares were exact. */
function timeStability(base: Results, verify: boolean, path?: string): { line: string; ms: number } {
  const t0 = performance.now();
  const rep = stability(base, { verify, path });
  const t = performance.now() - t0;
  const exact = rep.nodes.filter((n) => n.exact).length;
  const pairs = rep.nodes.length * rep.analysed.length;
  const what = path ? `share \`${path}\`` : `${rep.nodes.length} shares`;
  return { line: `  ${what} × ${rep.analysed.length} regions (${pairs.toLocaleString("en")} pairs, ${exact} exact${verify ? ", each model checked against the engine" : ""}): ${ms(t)}`, ms: t };
}

/**
 * Every share on all cores (this thread and the pool's workers): first with the workers starting
 * (as a CLI run), then on a new run of the same data with the workers started (as a server), then
 * again on that run (the workers keep it).
 */
async function timeParallel(base: Results, fresh: () => Results): Promise<{ lines: string[]; cold: number }> {
  const threads = Math.max(2, defaultThreads());
  const time = async (b: Results) => {
    const t0 = performance.now();
    await stabilityParallel(b, { verify: false }, { threads });
    return performance.now() - t0;
  };
  const cold = await time(base);
  const next = fresh();
  const started = await time(next);
  const kept = await time(next);
  return {
    cold,
    lines: [`  224 shares × ${base.regions.length} regions on ${threads} threads: ${ms(cold)} starting the workers, ${ms(started)} with them started (a new run sent), ${ms(kept)} on a run they keep`],
  };
}

/**
 * Counterfactuals for the regions on all cores: with the workers starting (they build their own
 * per-run models), with them started on a new run (every thread builds its models), and on a run
 * they keep (models built, as the one-thread figure).
 */
async function timeReachParallel(base: Results, below: readonly number[], fresh: () => Results): Promise<{ line: string; kept: number }> {
  const threads = Math.max(2, defaultThreads());
  const time = async (b: Results) => {
    const t0 = performance.now();
    await reachAllParallel(b, below, { threads });
    return performance.now() - t0;
  };
  await threadPool().close();
  const cold = await time(base);
  const kept = await time(base);
  const started = await time(fresh());
  return { kept, line: `  the same on ${threads} threads: ${ms(cold)} starting the workers, ${ms(started)} with them started (a new run: models built on every thread), ${ms(kept)} on a run they keep` };
}

/**
 * Counterfactuals to the next grade for every region below the top grade when that takes under
 * about a minute (judged from `sample` regions spread over the grades), else for the sample, with
 * the time for all regions extrapolated.
 */
async function timeReach(base: Results, sample: number, fresh: () => Results): Promise<string[]> {
  const g = base.grades!;
  const below = Array.from(g.level, (l, i) => (l > 0 ? i : -1)).filter((i) => i >= 0);
  const step = Math.max(1, Math.floor(below.length / sample));
  const run = (regions: readonly number[]) => {
    let reached = 0;
    const t0 = performance.now();
    for (const i of regions) {
      const res = reach(base, base.regions[i]!, nextGrade(base, i)!);
      if (typeof res !== "string" && res.singles.some((s) => s.needed !== null)) reached++;
    }
    return { t: performance.now() - t0, reached };
  };
  const picked = below.filter((_, k) => k % step === 0).slice(0, sample);
  // The per-run work (fields, their models, block functions) is built by the first call.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  reachAll(base, below.slice(0, 1));
  const setup = performance.now() - t0;
  const setupCpu = cpuSince(c0);
  const s = run(picked);
  const per = s.t / picked.length;
  const lines = [
    `  counterfactuals: per-run models (all fields, built once): ${ms(setup)} (${ms(setupCpu)} CPU)`,
    `  counterfactual to the next grade, ${picked.length} sample regions (${s.reached} reachable by one indicator): ${ms(s.t)}, ${ms(per)} per region`,
  ];
  if (per * below.length <= 60_000) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const all = reachAll(base, below);
    const t = performance.now() - t0;
    const cpu = cpuSince(c0);
    const reached = all.filter((a) => a.result.singles.some((s) => s.needed !== null)).length;
    lines.push(`  counterfactuals for all ${below.length.toLocaleString("en")} regions below the top grade (${reached} reachable by one indicator), models built: ${ms(t)} (${ms(cpu)} CPU)`);
    const par = await timeReachParallel(base, below, fresh);
    lines.push(par.line, `  (goal 1 s for every region below the top grade: ${Math.min(t, par.kept) <= 1000 ? "met" : "not met"}, ${ms(Math.min(t, par.kept))} with the run's models built)`);
  } else {
    lines.push(`  counterfactuals for all ${below.length.toLocaleString("en")} regions below the top grade: extrapolated ${ms(per * below.length)} (not run: over 60 s; goal 1 s: not met)`);
  }
  return lines;
}

/** The benchmark's lines, for `npm run bench`. */
export async function benchStability(): Promise<string[]> {
  const p = prepareCounty();
  const d = countyData(p.spec, COUNTY_REGIONS);
  const base = evaluate(p.program, d.data, { prev: d.prev }).results;
  if (!base) throw new Error("county: evaluation failed");
  const lines = [`stability and counterfactuals — county workload, ${COUNTY_REGIONS.toLocaleString("en")} regions`];
  for (const path of ["d1", "d1.s1", "d1.s1.x001"]) lines.push(timeStability(base, false, path).line);
  // Each on a run of its own: a run keeps what stability computed on it (its score functions).
  const fresh = () => evaluate(p.program, d.data, { prev: d.prev }).results!;
  const all = timeStability(fresh(), false);
  lines.push(all.line, timeStability(fresh(), true).line);
  const par = await timeParallel(fresh(), fresh);
  lines.push(...par.lines);
  const best = Math.min(all.ms, par.cold);
  lines.push(`  (goal 1 s for every region × every share: ${best <= 1000 ? "met" : "not met"}, ${ms(best)} counting the workers' start)`);
  lines.push(...(await timeReach(base, 20, fresh)));
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of await benchStability()) console.log(line);
}
