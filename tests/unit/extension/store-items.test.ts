import { afterEach, describe, expect, it } from "vitest";
import { storeNewItems, storeNewPosts } from "../../../extension/pipeline/store-items";
import { approveItems, decideAllPending, rejectItems } from "../../../extension/review/review-actions";
import type { TributaryDatabase } from "../../../extension/storage/database";
import { putItems } from "../../../extension/storage/item-parts";
import { contentHash } from "../../../shared/content-hash";
import type { Item } from "../../../shared/item";
import { freshDeviceDatabase, itemsOn } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

let db: TributaryDatabase;
afterEach(async () => db?.delete());

describe("storing captured items", () => {
  it("replaces a content left without its record (a damaged database), and its words with it", async () => {
    db = freshDeviceDatabase();
    const item = makeItem({ id: "orphan", text: "harbour at dawn" });
    const stale = makeItem({ id: "orphan", text: "an older text about gardens" });
    // The content of a record that is gone, under the item's key, from another capture time and text.
    await db.transaction("rw", db.contents, () =>
      db.contents.add({ contentHash: contentHash(item), capturedAt: 5, item: stale }),
    );
    expect(await db.searchIndex.count()).toBe(1);

    expect(await storeNewItems(db, [item, makeItem({ id: "fresh" })], 1000)).toBe(2);
    expect((await itemsOn(db)).find((row) => row.item.id === "orphan")).toMatchObject({ capturedAt: 1000, item });
    const words = await db.searchIndex.toArray();
    expect(words).toHaveLength(2);
    expect(words.flatMap((row) => row.words)).not.toContain("gardens");
    expect(await db.searchIndex.where("words").equals("harbour").count()).toBe(1);
  });

  it("stores new items as pending, keyed by contentHash", async () => {
    db = freshDeviceDatabase();
    const items = [makeItem({ id: "1" }), makeItem({ id: "2" })];
    expect(await storeNewItems(db, items, 1000)).toBe(2);
    const stored = await db.items.toArray();
    expect(stored.map((s) => s.status)).toEqual(["pending", "pending"]);
    expect(new Set(stored.map((s) => s.contentHash))).toEqual(new Set(items.map(contentHash)));
  });

  it("prepares (redacts) only the posts not stored yet, found by platform and id whatever their text", async () => {
    db = freshDeviceDatabase();
    await storeNewItems(db, [makeItem({ id: "1", text: "[EMAIL] wrote this" }), makeItem({ id: "2" })], 1000);
    const again = makeItem({ id: "1", text: "ana@example.org wrote this" });
    const otherPlatform = makeItem({ id: "2", platform: "mastodon" });
    const fresh = makeItem({ id: "3" });
    const prepared: Item[] = [];

    const stored = await storeNewPosts(
      db,
      [again, otherPlatform, fresh, { ...fresh }],
      (item) => {
        prepared.push(item);
        return { item: { ...item, text: item.text.toUpperCase() } };
      },
      2000,
    );

    expect(stored).toBe(2);
    expect(prepared).toEqual([otherPlatform, fresh]);
    expect((await itemsOn(db)).find((row) => row.item.id === "1")?.item.text).toBe("[EMAIL] wrote this");
  });

  it("stores a message's other posts when one of them meets a row no lookup foresaw", async () => {
    db = freshDeviceDatabase();
    const clash = makeItem({ id: "9" });
    // A row under the post's hash that names another post, as rows written before posts were keyed by id could.
    await putItems(db, [
      {
        contentHash: contentHash(clash),
        platform: "x",
        status: "approved",
        capturedAt: 1,
        updatedAt: 1,
        item: makeItem({ id: "older" }),
      },
    ]);

    expect(await storeNewItems(db, [makeItem({ id: "8" }), clash, makeItem({ id: "10" })], 1000)).toBe(2);
    // The row under the clashing hash keeps its record and its content.
    const rows = await itemsOn(db);
    expect(rows.map((row) => row.item.id).sort()).toEqual(["10", "8", "older"]);
    expect(rows.find((row) => row.item.id === "older")?.status).toBe("approved");
  });

  it("stores the same post once, whether repeated in one response or captured again later", async () => {
    db = freshDeviceDatabase();
    const item = makeItem({ id: "7" });
    expect(await storeNewItems(db, [item, { ...item }], 1000)).toBe(1);
    expect(await storeNewItems(db, [item], 2000)).toBe(0);
    expect(await db.items.count()).toBe(1);
  });

  it("never resets the status of an item the user already decided on", async () => {
    db = freshDeviceDatabase();
    const item = makeItem({ id: "8" });
    await storeNewItems(db, [item], 1000);
    await approveItems(db, [contentHash(item)]);
    await storeNewItems(db, [item], 2000);
    expect((await db.items.get(contentHash(item)))?.status).toBe("approved");
  });
});

describe("deciding on items", () => {
  it("approves and rejects single items and every pending item at once", async () => {
    db = freshDeviceDatabase();
    const items = ["a", "b", "c", "d"].map((id) => makeItem({ id }));
    await storeNewItems(db, items, 1000);
    const [a, b] = items.map(contentHash);
    expect(await approveItems(db, [a!])).toBe(1);
    expect(await rejectItems(db, [b!])).toBe(1);
    expect(await decideAllPending(db, "approved")).toBe(2);
    const statuses = Object.fromEntries((await itemsOn(db)).map((s) => [s.item.id, s.status]));
    expect(statuses).toEqual({ a: "approved", b: "rejected", c: "approved", d: "approved" });
  });

  it("leaves queued and uploaded items as they are", async () => {
    db = freshDeviceDatabase();
    const item = makeItem({ id: "q" });
    await storeNewItems(db, [item], 1000);
    await db.items.update(contentHash(item), { status: "queued", batchId: "b" });
    expect(await rejectItems(db, [contentHash(item)])).toBe(0);
    expect((await db.items.get(contentHash(item)))?.status).toBe("queued");
  });
});
