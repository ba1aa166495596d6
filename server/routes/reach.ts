/**
 * Counterfactuals: what a region must reach for a grade or a rank — each input field's smallest
 * change on its own (or why none suffices) and the cheapest combination. One region takes
 * milliseconds, so the answer comes in the request.
 */
import type { Request, Response } from "express";
import { reach, readTarget } from "../../engine/reach/index.js";
import { reachJson } from "../../engine/reach/json.js";
import { problem } from "../problem.js";
import { EVALUATORS, route, type JsonSchema, type Route, type RouteContext } from "../route.js";
import { jsonBody } from "./common.js";
import { bodyData, runEvaluation, runHeader, SOURCE_RUN_PROPERTIES, sourceSubject, versionSubject, type DataFields, type Subject } from "./run.js";

const TARGET: Record<string, JsonSchema> = {
  region: { type: "string", minLength: 1, description: "the region id" },
  grade: { type: "string", minLength: 1, description: "the target grade's label, e.g. `优秀`" },
  rank: { type: "integer", minimum: 1, description: "the target rank (this rank or better)" },
  within: { type: "string", minLength: 1, description: "with `rank`: the ranking within this typology (default: the overall ranking)" },
};

/** Exactly one of `grade` and `rank`; `within` only with `rank`. */
const ONE_TARGET: JsonSchema = {
  oneOf: [{ required: ["grade"] }, { required: ["rank"] }],
  dependentRequired: { within: ["rank"] },
};

const { source: _source, ...DATA_PROPERTIES } = SOURCE_RUN_PROPERTIES;

interface Body extends DataFields {
  readonly region: string;
  readonly grade?: string;
  readonly rank?: number;
  readonly within?: string;
}

async function sendReach(ctx: RouteContext, res: Response, subject: Subject, body: Body): Promise<void> {
  const { data, prev } = bodyData(body);
  const run = await runEvaluation(ctx, subject, data, prev, "reach");
  const target = readTarget(run.results, body.grade ?? null, body.rank ?? null, body.within ?? null);
  if (typeof target === "string") {
    const pointer = body.grade !== undefined ? "/grade" : body.within !== undefined ? "/within" : "/rank";
    throw problem(422, "unknown-target", "unknown target", target, { errors: [{ pointer, message: target }] });
  }
  const result = reach(run.results, body.region, target);
  if (typeof result === "string") throw problem(422, "unknown-region", "unknown region", result, { errors: [{ pointer: "/region", message: result }] });
  res.json({ ...runHeader(subject, run), receipt: run.results.receipt, ...reachJson(result, run.results) });
}

const ERRORS = { 400: "invalid request (also: neither or both of `grade` and `rank`)", 401: "no or bad token", 403: "wrong role", 404: "no such scheme, version or dataset", 415: "not JSON", 422: "an unknown region, grade or ranking; scheme or dataset errors", 429: "rate limit" } as const;

const versionReach = route({
  method: "post", path: "/api/schemes/:name/versions/:ref/reach", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "What a region must reach for a grade or rank under a stored version: each field's smallest change alone, and the cheapest combination",
  body: { json: { type: "object", required: ["region"], additionalProperties: false, properties: { ...TARGET, ...DATA_PROPERTIES }, ...ONE_TARGET } },
  responses: { 200: "the counterfactual: each field's needed value (or why none reaches), the cheapest combination", ...ERRORS },
  handler: async (req: Request, res, ctx) => sendReach(ctx, res, await versionSubject(ctx, req), jsonBody<Body>(ctx)),
});

const sourceReach = route({
  method: "post", path: "/api/reach", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "What a region must reach for a grade or rank under a posted source",
  body: { json: { type: "object", required: ["source", "region"], additionalProperties: false, properties: { ...TARGET, ...SOURCE_RUN_PROPERTIES }, ...ONE_TARGET } },
  responses: { 200: "the counterfactual", ...ERRORS },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<Body & { source: string }>(ctx);
    await sendReach(ctx, res, sourceSubject(body.source), body);
  },
});

/** The counterfactual routes. */
export const reachRoutes: readonly Route[] = [versionReach, sourceReach];
