/**
 * The one store suite both implementations must pass: `defineStoreSuite(harness)` registers it
 * for SQLite (`sqlite.test.ts`) and PostgreSQL (`postgres.test.ts`). Each test gets a fresh
 * database; checks that matter (nothing partial, nothing lost) read the tables with raw SQL.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { sha256Hex } from "../../store/schemes.js";
import type { SaveResult, SchemeStore, StoreResult, Version } from "../../store/types.js";
import { defineMigrationTests } from "./suite-migrations.js";
import { defineRecordTests } from "./suite-records.js";
import { canonicalize, countRows, schemeText, type StoreHarness, type TestDatabase } from "./support.js";
import { runWriters } from "./writers.js";

/** The fields of an ok result, failing the test otherwise. */
export function must<T>(result: StoreResult<T>): T {
  if (!result.ok) expect.fail(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

/** The version of a successful save, failing the test otherwise. */
export function saved(result: SaveResult): Version {
  if (!result.ok) expect.fail(`expected a saved version, got ${JSON.stringify(result)}`);
  return result.version;
}

/** Per-test state: a fresh database, a store on it, and any extra connections opened. */
export interface SuiteContext {
  readonly harness: StoreHarness;
  db: TestDatabase;
  store: SchemeStore;
  /** Opens another connection to the same database (closed after the test). */
  another(): Promise<SchemeStore>;
}

/** Registers the shared suite for one store implementation. */
export function defineStoreSuite(harness: StoreHarness): void {
  describe(`${harness.kind} store`, () => {
    const extra: SchemeStore[] = [];
    const ctx = {
      harness,
      another: async () => {
        const s = await ctx.db.open();
        extra.push(s);
        return s;
      },
    } as SuiteContext;
    beforeEach(async () => {
      ctx.db = await harness.fresh();
      ctx.store = await ctx.db.open();
    });
    afterEach(async () => {
      await Promise.all([ctx.store, ...extra.splice(0)].map((s) => s.close()));
      await ctx.db.drop();
    });
    test("reports its kind and answers pings", async () => {
      expect(ctx.store.kind).toBe(harness.kind);
      await expect(ctx.store.ping()).resolves.toBeUndefined();
    });
    defineSchemeTests(ctx);
    defineVersionTests(ctx);
    defineConflictTests(ctx);
    defineConcurrencyTests(ctx);
    defineRecordTests(ctx);
    defineMigrationTests(ctx);
  });
}

function defineSchemeTests(ctx: SuiteContext): void {
  test("creates, lists and gets schemes by name", async () => {
    const a = must(await ctx.store.createScheme({ name: "县域经济", createdBy: "张三" })).scheme;
    must(await ctx.store.createScheme({ name: "apple", createdBy: "李四" }));
    expect(a).toMatchObject({ name: "县域经济", head: null, versions: 0, createdBy: "张三" });
    expect(a.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await ctx.store.listSchemes()).map((s) => s.name)).toEqual(["apple", "县域经济"]);
    expect(await ctx.store.getScheme("县域经济")).toEqual(a);
    expect(await ctx.store.getScheme("nope")).toBeNull();
  });

  test("refuses a duplicate name, also in another Unicode normal form", async () => {
    must(await ctx.store.createScheme({ name: "Café", createdBy: "a" }));
    const again = await ctx.store.createScheme({ name: "Cafe\u0301", createdBy: "b" });
    expect(again).toMatchObject({ ok: false, error: { code: "duplicate-scheme" } });
    expect(await ctx.store.getScheme("Cafe\u0301")).toMatchObject({ name: "Café", createdBy: "a" });
    expect(await countRows(ctx.db, "schemes")).toBe(1);
  });

  test("refuses names that are empty, padded, too long or contain slashes", async () => {
    for (const name of ["", " a", "a/b", "x".repeat(101), "tab\there"]) {
      expect(await ctx.store.createScheme({ name, createdBy: "a" })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    }
    expect(await ctx.store.createScheme({ name: "ok", createdBy: " " })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(await countRows(ctx.db, "schemes")).toBe(0);
  });
}

/** Saves `schemeText(n)` on `parent` in scheme `s`. */
function saver(ctx: SuiteContext) {
  return (parent: string | null, n: number, scheme = "s") =>
    ctx.store.saveVersion({ scheme, parent, source: schemeText(n), author: "张三", message: `v${n}` });
}

function defineVersionTests(ctx: SuiteContext): void {
  const save = saver(ctx);

  test("saves a chain of versions addressed by the hash of the canonical source", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    const raw = `${schemeText(1).replace(/\n/g, "  \r\n")}\n\n\n`;
    const r1 = await ctx.store.saveVersion({ scheme: "s", parent: null, source: raw, author: "张三", message: "初版" });
    expect(r1).toMatchObject({ ok: true, created: true });
    const v1 = saved(r1);
    expect(v1.source).toBe(canonicalize(raw));
    expect(v1.hash).toBe(sha256Hex(canonicalize(raw)));
    expect(v1).toMatchObject({ scheme: "s", parent: null, seq: 1, author: "张三", message: "初版" });
    const v2 = saved(await save(v1.hash, 2));
    const v3 = saved(await save(v2.hash, 3));
    expect([v2.parent, v2.seq, v3.parent, v3.seq]).toEqual([v1.hash, 2, v2.hash, 3]);
    const hist = must(await ctx.store.history("s")).versions;
    expect(hist.map((v) => v.hash)).toEqual([v3.hash, v2.hash, v1.hash]);
    expect(hist[0]).not.toHaveProperty("source");
    expect(must(await ctx.store.history("s", { limit: 1, beforeSeq: 3 })).versions.map((v) => v.hash)).toEqual([v2.hash]);
    expect(must(await ctx.store.getHead("s")).version).toEqual(v3);
    expect(await ctx.store.getScheme("s")).toMatchObject({ head: v3.hash, versions: 3 });
  });

  test("gets versions by full hash, unique prefix or `head`", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    const v1 = saved(await save(null, 1));
    const v2 = saved(await save(v1.hash, 2));
    expect(must(await ctx.store.getVersion("s", v1.hash)).version).toEqual(v1);
    expect(must(await ctx.store.getVersion("s", v1.hash.slice(0, 10).toUpperCase())).version).toEqual(v1);
    expect(must(await ctx.store.getVersion("s", "head")).version).toEqual(v2);
    expect(await ctx.store.getVersion("s", "0".repeat(64))).toMatchObject({ ok: false, error: { code: "unknown-version" } });
    expect(await ctx.store.getVersion("s", "abc")).toMatchObject({ ok: false, error: { code: "unknown-version" } });
    expect(await ctx.store.getVersion("t", v1.hash)).toMatchObject({ ok: false, error: { code: "unknown-scheme" } });
    expect(await ctx.store.getHead("t")).toMatchObject({ ok: false, error: { code: "unknown-scheme" } });
    expect(await ctx.store.history("t")).toMatchObject({ ok: false, error: { code: "unknown-scheme" } });
  });

  test("reports an ambiguous hash prefix with the candidates", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    // two hashes sharing 7 digits would take ~2^28 saves; plant them with raw SQL instead
    const [h1, h2] = [`abcdef1${"0".repeat(57)}`, `abcdef1${"f".repeat(57)}`];
    const id = "(SELECT id FROM schemes WHERE name = 's')";
    const at = "'2024-01-01T00:00:00.000Z'";
    await ctx.db.raw(`INSERT INTO versions VALUES (${id}, '${h1}', 1, NULL, 'a', 'x', '', ${at})`);
    await ctx.db.raw(`INSERT INTO versions VALUES (${id}, '${h2}', 2, '${h1}', 'b', 'x', '', ${at})`);
    const r = await ctx.store.getVersion("s", "abcdef1");
    expect(r).toMatchObject({ ok: false, error: { code: "ambiguous-version", hashes: [h1, h2] } });
    expect(must(await ctx.store.getVersion("s", "abcdef10")).version.hash).toBe(h1);
    // fewer than 7 digits is not a prefix at all
    expect(await ctx.store.getVersion("s", "abcdef")).toMatchObject({ ok: false, error: { code: "unknown-version" } });
  });

}

