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

/** The median and the minimum of timings, in ms. */
function stats(t: number[]): { median: number; min: number } {
  t.sort((a, b) => a - b);
  return { median: t[t.length >> 1]!, min: t[0]! };
}

/** The median and the minimum of `runs` timings of `f(k)` (awaited), in ms. */
async function repeat(runs: number, f: (k: number) => unknown): Promise<{ median: number; min: number }> {
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await f(k);
    t.push(performance.now() - t0);
  }
  return stats(t);
}

const both = (r: { median: number; min: number }) => `${ms(r.median)} (min ${ms(r.min)})`;

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
 * Every share on all cores (this thread and the pool's workers), medians of three: first once
 * with the workers starting (as a CLI run), then on new runs of the same data with the workers
 * started (as a server), then again on one run (the workers keep it).
 */
async function timeParallel(fresh: () => Results): Promise<{ line: string; started: number }> {
  const threads = Math.max(2, defaultThreads());
  const time = (b: Results) => stabilityParallel(b, { verify: false }, { threads });
  await threadPool().close();
  const runs = [fresh(), fresh(), fresh(), fresh(), fresh()];
  const cold = await repeat(1, () => time(runs[3]!));
  // One more run before timing, as this thread had before its own figures: the workers' JIT warms up.
  await time(runs[4]!);
  const started = await repeat(3, (k) => time(runs[k]!));
  const run = fresh();
  const kept = await repeat(3, () => time(run));
  return {
    started: started.median,
    line: `  the same on ${threads} threads: ${ms(cold.min)} starting the workers; with them started ${both(started)} on a new run, ${both(kept)} on a run they keep`,
  };
}

/**
 * Counterfactuals for the regions on all cores: with the workers starting (they build their own
 * per-run models), with them started on a new run (every thread builds its models), and on a run
 * they keep (models built, as the one-thread figure).
 */
async function timeReachParallel(base: Results, below: readonly number[], fresh: () => Results): Promise<{ line: string; kept: number; started: number }> {
  const threads = Math.max(2, defaultThreads());
  const time = (b: Results) => reachAllParallel(b, below, { threads });
  await threadPool().close();
  const cold = await repeat(1, () => time(base));
  // One more run before timing, as this thread had before its own figures: the workers' JIT warms up.
  await time(base);
  const kept = await repeat(3, () => time(base));
  const runs = [fresh(), fresh(), fresh()];
  const started = await repeat(3, (k) => time(runs[k]!));
  return { kept: kept.median, started: started.median, line: `  the same on ${threads} threads: ${ms(cold.min)} starting the workers (they build their models); with them started ${both(kept)} on a run they keep (models built), ${both(started)} on a new run (models built on every thread)` };
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
    // One untimed run first: the JIT optimises the paths only a full run takes (as every figure here is timed warm).
    reachAll(base, below);
    const c0 = process.cpuUsage();
    let reached = 0;
    const one = await repeat(3, () => { reached = reachAll(base, below).filter((a) => a.result.singles.some((s) => s.needed !== null)).length; });
    const cpu = cpuSince(c0) / 3;
    lines.push(`  counterfactuals for all ${below.length.toLocaleString("en")} regions below the top grade (${reached} reachable by one indicator), models built: ${both(one)}, ${ms(cpu)} CPU per run`);
    // The same on new runs of the data: the per-run models are built within the time.
    const runs = [fresh(), fresh(), fresh()];
    const whole = await repeat(3, (k) => reachAll(runs[k]!, below));
    lines.push(`  the same on a new run, its models built within the time: ${both(whole)} on one thread`);
    const par = await timeReachParallel(base, below, fresh);
    const best = Math.min(whole.median, par.started);
    lines.push(par.line, `  (goal 1 s for every region below the top grade: ${best <= 1000 ? "met" : "not met"}, median ${ms(best)} on a new run; ${ms(Math.min(one.median, par.kept))} with the run's models built)`);
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
  const runs = [fresh(), fresh(), fresh()];
  // One untimed full run first, so the figures are of warm code (as every figure here).
  stability(fresh(), { verify: false });
  const c0 = process.cpuUsage();
  const timed = runs.map((run) => timeStability(run, false));
  const cpu = cpuSince(c0) / runs.length;
  const one = stats(timed.map((t) => t.ms));
  lines.push(`${timed[0]!.line.replace(/: [^:]*$/, "")}: ${both(one)} on one thread, ${ms(cpu)} CPU per run`, timeStability(fresh(), true).line);
  const par = await timeParallel(fresh);
  const best = Math.min(one.median, par.started);
  lines.push(par.line, `  (goal 1 s for every region × every share: ${best <= 1000 ? "met" : "not met"}, median ${ms(best)} on a new run)`);
  lines.push(...(await timeReach(base, 20, fresh)));
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of await benchStability()) console.log(line);
}
