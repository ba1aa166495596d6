/**
 * The scheme store's one interface, shared by the embedded SQLite store and the PostgreSQL
 * store: named schemes with an immutable, content-addressed version chain, stored datasets, an
 * append-only audit log and hashed API tokens. Expected failures are values (`{ ok: false }`);
 * methods throw only for caller bugs (e.g. a value breaking a table constraint) and lost
 * connections, and every write is one transaction, so a throw leaves the store as it was.
 */

/** Turns a scheme's text into its canonical (formatted) form; the version hash is taken of it. */
export type Canonicalize = (text: string) => string;

/** Roles an API token may have. */
export type TokenRole = "admin" | "author" | "auditor" | "service";

/** The token roles, in order of decreasing power. */
export const TOKEN_ROLES: readonly TokenRole[] = ["admin", "author", "auditor", "service"];

/** Stable codes of the expected failures. */
export type StoreErrorCode =
  | "invalid-input"
  | "duplicate-scheme"
  | "unknown-scheme"
  | "unknown-version"
  | "ambiguous-version"
  | "content-exists"
  | "dataset-exists"
  | "duplicate-token"
  | "unknown-token";

/** An expected failure: a stable code and one line in the diagnostics' style. */
export interface StoreError {
  /** Stable code the server maps to an HTTP status. */
  readonly code: StoreErrorCode;
  /** Lower-case, no final period, the user's text in backticks. */
  readonly message: string;
  /** For `content-exists` and `ambiguous-version`: the version hash(es) concerned. */
  readonly hashes?: readonly string[];
}

/** Either the fields of `T` with `ok: true`, or an expected failure. */
export type StoreResult<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: StoreError };

/** A named scheme and where its history stands. */
export interface SchemeInfo {
  /** Unique name (Unicode NFC), used in URLs. */
  readonly name: string;
  /** Hash of the newest version, or null before the first save. */
  readonly head: string | null;
  /** Number of versions saved (the head's `seq`), 0 before the first save. */
  readonly versions: number;
  /** Who created the scheme. */
  readonly createdBy: string;
  /** ISO-8601 UTC time the scheme was created. */
  readonly createdAt: string;
  /** ISO-8601 UTC time the head last moved (or the creation time). */
  readonly updatedAt: string;
}

/** A version's metadata, without its source. */
export interface VersionInfo {
  /** The scheme it belongs to. */
  readonly scheme: string;
  /** sha256 (lower-case hex) of the canonical source; the version's address. */
  readonly hash: string;
  /** Hash of the version it was saved on, null for the first. */
  readonly parent: string | null;
  /** Position in the scheme's history: 1 for the first version. */
  readonly seq: number;
  /** Who saved it. */
  readonly author: string;
  /** Why, in the author's words. */
  readonly message: string;
  /** ISO-8601 UTC time it was saved. */
  readonly createdAt: string;
}

/** A version with its canonical source. */
export interface Version extends VersionInfo {
  /** The canonical source text the hash is taken of. */
  readonly source: string;
}

/** An audit entry to write in the same transaction as the change it records. */
export interface AuditNote {
  /** Who (token name or user). */
  readonly actor: string;
  /** What, e.g. `version.save`. */
  readonly action: string;
  /** Optional details, stored as JSON. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** What `saveVersion` needs. */
export interface SaveVersionInput {
  /** The scheme's name. */
  readonly scheme: string;
  /** The head the author started from; null for a scheme's first version. */
  readonly parent: string | null;
  /** The source text; it is canonicalised before hashing and storing. */
  readonly source: string;
  /** Who saves it. */
  readonly author: string;
  /** Why. */
  readonly message: string;
  /** An audit entry written atomically with the version (target and hash are filled in). */
  readonly audit?: AuditNote;
}

/**
 * `saveVersion`'s outcome: saved (`created: true`), already the head (`created: false`, also
 * when the parent was stale: the writer's content is what is there), a conflict carrying the
 * current head with its source (so the writer can merge and save on it), or an error.
 */
export type SaveResult =
  | { readonly ok: true; readonly version: Version; readonly created: boolean }
  | { readonly ok: false; readonly conflict: { readonly head: Version | null } }
  | { readonly ok: false; readonly error: StoreError };

/** A stored dataset's metadata, without its content. */
export interface DatasetInfo {
  /** Dataset name, e.g. `县域经济`. */
  readonly name: string;
  /** Assessment period, e.g. `2024` or `2024Q3`. */
  readonly period: string;
  /** Media type of the content, e.g. `text/csv`. */
  readonly mediaType: string;
  /** Content size in bytes. */
  readonly byteSize: number;
  /** sha256 (lower-case hex) of the content. */
  readonly sha256: string;
  /** Number of data rows the caller parsed from it. */
  readonly rowCount: number;
  /** Who stored it (last). */
  readonly author: string;
  /** ISO-8601 UTC time first stored. */
  readonly createdAt: string;
  /** ISO-8601 UTC time last replaced (or first stored). */
  readonly updatedAt: string;
}

/** A stored dataset with its bytes. */
export interface Dataset extends DatasetInfo {
  /** The content exactly as uploaded. */
  readonly content: Uint8Array;
}

/** What `putDataset` needs. */
export interface PutDatasetInput {
  readonly name: string;
  readonly period: string;
  readonly mediaType: string;
  readonly content: Uint8Array;
  /** Rows the caller parsed (must be ≥ 0). */
  readonly rowCount: number;
  readonly author: string;
  /** Replace different content already stored under this name and period. */
  readonly replace?: boolean;
  /** An audit entry written atomically with the dataset (target is filled in). */
  readonly audit?: AuditNote;
}

/** One audit-log entry. */
export interface AuditEntry {
  /** Increasing id; newer entries have larger ids. */
  readonly id: number;
  /** ISO-8601 UTC time. */
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  /** What was acted on, e.g. a scheme name or `dataset/period`. */
  readonly target: string;
  /** The scheme version concerned, if any. */
  readonly versionHash: string | null;
  /** Details, as stored. */
  readonly detail: Readonly<Record<string, unknown>> | null;
}

/** What `appendAudit` needs. */
export interface AuditInput extends AuditNote {
  readonly target: string;
  readonly versionHash?: string | null;
}

/** Filters and paging for `listAudit`, newest first. */
export interface AuditQuery {
  /** At most this many (default 100, at most 1000). */
  readonly limit?: number;
  /** Only entries with an id below this (for paging). */
  readonly beforeId?: number;
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
  readonly versionHash?: string;
}

/** An API token's record; the secret itself is never stored, only its sha256. */
export interface TokenInfo {
  /** Random id, shown in lists and used to revoke. */
  readonly id: string;
  /** Human name, e.g. `统计局数据平台`. */
  readonly name: string;
  readonly role: TokenRole;
  /** sha256 (lower-case hex) of the secret. */
  readonly secretSha256: string;
  /** ISO-8601 UTC time created. */
  readonly createdAt: string;
  /** ISO-8601 UTC time revoked, or null while active. */
  readonly revokedAt: string | null;
}

/** What `createToken` needs; the caller generates the secret and passes only its hash. */
export interface CreateTokenInput {
  readonly name: string;
  readonly role: TokenRole;
  readonly secretSha256: string;
  readonly audit?: AuditNote;
}

/** A migration recorded as applied. */
export interface AppliedMigration {
  readonly id: number;
  readonly name: string;
  /** ISO-8601 UTC time applied. */
  readonly appliedAt: string;
}

/** The scheme store: the same behaviour over SQLite and PostgreSQL. */
export interface SchemeStore {
  /** Which implementation this is. */
  readonly kind: "sqlite" | "postgres";

