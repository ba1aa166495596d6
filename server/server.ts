/**
 * Starts the HTTP server on a port (0 for an ephemeral one) and stops it gracefully: stop
 * accepting, let requests in flight finish (up to a grace period), then close every connection
 * so keep-alive sockets do not hold the process.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pino, { type Logger } from "pino";
import type { SchemeStore } from "../store/index.js";
import { createApp } from "./app.js";
import { Jobs } from "./jobs.js";
import { RateLimiter } from "./rate-limit.js";
import type { Route } from "./route.js";
import { ROUTES } from "./routes/index.js";
import { DEFAULT_SETTINGS, type ServerSettings, type Services } from "./services.js";

/** What `startServer` needs. */
export interface StartOptions {
  readonly store: SchemeStore;
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  readonly settings?: Partial<ServerSettings>;
  /** Logger (default: pino to stdout at `info`). */
  readonly log?: Logger;
  /** The editor's built files to serve at `/`, or null. */
  readonly editorDir?: string | null;
  /** The route table (default: every route). */
  readonly routes?: readonly Route[];
}

/** A listening server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly http: Server;
  readonly services: Services;
  /** Stops gracefully (requests in flight finish, within `graceMs`); the store stays open. */
  close(graceMs?: number): Promise<void>;
}

/** Builds the services and the app, and listens. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? pino({ level: process.env["LOG_LEVEL"] ?? "info" });
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const services: Services = {
    store: options.store, log, settings,
    limiter: new RateLimiter(settings.evalPerMinute, settings.evalBurst),
    jobs: new Jobs(undefined, (err) => log.error({ err }, "job failed")),
  };
  const app = createApp(services, options.routes ?? ROUTES, { editorDir: options.editorDir ?? null });
  const http = createServer(app);
  http.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    // requests Node's parser refuses (e.g. raw non-ASCII in the URL) get a problem too
    if (!socket.writable) return socket.destroy();
    const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
    const body = JSON.stringify({ type: "https://yardstick.dev/problems/bad-request", title: "malformed HTTP request", status, detail: `the request could not be parsed (${err.code ?? "error"}); percent-encode non-ASCII characters in the URL` });
    socket.end(`HTTP/1.1 ${status} Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  let drained: (() => void) | null = null;
  http.on("request", (_req, res) => {
    inFlight.add(res);
    if (closing) res.setHeader("Connection", "close");
    res.on("close", () => {
      inFlight.delete(res);
      if (closing && inFlight.size === 0) drained?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const close = async (graceMs = 10_000): Promise<void> => {
    if (closing) return;
    closing = true;
    // answers still to come close their connection, so keep-alive clients go elsewhere
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    const idle = inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(() => {
      log.warn({ inFlight: inFlight.size }, "shutdown: requests still running after the grace period; closing their connections");
      resolve();
    }, graceMs)));
    await Promise.race([idle, late]);
    clearTimeout(timer);
    http.closeAllConnections();
    await stopped;
  };
  return { url: `http://${host}:${address.port}`, port: address.port, http, services, close };
}
