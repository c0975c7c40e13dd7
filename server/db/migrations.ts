// The database's schema, as an ordered list of migrations applied once each, under a lock, when the server starts.
import type { Database } from "./database";

export interface Migration {
  version: number;
  name: string;
  /** One SQL statement per entry: both engines run them through the same single-statement query path. */
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "contributors, batches, items, ledger, request nonces",
    statements: [
      `create table contributors (
        address text primary key check (address ~ '^0x[0-9a-f]{40}$'),
        created_at timestamptz not null default now()
      )`,
      // The contributor row is written after the batch row in the same transaction, hence the deferred checks.
      `create table batches (
        id uuid primary key,
        contributor text not null references contributors (address) deferrable initially deferred,
        body_hash text not null,
        response jsonb,
        created_at timestamptz not null default now()
      )`,
      `create table items (
        content_hash text primary key check (content_hash ~ '^[0-9a-f]{64}$'),
        platform text not null,
        native_id text not null,
        contributor text not null references contributors (address) deferrable initially deferred,
        batch_id uuid not null references batches (id),
        item jsonb not null,
        points numeric(78, 0) not null check (points >= 0),
        created_at timestamptz not null default now()
      )`,
      "create index items_contributor on items (contributor)",
      "create index items_batch_id on items (batch_id)",
      // Double entry: every transfer is rows summing to zero, at most one row per account.
      `create table ledger_entries (
        id bigserial primary key,
        transfer_id text not null,
        account text not null,
        amount numeric(78, 0) not null check (amount <> 0),
        created_at timestamptz not null default now(),
        unique (transfer_id, account)
      )`,
      "create index ledger_entries_account on ledger_entries (account)",
      `create table request_nonces (
        address text not null,
        nonce text not null,
        expires_at timestamptz not null,
        primary key (address, nonce)
      )`,
      "create index request_nonces_expires_at on request_nonces (expires_at)",
    ],
  },
];

/** Applies the migrations not yet applied; returns how many ran. Safe when several processes start together. */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  return db.transaction(async (tx) => {
    // Held until commit: a second process waits here, then finds the work done.
    await tx.query("select pg_advisory_xact_lock(hashtext('tributary.migrate.' || current_schema()))");
    await tx.query(
      `create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`,
    );
    const rows = await tx.query<{ version: number }>("select version from schema_migrations");
    const applied = new Set(rows.map((row) => row.version));
    let count = 0;
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query("insert into schema_migrations (version, name) values ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      count++;
    }
    return count;
  });
}
