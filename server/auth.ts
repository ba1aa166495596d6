/**
 * API tokens: a random secret shown once, stored only as its sha256; requests carry it as
 * `Authorization: Bearer <secret>`; each route names the roles that may call it.
 */
import { randomBytes } from "node:crypto";
import type { Request } from "express";
import { sha256Hex } from "../store/index.js";
import type { SchemeStore, TokenInfo, TokenRole } from "../store/index.js";
import { problem } from "./problem.js";
import type { Caller, Role } from "./route.js";

/** The prefix of every secret, so a leaked one is easy to recognise and grep for. */
export const SECRET_PREFIX = "yst_";

/** Creates a token with a fresh secret; the secret is returned once and never stored. */
export async function issueToken(
  store: SchemeStore,
  input: { role: TokenRole; name: string; actor: string },
): Promise<{ ok: true; secret: string; token: TokenInfo } | { ok: false; message: string }> {
  const secret = `${SECRET_PREFIX}${randomBytes(24).toString("base64url")}`;
  const created = await store.createToken({
    name: input.name, role: input.role, secretSha256: sha256Hex(secret),
    audit: { actor: input.actor, action: "token.create", detail: { role: input.role, name: input.name } },
  });
  if (!created.ok) return { ok: false, message: created.error.message };
  return { ok: true, secret, token: created.token };
}

const ANONYMOUS: Caller = { id: "", name: "anonymous", role: "anonymous" };

function unauthorized(detail: string) {
  return problem(401, "unauthorized", "authentication needed", detail).withHeaders({ "WWW-Authenticate": 'Bearer realm="yardstick"' });
}

/** Authenticates the request for a route; throws a 401 (no or bad token) or 403 (wrong role) problem. */
export async function authenticate(req: Request, store: SchemeStore, roles: readonly Role[]): Promise<Caller> {
  if (roles.length === 0) return ANONYMOUS;
  const header = req.headers.authorization ?? "";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized("send an API token as `Authorization: Bearer <token>` (create one with `yardstick token create --role R`)");
  const token = await store.findToken(sha256Hex(m[1]!));
  if (!token) throw unauthorized("the token is not known or has been revoked");
  if (!roles.includes(token.role)) {
    throw problem(403, "forbidden", "not allowed for this role", `a \`${token.role}\` token cannot do this; it needs one of: ${roles.join(", ")}`);
  }
  return { id: token.id, name: token.name, role: token.role };
}
