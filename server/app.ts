// The ingest server as a Hono app built from its dependencies, so tests call app.request() without a socket.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ServerConfig } from "./config";
import { corsForOrigins } from "./cors";
import type { Database } from "./db/database";
import { createLogger, type Logger } from "./log";
import { createMetrics, type Metrics } from "./metrics";
import { openApiDocument } from "./openapi";
import { problemResponse } from "./problem";
import { createRateLimiter, limitByIp, memoryRateLimitStore, type RateLimitStore } from "./rate-limit";
import { logRequests } from "./request-log";
import { batchRoutes } from "./routes/batches";
import { contributorRoutes } from "./routes/contributors";
import { healthRoutes } from "./routes/health";
import { contributorRedemptionRoutes, redemptionRoutes } from "./routes/redemptions";
import type { ScoringConfig } from "./services/scoring";
import { createSignatureVerifier } from "./signature-verifier";

/** Above the 1 MB batch limit, so a batch slightly too big gets the precise `batch.too_large` answer. */
export const MAX_REQUEST_BYTES = 1_100_000;

export interface AppDeps {
  db: Database;
  /** The clock, in epoch milliseconds. */
  now?: () => number;
  config: ServerConfig;
  log?: Logger;
  /** Wakes the payout worker when a redemption is created. */
  onRedeemed?: () => void;
  /** Where rate limits count (Redis to share them across processes); in this app's memory when absent. */
  rateLimitStore?: RateLimitStore;
  metrics?: Metrics;
  /** The scoring policy; services/scoring.ts's scoringConfig when absent. */
  scoring?: ScoringConfig;
}

export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? createLogger({ level: deps.config.logLevel });
  const { db, config } = deps;
  const metrics = deps.metrics ?? createMetrics();
  const store = deps.rateLimitStore ?? memoryRateLimitStore(now);
  const limitContributor = createRateLimiter({
    store,
    limit: config.rateLimits.perContributor,
    scope: "contributor",
    log,
  });
  const limitIp = createRateLimiter({ store, limit: config.rateLimits.perIp, scope: "IP", log });
  const signed = { db, now, log, limitContributor, signatures: createSignatureVerifier() };

  const app = new Hono();
  app.use(logRequests(log));
  app.use(metrics.middleware);
  app.use(secureHeaders());
  app.use(corsForOrigins(config.corsOrigins));
  app.use("/v1/*", limitByIp(limitIp, config.trustProxy));
  app.use(bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: () => problemResponse("request.too_large") }));

  app.route("/health", healthRoutes({ db, log }));
  app.get("/metrics", async (c) =>
    c.text(await metrics.render(db), 200, { "content-type": metrics.registry.contentType }),
  );
  app.get("/v1/openapi.json", (c) => c.json(openApiDocument()));
  app.route("/v1/batches", batchRoutes({ ...signed, metrics, scoring: deps.scoring }));
  app.route("/v1/contributors", contributorRoutes(signed));
  app.route("/v1/contributors", contributorRedemptionRoutes({ db }));
  app.route(
    "/v1/redemptions",
    redemptionRoutes({
      ...signed,
      payoutsAvailable: config.payouts.chain !== undefined,
      minimum: config.payouts.redemptionMinimum,
      onRedeemed: deps.onRedeemed,
    }),
  );

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
