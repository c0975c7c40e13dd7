// The database's schema, as an ordered list of migrations applied once each, under a lock, when the server starts.
import type { Database } from "./database";

/** The SQLSTATE of tributary_within_daily_cap's refusal (class TR: Tributary's own). */
export const DAILY_CAP_REACHED = "TR001";

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
  {
    version: 2,
    name: "payout address, receipts index, novelty fingerprints, daily credits, cached balances",
    statements: [
      // EIP-55 checksummed as given; the database only checks the shape, the route checks the checksum.
      "alter table contributors add column payout_address text check (payout_address ~ '^0x[0-9a-fA-F]{40}$')",
      "alter table contributors add column updated_at timestamptz not null default now()",
      "create index batches_contributor_receipts on batches (contributor, created_at desc, id desc)",
      // Normalized-text hash: an item repeating words already stored (under another id) earns less.
      "alter table items add column text_fingerprint text",
      "create index items_text_fingerprint on items (text_fingerprint) where text_fingerprint is not null",
      // Points credited per contributor per UTC day, so the daily cap holds across batches and server processes.
      `create table contributor_days (
        address text not null references contributors (address) deferrable initially deferred,
        day date not null,
        credited numeric(78, 0) not null default 0 check (credited >= 0),
        primary key (address, day)
      )`,
      // The balance cache, written in the same transaction as the entries; only pool accounts may go below zero.
      `create table account_balances (
        account text primary key,
        balance numeric(78, 0) not null,
        check (balance >= 0 or account like 'pool:%')
      )`,
      `insert into account_balances (account, balance)
       select account, sum(amount) from ledger_entries group by account`,
    ],
  },
  {
    version: 3,
    name: "redemptions and their payouts, payout signer nonces",
    statements: [
      // One row per redemption, which is also its payout. No foreign key to contributors: the debit in the ledger is
      // what ties it to the contributor, and test helpers truncate contributors on their own.
      `create table redemptions (
        id uuid primary key,
        contributor text not null check (contributor ~ '^0x[0-9a-f]{40}$'),
        destination text not null check (destination ~ '^0x[0-9a-fA-F]{40}$'),
        amount numeric(78, 0) not null check (amount > 0),
        request_hash text not null,
        status text not null default 'pending' check (status in ('pending', 'submitted', 'confirmed', 'failed')),
        signer text,
        nonce bigint,
        tx_hash text unique,
        raw_tx text,
        block_number bigint,
        failure text,
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (signer, nonce)
      )`,
      "create index redemptions_contributor on redemptions (contributor, created_at desc, id desc)",
      "create index redemptions_open on redemptions (next_attempt_at) where status in ('pending', 'submitted')",
      // The next nonce per payout key, so several workers never sign two transactions with one nonce.
      `create table payout_signers (
        address text primary key,
        next_nonce bigint not null check (next_nonce >= 0)
      )`,
    ],
  },
  {
    version: 4,
    name: "pool accounts leave the balance cache",
    statements: [
      // Every credit updated the rewards pool's cached row, so concurrent batches queued on it; a pool's balance is now
      // the sum of its entries (ledger_entries_account serves that sum).
      "delete from account_balances where account like 'pool:%'",
      "alter table account_balances add constraint account_balances_no_pools check (account not like 'pool:%')",
    ],
  },
  {
    version: 5,
    name: "daily cap guard for one-statement batches",
    statements: [
      // A batch is one statement that stores its items before it knows the contributor's day total; when that total
      // passes the cap, this fails the statement (nothing is kept) and the server ingests the batch again, capping it.
      `create function tributary_within_daily_cap(credited numeric, cap numeric) returns boolean
       language plpgsql as $$
       begin
         if credited > cap then
           raise exception using errcode = '${DAILY_CAP_REACHED}', message = 'the daily cap was reached';
         end if;
         return true;
       end
       $$`,
    ],
  },
  {
    version: 6,
    name: "an item's batch and contributor checked together",
    statements: [
      // One key lookup per stored item instead of two, and a stricter rule: an item's contributor is its batch's
      // (whose contributor row the batches' own key requires).
      "alter table batches add constraint batches_id_contributor unique (id, contributor)",
      `alter table items add constraint items_batch_contributor_fkey
         foreign key (batch_id, contributor) references batches (id, contributor)`,
      "alter table items drop constraint items_batch_id_fkey",
      "alter table items drop constraint items_contributor_fkey",
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
