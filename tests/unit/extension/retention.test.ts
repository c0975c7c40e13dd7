// fake-indexeddb first: the modules under test load Dexie, which looks for IndexedDB as it loads.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { storeItems } from "../../../extension/pipeline/store-items";
import type { TributaryDatabase } from "../../../extension/storage/database";
import { applyRetention } from "../../../extension/storage/retention";
import { contentHash } from "../../../shared/content-hash";
import { freshDeviceDatabase, itemsOn } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

const DAY = 86_400_000;
const NOW = 100 * DAY;

let db: TributaryDatabase;
afterEach(async () => db?.delete());

async function storeAt(id: string, capturedAt: number): Promise<string> {
  const item = makeItem({ id, text: `[EMAIL] post ${id}` });
  await storeItems(db, [{ item, rawText: `me@example.com post ${id}`, redactions: [] }], capturedAt);
  return contentHash(item);
}

describe("local retention", () => {
  it("purges the raw text of items captured longer ago than the setting, and keeps the rest", async () => {
    db = freshDeviceDatabase();
    const old = await storeAt("old", NOW - 31 * DAY);
    const recent = await storeAt("recent", NOW - 29 * DAY);

    const report = await applyRetention(db, { purgeRawAfterDays: 30, purgeUploadedAfterDays: null }, NOW);

    expect(report).toEqual({ rawTextsPurged: 1, itemsDeleted: 0, batchesDeleted: 0 });
    expect((await db.contents.get(old))?.rawText).toBeUndefined();
    expect((await db.contents.get(old))?.item.text).toBe("[EMAIL] post old");
    expect((await db.contents.get(recent))?.rawText).toBe("me@example.com post recent");
    // The text the item is found by did not change, and neither did its words.
    expect((await db.searchIndex.toArray()).find((row) => row.key.endsWith(old))?.words).toContain("email");
  });

  it("deletes items uploaded longer ago than the setting, and their finished batch once it is empty", async () => {
    db = freshDeviceDatabase();
    const uploaded = await storeAt("up", NOW - 50 * DAY);
    const pending = await storeAt("pending", NOW - 50 * DAY);
    const fresh = await storeAt("fresh", NOW - 50 * DAY);
    await db.items.update(uploaded, { status: "uploaded", updatedAt: NOW - 10 * DAY, batchId: "b1" });
    await db.items.update(fresh, { status: "uploaded", updatedAt: NOW - 2 * DAY, batchId: "b2" });
    const batch = { body: "{}", state: "done" as const, createdAt: NOW - 11 * DAY, attempts: 1, nextAttemptAt: 0 };
    await db.batches.bulkAdd([
      { ...batch, id: "b1", contentHashes: [uploaded] },
      { ...batch, id: "b2", contentHashes: [fresh] },
    ]);

    const report = await applyRetention(db, { purgeRawAfterDays: null, purgeUploadedAfterDays: 7 }, NOW);

    expect(report).toEqual({ rawTextsPurged: 0, itemsDeleted: 1, batchesDeleted: 1 });
    // Record and content: nothing of the deleted item is left.
    expect((await itemsOn(db)).map((row) => row.contentHash).sort()).toEqual([fresh, pending].sort());
    expect((await db.batches.toArray()).map((b) => b.id)).toEqual(["b2"]);
  });

  it("keeps everything when both settings are off", async () => {
    db = freshDeviceDatabase();
    await storeAt("old", 0);
    expect(await applyRetention(db, { purgeRawAfterDays: null, purgeUploadedAfterDays: null }, NOW)).toEqual({
      rawTextsPurged: 0,
      itemsDeleted: 0,
      batchesDeleted: 0,
    });
    expect((await itemsOn(db))[0]?.rawText).toBeDefined();
  });
});
