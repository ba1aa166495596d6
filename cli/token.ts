/**
 * `yardstick token create --role R [--name N]` prints a new API token's secret (once; only its
 * hash is stored); `token list` lists tokens; `token revoke ID` revokes one. The store is the
 * one `serve` uses (DATA_DIR or DATABASE_URL).
 */
import { openStore, TOKEN_ROLES, type SchemeStore, type TokenRole } from "../store/index.js";
import { issueToken } from "../server/auth.js";
import { canonicalize } from "../dsl/index.js";
import { splitArgs } from "./files.js";

const USAGE = `usage: yardstick token create --role ${TOKEN_ROLES.join("|")} [--name N]
       yardstick token list
       yardstick token revoke ID
`;

async function withStore<T>(fn: (store: SchemeStore) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: process.env["DATABASE_URL"] ?? "", dataDir: process.env["DATA_DIR"] || "data", canonicalize });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function create(options: Map<string, string>): Promise<number> {
  const role = options.get("role");
  if (!role || !(TOKEN_ROLES as readonly string[]).includes(role)) {
    process.stderr.write(`yardstick token create: --role must be one of ${TOKEN_ROLES.join(", ")}${role ? `, not \`${role}\`` : ""}\n`);
    return 2;
  }
  const name = options.get("name") ?? `${role} token`;
  const made = await withStore((store) => issueToken(store, { role: role as TokenRole, name, actor: "yardstick token (command line)" }));
  if (!made.ok) {
    process.stderr.write(`yardstick token create: ${made.message}\n`);
    return 1;
  }
  process.stderr.write(`created ${role} token \`${made.token.id}\` (${name}); the secret is shown only now:\n`);
  process.stdout.write(`${made.secret}\n`);
  return 0;
}

async function list(): Promise<number> {
  const tokens = await withStore((store) => store.listTokens());
  for (const t of tokens) process.stdout.write(`${t.id}  ${t.role.padEnd(7)}  ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : "active"}  ${t.name}\n`);
  return 0;
}

async function revoke(id: string | undefined): Promise<number> {
  if (!id) {
    process.stderr.write(USAGE);
    return 2;
  }
  const done = await withStore((store) => store.revokeToken(id, { actor: "yardstick token (command line)", action: "token.revoke" }));
  if (!done.ok) {
    process.stderr.write(`yardstick token revoke: ${done.error.message}\n`);
    return 1;
  }
  process.stdout.write(`revoked \`${id}\`\n`);
  return 0;
}

/** Runs `token`. */
export async function tokenCommand(args: string[]): Promise<number> {
  const { positional, options } = splitArgs(args, ["role", "name"]);
  const [sub, ...rest] = positional;
  if (sub === "create" && rest.length === 0) return create(options);
  if (sub === "list" && rest.length === 0) return list();
  if (sub === "revoke" && rest.length <= 1) return revoke(rest[0]);
  process.stderr.write(USAGE);
  return 2;
}
