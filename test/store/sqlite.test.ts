/**
 * The shared store suite on SQLite (always runs: a temp folder per test), plus what only the
 * embedded store has: the data-folder file in WAL mode, and surviving a writer killed mid-save.
 */
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { openStore } from "../../store/open.js";
import { openSqliteStore, sqliteDriver } from "../../store/sqlite.js";
import { defineStoreSuite, must, saved } from "./suite.js";
import { canonicalize, schemeText, type StoreHarness, type TestDatabase } from "./support.js";
import { startWriter } from "./writers.js";

function rawSql(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file);
  try {
    const stmt = db.prepare(sql);
    if (stmt.reader) return stmt.all() as Record<string, unknown>[];
    stmt.run();
    return [];
  } finally {
    db.close();
  }
}

function freshSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-store-"));
  const file = join(dir, "yardstick.db");
  return {
    open: (options) => openSqliteStore({ file, canonicalize, ...options }),
    raw: async (sql) => rawSql(file, sql),
    connection: { kind: "sqlite", file },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const harness: StoreHarness = { kind: "sqlite", fresh: async () => freshSqlite() };

defineStoreSuite(harness);

describe("sqlite store specifics", () => {
  test("openStore without a DATABASE_URL creates yardstick.db in the data folder, in WAL mode", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-open-"));
    try {
      const dataDir = join(dir, "nested", "data");
      const store = await openStore({ dataDir, databaseUrl: "", canonicalize });
      expect(store.kind).toBe("sqlite");
      must(await store.createScheme({ name: "s", createdBy: "a" }));
      const file = join(dataDir, "yardstick.db");
      expect(existsSync(file)).toBe(true);
      expect(rawSql(file, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
      await store.close();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("openStore refuses a DATABASE_URL that is not PostgreSQL's", async () => {
    await expect(openStore({ databaseUrl: "mysql://localhost/x", canonicalize })).rejects.toThrow(/postgres/);
  });

  test("a writer killed mid-save loses no acknowledged version or audit entry and leaves a sound file", async () => {
    const db = freshSqlite();
    try {
      const store = await db.open();
      must(await store.createScheme({ name: "crash", createdBy: "a" }));
      const writer = startWriter({ connection: db.connection, scheme: "crash", writer: 0, count: -1, audit: true });
      await writer.ready;
      writer.child.stdin!.write("go\n");
      while (writer.acknowledged.length < 25) await new Promise((r) => setTimeout(r, 10));
      writer.child.kill("SIGKILL");
      await writer.done.catch(() => undefined);
      const acknowledged = [...writer.acknowledged];
      const audited = [...writer.audited];
      await store.close();
      const reopened = await db.open();
      const stored = new Set(must(await reopened.history("crash", { limit: 10_000 })).versions.map((v) => v.hash));
      for (const hash of acknowledged) expect(stored.has(hash)).toBe(true);
      const entries = new Set((await reopened.listAudit({ limit: 1000 })).map((e) => e.id));
      expect(audited.length).toBeGreaterThan(20);
      for (const id of audited) expect(entries.has(id)).toBe(true);
      expect(await db.raw("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      const head = must(await reopened.getHead("crash")).version!;
      saved(await reopened.saveVersion({ scheme: "crash", parent: head.hash, source: schemeText(-1), author: "a", message: "after" }));
      await reopened.close();
    } finally {
      await db.drop();
    }
  });

  test("only `log` transactions (audit entries) commit with synchronous = NORMAL; FULL is back after, even after a failure", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-sync-"));
    const db = new Database(join(dir, "sync.db"));
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.exec("CREATE TABLE t (x INTEGER NOT NULL)");
      const driver = sqliteDriver(db);
      const level = async (durability?: "log" | "durable"): Promise<unknown> => driver.transaction(async (tx) => (await tx.query("PRAGMA synchronous"))[0]!["synchronous"], durability);
      expect([await level(), await level("durable"), await level("log"), await level()]).toEqual([2, 2, 1, 2]);
      await expect(driver.transaction(async (tx) => {
        await tx.query("INSERT INTO t (x) VALUES (1)");
        await tx.query("INSERT INTO t (x) VALUES (NULL)");
      }, "log")).rejects.toThrow();
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
      expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 0 });
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
