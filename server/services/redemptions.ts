// Redeeming: debit the contributor and create the payout in one transaction, so no two requests spend one balance.
import { formatAmount, TOKEN_SYMBOL } from "../../shared/amounts";
import type { Redemption, RedemptionRequest } from "../../shared/redemption";
import type { Queryable } from "../db/database";
import { payoutAddressOf } from "./contributors";
import { contributorAccount, pendingAccount, transfer } from "./ledger";

/** "1.5 TRIB (1500000000000000000 base units)": readable in the popup, exact for the API's users. */
function tokens(baseUnits: bigint): string {
  return `${formatAmount(baseUnits)} ${TOKEN_SYMBOL} (${baseUnits} base units)`;
}

export type RedemptionRefusal =
  | "redemption.below_minimum"
  | "redemption.insufficient_balance"
  | "redemption.no_payout_address"
  | "redemption.destination_mismatch"
  | "redemption.id_conflict";

export type RedeemResult =
  | { outcome: "created" | "replayed"; redemption: Redemption }
  | { outcome: "refused"; code: RedemptionRefusal; detail: string };

export interface RedeemCommand {
  /** Lowercase signer. */
  contributor: string;
  request: RedemptionRequest;
  /** Hash of the signed body: a retry of the same request replays, another request with the same id conflicts. */
  requestHash: string;
  minimum: bigint;
}

interface RedemptionRow {
  id: string;
  contributor: string;
  destination: string;
  amount: string;
  status: Redemption["status"];
  tx_hash: string | null;
  failure: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  request_hash: string;
}

const COLUMNS =
  "id::text, contributor, destination, amount::text, status, tx_hash, failure, created_at, updated_at, request_hash";

function toRedemption(row: RedemptionRow): Redemption {
  return {
    id: row.id,
    contributor: row.contributor,
    destination: row.destination,
    amount: row.amount,
    status: row.status,
    txHash: row.tx_hash,
    failure: row.failure,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The ledger transfer that moved a redemption's amount out of the spendable balance. */
export function redemptionTransferId(id: string): string {
  return `redemption:${id}`;
}

export async function redeem(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  command: RedeemCommand,
): Promise<RedeemResult> {
  const { contributor, request } = command;
  const account = contributorAccount(contributor);
  return db.transaction(async (tx) => {
    // Every redemption of this contributor waits here for the one before it: balance and id are read settled.
    const [locked] = await tx.query<{ balance: string }>(
      "select balance::text as balance from account_balances where account = $1 for update",
      [account],
    );
    const balance = BigInt(locked?.balance ?? "0");

    const [existing] = await tx.query<RedemptionRow>(`select ${COLUMNS} from redemptions where id = $1`, [
      request.redemptionId,
    ]);
    if (existing) {
      if (existing.contributor === contributor && existing.request_hash === command.requestHash) {
        return { outcome: "replayed", redemption: toRedemption(existing) };
      }
      return {
        outcome: "refused",
        code: "redemption.id_conflict",
        detail: "this redemptionId was already used for another request",
      };
    }

    const payoutAddress = await payoutAddressOf(tx, contributor);
    if (payoutAddress === null) {
      return {
        outcome: "refused",
        code: "redemption.no_payout_address",
        detail: "set a payout address (PUT /v1/contributors/me) before redeeming",
      };
    }
    if (payoutAddress !== request.destination) {
      return {
        outcome: "refused",
        code: "redemption.destination_mismatch",
        detail: `payouts go to ${payoutAddress}; update the payout address first to send them to ${request.destination}`,
      };
    }

    const amount = request.amount === "all" ? balance : BigInt(request.amount);
    if (amount < command.minimum || amount === 0n) {
      return {
        outcome: "refused",
        code: "redemption.below_minimum",
        detail: `the smallest redemption is ${tokens(command.minimum)}; ${request.amount === "all" ? "the balance is" : "asked for"} ${tokens(amount)}`,
      };
    }
    if (amount > balance) {
      return {
        outcome: "refused",
        code: "redemption.insufficient_balance",
        detail: `asked for ${amount} base units; the balance is ${balance}`,
      };
    }

    const [row] = await tx.query<RedemptionRow>(
      `insert into redemptions (id, contributor, destination, amount, request_hash) values ($1, $2, $3, $4::numeric, $5)
       on conflict (id) do nothing returning ${COLUMNS}`,
      [request.redemptionId, contributor, payoutAddress, amount.toString(), command.requestHash],
    );
    // Taken by another contributor between the check and the insert: nothing written yet.
    if (!row)
      return {
        outcome: "refused",
        code: "redemption.id_conflict",
        detail: "this redemptionId was already used for another request",
      };
    const debit = await transfer(tx, {
      transferId: redemptionTransferId(row.id),
      from: account,
      to: pendingAccount(contributor),
      amount,
    });
    // The balance row is locked and was checked above: anything else is a bug, and throwing rolls the insert back.
    if (debit.outcome !== "recorded") throw new Error(`redemption ${row.id} debit not recorded: ${debit.outcome}`);
    return { outcome: "created", redemption: toRedemption(row) };
  });
}

export async function findRedemption(db: Queryable, id: string): Promise<Redemption | undefined> {
  const [row] = await db.query<RedemptionRow>(`select ${COLUMNS} from redemptions where id = $1`, [id]);
  return row ? toRedemption(row) : undefined;
}

/** The contributor's redemptions, newest first. */
export async function redemptionsOf(db: Queryable, contributor: string, limit = 50): Promise<Redemption[]> {
  const rows = await db.query<RedemptionRow>(
    `select ${COLUMNS} from redemptions where contributor = $1 order by created_at desc, id desc limit $2`,
    [contributor.toLowerCase(), limit],
  );
  return rows.map(toRedemption);
}
