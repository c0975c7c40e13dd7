// The server's settings, read from the environment once and checked, so a typo fails at start rather than later.
import { z } from "zod";
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
});

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  corsOrigins: string[];
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
}

/** Reads the settings from an environment (process.env in production); throws one readable message when invalid. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid server configuration: ${problems.join("; ")}`);
  }
  const { PORT, HOST, DATABASE_URL, DATA_DIR, CORS_ORIGINS, LOG_LEVEL } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    databaseUrl: DATABASE_URL,
    dataDir: DATA_DIR,
    corsOrigins: CORS_ORIGINS ?? DEFAULT_CORS_ORIGINS,
    logLevel: LOG_LEVEL,
  };
}
