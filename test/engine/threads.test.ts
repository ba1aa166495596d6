/**
 * Work on worker threads gives what one thread gives: stability's groups shared out between this
 * thread and the pool's workers merge into the same report, node for node and problem for
 * problem — with workers starting cold, warm on the same run, and sent a new run — and a run
 * that a worker cannot rebuild to the same totals is refused there and done here. Counterfactuals
 * likewise, their results packed by the workers and unpacked to the same JSON.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { loadDatasetFile } from "../../engine/data/files.node.js";
import { buildProgram, evaluate } from "../../engine/index.js";
import type { Results } from "../../engine/results.js";
import { nextGrade, reachAll } from "../../engine/reach/index.js";
import { packReach, unpackReach } from "../../engine/reach/pack.js";
import { reachAllParallel } from "../../engine/reach/threads.node.js";
import { stability } from "../../engine/stability/index.js";
import { stabilityParallel } from "../../engine/stability/threads.node.js";
import { threadPool } from "../../engine/threads/pool.node.js";
import { copyOfRun, rebuildRun } from "../../engine/threads/run-copy.js";
import { whatIf } from "../../engine/whatif/index.js";
import { spawnCli } from "../cli/spawn.js";
import { checkedFor } from "./support/checked.js";

async function sampleRun(name: string): Promise<Results> {
  const checked = checkedFor(readFileSync(`schemes/${name}.yard`, "utf8"), `${name}.yard`);
  const { dataset } = await loadDatasetFile(checked, `schemes/data/${name}.csv`);
  return evaluate(buildProgram(checked).program!, dataset!).results!;
}

afterAll(() => threadPool().close());

describe("stability on threads", () => {
  it("gives the one-thread report on 2 and 3 threads, cold and warm, and for a second run", async () => {
    const gov = await sampleRun("digital-gov");
    const one = stability(gov, { verify: false });
    expect(one.nodes.length).toBeGreaterThan(20);
    expect(await stabilityParallel(gov, { verify: false }, { threads: 2 })).toEqual(one);
    const seen: [number, number][] = [];
    expect(await stabilityParallel(gov, { verify: false }, { threads: 3, progress: (done, total) => seen.push([done, total]) })).toEqual(one);
    const groups = new Set(one.nodes.map((n) => n.parent)).size;
    expect(seen).toEqual(Array.from({ length: groups }, (_, k) => [k + 1, groups]));
    // Every group on a worker (this thread idle): the worker path alone.
    expect(await stabilityParallel(gov, { verify: false }, { threads: 1, workHere: false })).toEqual(one);
    const county = await sampleRun("county-annual");
    expect(await stabilityParallel(county, {}, { threads: 2, workHere: false })).toEqual(stability(county));
  }, 60_000);

  it("two jobs at once on the same workers each get their own units", async () => {
    const gov = await sampleRun("digital-gov");
    const county = await sampleRun("county-annual");
    const [a, b] = await Promise.all([stabilityParallel(gov, { verify: false }, { threads: 2, workHere: false }), stabilityParallel(county, { verify: false }, { threads: 2, workHere: false })]);
    expect(a).toEqual(stability(gov, { verify: false }));
    expect(b).toEqual(stability(county, { verify: false }));
  }, 60_000);

  it("keeps the options: chosen regions (and their problems), one node", async () => {
    const gov = await sampleRun("digital-gov");
    const opts = { regions: [gov.regions[3]!, "nobody", gov.regions[0]!] };
    const par = await stabilityParallel(gov, opts, { threads: 2, workHere: false });
    expect(par).toEqual(stability(gov, opts));
    expect(par.problems[0]).toContain("nobody");
    const node = stability(gov).nodes[5]!.path;
    expect(await stabilityParallel(gov, { path: node }, { threads: 2 })).toEqual(stability(gov, { path: node }));
  }, 60_000);

  it("a run evaluated again must give the same totals: a tampered copy is refused", async () => {
    const gov = await sampleRun("digital-gov");
    const copy = copyOfRun(gov);
    expect(typeof rebuildRun(copy)).toBe("object");
    const bad = { ...copy, total: Float64Array.from(copy.total, (t, r) => (r === 2 ? t + 1e-9 : t)) };
    expect(rebuildRun(bad)).toContain(`region ${gov.regions[2]}`);
  });

  it("a what-if's results (not a plain evaluation of its scheme) still give the one-thread report", async () => {
    const gov = await sampleRun("digital-gov");
    const first = stability(gov).nodes[0]!;
    const moved = whatIf(gov, [{ path: first.path, field: "weight", value: first.share / 2 }]).results!;
    expect(await stabilityParallel(moved, { verify: false }, { threads: 2 })).toEqual(stability(moved, { verify: false }));
  }, 60_000);
});

describe("counterfactuals on threads", () => {
  it("packed results unpack to the same results and the same JSON", async () => {
    const county = await sampleRun("county-annual");
    const items = reachAll(county);
    expect(items.some((i) => i.result.combination !== null && i.result.singles.some((s) => s.needed === null && s.reason !== null))).toBe(true);
    const back = unpackReach(structuredClone(packReach(items)));
    expect(back).toEqual(items);
    expect(JSON.stringify(back)).toBe(JSON.stringify(items));
  });

  it("every region below the top grade: the one-thread results, on workers alone and shared with this thread", async () => {
    const county = await sampleRun("county-annual");
    const below = county.regions.map((_, i) => i).filter((i) => nextGrade(county, i) !== null);
    expect(below.length).toBeGreaterThan(8);
    const one = reachAll(county, below);
    expect(JSON.stringify(await reachAllParallel(county, below, { threads: 1, workHere: false }))).toBe(JSON.stringify(one));
    expect(JSON.stringify(await reachAllParallel(county, below, { threads: 2 }))).toBe(JSON.stringify(one));
  }, 60_000);
});

describe("yardstick stability --threads", () => {
  it("prints the same on one thread and on two; a bad count is a usage error", async () => {
    const args = ["stability", "schemes/digital-gov.yard", "schemes/data/digital-gov.csv", "--json"];
    const [one, two] = await Promise.all([spawnCli([...args, "--threads", "1"]), spawnCli([...args, "--threads", "2"])]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).regions.length).toBeGreaterThan(20);
    expect(two.stdout).toBe(one.stdout);
    const bad = await spawnCli([...args, "--threads", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--threads N");
  }, 600_000);
});
