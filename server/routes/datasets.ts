/** Stored datasets: upload (CSV, JSON or XLSX as uploaded), list, download. */
import { problem } from "../problem.js";
import { ANY_ROLE, AUTHORS, route, type Route } from "../route.js";
import { datasetProblem, mediaTypeOf, sourceOfBody } from "../dataset.js";
import { must } from "../store-problem.js";
import { countRows } from "../data-rows.js";
import { compileText } from "../compile.js";
import { hasDataErrors, loadDataset } from "../../engine/data/index.js";

const listDatasets = route({
  method: "get", path: "/api/datasets", tag: "datasets", summary: "Stored datasets (without content), by name then period", roles: ANY_ROLE,
  query: { type: "object", additionalProperties: false, properties: { name: { type: "string", minLength: 1 } } },
  responses: { 200: "the datasets", 400: "invalid query", 401: "no or bad token" },
  handler: async (_req, res, ctx) => {
    const name = ctx.query["name"] as string | undefined;
    res.json({ datasets: await ctx.services.store.listDatasets(name) });
  },
});

const putDataset = route({
  method: "put", path: "/api/datasets/:name/:period", tag: "datasets", roles: AUTHORS,
  summary: "Store a dataset as uploaded (JSON, CSV or XLSX); `?scheme=NAME` first checks it against that scheme's head",
  body: { json: { description: "rows (an array of objects, or `{rows}`)" }, csv: true, xlsx: true },
  query: { type: "object", additionalProperties: false, properties: { replace: { type: "boolean", description: "replace different content stored under this name and period" }, scheme: { type: "string", minLength: 1 } } },
  responses: { 200: "the same content was already stored, or it was replaced", 201: "stored", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 404: "no such scheme", 409: "different content is stored under this name and period", 413: "body too large", 415: "not JSON, CSV or XLSX", 422: "the file cannot be read as a table, or fails the scheme's checks" },
  handler: async (req, res, ctx) => {
    const src = sourceOfBody(ctx.body, `${String(req.params["name"])}/${String(req.params["period"])}`)!;
    const scheme = ctx.query["scheme"] as string | undefined;
    if (scheme !== undefined) {
      const head = must(await ctx.services.store.getHead(scheme)).version;
      if (!head) throw problem(404, "unknown-version", "the scheme has no version", `\`${scheme}\` has no version to check the dataset against`);
      const loaded = await loadDataset(compileText(head.source).checked, src);
      if (hasDataErrors(loaded.issues)) throw datasetProblem(loaded.issues, src.format === "json" ? "" : null);
    }
    const rows = await countRows(src);
    const content = ctx.body.kind === "xlsx" ? ctx.body.bytes : new TextEncoder().encode(ctx.body.kind === "csv" || ctx.body.kind === "json" ? ctx.body.text : "");
    const put = must(await ctx.services.store.putDataset({
      name: String(req.params["name"]), period: String(req.params["period"]), mediaType: mediaTypeOf(ctx.body)!, content, rowCount: rows,
      author: ctx.caller.name, replace: ctx.query["replace"] === true,
      audit: { actor: ctx.caller.name, action: "dataset.put", detail: { token: ctx.caller.id, rows } },
    }));
    res.status(put.created ? 201 : 200).json({ dataset: put.dataset, created: put.created });
  },
});

const getDataset = route({
  method: "get", path: "/api/datasets/:name/:period", tag: "datasets", summary: "A stored dataset's content, exactly as uploaded", roles: ANY_ROLE,
  responses: { 200: "the content, with its media type", 401: "no or bad token", 404: "no such dataset" },
  handler: async (req, res, ctx) => {
    const d = await ctx.services.store.getDataset(String(req.params["name"]), String(req.params["period"]));
    if (!d) throw problem(404, "unknown-dataset", "unknown dataset", `there is no stored dataset \`${String(req.params["name"])}\` for period \`${String(req.params["period"])}\``);
    res.setHeader("Content-Type", d.mediaType);
    res.setHeader("ETag", `"${d.sha256}"`);
    res.send(Buffer.from(d.content));
  },
});

/** The dataset routes. */
export const datasetRoutes: readonly Route[] = [listDatasets, putDataset, getDataset];
