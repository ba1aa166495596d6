/** The server's configuration from the environment: PORT, HOST, DATA_DIR, DATABASE_URL and limits. */
import { DEFAULT_SETTINGS, type ServerSettings } from "./services.js";

/** Everything `serve` reads from the environment. */
export interface ServeConfig {
  /** PORT (default 8080; 0 picks a free port). */
  readonly port: number;
  /** HOST to bind (default 127.0.0.1: local only). */
  readonly host: string;
  /** DATA_DIR for the embedded SQLite store (default `data`). */
  readonly dataDir: string;
  /** DATABASE_URL: PostgreSQL instead of SQLite when set. */
  readonly databaseUrl: string;
  readonly settings: ServerSettings;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number | string {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min ? n : `${name} must be a whole number ≥ ${min}, not \`${raw}\``;
}

/** Reads the configuration; a list of messages when a variable is malformed. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): { config: ServeConfig } | { errors: string[] } {
  const port = int(env, "PORT", 8080, 0);
  const body = int(env, "BODY_LIMIT_BYTES", DEFAULT_SETTINGS.bodyLimitBytes, 1024);
  const rate = int(env, "EVAL_RATE_PER_MINUTE", DEFAULT_SETTINGS.evalPerMinute, 1);
  const burst = int(env, "EVAL_BURST", DEFAULT_SETTINGS.evalBurst, 1);
  const errors = [port, body, rate, burst].filter((v): v is string => typeof v === "string");
  if (typeof port === "number" && port > 65535) errors.push(`PORT must be at most 65535, not \`${port}\``);
  if (errors.length > 0) return { errors };
  return {
    config: {
      port: port as number, host: env["HOST"]?.trim() || "127.0.0.1",
      dataDir: env["DATA_DIR"]?.trim() || "data", databaseUrl: env["DATABASE_URL"]?.trim() ?? "",
      settings: { bodyLimitBytes: body as number, evalPerMinute: rate as number, evalBurst: burst as number },
    },
  };
}

/** True for addresses only this machine can reach (where a printed admin token is safe). */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}
