/**
 * The Express application: every route of the table mounted with the same pipeline —
 * authenticate, rate-limit (evaluation routes), read the body within the size limit, negotiate
 * its media type, validate query and body, run the handler — and problem+json for every error.
 * The editor's built files are served at `/` when given.
 */
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { authenticate } from "./auth.js";
import { negotiateBody } from "./body.js";
import { problem, problemHandler } from "./problem.js";
import type { Caller, Route } from "./route.js";
import type { Services } from "./services.js";
import { serveEditor } from "./editor.js";
import { validateQuery } from "./validate.js";

/** Options of the app beyond its services. */
export interface AppOptions {
  /** A folder with the editor's built files (`index.html` …), or null for none. */
  readonly editorDir?: string | null;
}

function authStep(route: Route, services: Services): RequestHandler {
  return async (req, res, next) => {
    const caller = await authenticate(req, services.store, route.roles);
    res.locals["caller"] = caller;
    if (route.rateLimited) {
      const wait = services.limiter.take(caller.id || req.ip || "anonymous");
      if (wait > 0) {
        throw problem(429, "rate-limited", "too many evaluations", `this token may run ${services.settings.evalPerMinute} evaluations a minute; try again in ${wait} s`)
          .withHeaders({ "Retry-After": String(wait) });
      }
    }
    next();
  };
}

function handlerStep(route: Route, services: Services): RequestHandler {
  return async (req, res) => {
    const query = validateQuery(route.query, req.query as Record<string, unknown>);
    const body = negotiateBody(req, route.body);
    const caller = res.locals["caller"] as Caller;
    await route.handler(req, res, { caller, query, body, services });
  };
}

function requestLog(services: Services): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const caller = res.locals["caller"] as Caller | undefined;
      services.log.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10, caller: caller?.name }, "request");
    });
    next();
  };
}

/** Builds the app for a route table. */
export function createApp(services: Services, routes: readonly Route[], options: AppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(requestLog(services));
  const raw = express.raw({ type: () => true, limit: services.settings.bodyLimitBytes });
  for (const r of routes) {
    const steps: RequestHandler[] = [authStep(r, services), ...(r.body ? [raw] : []), handlerStep(r, services)];
    app[r.method](r.path, ...steps);
  }
  app.use("/api", (req: Request, _res: Response, next: NextFunction) => {
    next(problem(404, "not-found", "no such route", `there is no route \`${req.method} ${req.originalUrl.split("?")[0]}\`; see /api/openapi.json`));
  });
  if (options.editorDir) serveEditor(app, options.editorDir);
  app.use(problemHandler((err) => services.log.error({ err }, "unhandled error")));
  return app;
}
