/** Diff, what-if, the dataset JSON Schema and the JSON Logic export, against a real server. */
import Ajv2020 from "ajv/dist/2020.js";
import jsonLogic from "json-logic-js";
import { expect, test } from "vitest";
import { createWithVersion, problemOf } from "./suite-schemes.js";
import { county, smallScheme, type TestServer } from "./support.js";

const ROWS = [{ district: "甲", gdp: 5 }, { district: "乙", gdp: 2.5 }, { district: "丙", gdp: 1 }];

async function twoVersions(t: TestServer): Promise<[string, string]> {
  const a = await createWithVersion(t, "small", smallScheme(0));
  const b = await t.as("author").post("/api/schemes/small/versions", { parent: a, source: smallScheme(5), message: "target 10" });
  expect(b.status).toBe(201);
  return [a, b.body.version.hash];
}

/** Registers the analysis tests. */
export function defineAnalysisTests(server: () => TestServer): void {
  test("structural diff of two stored versions names the changed target", async () => {
    const t = server();
    const [a, b] = await twoVersions(t);
    const r = await t.as("auditor").get(`/api/schemes/small/diff?from=${a}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ from: a, to: b });
    expect(r.body.changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.body.changes)).toContain("target");
    const none = await t.as("auditor").get(`/api/schemes/small/diff?from=${b}&to=${b}`);
    expect(none.body.changes).toEqual([]);
    problemOf(await t.as("auditor").get("/api/schemes/small/diff"), 400);
    problemOf(await t.as("auditor").get("/api/schemes/small/diff?from=deadbeefdead"), 404);
    problemOf(await t.as("service").get(`/api/schemes/small/diff?from=${a}`), 403);
  });

  test("impact diff on a posted CSV and on posted sources shows whom the change moves", async () => {
    const t = server();
    const [a, b] = await twoVersions(t);
    const r = await t.as("auditor").post(`/api/schemes/small/diff/impact?from=${a}&to=${b}`, "district,gdp\n甲,5\n乙,2.5\n丙,1\n", "text/csv");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const jia = r.body.regions.find((x: any) => x.region === "甲");
    expect(jia).toMatchObject({ old: { total: 100 }, new: { total: 50 }, scoreDelta: -50 });
    expect(r.body.summary.regions).toBe(3);
    const audit = await t.as("auditor").get("/api/audit?action=diff.impact");
    expect(audit.body.entries[0]).toMatchObject({ actor: "auditor (test)", versionHash: b, detail: { old: a } });
    const posted = await t.as("author").post("/api/diff", { old: smallScheme(0), new: smallScheme(5), dataset: ROWS });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body.changes.length).toBeGreaterThan(0);
    expect(posted.body.impact.regions.find((x: any) => x.region === "乙")).toMatchObject({ old: { total: 50 }, new: { total: 25 } });
    const structuralOnly = await t.as("author").post("/api/diff", { old: smallScheme(0), new: smallScheme(5) });
    expect(structuralOnly.body.impact).toBeUndefined();
    const bad = problemOf(await t.as("author").post("/api/diff", { old: smallScheme(0), new: "scheme {" }), 422);
    expect(bad.errors[0]).toMatchObject({ pointer: "/new" });
  });

  test("what-if on a stored version and on a posted source: new results and each region's change", async () => {
    const t = server();
    const hash = await createWithVersion(t, "small", smallScheme(0));
    const r = await t.as("service").post(`/api/schemes/small/versions/${hash}/whatif`, { overrides: ["economy.gdp.target=10"], dataset: ROWS });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.applied).toEqual(["economy.gdp.target=10"]);
    const jia = r.body.deltas.find((d: any) => d.region === "甲");
    expect(jia.total).toEqual({ before: 100, after: 50, delta: -50 });
    expect(r.body.results.regions.find((x: any) => x.region === "甲").total).toBe(50);
    const posted = await t.as("author").post("/api/whatif", { source: smallScheme(0), overrides: ["economy.gdp.target=10"], dataset: ROWS });
    expect(posted.body.deltas).toEqual(r.body.deltas);
    const bad = problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/whatif`, { overrides: ["economy.gdp.target=10", "economy.nope.target=1"], dataset: ROWS }), 422);
    expect(bad.errors).toEqual([expect.objectContaining({ pointer: "/overrides/1", code: expect.stringMatching(/^unknown-/) })]);
    problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/whatif`, { overrides: [], dataset: ROWS }), 400);
    problemOf(await t.as("auditor").post(`/api/schemes/small/versions/${hash}/whatif`, { overrides: ["economy.gdp.target=10"], dataset: ROWS }), 403);
  });

  test("the dataset JSON Schema (of one row) of a version accepts its rows and rejects bad ones", async () => {
    const t = server();
    const c = county();
    const hash = await createWithVersion(t, "county", c.source);
    const r = await t.as("service").get(`/api/schemes/county/versions/${hash}/schema`);
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/schema+json");
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(r.body);
    // the golden rows write the boolean `criticized` as 0/1, which the loader reads but the schema does not allow
    const rows = c.rows.map((row) => ({ ...row, criticized: row["criticized"] === 1 }));
    for (const row of rows) expect(validate(row), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...c.rows[0], online_total: "many" })).toBe(false);
    problemOf(await t.as("service").get("/api/schemes/county/versions/0000000/schema"), 404);
  });

  test("the JSON Logic export classifies a row as the engine does (json-logic-js as the oracle)", async () => {
    const t = server();
    const c = county();
    await createWithVersion(t, "county", c.source);
    const r = await t.as("auditor").get("/api/schemes/county/versions/head/jsonlogic");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const area = r.body.typologies.area as Record<string, unknown>;
    const core = c.rows.filter((row) => jsonLogic.apply(area["core"] as jsonLogic.RulesLogic, row));
    expect(core.map((row) => row["id"])).toEqual(c.rows.filter((row) => (row["urban_rate"] as number) >= 80).map((row) => row["id"]));
  });

  test("sensitivity runs as a job the client polls, with progress, then the rank intervals", async () => {
    const t = server();
    const c = county();
    const hash = await createWithVersion(t, "county", c.source);
    const started = await t.as("service").post(`/api/schemes/county/versions/${hash}/sensitivity`, { samples: 1000, seed: 7, dataset: c.rows, prev: c.prev });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.headers.get("location")).toBe(`/api/jobs/${started.body.job.id}`);
    const seen: number[] = [];
    let job = started.body.job;
    while (job.state === "running") {
      seen.push(job.progress);
      await new Promise((r) => setTimeout(r, 20));
      job = (await t.as("service").get(started.body.poll)).body.job;
    }
    expect(job.state, JSON.stringify(job.problem)).toBe("done");
    expect(job.progress).toBe(1);
    expect(seen.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.result).toMatchObject({ scheme: "county", version: hash });
    expect(job.result.regions).toHaveLength(c.rows.length);
    for (const r of job.result.regions) expect(r.low).toBeLessThanOrEqual(r.high);
    problemOf(await t.as("author").get(started.body.poll), 404);
    expect((await t.as("admin").get(started.body.poll)).body.job.state).toBe("done");
    problemOf(await t.as("service").get("/api/jobs/nope"), 404);
    problemOf(await t.as("service").post(`/api/schemes/county/versions/${hash}/sensitivity`, { samples: -1, dataset: c.rows }), 400);
    problemOf(await t.as("auditor").post(`/api/schemes/county/versions/${hash}/sensitivity`, { samples: 10, dataset: c.rows }), 403);
    const posted = await t.as("author").post("/api/sensitivity", { source: smallScheme(0), samples: 100, dataset: ROWS });
    expect(posted.status).toBe(202);
    let other = posted.body.job;
    while (other.state === "running") other = (await t.as("author").get(posted.body.poll)).body.job;
    expect(other.state).toBe("done");
  });
}
