/** Builds the OpenAPI 3.1 document from the route table. */
import type { Route } from "./route.js";

const ERROR = { description: "a problem (RFC 9457)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };

/** Converts an Express path (`/a/:name`) to an OpenAPI path (`/a/{name}`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, "{$1}");
}

function operation(r: Route): Record<string, unknown> {
  const params = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  const query = Object.entries((r.query?.["properties"] ?? {}) as Record<string, unknown>).map(([name, schema]) => ({
    name, in: "query", required: ((r.query?.["required"] ?? []) as string[]).includes(name), schema,
  }));
  const content: Record<string, unknown> = {};
  if (r.body?.json) content["application/json"] = { schema: r.body.json };
  if (r.body?.csv) content["text/csv"] = { schema: { type: "string" } };
  if (r.body?.xlsx) content["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = { schema: { type: "string", format: "binary" } };
  if (r.body?.text) content["text/plain"] = { schema: { type: "string" } };
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(r.responses)) {
    responses[status] = Number(status) >= 400 ? { ...ERROR, description } : { description, content: { "application/json": {} } };
  }
  return {
    summary: r.summary, tags: [r.tag], operationId: `${r.method}${openApiPath(r.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
    ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
    ...(r.roles.length ? { security: [{ bearer: [] }], "x-roles": r.roles } : {}),
    responses,
  };
}

/** The OpenAPI document for a route table. */
export function openApiDocument(routes: readonly Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) (paths[openApiPath(r.path)] ??= {})[r.method] = operation(r);
  return {
    openapi: "3.1.0",
    info: { title: "Yardstick API", version, description: "Assessment schemes: check, version, diff, evaluate, explain, what-if and sensitivity." },
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "an API token from `yardstick token create --role R`" } },
      schemas: {
        Problem: {
          type: "object", required: ["type", "title", "status"],
          properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, errors: { type: "array", items: { type: "object" } } },
        },
      },
    },
  };
}
