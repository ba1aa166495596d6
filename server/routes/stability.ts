/**
 * Stability intervals as a job: the base evaluation and the check of the region and share asked
 * for run in the request (so data errors and unknown names are a 422 at once); the intervals are
 * computed on worker threads while the client polls `GET /api/jobs/:id`.
 */
import type { Request, Response } from "express";
import type { Results } from "../../engine/index.js";
import { stability, type StabilityOptions } from "../../engine/stability/index.js";
import { stabilityJson } from "../../engine/stability/json.js";
import { defaultThreads, stabilityParallel } from "../../engine/stability/threads.node.js";
import { problem } from "../problem.js";
import { EVALUATORS, route, type JsonSchema, type Route, type RouteContext } from "../route.js";
import { jsonBody } from "./common.js";
import { bodyData, runEvaluation, runHeader, SOURCE_RUN_PROPERTIES, sourceSubject, versionSubject, type DataFields, type Subject } from "./run.js";

const OPTIONS: Record<string, JsonSchema> = {
  region: { type: "string", minLength: 1, description: "one region id (default: every region)" },
  node: { type: "string", minLength: 1, description: "one share's path, e.g. `经济.增速` (default: every movable share)" },
};

const { source: _source, ...DATA_PROPERTIES } = SOURCE_RUN_PROPERTIES;

interface Body extends DataFields {
  readonly region?: string;
  readonly node?: string;
}

/** The engine's options for a request body. */
function optionsOf(b: Body): StabilityOptions {
  return { ...(b.node !== undefined ? { path: b.node } : {}), ...(b.region !== undefined ? { regions: [b.region] } : {}) };
}

/** A 422 when the region or the share asked for is unknown (or the share cannot move), before any work starts. */
function refuseUnknown(base: Results, b: Body): void {
  // with no groups (and no regions for the share) `stability` only looks the names up
  const errors = [
    ...(b.region !== undefined ? stability(base, { regions: [b.region], groups: [] }).problems.map((message) => ({ pointer: "/region", message })) : []),
    ...(b.node !== undefined ? stability(base, { path: b.node, regions: [], groups: [] }).problems.map((message) => ({ pointer: "/node", message })) : []),
  ];
  if (errors.length > 0) throw problem(422, "nothing-to-analyse", "nothing to analyse", errors.map((e) => e.message).join("; "), { errors });
}

async function startJob(ctx: RouteContext, res: Response, subject: Subject, body: Body): Promise<void> {
  const { data, prev } = bodyData(body);
  const run = await runEvaluation(ctx, subject, data, prev, "stability");
  const options = optionsOf(body);
  refuseUnknown(run.results, body);
  const header = runHeader(subject, run);
  const job = ctx.services.jobs.start("stability", ctx.caller.id, async (progress) => {
    // On workers only: this thread keeps answering requests while the job runs.
    const report = await stabilityParallel(run.results, options, { threads: defaultThreads(), workHere: false, progress: (done, total) => progress(done / total) });
    return { ...header, receipt: run.results.receipt, ...stabilityJson(report, run.results) };
  });
  res.status(202).location(`/api/jobs/${job.id}`).json({ job, poll: `/api/jobs/${job.id}` });
}

const JOB_ERRORS = { 400: "invalid request", 401: "no or bad token", 403: "wrong role", 404: "no such scheme, version or dataset", 415: "not JSON", 422: "scheme or dataset errors, or an unknown region or share", 429: "rate limit" } as const;

const versionStability = route({
  method: "post", path: "/api/schemes/:name/versions/:ref/stability", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "Start a stability job on a stored version: for each region and share, the exact interval of the share over which the region keeps its grade and ranks",
  body: { json: { type: "object", additionalProperties: false, properties: { ...OPTIONS, ...DATA_PROPERTIES } } },
  responses: { 202: "the job started; poll its URL (its result: per region, per share, the intervals and the smallest move that flips each)", ...JOB_ERRORS },
  handler: async (req: Request, res, ctx) => startJob(ctx, res, await versionSubject(ctx, req), jsonBody<Body>(ctx)),
});

const sourceStability = route({
  method: "post", path: "/api/stability", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "Start a stability job on a posted source",
  body: { json: { type: "object", required: ["source"], additionalProperties: false, properties: { ...OPTIONS, ...SOURCE_RUN_PROPERTIES } } },
  responses: { 202: "the job started; poll its URL", ...JOB_ERRORS },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<Body & { source: string }>(ctx);
    await startJob(ctx, res, sourceSubject(body.source), body);
  },
});

/** The stability routes (their jobs are read with `GET /api/jobs/:id`). */
export const stabilityRoutes: readonly Route[] = [versionStability, sourceStability];
