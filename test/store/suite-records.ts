/**
 * The shared suite's part on datasets, the audit log, API tokens, and writes that fail half
 * way (which must leave no trace).
 */
import { expect, test } from "vitest";
import { sha256Hex } from "../../store/schemes.js";
import { must, saved, type SuiteContext } from "./suite.js";
import { countRows, schemeText } from "./support.js";

const CSV = new TextEncoder().encode("地区,gdp_growth\n甲县,6.5\n乙县,5.1\n");

/** Registers the dataset, audit, token and failed-write tests. */
export function defineRecordTests(ctx: SuiteContext): void {
  defineDatasetTests(ctx);
  defineAuditTests(ctx);
  defineTokenTests(ctx);
  defineFailedWriteTests(ctx);
}

function defineDatasetTests(ctx: SuiteContext): void {
  const put = (period: string, content: Uint8Array, replace?: boolean) =>
    ctx.store.putDataset({ name: "县域", period, mediaType: "text/csv", content, rowCount: 2, author: "统计局", ...(replace ? { replace } : {}) });

  test("stores datasets per period and returns their bytes", async () => {
    const first = must(await put("2024", CSV));
    expect(first.created).toBe(true);
    expect(first.dataset).toMatchObject({ name: "县域", period: "2024", mediaType: "text/csv", rowCount: 2, byteSize: CSV.length, sha256: sha256Hex(CSV) });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    must(await ctx.store.putDataset({ name: "binary", period: "2023Q4", mediaType: "application/vnd.ms-excel", content: bytes, rowCount: 0, author: "a" }));
    must(await put("2023", CSV));
    const got = await ctx.store.getDataset("县域", "2024");
    expect(got).toMatchObject(first.dataset);
    expect(Buffer.from(got!.content).equals(Buffer.from(CSV))).toBe(true);
    expect(Buffer.from((await ctx.store.getDataset("binary", "2023Q4"))!.content).equals(Buffer.from(bytes))).toBe(true);
    expect((await ctx.store.listDatasets()).map((d) => `${d.name}/${d.period}`)).toEqual(["binary/2023Q4", "县域/2023", "县域/2024"]);
    expect((await ctx.store.listDatasets("县域")).map((d) => d.period)).toEqual(["2023", "2024"]);
    expect(await ctx.store.listDatasets("none")).toEqual([]);
    expect(await ctx.store.getDataset("县域", "2025")).toBeNull();
    expect(await ctx.store.listDatasets()).not.toContainEqual(expect.objectContaining({ content: expect.anything() }));
  });

  test("the same dataset again is a no-op; different content needs `replace`", async () => {
    const first = must(await put("2024", CSV)).dataset;
    expect(await put("2024", CSV)).toEqual({ ok: true, dataset: first, created: false });
    const other = new TextEncoder().encode("地区,gdp_growth\n甲县,7.0\n乙县,5.1\n");
    expect(await put("2024", other)).toMatchObject({ ok: false, error: { code: "dataset-exists" } });
    expect((await ctx.store.getDataset("县域", "2024"))!.sha256).toBe(sha256Hex(CSV));
    const replaced = must(await put("2024", other, true));
    expect(replaced).toMatchObject({ created: false, dataset: { sha256: sha256Hex(other), createdAt: first.createdAt } });
    expect(Buffer.from((await ctx.store.getDataset("县域", "2024"))!.content).equals(Buffer.from(other))).toBe(true);
    expect(await countRows(ctx.db, "datasets")).toBe(1);
  });

  test("refuses bad dataset input", async () => {
    const base = { name: "d", period: "2024", mediaType: "text/csv", content: CSV, rowCount: 1, author: "a" };
    for (const bad of [{ period: "" }, { mediaType: "csv" }, { rowCount: -1 }, { rowCount: 1.5 }, { name: "a/b" }, { author: "" }]) {
      expect(await ctx.store.putDataset({ ...base, ...bad })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    }
    expect(await countRows(ctx.db, "datasets")).toBe(0);
  });
}

function defineAuditTests(ctx: SuiteContext): void {
  test("appends audit entries and lists them newest first, filtered and paged", async () => {
    const hash = "c".repeat(64);
    const a = await ctx.store.appendAudit({ actor: "平台", action: "evaluate", target: "县域", versionHash: hash, detail: { rows: 2, 数据: "县域/2024" } });
    const b = await ctx.store.appendAudit({ actor: "张三", action: "version.save", target: "县域" });
    const c = await ctx.store.appendAudit({ actor: "平台", action: "evaluate", target: "市级" });
    expect(a).toMatchObject({ actor: "平台", action: "evaluate", target: "县域", versionHash: hash, detail: { rows: 2, 数据: "县域/2024" } });
    expect(b).toMatchObject({ versionHash: null, detail: null });
    expect(b.id).toBeGreaterThan(a.id);
    expect((await ctx.store.listAudit()).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    expect((await ctx.store.listAudit({ actor: "平台" })).map((e) => e.id)).toEqual([c.id, a.id]);
    expect((await ctx.store.listAudit({ target: "县域", action: "evaluate" })).map((e) => e.id)).toEqual([a.id]);
    expect((await ctx.store.listAudit({ versionHash: hash }))).toEqual([a]);
    expect((await ctx.store.listAudit({ limit: 1, beforeId: c.id })).map((e) => e.id)).toEqual([b.id]);
    await expect(ctx.db.raw("DELETE FROM audit_log")).rejects.toThrow();
    await expect(ctx.db.raw("UPDATE audit_log SET actor = 'x'")).rejects.toThrow();
    expect(await countRows(ctx.db, "audit_log")).toBe(3);
  });

  test("a failed audit append writes nothing, and the store goes on (appends and changes)", async () => {
    const a = await ctx.store.appendAudit({ actor: "平台", action: "evaluate", target: "县域" });
    await expect(ctx.store.appendAudit({ actor: "", action: "evaluate", target: "县域" })).rejects.toThrow();
    expect(await countRows(ctx.db, "audit_log")).toBe(1);
    must(await ctx.store.createScheme({ name: "s", createdBy: "张三", audit: { actor: "张三", action: "scheme.create" } }));
    const b = await ctx.store.appendAudit({ actor: "平台", action: "evaluate", target: "s" });
    expect((await ctx.store.listAudit()).map((e) => [e.id, e.action])).toEqual([[b.id, "evaluate"], [expect.any(Number), "scheme.create"], [a.id, "evaluate"]]);
  });

  test("writes a change's audit entry in the change's transaction", async () => {
    const audit = { actor: "张三", action: "scheme.create" };
    must(await ctx.store.createScheme({ name: "s", createdBy: "张三", audit }));
    const v1 = saved(await ctx.store.saveVersion({ scheme: "s", parent: null, source: schemeText(1), author: "张三", message: "", audit: { actor: "张三", action: "version.save" } }));
    const conflict = await ctx.store.saveVersion({ scheme: "s", parent: null, source: schemeText(2), author: "李四", message: "", audit: { actor: "李四", action: "version.save" } });
    expect(conflict.ok).toBe(false);
    must(await ctx.store.putDataset({ name: "d", period: "2024", mediaType: "text/csv", content: CSV, rowCount: 2, author: "a", audit: { actor: "a", action: "dataset.put" } }));
    const entries = await ctx.store.listAudit();
    expect(entries.map((e) => [e.actor, e.action, e.target, e.versionHash])).toEqual([
      ["a", "dataset.put", "d/2024", null],
      ["张三", "version.save", "s", v1.hash],
      ["张三", "scheme.create", "s", null],
    ]);
  });
}

function defineTokenTests(ctx: SuiteContext): void {
  test("creates tokens by secret hash, finds active ones, lists and revokes them", async () => {
    const secret = sha256Hex("ys_secret_one");
    const t = must(await ctx.store.createToken({ name: "统计局平台", role: "service", secretSha256: secret })).token;
    expect(t).toMatchObject({ name: "统计局平台", role: "service", secretSha256: secret, revokedAt: null });
    expect(t.id).toMatch(/^[0-9a-f]{16}$/);
    const admin = must(await ctx.store.createToken({ name: "admin", role: "admin", secretSha256: sha256Hex("two") })).token;
    expect(await ctx.store.findToken(secret)).toEqual(t);
    expect(await ctx.store.findToken(sha256Hex("unknown"))).toBeNull();
    expect(await ctx.store.findToken("not a hash")).toBeNull();
    expect(new Set((await ctx.store.listTokens()).map((x) => x.id))).toEqual(new Set([t.id, admin.id]));
    const revoked = must(await ctx.store.revokeToken(t.id, { actor: "admin", action: "token.revoke" })).token;
    expect(revoked.revokedAt).not.toBeNull();
    expect(await ctx.store.findToken(secret)).toBeNull();
    expect(must(await ctx.store.revokeToken(t.id)).token.revokedAt).toBe(revoked.revokedAt);
    expect((await ctx.store.listTokens()).find((x) => x.id === t.id)?.revokedAt).toBe(revoked.revokedAt);
    expect(await ctx.store.findToken(sha256Hex("two"))).toEqual(admin);
    expect((await ctx.store.listAudit()).map((e) => [e.action, e.target])).toEqual([["token.revoke", `token/${t.id}`]]);
  });

  test("refuses duplicate secrets, unknown roles and unknown ids", async () => {
    const secret = sha256Hex("same");
    must(await ctx.store.createToken({ name: "a", role: "author", secretSha256: secret }));
    expect(await ctx.store.createToken({ name: "b", role: "auditor", secretSha256: secret })).toMatchObject({ ok: false, error: { code: "duplicate-token" } });
    const role = "root" as unknown as "admin";
    expect(await ctx.store.createToken({ name: "c", role, secretSha256: sha256Hex("c") })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(await ctx.store.createToken({ name: "d", role: "admin", secretSha256: "abc" })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(await ctx.store.revokeToken("0000000000000000")).toMatchObject({ ok: false, error: { code: "unknown-token" } });
    expect(await countRows(ctx.db, "api_tokens")).toBe(1);
  });
}

function defineFailedWriteTests(ctx: SuiteContext): void {
  // An empty audit action breaks the audit table's CHECK constraint; the audit row is written
  // last, after the version row and the head update, so this fails in the middle of the write.
  const broken = { actor: "x", action: "" };

  test("a version save failing mid-transaction leaves no partial rows", async () => {
    must(await ctx.store.createScheme({ name: "s", createdBy: "a" }));
    const v1 = saved(await ctx.store.saveVersion({ scheme: "s", parent: null, source: schemeText(1), author: "a", message: "" }));
    const before = [await countRows(ctx.db, "versions"), await countRows(ctx.db, "audit_log")];
    const failing = ctx.store.saveVersion({ scheme: "s", parent: v1.hash, source: schemeText(2), author: "a", message: "", audit: broken });
    await expect(failing).rejects.toThrow();
    expect([await countRows(ctx.db, "versions"), await countRows(ctx.db, "audit_log")]).toEqual(before);
    expect(await ctx.store.getScheme("s")).toMatchObject({ head: v1.hash, versions: 1 });
    // the store is still usable, and the same content saves cleanly
    const v2 = saved(await ctx.store.saveVersion({ scheme: "s", parent: v1.hash, source: schemeText(2), author: "a", message: "" }));
    expect(v2.seq).toBe(2);
  });

  test("other writes failing mid-transaction leave no partial rows", async () => {
    await expect(ctx.store.createScheme({ name: "s", createdBy: "a", audit: broken })).rejects.toThrow();
    const dataset = { name: "d", period: "2024", mediaType: "text/csv", content: CSV, rowCount: 2, author: "a", audit: broken };
    await expect(ctx.store.putDataset(dataset)).rejects.toThrow();
    await expect(ctx.store.createToken({ name: "t", role: "admin", secretSha256: sha256Hex("t"), audit: broken })).rejects.toThrow();
    for (const table of ["schemes", "datasets", "api_tokens", "audit_log"]) expect(await countRows(ctx.db, table)).toBe(0);
    must(await ctx.store.putDataset({ ...dataset, audit: undefined }));
    await expect(ctx.store.putDataset({ ...dataset, content: new Uint8Array([1]), replace: true, audit: broken })).rejects.toThrow();
    expect((await ctx.store.getDataset("d", "2024"))!.sha256).toBe(sha256Hex(CSV));
  });
}
