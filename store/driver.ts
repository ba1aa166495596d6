/**
 * The little a store needs from a database: parameterised queries, multi-statement scripts and
 * transactions that serialise writers. The SQLite and PostgreSQL drivers implement it, and the
 * store's logic (`core.ts`, `records.ts`, `migrate.ts`) is written once against it.
 */

/** A value bound to a query parameter. */
export type SqlValue = string | number | null | Buffer;

/** A result row, by column name (drivers differ in value types; `rows.ts` normalises them). */
export type Row = Readonly<Record<string, unknown>>;

/** Runs statements, inside or outside a transaction. */
export interface SqlRunner {
  /** Runs one statement with `$1`, `$2`… parameters and returns its rows (empty if none). */
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  script(sql: string): Promise<void>;
}

/**
 * How long a commit must last. `durable` (the default): it survives power loss once the
 * transaction resolves. `log`: it survives the process being killed, but a power loss or OS crash
 * may drop the last such commits (whole, never half) until the next durable commit or checkpoint
 * makes them durable too; for records of what happened (audit entries), not for changes.
 */
export type Durability = "durable" | "log";

/** A database connection (or pool) the store runs on. */
export interface SqlDriver extends SqlRunner {
  /** Which SQL dialect the statements must be written in. */
  readonly dialect: "sqlite" | "postgres";
  /** SQL expression for the current UTC time, as the driver's timestamp columns store it. */
  readonly now: string;
  /** Suffix that locks the selected rows until the transaction ends (empty where writers are already serialised). */
  readonly forUpdate: string;
  /**
   * Runs `fn` in one write transaction: commits when it resolves, rolls back and rethrows when
   * it throws. Writers are serialised: SQLite takes the write lock up front (`BEGIN
   * IMMEDIATE`); PostgreSQL relies on `forUpdate` row locks and unique constraints.
   * `durability` says how the commit is flushed (default `durable`).
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>, durability?: Durability): Promise<T>;
  /** Releases the connection(s). */
  close(): Promise<void>;
}
