/**
 * The append-only audit log: entries written on their own (`appendAudit`) or inside the
 * transaction of the change they record, so a change and its entry exist together or not at all
 * (and are as durable as the change). An entry written on its own (an evaluation, a diff) is a
 * `log` commit: once acknowledged it survives a killed process, but a power loss may drop the
 * last such entries until a durable commit or checkpoint follows; a failed append writes nothing.
 */
import type { SqlDriver, SqlRunner } from "./driver.js";
import { auditEntry } from "./rows.js";
import type { AuditEntry, AuditInput, AuditNote, AuditQuery } from "./types.js";

/** Writes one entry through `runner` (a transaction or the driver) and returns it. */
export async function insertAudit(driver: SqlDriver, runner: SqlRunner, input: AuditInput): Promise<AuditEntry> {
  const detail = input.detail === undefined ? null : JSON.stringify(input.detail);
  const rows = await runner.query(
    `INSERT INTO audit_log (at, actor, action, target, version_hash, detail)
     VALUES (${driver.now}, $1, $2, $3, $4, $5) RETURNING *`,
    [input.actor, input.action, input.target, input.versionHash ?? null, detail],
  );
  return auditEntry(rows[0]!);
}

/** Writes `note` (if any) for `target` inside a change's transaction. */
export async function noteAudit(
  driver: SqlDriver,
  tx: SqlRunner,
  note: AuditNote | undefined,
  target: string,
  versionHash: string | null = null,
): Promise<void> {
  if (note !== undefined) await insertAudit(driver, tx, { ...note, target, versionHash });
}

/** A page size: `value` truncated into 1…`max`, or `fallback` when absent or not a number. */
export function clampLimit(value: number | undefined, fallback: number, max: number): number {
  const n = value !== undefined && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return Math.max(1, Math.min(max, n));
}

/** Appends an entry in its own transaction, flushed as a `log` commit (see above). */
export async function appendAudit(driver: SqlDriver, input: AuditInput): Promise<AuditEntry> {
  return driver.transaction((tx) => insertAudit(driver, tx, input), "log");
}

/** Entries matching `query`, newest first. */
export async function listAudit(driver: SqlDriver, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (column: string, value: string | number | undefined, op = "="): void => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} ${op} $${params.length}`);
  };
  add("id", query.beforeId, "<");
  add("actor", query.actor);
  add("action", query.action);
  add("target", query.target);
  add("version_hash", query.versionHash);
  const limit = clampLimit(query.limit, 100, 1000);
  const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
  params.push(limit);
  const rows = await driver.query(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT $${params.length}`, params);
  return rows.map(auditEntry);
}
