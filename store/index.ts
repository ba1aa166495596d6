/**
 * The scheme store's façade: one `SchemeStore` interface over SQLite (embedded, the default)
 * and PostgreSQL (shared), chosen by `openStore`.
 */
export type * from "./types.js";
export { TOKEN_ROLES } from "./types.js";
export { openStore, SQLITE_FILE_NAME, type OpenStoreOptions } from "./open.js";
export { openSqliteStore, type SqliteStoreOptions } from "./sqlite.js";
export { openPostgresStore, type PostgresStoreOptions } from "./postgres.js";
export type { StoreOptions } from "./core.js";
export { MIGRATIONS, type Migration } from "./migrations.js";
export { sha256Hex } from "./schemes.js";
