// The extension's upload queue against the real ingest server (in-process, PGlite): nothing lost, nothing doubled.
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { storeNewItems } from "../../extension/pipeline/store-items";
import { decideAllPending } from "../../extension/review/review-actions";
import type { TributaryDatabase } from "../../extension/storage/database";
import { sendOpenBatches } from "../../extension/upload/send-batches";
import { runUploadQueue } from "../../extension/upload/upload-queue";
import { createApp } from "../../server/app";
import { loadConfig } from "../../server/config";
import { type Database, openDatabase } from "../../server/db/database";
import { balanceOf } from "../../server/services/ledger";
import { freshDeviceDatabase } from "../helpers/device-database";
import { makeItem } from "../helpers/items";

const SERVER_URL = "http://127.0.0.1:8787";

let device: TributaryDatabase;
let serverDb: Database;
let serverFetch: typeof fetch;
let posts: number;

// One server for the file (each test has its own contributor key and item ids), a fresh device per test.
beforeAll(async () => {
  serverDb = await openDatabase();
  const app = createApp({ db: serverDb, config: { ...loadConfig({}), logLevel: "silent" } });
  serverFetch = async (input, init) => {
    posts++;
    return app.fetch(new Request(input, init));
  };
});
afterAll(async () => serverDb.close());

beforeEach(() => {
  device = freshDeviceDatabase();
  posts = 0;
});
afterEach(async () => device.delete());

async function approveNew(count: number, prefix: string) {
  const items = Array.from({ length: count }, (_, i) => makeItem({ id: `${prefix}${i}` }));
  await storeNewItems(device, items, Date.now());
  await decideAllPending(device, "approved");
  return items;
}

async function countServerItems(prefix: string): Promise<number> {
  const [row] = await serverDb.query<{ count: number }>(
    "select count(*)::int as count from items where native_id like $1",
    [`${prefix}%`],
  );
  return row?.count ?? 0;
}

describe("upload queue", () => {
  it("uploads approved items in signed batches and writes the verdicts back", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    await approveNew(130, "a");
    const report = await runUploadQueue({
      db: device,
      account,
      serverUrl: SERVER_URL,
      fetch: serverFetch,
      now: Date.now,
    });
    expect(report).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
    expect(await device.items.where("status").equals("uploaded").count()).toBe(130);
    expect(await countServerItems("a")).toBe(130);
    expect(BigInt(await balanceOf(serverDb, account.address))).toBeGreaterThan(0n);
  });

  it("keeps a batch and its id while the server is down, and sends it once it is back", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    await approveNew(5, "b");
    // The signing clock must stay within the server's ±5 minute window: start from the real time.
    let now = Date.now();
    const down: typeof fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    const first = await runUploadQueue({ db: device, account, serverUrl: SERVER_URL, fetch: down, now: () => now });
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    const [batch] = await device.batches.toArray();
    expect(batch).toMatchObject({ state: "open", attempts: 1 });
    expect(batch!.nextAttemptAt).toBeGreaterThan(now);
    expect(await device.items.where("status").equals("queued").count()).toBe(5);

    // Not before its time: backoff is respected.
    const early = await sendOpenBatches({
      db: device,
      account,
      serverUrl: SERVER_URL,
      fetch: serverFetch,
      now: () => now,
    });
    expect(early.sent).toBe(0);
    expect(posts).toBe(0);

    now = batch!.nextAttemptAt;
    const later = await runUploadQueue({
      db: device,
      account,
      serverUrl: SERVER_URL,
      fetch: serverFetch,
      now: () => now,
    });
    expect(later.sent).toBe(1);
    const [sent] = await device.batches.toArray();
    expect(sent).toMatchObject({ id: batch!.id, state: "done" });
    expect(await device.items.where("status").equals("uploaded").count()).toBe(5);
  });

  it("credits once when the answer is lost and the same batch is sent again (worker killed mid-upload)", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    await approveNew(10, "c");
    // The server stores and credits the batch, but the worker dies before it reads the answer.
    const lostAnswer: typeof fetch = async (input, init) => {
      await serverFetch(input, init);
      throw new TypeError("the service worker was stopped");
    };
    let now = Date.now();
    await runUploadQueue({ db: device, account, serverUrl: SERVER_URL, fetch: lostAnswer, now: () => now });
    const creditedOnce = await balanceOf(serverDb, account.address);
    expect(BigInt(creditedOnce)).toBeGreaterThan(0n);

    const [pending] = await device.batches.toArray();
    now = pending!.nextAttemptAt;
    const retry = await runUploadQueue({
      db: device,
      account,
      serverUrl: SERVER_URL,
      fetch: serverFetch,
      now: () => now,
    });
    expect(retry.sent).toBe(1);
    expect(await balanceOf(serverDb, account.address)).toBe(creditedOnce);
    expect(await countServerItems("c")).toBe(10);
    expect(await device.batches.count()).toBe(1);
    const verdicts = (await device.items.toArray()).map((stored) => stored.verdict?.status);
    expect(verdicts.every((status) => status === "accepted")).toBe(true);
  });

  it("retries on 5xx and 429, and marks items refused when the server rejects the batch itself", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    await approveNew(3, "d");
    const unavailable: typeof fetch = async () => new Response("busy", { status: 503 });
    const busy = await runUploadQueue({
      db: device,
      account,
      serverUrl: SERVER_URL,
      fetch: unavailable,
      now: Date.now,
    });
    expect(busy).toMatchObject({ retrying: 1, failed: 0 });

    const [batch] = await device.batches.toArray();
    const invalid: typeof fetch = async () =>
      new Response(JSON.stringify({ type: "about:blank", title: "Bad", status: 400, code: "batch.invalid" }), {
        status: 400,
        headers: { "content-type": "application/problem+json" },
      });
    const refused = await sendOpenBatches({
      db: device,
      account,
      serverUrl: SERVER_URL,
      fetch: invalid,
      now: () => batch!.nextAttemptAt,
    });
    expect(refused.failed).toBe(1);
    const items = await device.items.toArray();
    expect(items.every((stored) => stored.status === "refused")).toBe(true);
    expect(items[0]!.verdict).toMatchObject({ status: "refused", reason: expect.stringContaining("batch.invalid") });
  });

  it("never sends an item that was not approved", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    await storeNewItems(device, [makeItem({ id: "pending-1" }), makeItem({ id: "pending-2" })], Date.now());
    const report = await runUploadQueue({
      db: device,
      account,
      serverUrl: SERVER_URL,
      fetch: serverFetch,
      now: Date.now,
    });
    expect(report.sent).toBe(0);
    expect(posts).toBe(0);
    expect(await countServerItems("pending-")).toBe(0);
  });
});
