/** Helpers the route files share: loading a stored version and its compiled program. */
import type { Request } from "express";
import type { Version } from "../../store/index.js";
import type { Program } from "../../engine/index.js";
import { programOf } from "../compile.js";
import type { RouteContext } from "../route.js";
import { must } from "../store-problem.js";

/** The version named by the `:name` and `:ref` path parameters (404 problems when unknown). */
export async function loadVersion(ctx: RouteContext, req: Request, ref = String(req.params["ref"])): Promise<Version> {
  return must(await ctx.services.store.getVersion(String(req.params["name"]), ref)).version;
}

/** A stored version and its program. */
export async function loadProgram(ctx: RouteContext, req: Request, ref?: string): Promise<{ version: Version; program: Program }> {
  const version = await loadVersion(ctx, req, ref);
  return { version, program: programOf(version.source, `${version.scheme}.yard`) };
}

/** The JSON body of a route whose spec accepts only JSON. */
export function jsonBody<T>(ctx: RouteContext): T {
  if (ctx.body.kind !== "json") throw new Error("bug: a JSON-only route received another kind of body");
  return ctx.body.value as T;
}
