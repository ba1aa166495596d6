/** What the route handlers share: the store, the logger, settings, the rate limiter and the jobs. */
import type { Logger } from "pino";
import type { SchemeStore } from "../store/index.js";
import type { Jobs } from "./jobs.js";
import type { RateLimiter } from "./rate-limit.js";

/** Limits and switches of one server. */
export interface ServerSettings {
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes: number;
  /** Evaluations per minute per token (what-if, sensitivity and explain count too). */
  readonly evalPerMinute: number;
  /** Evaluations a token may make at once before the per-minute rate applies. */
  readonly evalBurst: number;
}

/** The shared services. */
export interface Services {
  readonly store: SchemeStore;
  readonly log: Logger;
  readonly settings: ServerSettings;
  readonly limiter: RateLimiter;
  readonly jobs: Jobs;
}

/** Defaults: 10 MB bodies, 600 evaluations a minute with bursts of 120. */
export const DEFAULT_SETTINGS: ServerSettings = { bodyLimitBytes: 10 * 1024 * 1024, evalPerMinute: 600, evalBurst: 120 };
