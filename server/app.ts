// The ingest server as a Hono app built from its dependencies, so tests call app.request() without a socket.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ServerConfig } from "./config";
import { corsForOrigins } from "./cors";
import type { Database } from "./db/database";
import { createLogger, type Logger } from "./log";
import { problemResponse } from "./problem";
import { logRequests } from "./request-log";
import { batchRoutes } from "./routes/batches";
import { contributorRoutes } from "./routes/contributors";
import { healthRoutes } from "./routes/health";

/** Above the 1 MB batch limit, so a batch slightly too big gets the precise `batch.too_large` answer. */
export const MAX_REQUEST_BYTES = 1_100_000;

export interface AppDeps {
  db: Database;
  /** The clock, in epoch milliseconds. */
  now?: () => number;
  config: ServerConfig;
  log?: Logger;
}

export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? createLogger({ level: deps.config.logLevel });
  const { db } = deps;

  const app = new Hono();
  app.use(logRequests(log));
  app.use(secureHeaders());
  app.use(corsForOrigins(deps.config.corsOrigins));
  app.use(bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: () => problemResponse("request.too_large") }));

  app.route("/health", healthRoutes({ db, log }));
  app.route("/v1/batches", batchRoutes({ db, now, log }));
  app.route("/v1/contributors", contributorRoutes({ db }));

  app.notFound(() => problemResponse("route.not_found"));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) return error.getResponse();
    // The details go to the log only: a client learns that it failed, not how.
    log.error("request failed", { method: c.req.method, path: c.req.path, error });
    return problemResponse("server.internal");
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
