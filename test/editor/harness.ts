/**
 * What the browser tests need: the editor built with Vite into a temp folder, the real server on
 * an ephemeral port over a fresh SQLite store in a temp DATA_DIR (samples loaded, an admin token
 * made), and headless Chromium through playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";
import { issueToken } from "../../server/auth.js";
import { canonicalize } from "../../dsl/index.js";
import { seedSchemes } from "../../server/seed.js";
import { seedDatasets } from "../../server/seed-datasets.js";
import { startServer, type RunningServer } from "../../server/server.js";
import { openStore, type SchemeStore } from "../../store/index.js";

/** The repository root. */
export const ROOT = join(import.meta.dirname, "..", "..");
/** Where screenshots and the benchmark figures go (gitignored). */
export const ARTIFACTS = join(ROOT, "test-artifacts", "editor");
/** The Debian Chromium the tests drive. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Why the browser tests cannot run here, or null when they can. */
export function missingBrowser(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (apt-get install --no-install-recommends chromium fonts-wqy-microhei)`;
}

/** A running editor + server + browser, and how to tear it down. */
export interface Harness {
  readonly server: RunningServer;
  readonly store: SchemeStore;
  readonly browser: Browser;
  /** The editor's URL with the admin token in its fragment. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/** Builds the editor, starts the server and the browser. */
export async function startHarness(): Promise<Harness> {
  const tmp = mkdtempSync(join(tmpdir(), "yardstick-editor-"));
  const dist = join(tmp, "dist");
  await build({ configFile: join(ROOT, "editor", "vite.config.ts"), logLevel: "error", build: { outDir: dist, emptyOutDir: true } });
  const log = pino({ level: "silent" });
  const store = await openStore({ dataDir: join(tmp, "data"), canonicalize });
  await seedSchemes(store, join(ROOT, "schemes"), log);
  await seedDatasets(store, join(ROOT, "schemes", "data"), join(ROOT, "schemes"), log);
  const made = await issueToken(store, { role: "admin", name: "editor tests", actor: "test" });
  if (!made.ok) throw new Error(made.message);
  const server = await startServer({ store, port: 0, log, editorDir: dist, settings: { evalPerMinute: 1_000_000, evalBurst: 1_000_000 } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    server, store, browser, token: made.secret, url: `${server.url}/#token=${made.secret}`,
    close: async () => {
      await browser.close();
      await server.close(1000);
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Calls the API as the admin. */
export async function api<T>(h: Harness, method: string, path: string, body?: { type: string; data: string | Uint8Array }): Promise<T> {
  const res = await fetch(`${h.server.url}/api${path}`, {
    method, headers: { Authorization: `Bearer ${h.token}`, Accept: "application/json", ...(body ? { "Content-Type": body.type } : {}) },
    ...(body ? { body: typeof body.data === "string" ? body.data : Buffer.from(body.data) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
