// Databases for server tests: every engine the server supports, each test file in a fresh schema dropped afterwards.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Database, openDatabase } from "../../server/db/database";

/** Both engines, always: a test that cannot reach PostgreSQL fails, it is never skipped. */
export const DATABASE_ENGINES = ["pglite", "postgres"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const SERVER_TABLES = [
  "contributors",
  "batches",
  "items",
  "ledger_entries",
  "request_nonces",
  "contributor_days",
  "account_balances",
] as const;
export type ServerTable = (typeof SERVER_TABLES)[number];

export interface TestDatabase {
  db: Database;
  /** The PostgreSQL schema holding this database's tables (undefined on PGlite, which is thrown away whole). */
  schema?: string;
  /** Drops the schema (PostgreSQL) and closes the connections. */
  dispose(): Promise<void>;
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

export async function openTestDatabase(engine: DatabaseEngine): Promise<TestDatabase> {
  if (engine === "pglite") {
    const db = await openDatabase();
    return { db, dispose: () => db.close() };
  }
  const schema = `test_${randomUUID().replaceAll("-", "")}`;
  let db: Database;
  try {
    db = await openDatabase({ url: POSTGRES_URL, schema });
  } catch (error) {
    throw new Error(
      `could not open PostgreSQL at ${withoutPassword(POSTGRES_URL)}: ${String(error)}. ` +
        "Is it running? Start it or set DATABASE_URL: the PostgreSQL tests fail rather than skip.",
    );
  }
  return {
    db,
    schema,
    async dispose() {
      try {
        await db.query(`drop schema "${schema}" cascade`);
      } finally {
        await db.close();
      }
    },
  };
}

/** Removes every row the server wrote, so each test starts from an empty server. */
export async function emptyTables(db: Database): Promise<void> {
  await db.query(`truncate ${SERVER_TABLES.join(", ")}`);
}

export async function countRows(db: Database, table: ServerTable): Promise<number> {
  const [row] = await db.query<{ count: number }>(`select count(*)::int as count from ${table}`);
  return row?.count ?? 0;
}

/** Row counts of every server table, to assert that a refused request wrote nothing. */
export async function countAllRows(db: Database): Promise<Record<ServerTable, number>> {
  const counts = {} as Record<ServerTable, number>;
  for (const table of SERVER_TABLES) counts[table] = await countRows(db, table);
  return counts;
}

/**
 * Gives the enclosing describe block a database of this engine for all its tests (opened once, emptied before each
 * test, dropped after the block). Returns a getter, as the database only exists once beforeAll ran.
 */
export function useTestDatabase(engine: DatabaseEngine): () => Database {
  let opened: TestDatabase | undefined;
  let openError: unknown;
  beforeAll(async () => {
    try {
      opened = await openTestDatabase(engine);
    } catch (error) {
      // Kept for beforeEach: a failing beforeAll would only mark the tests "skipped", and they must fail instead.
      openError = error;
    }
  });
  beforeEach(async () => {
    if (!opened) throw openError;
    await emptyTables(opened.db);
  });
  afterAll(async () => {
    await opened?.dispose();
  });
  return () => {
    if (!opened) throw new Error(`the ${engine} test database is not open`, { cause: openError });
    return opened.db;
  };
}
