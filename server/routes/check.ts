/** Checking a source for the editor and for services: every diagnostic with its place. */
import { compileText, diagnosticJson } from "../compile.js";
import { READERS, route, type Route } from "../route.js";

const check = route({
  method: "post", path: "/api/check", tag: "check", summary: "Check scheme text: every error and warning with line:col and the end of its span", roles: READERS,
  body: {
    json: { type: "object", required: ["source"], additionalProperties: false, properties: { source: { type: "string", maxLength: 2_000_000 }, name: { type: "string", maxLength: 200, description: "a file name for messages" } } },
    text: true,
  },
  responses: { 200: "the diagnostics (an empty list when the scheme is clean)", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 413: "body too large", 415: "neither JSON nor text" },
  handler: async (_req, res, ctx) => {
    const { source, name } = ctx.body.kind === "json" ? (ctx.body.value as { source: string; name?: string }) : { source: ctx.body.kind === "text" ? ctx.body.text : "", name: undefined };
    const c = compileText(source, name ?? "scheme.yard");
    const diagnostics = c.diagnostics.map(diagnosticJson);
    res.json({
      ok: c.program !== null,
      errors: diagnostics.filter((d) => d.severity === "error").length,
      warnings: diagnostics.filter((d) => d.severity === "warning").length,
      diagnostics,
    });
  },
});

/** The check route. */
export const checkRoutes: readonly Route[] = [check];
