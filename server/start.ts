// Starts the ingest server on a socket: used by main.ts, and by tests and the e2e harness (port 0 → a free port).
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { loadConfig, type ServerConfig } from "./config";
import { type Database, openDatabase } from "./db/database";
import { createLogger, type Logger } from "./log";
import { createMetrics } from "./metrics";
import { memoryRateLimitStore, redisRateLimitStore } from "./rate-limit";
import { startConfiguredPayouts } from "./services/payouts";
import type { ScoringConfig } from "./services/scoring";

export interface StartOptions {
  /** Used as is (already migrated by openDatabase) and left open by close(); without it one is opened from config. */
  db?: Database;
  /** Overrides config.port; 0 picks a free port. */
  port?: number;
  /** Overrides config.host. */
  host?: string;
  /** Without it: a quiet server on 127.0.0.1, a free port and an in-memory PGlite (the environment is not read). */
  config?: ServerConfig;
  log?: Logger;
  now?: () => number;
  scoring?: ScoringConfig;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  url: string;
  db: Database;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database if it opened it. */
  close(): Promise<void>;
}

const EPHEMERAL_CONFIG: ServerConfig = { ...loadConfig({}), port: 0, logLevel: "silent" };

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? EPHEMERAL_CONFIG;
  const log = options.log ?? createLogger({ level: config.logLevel });
  const ownsDb = options.db === undefined;
  const db =
    options.db ??
    (await openDatabase(
      options.config
        ? {
            url: config.databaseUrl,
            dataDir: config.databaseUrl ? undefined : config.dataDir,
            schema: config.databaseUrl ? config.databaseSchema : undefined,
          }
        : {},
    ));
  const rateLimitStore = config.redisUrl
    ? redisRateLimitStore(config.redisUrl, config.redisKeyPrefix)
    : memoryRateLimitStore(options.now);
  const metrics = createMetrics({ processMetrics: true });
  // Payouts are sent from the server process; with no chain configured, redemptions are refused instead.
  const payouts = startConfiguredPayouts(config.payouts, db, log);
  const app = createApp({
    db,
    config,
    log,
    now: options.now,
    rateLimitStore,
    metrics,
    scoring: options.scoring,
    onRedeemed: payouts?.wake,
  });

  const host = options.host ?? config.host;
  let server: ReturnType<typeof serve>;
  let address: AddressInfo;
  try {
    ({ server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>(
      (resolve, reject) => {
        const listening = serve({ fetch: app.fetch, port: options.port ?? config.port, hostname: host }, (info) =>
          resolve({ server: listening, address: info }),
        );
        listening.once("error", reject);
      },
    ));
  } catch (error) {
    await payouts?.stop();
    await rateLimitStore.close();
    if (ownsDb) await db.close();
    throw error;
  }

  const shownHost = address.address.includes(":") ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    db,
    close() {
      closing ??= (async () => {
        // Requests in flight (a batch being ingested) finish and are answered; past the timeout they are cut off,
        // which is safe: an unanswered batch was either committed whole or not at all, and the client retries.
        const deadline = setTimeout(() => {
          if ("closeAllConnections" in server) server.closeAllConnections();
        }, config.shutdownTimeoutMs);
        try {
          await new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            // Idle keep-alive connections would otherwise hold close() open; busy ones finish their request first.
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          });
        } finally {
          clearTimeout(deadline);
          await rateLimitStore.close();
        }
        await payouts?.stop();
        if (ownsDb) await db.close();
      })();
      return closing;
    },
  };
}
