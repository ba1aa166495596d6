/**
 * Vite configuration of the web editor: the app lives in `editor/`, builds to `editor/dist`, and
 * in development proxies `/api` to a running server (`YARDSTICK_API`, default localhost:8080).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: "es" },
  server: {
    fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] },
    proxy: { "/api": process.env["YARDSTICK_API"] ?? "http://localhost:8080" },
  },
});
