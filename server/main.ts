/**
 * `yardstick serve` / `npm start`: opens the store (SQLite under DATA_DIR, or DATABASE_URL),
 * loads the samples, makes an admin token on a fresh local-only install, builds and serves the
 * editor, listens on PORT, and shuts down gracefully on SIGINT/SIGTERM.
 */
import { join } from "node:path";
import pino from "pino";
import { openStore, type SchemeStore } from "../store/index.js";
import { issueToken } from "./auth.js";
import { canonicalize } from "../dsl/index.js";
import { isLoopback, readConfig } from "./config.js";
import { prepareEditor } from "./editor.js";
import { seedSchemes } from "./seed.js";
import { seedDatasets } from "./seed-datasets.js";
import { startServer } from "./server.js";

/** The repository root (schemes/, editor/ live here). */
const ROOT = join(import.meta.dirname, "..");

async function bootstrapToken(store: SchemeStore, host: string): Promise<string | null> {
  if (!isLoopback(host) || (await store.listTokens()).length > 0) return null;
  const made = await issueToken(store, { role: "admin", name: "local admin (first start)", actor: "yardstick serve" });
  return made.ok ? made.secret : null;
}

/** Runs the server until a signal stops it; resolves to the exit code. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const read = readConfig(env);
  if ("errors" in read) {
    for (const e of read.errors) process.stderr.write(`yardstick serve: ${e}\n`);
    return 2;
  }
  const { config } = read;
  const log = pino({ level: env["LOG_LEVEL"] ?? "info" });
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, canonicalize });
  const schemes = await seedSchemes(store, join(ROOT, "schemes"), log);
  const datasets = await seedDatasets(store, join(ROOT, "schemes", "data"), join(ROOT, "schemes"), log);
  if (schemes.length + datasets.length > 0) log.info({ schemes, datasets }, "loaded the samples");
  const secret = await bootstrapToken(store, config.host);
  const editorDir = prepareEditor(ROOT, log);
  const server = await startServer({ store, port: config.port, host: config.host, settings: config.settings, log, editorDir });
  if (secret) log.info({ token: secret, role: "admin" }, "created an admin token (shown this once)");
  log.info({ url: server.url, port: server.port, store: store.kind, editor: editorDir !== null }, "listening");
  if (secret) {
    process.stderr.write(`\nYardstick is running at ${server.url}/\nadmin token (shown once): ${secret}\n  curl -H "Authorization: Bearer ${secret}" ${server.url}/api/schemes\n  editor: ${server.url}/#token=${secret}\n\n`);
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      log.info({ signal }, "shutting down: finishing requests in flight");
      server.close().then(() => store.close()).then(
        () => { log.info("stopped"); resolve(0); },
        (err: unknown) => { log.error({ err }, "shutdown failed"); resolve(1); },
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
