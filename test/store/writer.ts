/**
 * A writer process for the race test (`writers.ts` starts several): connects to the database
 * named in its JSON argument, prints `ready`, waits for a line on stdin, then saves its versions
 * on whatever the head is, taking a conflict's head as the new parent until each save lands.
 * Prints `saved HASH` after each acknowledged save, then one JSON line: the hashes it saved and
 * how many conflicts it met. A negative count saves until the process is killed. With `audit`,
 * it also appends an audit entry after each save and prints `audited ID` once it is acknowledged.
 */
import { once } from "node:events";
import { openPostgresStore } from "../../store/postgres.js";
import { openSqliteStore } from "../../store/sqlite.js";
import type { SchemeStore } from "../../store/types.js";
import { canonicalize, schemeText, type WriterConnection } from "./support.js";

/** The writer's JSON argument. */
export interface WriterTask {
  readonly connection: WriterConnection;
  readonly scheme: string;
  /** 0, 1, 2…: makes this writer's texts unique. */
  readonly writer: number;
  /** Versions to save; negative: until killed. */
  readonly count: number;
  /** Also append an audit entry (a `log` commit) after each save. */
  readonly audit?: boolean;
}

async function open(c: WriterConnection): Promise<SchemeStore> {
  return c.kind === "sqlite"
    ? openSqliteStore({ file: c.file, canonicalize })
    : openPostgresStore({ connectionString: c.url, schema: c.schema, canonicalize });
}

async function saveAll(store: SchemeStore, task: WriterTask): Promise<{ saved: string[]; conflicts: number }> {
  const saved: string[] = [];
  let conflicts = 0;
  let parent: string | null = null;
  for (let i = 0; task.count < 0 || i < task.count; i++) {
    const source = schemeText(1000 * (task.writer + 1) + i);
    for (;;) {
      const r = await store.saveVersion({ scheme: task.scheme, parent, source, author: `writer ${task.writer}`, message: `${i}` });
      if (r.ok) {
        saved.push(r.version.hash);
        parent = r.version.hash;
        process.stdout.write(`saved ${r.version.hash}\n`);
        if (task.audit) {
          const entry = await store.appendAudit({ actor: `writer ${task.writer}`, action: "evaluate", target: task.scheme, detail: { i } });
          process.stdout.write(`audited ${entry.id}\n`);
        }
        break;
      }
      if (!("conflict" in r)) throw new Error(JSON.stringify(r.error));
      conflicts++;
      parent = r.conflict.head?.hash ?? null;
    }
  }
  return { saved, conflicts };
}

const task = JSON.parse(process.argv[2] ?? "{}") as WriterTask;
const store = await open(task.connection);
process.stdout.write("ready\n");
await once(process.stdin, "data");
const report = await saveAll(store, task);
await store.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
