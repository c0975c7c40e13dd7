// Payouts when things break on the dev chain: the RPC failing mid-payout, the worker killed at each step. Each ends
// paid exactly once, or refunded and not paid, never both; the ledger and the chain are both checked.
import { getAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TokenClient } from "../../../server/chain/token-client";
import type { Database } from "../../../server/db/database";
import { auditLedger, balanceOf, ledgerTotals } from "../../../server/services/ledger";
import { processPayouts, startPayoutWorker, submitNextPayout } from "../../../server/services/payouts";
import { redemptionSchema } from "../../../shared/redemption";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { flakyRpc } from "./flaky-rpc";
import {
  drainPayouts,
  type FundedContributor,
  fundedContributor,
  type PayoutChain,
  postRedemption,
  redemptionApp,
  redemptionBody,
  startPayoutChain,
  TOKEN,
  tokenClientVia,
  transfersOf,
  truncatePayoutTables,
  workerDeps,
} from "./payout-chain";

let world: PayoutChain;
beforeAll(async () => {
  world = await startPayoutChain();
});
afterAll(async () => {
  await world?.close();
});

interface RedemptionRow {
  status: string;
  tx_hash: string | null;
  nonce: string | null;
  failure: string | null;
}

async function redemptionRow(db: Database, id: string): Promise<RedemptionRow> {
  const [row] = await db.query<RedemptionRow>(
    "select status, tx_hash, nonce::text, failure from redemptions where id = $1",
    [id],
  );
  if (!row) throw new Error(`no redemption ${id}`);
  return row;
}

/** A contributor with 5 TRIB who redeemed `amount` over the API: debited, and a pending payout waiting. */
async function redeemed(db: Database, amount: bigint): Promise<{ contributor: FundedContributor; id: string }> {
  const contributor = await fundedContributor(db, 5n * TOKEN);
  const response = await postRedemption(
    redemptionApp(db, world),
    contributor.account,
    redemptionBody(contributor, amount.toString()),
  );
  expect(response.status).toBe(201);
  return { contributor, id: redemptionSchema.parse(await response.json()).id };
}

async function expectBooksClean(db: Database) {
  expect(await auditLedger(db)).toEqual({ mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] });
  expect((await ledgerTotals(db)).pending).toBe("0");
}

/** Paid once: the destination holds exactly the amount, the books say paid out, the contributor keeps the rest. */
async function expectPaidOnce(db: Database, id: string, contributor: FundedContributor, amount: bigint) {
  expect((await redemptionRow(db, id)).status).toBe("confirmed");
  expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(amount);
  expect(await transfersOf(db, id)).toEqual(["payout", "redemption"]);
  expect(await balanceOf(db, contributor.address)).toBe((5n * TOKEN - amount).toString());
  await expectBooksClean(db);
}

/** A token client that dies right after signing, before the worker's database transaction commits. */
function dyingAfterSigning(token: TokenClient): TokenClient {
  return {
    ...token,
    async signMint(mint) {
      await token.signMint(mint);
      throw new Error("worker killed after signing");
    },
  };
}

