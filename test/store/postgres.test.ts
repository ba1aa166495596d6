/**
 * The shared store suite on PostgreSQL, when `DATABASE_URL` is set (`scripts/pg-test.sh`
 * starts a throwaway server). Each test gets its own schema. Without `DATABASE_URL` the suite
 * is skipped with a printed reason, unless `YARDSTICK_REQUIRE_ALL=1` (CI): then it fails.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, test } from "vitest";
import { openStore } from "../../store/open.js";
import { openPostgresStore, postgresDriver } from "../../store/postgres.js";
import { defineStoreSuite, must } from "./suite.js";
import { canonicalize, type StoreHarness, type TestDatabase } from "./support.js";

const url = process.env.DATABASE_URL?.trim() ?? "";
const required = process.env.YARDSTICK_REQUIRE_ALL === "1";

async function withClient<T>(schema: string | null, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function freshPostgres(): TestDatabase {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  return {
    open: (options) => openPostgresStore({ connectionString: url, schema, canonicalize, poolSize: 4, ...options }),
    raw: (sql) => withClient(schema, async (c) => (await c.query(sql)).rows as Record<string, unknown>[]),
    connection: { kind: "postgres", url, schema },
    drop: () => withClient(null, async (c) => void (await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  };
}

const harness: StoreHarness = { kind: "postgres", fresh: async () => freshPostgres() };

if (url !== "") {
  defineStoreSuite(harness);

  describe("postgres store specifics", () => {
    test("openStore with a DATABASE_URL opens the PostgreSQL store there", async () => {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      await withClient(null, async (c) => void (await c.query(`CREATE SCHEMA ${schema}`)));
      try {
        const scoped = `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        const store = await openStore({ databaseUrl: scoped, dataDir: "/nonexistent", canonicalize });
        expect(store.kind).toBe("postgres");
        must(await store.createScheme({ name: "s", createdBy: "a" }));
        await store.close();
        const rows = await withClient(schema, async (c) => (await c.query("SELECT name FROM schemes")).rows);
        expect(rows).toEqual([{ name: "s" }]);
      } finally {
        await withClient(null, async (c) => void (await c.query(`DROP SCHEMA ${schema} CASCADE`)));
      }
    });

    test("only `log` transactions (audit entries) commit with synchronous_commit off, and a failed one writes nothing", async () => {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      // the throwaway test cluster may default to `off` itself: this session starts at `on`
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema} -c synchronous_commit=on` });
      const driver = postgresDriver(pool);
      try {
        await driver.script(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (x integer NOT NULL)`);
        const level = async (durability?: "log" | "durable"): Promise<unknown> => driver.transaction(async (tx) => (await tx.query("SHOW synchronous_commit"))[0]!["synchronous_commit"], durability);
        expect([await level(), await level("durable"), await level("log"), await level()]).toEqual(["on", "on", "off", "on"]);
        await expect(driver.transaction(async (tx) => {
          await tx.query("INSERT INTO t (x) VALUES (1)");
          await tx.query("INSERT INTO t (x) VALUES (NULL)");
        }, "log")).rejects.toThrow();
        expect(await driver.query("SELECT count(*)::int AS n FROM t")).toEqual([{ n: 0 }]);
        expect(await level()).toBe("on");
      } finally {
        await driver.script(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await driver.close();
      }
    });

    test("a closed store throws rather than answering", async () => {
      const db = freshPostgres();
      const store = await db.open();
      await store.close();
      await expect(store.listSchemes()).rejects.toThrow();
      await db.drop();
    });
  });
} else if (required) {
  test("the PostgreSQL store suite runs (YARDSTICK_REQUIRE_ALL=1)", () => {
    expect.fail("DATABASE_URL is not set, so the PostgreSQL store suite cannot run; start a server with scripts/pg-test.sh");
  });
} else {
  console.log("skipping the PostgreSQL store suite: DATABASE_URL is not set (eval \"$(scripts/pg-test.sh)\" starts a throwaway server)");
  test.skip("the PostgreSQL store suite (needs DATABASE_URL)", () => undefined);
}
