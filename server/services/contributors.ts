// A contributor's account: the payout address they set, their balance and totals, and their receipts by pages.
import { batchResponseSchema } from "../../shared/batch";
import type { Contributor } from "../../shared/contributor";
import type { ReceiptsPage } from "../../shared/receipts";
import type { Queryable } from "../db/database";
import { accountBalance, contributorAccount, pendingAccount } from "./ledger";

/** Sets (or replaces) where the contributor's payouts go; creates the contributor when new. */
export async function setPayoutAddress(db: Queryable, address: string, payoutAddress: string): Promise<void> {
  await db.query(
    `insert into contributors (address, payout_address) values ($1, $2)
     on conflict (address) do update set payout_address = excluded.payout_address, updated_at = now()`,
    [address.toLowerCase(), payoutAddress],
  );
}

/** The payout address as the contributor set it (checksummed), or null. */
export async function payoutAddressOf(db: Queryable, address: string): Promise<string | null> {
  const [row] = await db.query<{ payout_address: string | null }>(
    "select payout_address from contributors where address = $1",
    [address.toLowerCase()],
  );
  return row?.payout_address ?? null;
}

export async function describeContributor(db: Queryable, address: string): Promise<Contributor> {
  const lower = address.toLowerCase();
  const [totals] = await db.query<{ earned: string; items: number; batches: number }>(
    `select
       (select coalesce(sum(amount), 0)::text from ledger_entries
         where account = $2 and transfer_id like 'batch:%') as earned,
       (select count(*)::int from items where contributor = $1) as items,
       (select count(*)::int from batches where contributor = $1) as batches`,
    [lower, contributorAccount(lower)],
  );
  return {
    address: lower,
    payoutAddress: await payoutAddressOf(db, lower),
    balance: await accountBalance(db, contributorAccount(lower)),
    pending: await accountBalance(db, pendingAccount(lower)),
    totals: { earned: totals?.earned ?? "0", itemsAccepted: totals?.items ?? 0, batches: totals?.batches ?? 0 },
  };
}

interface ReceiptCursor {
  /** created_at in microseconds since the epoch: exact, unlike a JS Date. */
  micros: string;
  batchId: string;
}

const CURSOR = /^([0-9]{1,20})\.([0-9a-f-]{36})$/;

export function encodeCursor(cursor: ReceiptCursor): string {
  return Buffer.from(`${cursor.micros}.${cursor.batchId}`, "utf8").toString("base64url");
}

/** undefined when the text is not a cursor this server made. */
export function decodeCursor(text: string): ReceiptCursor | undefined {
  const match = CURSOR.exec(Buffer.from(text, "base64url").toString("utf8"));
  return match ? { micros: match[1]!, batchId: match[2]! } : undefined;
}

/** One page of receipts, newest first; the cursor continues after the last one shown. */
export async function receiptsOf(
  db: Queryable,
  address: string,
  page: { cursor?: ReceiptCursor; limit: number },
): Promise<ReceiptsPage> {
  const params: unknown[] = [address.toLowerCase(), page.limit + 1];
  let after = "";
  if (page.cursor) {
    params.push(page.cursor.micros, page.cursor.batchId);
    after = "and (created_at, id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid)";
  }
  const rows = await db.query<{ id: string; micros: string; created_at: Date; response: unknown }>(
    `select id::text, (extract(epoch from created_at) * 1000000)::bigint::text as micros, created_at, response
     from batches where contributor = $1 and response is not null ${after}
     order by created_at desc, id desc limit $2`,
    params,
  );
  const shown = rows.slice(0, page.limit);
  const receipts = shown.map((row) => {
    const response = batchResponseSchema.parse(row.response);
    return {
      batchId: row.id,
      receivedAt: new Date(row.created_at).toISOString(),
      credited: response.credited,
      verdicts: response.verdicts,
    };
  });
  const last = shown.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ micros: last.micros, batchId: last.id }) : null;
  return { receipts, nextCursor };
}
