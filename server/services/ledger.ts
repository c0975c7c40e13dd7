// The double-entry ledger: every transfer is a pair of rows summing to zero; the balances of contributors' accounts are
// cached in the same transaction.
import type { Queryable } from "../db/database";

/** Where rewards come from: its balance is minus everything ever credited. */
export const REWARDS_POOL_ACCOUNT = "pool:rewards";
/**
 * Accounts named `pool:…` belong to the operator and may go below zero; every other account never can. Pools have no
 * cached balance (every credit would otherwise update the same row, and concurrent batches would queue on it): a
 * pool's balance is the sum of its entries.
 */
export const POOL_PREFIX = "pool:";

function isPool(account: string): boolean {
  return account.startsWith(POOL_PREFIX);
}

/** A contributor's spendable account is this prefix and their lowercase address. */
const CONTRIBUTOR_PREFIX = "contributor:";

export function contributorAccount(address: string): string {
  return `${CONTRIBUTOR_PREFIX}${address.toLowerCase()}`;
}

/** Where a redemption's amount waits while its payout is in flight: counted as the contributor's `pending`. */
export function pendingAccount(address: string): string {
  return `pending:${address.toLowerCase()}`;
}

export interface Transfer {
  /** Unique per transfer: recording the same id twice is refused, so a retry never moves money twice. */
  transferId: string;
  from: string;
  to: string;
  /** Base units, positive. */
  amount: bigint;
}

export type TransferResult =
  | { outcome: "recorded" }
  /** This transfer id was recorded before: nothing was written. */
  | { outcome: "already_recorded" }
  /** `from` is not a pool and holds less than the amount: nothing was written. */
  | { outcome: "insufficient_balance"; balance: string };

/**
 * Moves `amount` from one account to another inside the caller's transaction: two entries and both cached balances.
 * The `from` balance row is locked first, so concurrent debits of one account take turns and none can overdraw it.
 * Accounts are locked in name order, so two transfers between the same accounts cannot deadlock.
 */
export async function transfer(tx: Queryable, move: Transfer): Promise<TransferResult> {
  if (move.amount <= 0n) throw new Error(`a transfer must be positive, got ${move.amount}`);
  if (move.from === move.to) throw new Error(`a transfer needs two accounts, got ${move.from} twice`);
  const amount = move.amount.toString();
  // Pools have no cached balance (see POOL_PREFIX): only the other accounts are locked and updated.
  const cached = [move.from, move.to].filter((account) => !isPool(account)).sort();
  let fromBalance = "0";
  if (cached.length > 0) {
    await tx.query(
      `insert into account_balances (account, balance) select unnest($1::text[]), 0 order by 1
       on conflict (account) do nothing`,
      [cached],
    );
    const locked = await tx.query<{ account: string; balance: string }>(
      "select account, balance::text as balance from account_balances where account = any($1) order by account for update",
      [cached],
    );
    fromBalance = locked.find((row) => row.account === move.from)?.balance ?? "0";
  }
  if (!isPool(move.from) && BigInt(fromBalance) < move.amount) {
    return { outcome: "insufficient_balance", balance: fromBalance };
  }
  const entries = await tx.query<{ account: string }>(
    `insert into ledger_entries (transfer_id, account, amount)
     values ($1, $2, -($4::numeric)), ($1, $3, $4::numeric)
     on conflict (transfer_id, account) do nothing returning account`,
    [move.transferId, move.from, move.to, amount],
  );
  if (entries.length === 0) return { outcome: "already_recorded" };
  // Half a transfer means the id was reused with other accounts: a bug, so the whole transaction is rolled back.
  if (entries.length !== 2) throw new Error(`transfer ${move.transferId} was already recorded with other accounts`);
  await tx.query(
    `update account_balances set balance = balance + case when account = $1 then -($3::numeric) else $3::numeric end
     where account in ($1, $2)`,
    [move.from, move.to, amount],
  );
  return { outcome: "recorded" };
}

/**
 * Credits a contributor from the rewards pool once per transferId; throws when that id was already recorded. One
 * statement: the pool may go below zero and a credit only raises the contributor, so no balance needs checking first;
 * only the contributor's cached balance is written (pools have none, so concurrent credits never queue on one row).
 */
export async function creditContributor(
  tx: Queryable,
  credit: { transferId: string; address: string; amount: bigint },
): Promise<void> {
  if (credit.amount <= 0n) throw new Error(`a credit must be positive, got ${credit.amount}`);
  const [row] = await tx.query<{ entries: number }>(
    `with entry as (
       insert into ledger_entries (transfer_id, account, amount)
       values ($1, $2, -($4::numeric)), ($1, $3, $4::numeric)
       on conflict (transfer_id, account) do nothing returning account, amount
     ), cached as (
       insert into account_balances (account, balance)
       select account, amount from entry where account = $3
       on conflict (account) do update set balance = account_balances.balance + excluded.balance
     )
     select count(*)::int as entries from entry`,
    [credit.transferId, REWARDS_POOL_ACCOUNT, contributorAccount(credit.address), credit.amount.toString()],
  );
  if (row?.entries !== 2) {
    // Half a credit means the id was reused with other accounts: a bug, so the whole transaction is rolled back.
    const why = row?.entries === 0 ? "already_recorded" : "the id was already recorded with other accounts";
    throw new Error(`credit ${credit.transferId} not recorded: ${why}`);
  }
}

