/** Schemes and their versions: list, create, read, save (a stale parent is a 409 carrying the head). */
import type { Version } from "../../store/index.js";
import { canonicalize } from "../../dsl/index.js";
import { compileText, schemeProblem } from "../compile.js";
import { problem } from "../problem.js";
import { AUTHORS, READERS, route, type Route, type RouteContext } from "../route.js";
import { must } from "../store-problem.js";
import { loadVersion } from "./common.js";

const SOURCE = { type: "string", maxLength: 2_000_000, description: "scheme text (`.yard`)" };
const MESSAGE = { type: "string", maxLength: 10_000, description: "why, in the author's words" };

/**
 * Rejects source text with errors before it becomes a version (422 with every error's place),
 * and makes sure its canonical form (what the store keeps) still compiles.
 */
function requireValid(source: string): void {
  const c = compileText(source);
  if (!c.program) throw schemeProblem(c.diagnostics);
  const canonical = compileText(canonicalize(source));
  if (!canonical.program) throw new Error(`the formatter turned a valid scheme into one with errors: ${canonical.diagnostics[0]?.message ?? ""}`);
}

function versionJson(v: Version): Record<string, unknown> {
  return { ...v };
}

async function save(ctx: RouteContext, scheme: string, parent: string | null, source: string, message: string) {
  requireValid(source);
  const actor = ctx.caller.name;
  return ctx.services.store.saveVersion({
    scheme, parent, source, author: actor, message,
    audit: { actor, action: "version.save", detail: { token: ctx.caller.id, parent } },
  });
}

const listSchemes = route({
  method: "get", path: "/api/schemes", tag: "schemes", summary: "List schemes with their head version", roles: READERS,
  responses: { 200: "the schemes, by name", 401: "no or bad token", 403: "wrong role" },
  handler: async (_req, res, ctx) => {
    res.json({ schemes: await ctx.services.store.listSchemes() });
  },
});

const createScheme = route({
  method: "post", path: "/api/schemes", tag: "schemes", summary: "Create a scheme, optionally with its first version", roles: AUTHORS,
  body: { json: { type: "object", required: ["name"], additionalProperties: false, properties: { name: { type: "string", minLength: 1, maxLength: 100 }, source: SOURCE, message: MESSAGE } } },
  responses: { 201: "created", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 409: "a scheme of that name exists", 415: "not JSON", 422: "the source has errors" },
  handler: async (_req, res, ctx) => {
    const body = (ctx.body.kind === "json" ? ctx.body.value : {}) as { name: string; source?: string; message?: string };
    if (body.source !== undefined) requireValid(body.source);
    const actor = ctx.caller.name;
    const created = must(await ctx.services.store.createScheme({ name: body.name, createdBy: actor, audit: { actor, action: "scheme.create", detail: { token: ctx.caller.id } } }));
    let version: Version | null = null;
    if (body.source !== undefined) {
      const saved = await save(ctx, created.scheme.name, null, body.source, body.message ?? "first version");
      if (!saved.ok) throw "conflict" in saved ? problem(409, "conflict", "the scheme changed meanwhile", "another client saved a first version at the same time") : problem(400, saved.error.code, "cannot save", saved.error.message);
      version = saved.version;
    }
    const scheme = (await ctx.services.store.getScheme(created.scheme.name)) ?? created.scheme;
    res.status(201).location(`/api/schemes/${encodeURIComponent(scheme.name)}`).json({ scheme, version: version ? versionJson(version) : null });
  },
});

const getScheme = route({
  method: "get", path: "/api/schemes/:name", tag: "schemes", summary: "One scheme with its head", roles: READERS,
  responses: { 200: "the scheme", 401: "no or bad token", 403: "wrong role", 404: "no such scheme" },
  handler: async (req, res, ctx) => {
    const scheme = await ctx.services.store.getScheme(String(req.params["name"]));
    if (!scheme) throw problem(404, "unknown-scheme", "unknown scheme", `there is no scheme named \`${String(req.params["name"])}\``);
    res.json({ scheme });
  },
});

const listVersions = route({
  method: "get", path: "/api/schemes/:name/versions", tag: "versions", summary: "A scheme's versions, newest first (without sources)", roles: READERS,
  query: { type: "object", additionalProperties: false, properties: { limit: { type: "integer", minimum: 1, maximum: 10000 }, before: { type: "integer", minimum: 1, description: "only versions with a smaller seq (paging)" } } },
  responses: { 200: "the versions", 400: "invalid query", 401: "no or bad token", 403: "wrong role", 404: "no such scheme" },
  handler: async (req, res, ctx) => {
    const q = ctx.query as { limit?: number; before?: number };
    const page = { ...(q.limit !== undefined ? { limit: q.limit } : {}), ...(q.before !== undefined ? { beforeSeq: q.before } : {}) };
    res.json({ versions: must(await ctx.services.store.history(String(req.params["name"]), page)).versions });
  },
});

const saveVersion = route({
  method: "post", path: "/api/schemes/:name/versions", tag: "versions", summary: "Save a version on a parent (409 with the current head when the parent is stale)", roles: AUTHORS,
  body: {
    json: {
      type: "object", required: ["parent", "source"], additionalProperties: false,
      properties: { parent: { type: ["string", "null"], description: "the head the edit started from; null for the first version" }, source: SOURCE, message: MESSAGE },
    },
  },
  responses: { 200: "the content is already the head", 201: "saved", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 404: "no such scheme", 409: "the parent is not the head (the body carries the head) or the content is an older version", 415: "not JSON", 422: "the source has errors" },
  handler: async (req, res, ctx) => {
    const body = (ctx.body as { value: { parent: string | null; source: string; message?: string } }).value;
    const name = String(req.params["name"]);
    const saved = await save(ctx, name, body.parent, body.source, body.message ?? "");
    if (!saved.ok && "conflict" in saved) {
      const head = saved.conflict.head;
      throw problem(409, "conflict", "the scheme has moved on", `\`${body.parent ?? "null"}\` is not the head of \`${name}\`${head ? `; the head is version ${head.seq} (\`${head.hash.slice(0, 12)}\`)` : " (it has no versions yet)"}; merge your text into the head and save it with \`parent\` set to the head`, {
        head: head ? versionJson(head) : null,
        errors: [{ pointer: "/parent", message: "/parent is not the scheme's head" }],
      });
    }
    const ok = must(saved);
    res.status(ok.created ? 201 : 200).location(`/api/schemes/${encodeURIComponent(ok.version.scheme)}/versions/${ok.version.hash}`).json({ version: versionJson(ok.version), created: ok.created });
  },
});

const getVersion = route({
  method: "get", path: "/api/schemes/:name/versions/:ref", tag: "versions", summary: "One version with its source (`ref`: full hash, prefix of 7+ hex digits, or `head`)", roles: READERS,
  responses: { 200: "the version", 401: "no or bad token", 403: "wrong role", 404: "no such scheme or version" },
  handler: async (req, res, ctx) => {
    res.json({ version: versionJson(await loadVersion(ctx, req)) });
  },
});

/** The scheme and version routes. */
export const schemeRoutes: readonly Route[] = [listSchemes, createScheme, getScheme, listVersions, saveVersion, getVersion];
