/** API tokens, for admins: list, create (the secret is shown once), revoke. */
import { TOKEN_ROLES, type TokenInfo, type TokenRole } from "../../store/index.js";
import { issueToken } from "../auth.js";
import { problem } from "../problem.js";
import { ADMINS, ANY_ROLE, route, type Route } from "../route.js";
import { must } from "../store-problem.js";
import { jsonBody } from "./common.js";

/** A token as listed: never its hash. */
function tokenJson(t: TokenInfo): Record<string, unknown> {
  return { id: t.id, name: t.name, role: t.role, createdAt: t.createdAt, revokedAt: t.revokedAt };
}

const whoami = route({
  method: "get", path: "/api/whoami", tag: "tokens", summary: "The calling token's name and role", roles: ANY_ROLE,
  responses: { 200: "the caller", 401: "no or bad token" },
  handler: async (_req, res, ctx) => {
    res.json({ id: ctx.caller.id, name: ctx.caller.name, role: ctx.caller.role });
  },
});

const listTokens = route({
  method: "get", path: "/api/tokens", tag: "tokens", summary: "Every token (revoked ones too), without secrets", roles: ADMINS,
  responses: { 200: "the tokens", 401: "no or bad token", 403: "wrong role" },
  handler: async (_req, res, ctx) => {
    res.json({ tokens: (await ctx.services.store.listTokens()).map(tokenJson) });
  },
});

const createToken = route({
  method: "post", path: "/api/tokens", tag: "tokens", summary: "Create a token; the secret is in this response only", roles: ADMINS,
  body: { json: { type: "object", required: ["role", "name"], additionalProperties: false, properties: { role: { enum: [...TOKEN_ROLES] }, name: { type: "string", minLength: 1, maxLength: 200 } } } },
  responses: { 201: "created, with its secret", 400: "invalid request", 401: "no or bad token", 403: "wrong role", 415: "not JSON" },
  handler: async (_req, res, ctx) => {
    const body = jsonBody<{ role: TokenRole; name: string }>(ctx);
    const made = await issueToken(ctx.services.store, { role: body.role, name: body.name, actor: ctx.caller.name });
    if (!made.ok) throw problem(400, "invalid-input", "cannot create the token", made.message);
    res.status(201).json({ token: tokenJson(made.token), secret: made.secret });
  },
});

const revokeToken = route({
  method: "delete", path: "/api/tokens/:id", tag: "tokens", summary: "Revoke a token", roles: ADMINS,
  responses: { 200: "revoked", 401: "no or bad token", 403: "wrong role", 404: "no such token" },
  handler: async (req, res, ctx) => {
    const done = must(await ctx.services.store.revokeToken(String(req.params["id"]), { actor: ctx.caller.name, action: "token.revoke", detail: { token: ctx.caller.id } }));
    res.json({ token: tokenJson(done.token) });
  },
});

/** The token routes. */
export const tokenRoutes: readonly Route[] = [whoami, listTokens, createToken, revokeToken];
