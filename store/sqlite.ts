/**
 * The embedded store: one SQLite file (default `data/yardstick.db`) in WAL mode, created on
 * first use, through better-sqlite3. Its calls are synchronous, so every SQLite connection in
 * the process shares one queue (a transaction's awaits must not let another connection's
 * transaction start: that one would block the thread waiting for a lock only this thread can
 * release). Transactions take the write lock up front (`BEGIN IMMEDIATE`), which serialises
 * writers across processes; a writer waits up to `busyTimeoutMs` for another process's lock.
 * Commits are `synchronous = FULL` (fsync of the WAL before the commit returns); `log` commits
 * (audit entries) run with `synchronous = NORMAL`: written to the WAL without an fsync, so they
 * survive a killed process, and the next FULL commit or checkpoint makes them power-safe too.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { createStore, type StoreOptions } from "./core.js";
import type { Durability, Row, SqlDriver, SqlRunner, SqlValue } from "./driver.js";
import type { SchemeStore } from "./types.js";

/** Options for the SQLite store. */
export interface SqliteStoreOptions extends StoreOptions {
  /** The database file; its folder is created if missing. */
  readonly file: string;
  /** How long a writer waits for another connection's write lock, in ms (default 10 000). */
  readonly busyTimeoutMs?: number;
}

/** Opens (creating and migrating if needed) the SQLite store in `options.file`. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SchemeStore> {
  if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 10_000 });
  try {
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (options.file !== ":memory:" && mode !== "wal") throw new Error(`could not switch \`${options.file}\` to WAL mode (got ${String(mode)})`);
    // FULL: a committed version survives power loss, not just a killed process
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
  } catch (e) {
    db.close();
    throw e;
  }
  return createStore(sqliteDriver(db), options);
}

/** A driver over one better-sqlite3 connection. */
export function sqliteDriver(db: Database.Database): SqlDriver {
  const statements = new Map<string, Database.Statement>();
  const run = (sql: string, params: readonly SqlValue[] = []): Row[] => {
    let stmt = statements.get(sql);
    if (stmt === undefined) {
      stmt = db.prepare(sql.replace(/\$(\d+)/g, "@p$1"));
      statements.set(sql, stmt);
    }
    const bound: Record<string, SqlValue> = {};
    params.forEach((value, i) => (bound[`p${i + 1}`] = value));
    if (stmt.reader) return stmt.all(bound) as Row[];
    stmt.run(bound);
    return [];
  };
  const runner: SqlRunner = {
    query: async (sql, params) => run(sql, params),
    script: async (sql) => void db.exec(sql),
  };
  return {
    dialect: "sqlite",
    now: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    forUpdate: "",
    query: (sql, params) => queue(async () => run(sql, params)),
    script: (sql) => queue(async () => void db.exec(sql)),
    transaction: (fn, durability = "durable") => queue(() => inTransaction(db, () => fn(runner), durability)),
    close: () => queue(async () => void db.close()),
  };
}

async function inTransaction<T>(db: Database.Database, fn: () => Promise<T>, durability: Durability): Promise<T> {
  // the setting cannot change inside a transaction; it applies to this connection's next commits
  if (durability === "log") db.exec("PRAGMA synchronous = NORMAL");
  try {
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = await fn();
      db.exec("COMMIT");
      return result;
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
  } finally {
    if (durability === "log") db.exec("PRAGMA synchronous = FULL");
  }
}

let tail: Promise<unknown> = Promise.resolve();

/** Runs async tasks one after another, in call order, whatever each one's outcome; one queue per process. */
function queue<T>(task: () => Promise<T>): Promise<T> {
  const result = tail.then(task, task);
  tail = result.catch(() => undefined);
  return result;
}
