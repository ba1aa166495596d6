/**
 * Schemes and their version chains. A scheme row holds the head hash; saving locks that row
 * (PostgreSQL `FOR UPDATE`, SQLite's up-front write lock), compares the head with the writer's
 * parent and, only if they match, inserts the version and moves the head, in one transaction.
 */
import { createHash } from "node:crypto";
import { clampLimit, noteAudit } from "./audit.js";
import type { Row, SqlDriver, SqlRunner } from "./driver.js";
import { iso, num, str, strOrNull, version, VERSION_INFO_COLUMNS, versionInfo } from "./rows.js";
import type { AuditNote, Canonicalize, SaveResult, SaveVersionInput, SchemeInfo, StoreResult, Version, VersionInfo } from "./types.js";
import { checkLabel, checkMessage, checkParent, checkPerson, firstError, isHash, isHashPrefix, normalizeName, storeError } from "./validate.js";

/** sha256 of a text's UTF-8 bytes, as lower-case hex. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

const SCHEME_SELECT = `SELECT s.id, s.name, s.head, s.created_by, s.created_at, s.updated_at, v.seq
  FROM schemes s LEFT JOIN versions v ON v.scheme_id = s.id AND v.hash = s.head`;

function schemeInfo(r: Row): SchemeInfo {
  return {
    name: str(r.name),
    head: strOrNull(r.head),
    versions: r.seq === null || r.seq === undefined ? 0 : num(r.seq),
    createdBy: str(r.created_by),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function unknownScheme(name: string) {
  return { ok: false, error: storeError("unknown-scheme", `there is no scheme named \`${name}\``) } as const;
}

/** Creates an empty scheme. */
export async function createScheme(
  driver: SqlDriver,
  input: { name: string; createdBy: string; audit?: AuditNote },
): Promise<StoreResult<{ scheme: SchemeInfo }>> {
  const bad = firstError(checkLabel("the scheme name", input.name, 100), checkPerson("the creator", input.createdBy));
  if (bad) return { ok: false, error: bad };
  const name = normalizeName(input.name);
  return driver.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO schemes (name, head, created_by, created_at, updated_at)
       VALUES ($1, NULL, $2, ${driver.now}, ${driver.now}) ON CONFLICT (name) DO NOTHING RETURNING *`,
      [name, input.createdBy],
    );
    if (rows.length === 0) return { ok: false, error: storeError("duplicate-scheme", `a scheme named \`${name}\` already exists`) };
    await noteAudit(driver, tx, input.audit, name);
    return { ok: true, scheme: schemeInfo({ ...rows[0], seq: null }) };
  });
}

/** Every scheme, by name. */
export async function listSchemes(driver: SqlDriver): Promise<SchemeInfo[]> {
  return (await driver.query(`${SCHEME_SELECT} ORDER BY s.name`)).map(schemeInfo);
}

/** One scheme, or null. */
export async function getScheme(runner: SqlRunner, name: string): Promise<SchemeInfo | null> {
  const rows = await runner.query(`${SCHEME_SELECT} WHERE s.name = $1`, [normalizeName(name)]);
  return rows[0] ? schemeInfo(rows[0]) : null;
}

async function selectVersion(runner: SqlRunner, schemeId: unknown, name: string, hash: string): Promise<Version> {
  const rows = await runner.query("SELECT * FROM versions WHERE scheme_id = $1 AND hash = $2", [num(schemeId), hash]);
  if (!rows[0]) throw new Error(`version ${hash} of \`${name}\` is missing`);
  return version(name, rows[0]);
}

/** Saves a version on its parent, or reports a conflict; see `SchemeStore.saveVersion`. */
export async function saveVersion(driver: SqlDriver, canonicalize: Canonicalize, input: SaveVersionInput): Promise<SaveResult> {
  const bad = firstError(
    checkLabel("the scheme name", input.scheme, 100),
    checkParent(input.parent),
    checkPerson("the author", input.author),
    checkMessage(input.message),
  );
  if (bad) return { ok: false, error: bad };
  if (typeof input.source !== "string") return { ok: false, error: storeError("invalid-input", "the source must be text") };
  const source = canonicalize(input.source);
  const hash = sha256Hex(source);
  const name = normalizeName(input.scheme);
  return driver.transaction(async (tx) => {
    const rows = await tx.query(`SELECT id, head FROM schemes WHERE name = $1${driver.forUpdate}`, [name]);
    const scheme = rows[0];
    if (!scheme) return unknownScheme(name);
    const head = strOrNull(scheme.head);
    if (head === hash) {
      // the content is already the head: nothing to write, whoever the parent was
      await noteAudit(driver, tx, input.audit, name, hash);
      return { ok: true, version: await selectVersion(tx, scheme.id, name, hash), created: false };
    }
    if (head !== input.parent) {
      return { ok: false, conflict: { head: head === null ? null : await selectVersion(tx, scheme.id, name, head) } };
    }
    const saved = await insertVersion(driver, tx, { schemeId: num(scheme.id), name, hash, head, source, input });
    if (saved.ok) await noteAudit(driver, tx, input.audit, name, hash);
    return saved;
  });
}

