// The payout worker: mints each redemption on chain exactly once, follows it to confirmed or failed, refunds failures.
import type { Address, Hex } from "viem";
import type { PayoutSettings } from "../chain/chain-config";
import { createTokenClient, type TokenClient } from "../chain/token-client";
import type { Database } from "../db/database";
import type { Logger } from "../log";
import { contributorAccount, pendingAccount, transfer } from "./ledger";

/** Where confirmed payouts go in the books: the tokens now exist on chain, outside the ledger. */
export const PAID_OUT_ACCOUNT = "pool:paid-out";

export interface PayoutDeps {
  db: Database;
  token: TokenClient;
  log: Logger;
  /** Blocks from the payout's own block to the head, inclusive, before it counts as confirmed. */
  confirmations: number;
  /** How soon a payout waiting for its block (or its confirmations) is looked at again. */
  pollMs: number;
  /** How long a process may hold a submitted payout it is checking before another process may take it over. */
  leaseMs?: number;
  /** Called after a signed payout is recorded and before it is broadcast: tests crash the worker here. */
  afterRecord?: (redemptionId: string) => Promise<void> | void;
}

const DEFAULT_LEASE_MS = 30_000;
const MAX_RETRY_MS = 60_000;
/** Per pass, so one pass ends and a stop() or a wake() is heard soon. */
const BATCH = 20;

/** Signs and records one pending payout (nonce, hash, raw transaction), then broadcasts it; false when none waits. */
export async function submitNextPayout(deps: PayoutDeps): Promise<boolean> {
  // Checked first, so an idle worker costs one indexed query per poll and no call to the chain.
  const waiting = await deps.db.query(
    "select 1 from redemptions where status = 'pending' and next_attempt_at <= now() limit 1",
  );
  if (waiting.length === 0) return false;
  const context = await deps.token.prepareMint();
  const signer = deps.token.signer.toLowerCase();
  const recorded = await deps.db.transaction(async (tx) => {
    const [payout] = await tx.query<{ id: string; destination: Address; amount: string }>(
      `select id::text, destination, amount::text from redemptions
       where status = 'pending' and next_attempt_at <= now() order by created_at, id limit 1 for update skip locked`,
    );
    if (!payout) return undefined;
    await tx.query("insert into payout_signers (address, next_nonce) values ($1, 0) on conflict (address) do nothing", [
      signer,
    ]);
    // One nonce per transaction, whichever process signs: the signer's row is the queue.
    const [row] = await tx.query<{ next_nonce: string }>(
      "select next_nonce::text from payout_signers where address = $1 for update",
      [signer],
    );
    const stored = Number(row?.next_nonce ?? 0);
    const nonce = Math.max(stored, context.pendingNonce);
    const signed = await deps.token.signMint({ to: payout.destination, amount: BigInt(payout.amount), nonce, context });
    await tx.query("update payout_signers set next_nonce = $2 where address = $1", [signer, nonce + 1]);
    // Recorded before the transaction leaves this process: after a crash, this exact transaction is sent again,
    // never a second one, so the payout cannot happen twice.
    await tx.query(
      `update redemptions set status = 'submitted', signer = $2, nonce = $3, tx_hash = $4, raw_tx = $5,
         next_attempt_at = now(), updated_at = now()
       where id = $1`,
      [payout.id, signer, nonce, signed.hash, signed.rawTransaction],
    );
    return { id: payout.id, ...signed };
  });
  if (!recorded) return false;
  await deps.afterRecord?.(recorded.id);
  try {
    await deps.token.broadcast(recorded.rawTransaction);
  } catch (error) {
    // Sent again when the payout is checked: the node may also have it already.
    deps.log.warn("payout broadcast failed; will retry", { redemptionId: recorded.id, error: String(error) });
  }
  deps.log.info("payout submitted", { redemptionId: recorded.id, txHash: recorded.hash });
  return true;
}

interface SubmittedPayout {
  id: string;
  tx_hash: Hex;
  raw_tx: Hex;
  nonce: string;
  attempts: number;
}

type Verdict =
  | { outcome: "confirmed"; blockNumber: bigint }
  | { outcome: "failed"; reason: string; blockNumber?: bigint }
  | { outcome: "wait" };

async function judgePayout(deps: PayoutDeps, payout: SubmittedPayout): Promise<Verdict> {
  let receipt = await deps.token.receipt(payout.tx_hash);
  if (!receipt) {
    try {
      await deps.token.broadcast(payout.raw_tx);
    } catch {
      // "already known", or the node is away: the nonce check below decides.
    }
    if ((await deps.token.minedNonce()) <= Number(payout.nonce)) return { outcome: "wait" };
    // The nonce is used; if not by this transaction, this one can never be mined.
    receipt = await deps.token.receipt(payout.tx_hash);
    if (!receipt)
      return { outcome: "failed", reason: "another transaction took this payout's nonce; it was never mined" };
  }
  const depth = (await deps.token.blockNumber()) - receipt.blockNumber + 1n;
  if (depth < BigInt(deps.confirmations)) return { outcome: "wait" };
  if (receipt.status === "reverted") {
    return { outcome: "failed", reason: "the mint transaction reverted", blockNumber: receipt.blockNumber };
  }
  return { outcome: "confirmed", blockNumber: receipt.blockNumber };
}

