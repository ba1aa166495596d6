/**
 * `yardstick stability` and `yardstick reach` as real processes on a sample scheme: exit codes,
 * the table and JSON shapes, and usage errors.
 */
import { describe, expect, it } from "vitest";
import { spawnCli } from "../cli/spawn.js";

const SCHEME = "schemes/digital-gov.yard";
const DATA = "schemes/data/digital-gov.csv";
const SLOW = 600_000;

describe("stability and reach commands", () => {
  it("stability --region prints one line per share", async () => {
    const r = await spawnCli(["stability", SCHEME, DATA, "--region", "锦江区"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^share\s+label\s+weight\s+points\s+grade keeps/);
    expect(r.stdout).toContain("基础.基础设施.政务外网覆盖率");
  }, SLOW);

  it("stability --json gives every share of the region asked", async () => {
    const r = await spawnCli(["stability", SCHEME, DATA, "--region", "锦江区", "--node", "基础", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { regions: { region: string; shares: { path: string; grade: { lo: number; hi: number } }[] }[] };
    expect(doc.regions).toHaveLength(1);
    expect(doc.regions[0]!.shares.map((s) => s.path)).toEqual(["基础"]);
    expect(doc.regions[0]!.shares[0]!.grade.lo).toBeLessThanOrEqual(doc.regions[0]!.shares[0]!.grade.hi);
  }, SLOW);

  it("stability names an unknown region or share and exits 1", async () => {
    const r = await spawnCli(["stability", SCHEME, DATA, "--region", "无此区"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no region `无此区`");
  }, SLOW);

  it("reach prints the changes and the bulletin sentences; --json parses", async () => {
    const r = await spawnCli(["reach", SCHEME, DATA, "锦江区", "--grade", "优秀"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/锦江区 (→ 优秀|already reaches 优秀)/);
    const j = await spawnCli(["reach", SCHEME, DATA, "锦江区", "--rank", "1", "--json"]);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toHaveProperty("singles");
  }, SLOW);

  it("reach without a target prints the usage (exit 2); a wrong grade is an error", async () => {
    expect((await spawnCli(["reach", SCHEME, DATA, "锦江区"])).code).toBe(2);
    const r = await spawnCli(["reach", SCHEME, DATA, "锦江区", "--grade", "特优"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no grade `特优`");
  }, SLOW);
});
