/**
 * Applies the store's migrations in order, each in its own transaction together with its
 * `schema_migrations` record, so a failed migration leaves the database at the previous
 * version. Safe when several processes open the same database at once: SQLite serialises the
 * transactions, PostgreSQL takes a transaction-scoped advisory lock.
 */
import type { SqlDriver, SqlRunner } from "./driver.js";
import type { Migration } from "./migrations.js";
import type { AppliedMigration } from "./types.js";
import { iso, num, str } from "./rows.js";

/** Advisory-lock key serialising migrations across PostgreSQL clients ("yardstik" in ASCII). */
const PG_MIGRATION_LOCK = "8746397727089518955";

const CREATE_TABLE: Record<SqlDriver["dialect"], string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`,
};

/**
 * Brings the database up to the last of `migrations`. Throws if the list is malformed, if the
 * database records a migration this code does not know (it was written by newer code) or under
 * another name, or if a migration's script fails (after rolling that migration back).
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[]): Promise<void> {
  checkList(migrations);
  const applied = await driver.transaction(async (tx) => {
    await lock(driver, tx);
    await tx.script(CREATE_TABLE[driver.dialect]);
    return readApplied(tx);
  });
  checkApplied(applied, migrations);
  const done = new Set(applied.map((m) => m.id));
  for (const migration of migrations) {
    if (!done.has(migration.id)) await applyOne(driver, migration);
  }
}

/** The migrations recorded in the database, in order. */
export async function readApplied(runner: SqlRunner): Promise<AppliedMigration[]> {
  const rows = await runner.query("SELECT id, name, applied_at FROM schema_migrations ORDER BY id");
  return rows.map((r) => ({ id: num(r.id), name: str(r.name), appliedAt: iso(r.applied_at) }));
}

async function applyOne(driver: SqlDriver, migration: Migration): Promise<void> {
  await driver.transaction(async (tx) => {
    await lock(driver, tx);
    // another process may have applied it since we looked
    const again = await tx.query("SELECT id FROM schema_migrations WHERE id = $1", [migration.id]);
    if (again.length > 0) return;
    await tx.script(migration[driver.dialect]);
    await tx.query(`INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, ${driver.now})`, [
      migration.id,
      migration.name,
    ]);
  });
}

async function lock(driver: SqlDriver, tx: SqlRunner): Promise<void> {
  if (driver.dialect === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`);
}

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) throw new Error(`migration \`${m.name}\` has id ${m.id}, expected ${i + 1}`);
  });
}

function checkApplied(applied: readonly AppliedMigration[], migrations: readonly Migration[]): void {
  for (const a of applied) {
    const known = migrations[a.id - 1];
    if (known === undefined) {
      throw new Error(
        `the database has migration ${a.id} \`${a.name}\`, which this version of yardstick does not know; upgrade yardstick`,
      );
    }
    if (known.name !== a.name) {
      throw new Error(`the database's migration ${a.id} is \`${a.name}\`, but this code calls it \`${known.name}\``);
    }
  }
}
