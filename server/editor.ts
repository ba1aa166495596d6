/**
 * The web editor's built files (`editor/dist`) served at `/`, and building them on start when
 * they are missing but Vite and the editor's config are there.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Express } from "express";
import type { Logger } from "pino";

/** Serves `dir` at `/`, with `index.html` for any other GET outside `/api` (client-side routes). */
export function serveEditor(app: Express, dir: string): void {
  app.use(express.static(dir, { index: "index.html", maxAge: "1h", setHeaders: (res, path) => {
    if (path.endsWith("index.html")) res.setHeader("Cache-Control", "no-cache");
  } }));
  app.get("/{*splat}", (req, res, next) => {
    if (req.path.startsWith("/api/") || !req.accepts("html")) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(join(dir, "index.html"), (err) => err && next());
  });
}

/**
 * The editor folder to serve: `editor/dist` under `root`, built first with Vite when it is missing
 * and `editor/vite.config.ts` and Vite are present; null when there is nothing to serve.
 */
export function prepareEditor(root: string, log: Logger): string | null {
  const dist = join(root, "editor", "dist");
  if (existsSync(join(dist, "index.html"))) return dist;
  const config = join(root, "editor", "vite.config.ts");
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  if (!existsSync(config) || !existsSync(vite)) {
    log.info({ dist }, "no editor build and nothing to build it with; serving the API only");
    return null;
  }
  log.info("building the editor (editor/dist is missing)");
  const built = spawnSync(process.execPath, [vite, "build", "--config", config, "--logLevel", "warn"], { cwd: root, stdio: ["ignore", 2, 2] });
  if (built.status !== 0 || !existsSync(join(dist, "index.html"))) {
    log.warn({ status: built.status }, "the editor build failed; serving the API only");
    return null;
  }
  return dist;
}
