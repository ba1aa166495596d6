/**
 * A real server on an ephemeral port over a fresh store (an SQLite file in a temp folder, or a
 * PostgreSQL schema of its own), with one token per role, and a small fetch client. The
 * PostgreSQL harness exists only when DATABASE_URL is set.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { openPostgresStore, openSqliteStore, type SchemeStore, type TokenRole } from "../../store/index.js";
import { issueToken } from "../../server/auth.js";
import { canonicalize } from "../../dsl/index.js";
import { startServer, type RunningServer } from "../../server/server.js";
import type { ServerSettings } from "../../server/services.js";

/** A fresh database for one server. */
export interface TestStore {
  readonly kind: "sqlite" | "postgres";
  open(): Promise<SchemeStore>;
  /** Makes the database reachable for a child process (PostgreSQL: creates the schema). */
  prepare(): Promise<void>;
  /** `DATA_DIR`/`DATABASE_URL` for a child `yardstick serve` on the same database. */
  readonly env: Readonly<Record<string, string>>;
  drop(): Promise<void>;
}

/** Makes fresh databases of one kind. */
export interface ServerHarness {
  readonly kind: "sqlite" | "postgres";
  fresh(): TestStore;
}

/** SQLite: a temp folder holding `yardstick.db`. */
export const sqliteHarness: ServerHarness = {
  kind: "sqlite",
  fresh: () => {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-server-"));
    return {
      kind: "sqlite",
      open: () => openSqliteStore({ file: join(dir, "yardstick.db"), canonicalize }),
      prepare: async () => undefined,
      env: { DATA_DIR: dir, DATABASE_URL: "" },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const pgUrl = process.env["DATABASE_URL"]?.trim() ?? "";

async function pgQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** PostgreSQL: a schema of its own on DATABASE_URL (null when DATABASE_URL is not set). */
export const postgresHarness: ServerHarness | null = pgUrl === "" ? null : {
  kind: "postgres",
  fresh: () => {
    const schema = `srv_${randomBytes(6).toString("hex")}`;
    const scoped = `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    return {
      kind: "postgres",
      open: async () => {
        await pgQuery(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        return openPostgresStore({ connectionString: pgUrl, schema, canonicalize, poolSize: 4 });
      },
      prepare: () => pgQuery(`CREATE SCHEMA IF NOT EXISTS ${schema}`),
      env: { DATABASE_URL: scoped, DATA_DIR: "/nonexistent" },
      drop: () => pgQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    };
  },
};

/** Why the PostgreSQL variants do not run, or null when they do. */
export const postgresSkipReason: string | null = pgUrl === "" ? "DATABASE_URL is not set (eval \"$(scripts/pg-test.sh)\" starts a throwaway server)" : null;

/** True when every environment-dependent test must run (CI). */
export const requireAll = process.env["YARDSTICK_REQUIRE_ALL"] === "1";

/** A running test server with a token per role. */
export interface TestServer {
  readonly url: string;
  readonly server: RunningServer;
  readonly store: SchemeStore;
  readonly tokens: Readonly<Record<TokenRole, string>>;
  /** A client acting with a role's token (or a raw token text, or none). */
  as(who: TokenRole | { token: string } | null): Client;
  stop(): Promise<void>;
}

/** Starts a server on a fresh database. */
export async function startTestServer(harness: ServerHarness, settings: Partial<ServerSettings> = {}): Promise<TestServer> {
  const db = harness.fresh();
  const store = await db.open();
  const tokens = {} as Record<TokenRole, string>;
  for (const role of ["admin", "author", "auditor", "service"] as const) {
    const made = await issueToken(store, { role, name: `${role} (test)`, actor: "test" });
    if (!made.ok) throw new Error(made.message);
    tokens[role] = made.secret;
  }
  const server = await startServer({ store, port: 0, settings, log: pino({ level: process.env["YARDSTICK_TEST_LOG"] ?? "silent" }) });
  return {
    url: server.url, server, store, tokens,
    as: (who) => new Client(server.url, who === null ? null : typeof who === "string" ? tokens[who] : who.token),
    stop: async () => {
      await server.close();
      await store.close();
      await db.drop();
    },
  };
}

/** A response, read once. */
export interface Reply {
  readonly status: number;
  readonly type: string;
  readonly headers: Headers;
  /** Parsed JSON for JSON and problem+json responses, else the text. */
  readonly body: any;
}

/** A tiny API client. */
export class Client {
  constructor(readonly base: string, readonly token: string | null) {}

  /** Sends a request; `body` objects go as JSON unless `type` says otherwise. */
  async send(method: string, path: string, body?: unknown, type?: string): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.token !== null) headers["authorization"] = `Bearer ${this.token}`;
    let payload: string | Uint8Array | undefined;
    if (body !== undefined) {
      headers["content-type"] = type ?? "application/json";
      payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers, ...(payload !== undefined ? { body: payload as unknown as BodyInit } : {}) });
    const contentType = res.headers.get("content-type") ?? "";
    const text = await res.text();
    const json = /json/.test(contentType) ? JSON.parse(text) : text;
    return { status: res.status, type: contentType.split(";")[0]!, headers: res.headers, body: json };
  }

  get(path: string): Promise<Reply> {
    return this.send("GET", path);
  }

  post(path: string, body?: unknown, type?: string): Promise<Reply> {
    return this.send("POST", path, body, type);
  }
}

const GOLDEN = join(import.meta.dirname, "..", "engine", "golden");

/**
 * The county scheme and its dataset rows (from the engine's golden files). Its rows leave two
 * inputs blank for some regions on purpose (the scheme imputes them), so those inputs are
 * declared `optional` here: the dataset loader requires every other input.
 */
export function county(): { source: string; rows: Record<string, unknown>[]; prev: Record<string, unknown>[] } {
  const text = readFileSync(join(GOLDEN, "county.yard"), "utf8");
  return {
    source: text.replace(/^(input (?:gdp_growth|satisfaction) .*)$/gm, (line) => (/\boptional\b/.test(line) ? line : `${line} optional`)),
    rows: JSON.parse(readFileSync(join(GOLDEN, "county.data.json"), "utf8")) as Record<string, unknown>[],
    prev: JSON.parse(readFileSync(join(GOLDEN, "county.prev.json"), "utf8")) as Record<string, unknown>[],
  };
}

/** A small valid scheme whose points vary with `n`, so each `n` is different content. */
export function smallScheme(n: number): string {
  return [
    `scheme "测试方案" period 2026 unit district`,
    `input gdp percent label "增速"`,
    `dimension economy "经济" points 100 {`,
    `  indicator gdp "增速" points 100 { goalposts floor 0 target ${5 + n} }`,
    `}`,
    ``,
  ].join("\n");
}