  /** Creates an empty scheme; `duplicate-scheme` if the name is taken. */
  createScheme(input: { name: string; createdBy: string; audit?: AuditNote }): Promise<StoreResult<{ scheme: SchemeInfo }>>;
  /** Every scheme, by name. */
  listSchemes(): Promise<SchemeInfo[]>;
  /** One scheme, or null if there is none of that name. */
  getScheme(name: string): Promise<SchemeInfo | null>;

  /**
   * Saves a version on `parent`; a conflict if `parent` is not the head (nothing is overwritten).
   * `canonicalize` runs on the source first and must not throw for text the caller accepted.
   * An `audit` note is written for a new version and for an idempotent save, not for a conflict.
   */
  saveVersion(input: SaveVersionInput): Promise<SaveResult>;
  /** A version by full hash, unique prefix (≥ 7 hex digits) or `head`. */
  getVersion(scheme: string, ref: string): Promise<StoreResult<{ version: Version }>>;
  /** The head version, or null before the first save. */
  getHead(scheme: string): Promise<StoreResult<{ version: Version | null }>>;
  /** The scheme's versions, newest first: at most `limit` (default 1000), with `seq` below `beforeSeq`. */
  history(scheme: string, page?: { limit?: number; beforeSeq?: number }): Promise<StoreResult<{ versions: VersionInfo[] }>>;

  /** Stores a dataset; the same content again is a no-op, different content needs `replace`. */
  putDataset(input: PutDatasetInput): Promise<StoreResult<{ dataset: DatasetInfo; created: boolean }>>;
  /** Stored datasets (without content), by name then period; optionally one name only. */
  listDatasets(name?: string): Promise<DatasetInfo[]>;
  /** One dataset with its content, or null. */
  getDataset(name: string, period: string): Promise<Dataset | null>;

  /**
   * Appends an audit entry; an empty actor or action breaks a table constraint and throws (a bug)
   * and writes nothing. Once it resolves the entry survives the process being killed; a power
   * loss may drop the last entries until the next change (always fully durable) is committed.
   */
  appendAudit(input: AuditInput): Promise<AuditEntry>;
  /** Audit entries, newest first. */
  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;

  /** Records a token (by the sha256 of its secret). */
  createToken(input: CreateTokenInput): Promise<StoreResult<{ token: TokenInfo }>>;
  /** The active (not revoked) token with this secret hash, or null. */
  findToken(secretSha256: string): Promise<TokenInfo | null>;
  /** Every token, revoked ones included, oldest first. */
  listTokens(): Promise<TokenInfo[]>;
  /** Revokes a token; revoking twice keeps the first time. */
  revokeToken(id: string, audit?: AuditNote): Promise<StoreResult<{ token: TokenInfo }>>;

  /** Migrations applied to this database, in order. */
  listMigrations(): Promise<AppliedMigration[]>;
  /** Resolves when the database answers (for health checks); throws when it does not. */
  ping(): Promise<void>;
  /** Closes the connection(s); the store is unusable afterwards. */
  close(): Promise<void>;
}
