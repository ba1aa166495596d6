/**
 * The route table's shape: every API route is declared once with its method, path, role,
 * request schemas and handler. The OpenAPI document and request validation are both derived
 * from these declarations, so the document cannot drift from the routes that exist.
 */
import type { Request, Response } from "express";

/** Roles a token may have; each route names the roles that may call it. */
export type Role = "admin" | "author" | "auditor" | "service";

/** A JSON Schema object (draft 2020-12, as OpenAPI 3.1 uses). */
export type JsonSchema = Record<string, unknown>;

/** What the handler receives besides Express's request and response. */
export interface RouteContext {
  /** The caller's token name and role, after authentication. */
  readonly caller: { readonly name: string; readonly role: Role };
}

/** One API route. */
export interface Route {
  readonly method: "get" | "post" | "put" | "delete";
  /** Express path, e.g. `/api/schemes/:name/versions`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** Roles allowed; an empty list means no token is needed. */
  readonly roles: readonly Role[];
  /** Media types accepted for the body, with their schemas (JSON bodies are validated). */
  readonly body?: { readonly json?: JsonSchema; readonly csv?: true; readonly xlsx?: true; readonly text?: true };
  readonly query?: JsonSchema;
  /** Response status codes with one-line descriptions, for the document. */
  readonly responses: Readonly<Record<number, string>>;
  /** Counted by the evaluation rate limit. */
  readonly rateLimited?: boolean;
  readonly handler: (req: Request, res: Response, ctx: RouteContext) => Promise<void>;
}

/** Declares a route (an identity function that gives the object its type). */
export function route(r: Route): Route {
  return r;
}
