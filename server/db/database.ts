// The one SQL layer: PostgreSQL's dialect ($1 params) on embedded PGlite or on a PostgreSQL server, same code for both.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate } from "./migrations";

export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface TransactionOptions {
  /**
   * fn runs exactly one statement (a second one is refused), which is atomic on its own, data-modifying CTEs
   * included: it runs without BEGIN/COMMIT, saving their round trips. An implementation may ignore this and open a
   * transaction anyway: the outcome is the same.
   */
  oneStatement?: boolean;
}

export interface Database extends Queryable {
  engine: "pglite" | "postgres";
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; without it the database is PGlite. */
  url?: string;
  /** Where PGlite keeps its files; without it PGlite lives in memory. */
  dataDir?: string;
  /** Tables live in this schema (created when missing) instead of the default one. */
  schema?: string;
  /** Bring the tables up to date on open (default true). */
  migrate?: boolean;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const INT8_OID = 20;

/** Opens the database and runs the migrations, so a caller never sees an outdated schema. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`invalid schema name ${JSON.stringify(options.schema)}: letters, digits and _ only`);
  }
  const db = options.url ? await openPostgres(options.url, options.schema) : await openPglite(options);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

/**
 * A PostgreSQL URL without its own `options` (`?options=-c%20statement_timeout%3D5000`), and those options: a URL's
 * options would replace the ones given beside it, so they are taken out and given together with ours.
 */
function splitOptions(url: string): { url: string; options: string } {
  try {
    const parsed = new URL(url);
    const options = parsed.searchParams.get("options");
    if (options === null) return { url, options: "" };
    parsed.searchParams.delete("options");
    return { url: parsed.href, options };
  } catch {
    return { url, options: "" };
  }
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  // Prepared statements (see prepared) are planned for their parameters each time, as unnamed ones are: a generic plan
  // of a batch's statement, forced, measured 2-5x slower and growing with the items table, and must never be picked.
  // Both settings are given at connection start (so they precede every query), after any `options` of the URL's own.
  const settings = ["-c plan_cache_mode=force_custom_plan", ...(schema ? [`-c search_path=${schema}`] : [])];
  const own = splitOptions(url);
  const pool = new pg.Pool({
    connectionString: own.url,
    connectionTimeoutMillis: 10_000,
    options: [own.options, ...settings].filter((part) => part !== "").join(" "),
  });
  // An idle connection that breaks is dropped by the pool and the next query opens a new one; without a listener
  // the 'error' event would crash the process.
  pool.on("error", () => {});
  const db: Database = {
    engine: "postgres",
    async query<T>(sql: string, params?: unknown[]) {
      const result = await pool.query(prepared(sql, params));
      return result.rows as T[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      if (options?.oneStatement) return fn(oneStatement(db));
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("begin");
        const result = await fn({
          async query<R>(sql: string, params?: unknown[]) {
            return (await client.query(prepared(sql, params))).rows as R[];
          },
        });
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
  try {
    if (schema) await createSchema(db, schema);
    else await db.query("select 1");
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

/** Statement names by SQL text: the app's statements are a few constant texts, so this stays small. */
const statementNames = new Map<string, string>();

/**
 * A statement with parameters as a named prepared statement: each connection parses it once, not on every call, which
 * matters for the long statements of a batch. The name is the text's hash, so one name is never
 * given two texts. Statements without parameters (DDL, schema setup) stay unnamed.
 */
function prepared(sql: string, params: unknown[] | undefined): pg.QueryConfig {
  if (params === undefined || params.length === 0) return { text: sql, values: params };
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `tributary_${createHash("sha256").update(sql).digest("hex").slice(0, 32)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    // Counts and ids come back as strings, as they do from PostgreSQL through pg, so no engine loses precision.
    parsers: { [INT8_OID]: (value: string) => value },
  });
  const db: Database = {
    engine: "pglite",
    async query<T>(sql: string, params?: unknown[]) {
      return (await pglite.query<T>(sql, params)).rows;
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      if (options?.oneStatement) return fn(oneStatement(db));
      return pglite.transaction((tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            return (await tx.query<R>(sql, params)).rows;
          },
        }),
      );
    },
    close: () => pglite.close(),
  };
  if (options.schema) {
    await createSchema(db, options.schema);
    // PGlite is one connection, so setting it once holds for every later query.
    await db.query(`set search_path to "${options.schema}"`);
  }
  return db;
}

/** A statement outside any transaction is its own transaction; a second one would not be in the same. */
function oneStatement(db: Queryable): Queryable {
  let used = false;
  return {
    query<R>(sql: string, params?: unknown[]) {
      if (used) return Promise.reject(new Error("a one-statement transaction ran a second statement"));
      used = true;
      return db.query<R>(sql, params);
    },
  };
}

async function createSchema(db: Database, schema: string): Promise<void> {
  // Concurrent "create schema if not exists" can still collide on the catalog; the lock makes them take turns.
  await db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext('tributary.create_schema'))");
    await tx.query(`create schema if not exists "${schema}"`);
  });
}
