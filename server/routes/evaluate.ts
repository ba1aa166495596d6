/** Evaluate and explain: a stored version or a posted source, on a posted or stored dataset. */
import type { Request, Response } from "express";
import { explain, renderExplanation } from "../../engine/index.js";
import { problem } from "../problem.js";
import { EVALUATORS, route, type Route, type RouteContext } from "../route.js";
import { sendJsonBytes, Utf8Writer } from "../json-text.js";
import { jsonBody } from "./common.js";
import { bodyData, DATA_QUERY, runEvaluation, runHeader, runReceipt, SOURCE_RUN_PROPERTIES, sourceSubject, versionData, versionSubject, type Subject } from "./run.js";

const DATA_BODY = { json: { description: "rows (an array of objects, or `{rows}`)" }, csv: true, xlsx: true, optional: true } as const;
const ERRORS = { 400: "invalid request", 401: "no or bad token", 403: "wrong role", 404: "no such scheme, version or stored dataset", 413: "body too large", 415: "not JSON, CSV or XLSX", 422: "the dataset has errors (row and field), or the evaluation stopped on an error", 429: "rate limit" } as const;

async function sendEvaluation(ctx: RouteContext, res: Response, subject: Subject, data: ReturnType<typeof versionData>): Promise<void> {
  const run = await runEvaluation(ctx, subject, data.data, data.prev, "evaluate");
  // {...header, ...results, receiptDocument}, written as the results are serialised
  const out = new Utf8Writer();
  out.text(`${JSON.stringify(runHeader(subject, run)).slice(0, -1)},`);
  run.results.writeJSONMembers(out);
  out.text(`,${JSON.stringify({ receiptDocument: runReceipt(subject, run) }).slice(1)}`);
  sendJsonBytes(res, out.bytes());
}

async function sendExplanation(ctx: RouteContext, res: Response, subject: Subject, data: ReturnType<typeof versionData>, region: string): Promise<void> {
  const run = await runEvaluation(ctx, subject, data.data, data.prev, "explain");
  const e = explain(run.results, region);
  if (!e) {
    throw problem(404, "unknown-region", "unknown region", `the dataset has no region \`${region}\``, { errors: [{ pointer: "/query/region", message: `no region \`${region}\`` }] });
  }
  res.json({ ...runHeader(subject, run), schemeHash: run.results.schemeHash, receipt: run.results.receipt, region, explanation: e, text: renderExplanation(e) });
}

const evaluateVersion = route({
  method: "post", path: "/api/schemes/:name/versions/:ref/evaluate", tag: "evaluate", rateLimited: true, roles: EVALUATORS,
  summary: "Evaluate a stored version on the posted dataset (JSON, CSV or XLSX by Content-Type) or a stored one (`?dataset=NAME/PERIOD`)",
  body: DATA_BODY, query: DATA_QUERY,
  responses: { 200: "the results: per region total, grade, ranks, every node's score; the receipt, and for a stored version on stored datasets a receipt document for `yardstick verify`", ...ERRORS },
  handler: async (req: Request, res, ctx) => sendEvaluation(ctx, res, await versionSubject(ctx, req), versionData(ctx)),
});

const evaluateSource = route({
  method: "post", path: "/api/evaluate", tag: "evaluate", rateLimited: true, roles: EVALUATORS,
  summary: "Evaluate a posted source on rows in the request or a stored dataset",
  body: { json: { type: "object", required: ["source"], additionalProperties: false, properties: SOURCE_RUN_PROPERTIES } },
  responses: { 200: "the results", ...ERRORS },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<{ source: string; dataset?: unknown; stored?: string }>(ctx);
    const data = bodyData(body);
    await sendEvaluation(ctx, res, sourceSubject(body.source), data);
  },
});

const explainVersion = route({
  method: "post", path: "/api/schemes/:name/versions/:ref/explain", tag: "evaluate", rateLimited: true, roles: EVALUATORS,
  summary: "Why one region got its score: the contribution tree and the rules that fired",
  body: DATA_BODY,
  query: { ...DATA_QUERY, required: ["region"], properties: { ...(DATA_QUERY["properties"] as object), region: { type: "string", minLength: 1 } } },
  responses: { 200: "the explanation, as data and as text", ...ERRORS, 404: "no such scheme, version, stored dataset or region" },
  handler: async (req, res, ctx) => sendExplanation(ctx, res, await versionSubject(ctx, req), versionData(ctx), String(ctx.query["region"])),
});

const explainSource = route({
  method: "post", path: "/api/explain", tag: "evaluate", rateLimited: true, roles: EVALUATORS,
  summary: "Explain one region's result under a posted source",
  body: { json: { type: "object", required: ["source", "region"], additionalProperties: false, properties: { ...SOURCE_RUN_PROPERTIES, region: { type: "string", minLength: 1 } } } },
  responses: { 200: "the explanation", ...ERRORS, 404: "no such stored dataset or region" },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<{ source: string; region: string; dataset?: unknown; stored?: string }>(ctx);
    await sendExplanation(ctx, res, sourceSubject(body.source), bodyData(body), body.region);
  },
});

/** The evaluate and explain routes. */
export const evaluateRoutes: readonly Route[] = [evaluateVersion, evaluateSource, explainVersion, explainSource];
