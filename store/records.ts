/**
 * Stored datasets (named, per period, bytes kept exactly as uploaded) and API tokens (only the
 * secret's sha256 is kept). Each write is one transaction, with its optional audit entry.
 */
import { randomBytes } from "node:crypto";
import { noteAudit } from "./audit.js";
import type { SqlDriver } from "./driver.js";
import { DATASET_INFO_COLUMNS, datasetInfo, tokenInfo } from "./rows.js";
import { sha256Hex } from "./schemes.js";
import { TOKEN_ROLES } from "./types.js";
import type { AuditNote, CreateTokenInput, Dataset, DatasetInfo, PutDatasetInput, StoreResult, TokenInfo } from "./types.js";
import { checkLabel, checkMediaType, checkPerson, checkRowCount, firstError, isHash, normalizeName, storeError } from "./validate.js";

type PutResult = StoreResult<{ dataset: DatasetInfo; created: boolean }>;

function checkDataset(input: PutDatasetInput) {
  const content = input.content instanceof Uint8Array ? null : storeError("invalid-input", "the dataset content must be bytes");
  return firstError(
    checkLabel("the dataset name", input.name, 100),
    checkLabel("the period", input.period, 40),
    checkMediaType(input.mediaType),
    checkRowCount(input.rowCount),
    checkPerson("the author", input.author),
    content,
  );
}

/** Stores a dataset; see `SchemeStore.putDataset`. */
export async function putDataset(driver: SqlDriver, input: PutDatasetInput): Promise<PutResult> {
  const bad = checkDataset(input);
  if (bad) return { ok: false, error: bad };
  const name = normalizeName(input.name);
  const period = normalizeName(input.period);
  const content = Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength);
  const sha = sha256Hex(content);
  const values = [name, period, input.mediaType, content, content.byteLength, sha, input.rowCount, input.author];
  return driver.transaction(async (tx): Promise<PutResult> => {
    const inserted = await tx.query(
      `INSERT INTO datasets (name, period, media_type, content, byte_size, sha256, row_count, author, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${driver.now}, ${driver.now})
       ON CONFLICT (name, period) DO NOTHING RETURNING ${DATASET_INFO_COLUMNS}`,
      values,
    );
    const target = `${name}/${period}`;
    if (inserted[0]) {
      await noteAudit(driver, tx, input.audit, target);
      return { ok: true, dataset: datasetInfo(inserted[0]), created: true };
    }
    const rows = await tx.query(`SELECT ${DATASET_INFO_COLUMNS} FROM datasets WHERE name = $1 AND period = $2${driver.forUpdate}`, [name, period]);
    const existing = datasetInfo(rows[0]!);
    if (existing.sha256 === sha && existing.mediaType === input.mediaType) return { ok: true, dataset: existing, created: false };
    if (input.replace !== true) {
      const message = `a different dataset \`${name}\` for period \`${period}\` is already stored`;
      return { ok: false, error: storeError("dataset-exists", message) };
    }
    const updated = await tx.query(
      `UPDATE datasets SET media_type = $3, content = $4, byte_size = $5, sha256 = $6, row_count = $7, author = $8,
       updated_at = ${driver.now} WHERE name = $1 AND period = $2 RETURNING ${DATASET_INFO_COLUMNS}`,
      values,
    );
    await noteAudit(driver, tx, input.audit, target);
    return { ok: true, dataset: datasetInfo(updated[0]!), created: false };
  });
}

/** Datasets without content, by name then period. */
export async function listDatasets(driver: SqlDriver, name?: string): Promise<DatasetInfo[]> {
  const rows =
    name === undefined
      ? await driver.query(`SELECT ${DATASET_INFO_COLUMNS} FROM datasets ORDER BY name, period`)
      : await driver.query(`SELECT ${DATASET_INFO_COLUMNS} FROM datasets WHERE name = $1 ORDER BY period`, [normalizeName(name)]);
  return rows.map(datasetInfo);
}

/** One dataset with its bytes, or null. */
export async function getDataset(driver: SqlDriver, name: string, period: string): Promise<Dataset | null> {
  const rows = await driver.query(`SELECT ${DATASET_INFO_COLUMNS}, content FROM datasets WHERE name = $1 AND period = $2`, [
    normalizeName(name),
    normalizeName(period),
  ]);
  const row = rows[0];
  if (!row) return null;
  const content = row.content;
  if (!(content instanceof Uint8Array)) throw new Error("dataset content came back as something other than bytes");
  return { ...datasetInfo(row), content };
}

/** Records a token by its secret's hash. */
export async function createToken(driver: SqlDriver, input: CreateTokenInput): Promise<StoreResult<{ token: TokenInfo }>> {
  const role = TOKEN_ROLES.includes(input.role) ? null : storeError("invalid-input", `\`${String(input.role)}\` is not a role (${TOKEN_ROLES.join(", ")})`);
  const secret = typeof input.secretSha256 === "string" && isHash(input.secretSha256) ? null : storeError("invalid-input", "the secret hash must be 64 lower-case hex digits");
  const bad = firstError(checkPerson("the token name", input.name), role, secret);
  if (bad) return { ok: false, error: bad };
  const id = randomBytes(8).toString("hex");
  return driver.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO api_tokens (id, name, role, secret_sha256, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, ${driver.now}, NULL) ON CONFLICT (secret_sha256) DO NOTHING RETURNING *`,
      [id, input.name, input.role, input.secretSha256],
    );
    if (!rows[0]) return { ok: false, error: storeError("duplicate-token", "a token with this secret already exists") };
    await noteAudit(driver, tx, input.audit, `token/${id}`);
    return { ok: true, token: tokenInfo(rows[0]) };
  });
}

/** The active token with this secret hash, or null. */
export async function findToken(driver: SqlDriver, secretSha256: string): Promise<TokenInfo | null> {
  if (typeof secretSha256 !== "string" || !isHash(secretSha256)) return null;
  const rows = await driver.query("SELECT * FROM api_tokens WHERE secret_sha256 = $1 AND revoked_at IS NULL", [secretSha256]);
  return rows[0] ? tokenInfo(rows[0]) : null;
}

/** Every token, oldest first. */
export async function listTokens(driver: SqlDriver): Promise<TokenInfo[]> {
  return (await driver.query("SELECT * FROM api_tokens ORDER BY created_at, id")).map(tokenInfo);
}

/** Revokes a token, keeping the first revocation time. */
export async function revokeToken(driver: SqlDriver, id: string, audit?: AuditNote): Promise<StoreResult<{ token: TokenInfo }>> {
  return driver.transaction(async (tx) => {
    const rows = await tx.query(`UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ${driver.now}) WHERE id = $1 RETURNING *`, [String(id)]);
    if (!rows[0]) return { ok: false, error: storeError("unknown-token", `there is no token \`${String(id)}\``) };
    await noteAudit(driver, tx, audit, `token/${String(id)}`);
    return { ok: true, token: tokenInfo(rows[0]) };
  });
}