function defineConflictTests(ctx: SuiteContext): void {
  const save = saver(ctx);

  test("saving the head's content again is idempotent", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    const v1 = saved(await save(null, 1));
    const again = await ctx.store.saveVersion({ scheme: "s", parent: v1.hash, source: `${schemeText(1)}   \n`, author: "b", message: "x" });
    expect(again).toEqual({ ok: true, version: v1, created: false });
    const v2 = saved(await save(v1.hash, 2));
    // a stale parent with the head's exact content: what the writer wanted is already there
    expect(await save(v1.hash, 2)).toEqual({ ok: true, version: v2, created: false });
    expect(await countRows(ctx.db, "versions")).toBe(2);
  });

  test("a save on a stale parent is a conflict that overwrites nothing", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    const v1 = saved(await save(null, 1));
    const v2 = saved(await save(v1.hash, 2));
    const lost = await save(v1.hash, 3);
    expect(lost).toEqual({ ok: false, conflict: { head: v2 } });
    expect(must(await ctx.store.getHead("s")).version).toEqual(v2);
    expect(await countRows(ctx.db, "versions")).toBe(2);
    // the losing content can still be saved, on the new head
    const v3 = saved(await save(v2.hash, 3));
    expect(v3).toMatchObject({ parent: v2.hash, seq: 3, source: canonicalize(schemeText(3)) });
    expect(await save(null, 4)).toEqual({ ok: false, conflict: { head: v3 } });
  });

  test("a first save must have no parent", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    expect(await save("a".repeat(64), 1)).toEqual({ ok: false, conflict: { head: null } });
    expect(await countRows(ctx.db, "versions")).toBe(0);
  });

  test("refuses to save content that is an older version again, and bad input", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    const v1 = saved(await save(null, 1));
    const v2 = saved(await save(v1.hash, 2));
    expect(await save(v2.hash, 1)).toMatchObject({ ok: false, error: { code: "content-exists", hashes: [v1.hash] } });
    expect(await save(null, 1, "nope")).toMatchObject({ ok: false, error: { code: "unknown-scheme" } });
    expect(await save(v2.hash.slice(0, 12), 3)).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const noAuthor = await ctx.store.saveVersion({ scheme: "s", parent: v2.hash, source: "x", author: "", message: "" });
    expect(noAuthor).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(await countRows(ctx.db, "versions")).toBe(2);
  });

  test("versions cannot be changed or deleted, even with raw SQL", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    const v1 = saved(await save(null, 1));
    await expect(ctx.db.raw("UPDATE versions SET message = 'changed'")).rejects.toThrow();
    await expect(ctx.db.raw("DELETE FROM versions")).rejects.toThrow();
    expect(must(await ctx.store.getHead("s")).version).toEqual(v1);
  });
}

