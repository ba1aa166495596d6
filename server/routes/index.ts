/**
 * The route table: every route the server has, in one list. The app mounts exactly these, and
 * `/api/openapi.json` is generated from exactly these.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openApiDocument } from "../openapi.js";
import { route, type Route } from "../route.js";
import { auditRoutes } from "./audit.js";
import { checkRoutes } from "./check.js";
import { datasetRoutes } from "./datasets.js";
import { diffRoutes } from "./diff.js";
import { evaluateRoutes } from "./evaluate.js";
import { exportRoutes } from "./exports.js";
import { reachRoutes } from "./reach.js";
import { sensitivityRoutes } from "./sensitivity.js";
import { stabilityRoutes } from "./stability.js";
import { whatIfRoutes } from "./whatif.js";
import { schemeRoutes } from "./schemes.js";
import { tokenRoutes } from "./tokens.js";

/** The package version, shown in the OpenAPI document. */
export const API_VERSION: string = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;

const healthz = route({
  method: "get", path: "/healthz", tag: "operations", summary: "Liveness and store health", roles: [],
  responses: { 200: "the server and its store answer", 503: "the store does not answer" },
  handler: async (_req, res, ctx) => {
    try {
      await ctx.services.store.ping();
    } catch (e) {
      ctx.services.log.warn({ err: e }, "health check: the store does not answer");
      res.status(503).type("application/problem+json").send(JSON.stringify({ type: "https://yardstick.dev/problems/unhealthy", title: "the store does not answer", status: 503 }));
      return;
    }
    res.json({ status: "ok", store: ctx.services.store.kind, version: API_VERSION });
  },
});

const openapi = route({
  method: "get", path: "/api/openapi.json", tag: "operations", summary: "This API's OpenAPI 3.1 document", roles: [],
  responses: { 200: "the document" },
  handler: async (_req, res) => {
    res.json(openApiDocument(ROUTES, API_VERSION));
  },
});

/** Every route of the server. */
export const ROUTES: readonly Route[] = [
  healthz,
  openapi,
  ...tokenRoutes,
  ...schemeRoutes,
  ...checkRoutes,
  ...evaluateRoutes,
  ...whatIfRoutes,
  ...sensitivityRoutes,
  ...stabilityRoutes,
  ...reachRoutes,
  ...diffRoutes,
  ...exportRoutes,
  ...datasetRoutes,
  ...auditRoutes,
];
