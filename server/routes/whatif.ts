/** What-if: a version (or a posted source) on a dataset with overrides → new results and each region's change. */
import type { Request, Response } from "express";
import { whatIf } from "../../engine/whatif/index.js";
import { problem } from "../problem.js";
import { EVALUATORS, route, type Route, type RouteContext, type JsonSchema } from "../route.js";
import { jsonBody } from "./common.js";
import { bodyData, runEvaluation, runHeader, SOURCE_RUN_PROPERTIES, sourceSubject, versionSubject, type DataFields, type Subject } from "./run.js";

const OVERRIDES: JsonSchema = {
  type: "array", minItems: 1, maxItems: 200,
  items: { type: "string", minLength: 1, maxLength: 500, description: "`path.field=value[@type]`, e.g. `economy.points=35`, `economy.gdp_growth.target=8@outer`, `grades.优秀.quota=30%`" },
};

const { source: _source, ...DATA_PROPERTIES } = SOURCE_RUN_PROPERTIES;

interface WhatIfBody extends DataFields {
  readonly overrides: readonly string[];
}

async function sendWhatIf(ctx: RouteContext, res: Response, subject: Subject, body: WhatIfBody): Promise<void> {
  const { data, prev } = bodyData(body);
  const run = await runEvaluation(ctx, subject, data, prev, "whatif");
  const out = whatIf(run.results, body.overrides);
  const errors = out.issues.filter((i) => i.severity === "error");
  if (errors.length > 0) {
    throw problem(422, "bad-overrides", "some overrides cannot be applied", errors.map((e) => `\`${e.override}\`: ${e.message}`).join("; "), {
      errors: errors.map((e) => ({ pointer: `/overrides/${Math.max(0, body.overrides.indexOf(e.override))}`, code: e.code, message: e.message, ...(e.help ? { help: e.help } : {}) })),
    });
  }
  if (!out.results) {
    const evalErrors = out.evalIssues.filter((i) => i.severity === "error");
    throw problem(422, "evaluation-failed", "the evaluation with the overrides stopped on errors", evalErrors[0]?.message ?? "", { errors: evalErrors.map((i) => ({ code: i.code, message: i.message, regions: i.regions })) });
  }
  res.json({
    ...runHeader(subject, run), baseReceipt: run.results.receipt, applied: out.applied, issues: out.issues,
    deltas: out.deltas, results: out.results.toJSON(),
  });
}

const versionWhatIf = route({
  method: "post", path: "/api/schemes/:name/versions/:ref/whatif", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "What-if on a stored version: override weights, points, targets, thresholds or quotas; get new results and each region's change",
  body: { json: { type: "object", required: ["overrides"], additionalProperties: false, properties: { overrides: OVERRIDES, ...DATA_PROPERTIES } } },
  responses: { 200: "results under the overrides and each region's change in total, rank and grade", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 404: "no such scheme, version or dataset", 415: "not JSON", 422: "bad overrides (with a pointer to each), dataset errors, or the run failed", 429: "rate limit" },
  handler: async (req: Request, res, ctx) => sendWhatIf(ctx, res, await versionSubject(ctx, req), jsonBody<WhatIfBody>(ctx)),
});

const sourceWhatIf = route({
  method: "post", path: "/api/whatif", tag: "analysis", rateLimited: true, roles: EVALUATORS,
  summary: "What-if on a posted source",
  body: { json: { type: "object", required: ["source", "overrides"], additionalProperties: false, properties: { overrides: OVERRIDES, ...SOURCE_RUN_PROPERTIES } } },
  responses: { 200: "results under the overrides and each region's change", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 415: "not JSON", 422: "bad overrides, scheme or dataset errors", 429: "rate limit" },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<WhatIfBody & { source: string }>(ctx);
    await sendWhatIf(ctx, res, sourceSubject(body.source), body);
  },
});

/** The what-if routes. */
export const whatIfRoutes: readonly Route[] = [versionWhatIf, sourceWhatIf];
