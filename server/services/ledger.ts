// The double-entry ledger: every credit is a pair of rows summing to zero, and a balance is the sum of an account.
import type { Queryable } from "../db/database";

/** Where rewards come from: its balance is minus everything ever credited. */
export const REWARDS_POOL_ACCOUNT = "pool:rewards";

export function contributorAccount(address: string): string {
  return `contributor:${address.toLowerCase()}`;
}

/**
 * Credits a contributor from the rewards pool, once per transferId: a second call with the same id is refused by the
 * unique (transfer_id, account) constraint, so a retry can never credit twice.
 */
export async function creditContributor(
  tx: Queryable,
  transfer: { transferId: string; address: string; amount: bigint },
): Promise<void> {
  if (transfer.amount <= 0n) throw new Error(`a credit must be positive, got ${transfer.amount}`);
  await tx.query(
    `insert into ledger_entries (transfer_id, account, amount)
     values ($1, $2, $4::numeric), ($1, $3, -($4::numeric))`,
    [transfer.transferId, contributorAccount(transfer.address), REWARDS_POOL_ACCOUNT, transfer.amount.toString()],
  );
}

/** The contributor's balance in base units, as a decimal string (never a JS number). */
export async function balanceOf(db: Queryable, address: string): Promise<string> {
  const [row] = await db.query<{ balance: string }>(
    "select coalesce(sum(amount), 0)::text as balance from ledger_entries where account = $1",
    [contributorAccount(address)],
  );
  return row?.balance ?? "0";
}

/** How many items this contributor was the first to send. */
export async function itemsAcceptedFrom(db: Queryable, address: string): Promise<number> {
  const [row] = await db.query<{ count: number }>("select count(*)::int as count from items where contributor = $1", [
    address.toLowerCase(),
  ]);
  return row?.count ?? 0;
}