interface Insert {
  readonly schemeId: number;
  readonly name: string;
  readonly hash: string;
  readonly head: string | null;
  readonly source: string;
  readonly input: SaveVersionInput;
}

async function insertVersion(driver: SqlDriver, tx: SqlRunner, it: Insert): Promise<SaveResult> {
  const existing = await tx.query("SELECT seq FROM versions WHERE scheme_id = $1 AND hash = $2", [it.schemeId, it.hash]);
  if (existing[0]) {
    const message = `this content is already version ${num(existing[0].seq)} (\`${it.hash.slice(0, 12)}\`) of \`${it.name}\``;
    return { ok: false, error: storeError("content-exists", message, [it.hash]) };
  }
  const parentRows = it.head === null ? [] : await tx.query("SELECT seq FROM versions WHERE scheme_id = $1 AND hash = $2", [it.schemeId, it.head]);
  const parentSeq = it.head === null ? 0 : num(parentRows[0]?.seq);
  const rows = await tx.query(
    `INSERT INTO versions (scheme_id, hash, seq, parent, source, author, message, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ${driver.now}) RETURNING *`,
    [it.schemeId, it.hash, parentSeq + 1, it.head, it.source, it.input.author, it.input.message],
  );
  await tx.query(`UPDATE schemes SET head = $1, updated_at = ${driver.now} WHERE id = $2`, [it.hash, it.schemeId]);
  return { ok: true, version: version(it.name, rows[0]!), created: true };
}

async function schemeId(runner: SqlRunner, name: string): Promise<{ id: number; head: string | null } | null> {
  const rows = await runner.query("SELECT id, head FROM schemes WHERE name = $1", [name]);
  return rows[0] ? { id: num(rows[0].id), head: strOrNull(rows[0].head) } : null;
}

/** A version by full hash, unique prefix or `head`. */
export async function getVersion(driver: SqlDriver, schemeName: string, ref: string): Promise<StoreResult<{ version: Version }>> {
  const name = normalizeName(schemeName);
  const scheme = await schemeId(driver, name);
  if (!scheme) return unknownScheme(name);
  const wanted = ref === "head" ? scheme.head : ref.toLowerCase();
  const unknown = { ok: false, error: storeError("unknown-version", `\`${name}\` has no version \`${ref}\``) } as const;
  if (wanted === null || !isHashPrefix(wanted)) return unknown;
  const rows = isHash(wanted)
    ? await driver.query("SELECT * FROM versions WHERE scheme_id = $1 AND hash = $2", [scheme.id, wanted])
    : await driver.query("SELECT * FROM versions WHERE scheme_id = $1 AND hash LIKE $2 ORDER BY seq LIMIT 2", [scheme.id, `${wanted}%`]);
  if (rows.length === 0) return unknown;
  if (rows.length > 1) {
    const hashes = rows.map((r) => str(r.hash));
    return { ok: false, error: storeError("ambiguous-version", `\`${ref}\` matches more than one version of \`${name}\``, hashes) };
  }
  return { ok: true, version: version(name, rows[0]!) };
}

/** The head version, or null before the first save. */
export async function getHead(driver: SqlDriver, schemeName: string): Promise<StoreResult<{ version: Version | null }>> {
  const name = normalizeName(schemeName);
  const scheme = await schemeId(driver, name);
  if (!scheme) return unknownScheme(name);
  if (scheme.head === null) return { ok: true, version: null };
  return { ok: true, version: await selectVersion(driver, scheme.id, name, scheme.head) };
}

/** The scheme's versions, newest first. */
export async function history(
  driver: SqlDriver,
  schemeName: string,
  page: { limit?: number; beforeSeq?: number } = {},
): Promise<StoreResult<{ versions: VersionInfo[] }>> {
  const name = normalizeName(schemeName);
  const scheme = await schemeId(driver, name);
  if (!scheme) return unknownScheme(name);
  const before = page.beforeSeq !== undefined && Number.isFinite(page.beforeSeq) ? Math.trunc(page.beforeSeq) : 2 ** 31 - 1;
  const limit = clampLimit(page.limit, 1000, 10_000);
  const rows = await driver.query(
    `SELECT ${VERSION_INFO_COLUMNS} FROM versions WHERE scheme_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
    [scheme.id, before, limit],
  );
  return { ok: true, versions: rows.map((r) => versionInfo(name, r)) };
}
