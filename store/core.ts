/**
 * Builds a `SchemeStore` on a driver: migrates the database, then binds the store's operations
 * (written once, in `schemes.ts`, `records.ts` and `audit.ts`) to it. Both implementations are
 * this function over their driver, so they cannot drift apart.
 */
import { appendAudit, listAudit } from "./audit.js";
import type { SqlDriver } from "./driver.js";
import { migrate, readApplied } from "./migrate.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { createToken, findToken, getDataset, listDatasets, putDataset, listTokens, revokeToken } from "./records.js";
import { createScheme, getHead, getScheme, getVersion, history, listSchemes, saveVersion } from "./schemes.js";
import type { Canonicalize, SchemeStore } from "./types.js";

/** Options every store takes. */
export interface StoreOptions {
  /** Canonical form of a scheme's text (the DSL formatter); versions are hashed and stored in it. */
  readonly canonicalize: Canonicalize;
  /** Migrations to apply (default: all of `MIGRATIONS`); tests pass shorter or longer lists. */
  readonly migrations?: readonly Migration[];
}

/** Migrates the driver's database and returns the store over it; closes the driver if migrating fails. */
export async function createStore(driver: SqlDriver, options: StoreOptions): Promise<SchemeStore> {
  try {
    await migrate(driver, options.migrations ?? MIGRATIONS);
  } catch (e) {
    await driver.close();
    throw e;
  }
  return bind(driver, options.canonicalize);
}

function bind(d: SqlDriver, canonicalize: Canonicalize): SchemeStore {
  let closed = false;
  return {
    kind: d.dialect,
    createScheme: (input) => createScheme(d, input),
    listSchemes: () => listSchemes(d),
    getScheme: (name) => getScheme(d, name),
    saveVersion: (input) => saveVersion(d, canonicalize, input),
    getVersion: (scheme, ref) => getVersion(d, scheme, ref),
    getHead: (scheme) => getHead(d, scheme),
    history: (scheme, page) => history(d, scheme, page),
    putDataset: (input) => putDataset(d, input),
    listDatasets: (name) => listDatasets(d, name),
    getDataset: (name, period) => getDataset(d, name, period),
    appendAudit: (input) => appendAudit(d, input),
    listAudit: (query) => listAudit(d, query),
    createToken: (input) => createToken(d, input),
    findToken: (hash) => findToken(d, hash),
    listTokens: () => listTokens(d),
    revokeToken: (id, audit) => revokeToken(d, id, audit),
    listMigrations: () => readApplied(d),
    ping: async () => {
      await d.query("SELECT 1 AS one");
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await d.close();
    },
  };
}
