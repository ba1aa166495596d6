/**
 * Stability intervals (a job) and counterfactuals (`reach`) against a real server: the numbers
 * the API answers are the library's own, computed here on the same scheme and rows.
 */
import { expect, test } from "vitest";
import { compile } from "../../dsl/index.js";
import { loadDataset } from "../../engine/data/index.js";
import { buildProgram, evaluate, reach, readTarget, regionStability, stability, type Results } from "../../engine/index.js";
import { createWithVersion, problemOf } from "./suite-schemes.js";
import { county, type TestServer } from "./support.js";
import type { TokenRole } from "../../store/index.js";

/** A scheme text (by default the county scheme as posted) evaluated by the library on the county rows the tests post. */
async function countyResults(source = county().source): Promise<Results> {
  const c = county();
  const checked = compile(source, "county.yard");
  const { program } = buildProgram(checked);
  const json = (name: string, rows: unknown) => ({ name, format: "json" as const, text: JSON.stringify(rows) });
  const data = (await loadDataset(checked, json("county.json", c.rows))).dataset!;
  const prev = (await loadDataset(checked, json("prev.json", c.prev), { previous: true })).dataset!;
  const { results, issues } = evaluate(program!, data, { prev });
  if (!results) throw new Error(issues.map((i) => i.message).join("\n"));
  return results;
}

/** The county scheme saved as a version: its hash, and the library's results on the text the store keeps. */
async function storedCounty(t: TestServer): Promise<{ hash: string; base: Results }> {
  const hash = await createWithVersion(t, "county", county().source);
  const v = await t.as("auditor").get(`/api/schemes/county/versions/${hash}`);
  expect(v.status, JSON.stringify(v.body)).toBe(200);
  return { hash, base: await countyResults(v.body.version.source) };
}

/** A value as it comes back through JSON (Infinity and NaN become null). */
const viaJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** Polls a job until it is no longer running; returns its last view. */
async function finished(t: TestServer, who: TokenRole, poll: string): Promise<any> {
  let job = (await t.as(who).get(poll)).body.job;
  while (job.state === "running") {
    await new Promise((r) => setTimeout(r, 20));
    job = (await t.as(who).get(poll)).body.job;
  }
  return job;
}