function defineConcurrencyTests(ctx: SuiteContext): void {
  test("two writers on the same parent, on separate connections: one saves, one gets the conflict", async () => {
    const [a, b] = [await ctx.another(), await ctx.another()];
    must(await a.createScheme({ name: "s", createdBy: "a" }));
    let parent = saved(await a.saveVersion({ scheme: "s", parent: null, source: schemeText(0), author: "a", message: "" })).hash;
    for (let round = 1; round <= 10; round++) {
      const texts = [schemeText(round * 10 + 1), schemeText(round * 10 + 2)];
      const results = await Promise.all([
        a.saveVersion({ scheme: "s", parent, source: texts[0]!, author: "a", message: "" }),
        b.saveVersion({ scheme: "s", parent, source: texts[1]!, author: "b", message: "" }),
      ]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok && "conflict" in r);
      expect([winners.length, losers.length]).toEqual([1, 1]);
      const winner = saved(winners[0]!);
      expect(losers[0]).toEqual({ ok: false, conflict: { head: winner } });
      // nothing lost: the loser saves its content on the new head
      const loserText = texts[results.indexOf(losers[0]!)]!;
      parent = saved(await b.saveVersion({ scheme: "s", parent: winner.hash, source: loserText, author: "b", message: "" })).hash;
    }
    expect(await countRows(ctx.db, "versions")).toBe(21);
  });

  test("writer processes racing on one scheme lose nothing and keep the chain linear", async () => {
    must(await ctx.store.createScheme({ name: "race", createdBy: "a" }));
    const writers = 3;
    const each = 6;
    const reports = await runWriters(ctx.db.connection, "race", writers, each);
    const hist = must(await ctx.store.history("race")).versions;
    expect(hist).toHaveLength(writers * each);
    hist.forEach((v, i) => {
      expect(v.seq).toBe(hist.length - i);
      expect(v.parent).toBe(hist[i + 1]?.hash ?? null);
    });
    const all = reports.flatMap((r) => r.saved);
    expect(new Set(all)).toEqual(new Set(hist.map((v) => v.hash)));
    for (const r of reports) expect(r.saved).toHaveLength(each);
  });
}
