// Prometheus metrics: requests and latencies per route, items by verdict, batches by outcome, ledger totals.
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { TOKEN_DECIMALS } from "../shared/amounts";
import type { BatchResponse } from "../shared/batch";
import type { Queryable } from "./db/database";
import { ledgerTotals } from "./services/ledger";

export interface Metrics {
  registry: Registry;
  /** Times and counts every request under its route pattern (never its concrete path: ids would explode the labels). */
  middleware: MiddlewareHandler;
  countBatch(outcome: "created" | "replayed" | "conflict", response?: BatchResponse): void;
  /** The exposition text, with the ledger totals read from the database at scrape time. */
  render(db: Queryable): Promise<string>;
}

/** Base units to whole tokens, for a float gauge (exact amounts are in the API; this is for dashboards). */
function tokens(baseUnits: string): number {
  return Number(BigInt(baseUnits)) / 10 ** TOKEN_DECIMALS;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  // One registry per app, so several apps in one process (tests) never collide on metric names.
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "tributary_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "tributary_http_request_duration_seconds",
    help: "Time to answer a request, by method and route pattern",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const items = new Counter({
    name: "tributary_items_total",
    help: "Items received in new batches, by verdict (accepted, duplicate, refused)",
    labelNames: ["verdict"] as const,
    registers: [registry],
  });
  const batches = new Counter({
    name: "tributary_batches_total",
    help: "Batches received, by outcome (created, replayed, conflict)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const ledger = new Gauge({
    name: "tributary_ledger_tokens",
    help: "Ledger totals in whole tokens: credited (ever, from the rewards pool), held (contributors), pending (payouts)",
    labelNames: ["total"] as const,
    registers: [registry],
  });
  for (const verdict of ["accepted", "duplicate", "refused"]) items.inc({ verdict }, 0);

  return {
    registry,
    middleware: createMiddleware(async (c, next) => {
      const stop = duration.startTimer();
      await next();
      // The handler's own pattern: the last matched route that is not a middleware (those are registered for ALL).
      const route = matchedRoutes(c).findLast((matched) => matched.method !== "ALL")?.path ?? "unmatched";
      stop({ method: c.req.method, route });
      requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    }),
    countBatch(outcome, response) {
      batches.inc({ outcome });
      if (outcome !== "created" || !response) return;
      for (const verdict of response.verdicts) items.inc({ verdict: verdict.status });
    },
    async render(db) {
      const totals = await ledgerTotals(db);
      for (const [total, amount] of Object.entries(totals)) ledger.set({ total }, tokens(amount));
      return registry.metrics();
    },
  };
}
