/** RFC 9457 problem details: every API error is one of these, never a stack trace. */
import type { ErrorRequestHandler, Response } from "express";

/** Where in the request the problem is: a JSON pointer, or a dataset row and field. */
export interface ProblemLocation {
  readonly pointer?: string;
  readonly row?: number;
  readonly field?: string;
  readonly region?: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endCol?: number;
  /** A stable code (a diagnostic's, a dataset issue's or an evaluation issue's). */
  readonly code?: string;
  /** Regions concerned (evaluation issues). */
  readonly regions?: readonly string[];
  readonly message: string;
}

/** A problem+json body. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly ProblemLocation[];
  readonly [extra: string]: unknown;
}

/** An error carrying a problem, thrown inside handlers and turned into a response by `problemHandler`. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem, readonly headers: Readonly<Record<string, string>> = {}) {
    super(problem.detail ?? problem.title);
  }

  /** The same problem, sent with these response headers too (e.g. `Retry-After`). */
  withHeaders(headers: Readonly<Record<string, string>>): ProblemError {
    return new ProblemError(this.problem, { ...this.headers, ...headers });
  }
}

/** Builds a problem with a `type` URI under the API's own namespace. */
export function problem(status: number, slug: string, title: string, detail?: string, extra: Record<string, unknown> = {}): ProblemError {
  return new ProblemError({ type: `https://yardstick.dev/problems/${slug}`, title, status, ...(detail ? { detail } : {}), ...extra });
}

/** Sends a problem response. */
export function sendProblem(res: Response, p: Problem, headers: Readonly<Record<string, string>> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(p.status).type("application/problem+json").send(JSON.stringify(p));
}

/** Express error middleware: known problems as they are, body-parser errors in words, bugs as 500 (logged). */
export function problemHandler(logError: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => handle(err, res, logError);
}

function handle(err: unknown, res: Response, logError: (err: unknown) => void): void {
  if (err instanceof ProblemError) return sendProblem(res, err.problem, err.headers);
  const e = err as { type?: string; status?: number; message?: string; limit?: number };
  if (e.type === "entity.too.large") {
    return sendProblem(res, { type: "https://yardstick.dev/problems/too-large", title: "request body too large", status: 413, detail: `the body is larger than the limit of ${e.limit} bytes` });
  }
  if (e.type === "entity.parse.failed") {
    return sendProblem(res, { type: "https://yardstick.dev/problems/malformed-json", title: "malformed JSON", status: 400, detail: e.message ?? "the body is not valid JSON", errors: [{ pointer: "", message: "the body is not valid JSON" }] });
  }
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500) {
    return sendProblem(res, { type: "https://yardstick.dev/problems/bad-request", title: "bad request", status: e.status, detail: e.message ?? "" });
  }
  logError(err);
  sendProblem(res, { type: "https://yardstick.dev/problems/internal", title: "internal error", status: 500, detail: "the server failed to handle the request; it has been logged" });
}