/** Books the outcome once: confirmed moves the pending amount out; failed gives it back to the contributor. */
async function settlePayout(deps: PayoutDeps, id: string, verdict: Exclude<Verdict, { outcome: "wait" }>) {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.query<{ status: string; contributor: string; amount: string }>(
      "select status, contributor, amount::text from redemptions where id = $1 for update",
      [id],
    );
    if (row?.status !== "submitted") return;
    const amount = BigInt(row.amount);
    const confirmed = verdict.outcome === "confirmed";
    const moved = await transfer(tx, {
      transferId: `${confirmed ? "payout" : "refund"}:${id}`,
      from: pendingAccount(row.contributor),
      to: confirmed ? PAID_OUT_ACCOUNT : contributorAccount(row.contributor),
      amount,
    });
    if (moved.outcome !== "recorded") throw new Error(`payout ${id} not booked: ${moved.outcome}`);
    await tx.query(
      `update redemptions set status = $2, block_number = $3, failure = $4, updated_at = now() where id = $1`,
      [id, verdict.outcome, verdict.blockNumber?.toString() ?? null, confirmed ? null : verdict.reason],
    );
  });
  if (verdict.outcome === "confirmed") deps.log.info("payout confirmed", { redemptionId: id });
  else deps.log.warn("payout failed and refunded", { redemptionId: id, reason: verdict.reason });
}

async function retryLater(deps: PayoutDeps, id: string, delayMs: number, countAttempt: boolean) {
  await deps.db.query(
    `update redemptions set next_attempt_at = now() + $2::int * interval '1 millisecond',
       attempts = attempts + $3::int where id = $1 and status = 'submitted'`,
    [id, Math.round(delayMs), countAttempt ? 1 : 0],
  );
}

/** Checks the submitted payouts whose time has come; returns how many were looked at. */
export async function checkSubmittedPayouts(deps: PayoutDeps): Promise<number> {
  // A lease rather than a lock held across RPC calls: no transaction stays open while the chain answers.
  const claimed = await deps.db.query<SubmittedPayout>(
    `update redemptions set next_attempt_at = now() + $1::int * interval '1 millisecond'
     where id in (select id from redemptions where status = 'submitted' and next_attempt_at <= now()
                  order by nonce limit $2 for update skip locked)
     returning id::text, tx_hash, raw_tx, nonce::text, attempts`,
    [deps.leaseMs ?? DEFAULT_LEASE_MS, BATCH],
  );
  for (const payout of claimed) {
    try {
      const verdict = await judgePayout(deps, payout);
      if (verdict.outcome === "wait") await retryLater(deps, payout.id, deps.pollMs, false);
      else await settlePayout(deps, payout.id, verdict);
    } catch (error) {
      const delay = Math.min(deps.pollMs * 2 ** Math.min(payout.attempts, 16), MAX_RETRY_MS);
      deps.log.warn("payout check failed; will retry", { redemptionId: payout.id, error: String(error) });
      await retryLater(deps, payout.id, delay, true);
    }
  }
  return claimed.length;
}

/** One pass: sign and send what is pending, then follow what was sent. */
export async function processPayouts(deps: PayoutDeps): Promise<void> {
  for (let sent = 0; sent < BATCH; sent++) {
    let more: boolean;
    try {
      more = await submitNextPayout(deps);
    } catch (error) {
      // The chain could not be read before signing: nothing was recorded, the payout stays pending.
      deps.log.warn("could not prepare a payout; will retry", { error: String(error) });
      break;
    }
    if (!more) break;
  }
  await checkSubmittedPayouts(deps);
}

export interface PayoutWorker {
  /** Run a pass now (e.g. a redemption was just created). */
  wake(): void;
  /** Waits for the pass in progress, then stops. */
  stop(): Promise<void>;
}

/** Runs passes every pollMs (or when woken) until stopped; safe next to workers in other processes. */
export function startPayoutWorker(deps: PayoutDeps): PayoutWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  };
  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = processPayouts(deps)
      .catch((error) => deps.log.error("payout pass failed", { error }))
      .finally(() => {
        running = undefined;
        const soon = again;
        again = false;
        schedule(soon ? 0 : deps.pollMs);
      });
  }
  schedule(0);
  return {
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The worker for a server's configuration, or undefined when no payout chain is configured. */
export function startConfiguredPayouts(settings: PayoutSettings, db: Database, log: Logger): PayoutWorker | undefined {
  if (!settings.chain) return undefined;
  const token = createTokenClient(settings.chain);
  return startPayoutWorker({ db, token, log, confirmations: settings.confirmations, pollMs: settings.payoutPollMs });
}
