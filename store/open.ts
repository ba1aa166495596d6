/**
 * Picks the store from configuration: PostgreSQL when a `DATABASE_URL` is given, otherwise the
 * embedded SQLite file `yardstick.db` in the data folder (default `data/`).
 */
import { join } from "node:path";
import type { StoreOptions } from "./core.js";
import { openPostgresStore } from "./postgres.js";
import { openSqliteStore } from "./sqlite.js";
import type { SchemeStore } from "./types.js";

/** Where the store lives, plus the options every store takes. */
export interface OpenStoreOptions extends StoreOptions {
  /** A `postgres://` or `postgresql://` URL; empty or absent means SQLite. */
  readonly databaseUrl?: string;
  /** The folder holding the SQLite file (default `data`); ignored for PostgreSQL. */
  readonly dataDir?: string;
}

/** The SQLite file's name inside the data folder. */
export const SQLITE_FILE_NAME = "yardstick.db";

/**
 * Opens the configured store, creating and migrating it if needed. Throws on a URL that is not
 * PostgreSQL's, an unreachable server, or a database written by a newer yardstick.
 */
export async function openStore(options: OpenStoreOptions): Promise<SchemeStore> {
  const url = options.databaseUrl?.trim() ?? "";
  if (url === "") return openSqliteStore({ ...options, file: join(options.dataDir ?? "data", SQLITE_FILE_NAME) });
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error("DATABASE_URL must start with `postgres://` or `postgresql://`; leave it unset for the embedded SQLite store");
  }
  return openPostgresStore({ ...options, connectionString: url });
}