/** Registers the stability and reach tests. */
export function defineStabilityTests(server: () => TestServer): void {
  test("stability runs as a job; every region's interval under every share equals the library's", async () => {
    const t = server();
    const c = county();
    const { hash, base } = await storedCounty(t);
    const started = await t.as("service").post(`/api/schemes/county/versions/${hash}/stability`, { dataset: c.rows, prev: c.prev });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.headers.get("location")).toBe(`/api/jobs/${started.body.job.id}`);
    expect(started.body.job.kind).toBe("stability");
    const job = await finished(t, "service", started.body.poll);
    expect(job.state, JSON.stringify(job.problem)).toBe("done");
    const lib = stability(base);
    expect(lib.nodes.length).toBeGreaterThan(1);
    expect(job.result).toMatchObject({ scheme: "county", version: hash, schemeHash: base.schemeHash, receipt: base.receipt, problems: lib.problems });
    expect(job.result.sampled).toEqual(lib.nodes.filter((n) => !n.exact).map((n) => ({ path: n.path, why: n.why })));
    expect(job.result.regions.map((r: any) => r.region)).toEqual(base.regions);
    for (const [r, region] of base.regions.entries()) {
      expect(job.result.regions[r].shares).toEqual(viaJson(lib.nodes.map((n) => regionStability(n, region, r))));
    }
    // real intervals: the current share lies inside each region's grade interval, and some move flips a grade
    const shares = job.result.regions.flatMap((r: any) => r.shares);
    for (const s of shares) expect(s.grade.lo <= s.share && s.share <= s.grade.hi, JSON.stringify(s)).toBe(true);
    expect(shares.some((s: any) => s.grade.flip !== null)).toBe(true);
    const audit = await t.as("auditor").get("/api/audit?action=stability");
    expect(audit.body.entries[0]).toMatchObject({ actor: "service (test)", versionHash: hash });
  });

  test("stability of one region under one share, on a stored version and on a posted source", async () => {
    const t = server();
    const c = county();
    const { hash, base } = await storedCounty(t);
    const region = base.regions[3]!;
    const lib = stability(base, { regions: [region], path: "economy" });
    expect(lib.nodes).toHaveLength(1);
    const want = viaJson([{ region, shares: [regionStability(lib.nodes[0]!, region, 3)] }]);
    const started = await t.as("author").post(`/api/schemes/county/versions/${hash}/stability`, { region, node: "economy", dataset: c.rows, prev: c.prev });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = await finished(t, "author", started.body.poll);
    expect(job.state, JSON.stringify(job.problem)).toBe("done");
    expect(job.result.regions).toEqual(want);
    const posted = await t.as("service").post("/api/stability", { source: c.source, region, node: "economy", dataset: c.rows, prev: c.prev });
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const other = await finished(t, "service", posted.body.poll);
    expect(other.result).toMatchObject({ scheme: null, version: null, schemeHash: (await countyResults()).schemeHash });
    expect(other.result.regions).toEqual(want);
  });

  test("stability refuses an unknown region or share at once (422), a wrong role (403) and a bad body (400)", async () => {
    const t = server();
    const c = county();
    const hash = await createWithVersion(t, "county", c.source);
    const url = `/api/schemes/county/versions/${hash}/stability`;
    const region = problemOf(await t.as("service").post(url, { region: "无此区", dataset: c.rows, prev: c.prev }), 422);
    expect(region.errors).toEqual([{ pointer: "/region", message: "no region `无此区`" }]);
    const node = problemOf(await t.as("service").post(url, { node: "economy.nope", dataset: c.rows, prev: c.prev }), 422);
    expect(node.errors).toEqual([{ pointer: "/node", message: "no dimension or indicator `economy.nope`" }]);
    problemOf(await t.as("auditor").post(url, { dataset: c.rows, prev: c.prev }), 403);
    problemOf(await t.as("service").post(url, { samples: 10, dataset: c.rows }), 400);
    problemOf(await t.as("service").post("/api/stability", { source: c.source, region: "无此区", dataset: c.rows, prev: c.prev }), 422);
  });

  test("reach on a stored version and on a posted source answers what the library does", async () => {
    const t = server();
    const c = county();
    const { hash, base } = await storedCounty(t);
    const region = base.regions.find((_, r) => base.grades!.level[r]! > 0)!;
    const best = base.grades!.labels[0]!;
    const grade = reach(base, region, readTarget(base, best, null) as Exclude<ReturnType<typeof readTarget>, string>);
    if (typeof grade === "string") throw new Error(grade);
    expect(grade.already).toBe(false);
    expect(grade.singles.length).toBeGreaterThan(0);
    const r = await t.as("service").post(`/api/schemes/county/versions/${hash}/reach`, { region, grade: best, dataset: c.rows, prev: c.prev });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ scheme: "county", version: hash, receipt: base.receipt });
    const { scheme: _s, version: _v, dataset: _d, datasetWarnings: _w, receipt: _r, ...doc } = r.body;
    expect(doc).toEqual(viaJson({ schemeHash: base.schemeHash, ...grade }));
    const raw = await countyResults();
    const target = readTarget(raw, null, 1, "area");
    if (typeof target === "string") throw new Error(target);
    const rank = reach(raw, region, target);
    const posted = await t.as("author").post("/api/reach", { source: c.source, region, rank: 1, within: "area", dataset: c.rows, prev: c.prev });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body).toMatchObject(viaJson({ scheme: null, version: null, schemeHash: raw.schemeHash, receipt: raw.receipt, ...(rank as object) }) as object);
    const audit = await t.as("auditor").get("/api/audit?action=reach");
    expect(audit.body.entries.map((e: any) => e.versionHash)).toEqual([null, hash]);
  });

  test("reach refuses an unknown region, grade or ranking (422), a wrong role (403) and a bad target (400)", async () => {
    const t = server();
    const c = county();
    const hash = await createWithVersion(t, "county", c.source);
    const url = `/api/schemes/county/versions/${hash}/reach`;
    const data = { dataset: c.rows, prev: c.prev };
    const grade = problemOf(await t.as("service").post(url, { region: "上城区", grade: "特优", ...data }), 422);
    expect(grade.errors[0]).toMatchObject({ pointer: "/grade", message: expect.stringContaining("no grade `特优`") });
    expect(grade.detail).toContain("`优秀`");
    const region = problemOf(await t.as("service").post(url, { region: "无此区", grade: "优秀", ...data }), 422);
    expect(region.errors).toEqual([{ pointer: "/region", message: "no region `无此区`" }]);
    const within = problemOf(await t.as("service").post(url, { region: "无此区", rank: 1, within: "nope", ...data }), 422);
    expect(within.errors).toEqual([{ pointer: "/within", message: "no ranking within `nope`" }]);
    problemOf(await t.as("auditor").post(url, { region: "上城区", grade: "优秀", ...data }), 403);
    problemOf(await t.as("service").post(url, { region: "上城区", ...data }), 400);
    problemOf(await t.as("service").post(url, { region: "上城区", grade: "优秀", rank: 1, ...data }), 400);
    problemOf(await t.as("service").post(url, { region: "上城区", rank: 0, ...data }), 400);
  });
}