/**
 * The same credit as creditContributor, as two CTEs (`credit_entry`, `credit_cached`) for a larger statement that
 * computes the amount itself: `source` is a query yielding one row with an `amount` column (numeric; no row or
 * an amount ≤ 0 credits nothing), the other arguments are SQL text expressions (usually parameters; the address in
 * lowercase). The entries are plain inserts: a transfer id recorded before fails the whole statement (unique
 * violation), so nothing is half-written.
 */
export function creditCtes(parts: { transferId: string; address: string; source: string }): string {
  return `credit_entry as (
       insert into ledger_entries (transfer_id, account, amount)
       select ${parts.transferId}, t.account, t.amount
       from (${parts.source}) as credit,
         lateral (values ('${REWARDS_POOL_ACCOUNT}'::text, -credit.amount),
                         ('${CONTRIBUTOR_PREFIX}' || ${parts.address}, credit.amount)) as t (account, amount)
       where credit.amount > 0
       returning account, amount
     ), credit_cached as (
       insert into account_balances (account, balance)
       select account, amount from credit_entry where account not like '${POOL_PREFIX}%'
       on conflict (account) do update set balance = account_balances.balance + excluded.balance
     )`;
}

/** An account's cached balance in base units, as a decimal string (never a JS number). */
export async function accountBalance(db: Queryable, account: string): Promise<string> {
  const [row] = await db.query<{ balance: string }>(
    "select balance::text as balance from account_balances where account = $1",
    [account],
  );
  return row?.balance ?? "0";
}

/** The contributor's spendable balance in base units. */
export function balanceOf(db: Queryable, address: string): Promise<string> {
  return accountBalance(db, contributorAccount(address));
}

/** How many items this contributor was the first to send. */
export async function itemsAcceptedFrom(db: Queryable, address: string): Promise<number> {
  const [row] = await db.query<{ count: number }>("select count(*)::int as count from items where contributor = $1", [
    address.toLowerCase(),
  ]);
  return row?.count ?? 0;
}

export interface LedgerAudit {
  /** Accounts whose cached balance differs from the sum of their entries. */
  mismatchedAccounts: { account: string; cached: string; summed: string }[];
  /** Transfers whose entries do not sum to zero. */
  unbalancedTransfers: string[];
  /** Non-pool accounts below zero. */
  negativeAccounts: string[];
}

/** Checks the ledger's invariants against its rows: every list empty means the books are right. */
export async function auditLedger(db: Queryable): Promise<LedgerAudit> {
  const mismatchedAccounts = await db.query<{ account: string; cached: string; summed: string }>(
    `select coalesce(b.account, e.account) as account, coalesce(b.balance, 0)::text as cached,
            coalesce(e.summed, 0)::text as summed
     from account_balances b
     full join (
       select account, sum(amount) as summed from ledger_entries where account not like 'pool:%' group by account
     ) e on e.account = b.account
     where coalesce(b.balance, 0) <> coalesce(e.summed, 0)
     order by 1`,
  );
  const unbalanced = await db.query<{ transfer_id: string }>(
    "select transfer_id from ledger_entries group by transfer_id having sum(amount) <> 0 order by 1",
  );
  const negative = await db.query<{ account: string }>(
    "select account from account_balances where balance < 0 and account not like 'pool:%' order by 1",
  );
  return {
    mismatchedAccounts,
    unbalancedTransfers: unbalanced.map((row) => row.transfer_id),
    negativeAccounts: negative.map((row) => row.account),
  };
}

export interface LedgerTotals {
  /** Everything ever credited from the rewards pool. */
  credited: string;
  /** What contributors hold now, spendable. */
  held: string;
  /** What waits in pending accounts for payouts in flight. */
  pending: string;
}

export async function ledgerTotals(db: Queryable): Promise<LedgerTotals> {
  const [row] = await db.query<LedgerTotals>(
    `select (select coalesce(-sum(amount), 0) from ledger_entries where account = $1)::text as credited,
            coalesce(sum(balance) filter (where account like 'contributor:%'), 0)::text as held,
            coalesce(sum(balance) filter (where account like 'pending:%'), 0)::text as pending
     from account_balances`,
    [REWARDS_POOL_ACCOUNT],
  );
  return row ?? { credited: "0", held: "0", pending: "0" };
}
