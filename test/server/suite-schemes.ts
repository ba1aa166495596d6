/** Schemes, versions, check, tokens and the request pipeline's errors, against a real server. */
import { expect, test } from "vitest";
import { canonicalize } from "../../dsl/index.js";
import { smallScheme, type TestServer } from "./support.js";

/** Asserts a problem+json reply with this status, returning its body. */
export function problemOf(reply: { status: number; type: string; body: any }, status: number): any {
  expect({ status: reply.status, type: reply.type, body: reply.body }).toMatchObject({ status, type: "application/problem+json" });
  expect(reply.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/yardstick\.dev\/problems\//), title: expect.any(String) });
  return reply.body;
}

/** Creates a scheme with a first version through the API; returns that version's hash. */
export async function createWithVersion(t: TestServer, name: string, source = smallScheme(0)): Promise<string> {
  const r = await t.as("author").post("/api/schemes", { name, source, message: "first" });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.version.hash as string;
}

/** Registers the scheme and version tests; `server()` is the suite's current server. */
export function defineSchemeTests(server: () => TestServer): void {
  test("create, list, get a scheme; save, list and get versions", async () => {
    const t = server();
    const author = t.as("author");
    const created = await author.post("/api/schemes", { name: "县域考核" });
    expect(created.status).toBe(201);
    expect(created.body.scheme).toMatchObject({ name: "县域考核", head: null, versions: 0, createdBy: "author (test)" });
    const first = await author.post(`/api/schemes/${encodeURIComponent("县域考核")}/versions`, { parent: null, source: smallScheme(1), message: "一" });
    expect(first.status).toBe(201);
    expect(first.body.version).toMatchObject({ scheme: "县域考核", parent: null, seq: 1, author: "author (test)", message: "一" });
    const second = await author.post(`/api/schemes/${encodeURIComponent("县域考核")}/versions`, { parent: first.body.version.hash, source: smallScheme(2) });
    expect(second.status).toBe(201);
    expect(second.body.version.parent).toBe(first.body.version.hash);
    const again = await author.post(`/api/schemes/${encodeURIComponent("县域考核")}/versions`, { parent: first.body.version.hash, source: smallScheme(2) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: { hash: second.body.version.hash } });

    const list = await t.as("auditor").get("/api/schemes");
    expect(list.status).toBe(200);
    expect(list.body.schemes).toEqual([expect.objectContaining({ name: "县域考核", head: second.body.version.hash, versions: 2 })]);
    const one = await t.as("auditor").get(`/api/schemes/${encodeURIComponent("县域考核")}`);
    expect(one.body.scheme.head).toBe(second.body.version.hash);
    const history = await t.as("auditor").get(`/api/schemes/${encodeURIComponent("县域考核")}/versions?limit=1`);
    expect(history.body.versions.map((v: any) => v.seq)).toEqual([2]);
    const older = await t.as("auditor").get(`/api/schemes/${encodeURIComponent("县域考核")}/versions?before=2`);
    expect(older.body.versions.map((v: any) => v.seq)).toEqual([1]);
    const head = await t.as("auditor").get(`/api/schemes/${encodeURIComponent("县域考核")}/versions/head`);
    expect(head.body.version).toMatchObject({ seq: 2, hash: second.body.version.hash });
    expect(head.body.version.source).toContain("target 7");
    const byPrefix = await t.as("auditor").get(`/api/schemes/${encodeURIComponent("县域考核")}/versions/${first.body.version.hash.slice(0, 10)}`);
    expect(byPrefix.body.version.seq).toBe(1);
  });

  test("a scheme created with a source has its first version", async () => {
    const t = server();
    const hash = await createWithVersion(t, "s1");
    const head = await t.as("admin").get("/api/schemes/s1/versions/head");
    expect(head.body.version).toMatchObject({ hash, seq: 1, message: "first" });
  });

  test("unknown schemes and versions are 404 problems; a duplicate name is 409", async () => {
    const t = server();
    const a = t.as("admin");
    problemOf(await a.get("/api/schemes/nope"), 404);
    problemOf(await a.get("/api/schemes/nope/versions"), 404);
    problemOf(await a.get("/api/schemes/nope/versions/head"), 404);
    await createWithVersion(t, "s");
    problemOf(await a.get("/api/schemes/s/versions/0123456789abcdef"), 404);
    problemOf(await a.get("/api/schemes/s/versions/not-a-hash"), 404);
    problemOf(await a.post("/api/schemes/nope/versions", { parent: null, source: smallScheme(0) }), 404);
    problemOf(await a.post("/api/schemes", { name: "s" }), 409);
    problemOf(await a.get("/api/no-such-route"), 404);
  });

  test("two clients saving on the same parent: one 201, one 409 with the head; the loser recovers and saves", async () => {
    const t = server();
    const base = await createWithVersion(t, "race");
    const mine = smallScheme(10);
    const theirs = smallScheme(20);
    const [a, b] = await Promise.all([
      t.as("author").post("/api/schemes/race/versions", { parent: base, source: mine, message: "mine" }),
      t.as("admin").post("/api/schemes/race/versions", { parent: base, source: theirs, message: "theirs" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [winner, loser, loserText] = a.status === 201 ? [a, b, theirs] : [b, a, mine];
    const conflict = problemOf(loser, 409);
    expect(conflict.head).toMatchObject({ hash: winner.body.version.hash, seq: 2 });
    expect(conflict.head.source).toBe(winner.body.version.source);
    expect(conflict.errors).toEqual([expect.objectContaining({ pointer: "/parent" })]);
    const retry = await t.as("author").post("/api/schemes/race/versions", { parent: conflict.head.hash, source: loserText, message: "merged" });
    expect(retry.status).toBe(201);
    const history = await t.as("auditor").get("/api/schemes/race/versions");
    expect(history.body.versions.map((v: any) => v.hash)).toEqual([retry.body.version.hash, winner.body.version.hash, base]);
    const sources = await Promise.all(history.body.versions.map((v: any) => t.as("auditor").get(`/api/schemes/race/versions/${v.hash}`)));
    expect(sources.map((s) => s.body.version.source)).toEqual([canonicalize(loserText), winner.body.version.source, canonicalize(smallScheme(0))]);
  });

  test("a source with errors is refused with 422 and the places of its errors", async () => {
    const t = server();
    const bad = "scheme \"x\" period 2026\ninput a number\ndimension d points 100 {\n  indicator i points 100 { value nope goalposts floor 0 target 1 }\n}\n";
    const p = problemOf(await t.as("author").post("/api/schemes", { name: "bad", source: bad }), 422);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.errors[0]).toMatchObject({ pointer: "/source", line: expect.any(Number), col: expect.any(Number), endLine: expect.any(Number), endCol: expect.any(Number), code: expect.any(String) });
    problemOf(await t.as("admin").get("/api/schemes/bad"), 404);
  });

  test("check returns diagnostics with line:col and end, for JSON and for plain text", async () => {
    const t = server();
    const clean = await t.as("author").post("/api/check", { source: smallScheme(0) });
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ ok: true, errors: 0 });
    const broken = await t.as("author").post("/api/check", "scheme \"x\" period 2026\ndimension d points {\n", "text/plain");
    expect(broken.status).toBe(200);
    expect(broken.body.ok).toBe(false);
    expect(broken.body.errors).toBeGreaterThan(0);
    const d = broken.body.diagnostics.find((x: any) => x.severity === "error");
    expect(d).toMatchObject({ code: expect.any(String), message: expect.any(String), line: expect.any(Number), col: expect.any(Number), endLine: expect.any(Number), endCol: expect.any(Number) });
    expect(d.line).toBeGreaterThanOrEqual(2);
  });

  test("malformed JSON, wrong content type, invalid bodies and queries are 400/415 problems with pointers", async () => {
    const t = server();
    const author = t.as("author");
    const malformed = problemOf(await author.post("/api/schemes", "{\"name\": ", "application/json"), 400);
    expect(malformed.type).toMatch(/malformed-json$/);
    expect(malformed.errors).toEqual([{ pointer: "", message: expect.any(String) }]);
    const wrongType = problemOf(await author.post("/api/schemes", "name=x", "application/x-www-form-urlencoded"), 415);
    expect(wrongType.accepted).toEqual(["application/json"]);
    problemOf(await author.post("/api/schemes"), 415);
    const invalid = problemOf(await author.post("/api/schemes", { name: 3, extra: true }), 400);
    expect(invalid.errors.map((e: any) => e.pointer).sort()).toEqual(["/extra", "/name"]);
    const missing = problemOf(await author.post("/api/schemes/x/versions", { source: "" }), 400);
    expect(missing.errors.map((e: any) => e.pointer)).toContain("/parent");
    const query = problemOf(await author.get("/api/schemes/x/versions?limit=zero"), 400);
    expect(query.errors.map((e: any) => e.pointer)).toEqual(["/query/limit"]);
    const unknownQuery = problemOf(await author.get("/api/schemes?color=red"), 400);
    expect(unknownQuery.errors.map((e: any) => e.pointer)).toEqual(["/query/color"]);
  });

  test("no token and unknown tokens are 401, wrong roles 403", async () => {
    const t = server();
    const none = problemOf(await t.as(null).get("/api/schemes"), 401);
    expect(none.detail).toMatch(/Bearer/);
    expect((await t.as(null).get("/api/schemes")).headers.get("www-authenticate")).toMatch(/^Bearer/);
    problemOf(await t.as({ token: "yst_not-a-real-token" }).get("/api/schemes"), 401);
    problemOf(await t.as("service").get("/api/schemes"), 403);
    problemOf(await t.as("auditor").post("/api/schemes", { name: "x" }), 403);
    problemOf(await t.as("service").get("/api/audit"), 403);
    problemOf(await t.as("author").get("/api/tokens"), 403);
  });

  test("tokens: admins create (secret once), list (no secrets) and revoke; a revoked token is refused", async () => {
    const t = server();
    const admin = t.as("admin");
    const made = await admin.post("/api/tokens", { role: "service", name: "统计局数据平台" });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^yst_/);
    const me = await t.as({ token: made.body.secret }).get("/api/whoami");
    expect(me.body).toMatchObject({ name: "统计局数据平台", role: "service" });
    const list = await admin.get("/api/tokens");
    expect(list.body.tokens.map((x: any) => x.role).sort()).toEqual(["admin", "auditor", "author", "service", "service"]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);
    expect(JSON.stringify(list.body)).not.toMatch(/secret/i);
    const revoked = await admin.send("DELETE", `/api/tokens/${made.body.token.id}`);
    expect(revoked.body.token.revokedAt).toEqual(expect.any(String));
    problemOf(await t.as({ token: made.body.secret }).get("/api/whoami"), 401);
    problemOf(await admin.send("DELETE", "/api/tokens/nope"), 404);
    problemOf(await admin.post("/api/tokens", { role: "root", name: "x" }), 400);
  });

  test("the audit log records writes (who, what, when, version hash) and is readable by auditors", async () => {
    const t = server();
    const hash = await createWithVersion(t, "audited");
    const log = await t.as("auditor").get("/api/audit");
    expect(log.status).toBe(200);
    const save = log.body.entries.find((e: any) => e.action === "version.save");
    expect(save).toMatchObject({ actor: "author (test)", target: "audited", versionHash: hash, at: expect.any(String) });
    expect(log.body.entries.find((e: any) => e.action === "scheme.create")).toMatchObject({ actor: "author (test)", target: "audited" });
    const filtered = await t.as("admin").get(`/api/audit?version=${hash}&limit=5`);
    expect(filtered.body.entries.every((e: any) => e.versionHash === hash)).toBe(true);
  });

  test("an oversize body is a 413 problem", async () => {
    const t = server();
    const big = "x".repeat(t.server.services.settings.bodyLimitBytes + 10);
    problemOf(await t.as("author").post("/api/check", big, "text/plain"), 413);
  });

  test("healthz answers without a token", async () => {
    const t = server();
    const r = await t.as(null).get("/healthz");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "ok", store: t.store.kind });
  });
}
