/**
 * What the shared store suite needs from each database: fresh, isolated databases, extra
 * connections to them, raw SQL for checking what is really in the tables, and the settings a
 * writer child process needs to connect. Plus the canonicaliser and scheme texts tests use.
 */
import type { Migration } from "../../store/migrations.js";
import type { SchemeStore } from "../../store/types.js";

/** One isolated database (an SQLite file, or a PostgreSQL schema). */
export interface TestDatabase {
  /** Opens another connection (a new store object) to this database. */
  open(options?: { migrations?: readonly Migration[] }): Promise<SchemeStore>;
  /** Runs one SQL statement directly, bypassing the store. */
  raw(sql: string): Promise<Record<string, unknown>[]>;
  /** How a child process connects to this database (see `writer.ts`). */
  readonly connection: WriterConnection;
  /** Removes the database. */
  drop(): Promise<void>;
}

/** How `writer.ts` connects. */
export type WriterConnection =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema: string };

/** Makes fresh databases for one kind of store. */
export interface StoreHarness {
  readonly kind: "sqlite" | "postgres";
  /** A new, empty database (nothing opened on it yet). */
  fresh(): Promise<TestDatabase>;
}

/**
 * The tests' stand-in for the DSL formatter: line endings to LF, no trailing spaces, one final
 * newline. The store only needs *some* canonical form; the server passes the real formatter.
 */
export function canonicalize(text: string): string {
  return `${text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/\n*$/, "")}\n`;
}

/** A small scheme text whose points vary with `n`, so every `n` gives different content. */
export function schemeText(n: number, title = "县域经济高质量发展综合考核"): string {
  return [
    `scheme "${title}" period 2024`,
    `input gdp_growth percent label "地区生产总值增速"`,
    `dimension economy "经济发展" points ${40 + n} {`,
    `  indicator growth "GDP增速" points ${40 + n} higher { value gdp_growth }`,
    `}`,
  ].join("\n");
}

/** Counts rows of a table through raw SQL. */
export async function countRows(db: TestDatabase, table: string): Promise<number> {
  const rows = await db.raw(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}
