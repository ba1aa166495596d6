/** What a version says to other systems: the JSON Schema of its dataset, and its conditions as JSON Logic. */
import { datasetSchema } from "../../engine/data/index.js";
import { exportJsonLogic } from "../../engine/jsonlogic/index.js";
import { ANY_ROLE, route, type Route } from "../route.js";
import { loadProgram } from "./common.js";

const schema = route({
  method: "get", path: "/api/schemes/:name/versions/:ref/schema", tag: "exports", roles: ANY_ROLE,
  summary: "The JSON Schema (2020-12) each dataset row (one region) must satisfy for this version",
  responses: { 200: "the schema", 401: "no or bad token", 404: "no such scheme or version", 422: "the version has errors" },
  handler: async (req, res, ctx) => {
    const { program } = await loadProgram(ctx, req);
    res.type("application/schema+json").send(JSON.stringify(datasetSchema(program.scheme)));
  },
});

const jsonLogic = route({
  method: "get", path: "/api/schemes/:name/versions/:ref/jsonlogic", tag: "exports", roles: ANY_ROLE,
  summary: "Typologies, derived values and rule conditions as JSON Logic, with what cannot be exported and why",
  responses: { 200: "the export", 401: "no or bad token", 404: "no such scheme or version", 422: "the version has errors" },
  handler: async (req, res, ctx) => {
    const { version, program } = await loadProgram(ctx, req);
    res.json({ scheme: version.scheme, version: version.hash, ...exportJsonLogic(program.scheme) });
  },
});

/** The export routes. */
export const exportRoutes: readonly Route[] = [schema, jsonLogic];
