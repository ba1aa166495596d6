/** The audit log (writes and evaluations: who, what, when, which version hash), for auditors. */
import { AUDITORS, route, type Route } from "../route.js";

const listAudit = route({
  method: "get", path: "/api/audit", tag: "audit", summary: "Audit entries, newest first, filtered and paged", roles: AUDITORS,
  query: {
    type: "object", additionalProperties: false,
    properties: {
      limit: { type: "integer", minimum: 1, maximum: 1000 },
      before: { type: "integer", minimum: 1, description: "only entries with a smaller id (paging)" },
      actor: { type: "string" }, action: { type: "string" }, target: { type: "string" },
      version: { type: "string", pattern: "^[0-9a-f]{64}$", description: "a version hash" },
    },
  },
  responses: { 200: "the entries", 400: "invalid query", 401: "no or bad token", 403: "wrong role" },
  handler: async (_req, res, ctx) => {
    const q = ctx.query as { limit?: number; before?: number; actor?: string; action?: string; target?: string; version?: string };
    const entries = await ctx.services.store.listAudit({
      ...(q.limit !== undefined ? { limit: q.limit } : {}), ...(q.before !== undefined ? { beforeId: q.before } : {}),
      ...(q.actor !== undefined ? { actor: q.actor } : {}), ...(q.action !== undefined ? { action: q.action } : {}),
      ...(q.target !== undefined ? { target: q.target } : {}), ...(q.version !== undefined ? { versionHash: q.version } : {}),
    });
    res.json({ entries });
  },
});

/** The audit route. */
export const auditRoutes: readonly Route[] = [listAudit];
