/**
 * Turns database rows into the store's records. The drivers return different value types for
 * the same column (PostgreSQL: `Date` for timestamps, strings for bigints; SQLite: ISO strings
 * and numbers), so every column goes through one of the small converters here.
 */
import type { Row } from "./driver.js";
import type { AuditEntry, DatasetInfo, TokenInfo, TokenRole, Version, VersionInfo } from "./types.js";

/** A numeric column as a number (PostgreSQL returns bigints as strings). */
export function num(value: unknown): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number column, got ${String(value)}`);
  return n;
}

/** A text column as a string. */
export function str(value: unknown): string {
  if (typeof value !== "string") throw new Error(`expected a text column, got ${typeof value}`);
  return value;
}

/** A nullable text column. */
export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : str(value);
}

/** A timestamp column as an ISO-8601 UTC string with milliseconds. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(str(value)).toISOString();
}

/** A nullable timestamp column. */
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

/** Columns `versionInfo` reads, for SELECT lists (without the source). */
export const VERSION_INFO_COLUMNS = "hash, parent, seq, author, message, created_at";

/** A `versions` row as metadata. */
export function versionInfo(scheme: string, r: Row): VersionInfo {
  return {
    scheme,
    hash: str(r.hash),
    parent: strOrNull(r.parent),
    seq: num(r.seq),
    author: str(r.author),
    message: str(r.message),
    createdAt: iso(r.created_at),
  };
}

/** A `versions` row with its source. */
export function version(scheme: string, r: Row): Version {
  return { ...versionInfo(scheme, r), source: str(r.source) };
}

/** Columns `datasetInfo` reads (without the content). */
export const DATASET_INFO_COLUMNS = "name, period, media_type, byte_size, sha256, row_count, author, created_at, updated_at";

/** A `datasets` row as metadata. */
export function datasetInfo(r: Row): DatasetInfo {
  return {
    name: str(r.name),
    period: str(r.period),
    mediaType: str(r.media_type),
    byteSize: num(r.byte_size),
    sha256: str(r.sha256),
    rowCount: num(r.row_count),
    author: str(r.author),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** An `audit_log` row. */
export function auditEntry(r: Row): AuditEntry {
  const detail = strOrNull(r.detail);
  return {
    id: num(r.id),
    at: iso(r.at),
    actor: str(r.actor),
    action: str(r.action),
    target: str(r.target),
    versionHash: strOrNull(r.version_hash),
    detail: detail === null ? null : (JSON.parse(detail) as Record<string, unknown>),
  };
}

/** An `api_tokens` row. */
export function tokenInfo(r: Row): TokenInfo {
  return {
    id: str(r.id),
    name: str(r.name),
    role: str(r.role) as TokenRole,
    secretSha256: str(r.secret_sha256),
    createdAt: iso(r.created_at),
    revokedAt: isoOrNull(r.revoked_at),
  };
}
