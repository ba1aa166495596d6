/**
 * The shared store: PostgreSQL through a `pg` connection pool, so several server instances can
 * use one database (`DATABASE_URL`). Each transaction runs on its own pooled client; saving a
 * version locks the scheme row (`SELECT … FOR UPDATE`), so concurrent writers on one scheme
 * queue up and the later ones see the new head. A `log` transaction (an audit entry) commits
 * with `synchronous_commit = off`: the server acknowledges it before flushing its WAL, so a
 * crash of the database server (not of this process) may drop the last such entries, whole.
 */
import pg from "pg";
import { createStore, type StoreOptions } from "./core.js";
import type { Row, SqlDriver, SqlRunner, SqlValue } from "./driver.js";
import type { SchemeStore } from "./types.js";

/** Options for the PostgreSQL store. */
export interface PostgresStoreOptions extends StoreOptions {
  /** A `postgres://` or `postgresql://` URL. */
  readonly connectionString: string;
  /** Keep the store's tables in this schema (created if missing) instead of the default search path. */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens (and migrates if needed) the PostgreSQL store; throws if the server cannot be reached. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<SchemeStore> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`\`${schema}\` is not a plain lower-case schema name`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // an idle client losing its connection must not crash the process; the next query reports it
  pool.on("error", () => undefined);
  try {
    if (schema !== undefined) await createSchema(pool, schema);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return createStore(postgresDriver(pool), options);
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (e) {
    // two processes creating it at once: the loser sees a duplicate; the schema exists either way
    const code = (e as { code?: string }).code;
    if (code !== "23505" && code !== "42P06") throw e;
  }
}

function runnerOf(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    query: async (sql, params: readonly SqlValue[] = []) => (await client.query(sql, [...params])).rows as Row[],
    script: async (sql) => void (await client.query(sql)),
  };
}

/** A driver over a `pg` pool. */
export function postgresDriver(pool: pg.Pool): SqlDriver {
  return {
    dialect: "postgres",
    now: "now()",
    forUpdate: " FOR UPDATE",
    ...runnerOf(pool),
    transaction: async (fn, durability = "durable") => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        if (durability === "log") await client.query("SET LOCAL synchronous_commit = off");
        const result = await fn(runnerOf(client));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => (broken = true));
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
