/**
 * The shared suite's part on migrations: recorded once, not reapplied on reopen, new ones
 * applied in order, a failing one rolled back, a newer database refused, concurrent opens safe.
 */
import { expect, test } from "vitest";
import { MIGRATIONS, type Migration } from "../../store/migrations.js";
import { must, type SuiteContext } from "./suite.js";
import { countRows } from "./support.js";

const next = MIGRATIONS.length + 1;

function extra(name: string, sql: string): Migration[] {
  return [...MIGRATIONS, { id: next, name, sqlite: sql, postgres: sql }];
}

/** Registers the migration tests. */
export function defineMigrationTests(ctx: SuiteContext): void {
  test("records each migration once and does not reapply it on reopen", async () => {
    const applied = await ctx.store.listMigrations();
    expect(applied.map((m) => [m.id, m.name])).toEqual(MIGRATIONS.map((m) => [m.id, m.name]));
    must(await ctx.store.createScheme({ name: "kept", createdBy: "a" }));
    await ctx.store.close();
    ctx.store = await ctx.db.open();
    expect(await ctx.store.listMigrations()).toEqual(applied);
    expect(await ctx.store.getScheme("kept")).not.toBeNull();
    expect(await countRows(ctx.db, "schema_migrations")).toBe(MIGRATIONS.length);
  });

  test("applies a new migration once, and refuses to open a database newer than the code", async () => {
    const list = extra("add-probe", "CREATE TABLE probe (x integer); INSERT INTO probe VALUES (1);");
    const upgraded = await ctx.db.open({ migrations: list });
    expect((await upgraded.listMigrations()).map((m) => m.name)).toEqual(list.map((m) => m.name));
    await upgraded.close();
    await (await ctx.db.open({ migrations: list })).close();
    expect(await countRows(ctx.db, "probe")).toBe(1);
    await expect(ctx.db.open()).rejects.toThrow(/does not know/);
    const renamed = extra("other-name", "SELECT 1;");
    await expect(ctx.db.open({ migrations: renamed })).rejects.toThrow(/add-probe/);
  });

  test("a failing migration is rolled back and not recorded", async () => {
    const list = extra("half-done", "CREATE TABLE half (x integer); INSERT INTO half VALUES (1); INSERT INTO no_such_table VALUES (1);");
    await expect(ctx.db.open({ migrations: list })).rejects.toThrow(/no_such_table/);
    await expect(ctx.db.raw("SELECT count(*) AS n FROM half")).rejects.toThrow();
    expect(await countRows(ctx.db, "schema_migrations")).toBe(MIGRATIONS.length);
    const reopened = await ctx.db.open();
    expect(await reopened.listMigrations()).toHaveLength(MIGRATIONS.length);
    await reopened.close();
  });

  test("refuses a migration list out of order", async () => {
    const list = [...MIGRATIONS, { id: next + 1, name: "gap", sqlite: "", postgres: "" }];
    await expect(ctx.db.open({ migrations: list })).rejects.toThrow(/expected/);
  });

  test("several connections opening a new database at once migrate it exactly once", async () => {
    const db = await ctx.harness.fresh();
    try {
      const stores = await Promise.all([db.open(), db.open(), db.open()]);
      expect(await countRows(db, "schema_migrations")).toBe(MIGRATIONS.length);
      must(await stores[0]!.createScheme({ name: "s", createdBy: "a" }));
      expect(await stores[2]!.getScheme("s")).not.toBeNull();
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await db.drop();
    }
  });
}
