/**
 * The server as a process (`yardstick serve`): first start loads the samples and prints an admin
 * token once; SIGTERM stops it cleanly; SIGKILL while it saves versions loses no acknowledged
 * version. On SQLite always, on PostgreSQL when DATABASE_URL is set.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { sha256Hex } from "../../store/index.js";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Client, postgresHarness, postgresSkipReason, requireAll, smallScheme, sqliteHarness, type ServerHarness, type TestStore } from "./support.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** A started `yardstick serve`. */
interface Serving {
  readonly child: ChildProcess;
  readonly url: string;
  /** The admin token it printed, or null when it printed none. */
  readonly token: string | null;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function serve(db: TestStore): Promise<Serving> {
  await db.prepare();
  const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", "serve"], {
    cwd: ROOT, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...db.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let pending = "";
    let err = "";
    let token: string | null = null;
    child.stderr!.on("data", (c: Buffer) => (err += c.toString("utf8")));
    child.stdout!.on("data", (c: Buffer) => {
      const lines = (pending + c.toString("utf8")).split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        const entry = JSON.parse(line) as { msg: string; url?: string; token?: string };
        if (entry.token) token = entry.token;
        // the token, when there is one, is logged before this line
        if (entry.msg === "listening") resolve({ child, url: entry.url!, token, exited });
      }
    });
    void exited.then(({ code }) => reject(new Error(`serve exited early with ${code}: ${err}`)));
  });
}

function defineProcessTests(harness: ServerHarness): void {
  describe(`yardstick serve on ${harness.kind}`, () => {
    test("first start loads the samples and prints an admin token once; SIGTERM stops it cleanly", async () => {
      const db = harness.fresh();
      try {
        const first = await serve(db);
        expect(first.token).toMatch(/^yst_/);
        const admin = new Client(first.url, first.token);
        expect((await new Client(first.url, null).get("/healthz")).body).toMatchObject({ status: "ok", store: harness.kind });
        const schemes = (await admin.get("/api/schemes")).body.schemes.map((s: any) => s.name);
        expect(schemes).toEqual(expect.arrayContaining(["county-annual", "jinhua"]));
        const datasets = (await admin.get("/api/datasets")).body.datasets.map((d: any) => `${d.name}/${d.period}`);
        expect(datasets).toEqual(expect.arrayContaining(["county-annual/2026", "county-annual/2025"]));
        const r = await admin.post("/api/schemes/county-annual/versions/head/evaluate?dataset=county-annual/2026&prev=county-annual/2025");
        expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
        first.child.kill("SIGTERM");
        expect(await first.exited).toEqual({ code: 0, signal: null });

        const second = await serve(db);
        expect(second.token).toBeNull();
        expect((await new Client(second.url, first.token).get("/api/schemes")).body.schemes.map((s: any) => s.name)).toEqual(schemes);
        second.child.kill("SIGTERM");
        expect((await second.exited).code).toBe(0);
      } finally {
        await db.drop();
      }
    });

    test("SIGKILL while saving versions in a loop: after a restart every acknowledged version is there", async () => {
      const db = harness.fresh();
      try {
        const first = await serve(db);
        const admin = new Client(first.url, first.token);
        expect((await admin.post("/api/schemes", { name: "crash" })).status).toBe(201);
        const acknowledged: string[] = [];
        let parent: string | null = null;
        let killed = false;
        const loop = (async () => {
          for (let n = 0; !killed; n++) {
            try {
              const r = await admin.post("/api/schemes/crash/versions", { parent, source: smallScheme(n), message: `v${n}` });
              if (r.status !== 201) throw new Error(`save answered ${r.status}`);
              acknowledged.push(r.body.version.hash);
              parent = r.body.version.hash;
            } catch (e) {
              if (!killed) throw e;
            }
          }
        })();
        while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 5));
        killed = true;
        first.child.kill("SIGKILL");
        expect((await first.exited).signal).toBe("SIGKILL");
        await loop;
        const seen = [...acknowledged];

        const second = await serve(db);
        const after = new Client(second.url, first.token);
        const history = await after.get("/api/schemes/crash/versions?limit=10000");
        const stored = new Set(history.body.versions.map((v: any) => v.hash));
        for (const hash of seen) expect(stored.has(hash)).toBe(true);
        const head = (await after.get("/api/schemes/crash/versions/head")).body.version;
        const more = await after.post("/api/schemes/crash/versions", { parent: head.hash, source: smallScheme(-3), message: "after the crash" });
        expect(more.status).toBe(201);
        second.child.kill("SIGTERM");
        await second.exited;
      } finally {
        await db.drop();
      }
    });
  });
}

test("`yardstick token create --role R --name N` prints a secret whose hash only is stored; list and revoke", async () => {
  const db = sqliteHarness.fresh();
  try {
    const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "cli/main.ts", "token", ...args], { cwd: ROOT, env: { ...process.env, ...db.env }, encoding: "utf8" });
    const made = run("create", "--role", "service", "--name", "统计局数据平台");
    expect(made.status, made.stderr).toBe(0);
    const secret = made.stdout.trim();
    expect(secret).toMatch(/^yst_/);
    const store = await db.open();
    const token = await store.findToken(sha256Hex(secret));
    expect(token).toMatchObject({ role: "service", name: "统计局数据平台" });
    expect(JSON.stringify(await store.listTokens())).not.toContain(secret);
    await store.close();
    expect(run("list").stdout).toContain("统计局数据平台");
    expect(run("revoke", token!.id).status).toBe(0);
    const again = await db.open();
    expect(await again.findToken(sha256Hex(secret))).toBeNull();
    await again.close();
    expect(run("create", "--role", "root").status).toBe(2);
  } finally {
    await db.drop();
  }
});

defineProcessTests(sqliteHarness);
if (postgresHarness) defineProcessTests(postgresHarness);
else if (requireAll) test("yardstick serve on PostgreSQL (YARDSTICK_REQUIRE_ALL=1)", () => expect.fail(`cannot run: ${postgresSkipReason}`));
else {
  console.log(`skipping yardstick serve on PostgreSQL: ${postgresSkipReason}`);
  test.skip("yardstick serve on PostgreSQL (needs DATABASE_URL)", () => undefined);
}
