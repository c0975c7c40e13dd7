// The payout tests' world: a dev chain with the token deployed, an app that redeems, a worker, funded contributors.
import { randomUUID } from "node:crypto";
import { type Address, getAddress, type Transport } from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { createApp } from "../../../server/app";
import { deployToken } from "../../../server/chain/deploy-token";
import { type DevChain, startDevChain } from "../../../server/chain/dev-chain";
import { createTokenClient, type TokenClient } from "../../../server/chain/token-client";
import type { ServerConfig } from "../../../server/config";
import type { Database } from "../../../server/db/database";
import { silentLogger } from "../../../server/log";
import { setPayoutAddress } from "../../../server/services/contributors";
import { creditContributor } from "../../../server/services/ledger";
import { type PayoutDeps, processPayouts } from "../../../server/services/payouts";
import { REDEMPTIONS_PATH, type RedemptionRequest } from "../../../shared/redemption";
import { newContributor, signedRequest, testConfig } from "../../helpers/server";

export const TOKEN = 10n ** 18n;

export interface PayoutChain {
  chain: DevChain;
  tokenAddress: Address;
  token: TokenClient;
  close(): Promise<void>;
}

export async function startPayoutChain(): Promise<PayoutChain> {
  const chain = await startDevChain();
  const tokenAddress = await deployToken(chain.rpcUrl, chain.payoutPrivateKey);
  const token = createTokenClient({ rpcUrl: chain.rpcUrl, tokenAddress, payoutPrivateKey: chain.payoutPrivateKey });
  return { chain, tokenAddress, token, close: () => chain.close() };
}

/** The token client with another transport, e.g. one that fails on purpose. */
export function tokenClientVia(world: PayoutChain, transport: Transport): TokenClient {
  return createTokenClient({
    rpcUrl: world.chain.rpcUrl,
    tokenAddress: world.tokenAddress,
    payoutPrivateKey: world.chain.payoutPrivateKey,
    transport,
  });
}

export function payoutConfig(world: PayoutChain | undefined, minimum = TOKEN): ServerConfig {
  return {
    ...testConfig,
    // 200 redemptions at once from one contributor are the point of a test here, not a rate-limit breach.
    rateLimits: { perIp: 0, perContributor: 0 },
    payouts: {
      chain: world
        ? {
            rpcUrl: world.chain.rpcUrl,
            tokenAddress: world.tokenAddress,
            payoutPrivateKey: world.chain.payoutPrivateKey,
          }
        : undefined,
      confirmations: 1,
      redemptionMinimum: minimum,
      payoutPollMs: 20,
    },
  };
}

export function redemptionApp(db: Database, world: PayoutChain | undefined, minimum = TOKEN) {
  return createApp({ db, config: payoutConfig(world, minimum), log: silentLogger });
}

export function workerDeps(db: Database, token: TokenClient, extra: Partial<PayoutDeps> = {}): PayoutDeps {
  return { db, token, log: silentLogger, confirmations: 1, pollMs: 0, leaseMs: 0, ...extra };
}

/** Runs worker passes until no payout is pending or submitted (or gives up after `passes`). */
export async function drainPayouts(deps: PayoutDeps, passes = 20): Promise<void> {
  for (let pass = 0; pass < passes; pass++) {
    await processPayouts(deps);
    const [open] = await deps.db.query<{ count: number }>(
      "select count(*)::int as count from redemptions where status in ('pending', 'submitted')",
    );
    if ((open?.count ?? 0) === 0) return;
  }
}

export interface FundedContributor {
  account: PrivateKeyAccount;
  /** Lowercase, as the server names the contributor. */
  address: string;
  /** A fresh EIP-55 payout address with no tokens yet. */
  payoutAddress: Address;
}

/** A contributor credited `amount` by the rewards pool, with a payout address set. */
export async function fundedContributor(db: Database, amount: bigint): Promise<FundedContributor> {
  const account = newContributor();
  const address = account.address.toLowerCase();
  const payoutAddress = getAddress(privateKeyToAccount(generatePrivateKey()).address);
  await db.transaction((tx) => creditContributor(tx, { transferId: `test:${randomUUID()}`, address, amount }));
  await setPayoutAddress(db, address, payoutAddress);
  return { account, address, payoutAddress };
}

export function redemptionBody(
  contributor: FundedContributor,
  amount: string,
  fields: Partial<RedemptionRequest> = {},
): RedemptionRequest {
  return { redemptionId: randomUUID(), amount, destination: contributor.payoutAddress, ...fields };
}

export async function postRedemption(
  app: ReturnType<typeof createApp>,
  account: PrivateKeyAccount,
  body: RedemptionRequest | string,
): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return app.request(await signedRequest(account, text, { path: REDEMPTIONS_PATH }));
}

export async function truncatePayoutTables(db: Database): Promise<void> {
  await db.query("truncate redemptions, payout_signers");
}

/** The ledger's rows for one redemption, by kind: what the books say happened to it. */
export async function transfersOf(db: Database, redemptionId: string): Promise<string[]> {
  const rows = await db.query<{ transfer_id: string }>(
    "select distinct transfer_id from ledger_entries where transfer_id like '%:' || $1 order by 1",
    [redemptionId],
  );
  return rows.map((row) => row.transfer_id.split(":")[0] ?? "");
}