describe.each(DATABASE_ENGINES)("payouts under failure on %s", (engine) => {
  const database = useTestDatabase(engine);
  beforeEach(async () => {
    await truncatePayoutTables(database());
  });

  describe("the RPC failing mid-payout", () => {
    it("keeps a payout sent while the node is away and pays it once when the node is back", async () => {
      const db = database();
      const { contributor, id } = await redeemed(db, 2n * TOKEN);
      const rpc = flakyRpc(world.chain.rpcUrl);
      // The node goes away right after the payout is recorded: the broadcast and every check fail.
      const deps = workerDeps(db, tokenClientVia(world, rpc.transport), {
        afterRecord: () => {
          rpc.mode = "down";
        },
      });
      for (let pass = 0; pass < 3; pass++) await processPayouts(deps);
      const waiting = await redemptionRow(db, id);
      expect(waiting.status).toBe("submitted");
      expect(waiting.tx_hash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(0n);
      expect(await transfersOf(db, id)).toEqual(["redemption"]);

      rpc.mode = "up";
      await drainPayouts(deps);
      await expectPaidOnce(db, id, contributor, 2n * TOKEN);
      expect((await redemptionRow(db, id)).tx_hash).toBe(waiting.tx_hash);
      expect(rpc.sentTransactions).toBe(1);
    });

    it("pays once when the node takes the transaction but its answer is lost", async () => {
      const db = database();
      const { contributor, id } = await redeemed(db, 3n * TOKEN);
      const rpc = flakyRpc(world.chain.rpcUrl);
      rpc.mode = "send-answer-lost";
      const deps = workerDeps(db, tokenClientVia(world, rpc.transport));
      await submitNextPayout(deps);
      expect((await redemptionRow(db, id)).status).toBe("submitted");
      // The worker believes the broadcast failed; the checks send the same transaction again, which the node knows.
      await drainPayouts(deps);
      await expectPaidOnce(db, id, contributor, 3n * TOKEN);
      expect(rpc.sentTransactions).toBe(1);
    });

    it("refunds, and pays nothing, when the payout's transaction can never be mined; a new redemption is then paid", async () => {
      const db = database();
      const { contributor, id } = await redeemed(db, 2n * TOKEN);
      const rpc = flakyRpc(world.chain.rpcUrl);
      const deps = workerDeps(db, tokenClientVia(world, rpc.transport), {
        afterRecord: () => {
          rpc.mode = "down";
        },
      });
      await processPayouts(deps);
      const recorded = await redemptionRow(db, id);
      expect(recorded.status).toBe("submitted");

      // While the worker cannot reach the node, another transaction of the payout key is mined with the payout's
      // nonce (an operator's manual send, a second node's mempool): the recorded transaction can never be mined.
      const bystander = getAddress(privateKeyToAccount(generatePrivateKey()).address);
      const context = await world.token.prepareMint();
      const other = await world.token.signMint({ to: bystander, amount: 1n, nonce: Number(recorded.nonce), context });
      await world.token.broadcast(other.rawTransaction);
      expect(await world.token.balanceOf(bystander)).toBe(1n);

      rpc.mode = "up";
      await drainPayouts(deps);
      const failed = await redemptionRow(db, id);
      expect(failed.status).toBe("failed");
      expect(failed.failure).toMatch(/nonce/);
      expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(0n);
      expect(await transfersOf(db, id)).toEqual(["redemption", "refund"]);
      expect(await balanceOf(db, contributor.address)).toBe((5n * TOKEN).toString());
      await expectBooksClean(db);

      // The refunded balance can be redeemed again, and that payout goes through once.
      const again = await postRedemption(
        redemptionApp(db, world),
        contributor.account,
        redemptionBody(contributor, (2n * TOKEN).toString()),
      );
      expect(again.status).toBe(201);
      const secondId = redemptionSchema.parse(await again.json()).id;
      await drainPayouts(workerDeps(db, tokenClientVia(world, rpc.transport)));
      await expectPaidOnce(db, secondId, contributor, 2n * TOKEN);
      expect((await redemptionRow(db, id)).status).toBe("failed");
    });
  });

  describe("the worker killed mid-payout and a new one started", () => {
    it("after signing, before the payout is recorded: nothing left the process, the new worker pays once", async () => {
      const db = database();
      const { contributor, id } = await redeemed(db, 2n * TOKEN);
      const minedBefore = await world.token.minedNonce();
      await expect(submitNextPayout(workerDeps(db, dyingAfterSigning(world.token)))).rejects.toThrow(/killed/);
      // The database transaction rolled back: still pending, no hash, the nonce not taken.
      expect(await redemptionRow(db, id)).toMatchObject({ status: "pending", tx_hash: null, nonce: null });

      await drainPayouts(workerDeps(db, world.token));
      await expectPaidOnce(db, id, contributor, 2n * TOKEN);
      expect(await world.token.minedNonce()).toBe(minedBefore + 1);
    });

    it("after recording the transaction, before it is sent: the new worker sends that same transaction, once", async () => {
      const db = database();
      const { contributor, id } = await redeemed(db, 2n * TOKEN);
      const dying = workerDeps(db, world.token, {
        afterRecord: () => {
          throw new Error("worker killed after recording");
        },
      });
      await expect(submitNextPayout(dying)).rejects.toThrow(/killed/);
      const recorded = await redemptionRow(db, id);
      expect(recorded.status).toBe("submitted");
      expect(await world.token.receipt(recorded.tx_hash as `0x${string}`)).toBeNull();
      expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(0n);

      // A new worker, as a restarted server runs it, on its own timer.
      const worker = startPayoutWorker(
        workerDeps(db, tokenClientVia(world, flakyRpc(world.chain.rpcUrl).transport), { pollMs: 10 }),
      );
      try {
        await expect.poll(async () => (await redemptionRow(db, id)).status, { timeout: 10_000 }).toBe("confirmed");
      } finally {
        await worker.stop();
      }
      await expectPaidOnce(db, id, contributor, 2n * TOKEN);
      expect((await redemptionRow(db, id)).tx_hash).toBe(recorded.tx_hash);
    });

    it("after sending, before the receipt: the new worker finds the receipt and pays nothing more", async () => {
      const db = database();
      const { contributor, id } = await redeemed(db, 4n * TOKEN);
      // The old worker signed, recorded and sent, then died before it looked for the receipt.
      expect(await submitNextPayout(workerDeps(db, world.token))).toBe(true);
      expect((await redemptionRow(db, id)).status).toBe("submitted");

      const rpc = flakyRpc(world.chain.rpcUrl);
      await drainPayouts(workerDeps(db, tokenClientVia(world, rpc.transport)));
      await expectPaidOnce(db, id, contributor, 4n * TOKEN);
      // The receipt was there: the new worker sent nothing, and later passes change nothing either.
      expect(rpc.sentTransactions).toBe(0);
      for (let pass = 0; pass < 3; pass++) await processPayouts(workerDeps(db, world.token));
      expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(4n * TOKEN);
    });
  });
});
