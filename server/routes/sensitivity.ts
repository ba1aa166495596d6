/**
 * Sensitivity as a job: the base evaluation runs in the request (so data errors are a 422 at
 * once), the Monte Carlo runs on worker threads while the client polls `GET /api/jobs/:id` for
 * its progress and, when done, its result.
 */
import type { Request, Response } from "express";
import { defaultThreads, sensitivityParallel } from "../../engine/sensitivity/threads.node.js";
import type { SensitivityOptions } from "../../engine/sensitivity/index.js";
import { problem } from "../problem.js";
import { ANY_ROLE, EVALUATORS, route, type JsonSchema, type Route, type RouteContext } from "../route.js";
import { jsonBody } from "./common.js";
import { bodyData, runEvaluation, runHeader, SOURCE_RUN_PROPERTIES, sourceSubject, versionSubject, type DataFields, type Subject } from "./run.js";

const OPTIONS: Record<string, JsonSchema> = {
  samples: { type: "integer", minimum: 0, maximum: 100_000, description: "Monte Carlo samples" },
  seed: { type: "integer", minimum: 0 },
  mode: { enum: ["uniform", "dirichlet"] },
  spread: { type: "number", exclusiveMinimum: 0, maximum: 100, description: "uniform spread, percent" },
  concentration: { type: "number", exclusiveMinimum: 0 },
  perturb: { enum: ["weights", "rules", "both"] },
  oneAtATime: {
    type: "object", required: ["path", "from", "to", "steps"], additionalProperties: false,
    properties: { path: { type: "string" }, field: { enum: ["weight", "points"] }, from: { type: "number" }, to: { type: "number" }, steps: { type: "integer", minimum: 1, maximum: 1000 } },
  },
};

const { source: _source, ...DATA_PROPERTIES } = SOURCE_RUN_PROPERTIES;

type Body = SensitivityOptions & DataFields;

/** The sensitivity options of a request body (its other fields name the scheme and data). */
function optionsOf(b: Body): SensitivityOptions {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(OPTIONS)) if ((b as unknown as Record<string, unknown>)[key] !== undefined) picked[key] = (b as unknown as Record<string, unknown>)[key];
  return picked as unknown as SensitivityOptions;
}

async function startJob(ctx: RouteContext, res: Response, subject: Subject, body: Body): Promise<void> {
  const { data, prev } = bodyData(body);
  const run = await runEvaluation(ctx, subject, data, prev, "sensitivity");
  const options = optionsOf(body);
  const header = runHeader(subject, run);
  const job = ctx.services.jobs.start("sensitivity", ctx.caller.id, async (progress) => {
    const result = await sensitivityParallel(run.results, options, Math.max(2, defaultThreads()), (done, total) => progress(total > 0 ? done / total : 1));
    return { ...header, receipt: run.results.receipt, ...result };
  });
  res.status(202).location(`/api/jobs/${job.id}`).json({ job, poll: `/api/jobs/${job.id}` });
}

const JOB_ERRORS = { 400: "invalid request", 401: "no or bad token", 403: "wrong role", 404: "no such scheme, version or dataset", 415: "not JSON", 422: "scheme or dataset errors", 429: "rate limit" } as const;

const versionSensitivity = route({
  method: "post", path: "/api/schemes/:name/versions/:ref/sensitivity", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "Start a sensitivity job on a stored version: each region's rank interval and chance of a grade change under perturbed weights",
  body: { json: { type: "object", required: ["samples"], additionalProperties: false, properties: { ...OPTIONS, ...DATA_PROPERTIES } } },
  responses: { 202: "the job started; poll its URL", ...JOB_ERRORS },
  handler: async (req: Request, res, ctx) => startJob(ctx, res, await versionSubject(ctx, req), jsonBody<Body>(ctx)),
});

const sourceSensitivity = route({
  method: "post", path: "/api/sensitivity", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "Start a sensitivity job on a posted source",
  body: { json: { type: "object", required: ["source", "samples"], additionalProperties: false, properties: { ...OPTIONS, ...SOURCE_RUN_PROPERTIES } } },
  responses: { 202: "the job started; poll its URL", ...JOB_ERRORS },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<Body & { source: string }>(ctx);
    await startJob(ctx, res, sourceSubject(body.source), body);
  },
});

const getJob = route({
  method: "get", path: "/api/jobs/:id", tag: "analysis", roles: ANY_ROLE,
  summary: "A job's state and progress (0..1); its result or problem when finished",
  responses: { 200: "the job", 401: "no or bad token", 404: "no such job (unknown, expired, or another token's)" },
  handler: async (req, res, ctx) => {
    const job = ctx.services.jobs.get(String(req.params["id"]));
    if (!job || (job.owner !== ctx.caller.id && ctx.caller.role !== "admin")) {
      throw problem(404, "unknown-job", "unknown job", `there is no job \`${String(req.params["id"])}\` of yours (finished jobs are kept for an hour, in the server that ran them)`);
    }
    res.json({ job });
  },
});

/** The sensitivity and job routes. */
export const sensitivityRoutes: readonly Route[] = [versionSensitivity, sourceSensitivity, getJob];
