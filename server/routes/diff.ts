/**
 * Comparing two versions: the structural diff (what changed in the scheme) and, given a dataset,
 * the impact diff (each region's score, rank and grade under both).
 */
import type { Request } from "express";
import type { CheckedScheme } from "../../dsl/index.js";
import { impactDiff, structuralDiff } from "../../engine/diff/index.js";
import { compileText, schemeProblem } from "../compile.js";
import { loadData, type DataRef } from "../dataset.js";
import { problem } from "../problem.js";
import { READERS, route, type Route, type RouteContext } from "../route.js";
import { jsonBody, loadVersion } from "./common.js";
import { bodyData, DATA_QUERY, ROWS, STORED_REF, versionData } from "./run.js";

interface Side {
  readonly checked: CheckedScheme;
  readonly hash: string | null;
}

function checkedOf(source: string, name: string, pointer: string): CheckedScheme {
  const c = compileText(source, name);
  if (!c.program) {
    const p = schemeProblem(c.diagnostics, `\`${name}\``).problem;
    throw problem(422, "scheme-errors", p.title, p.detail, { errors: (p.errors ?? []).map((e) => ({ ...e, pointer })) });
  }
  return c.checked;
}

async function versionSides(ctx: RouteContext, req: Request): Promise<{ old: Side; now: Side }> {
  const q = ctx.query as { from: string; to?: string };
  const a = await loadVersion(ctx, req, q.from);
  const b = await loadVersion(ctx, req, q.to ?? "head");
  return {
    old: { checked: checkedOf(a.source, `${a.scheme}@${a.hash.slice(0, 12)}`, "/query/from"), hash: a.hash },
    now: { checked: checkedOf(b.source, `${b.scheme}@${b.hash.slice(0, 12)}`, "/query/to"), hash: b.hash },
  };
}

async function impact(ctx: RouteContext, target: string, old: Side, now: Side, data: DataRef, prev: DataRef | null): Promise<unknown> {
  const store = ctx.services.store;
  const newData = await loadData(store, now.checked, data);
  const oldData = await loadData(store, old.checked, data);
  const newPrev = prev ? await loadData(store, now.checked, prev, true) : null;
  const oldPrev = prev ? await loadData(store, old.checked, prev, true) : null;
  const out = impactDiff(old.checked, now.checked, newData.dataset, { prev: newPrev?.dataset ?? null, oldDataset: oldData.dataset, oldPrev: oldPrev?.dataset ?? null });
  await store.appendAudit({
    actor: ctx.caller.name, action: "diff.impact", target, versionHash: now.hash,
    detail: { token: ctx.caller.id, old: old.hash, dataset: newData.about, outcome: out.impact ? "ok" : "failed" },
  });
  if (!out.impact) {
    const errors = out.issues.filter((i) => i.severity === "error");
    throw problem(422, "evaluation-failed", "a version could not be evaluated on the dataset", `${errors.length} error${errors.length === 1 ? "" : "s"}; first (${errors[0]?.side}): ${errors[0]?.message ?? ""}`, { errors });
  }
  return { ...out.impact, issues: out.issues, datasetWarnings: [...newData.warnings, ...oldData.warnings] };
}

const DIFF_QUERY = {
  type: "object", additionalProperties: false, required: ["from"],
  properties: { from: { type: "string", minLength: 1, description: "the old version (hash, prefix or `head`)" }, to: { type: "string", minLength: 1, description: "the new version (default `head`)" } },
};

const structural = route({
  method: "get", path: "/api/schemes/:name/diff", tag: "diff", roles: READERS,
  summary: "Structural diff of two versions: indicators added, removed, moved, relabelled; weight, scoring, rule, typology and grade changes",
  query: DIFF_QUERY,
  responses: { 200: "the diff", 400: "invalid query", 401: "no or bad token", 403: "wrong role", 404: "no such scheme or version", 422: "a version has errors" },
  handler: async (req, res, ctx) => {
    const { old, now } = await versionSides(ctx, req);
    res.json({ from: old.hash, to: now.hash, ...structuralDiff(old.checked, now.checked) });
  },
});

const impactRoute = route({
  method: "post", path: "/api/schemes/:name/diff/impact", tag: "diff", roles: READERS, rateLimited: true,
  summary: "Impact diff of two versions on the posted dataset (JSON, CSV, XLSX) or a stored one: each region's score, rank and grade under both",
  body: { json: { description: "rows" }, csv: true, xlsx: true, optional: true },
  query: { ...DIFF_QUERY, properties: { ...DIFF_QUERY.properties, ...(DATA_QUERY["properties"] as object) } },
  responses: { 200: "the impact diff", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 404: "no such scheme, version or dataset", 415: "not JSON, CSV or XLSX", 422: "dataset errors, or a version cannot be evaluated on it", 429: "rate limit" },
  handler: async (req, res, ctx) => {
    const { old, now } = await versionSides(ctx, req);
    const { data, prev } = versionData(ctx);
    res.json({ from: old.hash, to: now.hash, ...(await impact(ctx, String(req.params["name"]), old, now, data, prev) as object) });
  },
});

const posted = route({
  method: "post", path: "/api/diff", tag: "diff", roles: READERS, rateLimited: true,
  summary: "Diff two posted sources (e.g. the editor's text against a saved version); with a dataset, the impact diff too",
  body: {
    json: {
      type: "object", required: ["old", "new"], additionalProperties: false,
      properties: { old: { type: "string" }, new: { type: "string" }, dataset: ROWS, stored: STORED_REF, prev: ROWS, prevStored: STORED_REF },
    },
  },
  responses: { 200: "the structural diff, and `impact` when a dataset was given", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 422: "a source has errors, or dataset errors", 429: "rate limit" },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<{ old: string; new: string; dataset?: unknown; stored?: string; prev?: unknown; prevStored?: string }>(ctx);
    const old: Side = { checked: checkedOf(body.old, "old", "/old"), hash: null };
    const now: Side = { checked: checkedOf(body.new, "new", "/new"), hash: null };
    const diff = structuralDiff(old.checked, now.checked);
    const withData = body.dataset !== undefined || body.stored !== undefined;
    const data = withData ? bodyData(body) : null;
    res.json({ ...diff, ...(data ? { impact: await impact(ctx, "(posted sources)", old, now, data.data, data.prev) } : {}) });
  },
});

/** The diff routes. */
export const diffRoutes: readonly Route[] = [structural, impactRoute, posted];
