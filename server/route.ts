/**
 * The route table's shape: every API route is declared once with its method, path, role,
 * request schemas and handler. The OpenAPI document and request validation are both derived
 * from these declarations, so the document cannot drift from the routes that exist.
 */
import type { Request, Response } from "express";
import type { Services } from "./services.js";

/** Roles a token may have; each route names the roles that may call it. */
export type Role = "admin" | "author" | "auditor" | "service";

/** A JSON Schema object (draft 2020-12, as OpenAPI 3.1 uses). */
export type JsonSchema = Record<string, unknown>;

/** Who is calling: the token's id, name and role (`anonymous` on routes that need no token). */
export interface Caller {
  readonly id: string;
  readonly name: string;
  readonly role: Role | "anonymous";
}

/** A request body after content negotiation: parsed JSON, text (CSV or plain), bytes (XLSX), or none. */
export type Body =
  | { readonly kind: "json"; readonly value: unknown; readonly text: string }
  | { readonly kind: "csv"; readonly text: string }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "xlsx"; readonly bytes: Uint8Array }
  | { readonly kind: "none" };

/** What the handler receives besides Express's request and response. */
export interface RouteContext {
  /** The caller, after authentication. */
  readonly caller: Caller;
  /** The query, validated (and coerced) against the route's query schema. */
  readonly query: Readonly<Record<string, unknown>>;
  /** The body, negotiated by content type and (for JSON) validated. */
  readonly body: Body;
  /** The store, caches, jobs and settings the handlers share. */
  readonly services: Services;
}

/** Media types accepted for the body, with their schemas (JSON bodies are validated). */
export interface BodySpec {
  readonly json?: JsonSchema;
  readonly csv?: true;
  readonly xlsx?: true;
  readonly text?: true;
  /** The body may be left out (e.g. evaluate against a stored dataset named in the query). */
  readonly optional?: true;
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
  readonly body?: BodySpec;
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

/** Every role: routes any token may call. */
export const ANY_ROLE: readonly Role[] = ["admin", "author", "auditor", "service"];
/** Roles that read schemes and versions. */
export const READERS: readonly Role[] = ["admin", "author", "auditor"];
/** Roles that edit schemes and datasets. */
export const AUTHORS: readonly Role[] = ["admin", "author"];
/** Roles that run evaluations (evaluate, explain, what-if, sensitivity). */
export const EVALUATORS: readonly Role[] = ["admin", "author", "service"];
/** Roles that read the audit log. */
export const AUDITORS: readonly Role[] = ["admin", "auditor"];
/** Roles that manage tokens. */
export const ADMINS: readonly Role[] = ["admin"];
