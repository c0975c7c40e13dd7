// The server's settings, read from the environment once and checked, so a typo fails at start rather than later.
import { z } from "zod";
import { loadPayoutSettings, type PayoutSettings } from "./chain/chain-config";
import { LOG_LEVELS } from "./log";

/** Browser-extension pages of any extension id; narrow with CORS_ORIGINS once the store ids are known. */
export const DEFAULT_CORS_ORIGINS = ["chrome-extension://*", "moz-extension://*"];

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  )
  .pipe(z.array(z.string()).min(1, "must list at least one origin"));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default(".data/pglite"),
  /** Comma-separated origins; `*` matches any run of characters but `/`, e.g. `chrome-extension://*`. */
  CORS_ORIGINS: commaList.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** PostgreSQL only: keep the tables in this schema (created when missing), e.g. one per deployment or bench run. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "letters, digits and _ only")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// connection string")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default("tributary:"),
  /** Requests per minute; 0 turns the limit off. */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_PER_CONTRIBUTOR: z.coerce.number().int().min(0).default(60),
  /** Behind a reverse proxy: take the client's IP from the first X-Forwarded-For entry instead of the socket. */
  TRUST_PROXY: z.enum(["true", "false", "1", "0"]).default("false"),
  /** How long a shutdown waits for in-flight requests before closing their connections. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  corsOrigins: string[];
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** PostgreSQL schema for the tables; undefined: the connection's default. */
  databaseSchema?: string;
  /** Rate limits are shared through Redis when set; otherwise each process counts in memory. */
  redisUrl?: string;
  redisKeyPrefix: string;
  /** Requests per minute per client IP and per signing contributor; 0 = no limit. */
  rateLimits: { perIp: number; perContributor: number };
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  /** Redemptions: the payout chain (unset: redemptions unavailable), confirmations, the smallest amount. */
  payouts: PayoutSettings;
}

/** Reads the settings from an environment (process.env in production); throws one readable message when invalid. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid server configuration: ${problems.join("; ")}`);
  }
  const { PORT, HOST, DATABASE_URL, DATA_DIR, CORS_ORIGINS, LOG_LEVEL } = parsed.data;
  const settings = parsed.data;
  return {
    databaseSchema: settings.DATABASE_SCHEMA,
    redisUrl: settings.REDIS_URL,
    redisKeyPrefix: settings.REDIS_KEY_PREFIX,
    rateLimits: { perIp: settings.RATE_LIMIT_PER_IP, perContributor: settings.RATE_LIMIT_PER_CONTRIBUTOR },
    trustProxy: settings.TRUST_PROXY === "true" || settings.TRUST_PROXY === "1",
    shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    payouts: loadPayoutSettings(env),
    port: PORT,
    host: HOST,
    databaseUrl: DATABASE_URL,
    dataDir: DATA_DIR,
    corsOrigins: CORS_ORIGINS ?? DEFAULT_CORS_ORIGINS,
    logLevel: LOG_LEVEL,
  };
}
