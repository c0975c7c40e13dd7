import { afterEach, describe, expect, it } from "vitest";
import { storeNewItems } from "../../../extension/pipeline/store-items";
import { decideAllPending } from "../../../extension/review/review-actions";
import type { TributaryDatabase } from "../../../extension/storage/database";
import { formBatches } from "../../../extension/upload/form-batches";
import { batchRequestSchema, MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from "../../../shared/batch";
import { contentHash } from "../../../shared/content-hash";
import { freshDeviceDatabase } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

let db: TributaryDatabase;
afterEach(async () => db?.delete());

let next = 0;
const newId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, "0")}`;

describe("forming upload batches", () => {
  it("puts only approved items in batches of at most 100, each with a persisted id and body", async () => {
    db = freshDeviceDatabase();
    const items = Array.from({ length: 250 }, (_, i) => makeItem({ id: `p${i}` }));
    await storeNewItems(db, items, 1000);
    await storeNewItems(db, [makeItem({ id: "left-pending" })], 1000);
    await db.items.where("status").equals("pending").limit(250).modify({ status: "approved" });

    expect(await formBatches(db, 2000, newId)).toBe(3);
    const batches = await db.batches.toArray();
    expect(batches.map((b) => b.contentHashes.length).sort((a, b) => a - b)).toEqual([
      50,
      MAX_BATCH_ITEMS,
      MAX_BATCH_ITEMS,
    ]);
    for (const batch of batches) {
      const body = batchRequestSchema.parse(JSON.parse(batch.body));
      expect(body.batchId).toBe(batch.id);
      expect(body.items).toHaveLength(batch.contentHashes.length);
      const members = await db.items.where("batchId").equals(batch.id).toArray();
      expect(members.every((m) => m.status === "queued")).toBe(true);
    }
    expect(await db.items.where("status").equals("pending").count()).toBe(1);
    expect(await db.items.where("status").equals("approved").count()).toBe(0);
  });

  it("keeps each batch body under 1 MB", async () => {
    db = freshDeviceDatabase();
    const big = "ω".repeat(18_000); // 36 KB of UTF-8 each
    await storeNewItems(
      db,
      Array.from({ length: 60 }, (_, i) => makeItem({ id: `big${i}`, text: big })),
      1000,
    );
    await decideAllPending(db, "approved");
    await formBatches(db, 2000, newId);
    const batches = await db.batches.toArray();
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches)
      expect(new TextEncoder().encode(batch.body).length).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(batches.reduce((n, b) => n + b.contentHashes.length, 0)).toBe(60);
  });

  it("refuses, with a reason, an approved item whose content is missing, and sends the others", async () => {
    db = freshDeviceDatabase();
    const items = ["a", "b", "c"].map((id) => makeItem({ id }));
    await storeNewItems(db, items, 1000);
    await decideAllPending(db, "approved");
    const lost = contentHash(items[1]!);
    await db.contents.delete(lost);

    expect(await formBatches(db, 2000, newId)).toBe(1);
    expect(await db.items.get(lost)).toMatchObject({
      status: "refused",
      updatedAt: 2000,
      verdict: { contentHash: lost, status: "refused", reason: "its content is missing from this device" },
    });
    const [batch] = await db.batches.toArray();
    expect(batch!.contentHashes.sort()).toEqual([contentHash(items[0]!), contentHash(items[2]!)].sort());
    expect(
      batchRequestSchema
        .parse(JSON.parse(batch!.body))
        .items.map((item) => item.id)
        .sort(),
    ).toEqual(["a", "c"]);
  });

  it("does nothing when nothing is approved", async () => {
    db = freshDeviceDatabase();
    await storeNewItems(db, [makeItem()], 1000);
    expect(await formBatches(db, 2000, newId)).toBe(0);
    expect(await db.batches.count()).toBe(0);
  });
});
