// upload → reconcile: sends each open batch, signed, and writes the server's per-item verdicts back to the items.
import type { LocalAccount } from "viem";
import { type BatchResponse, batchResponseSchema } from "../../shared/batch";
import { problemSchema } from "../../shared/problem";
import { signRequest } from "../../shared/request-auth";
import type { StoredBatch, TributaryDatabase } from "../storage/database";
import { retryAfterMs, retryDelayMs } from "./backoff";

export const BATCHES_PATH = "/v1/batches";

export interface SendDeps {
  db: TributaryDatabase;
  account: LocalAccount;
  serverUrl: string;
  fetch: typeof fetch;
  now: () => number;
  random?: () => number;
}

export type SendOutcome = "sent" | "retry" | "failed";

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
  /** When the earliest batch still waiting should be tried again (epoch ms), if any. */
  nextAttemptAt?: number;
  lastError?: string;
}

async function writeVerdicts(db: TributaryDatabase, batch: StoredBatch, response: BatchResponse, now: number) {
  await db.transaction("rw", db.items, db.batches, async () => {
    const updates = response.verdicts.map((verdict) => ({
      key: verdict.contentHash,
      changes: {
        status: verdict.status === "refused" ? ("refused" as const) : ("uploaded" as const),
        verdict,
        updatedAt: now,
      },
    }));
    await db.items.bulkUpdate(updates);
    await db.batches.update(batch.id, { state: "done", credited: response.credited, lastError: undefined });
  });
}

/** The server refused the whole batch (it is invalid, not temporarily unwelcome): its items say why. */
async function refuseBatch(db: TributaryDatabase, batch: StoredBatch, reason: string, now: number) {
  await db.transaction("rw", db.items, db.batches, async () => {
    await db.items.bulkUpdate(
      batch.contentHashes.map((contentHash) => ({
        key: contentHash,
        changes: {
          status: "refused" as const,
          verdict: { contentHash, status: "refused" as const, reason },
          updatedAt: now,
        },
      })),
    );
    await db.batches.update(batch.id, { state: "failed", lastError: reason, attempts: batch.attempts + 1 });
  });
}

async function scheduleRetry(
  db: TributaryDatabase,
  batch: StoredBatch,
  error: string,
  deps: SendDeps,
  serverAskedMs = 0,
) {
  const attempts = batch.attempts + 1;
  // Jittered backoff, but never sooner than the server asked (Retry-After on 429/503).
  const nextAttemptAt = deps.now() + Math.max(retryDelayMs(attempts, deps.random), serverAskedMs);
  await db.batches.update(batch.id, { attempts, nextAttemptAt, lastError: error });
  return nextAttemptAt;
}

async function describeFailure(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const problem = problemSchema.safeParse(JSON.parse(text));
    if (problem.success) return `${response.status} ${problem.data.code}: ${problem.data.detail ?? problem.data.title}`;
  } catch {
    // Not problem+json: fall through to the status line.
  }
  return `${response.status} ${response.statusText}`.trim();
}

async function sendBatch(
  batch: StoredBatch,
  deps: SendDeps,
): Promise<{ outcome: SendOutcome; error?: string; retryAfterMs?: number }> {
  const url = new URL(BATCHES_PATH, deps.serverUrl);
  let response: Response;
  try {
    const headers = await signRequest(deps.account, { method: "POST", path: url.pathname, body: batch.body }, deps.now);
    response = await deps.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: batch.body,
    });
  } catch (error) {
    return { outcome: "retry", error: `server unreachable: ${String(error).slice(0, 200)}` };
  }
  if (response.ok) {
    const parsed = batchResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success || parsed.data.batchId !== batch.id) {
      return { outcome: "retry", error: "the server's answer was not understood" };
    }
    await writeVerdicts(deps.db, batch, parsed.data, deps.now());
    return { outcome: "sent" };
  }
  const error = await describeFailure(response);
  // 401 can be a clock skew or an expired nonce window: a fresh signature may pass, so it is retried.
  if (response.status === 429 || response.status === 401 || response.status >= 500) {
    return { outcome: "retry", error, retryAfterMs: retryAfterMs(response.headers.get("retry-after"), deps.now()) };
  }
  return { outcome: "failed", error };
}

/** Sends every open batch whose time has come, oldest first. */
export async function sendOpenBatches(deps: SendDeps): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
  const open = await deps.db.batches.where("state").equals("open").sortBy("createdAt");
  for (const batch of open) {
    if (batch.nextAttemptAt > deps.now()) {
      report.retrying++;
      report.nextAttemptAt = Math.min(report.nextAttemptAt ?? Infinity, batch.nextAttemptAt);
      continue;
    }
    const { outcome, error, retryAfterMs: serverAskedMs } = await sendBatch(batch, deps);
    if (outcome === "sent") report.sent++;
    else if (outcome === "retry") {
      report.retrying++;
      report.lastError = error;
      const next = await scheduleRetry(deps.db, batch, error ?? "retry", deps, serverAskedMs);
      report.nextAttemptAt = Math.min(report.nextAttemptAt ?? Infinity, next);
    } else {
      report.failed++;
      report.lastError = error;
      await refuseBatch(deps.db, batch, error ?? "refused by the server", deps.now());
    }
  }
  return report;
}
