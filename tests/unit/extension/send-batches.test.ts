// Sending batches to a real ingest app through an unreliable network: same id and bytes on every retry, backoff with
// jitter on 429/5xx/network errors, Retry-After honoured, and the batch credited once.
import { afterEach, describe, expect, it } from "vitest";
import { storeNewItems } from "../../../extension/pipeline/store-items";
import type { TributaryDatabase } from "../../../extension/storage/database";
import { BACKOFF_BASE_MS } from "../../../extension/upload/backoff";
import { formBatches } from "../../../extension/upload/form-batches";
import { sendOpenBatches } from "../../../extension/upload/send-batches";
import { type Database, openDatabase } from "../../../server/db/database";
import { balanceOf } from "../../../server/services/ledger";
import { freshDeviceDatabase } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";
import { newContributor, testApp } from "../../helpers/server";

let device: TributaryDatabase;
let server: Database;
afterEach(async () => {
  await device?.delete();
  await server?.close();
});

/** A network that fails the first sends in the given ways, then reaches the app; it records what was sent. */
function flakyNetwork(app: ReturnType<typeof testApp>, failures: ("429" | "503" | "offline")[]) {
  const sent: { batchId: string; body: string }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    sent.push({ batchId: JSON.parse(body).batchId, body });
    const failure = failures.shift();
    if (failure === "offline") throw new TypeError("fetch failed");
    if (failure === "429") return new Response("{}", { status: 429, headers: { "retry-after": "600" } });
    if (failure === "503") return new Response("unavailable", { status: 503 });
    return app.request(request);
  }) as typeof fetch;
  return { sent, fetch: fetchImpl };
}

describe("sending batches through an unreliable network", () => {
  it("retries with the same id and bytes after 429, network errors and 503, and is credited once", async () => {
    device = freshDeviceDatabase();
    server = await openDatabase();
    let now = Date.parse("2025-06-01T12:00:00Z");
    const app = testApp(server, { now: () => now });
    const account = newContributor();
    await storeNewItems(device, [makeItem(), makeItem()], now);
    await device.items.toCollection().modify({ status: "approved" });
    await formBatches(device, now, () => crypto.randomUUID());
    const network = flakyNetwork(app, ["429", "offline", "503"]);
    const deps = { db: device, account, serverUrl: "http://tributary.test", fetch: network.fetch, random: () => 0.5 };

    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const report = await sendOpenBatches({ ...deps, now: () => now });
      if (report.nextAttemptAt === undefined) break;
      waits.push(report.nextAttemptAt - now);
      now = report.nextAttemptAt;
    }

    // Retry-After: 600 beats the first backoff (30 s); then jittered exponential backoff (0.75 × 60 s, 0.75 × 120 s).
    expect(waits).toEqual([600_000, 0.75 * 2 * BACKOFF_BASE_MS, 0.75 * 4 * BACKOFF_BASE_MS]);
    expect(network.sent).toHaveLength(4);
    expect(new Set(network.sent.map((send) => send.body)).size).toBe(1);
    const [batch] = await device.batches.toArray();
    expect(batch).toMatchObject({ state: "done", id: network.sent[0]!.batchId });
    expect(await balanceOf(server, account.address)).toBe(batch!.credited);
    expect((await device.items.toArray()).map((item) => item.status)).toEqual(["uploaded", "uploaded"]);
  });
});
