// The SQL layer: migrations applied once even by processes starting together, transactions all or nothing.
import { describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../../server/db/database";
import { MIGRATIONS, migrate } from "../../../server/db/migrations";
import { DATABASE_ENGINES, openTestDatabase, POSTGRES_URL, useTestDatabase } from "../../helpers/database";

describe.each(DATABASE_ENGINES)("the database on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("has applied every migration once, and applies none when run again", async () => {
    expect(await migrate(db())).toBe(0);

    const applied = await db().query<{ version: number }>("select version from schema_migrations order by version");
    expect(applied.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it("runs migrations started together one after the other", async () => {
    const extra = { version: 1000, name: "test table", statements: ["create table migration_probe (id int)"] };

    const counts = await Promise.all([migrate(db(), [...MIGRATIONS, extra]), migrate(db(), [...MIGRATIONS, extra])]);

    expect(counts.sort()).toEqual([0, 1]);
    await db().transaction(async (tx) => {
      await tx.query("drop table migration_probe");
      await tx.query("delete from schema_migrations where version = 1000");
    });
  });

  it("rolls back everything a failed transaction wrote", async () => {
    const failing = db().transaction(async (tx) => {
      await tx.query("insert into contributors (address) values ($1)", [`0x${"b".repeat(40)}`]);
      throw new Error("something went wrong halfway");
    });

    await expect(failing).rejects.toThrow("halfway");
    expect(await db().query("select * from contributors")).toEqual([]);
  });

  it("reads counts and amounts as strings, never as lossy numbers", async () => {
    const [row] = await db().query<{ big: unknown; amount: unknown }>(
      "select 9007199254740993::bigint as big, (10::numeric(78, 0) ^ 30)::numeric(78, 0)::text as amount",
    );

    expect(row).toEqual({ big: "9007199254740993", amount: `1${"0".repeat(30)}` });
  });
});

describe("two PostgreSQL servers starting together on an empty schema", () => {
  it("both start, and the schema is migrated once", async () => {
    const { db: probe, dispose } = await openTestDatabase("postgres");
    const schema = `test_start_${crypto.randomUUID().replaceAll("-", "")}`;
    const opened: Database[] = [];
    try {
      opened.push(
        ...(await Promise.all([
          openDatabase({ url: POSTGRES_URL, schema }),
          openDatabase({ url: POSTGRES_URL, schema }),
        ])),
      );
      const applied = await opened[0]!.query("select version from schema_migrations");
      expect(applied).toHaveLength(MIGRATIONS.length);
      expect(await opened[1]!.query("select * from items")).toEqual([]);
    } finally {
      await Promise.all(opened.map((db) => db.close()));
      await probe.query(`drop schema if exists "${schema}" cascade`);
      await dispose();
    }
  });
});

describe("PostgreSQL connections", () => {
  it("plan every statement for its parameters, in the schema asked for, keeping the URL's own options", async () => {
    const schema = `test_options_${process.pid}_${Date.now()}`;
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("options", "-c statement_timeout=4321");
    const db = await openDatabase({ url: url.href, schema });
    try {
      const [row] = await db.query<Record<string, string>>(
        "select current_setting('plan_cache_mode') as plans, current_setting('statement_timeout') as timeout, current_schema() as schema",
      );
      expect(row).toEqual({ plans: "force_custom_plan", timeout: "4321ms", schema });
    } finally {
      await db.query(`drop schema if exists "${schema}" cascade`);
      await db.close();
    }
  });
});

describe("PGlite in a data directory", () => {
  it("keeps what was written across a restart", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dataDir = mkdtempSync(join(tmpdir(), "tributary-pglite-"));
    try {
      const first = await openDatabase({ dataDir });
      await first.query("insert into contributors (address) values ($1)", [`0x${"c".repeat(40)}`]);
      await first.close();

      const second = await openDatabase({ dataDir });
      const rows = await second.query<{ address: string }>("select address from contributors");
      await second.close();

      expect(rows).toEqual([{ address: `0x${"c".repeat(40)}` }]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
